"""Benchmark: opening panoramas in the viewer (panorama.loader + image_decode + image_cache).

Time to first view of an 8192 x 4096 JPEG (a rendered demo-city panorama, made once into build/bench-cache/),
through PanoramaLoader exactly as the viewer uses it: from ``load()`` until the first 1280 x 720 frame of the
preview (decoded at 2048 wide), and of the full resolution, is rendered. Peers: decoding the same file with plain
``QImage(path)`` (what showing anything would take without the scaled preview), and the classic Python stack
(PIL decode + numpy + the same renderer) for the full resolution.
Memory: RSS growth (/proc/self/status VmRSS, in a fresh process) after browsing 200 panoramas through the loader
and its cache with the default cache size: mostly 2048 x 1024 demo images plus a few 8K ones; peer: the cache's
configured limit. Run: /usr/bin/python3 bench/bench_panorama_load.py
"""
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CACHE_DIR = ROOT / "build" / "bench-cache"
SEED = 7239
FRAME = (1280, 720)
REPS = 7
BROWSE = 200
DEMO_IMAGES = 24  # distinct 2048 x 1024 files; the 200 panoramas reuse them under their own ids
BIG_EVERY = 50  # every 50th panorama is the 8K one
SETTLED = 50  # the last 50 panoramas come after the cache is full: RSS must not grow any more


def _app():
    from qgis.PyQt.QtCore import QCoreApplication
    if QCoreApplication.instance() is None:
        from qgis.core import QgsApplication
        app = QgsApplication([], False)
        app.initQgis()
        globals()["_APP"] = app  # keep it alive
    return QCoreApplication.instance()


def _pano_8k() -> Path:
    path = CACHE_DIR / "panorama_8k.jpg"
    if path.exists():
        return path
    from shapely.geometry import Point

    from herzlich_digital_plugin.democity.build import build_scene
    from herzlich_digital_plugin.democity.render import render_panorama, write_panorama_jpeg
    from herzlich_digital_plugin.democity.render_io import pano_meta_for_row
    scene, cap = build_scene("test", SEED)
    i = len(cap) // 2
    rgb = render_panorama(scene, cap.x[i], cap.y[i], cap.z[i], cap.camera_height, cap.heading[i], 8192, 4096)
    row = {"geom": Point(cap.x[i], cap.y[i], cap.z[i]), "camera_height": cap.camera_height,
           "heading": float(cap.heading[i])}
    return write_panorama_jpeg(path, rgb, pano_meta_for_row(row, 8192, 4096))


def _demo_rows():
    """Rows of the test demo city whose first DEMO_IMAGES images exist in build/bench-cache/democity."""
    from herzlich_digital_plugin.democity.build import build_demo_city, build_scene
    from herzlich_digital_plugin.democity.render_batch import ensure_image
    from herzlich_digital_plugin.store import open_store
    folder = CACHE_DIR / "democity"
    store_path = folder / "herzlich_digital_test.gpkg"
    if not store_path.exists():
        build_demo_city("test", SEED, folder, images=False)
    store = open_store(str(store_path), create=False)
    try:
        rows = store.select("panorama", limit=DEMO_IMAGES)
    finally:
        store.close()
    if not all((folder / r["image_uri"]).exists() for r in rows):
        scene = build_scene("test", SEED)[0]
        for r in rows:
            ensure_image(folder, scene, r)
    return folder, rows


def _row(pid, uri, width, height):
    from shapely.geometry import Point
    return {"id": pid, "image_uri": str(uri), "geom": Point(0.0, 0.0, 0.0), "heading": 0.0, "pitch": 0.0,
            "roll": 0.0, "camera_height": 2.5, "width": width, "height": height}


