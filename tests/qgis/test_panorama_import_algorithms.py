"""importpanoramafolder / importpanoramatable run through processing.run, on GeoPackage and PostGIS stores."""
import csv
import datetime as dt
import math
import shutil
from pathlib import Path

import pytest
from qgis.core import (QgsApplication, QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import QDateTime, Qt

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.toolbelt.field_types import field_type
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.store import open_store
from panorama_import_demo import demo_city

LADYBUG_HEADER = "Filename\tX\tY\tZ\tPan\tTilt\tRoll\tTimeStamp"


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


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_city(tmp_path_factory)


@pytest.fixture
def store_uri(request, backend, tmp_path):
    if backend == "gpkg":
        return str(tmp_path / "store.gpkg")
    return request.getfixturevalue("postgis_db")()


def run(algorithm, params):
    from qgis import processing
    return processing.run(f"{PROVIDER_ID}:{algorithm}", params)


def _report_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def _check_positions(store_uri, truth, expected):
    with open_store(store_uri) as store:
        rows = store.select("panorama")
    assert len(rows) == expected
    for row in rows:
        want = truth[Path(row["image_uri"]).name]
        g, w = row["geom"], want["geom"]
        assert math.hypot(g.x - w.x, g.y - w.y) <= 0.01 and abs(g.z - w.z) <= 0.01
        assert abs((row["heading"] - want["heading"] + 180) % 360 - 180) <= 1e-3
        assert abs((row["captured_at"] - want["captured_at"]).total_seconds()) <= 0.001
    return rows


def test_folder_algorithm_imports_the_demo_city(provider, demo, store_uri, tmp_path):
    result, truth = demo
    report = tmp_path / "report.csv"
    out = run("importpanoramafolder", {"FOLDER": str(result.image_folder), "STORE": store_uri,
                                       "CAMPAIGN": "Kaiserslautern 2021", "CAMERA_HEIGHT": 2.5,
                                       "REPORT": str(report)})
    assert out["IMPORTED"] == len(truth) and out["REJECTED"] == 0
    assert _report_rows(report) == [["source", "reason"]]
    _check_positions(store_uri, truth, len(truth))
    again = run("importpanoramafolder", {"FOLDER": str(result.image_folder), "STORE": store_uri,
                                         "CAMPAIGN": "Kaiserslautern 2021", "REPORT": str(report)})
    assert again["IMPORTED"] == 0 and again["REJECTED"] == len(truth)
    rows = _report_rows(report)[1:]
    assert len(rows) == len(truth) and all("already in the campaign" in r[1] for r in rows)


def test_folder_algorithm_reports_bad_files(provider, demo, tmp_path):
    result, _ = demo
    folder = tmp_path / "in"
    folder.mkdir()
    good = sorted(Path(result.image_folder).rglob("*.jpg"))[0]
    shutil.copy(good, folder / "good.jpg")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff" + bytes(50))
    (folder / "half.jpg").write_bytes(good.read_bytes()[:20000])
    report = tmp_path / "rejected.csv"
    out = run("importpanoramafolder", {"FOLDER": str(folder), "STORE": str(tmp_path / "s.gpkg"),
                                       "CAMPAIGN": "Mixed", "REPORT": str(report)})
    assert (out["IMPORTED"], out["REJECTED"]) == (1, 2)
    reasons = dict(_report_rows(report)[1:])
    assert set(reasons) == {"broken.jpg", "half.jpg"}
    with pytest.raises(QgsProcessingException):
        run("importpanoramafolder", {"FOLDER": str(folder), "STORE": str(tmp_path / "x.txt"), "CAMPAIGN": "C"})


def test_table_algorithm_ladybug_in_wgs84_and_unsafe_names(provider, demo, store_uri, tmp_path):
    """X/Y given in EPSG:4326 are transformed by QGIS; a '../' name is refused and reported."""
    result, truth = demo
    lines = [LADYBUG_HEADER]
    rows = list(truth.values())
    for row in rows:
        g = row["geom"]
        lon, lat = utm32_to_wgs84(g.x, g.y)
        lines.append("\t".join([row["image_uri"][len("images/"):], f"{float(lon):.10f}", f"{float(lat):.10f}",
                                repr(g.z + 2.5), repr(row["heading"]), "0", "0", row["captured_at"].isoformat()]))
    (tmp_path / "secret.jpg").write_bytes(b"never read")
    lines.append("\t".join(["../secret.jpg", "7.77", "49.44", "237", "0", "0", "0", ""]))
    pose_file = tmp_path / "poses.txt"
    pose_file.write_text("\n".join(lines) + "\n")
    report = tmp_path / "report.csv"
    out = run("importpanoramatable", {"INPUT": str(pose_file), "FORMAT": "auto", "CRS": "EPSG:4326",
                                      "IMAGE_ROOT": str(result.image_folder), "STORE": store_uri,
                                      "CAMPAIGN": "Ladybug", "REPORT": str(report)})
    assert out["IMPORTED"] == len(truth) and out["REJECTED"] == 1
    (source, reason), = _report_rows(report)[1:]
    assert source == f"poses.txt:{len(lines)}" and "'..'" in reason
    _check_positions(store_uri, truth, len(truth))


def test_table_algorithm_trimble_next_to_its_images(provider, demo, tmp_path):
    result, truth = demo
    folder = tmp_path / "drive"
    rows = list(truth.values())[:5]
    folder.mkdir()
    lines = ["gps_seconds,panorama_file_name,x,y,altitude,roll,pitch,heading"]
    epoch = dt.datetime(1980, 1, 6, tzinfo=dt.timezone.utc)
    for row in rows:
        name = Path(row["image_uri"]).name
        shutil.copy(result.store_path.parent / row["image_uri"], folder / name)
        g = row["geom"]
        gps = (row["captured_at"] - epoch).total_seconds() + 18
        lines.append(f"{gps:.3f},{name},{g.x},{g.y},{g.z + 2.5},0,0,{row['heading']}")
    (folder / "poses.csv").write_text("\n".join(lines) + "\n")
    store_path = tmp_path / "s.gpkg"
    out = run("importpanoramatable", {"INPUT": str(folder / "poses.csv"), "STORE": str(store_path),
                                      "CAMPAIGN": "Trimble"})
    assert out["IMPORTED"] == 5 and out["REJECTED"] == 0
    stored = _check_positions(str(store_path), truth, 5)
    assert sorted(r["image_uri"] for r in stored) == sorted(f"drive/{Path(r['image_uri']).name}" for r in rows)
    with pytest.raises(QgsProcessingException, match="neither a Ladybug"):
        run("importpanoramatable", {"INPUT": str(folder / "poses.csv"), "FORMAT": "ladybug",
                                    "STORE": str(store_path), "CAMPAIGN": "Trimble"})
    # the same CSV loaded as a layer is still read as the Trimble file it is
    layer = QgsVectorLayer(str(folder / "poses.csv"), "poses", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)  # as a user has it: a layer of the project, passed by id
    try:
        out = run("importpanoramatable", {"INPUT": layer.id(), "STORE": str(store_path),
                                          "CAMPAIGN": "Trimble as layer"})
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    assert out["IMPORTED"] == 5 and out["REJECTED"] == 0


def _point_layer(rows, with_geometry=True):
    uri = "Point?crs=EPSG:4326" if with_geometry else "None"
    layer = QgsVectorLayer(uri, "poses", "memory")
    provider = layer.dataProvider()
    provider.addAttributes([QgsField("bild", field_type("String")), QgsField("kurs", field_type("Double")),
                            QgsField("zeit", field_type("DateTime")), QgsField("ost", field_type("Double")),
                            QgsField("nord", field_type("Double")), QgsField("hoehe", field_type("Double"))])
    layer.updateFields()
    features = []
    for row in rows:
        f = QgsFeature(layer.fields())
        g = row["geom"]
        utc = row["captured_at"].astimezone(dt.timezone.utc)
        when = QDateTime.fromString(utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z",
                                    Qt.DateFormat.ISODateWithMs)
        f.setAttributes([Path(row["image_uri"]).name, row["heading"], when, g.x, g.y, g.z + 2.5])
        if with_geometry:
            lon, lat = utm32_to_wgs84(g.x, g.y)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(lon), float(lat))))
        features.append(f)
    provider.addFeatures(features)
    return layer


