"""Benchmark of the demo city's panorama renderer (democity/render.py).

Scene: the generated demo city (size "demo", seed 7239); cameras: panoramas of its capture.
Peers, chosen to put the numbers in proportion rather than to flatter them:
- render time  vs  Qt's JPEG encoding of the same image (the other per-image cost of render_all);
- 8K peak memory  vs  the size of the 8K output array itself (what chunking keeps the overhead to);
- render_all throughput with 2 threads  vs  the same with 1 thread.
Run: /usr/bin/python3 bench/bench_render.py
"""
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEED = 7239


def _demo():
    """(Scene, CaptureResult) of the demo city."""
    try:
        from herzlich_digital_plugin.democity.build import build_scene
    except ImportError:  # generator entry point not there yet: assemble from its parts
        build_scene = None
    if build_scene is not None:
        return build_scene("demo", SEED)
    from herzlich_digital_plugin.democity.assets import build_assets
    from herzlich_digital_plugin.democity.buildings import build_facades
    from herzlich_digital_plugin.democity.capture import capture
    from herzlich_digital_plugin.democity.scene_model import Scene
    from herzlich_digital_plugin.democity.sizes import GROUND_Z, size_spec
    from herzlich_digital_plugin.democity.streets import build_network
    spec = size_spec("demo")
    net = build_network(spec, SEED)
    return Scene(GROUND_Z, list(net.roads), build_facades(net, SEED), build_assets(net, SEED)), capture(net, spec, SEED)


def _median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _render_and_encode(rs, cap, picks, width, height):
    from herzlich_digital_plugin.democity.render import render_panorama
    from herzlich_digital_plugin.democity.render_io import encode_jpeg
    render_t, encode_t = [], []
    for i in picks:
        t = time.perf_counter()
        img = render_panorama(rs, cap.x[i], cap.y[i], cap.z[i], cap.camera_height, cap.heading[i], width, height)
        render_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        encode_jpeg(img)
        encode_t.append(time.perf_counter() - t)
    return statistics.median(render_t), statistics.median(encode_t)


def _peak_8k(rs, cap, i):
    from herzlich_digital_plugin.democity.render import render_panorama
    tracemalloc.start()  # numpy reports its buffers to tracemalloc
    img = render_panorama(rs, cap.x[i], cap.y[i], cap.z[i], cap.camera_height, cap.heading[i], 8192, 4096)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2 ** 20, img.nbytes / 2 ** 20


class _Store:
    """The two things render_all reads: a GeoPackage path for the image folder, and panorama rows."""
    backend = "gpkg"

    def __init__(self, path, rows):
        self.path = str(path)
        self._rows = rows

    def select(self, table, where=None, *args, **kwargs):
        return list(self._rows)


def _throughput(rs, cap, picks, threads):
    from herzlich_digital_plugin.democity.render_batch import render_all
    rows = list(cap.rows([1, 2]))
    rows = [dict(rows[i], id=int(i) + 1) for i in picks]
    with tempfile.TemporaryDirectory() as tmp:
        store = _Store(Path(tmp) / "demo.gpkg", rows)
        t = time.perf_counter()
        n = render_all(store, rs, threads=threads)
        elapsed = time.perf_counter() - t
    return n / elapsed


def run() -> list:
    import numpy as np

    from herzlich_digital_plugin.democity.render import prepare_scene
    scene, cap = _demo()
    rs = prepare_scene(scene)
    picks = np.random.default_rng(SEED).choice(len(cap), 40, replace=False)
    _render_and_encode(rs, cap, picks[:2], 2048, 1024)  # warm-up: ray tables, imports
    r2k, e2k = _render_and_encode(rs, cap, picks[:12], 2048, 1024)
    r8k, e8k = _render_and_encode(rs, cap, picks[:3], 8192, 4096)
    peak, out = _peak_8k(rs, cap, int(picks[0]))
    one = _throughput(rs, cap, picks[12:26], 1)
    two = _throughput(rs, cap, picks[26:40], 2)
    return [
        {"name": "render panorama 2048x1024 (demo city, median of 12)", "value": round(r2k, 4), "unit": "s",
         "peer": "Qt JPEG encode of the same image (q88)", "peer_value": round(e2k, 4)},
        {"name": "render panorama 8192x4096 (demo city, median of 3)", "value": round(r8k, 3), "unit": "s",
         "peer": "Qt JPEG encode of the same image (q88)", "peer_value": round(e8k, 3)},
        {"name": "render 8192x4096 peak traced memory", "value": round(peak, 1), "unit": "MiB",
         "peer": "size of the 8192x4096 RGB output array", "peer_value": round(out, 1)},
        {"name": "render_all 2048x1024 incl. JPEG+metadata+write, 2 threads", "value": round(two, 2),
         "unit": "panoramas/s", "peer": "same with 1 thread", "peer_value": round(one, 2)},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