def _first_view(path: Path):
    """Median seconds from load() to the first preview frame and to the first full-resolution frame."""
    from qgis.PyQt.QtCore import QEventLoop, QTimer

    from herzlich_digital_plugin.panorama.image_decode import new_frame
    from herzlich_digital_plugin.panorama.image_packing import PanoramaRenderer, forget_all
    from herzlich_digital_plugin.panorama.loader import PanoramaLoader

    loader = PanoramaLoader(cache_mb=1024)
    previews, fulls = [], []
    try:
        for rep in range(REPS + 1):  # the first run warms up Qt's plugins and the file cache
            loader.clear_cache()
            forget_all()
            renderer = PanoramaRenderer()  # a viewer opening: no buffers yet
            _, out = new_frame(*FRAME)
            loop = QEventLoop()
            got = {}

            def on_preview(pid, array):
                renderer.render(array, 30.0, 0.0, 90.0, FRAME[0], FRAME[1], out=out)
                got["preview"] = time.perf_counter() - t0

            def on_full(pid, array):
                renderer.render(array, 30.0, 0.0, 90.0, FRAME[0], FRAME[1], out=out)
                got["full"] = time.perf_counter() - t0
                loop.quit()

            loader.previewReady.connect(on_preview)
            loader.fullReady.connect(on_full)
            QTimer.singleShot(60000, loop.quit)
            t0 = time.perf_counter()
            loader.load(_row(rep + 1, path.name, 8192, 4096), path.parent)
            loop.exec()
            loader.previewReady.disconnect(on_preview)
            loader.fullReady.disconnect(on_full)
            if "full" not in got:
                raise RuntimeError("the loader did not deliver the panorama")
            if rep:
                previews.append(got["preview"])
                fulls.append(got["full"])
    finally:
        loader.shutdown()
    return statistics.median(previews), statistics.median(fulls)


def _median(fn, reps=REPS):
    fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _peers(path: Path):
    import numpy as np
    from qgis.PyQt.QtGui import QImage

    from herzlich_digital_plugin.core.perspective import PerspectiveRenderer

    qimage = _median(lambda: QImage(str(path)).isNull())
    try:
        from PIL import Image
    except ImportError:
        return qimage, None, "plain QImage(path) + numpy + renderer"

    def pil_first_frame():
        with Image.open(path) as im:
            rgb = np.asarray(im.convert("RGB"))
        PerspectiveRenderer().render(rgb, 30.0, 0.0, 90.0, FRAME[0], FRAME[1])
    return qimage, _median(pil_first_frame, 5), "PIL decode + numpy + the same renderer"


def _components(path: Path):
    from herzlich_digital_plugin.panorama.image_decode import decode, decode_preview
    from herzlich_digital_plugin.panorama.image_packing import prepack
    full = decode(path)
    return {"decode preview (2048 wide)": _median(lambda: decode_preview(path)),
            "decode full 8192x4096": _median(lambda: decode(path), 5),
            "pack full for the renderer (worker thread)": _median(lambda: prepack(full.array), 5)}


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS in /proc/self/status")


