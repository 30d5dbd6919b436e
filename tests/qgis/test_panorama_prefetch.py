"""Offline use: prefetchpanoramas fills the download cache for an area (one campaign), the viewer's loader then
opens those images with the image server gone; clearpanoramacache empties it. Real HTTP server on loopback."""
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn

import numpy as np
import pytest
from qgis.core import QgsApplication
from shapely.geometry import Point

from herzlich_digital_plugin.panorama.image_cache import default_disk_cache
from herzlich_digital_plugin.panorama.loader import PanoramaLoader
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.store import open_store
from panorama_import_demo import small_jpeg


@pytest.fixture(scope="module")
def provider(qgis_processing):
    registry = QgsApplication.processingRegistry()
    ours = registry.providerById(PROVIDER_ID)
    if ours is None:
        ours = HerzlichDigitalProvider()
        registry.addProvider(ours)
        yield ours
        registry.removeProvider(ours)
    else:
        yield ours


class _Handler(BaseHTTPRequestHandler):
    body = b""
    hits = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).hits.append(self.path)
        status = 404 if "missing" in self.path else 200
        body = self.body if status == 200 else b"no"
        self.send_response(status)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True


@pytest.fixture()
def image_server():
    _Handler.body = small_jpeg(256, 128)
    _Handler.hits = []
    server = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _run(algorithm, params):
    from qgis import processing
    return processing.run(f"{PROVIDER_ID}:{algorithm}", params)


def _store(tmp_path, base):
    path = tmp_path / "offline.gpkg"
    (tmp_path / "local.jpg").write_bytes(small_jpeg(256, 128))
    with open_store(str(path)) as store:
        c2021 = store.insert("campaign", {"name": "Befahrung 2021"})
        c2023 = store.insert("campaign", {"name": "Befahrung 2023"})

        def pano(campaign, x, uri):
            return {"campaign_id": campaign, "heading": 0.0, "width": 256, "height": 128, "image_uri": uri,
                    "geom": Point(410000.0 + x, 5477000.0, 240.0)}
        store.insert_many("panorama", [
            pano(c2023, 0, f"{base}/a.jpg"), pano(c2023, 10, f"{base}/b.jpg"), pano(c2023, 20, f"{base}/missing.jpg"),
            pano(c2023, 30, "local.jpg"), pano(c2021, 5, f"{base}/old.jpg"),  # another campaign
            pano(c2023, 5000, f"{base}/far.jpg"),  # outside the area
        ])
    return str(path)


def test_prefetched_area_opens_without_the_server(provider, qtbot, tmp_path, image_server):
    server, base = image_server
    store = _store(tmp_path, base)
    default_disk_cache().clear()
    params = {"STORE": store, "EXTENT": "409990,410040,5476990,5477010 [EPSG:25832]", "CAMPAIGN": "Befahrung 2023"}
    result = _run("prefetchpanoramas", params)
    assert (result["DOWNLOADED"], result["CACHED"], result["FAILED"]) == (2, 1, 1)
    assert sorted(_Handler.hits) == ["/a.jpg", "/b.jpg", "/missing.jpg"]
    again = _run("prefetchpanoramas", params)
    assert (again["DOWNLOADED"], again["CACHED"]) == (0, 3)

    server.shutdown()  # offline from here on
    server.server_close()
    loader = PanoramaLoader(cache_mb=16, disk_cache=default_disk_cache(), timeout_s=2)
    with qtbot.waitSignal(loader.fullReady, timeout=5000) as blocker:
        loader.load({"id": 1, "image_uri": f"{base}/b.jpg", "width": 256, "height": 128}, None)
    assert blocker.args[1].shape == (128, 256, 4) and np.asarray(blocker.args[1]).any()
    loader.shutdown()

    cleared = _run("clearpanoramacache", {})
    assert cleared["FILES"] == 2 and cleared["MEGABYTES"] >= 0
    assert default_disk_cache().total_bytes() == 0


def test_unknown_campaign_lists_the_known_ones(provider, tmp_path, image_server):
    from qgis.core import QgsProcessingException

    store = _store(tmp_path, image_server[1])
    with pytest.raises(QgsProcessingException, match="Befahrung 2021, Befahrung 2023"):
        _run("prefetchpanoramas", {"STORE": store, "EXTENT": "409990,410040,5476990,5477010 [EPSG:25832]",
                                   "CAMPAIGN": "Befahrung 2019"})
