"""PostGIS-only: group roles and their privileges, setup, schemas, connection strings."""
import uuid
from datetime import datetime, timezone

import pytest
from psycopg2 import sql
from psycopg2.extensions import parse_dsn
from shapely.geometry import Point, Polygon

from herzlich_digital_plugin.store import (PermissionDeniedError, SchemaVersionError, is_postgis_uri, migrations,
                                           open_store)
from herzlich_digital_plugin.store.postgis_setup import ROLES, setup_shared_database

T0 = datetime(2024, 5, 17, 8, 30, tzinfo=timezone.utc)


@pytest.fixture
def shared(postgis_db):
    """A set-up shared database with one asset, panorama and detection; returns its conninfo."""
    conninfo = postgis_db()
    with open_store(conninfo) as s:
        cid = s.insert("campaign", {"name": "c"})
        pid = s.insert("panorama", {"campaign_id": cid, "geom": Point(410000, 5479000, 230)})
        aid = s.insert("asset", {"asset_class": "sign", "vzkat_code": "274", "geom": Point(410001, 5479001)})
        s.insert("detection", {"panorama_id": pid, "asset_id": aid, "geom": Point(410001, 5479001), "score": 0.8})
    return conninfo


@pytest.fixture
def login(request, postgis_server):
    """Factory: a new LOGIN user in a group role; returns a conninfo for it on ``conninfo``'s database."""
    def make(conninfo, group):
        name = "u_" + uuid.uuid4().hex[:10]
        password = uuid.uuid4().hex
        conn = postgis_server.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s IN ROLE {}").format(
                    sql.Identifier(name), sql.Identifier(group)), (password,))
        finally:
            conn.close()
        request.addfinalizer(lambda: _drop_role(postgis_server, name))
        return postgis_server.conninfo(parse_dsn(conninfo)["dbname"], user=name, password=password)
    return make


def _drop_role(server, name):
    conn = server.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
    finally:
        conn.close()


def _review(detection_id=1):
    return {"detection_id": detection_id, "actor": "rita", "role": "reviewer", "action": "accept",
            "decided_at": T0, "new_value": {"status": "accepted", "asset_id": 1}}


def test_roles_exist_and_cannot_log_in(postgis_server, shared):
    conn = postgis_server.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(%s) ORDER BY rolname",
                        (list(ROLES),))
            assert cur.fetchall() == sorted((r, False) for r in ROLES)
    finally:
        conn.close()


def test_viewer_reads_but_cannot_write(shared, login):
    with open_store(login(shared, "hd_viewer"), create=False) as s:
        assert s.count("detection") == 1 and s.get("asset", 1)["vzkat_code"] == "274"
        with pytest.raises(PermissionDeniedError):
            s.insert("review_event", _review())
        with pytest.raises(PermissionDeniedError):
            s.update("detection", 1, {"status": "accepted"})


def test_reviewer_privileges(shared, login):
    with open_store(login(shared, "hd_reviewer"), create=False) as s:
        assert s.insert("review_event", _review()) == 1
        assert s.update("detection", 1, {"status": "accepted", "asset_id": 1})["status"] == "accepted"
        with pytest.raises(PermissionDeniedError):
            s.update("detection", 1, {"score": 1.0})  # not a review column
        assert s.update("asset", 1, {"condition": "faded"}, expected_version=1)["version"] == 2
        new_asset = s.insert("asset", {"asset_class": "sign", "vzkat_code": "205", "geom": Point(1, 2)})
        s.insert("annotation", {"asset_id": new_asset, "note": "verdeckt", "photos": ["a.jpg"]})
        for table in ("asset", "detection", "review_event"):
            with pytest.raises(PermissionDeniedError):
                s.execute(f"DELETE FROM {s.table_ref(table)} WHERE id = %s", (1,))
        with pytest.raises(PermissionDeniedError):
            s.delete("asset", new_asset)
        with pytest.raises(PermissionDeniedError):
            s.insert("roadworks", {"title": "not mine"})
        assert s.count("asset") == 2 and s.count("detection") == 1


def test_planner_privileges(shared, login):
    with open_store(login(shared, "hd_planner"), create=False) as s:
        wid = s.insert("roadworks", {"title": "Kanalbau Pariser Straße", "planned_start": T0,
                                     "geom": Polygon([(0, 0), (5, 0), (5, 5)])})
        with s.transaction():  # a change and its history row together (schema 3 refuses one without the other)
            assert s.update("roadworks", wid, {"status": "approved"}, expected_version=1)["version"] == 2
            s.insert("roadworks_history", {"roadworks_id": wid, "actor": "paul", "changed_at": T0, "version": 2,
                                           "new_value": {"status": "approved"}})
        with pytest.raises(PermissionDeniedError):
            s.delete("roadworks", wid)
        with pytest.raises(PermissionDeniedError):
            s.insert("review_event", _review())


def test_admin_may_delete(shared, login):
    with open_store(login(shared, "hd_admin"), create=False) as s:
        assert s.delete("detection", 1) is True


def test_reader_cannot_upgrade_schema(shared, login, monkeypatch):
    viewer = login(shared, "hd_viewer")
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + [
        migrations.Migration(migrations.latest_version() + 1, "probe",
                             lambda st: st.execute("CREATE TABLE hd_probe (id INTEGER)"))])
    with pytest.raises(SchemaVersionError, match="administrator"):
        open_store(viewer, create=False)


def test_setup_is_idempotent(postgis_db, login):
    conninfo = postgis_db("hd_tpl_empty")
    assert setup_shared_database(conninfo) == migrations.latest_version()
    assert setup_shared_database(conninfo) == migrations.latest_version()
    with open_store(login(conninfo, "hd_viewer"), create=False) as s:
        with pytest.raises(PermissionDeniedError):
            s.insert("review_event", _review(None))
    with open_store(login(conninfo, "hd_reviewer"), create=False) as s:
        assert s.insert("review_event", _review(None)) == 1


def test_own_schema(postgis_db, login):
    conninfo = postgis_db("hd_tpl_empty")
    assert setup_shared_database(conninfo, schema="hd_city") == migrations.latest_version()
    with open_store(conninfo, schema="hd_city") as s:
        assert s.insert("campaign", {"name": "in hd_city"}) == 1
        assert s.layer_uri("detection")[1].endswith('table="hd_city"."detection" (geom)')
        assert s.query("SELECT to_regclass('public.campaign') AS t")[0]["t"] is None
        assert s.query("SELECT name FROM campaign")[0]["name"] == "in hd_city"  # search_path
    with open_store(login(conninfo, "hd_reviewer"), create=False, schema="hd_city") as s:
        s.insert("review_event", _review(None))


def test_postgresql_uri_form(postgis_server, shared):
    info = parse_dsn(shared)
    uri = f"postgresql://{info['user']}:{info['password']}@{info['host']}:{info['port']}/{info['dbname']}"
    with open_store(uri) as s:
        assert s.count("asset") == 1
        provider, layer = s.layer_uri("asset")
        assert provider == "postgres" and f"port={info['port']}" in layer and info["password"] not in layer


def test_is_postgis_uri():
    assert is_postgis_uri("postgresql://u@h/db")
    assert is_postgis_uri("dbname=hd host=gis.kl.de port=5432 user=anna")
    assert not is_postgis_uri("/data/city.gpkg")
    assert not is_postgis_uri("C:/Daten/stadt=kl.gpkg")