def _browse(cache_mb=None) -> dict:
    """In a fresh process: RSS growth over browsing BROWSE panoramas with the default (or given) cache size."""
    from qgis.PyQt.QtCore import QEventLoop, QTimer

    from herzlich_digital_plugin.panorama.image_decode import new_frame
    from herzlich_digital_plugin.panorama.image_packing import PanoramaRenderer
    from herzlich_digital_plugin.panorama.loader import PanoramaLoader
    from herzlich_digital_plugin.toolbelt.settings import PluginSettings

    _app()
    big = _pano_8k()
    folder, rows = _demo_rows()
    cache_mb = PluginSettings().panorama_cache_mb if cache_mb is None else int(cache_mb)
    loader = PanoramaLoader(cache_mb=cache_mb)
    renderer = PanoramaRenderer()
    _, out = new_frame(*FRAME)

    def show(row, folder_):
        loop = QEventLoop()
        done = {}

        def on_full(pid, array):
            renderer.render(array, 30.0, 0.0, 90.0, FRAME[0], FRAME[1], out=out)  # what the viewer does
            done["ok"] = True
            loop.quit()

        def on_failed(pid, message):
            done["error"] = message
            loop.quit()
        loader.fullReady.connect(on_full)
        loader.failed.connect(on_failed)
        QTimer.singleShot(60000, loop.quit)
        loader.load(row, folder_)
        loop.exec()
        loader.fullReady.disconnect(on_full)
        loader.failed.disconnect(on_failed)
        if "ok" not in done:
            raise RuntimeError(done.get("error", "timeout"))

    show(_row(10_000, rows[0]["image_uri"], 2048, 1024), folder)  # warm-up: Qt plugins, first buffers
    loader.clear_cache()
    before = _rss_mb()
    peak = before
    settled = None
    t0 = time.perf_counter()
    for n in range(BROWSE):
        pid = n + 1
        if n % BIG_EVERY == BIG_EVERY - 1:
            show(_row(pid, big.name, 8192, 4096), big.parent)
        else:
            show(_row(pid, rows[n % len(rows)]["image_uri"], 2048, 1024), folder)
        peak = max(peak, _rss_mb())
        if n + 1 == BROWSE - SETTLED:
            settled = _rss_mb()
    elapsed = time.perf_counter() - t0
    after = _rss_mb()
    loader.shutdown()
    return {"growth_mb": after - before, "peak_growth_mb": peak - before, "cache_mb": cache_mb,
            "last_growth_mb": after - settled,
            "cache_held_mb": loader.cache.bytes / 2 ** 20, "seconds": elapsed}


def run():
    _app()
    path = _pano_8k()
    preview_s, full_s = _first_view(path)
    qimage_s, pil_s, pil_peer = _peers(path)
    rows = [
        {"name": "panorama load: 8K JPEG, load() to first preview frame (1280x720)", "value": round(preview_s * 1e3, 1),
         "unit": "ms", "peer": "plain QImage(path) full decode", "peer_value": round(qimage_s * 1e3, 1)},
        {"name": "panorama load: 8K JPEG, load() to first full-resolution frame", "value": round(full_s * 1e3, 1),
         "unit": "ms", "peer": pil_peer, "peer_value": None if pil_s is None else round(pil_s * 1e3, 1)},
    ]
    for name, seconds in _components(path).items():
        rows.append({"name": f"panorama load: {name}", "value": round(seconds * 1e3, 1), "unit": "ms",
                     "peer": None, "peer_value": None})
    child = subprocess.run([sys.executable, __file__, "--browse"], capture_output=True, text=True, timeout=1800,
                           env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    if child.returncode != 0:
        raise RuntimeError(child.stderr[-2000:])
    mem = json.loads(child.stdout.strip().splitlines()[-1])
    rows.append({"name": f"panorama browse: RSS growth after {BROWSE} panoramas (default cache)",
                 "value": round(mem["growth_mb"], 1), "unit": "MB", "peer": "cache limit (panorama_cache_mb)",
                 "peer_value": float(mem["cache_mb"])})
    rows.append({"name": f"panorama browse: peak RSS growth while browsing {BROWSE} panoramas",
                 "value": round(mem["peak_growth_mb"], 1), "unit": "MB", "peer": "decoded images held by the cache",
                 "peer_value": round(mem["cache_held_mb"], 1)})
    rows.append({"name": f"panorama browse: RSS change over the last {SETTLED} panoramas (cache full: leaks?)",
                 "value": round(mem["last_growth_mb"], 1), "unit": "MB", "peer": None, "peer_value": None})
    rows.append({"name": f"panorama browse: {BROWSE} panoramas loaded and shown", "value": round(mem["seconds"], 2),
                 "unit": "s", "peer": None, "peer_value": None})
    return rows


if __name__ == "__main__":
    if "--browse" in sys.argv:  # [--browse [CACHE_MB]]
        arg = sys.argv[sys.argv.index("--browse") + 1:]
        print(json.dumps(_browse(int(arg[0]) if arg else None)))
    else:
        for figure in run():
            print(figure)
