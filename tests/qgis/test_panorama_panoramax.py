"""Panoramax as a source: a GeoVisio-shaped STAC API on loopback, answering with the real ItemCollection of
../shared/fixtures/panoramax (@panoramax/web-viewer test data, MIT) plus invented variants of it; imported with
importpanoramax, then opened by the viewer's loader from the server."""
import copy
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs, urlsplit

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.panorama.image_cache import DiskCache
from herzlich_digital_plugin.panorama.loader import PanoramaLoader
from herzlich_digital_plugin.panorama.panoramax import picture_from_item
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.store import open_store
from panorama_import_demo import small_jpeg
from shared_fixtures import shared_fixture

REAL = json.loads(shared_fixture("panoramax", "panoramax_web_viewer_Viewer_pictures_1.json").read_text())
LON, LAT = (float(v) for v in utm32_to_wgs84(410400.0, 5477600.0))  # Kaiserslautern


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


def _localised(item, base, dlon=0.0, **props):
    """The real item with its addresses on our server, moved to Kaiserslautern (the store is UTM 32N)."""
    text = json.dumps(item).replace("https://geovisio.fr/api", base)
    out = json.loads(text)
    out["geometry"]["coordinates"] = [LON + dlon, LAT]
    out["properties"].update(props)
    return out


def _pages(base, far):
    real = REAL["features"][0]
    pixel = _localised(real, base, 0.0001, **{"pers:yaw": 67.0, "view:azimuth": 35.0})
    pixel["id"], pixel["collection"] = "pixel-1", "seq-pixel"
    pixel["properties"]["pers:interior_orientation"] = {"sensor_array_dimensions": [8704, 4352]}
    pixel["assets"]["sd"]["href"] = f"{base}/pictures/pixel-1/sd.jpg"
    blind = copy.deepcopy(_localised(real, base, 0.0002))
    blind["id"] = "no-heading"
    del blind["properties"]["view:azimuth"]
    page1 = {"type": "FeatureCollection", "features": [_localised(real, base), pixel],
             "links": [{"rel": "next", "href": f"{base}/search?page=2"}]}
    page2 = {"type": "FeatureCollection", "features": [blind],
             "links": [{"rel": "next", "href": f"{far}/api/search?page=3"}]}  # another server: not followed
    return page1, page2


class _Handler(BaseHTTPRequestHandler):
    pages = ()
    hits = []
    image = b""

    def do_GET(self):  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        type(self).hits.append(self.path)
        if url.path == "/api/search":
            page = int(parse_qs(url.query).get("page", ["1"])[0])
            body, kind = json.dumps(self.pages[page - 1]).encode(), "application/geo+json"
        elif url.path.startswith("/api/collections/"):
            collection = url.path.rsplit("/", 1)[1]  # both collections have the same title
            body, kind = json.dumps({"id": collection, "title": "Nordtangente 2024"}).encode(), "application/json"
        elif url.path.endswith("/sd.jpg"):
            body, kind = self.image, "image/jpeg"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True


