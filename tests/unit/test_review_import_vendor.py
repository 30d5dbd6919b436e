"""Issue 15.3 / 20: vendor detections as they really come - normalised boxes at the seam, CSV units, image keys
in two campaigns, numeric keys, Mapillary API v4 (base64 vector tiles, no score), unknown labels in REPORT."""
import base64
import csv
import json
import shutil

import pytest

from herzlich_digital_plugin.core.vector_tile import VectorTileError, normalized_bounds
from herzlich_digital_plugin.review.import_detections import import_detections
from review_demo import write_city
from shared_fixtures import shared_fixture

V4 = ("311681117131457", "4235112816526838", "308609047601518")


@pytest.fixture
def city(store):
    write_city(store, "test")
    pano = store.get("panorama", 5)
    return store, pano


def _geojson(path, pano_key, shapes, label="regulatory--stop--g1"):
    feats = [{"type": "Feature", "geometry": None, "properties": {
        "id": f"d{i}", "value": label, "score": 0.7, "image_key": pano_key, "shape": shape}}
        for i, shape in enumerate(shapes)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    return path


def _stem(pano):
    return pano["image_uri"].rsplit("/", 1)[-1].rsplit(".", 1)[0]


def test_normalised_box_past_one_is_never_a_pixel_box(city, tmp_path):
    store, pano = city
    w, h = pano["width"], pano["height"]
    path = _geojson(tmp_path / "a.geojson", _stem(pano), [
        [0.5, 0.5, 1.2, 0.6],     # 0: u 0.5-1.2 is 252°: no detection, and surely no 0.7-pixel box
        [0.9, 0.40, 1.2, 0.45],   # 1: crosses the seam: legal
        [-0.05, 0.40, 0.05, 0.45],  # 2: crosses it written from the other side
        [0.2, 0.9, 0.3, 1.3],     # 3: v past 1: no seam vertically
        [0.40, 0.45, 0.42, 0.48],  # 4: an ordinary box
    ])
    report = import_detections(store, path, model_run="seam")
    reasons = dict(report.rejected)
    assert report.imported == 3 and set(reasons) == {"feature 1", "feature 4"}
    assert "wider than half" in reasons["feature 1"] and "v 0.9" in reasons["feature 4"]
    rows = {r["external_id"]: r for r in store.select("detection", {"external_id": ["d1", "d2", "d4"]})}
    assert (rows["d1"]["bbox_xmin"], rows["d1"]["bbox_xmax"]) == (pytest.approx(0.9 * w), pytest.approx(1.2 * w))
    assert (rows["d2"]["bbox_xmin"], rows["d2"]["bbox_xmax"]) == (pytest.approx(0.95 * w), pytest.approx(1.05 * w))
    assert rows["d4"]["bbox_ymax"] == pytest.approx(0.48 * h)
    # Explicit units too: "normalized" wraps the same way, "pixels" stays strict.
    again = import_detections(store, _geojson(tmp_path / "b.geojson", _stem(pano), [[0.5, 0.5, 1.2, 0.6]]),
                              model_run="seam 2", units="normalized")
    assert again.imported == 0 and "wider than half" in again.rejected[0][1]


def _csv(path, rows, header=("id", "label", "score", "panorama_id", "xmin", "ymin", "xmax", "ymax")):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_csv_units_are_honoured(city, tmp_path):
    store, pano = city
    w, h = pano["width"], pano["height"]
    path = _csv(tmp_path / "n.csv", [["n1", "regulatory--stop--g1", "0.5", pano["id"], "0.25", "0.5", "0.26", "0.52"]])
    for units, run in (("normalized", "n"), ("auto", "a")):
        report = import_detections(store, path, model_run=run, units=units)
        assert report.imported == 1, report.rejected
        row = store.query("SELECT d.* FROM detection d JOIN model_run m ON m.id = d.model_run_id "
                          "WHERE m.name = %s", (run,))[0]
        assert (row["bbox_xmin"], row["bbox_ymax"]) == (pytest.approx(0.25 * w), pytest.approx(0.52 * h))
    pixels = _csv(tmp_path / "p.csv", [["p1", "regulatory--stop--g1", "0.5", pano["id"], "300", "420", "330", "450"]])
    assert import_detections(store, pixels, model_run="p", units="auto").imported == 1
    assert store.select("detection", {"external_id": "p1"})[0]["bbox_xmin"] == 300


def test_image_key_in_two_campaigns_needs_the_campaign(city, tmp_path):
    store, pano = city
    first = store.get("campaign", pano["campaign_id"])["name"]
    other = store.insert("campaign", {"name": "Befahrung 2025"})
    twin = store.insert("panorama", {**{k: pano[k] for k in ("heading", "pitch", "roll", "camera_height", "width",
                                                            "height", "image_uri", "geom")}, "campaign_id": other})
    path = _geojson(tmp_path / "k.geojson", _stem(pano), [[0.40, 0.45, 0.42, 0.48]])
    report = import_detections(store, path, model_run="k")
    assert report.imported == 0 and "2 times" in report.rejected[0][1] and "Befahrung 2025" in report.rejected[0][1]
    assert import_detections(store, path, model_run="k", campaign="Befahrung 2025").imported == 1
    assert store.select("detection", {"external_id": "d0"})[0]["panorama_id"] == twin
    assert import_detections(store, path, model_run="k2", campaign=str(pano["campaign_id"])).imported == 1
    with pytest.raises(ValueError, match=first):  # an unknown campaign lists the ones there are
        import_detections(store, path, model_run="k3", campaign="Befahrung 1999")


def test_numeric_key_that_names_one_panorama_and_is_the_id_of_another(city, tmp_path):
    store, pano = city
    named = store.insert("panorama", {**{k: pano[k] for k in ("campaign_id", "heading", "width", "height", "geom")},
                                      "image_uri": "images/7.jpg"})
    assert named != 7 and store.get("panorama", 7) is not None
    report = import_detections(store, _geojson(tmp_path / "n.geojson", 7, [[0.40, 0.45, 0.42, 0.48]]), model_run="n")
    assert report.imported == 0 and "ambiguous" in report.rejected[0][1]
    ok = import_detections(store, _geojson(tmp_path / "m.geojson", "7.jpg", [[0.40, 0.45, 0.42, 0.48]]),
                           model_run="n")
    assert ok.imported == 1 and store.select("detection", {"external_id": "d0"})[0]["panorama_id"] == named


def _v4_store(store, pano):
    """Panoramas named after the Mapillary images of the fixtures (their real sizes)."""
    for key in V4:
        meta = json.loads(shared_fixture("detections", "mapillary_v4", f"{key}.json").read_text(encoding="utf-8"))
        store.insert("panorama", {"campaign_id": pano["campaign_id"], "heading": pano["heading"], "geom": pano["geom"],
                                  "width": meta["width"], "height": meta["height"], "image_uri": f"mly/{key}.jpg"})


def test_mapillary_v4_detections_as_they_come(city, tmp_path):
    store, pano = city
    _v4_store(store, pano)
    merged = {"data": []}
    for key in V4:
        merged["data"] += json.loads(shared_fixture("detections", "mapillary_v4", f"{key}_detections.json")
                                     .read_text(encoding="utf-8"))["data"]
    path = tmp_path / "v4.json"
    path.write_text(json.dumps(merged), encoding="utf-8")
    report = import_detections(store, path, model_run="mapillary v4")
    assert report.rejected == [] and report.imported == len(merged["data"]) == 14
    rows = store.query("SELECT d.*, p.image_uri, p.width FROM detection d JOIN panorama p ON p.id = d.panorama_id "
                       "WHERE d.external_id = %s", ("313159516983617",))
    row = rows[0]  # information--general-directions--g1 in image 311681117131457 (4160 × 3120)
    assert row["image_uri"] == "mly/311681117131457.jpg" and row["score"] is None
    assert row["vendor_label"] == "information--general-directions--g1"
    assert 0.81 * 4160 < row["bbox_xmin"] < row["bbox_xmax"] < 0.88 * 4160
    assert 0.55 * 3120 < row["bbox_ymin"] < row["bbox_ymax"] < 0.60 * 3120
    # Unknown labels are warnings, and the REPORT file has them.
    assert report.warnings
    out = report.write_report(tmp_path / "report.csv", include_warnings=True)
    with open(out, encoding="utf-8-sig") as fh:
        kinds = [r[2] for r in list(csv.reader(fh))[1:]]
    assert len(kinds) == len(report.warnings) > 0


def test_mapillary_image_ids_never_match_store_ids(city, tmp_path):
    store, pano = city
    src = shared_fixture("detections", "mapillary_v4", "311681117131457_detections.json")
    data = json.loads(src.read_text(encoding="utf-8"))
    data["data"][0]["image"]["id"] = str(pano["id"])  # a Mapillary id that happens to be a store id
    path = tmp_path / "v4.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = import_detections(store, path, model_run="v4")
    assert report.imported == 0 and "unknown panorama" in report.rejected[0][1]
    shutil.copy(src, tmp_path / "plain.json")
    broken = json.loads(src.read_text(encoding="utf-8"))
    broken["data"][0]["geometry"] = base64.b64encode(b"\x1a\x05\x0a\x03ab").decode()  # truncated layer
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    report = import_detections(store, tmp_path / "broken.json", model_run="v4b")
    assert report.imported == 0 and "vector tile" in report.rejected[0][1]


def test_vector_tile_decoder():
    text = json.loads(shared_fixture("detections", "mapillary_v4", "311681117131457_detections.json")
                      .read_text(encoding="utf-8"))["data"][0]["geometry"]
    u0, v0, u1, v1 = normalized_bounds(text)
    assert 0.8 < u0 < u1 < 0.9 and 0.5 < v0 < v1 < 0.6
    for bad in ("not base64!", base64.b64encode(b"\xff\xff").decode(), ""):
        with pytest.raises(VectorTileError):
            normalized_bounds(bad)
