"""Panorama images: resolving, downloading, decoding, caching, background loading, overlays and rendering."""
import dataclasses
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from socketserver import ThreadingMixIn

import numpy as np
import pytest
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from herzlich_digital_plugin.core.equirect import direction_from_pixel
from herzlich_digital_plugin.core.perspective import PerspectiveRenderer, view_ray
from herzlich_digital_plugin.panorama import image_decode, image_source
from herzlich_digital_plugin.panorama.image_cache import DiskCache, ImageCache
from herzlich_digital_plugin.panorama.image_errors import ImageError
from herzlich_digital_plugin.panorama.loader import PanoramaLoader
from herzlich_digital_plugin.panorama.overlay_painter import OverlayPrimitives, OverlayToggles
from herzlich_digital_plugin.panorama.overlays import View, detection_boxes
from herzlich_digital_plugin.panorama.view_render import draw_overlays, render_frame, render_view

SEED = 7239


# ---------------------------------------------------------------------------- helpers

def _write_jpeg(path, width, height, quality=60, left=(200, 30, 30), right=(30, 30, 200),
                fmt=QImage.Format.Format_RGB888):
    """A JPEG whose left half and right half have different colours, plus a dark band at the top."""
    image = QImage(width, height, fmt)
    image.fill(QColor(*right))
    painter = QPainter(image)
    painter.fillRect(0, 0, width // 2, height, QColor(*left))
    painter.fillRect(0, 0, width, height // 8, QColor(10, 10, 10))
    painter.end()
    assert image.save(str(path), "JPEG", quality)
    return Path(path)


def _rgb_at(array, x, y):
    return tuple(int(c) for c in image_decode.rgb(array)[y, x])


def _close(a, b, tol=25):
    return all(abs(int(p) - int(q)) <= tol for p, q in zip(a, b))


@pytest.fixture(scope="module")
def jpeg_4k(tmp_path_factory):
    return _write_jpeg(tmp_path_factory.mktemp("img") / "pano_4k.jpg", 4096, 2048)


@pytest.fixture(scope="module")
def jpeg_small(tmp_path_factory):
    return _write_jpeg(tmp_path_factory.mktemp("img") / "pano_small.jpg", 512, 256)


@pytest.fixture(scope="module")
def demo_city(tmp_path_factory):
    """The test-size demo city (no images yet) and its regenerated ground truth."""
    from herzlich_digital_plugin.democity.build import build_demo_city, build_scene
    from herzlich_digital_plugin.democity.detections import generate_detections

    folder = tmp_path_factory.mktemp("democity")
    result = build_demo_city("test", SEED, folder, images=False)
    scene, cap = build_scene("test", SEED)
    return result.store_path, scene, cap, generate_detections(scene, cap, SEED)


@pytest.fixture
def demo_store(demo_city):
    from herzlich_digital_plugin.store import open_store
    store = open_store(str(demo_city[0]), create=False)
    yield store
    store.close()


def _row(pid, uri, width=4096, height=2048):
    from shapely.geometry import Point
    return {"id": pid, "image_uri": str(uri), "geom": Point(0.0, 0.0, 0.0), "heading": 0.0, "pitch": 0.0,
            "roll": 0.0, "camera_height": 2.5, "width": width, "height": height}


# ---------------------------------------------------------------------------- image_source

def test_relative_paths_resolve_against_the_store_folder_or_the_root(tmp_path):
    loc = image_source.locate("images/a.jpg", tmp_path)
    assert loc.path == tmp_path / "images" / "a.jpg" and not loc.is_remote
    root = tmp_path / "root"
    assert image_source.locate("a/b.jpg", tmp_path, root).path == root / "a" / "b.jpg"
    assert image_source.locate(f"file://{tmp_path}/x.jpg").path == tmp_path / "x.jpg"
    assert image_source.locate("https://example.org/p/1.jpg").url == "https://example.org/p/1.jpg"
    with pytest.raises(ImageError) as info:
        image_source.locate("", tmp_path, panorama_id=5)
    assert info.value.reason == "no_uri" and "5" in str(info.value)
    with pytest.raises(ImageError) as info:
        image_source.locate("a.jpg", None)
    assert info.value.reason == "no_folder"


@pytest.mark.parametrize("uri", ["../secret.jpg", "a/../../secret.jpg", "/etc/passwd", "file:///etc/passwd",
                                 "https://elsewhere.example/x.jpg"])
def test_nothing_outside_the_image_root_is_read(tmp_path, uri):
    root = tmp_path / "root"
    root.mkdir()
    with pytest.raises(ImageError) as info:
        image_source.locate(uri, tmp_path, root)
    assert info.value.reason == "outside_root"
    assert "outside" in str(info.value)


def test_a_symlink_leading_out_of_the_root_is_refused(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    secret = _write_jpeg(tmp_path / "secret.jpg", 64, 32)
    (root / "link.jpg").symlink_to(secret)
    (root / "inner").symlink_to(tmp_path)
    for uri in ("link.jpg", "inner/secret.jpg", str(root / "link.jpg")):
        with pytest.raises(ImageError) as info:
            image_source.locate(uri, None, root)
        assert info.value.reason == "outside_root"
    inside = _write_jpeg(root / "ok.jpg", 64, 32)
    assert image_source.locate("ok.jpg", None, root).path == inside


def test_url_roots_and_templates_stay_under_their_prefix():
    root = "https://pano.example/city/"
    assert image_source.locate("2021/a.jpg", None, root).url == "https://pano.example/city/2021/a.jpg"
    assert image_source.locate("https://pano.example/city/b.jpg", None, root).url.endswith("/city/b.jpg")
    template = "https://pano.example/city/{image_uri}"
    assert image_source.locate("x/y.jpg", None, template, 3).url == "https://pano.example/city/x/y.jpg"
    for uri, r in (("../other/a.jpg", root), ("%2e%2e/other/a.jpg", root), ("../a.jpg", template),
                   ("https://pano.example/other/a.jpg", root), ("/abs.jpg", root)):
        with pytest.raises(ImageError) as info:
            image_source.locate(uri, None, r)
        assert info.value.reason == "outside_root", uri


# ---------------------------------------------------------------------------- HTTP

class _Handler(BaseHTTPRequestHandler):
    body = b""
    hits = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).hits.append(self.path)
        if self.path.startswith("/stuck"):  # a server far slower than any timeout the test waits for
            time.sleep(8)
        elif self.path.startswith("/slow"):
            time.sleep(3)
        status = 404 if "404" in self.path else 500 if "500" in self.path else 200
        body = self.body if status == 200 else b"error"
        try:
            self.send_response(status)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout test)
            pass

    def log_message(self, *args):
        pass


class _Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True


@pytest.fixture(scope="module")
def http_server(jpeg_small):
    _Handler.body = jpeg_small.read_bytes()
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_download_goes_into_the_disk_cache_once(http_server, tmp_path):
    cache = DiskCache(tmp_path / "cache", 10 * 1024 * 1024)
    _Handler.hits.clear()
    path = image_source.download(f"{http_server}/ok/p1.jpg", cache, timeout_s=5)
    assert path.read_bytes() == _Handler.body and path.suffix == ".jpg"
    again = image_source.download(f"{http_server}/ok/p1.jpg", cache, timeout_s=5)
    assert again == path and _Handler.hits == ["/ok/p1.jpg"]


@pytest.mark.parametrize("path, status, words", [("/404/p.jpg", 404, "not found"), ("/500/p.jpg", 500, "error")])
def test_http_errors_give_clear_messages(http_server, tmp_path, path, status, words):
    with pytest.raises(ImageError) as info:
        image_source.download(http_server + path, DiskCache(tmp_path, 1 << 20), timeout_s=5)
    assert info.value.status == status and info.value.reason == "http"
    assert f"HTTP {status}" in str(info.value) and words in str(info.value).lower()
    assert not any(tmp_path.iterdir())  # nothing cached


def test_http_timeout_gives_a_clear_message(http_server, tmp_path):
    started = time.monotonic()
    with pytest.raises(ImageError) as info:
        image_source.download(http_server + "/slow/p.jpg", DiskCache(tmp_path, 1 << 20), timeout_s=1)
    assert time.monotonic() - started < 2.9
    assert info.value.reason == "timeout" and "did not answer within 1" in str(info.value)


def test_loader_downloads_remote_images(qtbot, http_server, tmp_path):
    loader = PanoramaLoader(cache_mb=64, disk_cache=DiskCache(tmp_path, 1 << 24), timeout_s=5)
    with qtbot.waitSignal(loader.fullReady, timeout=10000) as blocker:
        loader.load(_row(11, f"{http_server}/ok/remote.jpg", 512, 256), None)
    pid, array = blocker.args
    assert pid == 11 and array.shape == (256, 512, 4)
    assert _close(_rgb_at(array, 100, 200), (200, 30, 30))
    with qtbot.waitSignal(loader.failed, timeout=10000) as blocker:
        loader.load(_row(12, f"{http_server}/404/remote.jpg", 512, 256), None)
    assert blocker.args[0] == 12 and "HTTP 404" in blocker.args[1]
    loader.shutdown()


def test_stuck_image_server_starves_neither_local_files_nor_the_viewer(qtbot, http_server, tmp_path, jpeg_small):
    """Two requests to a server that answers after 8 s (the user clicked on, then on again), then a local file:
    the local file comes at once, although the network layer's own timeout (20 s) has not run out."""
    loader = PanoramaLoader(cache_mb=64, disk_cache=DiskCache(tmp_path, 1 << 24), timeout_s=20, threads=2)
    loader.load(_row(21, f"{http_server}/stuck/a.jpg", 512, 256), None)
    loader.load(_row(22, f"{http_server}/stuck/b.jpg", 512, 256), None)
    started = time.monotonic()
    with qtbot.waitSignal(loader.fullReady, timeout=6000) as blocker:
        loader.load(_row(23, jpeg_small, 512, 256), None)
    assert blocker.args[0] == 23 and time.monotonic() - started < 4.0
    loader.shutdown()


def test_watchdog_fails_the_shown_request_when_the_server_never_delivers(qtbot, http_server, tmp_path):
    loader = PanoramaLoader(cache_mb=64, disk_cache=DiskCache(tmp_path, 1 << 24), timeout_s=20, watchdog_s=1.0)
    started = time.monotonic()
    with qtbot.waitSignal(loader.failed, timeout=5000) as blocker:
        loader.load(_row(24, f"{http_server}/stuck/c.jpg", 512, 256), None)
    assert blocker.args[0] == 24 and time.monotonic() - started < 4.0
    assert "did not deliver" in blocker.args[1]
    with qtbot.assertNotEmitted(loader.fullReady, wait=200):
        pass  # nothing else arrives for it later
    loader.shutdown()


def test_disk_cache_evicts_least_recently_used_files(tmp_path):
    cache = DiskCache(tmp_path, 2500)
    a = cache.put("a", b"x" * 1000)
    b = cache.put("b", b"x" * 1000)
    old = time.time() - 100
    os.utime(a, (old - 50, old - 50))
    os.utime(b, (old, old))
    assert cache.get("a") == a  # touched: now the most recent
    c = cache.put("c", b"x" * 1000)
    assert a.exists() and c.exists() and not b.exists()
    assert cache.total_bytes() == 2000


# ---------------------------------------------------------------------------- decoding

def test_full_and_preview_decode(jpeg_4k):
    full = image_decode.decode(jpeg_4k)
    assert full.array.shape == (2048, 4096, 4) and full.array.dtype == np.uint8
    assert (full.source_width, full.source_height, full.warning) == (4096, 2048, "")
    assert _close(_rgb_at(full.array, 100, 1500), (200, 30, 30))
    assert _close(_rgb_at(full.array, 4000, 1500), (30, 30, 200))
    assert _close(_rgb_at(full.array, 2000, 50), (10, 10, 10))
    preview = image_decode.decode_preview(jpeg_4k, 1024)
    assert preview.array.shape == (512, 1024, 4) and preview.source_width == 4096
    assert _close(_rgb_at(preview.array, 900, 400), (30, 30, 200))


def test_arrays_render_like_plain_rgb(jpeg_small):
    """The RGB32 view gives the renderer the same pixels as a plain RGB copy."""
    decoded = image_decode.decode(jpeg_small)
    rgb = np.ascontiguousarray(image_decode.rgb(decoded.array))
    view4 = PerspectiveRenderer().render(decoded.array, 40.0, -10.0, 80.0, 160, 90)
    view3 = PerspectiveRenderer().render(rgb, 40.0, -10.0, 80.0, 160, 90)
    assert np.array_equal(image_decode.rgb(view4), view3)


def test_a_16k_image_is_decoded_at_most_8192_wide(tmp_path):
    path = _write_jpeg(tmp_path / "pano_16k.jpg", 16384, 8192, quality=20)
    full = image_decode.decode(path)
    assert full.array.shape == (4096, 8192, 4)
    assert (full.source_width, full.source_height) == (16384, 8192)
    assert _close(_rgb_at(full.array, 1000, 3000), (200, 30, 30))
    assert _close(_rgb_at(full.array, 8000, 3000), (30, 30, 200))
    assert image_decode.decode_preview(path).array.shape == (1024, 2048, 4)


def test_not_2_to_1_is_decoded_with_a_warning(tmp_path):
    path = _write_jpeg(tmp_path / "photo.jpg", 400, 300)
    decoded = image_decode.decode(path)
    assert decoded.array.shape == (300, 400, 4)
    assert "not 2:1" in decoded.warning and "400" in decoded.warning


def test_truncated_jpeg_is_refused(jpeg_4k, tmp_path):
    data = jpeg_4k.read_bytes()
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(ImageError) as info:
        image_decode.decode(path)
    assert info.value.reason == "truncated" and "truncated" in str(info.value)


@pytest.mark.parametrize("mangle", ["middle", "header", "not_an_image"])
def test_corrupt_images_are_refused(jpeg_4k, tmp_path, mangle):
    data = bytearray(jpeg_4k.read_bytes())
    rng = np.random.default_rng(5)
    if mangle == "middle":  # garbage over the headers and the start of the scan, end marker intact
        data[20:len(data) // 2] = rng.integers(0, 256, len(data) // 2 - 20, dtype=np.uint8).tobytes()
    elif mangle == "header":
        data = bytearray(b"\xff\xd8" + rng.integers(0, 256, 5000, dtype=np.uint8).tobytes() + b"\xff\xd9")
    else:
        data = bytearray(b"this is not an image at all")
    path = tmp_path / "bad.jpg"
    path.write_bytes(bytes(data))
    with pytest.raises(ImageError) as info:
        image_decode.decode(path)
    assert info.value.reason == "corrupt" and str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(ImageError) as info:
        image_decode.decode(tmp_path / "nope.jpg")
    assert info.value.reason == "missing"


# ---------------------------------------------------------------------------- memory cache

def test_memory_cache_evicts_by_bytes_least_recently_used_first():
    cache = ImageCache(10_000)
    arrays = {k: np.zeros(3000, np.uint8) for k in "abc"}
    for k in "abc":
        assert cache.put(k, arrays[k])
    assert cache.bytes == 9000
    assert cache.get("a") is arrays["a"]  # a is now the most recent
    assert cache.put("d", np.zeros(2500, np.uint8))
    assert cache.keys() == ["c", "a", "d"] and cache.bytes == 8500  # b went first
    assert cache.evictions == 1
    assert not cache.put("huge", np.zeros(20_000, np.uint8)) and "huge" not in cache
    cache.put("e", np.zeros(6000, np.uint8))
    assert cache.keys() == ["d", "e"] and cache.bytes == 8500
    cache.put("d", np.zeros(100, np.uint8), tag="store-2")
    assert cache.get("d", tag="store-1") is None and cache.get("d", tag="store-2") is not None


# ---------------------------------------------------------------------------- loader

def test_preview_arrives_before_full(qtbot, jpeg_4k):
    loader = PanoramaLoader(cache_mb=256, preview_width=1024)
    order = []
    loader.previewReady.connect(lambda pid, a: order.append(("preview", pid, a.shape)))
    loader.fullReady.connect(lambda pid, a: order.append(("full", pid, a.shape)))
    with qtbot.waitSignal(loader.fullReady, timeout=10000):
        loader.load(_row(1, jpeg_4k.name), jpeg_4k.parent)
    assert order == [("preview", 1, (512, 1024, 4)), ("full", 1, (2048, 4096, 4))]
    assert loader.cached(1) is not None
    # a second request is served from the cache, still asynchronously
    order.clear()
    with qtbot.waitSignal(loader.fullReady, timeout=2000):
        loader.load(_row(1, jpeg_4k.name), jpeg_4k.parent)
        assert order == []
    assert order == [("full", 1, (2048, 4096, 4))]
    loader.shutdown()


def test_images_arrive_packed_for_the_viewer_renderer(qtbot, jpeg_4k, monkeypatch):
    from herzlich_digital_plugin.panorama import image_packing, loader as loader_module
    loader = PanoramaLoader(cache_mb=256, preview_width=1024)
    with qtbot.waitSignal(loader.fullReady, timeout=10000) as blocker:
        loader.load(_row(1, jpeg_4k.name), jpeg_4k.parent)
    array = blocker.args[1]
    packed = image_packing.packed_for(array)
    assert packed is not None and packed is image_packing.PanoramaRenderer().prepare(array)
    # a cache hit of a big image is packed again on the worker before it is delivered
    image_packing.forget_all()
    monkeypatch.setattr(loader_module, "PACK_ON_WORKER_BYTES", 0)
    loader.cancel(1)
    with qtbot.waitSignal(loader.fullReady, timeout=10000) as blocker:
        loader.load(_row(1, jpeg_4k.name), jpeg_4k.parent)
    assert blocker.args[1] is array and image_packing.packed_for(array) is not None
    view = image_packing.PanoramaRenderer().render(array, 10.0, 5.0, 60.0, 64, 48)
    assert np.array_equal(view, PerspectiveRenderer().render(np.array(array), 10.0, 5.0, 60.0, 64, 48))
    loader.shutdown()


def test_a_newer_request_supersedes_an_older_one(qtbot, jpeg_4k, jpeg_small, monkeypatch):
    from herzlich_digital_plugin.panorama import loader as loader_module
    release, started = threading.Event(), threading.Event()
    real_decode = loader_module.decode

    def slow_decode(path, *args):  # hold the old panorama's full decode until the new one is shown
        if Path(path) == jpeg_4k:
            started.set()
            assert release.wait(10)
        return real_decode(path, *args)
    monkeypatch.setattr(loader_module, "decode", slow_decode)
    loader = PanoramaLoader(cache_mb=256, preview_width=1024)
    seen = []
    loader.previewReady.connect(lambda pid, a: seen.append(("preview", pid)))
    loader.fullReady.connect(lambda pid, a: seen.append(("full", pid)))
    loader.failed.connect(lambda pid, m: seen.append(("failed", pid)))
    with qtbot.waitSignal(loader.previewReady, timeout=10000):
        loader.load(_row(1, jpeg_4k.name), jpeg_4k.parent)
    assert started.wait(10)  # its full decode is under way (a busy machine may start it later than the preview)
    with qtbot.waitSignal(loader.fullReady, timeout=10000) as blocker:
        loader.load(_row(2, jpeg_small.name, 512, 256), jpeg_small.parent)
    assert blocker.args[0] == 2
    release.set()
    assert loader.wait(10000)
    qtbot.waitUntil(lambda: loader.cached(1) is not None, timeout=5000)  # the stale full result was cached…
    qtbot.wait(50)
    assert seen == [("preview", 1), ("preview", 2), ("full", 2)]  # …but never delivered
    loader.shutdown()


def test_cancel_stops_delivery(qtbot, jpeg_4k):
    loader = PanoramaLoader(cache_mb=256, preview_width=1024)
    seen = []
    loader.fullReady.connect(lambda pid, a: seen.append(pid))
    loader.previewReady.connect(lambda pid, a: seen.append(pid))
    loader.load(_row(1, jpeg_4k.name), jpeg_4k.parent)
    loader.cancel(1)
    assert loader.wait(10000)
    qtbot.wait(100)
    assert seen == []
    loader.shutdown()


def test_loader_reports_missing_and_odd_images(qtbot, tmp_path):
    loader = PanoramaLoader(cache_mb=64)
    with qtbot.waitSignal(loader.failed, timeout=5000) as blocker:
        loader.load(_row(5, "images/missing.jpg"), tmp_path)
    assert blocker.args[0] == 5 and "missing" in blocker.args[1]
    odd = _write_jpeg(tmp_path / "odd.jpg", 400, 300)
    warnings = []
    loader.warning.connect(lambda pid, m: warnings.append((pid, m)))
    with qtbot.waitSignal(loader.fullReady, timeout=5000):
        loader.load(_row(6, odd.name, 400, 300), tmp_path)
    assert len(warnings) == 1 and warnings[0][0] == 6 and "2:1" in warnings[0][1]
    with qtbot.waitSignal(loader.failed, timeout=5000) as blocker:
        loader.load(_row(7, "../odd.jpg"), tmp_path / "sub", image_root=tmp_path / "sub")
    assert "outside" in blocker.args[1]
    loader.shutdown()


def test_loader_renders_a_missing_demo_image(qtbot, demo_city, demo_store):
    store_path = demo_city[0]
    row = demo_store.get("panorama", 3)
    image = store_path.parent / row["image_uri"]
    if image.exists():
        image.unlink()
    loader = PanoramaLoader(cache_mb=64)
    with qtbot.waitSignal(loader.fullReady, timeout=60000) as blocker:
        loader.load(row, store_path.parent, store_uri=str(store_path))
    assert blocker.args[1].shape == (1024, 2048, 4) and image.is_file()
    loader.shutdown()


def test_demo_stores_are_recognised_by_store_info_only(demo_city, demo_store, tmp_path):
    """A demo store is what records the democity key; the file name means nothing (a real store may be named so)."""
    import sqlite3
    from herzlich_digital_plugin.democity import image_resolver
    from herzlich_digital_plugin.panorama import image_resolvers
    by_store = image_resolvers.resolver_for_store(demo_store)
    by_path = image_resolvers.resolver_for_path(demo_city[0])
    for found in (by_store, by_path):
        assert found is not None and found.key == "democity"
        assert found.resolve is image_resolver.render_missing_image
        assert image_resolver.demo_info(found.value) == ("test", SEED)
    for name in ("herzlich_digital_demo.gpkg", "herzlich_digital_test.gpkg", "city.gpkg"):
        conn = sqlite3.connect(tmp_path / name)
        conn.execute("CREATE TABLE panorama (id INTEGER)")
        if name == "herzlich_digital_test.gpkg":  # a store_info without the demo key: not a demo either
            conn.execute("CREATE TABLE store_info (id INTEGER PRIMARY KEY, key TEXT, value TEXT)")
        conn.commit()
        conn.close()
        assert image_resolvers.resolver_for_path(tmp_path / name) is None, name


def test_a_real_store_named_like_the_demo_reports_its_missing_image(tmp_path):
    """The old file-name regex sent such a store down the demo path; now its missing image is just missing."""
    import sqlite3
    from herzlich_digital_plugin.panorama.image_resolvers import resolver_for_path
    store_path = tmp_path / "herzlich_digital_demo.gpkg"  # no store_info: the old regex took it for a demo
    conn = sqlite3.connect(store_path)
    conn.execute("CREATE TABLE panorama (id INTEGER)")
    conn.close()
    resolver = resolver_for_path(store_path)
    assert resolver is None
    with pytest.raises(ImageError) as caught:
        image_source.image_file(_row(1, "images/pano_1.jpg"), tmp_path, resolver=resolver)
    assert caught.value.reason == "missing"


def test_a_registered_scheme_resolver_supplies_the_image(tmp_path):
    from herzlich_digital_plugin.panorama import image_resolvers
    made = _write_jpeg(tmp_path / "made.jpg", 400, 200)
    asked = []
    image_resolvers.register_scheme_resolver("vault", lambda uri, row: asked.append(uri) or made)
    try:
        assert image_source.image_file(_row(2, "vault://box/7")) == made and asked == ["vault://box/7"]
        def broken(uri, row):
            raise OSError("vault offline")
        image_resolvers.register_scheme_resolver("vault", broken)
        with pytest.raises(ImageError) as caught:
            image_source.image_file(_row(2, "vault://box/7"))
        assert caught.value.reason == "resolver" and "vault offline" in str(caught.value)
    finally:
        image_resolvers.unregister("vault")
    with pytest.raises(ValueError):
        image_resolvers.register_scheme_resolver("https", lambda uri, row: made)


# ---------------------------------------------------------------------------- overlays on a demo panorama

def _sign_detection(demo_city, store):
    """A well-visible true sign detection: (store row, true scene asset)."""
    _, scene, _, dets = demo_city
    by_id = {a.asset_id: a for a in scene.assets}
    best = None
    for k in range(len(dets)):
        truth = int(dets.truth_asset_id[k])
        if truth < 0 or by_id[truth].asset_class != "sign" or dets.misclassified[k]:
            continue
        x0, y0, x1, y1 = dets.bbox[k]
        if best is None or (x1 - x0) * (y1 - y0) > best[0]:
            best = ((x1 - x0) * (y1 - y0), k, truth)
    row = store.get("detection", best[1] + 1)
    assert row["external_id"] == str(dets.external_id[best[1]])
    return row, by_id[best[2]]


def test_detection_box_is_drawn_around_the_sign(demo_city, demo_store):
    from herzlich_digital_plugin.democity.render import render_panorama
    from herzlich_digital_plugin.democity.render_batch import ensure_image

    store_path, scene, _, _ = demo_city
    det, asset = _sign_detection(demo_city, demo_store)
    pano = demo_store.get("panorama", det["panorama_id"])
    ensure_image(store_path.parent, scene, pano)

    # which view pixels show the sign's face: render the panorama with and without it
    geom = pano["geom"]
    args = (geom.x, geom.y, geom.z, pano["camera_height"], pano["heading"], pano["width"], pano["height"])
    with_sign = render_panorama(scene, *args)
    without = render_panorama(dataclasses.replace(scene, assets=[a for a in scene.assets if a is not asset]),
                              *args)
    cu, cv = (det["bbox_xmin"] + det["bbox_xmax"]) / 2, (det["bbox_ymin"] + det["bbox_ymax"]) / 2
    bearing, elevation = direction_from_pixel(cu, cv, pano["width"], pano["height"], pano["heading"])
    box_deg = max((det["bbox_xmax"] - det["bbox_xmin"]) / pano["width"] * 360,
                  (det["bbox_ymax"] - det["bbox_ymin"]) / pano["height"] * 180 * 4 / 3)
    view = View(float(bearing), float(elevation), float(np.clip(2.5 * box_deg, 10, 120)), 400, 300)
    renderer = PerspectiveRenderer()
    a = renderer.render(with_sign, view.yaw, view.pitch, view.fov, view.width, view.height, pano["heading"])
    b = renderer.render(without, view.yaw, view.pitch, view.fov, view.width, view.height, pano["heading"])
    ys, xs = np.nonzero((a != b).any(axis=2))
    # keep the face: drop the pole below it (it stands from the ground up to the face centre)
    distance = np.hypot(asset.x - geom.x, asset.y - geom.y)
    face_bottom = np.degrees(np.arctan2(asset.centre_z - (asset.face_height or asset.size) / 2
                                        - pano["camera_height"], distance))
    _, pix_elev = view_ray(xs, ys, view.yaw, view.pitch, view.fov, view.width, view.height)
    face = pix_elev >= face_bottom - 0.05
    xs, ys = xs[face], ys[face]
    assert len(xs) > 100, "the sign should cover a good number of pixels"

    box = detection_boxes([det], pano, view)[0]
    bx, by = box.points[:, 0], box.points[:, 1]
    assert np.isfinite(box.points).all()
    assert xs.min() >= bx.min() - 1 and xs.max() <= bx.max() + 1
    assert ys.min() >= by.min() - 1 and ys.max() <= by.max() + 1
    sign_area = (np.ptp(xs) + 1) * (np.ptp(ys) + 1)
    assert sign_area >= 0.4 * np.ptp(bx) * np.ptp(by), "the box should fit the sign, not a wide area"

    # the painter draws the outline in the status colour and leaves the sign inside untouched
    from herzlich_digital_plugin.panorama.image_decode import decode
    decoded = decode(store_path.parent / pano["image_uri"])
    plain = render_frame(PerspectiveRenderer(), decoded.array, pano, view)
    for status, colour in (("new", (235, 235, 235)), ("accepted", (40, 200, 80))):
        drawn = render_frame(PerspectiveRenderer(), decoded.array, pano, view)
        boxed = dataclasses.replace(box, status=status)
        draw_overlays(drawn, view, OverlayPrimitives(boxes=[boxed]), OverlayToggles())
        p = image_decode.rgb(image_decode.qimage_to_array(plain)).astype(int)
        d = image_decode.rgb(image_decode.qimage_to_array(drawn)).astype(int)
        hits = 0
        assert ((box.points[:, 0] > 0) & (box.points[:, 0] < 399) & (box.points[:, 1] > 0)
                & (box.points[:, 1] < 299)).all()
        for x, y in box.points[:-1]:
            xi, yi = int(round(x)), int(round(y))
            patch = d[max(0, yi - 1):yi + 2, max(0, xi - 1):xi + 2].reshape(-1, 3)
            hits += any(_close(px, colour, 40) for px in patch)
        assert hits >= 0.9 * (len(box.points) - 1), status
        inner = (xs > bx.min() + 4) & (xs < bx.max() - 4) & (ys > by.min() + 4) & (ys < by.max() - 4)
        assert inner.sum() > 50 and np.array_equal(p[ys[inner], xs[inner]], d[ys[inner], xs[inner]])


# ---------------------------------------------------------------------------- renderpanoramaview

def _run_algorithm(params):
    from herzlich_digital_plugin.processing.render_panorama_view import RenderPanoramaViewAlgorithm
    alg = RenderPanoramaViewAlgorithm()
    alg.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    ok, _ = alg.checkParameterValues(params, context)
    assert ok
    return alg.processAlgorithm(params, context, feedback)


def test_renderpanoramaview_writes_the_perspective_view(demo_city, demo_store, tmp_path):
    store_path, scene, _, _ = demo_city
    pano = demo_store.get("panorama", 10)
    out = tmp_path / "view.png"
    params = {"STORE": str(store_path), "PANORAMA": 10, "YAW": 123.0, "PITCH": -5.0, "FOV": 70.0,
              "WIDTH": 320, "HEIGHT": 200, "OVERLAYS": False, "OUTPUT": str(out)}
    result = _run_algorithm(params)
    assert result["OUTPUT"] == str(out) and out.is_file()
    png = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB888)
    assert (png.width(), png.height()) == (320, 200)
    got = np.frombuffer(png.constBits().asstring(png.sizeInBytes()), np.uint8).reshape(200, png.bytesPerLine())
    got = got[:, :320 * 3].reshape(200, 320, 3)
    # reference: the JPEG decoded by plain Qt into RGB, rendered by the core renderer
    src = QImage(str(store_path.parent / pano["image_uri"])).convertToFormat(QImage.Format.Format_RGB888)
    h, w = src.height(), src.width()
    equi = np.frombuffer(src.constBits().asstring(src.sizeInBytes()), np.uint8).reshape(h, src.bytesPerLine())
    equi = np.ascontiguousarray(equi[:, :w * 3].reshape(h, w, 3))
    expected = PerspectiveRenderer().render(equi, 123.0, -5.0, 70.0, 320, 200, pano["heading"])
    assert np.array_equal(got[60:140, 100:220], expected[60:140, 100:220])

    with_overlays = tmp_path / "overlays.png"
    _run_algorithm(dict(params, OVERLAYS=True, OUTPUT=str(with_overlays)))
    drawn = QImage(str(with_overlays)).convertToFormat(QImage.Format.Format_RGB888)
    assert drawn != png  # the grid at least was drawn


def test_renderpanoramaview_default_yaw_is_the_heading(demo_city, demo_store, tmp_path):
    store_path = demo_city[0]
    pano = demo_store.get("panorama", 10)
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    base = {"STORE": str(store_path), "PANORAMA": 10, "WIDTH": 64, "HEIGHT": 48, "OVERLAYS": False}
    _run_algorithm(dict(base, OUTPUT=str(a)))
    _run_algorithm(dict(base, YAW=pano["heading"], OUTPUT=str(b)))
    assert QImage(str(a)) == QImage(str(b))


def test_renderpanoramaview_errors(demo_city, demo_store, tmp_path):
    store_path = demo_city[0]
    base = {"STORE": str(store_path), "WIDTH": 64, "HEIGHT": 48, "OUTPUT": str(tmp_path / "x.png")}
    with pytest.raises(QgsProcessingException, match="no panorama with id 99999"):
        _run_algorithm(dict(base, PANORAMA=99999))
    pano = demo_store.get("panorama", 12)
    image = store_path.parent / pano["image_uri"]
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(b"\xff\xd8garbage\xff\xd9")
    try:
        with pytest.raises(QgsProcessingException, match="corrupt"):
            _run_algorithm(dict(base, PANORAMA=12))
    finally:
        image.unlink()
    original = demo_store.get("panorama", 13)["image_uri"]
    demo_store.update("panorama", 13, {"image_uri": str(tmp_path / "gone.jpg")})  # absolute: never rendered
    try:
        with pytest.raises(QgsProcessingException, match="missing"):
            _run_algorithm(dict(base, PANORAMA=13))
    finally:
        demo_store.update("panorama", 13, {"image_uri": original})
    with pytest.raises(QgsProcessingException, match="does not exist"):
        _run_algorithm(dict(base, PANORAMA=1, STORE=str(tmp_path / "nothing.gpkg")))


def test_render_view_is_headless_and_sized(demo_city, demo_store):
    image = render_view(demo_store, 20, 0.0, 0.0, 90.0, 200, 100, overlays=True)
    assert (image.width(), image.height()) == (200, 100) and not image.isNull()
    assert image.format() == QImage.Format.Format_RGB32
