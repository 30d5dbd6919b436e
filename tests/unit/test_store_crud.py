"""Store API on both backends: CRUD, value round trips, locking, transactions, escape hatch."""
from datetime import datetime, timedelta, timezone

import pytest
from shapely.geometry import LineString, Point, Polygon

from herzlich_digital_plugin.store import (AppendOnlyError, ConflictError, GeometryError, IntegrityError,
                                           InvalidNameError, NotFoundError, StoreError, schema)

UTC = timezone.utc
T0 = datetime(2024, 5, 17, 8, 30, 15, 250000, tzinfo=UTC)


def _panorama(store, **extra):
    cid = store.insert("campaign", {"name": "Kaiserslautern 2024"})
    row = {"campaign_id": cid, "geom": Point(410100.5, 5479800.25, 236.75), "heading": 91.5, "captured_at": T0}
    row.update(extra)
    return store.insert("panorama", row)


def _detection(store, pano_id, x, y, **extra):
    row = {"panorama_id": pano_id, "geom": Point(x, y), "score": 0.9, "vzkat_code": "274"}
    row.update(extra)
    return row


def test_store_basics(store, backend):
    assert store.backend == backend
    assert store.schema_version == schema.SCHEMA_VERSION
    assert store.count("detection") == 0


def test_attribute_table_crud(store):
    cid = store.insert("campaign", {"name": "A", "vendor": "cyclomedia", "started_at": T0})
    assert isinstance(cid, int)
    row = store.get("campaign", cid)
    assert row == {"id": cid, "name": "A", "vendor": "cyclomedia", "started_at": T0, "ended_at": None,
                   "notes": None}
    store.update("campaign", cid, {"notes": "Ä ö ü ß 🚦"})
    assert store.get("campaign", cid)["notes"] == "Ä ö ü ß 🚦"
    assert store.delete("campaign", cid) is True
    assert store.get("campaign", cid) is None
    assert store.delete("campaign", cid) is False


def test_point_z_roundtrip(store):
    pid = _panorama(store)
    row = store.get("panorama", pid)
    g = row["geom"]
    assert g.has_z and (g.x, g.y, g.z) == (410100.5, 5479800.25, 236.75)
    assert row["pitch"] == 0 and row["camera_height"] == 2.5  # schema defaults
    assert row["captured_at"] == T0


def test_point_z_table_refuses_2d(store):
    cid = store.insert("campaign", {"name": "c"})
    with pytest.raises(GeometryError):
        store.insert("panorama", {"campaign_id": cid, "geom": Point(1, 2)})


def test_linestring_and_generic_geometry(store):
    line = LineString([(410000, 5479000), (410050.5, 5479020), (410100, 5479100)])
    rid = store.insert("road", {"name": "Pariser Straße", "road_class": "primary", "geom": line})
    assert store.get("road", rid)["geom"].equals_exact(line, 0)
    assert store.get("road", rid)["oneway"] == 0
    poly = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)])
    wid = store.insert("roadworks", {"title": "Kanal", "geom": poly})
    wid2 = store.insert("roadworks", {"title": "Fräsen", "geom": line})
    assert store.get("roadworks", wid)["geom"].equals(poly)
    assert store.get("roadworks", wid2)["geom"].geom_type == "LineString"
    with pytest.raises(GeometryError):
        store.insert("road", {"geom": Point(1, 1)})


def test_json_and_datetime_roundtrip(store):
    aware_cet = datetime(2024, 5, 17, 10, 30, 15, 250999, tzinfo=timezone(timedelta(hours=2)))
    value = {"label": "274-30", "box": [1.5, 2, None], "nested": {"ok": True}, "text": "Straße"}
    rid = store.insert("review_event", {"actor": "anna", "action": "relabel", "old_value": ["a", 1],
                                        "new_value": value, "decided_at": aware_cet, "shown_at": T0})
    row = store.get("review_event", rid)
    assert row["new_value"] == value
    assert row["old_value"] == ["a", 1]
    # Same instant, normalised to UTC and truncated to milliseconds on both backends.
    assert row["decided_at"] == T0 and row["decided_at"].utcoffset() == timedelta(0)
    assert row["decided_at"].microsecond == 250000
    store.insert("review_event", {"actor": "b", "action": "note", "new_value": "just text", "decided_at": T0})
    assert store.select("review_event", {"actor": "b"})[0]["new_value"] == "just text"


def test_naive_datetime_is_refused(store):
    with pytest.raises(ValueError, match="naive"):
        store.insert("campaign", {"name": "x", "started_at": datetime(2024, 1, 1, 12, 0)})


def test_datetime_filter(store):
    ds = _datastream(store)
    for i in range(5):
        store.insert("sensor_observation", {"datastream_id": ds, "phenomenon_time": T0 + timedelta(minutes=i),
                                            "result": float(i)})
    rows = store.select("sensor_observation", {"phenomenon_time": T0 + timedelta(minutes=3)})
    assert [r["result"] for r in rows] == [3.0]


