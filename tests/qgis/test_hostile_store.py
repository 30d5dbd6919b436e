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
