"""importdetections, triangulateassets, exportassets, reviewreport through processing.run (GeoPackage and PostGIS)."""
import csv
import json

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer

from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.store import open_store
from review_demo import write_city


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


@pytest.fixture
def city_uri(request, backend, tmp_path):
    uri = str(tmp_path / "city.gpkg") if backend == "gpkg" else request.getfixturevalue("postgis_db")()
    with open_store(uri) as store:
        truth = write_city(store, "test")
    return uri, truth


def run(algorithm, params):
    from qgis import processing
    return processing.run(f"{PROVIDER_ID}:{algorithm}", params)


def _detections_file(path, pano_id):
    feats = []
    for i in range(6):
        feats.append({"type": "Feature", "geometry": None, "properties": {
            "id": f"v-{i}", "value": "regulatory--maximum-speed-limit-50--g1", "score": 0.5 + i / 20,
            "image_key": pano_id, "shape": [0.30 + i * 0.05, 0.45, 0.32 + i * 0.05, 0.48]}})
    feats.append({"type": "Feature", "geometry": None, "properties": {
        "id": "v-0", "value": "regulatory--stop--g1", "score": 0.9, "image_key": pano_id, "shape": [0.1, 0.4, 0.2, 0.5]}})
    feats.append({"type": "Feature", "geometry": None, "properties": {
        "id": "v-x", "value": "regulatory--stop--g1", "score": 1.5, "image_key": pano_id, "shape": [0.1, 0.4, 0.2, 0.5]}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    return path


def test_review_round_trip(provider, city_uri, tmp_path):
    uri, truth = city_uri
    with open_store(uri) as store:
        before = store.count("detection")
    out = run("importdetections", {"INPUT": str(_detections_file(tmp_path / "d.geojson", 7)), "FORMAT": "auto",
                                   "STORE": uri, "MODEL_RUN": "Vendor 2024", "REPORT": str(tmp_path / "rej.csv")})
    assert (out["IMPORTED"], out["REJECTED"]) == (6, 2)
    with open(tmp_path / "rej.csv", encoding="utf-8-sig") as fh:
        reasons = [r[1] for r in csv.reader(fh)][1:]
    assert any("duplicate" in r for r in reasons) and any("outside 0 … 1" in r for r in reasons)

    with open_store(uri) as store:
        assert store.count("detection") == before + 6
        s = ReviewSession(store, "anna")
        for it in s.claim_next(n=40):
            key = truth.true_key(it.detection_id)
            if key is None:
                s.reject(it, "false_positive")
            elif key == (it.asset_class, it.vzkat_code, it.vzkat_value):
                s.accept(it)
            else:
                s.relabel(it, key[1], key[2], key[0])
        accepted_assets = len({r["asset_id"] for r in store.query(
            "SELECT asset_id FROM detection WHERE asset_id IS NOT NULL")})
    out = run("triangulateassets", {"STORE": uri})
    assert out["UPDATED"] >= 0
    assert run("triangulateassets", {"STORE": uri})["UPDATED"] == 0  # nothing left to change

    out = run("exportassets", {"STORE": uri, "STATUS": "accepted", "FORMAT": "gpkg",
                               "OUTPUT": str(tmp_path / "assets.gpkg")})
    assert out["COUNT"] == accepted_assets > 0
    layer = QgsVectorLayer(f"{out['OUTPUT']}|layername=assets", "assets", "ogr")
    assert layer.isValid() and layer.featureCount() == accepted_assets
    assert layer.crs().authid() == "EPSG:25832" and "vzkat_code" in layer.fields().names()
    out = run("exportassets", {"STORE": uri, "STATUS": "all", "FORMAT": "geojson",
                               "OUTPUT": str(tmp_path / "assets.geojson")})
    assert QgsVectorLayer(out["OUTPUT"], "a", "ogr").featureCount() == out["COUNT"]

    out = run("reviewreport", {"STORE": uri, "OUTPUT": str(tmp_path / "report.html")})
    text = open(out["OUTPUT"], encoding="utf-8").read()
    assert "anna" in text and "<table>" in text
    out = run("reviewreport", {"STORE": uri, "OUTPUT": str(tmp_path / "report.csv")})
    assert out["OUTPUT"].endswith(".csv")


def test_bad_input_is_a_processing_error(provider, city_uri, tmp_path):
    uri, _ = city_uri
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing,useful\n1,2\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException):
        run("importdetections", {"INPUT": str(bad), "STORE": uri})
    with pytest.raises(QgsProcessingException):
        run("exportassets", {"STORE": str(tmp_path / "missing" / "x.txt"), "STATUS": "all", "FORMAT": "csv",
                             "OUTPUT": str(tmp_path / "a.csv")})


def test_checkstore_finds_what_the_event_log_contradicts(provider, city_uri, tmp_path):
    """Issue 15.4: the consistency check as an algorithm; it never creates a store."""
    uri, _ = city_uri
    with open_store(uri) as store:
        s = ReviewSession(store, "anna")
        items = s.claim_next(n=3)
        s.accept(items[0])
        s.reject(items[1], "duplicate")
        s.release()
    out = run("checkstore", {"STORE": uri, "OUTPUT": str(tmp_path / "ok.csv")})
    assert out["PROBLEMS"] == 0
    with open_store(uri) as store:  # as the owner: a repair behind the log's back (the maintenance path)
        store.update("detection", items[2].detection_id, {"status": "accepted"})
    out = run("checkstore", {"STORE": uri, "OUTPUT": str(tmp_path / "bad.csv")})
    assert out["PROBLEMS"] == 1
    with open(out["OUTPUT"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(int(r["detection_id"]), r["stored_status"], r["expected_status"]) for r in rows] == [
        (items[2].detection_id, "accepted", "new")]
    missing = tmp_path / "nowhere.gpkg"
    with pytest.raises(QgsProcessingException):
        run("checkstore", {"STORE": str(missing)})
    assert not missing.exists()



def test_triangulateassets_reports_and_merges_duplicates(provider, city_uri):
    """Issue 15.2: duplicates (same class, < 2 m) are reported as WOULD_MERGE, and merged with MERGE."""
    uri, truth = city_uri
    with open_store(uri) as store:
        s = ReviewSession(store, "anna")
        views = {}
        for det_id, asset_id in truth.asset_of.items():
            if asset_id is not None and truth.assets[asset_id].asset_class == "sign" and \
                    not truth.misclassified[det_id]:
                views.setdefault(asset_id, []).append(det_id)
        dets = next(d for d in views.values() if len(d) >= 3)
        for d in dets[:3]:
            s.accept(s.item(d))
        asset_id = store.get("detection", dets[0])["asset_id"]
        twin = s.split_asset(asset_id, [dets[2]])["new_asset_id"]  # a duplicate of the same sign
    out = run("triangulateassets", {"STORE": uri})
    assert out["MERGED"] == 0 and out["WOULD_MERGE"] >= 1
    out = run("triangulateassets", {"STORE": uri, "MERGE": True})
    assert out["MERGED"] >= 1 and out["WOULD_MERGE"] == 0
    with open_store(uri) as store:
        assert store.get("asset", twin)["lifecycle_status"] == "withdrawn"
        assert {store.get("detection", d)["asset_id"] for d in dets[:3]} == {asset_id}
