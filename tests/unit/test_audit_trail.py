"""Audit trail bound to the login (issue 15.4, issue 20 security 4), with real login roles on the test cluster.

The database, not the client, says who and when; append-only tables stay append-only for every role; status and
roadworks changes need their event / history row; a live lease belongs to its login.
"""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from psycopg2 import sql
from psycopg2.extensions import parse_dsn
from shapely.geometry import LineString

from herzlich_digital_plugin.review import consistency
from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.roadworks import repository
from herzlich_digital_plugin.roadworks.model import Roadworks
from herzlich_digital_plugin.store import PermissionDeniedError, StoreError, open_store
from herzlich_digital_plugin.store.migrations import latest_version
from review_demo import write_city

BACKDATED = datetime(1999, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def shared_city(postgis_db):
    uri = postgis_db()
    with open_store(uri) as s:
        write_city(s, "test")
    return uri


@pytest.fixture
def login(request, postgis_server):
    """Factory: (conninfo, login name) of a new LOGIN user in ``group`` on ``conninfo``'s database."""
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

        def drop():
            conn = postgis_server.connect()
            try:
                with conn.cursor() as cur:
                    cur.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
                    cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
            finally:
                conn.close()
        request.addfinalizer(drop)
        return postgis_server.conninfo(parse_dsn(conninfo)["dbname"], user=name, password=password), name
    return make


def test_events_record_the_login_and_server_time(shared_city, login):
    uri, name = login(shared_city, "hd_reviewer")
    with open_store(uri, create=False) as store:
        s = ReviewSession(store, "Rita Richter")  # the display name is free text
        d = s.accept(s.claim_next(n=1)[0])
        event = store.get("review_event", d.event_id)
        assert event["actor"] == "Rita Richter" and event["login"] == name
        assert abs(event["recorded_at"] - datetime.now(timezone.utc)) < timedelta(minutes=5)
        # Forging: another login and a back-dated time are overwritten by the server.
        forged = store.insert("review_event", {"detection_id": None, "asset_id": d.asset_id, "actor": "Chef",
                                               "action": "annotate", "decided_at": BACKDATED, "login": "chef",
                                               "recorded_at": BACKDATED})
        row = store.get("review_event", forged)
        assert row["login"] == name and row["recorded_at"] > BACKDATED + timedelta(days=365)
        lease = s.claim_next(n=1)[0]
        assert store.get("review_lease", lease.detection_id)["login"] == name


def test_status_changes_only_with_an_event(shared_city, login):
    uri, _ = login(shared_city, "hd_reviewer")
    with open_store(uri, create=False) as store:
        with pytest.raises(PermissionDeniedError, match="review event"):
            store.update("detection", 1, {"status": "rejected"})
        with pytest.raises(PermissionDeniedError):
            store.execute(f"UPDATE {store.table_ref('detection')} SET status = 'accepted', asset_id = NULL")
        assert store.get("detection", 1)["status"] == "new"
        # An event that does not match the written state does not help either.
        with pytest.raises(PermissionDeniedError):
            with store.transaction():
                store.insert("review_event", {"detection_id": 1, "actor": "x", "action": "reject",
                                              "decided_at": BACKDATED, "new_value": {"status": "rejected"}})
                store.update("detection", 1, {"status": "accepted"})
        assert store.get("detection", 1)["status"] == "new" and store.count("review_event") == 0
        # Decisions through the session still work, and undo too.
        s = ReviewSession(store, "rita")
        items = s.claim_next(n=3)
        s.accept(items[0])
        s.reject(items[1], "duplicate")
        s.relabel(items[2], "206" if items[2].vzkat_code != "206" else "205")
        s.accept(s.item(items[0].detection_id))  # a second opinion
        s.undo()
        s.undo()
        assert consistency.check(store) == []



@pytest.mark.parametrize("group", ["hd_reviewer", "hd_admin"])
def test_review_event_is_append_only_for_every_role(shared_city, login, group):
    reviewer_uri, _ = login(shared_city, "hd_reviewer")
    with open_store(reviewer_uri, create=False) as store:
        s = ReviewSession(store, "rita")
        event_id = s.reject(s.claim_next(n=1)[0], "false_positive").event_id
    uri, _ = login(shared_city, group)
    with open_store(uri, create=False) as store:
        ev = store.table_ref("review_event")
        for statement in (f"UPDATE {ev} SET actor = 'someone else'", f"DELETE FROM {ev}", f"TRUNCATE {ev}"):
            with pytest.raises(PermissionDeniedError):
                store.execute(statement)
        assert store.get("review_event", event_id)["actor"] == "rita"


def test_owner_is_refused_too_but_has_a_maintenance_path(shared_city):
    with open_store(shared_city, create=False) as store:  # the owner (superuser) of the test database
        s = ReviewSession(store, "rita")
        s.reject(s.claim_next(n=1)[0], "false_positive")
        ev = store.table_ref("review_event")
        with pytest.raises(PermissionDeniedError, match="append-only"):
            store.execute(f"DELETE FROM {ev}")
        with store.transaction():  # the documented maintenance path: disable, repair, enable
            store.execute(f"ALTER TABLE {ev} DISABLE TRIGGER review_event_append_only")
            store.execute(f"UPDATE {ev} SET reason = 'duplicate'")
            store.execute(f"ALTER TABLE {ev} ENABLE TRIGGER review_event_append_only")
        with pytest.raises(PermissionDeniedError):
            store.execute(f"UPDATE {ev} SET reason = 'other'")


def test_a_live_lease_belongs_to_its_login(shared_city, login):
    (uri_a, _), (uri_b, _), (uri_admin, _) = (login(shared_city, g) for g in
                                              ("hd_reviewer", "hd_reviewer", "hd_admin"))
    with open_store(uri_a, create=False) as a_store, open_store(uri_b, create=False) as b_store:
        a = ReviewSession(a_store, "anna")
        held = [i.detection_id for i in a.claim_next(n=2)]
        lease = b_store.table_ref("review_lease")
        with pytest.raises(PermissionDeniedError, match="belongs to the login"):
            b_store.execute(f"DELETE FROM {lease} WHERE id = %s", (held[0],))
        with pytest.raises(PermissionDeniedError):
            b_store.execute(f"UPDATE {lease} SET expires_at = now() - interval '1 hour' WHERE id = %s", (held[0],))
        assert a_store.count("review_lease") == 2
        with open_store(uri_admin, create=False) as admin:  # an administrator may clean up
            assert admin.execute(f"DELETE FROM {lease} WHERE id = %s", (held[1],)) == 1
        a_store.execute(f"UPDATE {lease} SET expires_at = now() - interval '1 hour' WHERE id = %s", (held[0],))
        assert b_store.execute(f"DELETE FROM {lease} WHERE id = %s", (held[0],)) == 1  # expired: free for all


def test_planner_cannot_rewrite_roadworks_without_history(shared_city, login):
    uri, name = login(shared_city, "hd_planner")
    with open_store(uri, create=False) as store:
        works = repository.create(store, Roadworks(title="Kanalbau Pariser Straße",
                                                   geometry=LineString([(410000, 5477000), (410050, 5477000)]),
                                                   planned_start=datetime(2027, 3, 1, tzinfo=timezone.utc)),
                                  actor="Paul Planer")
        works = repository.update(store, works.id, {"speed_limit": 30}, expected_version=works.version,
                                  actor="Paul Planer")
        rows = store.select("roadworks_history", {"roadworks_id": works.id}, order_by=["id"])
        assert [(r["version"], r["login"]) for r in rows] == [(1, name), (2, name)]
        with pytest.raises(PermissionDeniedError, match="history"):
            store.update("roadworks", works.id, {"title": "heimlich"})
        # Forged history: a row for an old version, or another login / time, is refused or overwritten.
        with pytest.raises(PermissionDeniedError):
            store.insert("roadworks_history", {"roadworks_id": works.id, "actor": "Chef", "version": 1,
                                               "changed_at": BACKDATED, "new_value": {"title": "alt"}})
        with pytest.raises(PermissionDeniedError):
            store.execute(f"DELETE FROM {store.table_ref('roadworks_history')}")
        assert store.get("roadworks", works.id)["title"] == "Kanalbau Pariser Straße"
        assert store.count("roadworks_history") == 2


def test_geopackage_refuses_changes_to_the_audit_tables(tmp_path):
    with open_store(str(tmp_path / "s.gpkg")) as store:
        write_city(store, "test")
        s = ReviewSession(store, "rita")
        s.reject(s.claim_next(n=1)[0], "false_positive")
        wid = repository.create(store, Roadworks(
            title="x", geometry=LineString([(410000, 5477000), (410050, 5477000)]),
            planned_start=datetime(2027, 3, 1, tzinfo=timezone.utc)), actor="p").id
        for table in ("review_event", "roadworks_history"):
            for statement in (f"UPDATE {table} SET actor = 'x'", f"DELETE FROM {table}"):
                with pytest.raises(StoreError, match="append-only"):
                    store.execute(statement)
        assert store.count("review_event") == 1 and store.count("roadworks_history", {"roadworks_id": wid}) == 1


def test_schema_2_store_gets_the_audit_trail(empty_store_uri):
    """Migration 3 on a store made before it: the columns and guards arrive, the data stays."""
    with open_store(empty_store_uri) as s:
        write_city(s, "test")
        rita = ReviewSession(s, "rita")
        rita.reject(rita.claim_next(n=1)[0], "duplicate")
        meta = s._table_ref_meta()
        if s.backend == "gpkg":
            for t in ("review_event", "roadworks_history"):
                for op in ("update", "delete"):
                    s.execute(f'DROP TRIGGER "{t}_no_{op}"')
        else:
            for t in ("review_event", "roadworks_history"):
                s.execute(f'DROP TRIGGER "{t}_append_only" ON {s.table_ref(t)}')
                s.execute(f'DROP TRIGGER "{t}_stamp_login" ON {s.table_ref(t)}')
        for t, cols in (("review_event", ("login", "recorded_at")), ("review_lease", ("login",)),
                        ("roadworks_history", ("login", "recorded_at"))):
            for c in cols:
                s.execute(f'ALTER TABLE {s.table_ref(t)} DROP COLUMN "{c}"')
        s.execute(f"DELETE FROM {meta} WHERE version >= 3")  # a schema-2 store, as schema 3 found it
    with open_store(empty_store_uri) as s:
        assert s.schema_version == latest_version() and s.count("review_event") == 1
        with pytest.raises(StoreError, match="append-only"):
            s.execute(f"DELETE FROM {s.table_ref('review_event')}")


def test_reviewer_login_can_split_and_merge(postgis_db, login):
    """Merge and split write one event per moved detection, so the status guard lets them through."""
    uri = postgis_db()
    with open_store(uri) as owner:
        truth = write_city(owner, "test")
    views = {}
    for det_id, asset_id in truth.asset_of.items():
        if asset_id is not None and truth.assets[asset_id].asset_class == "sign" and not truth.misclassified[det_id]:
            views.setdefault(asset_id, []).append(det_id)
    dets = next(d for d in views.values() if len(d) >= 3)
    reviewer, _ = login(uri, "hd_reviewer")
    with open_store(reviewer, create=False) as store:
        s = ReviewSession(store, "rita")
        for d in dets[:3]:
            s.accept(s.item(d))
        asset_id = store.get("detection", dets[0])["asset_id"]
        new_id = s.split_asset(asset_id, [dets[2]])["new_asset_id"]
        s.merge_assets(asset_id, new_id)
        assert {store.get("detection", d)["asset_id"] for d in dets[:3]} == {asset_id}
        assert consistency.check(store) == []
