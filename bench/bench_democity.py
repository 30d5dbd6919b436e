"""Benchmark: demo city generation.

City generation (streets, façades, signs, both campaigns, detections; no store, no images) against its peer,
the demo size's generation time scaled per panorama to the city's panorama count: a value near or below the
peer means the generator scales linearly. Also the full demo build (GeoPackage included) against the 3-minute
budget, and the city's counts against their targets.
"""
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from herzlich_digital_plugin.democity.build import build_demo_city, build_scene  # noqa: E402
from herzlich_digital_plugin.democity.detections import generate_detections  # noqa: E402

SEED = 7239


def _generate(size):
    started = time.perf_counter()
    scene, cap = build_scene(size, SEED)
    det = generate_detections(scene, cap, SEED)
    return time.perf_counter() - started, scene, cap, det


def run() -> list:
    _generate("demo")  # warm up imports and caches
    demo_s, _scene, demo_cap, _det = _generate("demo")
    city_s, scene, cap, det = _generate("city")
    signs = sum(1 for a in scene.assets if a.asset_class == "sign")
    markings = sum(1 for a in scene.assets if a.asset_class == "marking")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        demo = build_demo_city("demo", SEED, folder)
        demo_build_s = time.perf_counter() - started
        demo_mb = demo.store_path.stat().st_size / 1e6
        started = time.perf_counter()
        test = build_demo_city("test", SEED, folder)
        test_build_s = time.perf_counter() - started
        test_mb = test.store_path.stat().st_size / 1e6
        started = time.perf_counter()
        city = build_demo_city("city", SEED, folder)
        city_build_s = time.perf_counter() - started
        city_mb = city.store_path.stat().st_size / 1e6
    return [
        {"name": "democity city generation (100k panoramas, metadata)", "value": city_s, "unit": "s",
         "peer": "demo generation scaled per panorama", "peer_value": demo_s * len(cap) / len(demo_cap)},
        {"name": "democity demo build incl. GeoPackage", "value": demo_build_s, "unit": "s",
         "peer": "budget", "peer_value": 180.0},
        {"name": "democity demo GeoPackage size", "value": demo_mb, "unit": "MB", "peer": None, "peer_value": None},
        {"name": "democity test build incl. GeoPackage", "value": test_build_s, "unit": "s", "peer": None,
         "peer_value": None},
        {"name": "democity test GeoPackage size", "value": test_mb, "unit": "MB", "peer": None, "peer_value": None},
        {"name": "democity city build incl. GeoPackage", "value": city_build_s, "unit": "s",
         "peer": "city generation alone", "peer_value": city_s},
        {"name": "democity city GeoPackage size", "value": city_mb, "unit": "MB", "peer": None, "peer_value": None},
        {"name": "democity city panoramas", "value": len(cap), "unit": "count", "peer": "target",
         "peer_value": 100_600},
        {"name": "democity city detections", "value": len(det), "unit": "count", "peer": "target",
         "peer_value": 250_000},
        {"name": "democity city signs", "value": signs, "unit": "count", "peer": "target", "peer_value": 22_000},
        {"name": "democity city markings", "value": markings, "unit": "count", "peer": "target",
         "peer_value": 21_500},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
