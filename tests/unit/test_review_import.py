"""importdetections' engine: good rows imported, every kind of bad row rejected with a clear reason."""
import csv
import json
import math

import pytest

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.review.import_detections import FieldMapping, import_detections
from review_demo import write_city

INJECTION = "regulatory--stop--g1'); DROP TABLE detection; --"


@pytest.fixture
def city(store):
    write_city(store, "test")
    pano = store.get("panorama", 5)
    return store, pano


def _feature(fid, pano, value="regulatory--maximum-speed-limit-30--g1", score=0.8, shape=None, point="auto",
             image_key=None):
    props = {"id": fid, "value": value, "score": score,
             "image_key": pano["image_uri"].rsplit("/", 1)[-1].rsplit(".", 1)[0] if image_key is None else image_key,
             "shape": shape if shape is not None else {"type": "Polygon", "coordinates": [
                 [[0.40, 0.45], [0.42, 0.45], [0.42, 0.48], [0.40, 0.48], [0.40, 0.45]]]}}
    if point == "auto":
        lon, lat = utm32_to_wgs84(pano["geom"].x + 5.0, pano["geom"].y + 3.0)
        point = {"type": "Point", "coordinates": [float(lon), float(lat)]}
    return {"type": "Feature", "geometry": point, "properties": props}


