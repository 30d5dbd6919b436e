"""createdemocity and setupshareddatabase run through Processing (and createdemocity through qgis_process)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProject

from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.store import open_store

ROOT = Path(__file__).resolve().parents[2]


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


def test_createdemocity_writes_store_and_styled_project(provider, tmp_path):
    from qgis import processing

    result = processing.run("herzlich_digital:createdemocity",
                            {"SIZE": 0, "SEED": 7239, "IMAGES": False, "OUTPUT_FOLDER": str(tmp_path)})
    store_path, project_path = Path(result["STORE"]), Path(result["PROJECT"])
    assert store_path.is_file() and project_path.is_file()
    with open_store(str(store_path), create=False) as store:
        assert 120 <= store.count("panorama") <= 200
        assert store.count("detection") > 100 and store.count("roadworks") >= 3
    project = QgsProject()
    assert project.read(str(project_path))
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    assert len(layers) == 8 and all(layer.isValid() for layer in layers.values())
    by_table = {layer.source().split("layername=")[1].split("|")[0]: layer for layer in layers.values()
                if layer.providerType() != "virtual"}
    # the saved detours (roadworks.detour) as a virtual layer over the roadworks table: the demo's planned site
    detours = [layer for layer in layers.values() if layer.providerType() == "virtual"]
    assert len(detours) == 1 and [f["title"] for f in detours[0].getFeatures()] == [
        "Fahrbahnerneuerung Mannheimer Straße"]
    assert by_table["panorama"].featureCount() == 0 or by_table["panorama"].featureCount() >= 120
    # styled by class: compact class markers when zoomed out, VzKat symbols at street level (review issue)
    assert by_table["detection"].renderer().type() == "RuleRenderer"
    overview, street = by_table["detection"].renderer().rootRule().children()
    assert [r.filterExpression() for r in overview.children()[:2]] == [
        f'"asset_class" = \'{c}\'' for c in ("marking", "light")]
    assert overview.children()[2].isElse()  # signs: whatever is not a marking or a light
    assert len(street.children()) == 3
    entry, found = project.readEntry("herzlich_digital", "store")
    assert found and (project_path.parent / entry).resolve() == store_path.resolve()


def test_setupshareddatabase_creates_schema_and_roles(provider, postgis_db):
    from qgis import processing

    conninfo = postgis_db(template="hd_tpl_empty")
    result = processing.run("herzlich_digital:setupshareddatabase", {"CONNECTION": conninfo, "CREATE_ROLES": True})
    with open_store(conninfo, create=False) as store:
        assert result["SCHEMA_VERSION"] == store.schema_version >= 1
    with psycopg2.connect(conninfo) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(%s) ORDER BY 1",
                       (["hd_admin", "hd_planner", "hd_reviewer", "hd_viewer"],))
        assert cursor.fetchall() == [("hd_admin", False), ("hd_planner", False), ("hd_reviewer", False),
                                     ("hd_viewer", False)]
        # the grants are on this database's new tables
        cursor.execute("SELECT has_table_privilege('hd_viewer', 'detection', 'SELECT'), "
                       "has_table_privilege('hd_viewer', 'detection', 'INSERT'), "
                       "has_table_privilege('hd_reviewer', 'review_event', 'INSERT'), "
                       "has_table_privilege('hd_reviewer', 'asset', 'DELETE'), "
                       "has_table_privilege('hd_planner', 'roadworks', 'INSERT')")
        assert cursor.fetchone() == (True, False, True, False, True)
    connection.close()


def test_setupshareddatabase_refuses_a_geopackage(provider, tmp_path):
    from qgis import processing

    with pytest.raises(QgsProcessingException):
        processing.run("herzlich_digital:setupshareddatabase",
                       {"CONNECTION": str(tmp_path / "x.gpkg"), "CREATE_ROLES": False})


def _qgis_process():
    return shutil.which("qgis_process.bin") or shutil.which("qgis_process")


@pytest.mark.slow
@pytest.mark.skipif(_qgis_process() is None, reason="qgis_process is not installed")
def test_createdemocity_runs_headless_in_qgis_process(tmp_path):
    build = tmp_path / "build"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(build), str(tmp_path / "dist")],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy_profile.py"), str(tmp_path / "cfg"), "default",
                    str(build / "herzlich_digital_plugin"), "en"], check=True, capture_output=True)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "cfg"), QT_QPA_PLATFORM="offscreen")
    out = tmp_path / "city"
    result = subprocess.run([_qgis_process(), "run", "herzlich_digital:createdemocity", "--", "SIZE=0",
                             f"OUTPUT_FOLDER={out}"], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (out / "herzlich_digital_test.gpkg").is_file() and (out / "herzlich_digital_test.qgz").is_file()
    assert "PROJECT:" in result.stdout