def test_table_algorithm_reads_a_point_layer_and_a_plain_table(provider, demo, tmp_path):
    """A point layer (as a WFS layer would be) by its geometry; a table by X/Y fields with a URL template."""
    result, truth = demo
    rows = list(truth.values())[:6]
    folder = tmp_path / "img"
    folder.mkdir()
    for row in rows:
        shutil.copy(result.store_path.parent / row["image_uri"], folder / Path(row["image_uri"]).name)
    store_path = str(tmp_path / "s.gpkg")
    layer = _point_layer(rows)
    out = run("importpanoramatable", {"INPUT": layer, "FORMAT": "layer", "IMAGE_FIELD": "bild",
                                      "HEADING_FIELD": "kurs", "TIME_FIELD": "zeit", "Z_FIELD": "hoehe",
                                      "IMAGE_ROOT": str(folder), "STORE": store_path, "CAMPAIGN": "WFS"})
    assert out["IMPORTED"] == 6 and out["REJECTED"] == 0
    _check_positions(store_path, truth, 6)

    table = _point_layer(rows, with_geometry=False)
    out = run("importpanoramatable", {"INPUT": table, "X_FIELD": "ost", "Y_FIELD": "nord",  # FORMAT auto
                                      "Z_FIELD": "hoehe", "IMAGE_FIELD": "bild", "HEADING_FIELD": "kurs",
                                      "TIME_FIELD": "zeit", "URL_TEMPLATE": "https://pano.example.org/{stem}.jpg",
                                      "READ_IMAGE_SIZE": False,  # no traffic to example.org from a test
                                      "STORE": store_path, "CAMPAIGN": "Web"})
    assert out["IMPORTED"] == 6
    with open_store(store_path) as store:
        web = store.select("panorama", {"campaign_id": out["CAMPAIGN_ID"]})
    assert all(r["image_uri"].startswith("https://pano.example.org/") for r in web)
    with pytest.raises(QgsProcessingException, match="lacks the field"):
        run("importpanoramatable", {"INPUT": table, "FORMAT": "layer", "IMAGE_FIELD": "bild",
                                    "HEADING_FIELD": "kurs", "URL_TEMPLATE": "https://h/{filename}",
                                    "READ_IMAGE_SIZE": False, "STORE": store_path, "CAMPAIGN": "Web"})