def _datastream(store):
    st = store.insert("sensor_station", {"name": "Zählstelle 1", "kind": "traffic_counter", "geom": Point(1, 2)})
    return store.insert("sensor_datastream", {"station_id": st, "name": "Kfz/h", "observed_property": "traffic_volume"})


def test_select_filters_order_limit(store):
    pid = _panorama(store)
    store.insert_many("detection", [
        _detection(store, pid, 10, 10, status="new", score=0.5),
        _detection(store, pid, 20, 20, status="accepted", score=0.7),
        _detection(store, pid, 30, 30, status="rejected", score=0.6),
        _detection(store, pid, 40, 40, status=None, score=0.8),
    ])
    assert store.count("detection") == 4
    assert [r["score"] for r in store.select("detection", {"status": ("new", "accepted")})] == [0.5, 0.7]
    assert [r["score"] for r in store.select("detection", {"status": None})] == [0.8]
    assert store.select("detection", {"status": []}) == []
    assert [r["score"] for r in store.select("detection", order_by="-score", limit=2)] == [0.8, 0.7]
    assert [r["score"] for r in store.select("detection", order_by="score desc", limit=2, offset=1)] == [0.7, 0.6]
    assert store.count("detection", {"status": "accepted", "panorama_id": pid}) == 1
    assert [r["score"] for r in store.iter_select("detection", chunk=3)] == [0.5, 0.7, 0.6, 0.8]


def test_names_are_validated(store):
    with pytest.raises(InvalidNameError):
        store.insert("detection; DROP TABLE asset", {})
    with pytest.raises(InvalidNameError):
        store.select("asset", {"nope": 1})
    with pytest.raises(InvalidNameError):
        store.select("asset", order_by="id; DELETE FROM asset")
    with pytest.raises(InvalidNameError):
        store.insert("campaign", {"name": "x", "evil\" TEXT": 1})


def test_sql_injection_values_are_data(store):
    evil = "x'); DROP TABLE campaign; --"
    cid = store.insert("campaign", {"name": evil})
    assert store.select("campaign", {"name": evil})[0]["id"] == cid
    assert store.count("campaign") == 1


def test_optimistic_locking(store):
    aid = store.insert("asset", {"asset_class": "sign", "vzkat_code": "274", "geom": Point(5, 5)})
    assert store.get("asset", aid)["version"] == 1
    mine = store.update("asset", aid, {"condition": "damaged"}, expected_version=1)
    assert mine["version"] == 2 and mine["condition"] == "damaged"
    with pytest.raises(ConflictError) as err:
        store.update("asset", aid, {"condition": "good"}, expected_version=1)  # stale
    assert err.value.current_row["version"] == 2
    assert err.value.current_row["condition"] == "damaged"
    assert store.get("asset", aid)["condition"] == "damaged"
    # Without expected_version the version still moves on, so other editors notice.
    assert store.update("asset", aid, {"geom": Point(6, 6)})["version"] == 3
    with pytest.raises(NotFoundError):
        store.update("asset", 999999, {"condition": "x"}, expected_version=1)
    with pytest.raises(ValueError):
        store.update("campaign", store.insert("campaign", {"name": "c"}), {"name": "d"}, expected_version=1)


def test_append_only_tables(store):
    rid = store.insert("review_event", {"actor": "a", "action": "accept", "decided_at": T0})
    with pytest.raises(AppendOnlyError):
        store.delete("review_event", rid)
    with pytest.raises(AppendOnlyError):
        store.update("review_event", rid, {"reason": "changed"})
    wid = store.insert("roadworks", {"title": "t"})
    hid = store.insert("roadworks_history", {"roadworks_id": wid, "actor": "p", "changed_at": T0})
    with pytest.raises(AppendOnlyError):
        store.delete("roadworks_history", hid)
    assert store.count("review_event") == 1 and store.count("roadworks_history") == 1


def test_foreign_keys_enforced(store):
    with pytest.raises(IntegrityError):
        store.insert("detection", {"panorama_id": 424242, "geom": Point(1, 1)})
    with pytest.raises(IntegrityError):
        store.insert("campaign", {"vendor": "no name"})  # NOT NULL


def test_transaction_commit_and_rollback(store):
    with store.transaction():
        store.insert("campaign", {"name": "kept"})
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.insert("campaign", {"name": "lost"})
            raise RuntimeError("boom")
    assert [r["name"] for r in store.select("campaign")] == ["kept"]


