"""Hostile or mistaken store use: wrong role, store paths that are not usable."""
import psycopg2
import pytest
from qgis.core import QgsApplication, QgsProcessingException

from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider


@pytest.fixture(scope="module")
def provider(qgis_processing):
    registry = QgsApplication.processingRegistry()
    if registry.providerById(PROVIDER_ID) is None:
        ours = HerzlichDigitalProvider()
        registry.addProvider(ours)
        yield ours
        registry.removeProvider(ours)
    else:
        yield registry.providerById(PROVIDER_ID)


def _run(algorithm, parameters):
    from qgis import processing

    return processing.run(f"herzlich_digital:{algorithm}", parameters)


def test_setupshareddatabase_by_a_non_admin_says_an_administrator_must_run_it(provider, postgis_db):
    conninfo = postgis_db()
    with psycopg2.connect(conninfo) as connection, connection.cursor() as cursor:
        cursor.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hd_hostile_viewer') "
                       "THEN CREATE ROLE hd_hostile_viewer LOGIN; END IF; END $$")
        cursor.execute("GRANT hd_viewer TO hd_hostile_viewer")
    connection.close()
    with pytest.raises(QgsProcessingException) as caught:
        _run("setupshareddatabase", {"CONNECTION": conninfo + " user=hd_hostile_viewer", "CREATE_ROLES": True})
    text = str(caught.value)
    assert "Only a database administrator can set up the shared database" in text
    assert "Traceback" not in text and text.count("\n") == 0


def _message(algorithm, parameters):
    with pytest.raises(QgsProcessingException) as caught:
        _run(algorithm, parameters)
    text = str(caught.value)
    assert "Traceback" not in text and "Error:" not in text.split(":")[0]
    return text


def test_a_store_below_a_file_or_a_folder_named_gpkg_is_a_message(provider, tmp_path):
    blocker = tmp_path / "hostname"
    blocker.write_text("kl\n")
    geojson = tmp_path / "rw.geojson"
    geojson.write_text('{"type": "FeatureCollection", "features": []}')
    folder_store = tmp_path / "ordner.gpkg"
    folder_store.mkdir()
    for store, words in ((str(blocker / "x.gpkg"), "cannot be created"), (str(folder_store), "is a folder")):
        assert words in _message("importroadworks", {"INPUT": str(geojson), "STORE": store})
        assert words in _message("importpanoramafolder", {"FOLDER": str(tmp_path), "STORE": store,
                                                          "CAMPAIGN": "x"})
    assert blocker.read_text() == "kl\n" and list(folder_store.iterdir()) == []


def test_a_missing_input_creates_no_store(provider, tmp_path):
    store = tmp_path / "neu.gpkg"
    cases = (("importroadworks", {"INPUT": str(tmp_path / "fehlt.xml"), "STORE": str(store)}),
             ("importdetections", {"INPUT": str(tmp_path / "fehlt.csv"), "STORE": str(store)}),
             ("importpanoramafolder", {"FOLDER": str(tmp_path / "fehlt"), "STORE": str(store), "CAMPAIGN": "x"}))
    for algorithm, parameters in cases:
        assert "does not exist" in _message(algorithm, parameters)
        assert not store.exists(), algorithm


def test_renderpanoramaview_output_below_a_file_is_a_message(provider, tmp_path):
    from herzlich_digital_plugin.store import open_store
    store = tmp_path / "s.gpkg"
    open_store(str(store)).close()
    blocker = tmp_path / "datei"
    blocker.write_text("x")
    text = _message("renderpanoramaview", {"STORE": str(store), "PANORAMA": 1, "OUTPUT": str(blocker / "v.png")})
    assert "cannot be written" in text


def test_roadworksreport_leaves_no_temporary_folder(provider, tmp_path, monkeypatch):
    import tempfile

    from herzlich_digital_plugin.store import open_store
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    store = tmp_path / "s.gpkg"
    open_store(str(store)).close()
    with pytest.raises(QgsProcessingException):
        _run("roadworksreport", {"STORE": str(store), "ROADWORKS": 4711, "OUTPUT": str(tmp_path / "b.pdf")})
    assert list(scratch.iterdir()) == []


def test_a_nul_in_the_pose_file_name_is_a_message(provider, tmp_path):
    from qgis.core import QgsProcessingContext

    from herzlich_digital_plugin.processing.import_panorama_table import ImportPanoramaTableAlgorithm
    store = tmp_path / "s.gpkg"
    text = _message("importpanoramatable", {"INPUT": str(tmp_path / "posen\x00.csv"), "STORE": str(store),
                                            "CAMPAIGN": "x"})
    assert ("NUL" in text or "INPUT" in text) and "mesh" not in text.lower()
    assert not store.exists()
    # below Processing's own parameter check (the GUI and qgis_process pass other values): refused by name
    with pytest.raises(QgsProcessingException, match="NUL"):
        ImportPanoramaTableAlgorithm()._input_file({"INPUT": str(tmp_path / "posen\x00.csv")},
                                                   QgsProcessingContext(), "auto")


def test_a_raw_permission_error_becomes_the_role_that_is_needed(provider, postgis_db, tmp_path):
    import csv

    from herzlich_digital_plugin.store import open_store
    from review_demo import write_city
    conninfo = postgis_db()
    with open_store(conninfo) as store:
        write_city(store, "test")
        pano = store.get("panorama", 5)
    with psycopg2.connect(conninfo) as connection, connection.cursor() as cursor:
        cursor.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hd_hostile_viewer') "
                       "THEN CREATE ROLE hd_hostile_viewer LOGIN; END IF; END $$")
        cursor.execute("GRANT hd_viewer TO hd_hostile_viewer")
    connection.close()
    path = tmp_path / "det.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "label", "score", "panorama_id", "xmin", "ymin", "xmax", "ymax"])
        w.writerow(["c1", "regulatory--no-entry--g1", "0.9", pano["id"], "300", "420", "330", "450"])
    text = _message("importdetections", {"INPUT": str(path), "STORE": conninfo + " user=hd_hostile_viewer"})
    assert "needs the role hd_admin" in text and "Nothing was imported" in text
