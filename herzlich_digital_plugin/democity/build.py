"""Build the demo city: ``build_scene`` regenerates the ground truth, ``build_demo_city`` writes the store.

The store holds what a city would have after buying a capture: roads, campaigns, panoramas, one model run
with its detections, sensors, roadworks and the city's sign register (with realistic faults, register.py).
The asset table starts empty (reviewing detections creates assets); the ground truth is never written, it is
regenerated from (size, seed) with ``build_scene`` and
``detections.generate_detections``.
"""
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, Optional, Tuple

from ..store import open_store
from . import sensors
from .assets import build_assets
from .buildings import build_facades
from .capture import CAMPAIGNS, VENDOR, CaptureResult, capture
from .detections import MODEL_NAME, MODEL_VERSION, DetectionSet, generate_detections
from .randomness import DEFAULT_SEED
from .render_batch import render_all
from .roadworks import roadworks_rows
from .scene_model import Scene
from .sizes import GROUND_Z, size_spec
from .streets import build_network

MODEL_RUN_AT = datetime(2023, 7, 3, 9, 0, tzinfo=timezone.utc)


@dataclass
class DemoCityResult:
    store_path: Path
    image_folder: Path
    counts: Dict[str, int] = field(default_factory=dict)
    timings: Dict[str, float] = field(default_factory=dict)  # seconds per stage
    cancelled: bool = False


def build_scene(size: str = "demo", seed: int = DEFAULT_SEED) -> Tuple[Scene, CaptureResult]:
    """The ground truth (roads, façades, true objects) and both campaigns' panoramas. Deterministic."""
    spec = size_spec(size)
    network = build_network(spec, seed)
    scene = Scene(GROUND_Z, network.roads, build_facades(network, seed), build_assets(network, seed))
    return scene, capture(network, spec, seed)


def store_file_name(size: str) -> str:
    return f"herzlich_digital_{size}.gpkg"


def build_demo_city(size: str = "demo", seed: int = DEFAULT_SEED, output_folder=".", images: bool = False,
                    progress: Optional[Callable[[float, str], None]] = None,
                    cancelled: Optional[Callable[[], bool]] = None) -> DemoCityResult:
    """Generate the city and write ``<output_folder>/herzlich_digital_<size>.gpkg`` (replacing it).

    ``progress(percent, message)`` is called between stages and ``cancelled()`` polled there; a cancelled
    build removes the half-written file and returns a result with ``cancelled=True``.
    With ``images`` the panoramas are rendered by ``democity.render_batch.render_all``.
    """
    spec = size_spec(size)
    folder = Path(output_folder)
    folder.mkdir(parents=True, exist_ok=True)
    result = DemoCityResult(folder / store_file_name(size), folder / "images")
    report = progress or (lambda percent, message="": None)
    is_cancelled = cancelled or (lambda: False)
    t_all = time.perf_counter()

    def stage(name, percent, message, fn):
        if is_cancelled():
            raise _Cancelled()
        report(percent, message)
        t0 = time.perf_counter()
        out = fn()
        result.timings[name] = round(time.perf_counter() - t0, 3)
        return out

    try:
        network = stage("streets", 0, "Laying out the streets", lambda: build_network(spec, seed))
        facades = stage("buildings", 4, "Placing the façades", lambda: build_facades(network, seed))
        assets = stage("assets", 8, "Placing signs, markings and traffic lights", lambda: build_assets(network, seed))
        scene = Scene(GROUND_Z, network.roads, facades, assets)
        cap = stage("capture", 14, "Driving the capture campaigns", lambda: capture(network, spec, seed))
        dets = stage("detections", 18, "Simulating the detector", lambda: generate_detections(scene, cap, seed))
        result.timings["generation"] = round(sum(result.timings.values()), 3)
        _remove_store(result.store_path)

        store = stage("store_open", 25, "Creating the GeoPackage", lambda: open_store(str(result.store_path)))
        try:
            _write(store, stage, result, scene, cap, dets, spec, seed)
        finally:
            store.close()
    except _Cancelled:
        _remove_store(result.store_path)
        result.cancelled = True
        return result
    result.counts.update({
        "truth_signs": sum(1 for a in scene.assets if a.asset_class == "sign"),
        "truth_markings": sum(1 for a in scene.assets if a.asset_class == "marking"),
        "truth_lights": sum(1 for a in scene.assets if a.asset_class == "light"),
        "truth_facades": len(scene.facades),
        "road_length_m": int(round(network.total_length)),
    })
    if images:
        if is_cancelled():
            result.cancelled = True
            return result
        report(92, "Rendering the panoramas")
        t0 = time.perf_counter()
        result.counts["images"] = render_all(
            result.store_path, scene, progress=lambda p, m="": report(92 + 0.08 * float(p), m),
            cancelled=is_cancelled)
        result.timings["images"] = round(time.perf_counter() - t0, 3)
        if is_cancelled():
            result.cancelled = True
    result.timings["total"] = round(time.perf_counter() - t_all, 3)
    report(100, "Demo city ready")
    return result


