"""Benchmark: the review GUI — the next item on screen after a decision key, and the city's review layers drawn.

Figures, each with its peer measured in the same run:
- next item shown: time from the decision key press (A, or the reason number after R) until the next item
  is on screen with its crop (the queue widget repainted), p95 over ITEMS decisions on the demo city (the
  crops need its 2048 × 1024 images; they are rendered once into the cache). Between two keys the
  "reviewer" looks at the item until the preloading is done. Peer: the same decisions without preloading
  (claim one item and render its crop after the key);
- the whole city's detection and asset layers (250,773 detections, the 43,638 ground-truth assets) opened
  from the GeoPackage and drawn at full extent into 1600 × 1000 (QgsMapRendererParallelJob), styled as the
  demo project styles a city, median of RUNS; peer: the same layers with QGIS's default symbology.
Data: build/bench-cache/review-gui/ (the city file is copied from the democity/review benchmarks' caches
when they have one).
"""
import math
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = 7239
CACHE = ROOT / "build" / "bench-cache" / "review-gui"
ITEMS = 150
RUNS = 3
THINK_LIMIT_S = 5.0
OTHER_CITY_CACHES = (ROOT / "build" / "bench-cache" / "democity" / "herzlich_digital_city.gpkg",  # with assets
                     ROOT / "build" / "bench-cache" / "review-city" / "herzlich_digital_city.gpkg")


def _app():
    from qgis.core import QgsApplication
    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)
        app.initQgis()
        globals()["_APP"] = app  # keep it alive
    return app


def _p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(math.ceil(0.95 * len(values))) - 1)]


# ---------------------------------------------------------------------------- data

def _fresh(path: Path) -> bool:
    from herzlich_digital_plugin.store import open_store
    if not path.is_file():
        return False
    with open_store(str(path), create=False) as store:
        return bool(store.query("SELECT 1 AS x FROM sqlite_master WHERE name = 'review_lease'"))


def _demo_city() -> Path:
    """The demo-size city (3,800 detections) and its image folder, built once."""
    from herzlich_digital_plugin.democity.build import build_demo_city
    folder = CACHE / "demo"
    path = folder / "herzlich_digital_demo.gpkg"
    if not _fresh(path):
        shutil.rmtree(folder, ignore_errors=True)
        build_demo_city("demo", SEED, str(folder))
    (folder / "images").mkdir(exist_ok=True)
    return path


def _city_with_assets() -> Path:
    """The city GeoPackage with the ground-truth assets in its asset table."""
    from herzlich_digital_plugin.store import open_store
    path = CACHE / "herzlich_digital_city.gpkg"
    if path.is_file():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    work = CACHE / "city-build.gpkg"
    source = next((p for p in OTHER_CITY_CACHES if p.is_file()), None)
    if source is not None:
        shutil.copy(source, work)
    else:
        from herzlich_digital_plugin.democity.build import build_demo_city
        result = build_demo_city("city", SEED, str(CACHE / "city-build"))
        os.replace(result.store_path, work)
    with open_store(str(work), create=False) as store:
        if store.count("asset") == 0:
            from shapely.geometry import Point

            from herzlich_digital_plugin.democity.assets import build_assets
            from herzlich_digital_plugin.democity.sizes import size_spec
            from herzlich_digital_plugin.democity.streets import build_network
            assets = build_assets(build_network(size_spec("city"), SEED), SEED)
            store.insert_many("asset", ({"asset_class": a.asset_class, "vzkat_code": a.vzkat_code,
                                         "vzkat_value": a.vzkat_value, "lifecycle_status": "existing",
                                         "position_source": "ground_truth", "geom": Point(a.x, a.y)}
                                        for a in assets))
    os.replace(work, path)
    return path


class _Holder:
    """The ActiveStore interface on one GeoPackage."""

    def __init__(self, path):
        self.path = str(path)
        self.store = None

    def get(self):
        if self.store is None:
            from herzlich_digital_plugin.store import open_store
            self.store = open_store(self.path, create=False)
        return self.store

    def folder(self):
        return str(Path(self.path).parent)

    def close(self):
        if self.store is not None:
            self.store.close()
        self.store = None


# ---------------------------------------------------------------------------- next item shown

def _work_copy(demo: Path, name: str) -> Path:
    folder = CACHE / "work" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(demo, folder / demo.name)
    (folder / "images").symlink_to(demo.parent / "images", target_is_directory=True)  # rendered once
    return folder / demo.name