class _RangeHandler:
    """An image server that honours Range requests, as real ones do (206 with the first bytes)."""

    @staticmethod
    def make(body, seen):
        from http.server import BaseHTTPRequestHandler

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                wanted = self.headers.get("Range", "")
                seen.append(wanted)
                data, status = body, 200
                if wanted.startswith("bytes=0-"):
                    data, status = body[:int(wanted[8:]) + 1], 206
                self.send_response(status)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass
        return Handler


def test_url_template_panoramas_get_their_size_from_the_server(provider, demo, tmp_path):
    """Without a size no detection could be imported for them ("panorama has no image size")."""
    import json
    import threading
    from http.server import HTTPServer

    from panorama_import_demo import small_jpeg

    body = small_jpeg(512, 256, None) + b"\x00" * 300000  # larger than the first request reads
    seen = []
    server = HTTPServer(("127.0.0.1", 0), _RangeHandler.make(body, seen))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result, truth = demo
        rows = list(truth.values())[:4]
        store_path = str(tmp_path / "web.gpkg")
        out = run("importpanoramatable", {
            "INPUT": _point_layer(rows, with_geometry=False), "X_FIELD": "ost", "Y_FIELD": "nord",
            "Z_FIELD": "hoehe", "IMAGE_FIELD": "bild", "HEADING_FIELD": "kurs", "TIME_FIELD": "zeit",
            "URL_TEMPLATE": f"http://127.0.0.1:{server.server_address[1]}/pano/{{stem}}.jpg",
            "STORE": store_path, "CAMPAIGN": "Web"})
    finally:
        server.shutdown()
        server.server_close()
    assert out["IMPORTED"] == 4
    assert len(seen) == 2 and all(r.startswith("bytes=0-") for r in seen)  # first and last image, headers only
    with open_store(store_path) as store:
        panos = store.select("panorama")
    assert {(p["width"], p["height"]) for p in panos} == {(512, 256)}
    detections = tmp_path / "d.geojson"
    detections.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {
            "id": "v-1", "value": "regulatory--stop--g1", "score": 0.9, "image_key": panos[0]["id"],
            "shape": [0.40, 0.45, 0.42, 0.48]}}]}), encoding="utf-8")
    got = run("importdetections", {"INPUT": str(detections), "FORMAT": "auto", "STORE": store_path,
                                   "MODEL_RUN": "Vendor"})
    assert (got["IMPORTED"], got["REJECTED"]) == (1, 0)