def test_nested_transaction_joins_outer(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.insert("campaign", {"name": "outer"})
            with store.transaction():
                store.insert("campaign", {"name": "inner"})
            raise RuntimeError("outer fails")
    assert store.count("campaign") == 0  # the inner block was not committed on its own
    with store.transaction():
        store.insert("campaign", {"name": "outer"})
        try:
            with store.transaction():
                store.insert("campaign", {"name": "inner"})
                store.insert("detection", {"panorama_id": 987654})  # foreign key error
        except IntegrityError:
            pass
        store.insert("campaign", {"name": "after"})
    assert [r["name"] for r in store.select("campaign")] == ["outer", "after"]
    assert not store.in_transaction


def test_bulk_insert_count_and_ids(store):
    pid = _panorama(store)
    n = store.insert_many("detection", (_detection(store, pid, i, i * 2.0, external_id=f"d{i}")
                                        for i in range(12000)), batch=5000)
    assert n == 12000
    assert store.count("detection") == 12000
    assert store.count("detection", {"panorama_id": pid}) == 12000
    last = store.select("detection", order_by="-id", limit=1)[0]
    assert last["external_id"] == "d11999" and (last["geom"].x, last["geom"].y) == (11999, 23998)


def test_bulk_insert_mixed_keys_and_awkward_text(store):
    awkward = "tab\there\nnew line \\ backslash 'quote' \"dq\" %s %% ünï"
    rows = [{"name": awkward}, {"name": "b", "vendor": "v"}, {"name": "c", "vendor": None}]
    assert store.insert_many("campaign", rows) == 3
    got = store.select("campaign")
    assert [r["name"] for r in got] == [awkward, "b", "c"]
    assert [r["vendor"] for r in got] == [None, "v", None]


def test_explicit_ids_do_not_break_later_inserts(store):
    store.insert_many("campaign", [{"id": 10, "name": "a"}, {"id": 11, "name": "b"}])
    assert store.insert("campaign", {"id": 20, "name": "c"}) == 20
    assert store.insert("campaign", {"name": "d"}) > 20


def test_escape_hatch_portable_sql(store):
    pid = _panorama(store)
    store.insert_many("detection", [_detection(store, pid, i, i, vzkat_code=c)
                                    for i, c in enumerate(["274", "274", "205", "101"])])
    rows = store.query("SELECT vzkat_code, count(*) AS n FROM detection WHERE score > %s "
                       "GROUP BY vzkat_code ORDER BY vzkat_code", (0.5,))
    assert rows == [{"vzkat_code": "101", "n": 1}, {"vzkat_code": "205", "n": 1}, {"vzkat_code": "274", "n": 2}]
    rows = store.query("SELECT count(*) AS n FROM detection WHERE vzkat_code LIKE %(p)s", {"p": "2%"})
    assert rows[0]["n"] == 3
    assert store.query("SELECT '100%%' AS pct")[0]["pct"] == "100%"
    assert store.execute("UPDATE detection SET status = %s WHERE vzkat_code = %s", ("accepted", "274")) == 2
    geoms = store.query(f"SELECT id, geom FROM {store.table_ref('detection')} ORDER BY id")
    assert geoms[1]["geom"].x == 1.0
    obs = store.query("SELECT * FROM panorama", decode_as="panorama")
    assert obs[0]["captured_at"] == T0 and obs[0]["geom"].has_z
    since = store.query("SELECT id FROM panorama WHERE captured_at >= %s", (T0 - timedelta(seconds=1),))
    assert [r["id"] for r in since] == [pid]


def test_layer_uri_shape(store, backend):
    provider, uri = store.layer_uri("detection")
    if backend == "gpkg":
        assert provider == "ogr"
        assert uri == f"{store.path}|layername=detection"
    else:
        assert provider == "postgres"
        assert "key='id'" in uri and "srid=25832" in uri and "type=Point " in uri
        assert uri.endswith('table="public"."detection" (geom)')
        assert "password" not in uri and "dbname='" in uri
        assert "type=PointZ" in store.layer_uri("panorama")[1]
        assert "(geom)" not in store.layer_uri("campaign")[1]
        assert "authcfg='abc1234'" in store.layer_uri("asset", authcfg="abc1234")[1]


def test_context_manager_closes(store):
    with store as s:
        assert s is store
    with pytest.raises(StoreError):
        store.count("campaign")


def test_query_decode_as_gives_the_same_types_on_both_backends(store):
    ds = _datastream(store)
    store.insert_many("sensor_observation", [{"datastream_id": ds, "phenomenon_time": T0 + timedelta(hours=h),
                                              "result": h * 1.5} for h in range(3)])
    row = store.query("SELECT max(phenomenon_time) AS last, avg(result) AS mean, (1 = 1) AS flag, "
                      "count(*) AS n FROM sensor_observation",
                      decode_as={"last": "datetime", "flag": "bool"})[0]
    assert row == {"last": T0 + timedelta(hours=2), "mean": 1.5, "flag": True, "n": 3}
    assert type(row["flag"]) is bool and type(row["mean"]) is float and type(row["n"]) is int
    assert store.query("UPDATE sensor_observation SET result = %s WHERE id = %s", (2.0, 1)) == []