class _Cancelled(Exception):
    pass


DEMOCITY_INFO_KEY = "democity"


def demo_origin(store):
    """{"size", "seed"} when the store was generated by the demo city, else None."""
    rows = store.select("store_info", where={"key": DEMOCITY_INFO_KEY}, limit=1)
    return rows[0]["value"] if rows else None


def _remove_store(path: Path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(path) + suffix)
        if p.exists():
            os.remove(p)


def _write(store, stage, result: DemoCityResult, scene: Scene, cap: CaptureResult, dets: DetectionSet, spec, seed):
    counts = result.counts
    from shapely.geometry import LineString

    def roads():
        rows = ({"id": r.road_id, "name": r.name, "road_class": r.road_class, "lanes": r.lanes,
                 "speed_limit": r.speed_limit, "oneway": r.oneway, "geom": LineString(r.coords)}
                for r in scene.roads)
        counts["road"] = store.insert_many("road", rows)

    def campaigns():
        rows = []
        for k, c in enumerate(CAMPAIGNS):
            if not (cap.campaign == k).any():
                continue
            started, ended = cap.campaign_period(k)
            rows.append({"id": k + 1, "name": c.name, "vendor": VENDOR, "started_at": started, "ended_at": ended,
                         "notes": c.notes})
        counts["campaign"] = store.insert_many("campaign", rows)

    def panoramas():
        rows = ({"id": i + 1, **row} for i, row in enumerate(cap.rows([1, 2])))
        counts["panorama"] = store.insert_many("panorama", rows)

    def detections():
        store.insert("model_run", {"id": 1, "name": MODEL_NAME, "version": MODEL_VERSION, "created_at": MODEL_RUN_AT})
        counts["model_run"] = 1
        rows = ({"id": i + 1, **row} for i, row in enumerate(dets.rows(range(1, len(cap) + 1), 1)))
        counts["detection"] = store.insert_many("detection", rows)
        counts["asset"] = 0

    def sensor_tables():
        counts["sensor_station"] = store.insert_many("sensor_station", sensors.station_rows())
        counts["sensor_datastream"] = store.insert_many("sensor_datastream", sensors.datastream_rows())
        counts["sensor_observation"] = store.insert_many(
            "sensor_observation", sensors.observation_rows(seed, spec.observation_days, year_streams=spec.year_streams))

    def roadworks():
        counts["roadworks"] = store.insert_many("roadworks", roadworks_rows())

    def register():
        # The city's register with realistic faults (democity/register.py), in the store and as the CSV a city
        # would hand over for "Import sign register".
        from .register import demo_register, write_register_csv
        rows, _truth = demo_register(scene, cap, seed)
        counts["register_entry"] = store.insert_many("register_entry", rows)
        write_register_csv(rows, result.store_path.parent / f"verkehrszeichenkataster_{spec.name}.csv")

    def origin():
        # Lets viewers render a missing demo image on first view from the same (size, seed).
        store.insert("store_info", {"key": DEMOCITY_INFO_KEY, "value": {"size": spec.name, "seed": seed}})

    t0 = time.perf_counter()
    with store.transaction():
        origin()
        stage("write_roads", 27, "Writing roads", roads)
        stage("write_campaigns", 29, "Writing campaigns", campaigns)
        stage("write_panoramas", 30, "Writing panoramas", panoramas)
        stage("write_detections", 45, "Writing detections", detections)
        stage("write_sensors", 70, "Writing sensor data", sensor_tables)
        stage("write_roadworks", 90, "Writing roadworks", roadworks)
        stage("write_register", 91, "Writing the sign register", register)
    result.timings["store"] = round(time.perf_counter() - t0, 3)