def _queue_run(demo: Path, prefetch: bool, items: int):
    """Decide ``items`` detections by key; returns the key → next-item-on-screen times (ms)."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QApplication

    from herzlich_digital_plugin.gui.review_context import ReviewContext
    from herzlich_digital_plugin.gui.review_crop import CropSource
    from herzlich_digital_plugin.gui.review_prefetch import CropPrefetcher
    from herzlich_digital_plugin.gui.review_queue_widget import ReviewQueueWidget

    path = _work_copy(demo, "prefetch" if prefetch else "plain")
    holder = _Holder(path)
    context = ReviewContext(holder, reviewer="bench", role="reviewer")
    prefetcher = CropPrefetcher(CropSource(str(path.parent), str(path)))
    queue = ReviewQueueWidget(context, prefetcher, prefetch=prefetch)
    queue.resize(760, 720)
    queue.show()
    shown = []
    queue.cropShown.connect(lambda detection_id: shown.append((detection_id, time.perf_counter())))
    times = []
    try:
        queue.start(order="score")
        for i in range(items):
            deadline = time.perf_counter() + THINK_LIMIT_S  # the reviewer looks until the preloading is done
            while time.perf_counter() < deadline:
                QApplication.processEvents()
                current = queue.current
                if current is None:
                    break
                ready = prefetcher.get(current.detection_id) is not None
                preloaded = all(prefetcher.get(it.detection_id) is not None for it in queue.buffer[1:])
                if ready and (preloaded or not prefetch) and len(queue.buffer) >= (4 if prefetch else 1):
                    break
                time.sleep(0.002)
            if queue.current is None:
                break
            if i % 3 == 2:
                QTest.keyClick(queue, Qt.Key.Key_R)
                key = Qt.Key.Key_1
            else:
                key = Qt.Key.Key_A
            before = len(shown)
            t0 = time.perf_counter()
            QTest.keyClick(queue, key)  # decides, shows the next item (and, without preloading, claims/renders)
            queue.repaint()
            if len(shown) == before:  # the crop was not ready: it arrives through the event loop
                while len(shown) == before and time.perf_counter() - t0 < 30.0:
                    QApplication.processEvents()
                    time.sleep(0.001)
                queue.repaint()
            times.append((time.perf_counter() - t0) * 1000.0)
    finally:
        queue.stop()
        prefetcher.shutdown()
        context.close()
        holder.close()
        queue.deleteLater()
    return times


# ---------------------------------------------------------------------------- drawing the city

def _draw(city: Path, styled: bool) -> float:
    """Seconds to open both layers and draw the full extent."""
    from qgis.core import (QgsExpressionContext, QgsExpressionContextUtils, QgsMapRendererParallelJob,
                           QgsMapSettings, QgsProject, QgsRectangle, QgsVectorLayer)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    from herzlich_digital_plugin.styles.layer_styles import style_review_layers
    from herzlich_digital_plugin.store import open_store

    t0 = time.perf_counter()
    with open_store(str(city), create=False) as store:
        layers = []
        for table in ("detection", "asset"):
            provider, uri = store.layer_uri(table)
            layers.append(QgsVectorLayer(uri, table, provider))
    detections, assets = layers
    if styled:
        style_review_layers(detections, assets, many_detections=True)
    project = QgsProject()
    project.addMapLayers(layers)
    settings = QgsMapSettings()
    settings.setLayers([assets, detections])
    settings.setDestinationCrs(detections.crs())
    settings.setOutputSize(QSize(1600, 1000))
    extent = QgsRectangle(detections.extent())
    extent.combineExtentWith(assets.extent())
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor("white"))
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(detections))
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))  # as the map canvas does
    settings.setExpressionContext(context)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    elapsed = time.perf_counter() - t0
    project.removeAllMapLayers()
    return elapsed


def run() -> list:
    _app()
    demo = _demo_city()
    _queue_run(demo, True, ITEMS)  # warm-up: renders the demo panoramas the items need into the cache
    with_prefetch = _queue_run(demo, True, ITEMS)
    without = _queue_run(demo, False, ITEMS)
    shutil.rmtree(CACHE / "work", ignore_errors=True)

    city = _city_with_assets()
    _draw(city, True)  # warm-up: the file into the OS cache
    styled, plain = [], []
    for _ in range(RUNS):
        styled.append(_draw(city, True))
        plain.append(_draw(city, False))
    return [
        {"name": f"review queue: next item on screen after a decision key, p95 of {len(with_prefetch)} "
                 "(demo city, 3 items preloaded)",
         "value": round(_p95(with_prefetch), 2), "unit": "ms",
         "peer": "without preloading (claim and crop after the key)", "peer_value": round(_p95(without), 2)},
        {"name": "review queue: next item on screen, median", "value": round(statistics.median(with_prefetch), 2),
         "unit": "ms", "peer": "without preloading", "peer_value": round(statistics.median(without), 2)},
        {"name": "city detection + asset layers opened and drawn, full extent 1600×1000 (median of "
                 f"{RUNS})", "value": round(statistics.median(styled), 3), "unit": "s",
         "peer": "QGIS default symbology (all 250,773 detections drawn)", "peer_value": round(statistics.median(plain), 3)},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