def _write(path, features, crs=None):
    data = {"type": "FeatureCollection", "features": features}
    if crs:
        data["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    return path


def _reasons(report):
    return {src: reason for src, reason in report.rejected}


def test_mapillary_geojson_good_and_bad_rows(city, tmp_path):
    store, pano = city
    before = store.count("detection")
    feats = [
        _feature("good-1", pano),                                                       # 1
        _feature("good-2", pano, shape=[100, 400, 140, 450], point=None, image_key=pano["id"]),  # 2 pixels, id key
        _feature("bad-geom", pano, shape={"type": "Polygon", "coordinates": [[[0.5, 0.5], [0.6, 0.6]]]}),  # 3
        _feature("inverted", pano, shape=[0.5, 0.5, 0.4, 0.6]),                          # 4
        _feature("outside", pano, shape=[1900, 400, 2100, 450]),                        # 5
        _feature("good-1", pano),                                                       # 6 duplicate id
        _feature("nan", pano, score=float("nan")),                                      # 7
        _feature("range", pano, score=87),                                              # 8
        _feature("noscore", pano, score=None),                                          # 9
        _feature("pano?", pano, image_key="KL1999_0001_0"),                              # 10
        _feature("crs", pano, point={"type": "Point", "coordinates": [pano["geom"].x, pano["geom"].y]}),  # 11
        _feature("far", pano, point={"type": "Point", "coordinates": [7.0, 49.0]}),     # 12
        _feature("inj'; DELETE FROM asset; --", pano, value=INJECTION),                 # 13 kept verbatim
        _feature("evil-pano", pano, image_key="1; DROP TABLE panorama"),                # 14
        _feature("line", pano, point={"type": "LineString", "coordinates": [[7, 49], [7.1, 49]]}),  # 15
    ]
    report = import_detections(store, _write(tmp_path / "det.geojson", feats), model_run="Vendor X")
    reasons = _reasons(report)
    assert report.imported == 3 and len(report.rejected) == 12
    expect = {3: "three points", 4: "inverted", 5: "outside the 2048", 6: "duplicate id", 7: "finite",
              8: "outside 0 … 1", 9: "score is missing", 10: "unknown panorama", 11: "EPSG:4326", 12: "from its panorama",
              14: "unknown panorama", 15: "must be a Point"}
    for n, text in expect.items():
        assert text in reasons[f"feature {n}"], (n, reasons[f"feature {n}"])
    assert store.count("detection") == before + 3
    assert store.count("panorama") > 0 and store.count("asset") == 0  # the injection text did nothing
    rows = {r["external_id"]: r for r in store.query(
        "SELECT d.*, m.name AS run FROM detection d JOIN model_run m ON m.id = d.model_run_id WHERE m.name = %s",
        ("Vendor X",))}
    assert set(rows) == {"good-1", "good-2", "inj'; DELETE FROM asset; --"}
    g1 = rows["good-1"]
    assert (g1["asset_class"], g1["vzkat_code"], g1["vzkat_value"]) == ("sign", "274", "30")
    assert g1["bbox_xmin"] == pytest.approx(0.40 * 2048) and g1["bbox_ymax"] == pytest.approx(0.48 * 1024)
    p = store.get("detection", g1["id"])["geom"]
    assert math.hypot(p.x - pano["geom"].x - 5.0, p.y - pano["geom"].y - 3.0) < 0.01
    assert store.get("detection", rows["good-2"]["id"])["geom"] is not None  # estimated from the box
    inj = rows["inj'; DELETE FROM asset; --"]
    assert inj["vendor_label"] == INJECTION and inj["vzkat_code"] is None and inj["asset_class"] == "sign"
    assert any("unknown label" in m for _, m in report.warnings)
    # The report file lists every rejected row with its reason.
    out = report.write_report(tmp_path / "rejected.csv")
    with open(out, encoding="utf-8-sig") as fh:
        assert len(list(csv.reader(fh))) == 13
    # Importing the same file again: every id is already there (good-1 twice).
    again = import_detections(store, tmp_path / "det.geojson", model_run="Vendor X")
    assert again.imported == 0 and sum("already imported" in r for _, r in again.rejected) == 4


def test_unsupported_crs(city, tmp_path):
    store, pano = city
    report = import_detections(store, _write(tmp_path / "a.geojson", [_feature("a", pano)], crs="EPSG:3857"))
    assert report.imported == 0 and "EPSG:3857" in report.rejected[0][1]
    utm = [_feature("b", pano, point={"type": "Point", "coordinates": [pano["geom"].x, pano["geom"].y + 4]})]
    report = import_detections(store, _write(tmp_path / "b.geojson", utm, crs="urn:ogc:def:crs:EPSG::25832"))
    assert report.imported == 1


def test_csv_with_field_mapping(city, tmp_path):
    store, pano = city
    path = tmp_path / "det.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["det", "klasse", "konfidenz", "bild", "x0", "y0", "x1", "y1"])
        w.writerow(["c1", "regulatory--no-entry--g1", "0,91", pano["id"], "300", "420", "330", "450"])
        w.writerow(["c2", "marking--discrete--stop-line", "0,5", pano["id"], "900", "700", "1100", "760"])
        w.writerow(["c3", "regulatory--no-entry--g1", "abc", pano["id"], "300", "420", "330", "450"])
        w.writerow(["c4", "regulatory--no-entry--g1", "0,5", 99999, "300", "420", "330", "450"])
        w.writerow(["c5", "regulatory--no-entry--g1", "0,5", pano["id"], "300", "", "330", "450"])
        w.writerow(["c6", INJECTION, "0,5", pano["id"], "300", "420", "330", "450"])
    mapping = FieldMapping(id="det", label="klasse", score="konfidenz", panorama="bild", xmin="x0", ymin="y0",
                           xmax="x1", ymax="y1")
    report = import_detections(store, path, mapping=mapping, model_run="csv run")
    reasons = _reasons(report)
    assert report.imported == 3
    assert "not a number" in reasons["line 4"] and "unknown panorama" in reasons["line 5"]
    assert "missing" in reasons["line 6"]
    rows = {r["external_id"]: r for r in store.select("detection", {"external_id": ["c1", "c2", "c6"]})}
    assert rows["c1"]["vzkat_code"] == "267" and rows["c1"]["score"] == pytest.approx(0.91)
    assert rows["c2"]["asset_class"] == "marking" and rows["c2"]["geom"] is not None
    assert rows["c6"]["vendor_label"] == INJECTION


def test_csv_missing_columns_is_a_clear_error(city, tmp_path):
    store, _ = city
    path = tmp_path / "x.csv"
    path.write_text("id,label\n1,regulatory--stop--g1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the columns"):
        import_detections(store, path)
    bad = tmp_path / "x.geojson"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="could not be read"):
        import_detections(store, bad)