@pytest.fixture()
def panoramax():
    server = _Server(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/api"
    _Handler.pages = _pages(base, "http://127.0.0.2:9")
    _Handler.hits = []
    _Handler.image = small_jpeg(2048, 1024)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()
    server.server_close()


def test_bearings_and_sizes_as_geovisio_serves_them():
    real = picture_from_item(REAL["features"][0])
    # the real item: view:azimuth 0 and no pers:yaw; the size from the tile matrix (8 x 720, 4 x 720)
    assert (real.heading, real.heading_source) == (0.0, "view:azimuth")
    assert (real.width, real.height) == (2048, 1024)  # the SD copy of a 5760 x 2880 picture
    hd = picture_from_item(REAL["features"][0], "hd")
    assert (hd.width, hd.height) == (5760, 2880) and hd.image_url.endswith("/hd.jpg")
    assert real.prev_id == "127d9282-d082-46ca-bc09-4b0d8569dd2c" and real.next_id.startswith("ccf5f468")
    # a phone photosphere: the pose (image centre, 67°) is not the picture's heading (35°, from the track)
    pixel = picture_from_item(_localised(REAL["features"][0], "http://x/api", **{"pers:yaw": 67.0,
                                                                                  "view:azimuth": 35.0}))
    assert (pixel.heading, pixel.heading_source) == (67.0, "pers:yaw") and pixel.warnings
    # GoPro's placeholder pose 0 loses to view:azimuth
    gopro = picture_from_item(_localised(REAL["features"][0], "http://x/api", **{"pers:yaw": 0.0,
                                                                                  "view:azimuth": 349.0}))
    assert gopro.heading == 349.0


def _run(params):
    from qgis import processing
    return processing.run(f"{PROVIDER_ID}:importpanoramax", params)


def test_import_an_area_and_open_a_picture_from_the_server(provider, qtbot, tmp_path, panoramax):
    store = str(tmp_path / "panoramax.gpkg")
    report = tmp_path / "rejected.csv"
    result = _run({"URL": panoramax, "EXTENT": f"{LON - 0.01},{LON + 0.01},{LAT - 0.01},{LAT + 0.01} [EPSG:4326]",
                   "QUALITY": "sd", "STORE": store, "REPORT": str(report)})
    assert result["IMPORTED"] == 2 and result["REJECTED"] == 1
    assert "no-heading" in report.read_text(encoding="utf-8")
    # two collections with the same title stay two campaigns: the second is told apart by its id
    assert result["CAMPAIGNS"] == "Panoramax Nordtangente 2024 (bb129602), Panoramax Nordtangente 2024 (seq-pixe)"
    assert not any("127.0.0.2" in hit for hit in _Handler.hits)  # the foreign next link was not followed
    with open_store(store) as s:
        rows = {r["image_uri"].rsplit("/", 2)[-2]: r for r in s.select("panorama")}
        campaigns = {c["id"]: c["name"] for c in s.select("campaign")}
    assert rows["pixel-1"]["heading"] == 67.0 and (rows["pixel-1"]["width"], rows["pixel-1"]["height"]) == \
        (2048, 1024)
    assert len(set(r["campaign_id"] for r in rows.values())) == 2  # one campaign per collection
    assert all("Nordtangente 2024" in name for name in campaigns.values())
    # the viewer's loader reads the picture from the server (through the download cache)
    loader = PanoramaLoader(cache_mb=64, disk_cache=DiskCache(tmp_path / "cache", 1 << 26), timeout_s=5)
    with qtbot.waitSignal(loader.fullReady, timeout=10000) as blocker:
        loader.load(rows["pixel-1"], None)
    assert blocker.args[1].shape == (1024, 2048, 4)
    loader.shutdown()


def test_bad_addresses_are_refused_with_a_message(provider, tmp_path):
    for url, words in (("file:///etc/passwd", "http"), ("http://bob:pw@127.0.0.1/api", "password")):  # pragma: allowlist secret
        with pytest.raises(QgsProcessingException, match=words) as info:
            _run({"URL": url, "EXTENT": "7,8,49,50 [EPSG:4326]", "STORE": str(tmp_path / "x.gpkg")})
        assert "pw" not in str(info.value).replace("password", "")


# ---------------------------------------------------------------------------- a real GeoVisio

@pytest.fixture(scope="module")
def geovisio(postgis_server):
    from geovisio_server import GeoVisio

    database = postgis_server.create_database(postgis=True)
    server = GeoVisio(postgis_server, database).start()
    try:
        yield server
    finally:
        server.stop()


def test_real_geovisio_serves_the_gopro_sequence_we_import(provider, qtbot, tmp_path, geovisio):
    """The three GoPro Max files (PoseHeadingDegrees 0, compass in GPSImgDirection) uploaded to a real GeoVisio:
    the server's STAC answer, read by our source, gives the same headings as our own file reader."""
    from herzlich_digital_plugin.core import gpano
    from herzlich_digital_plugin.panorama.panoramax import PanoramaxClient
    from herzlich_digital_plugin.toolbelt.network import QgisHttpClient

    files = [shared_fixture("panoramas", f"geovisio_{n}.jpg") for n in (1, 2, 3)]
    cid = geovisio.upload("GoPro Max 2021", files)
    client = PanoramaxClient(geovisio.base, QgisHttpClient(timeout_s=10))
    items = list(client.search((1.90, 49.0, 1.95, 49.01)))
    assert {item["collection"] for item in items} == {cid} and len(items) == 3
    pictures = sorted((picture_from_item(item) for item in items), key=lambda p: p.captured_at)
    ours = [gpano.read_metadata(f) for f in files]
    for pic, meta in zip(pictures, ours):
        # GeoVisio keeps GPSImgDirection rounded to a degree as view:azimuth and the GPano pose 0 as pers:yaw
        assert pic.heading_source == "view:azimuth" and abs((pic.heading - meta.heading + 180) % 360 - 180) < 1.0
        assert (pic.lon, pic.lat) == pytest.approx((meta.lon, meta.lat), abs=1e-6)
        assert (pic.width, pic.height) == (2048, 1024)  # SD copy of 5760 x 2880
    # the SD image comes from the server into the viewer's loader
    loader = PanoramaLoader(cache_mb=64, disk_cache=DiskCache(tmp_path / "cache", 1 << 27), timeout_s=20)
    with qtbot.waitSignal(loader.fullReady, timeout=30000) as blocker:
        loader.load({"id": 1, "image_uri": pictures[0].image_url, "width": 2048, "height": 1024}, None)
    assert blocker.args[1].shape[1] == 2048
    loader.shutdown()
