"""detection.campaign_id: a copy of its panorama's campaign that the store's triggers keep right.

The review filter counts read it from the counts index instead of joining panorama; a wrong copy would
silently miscount, so every way a row can change is checked, on both backends, and so is the upgrade of a
schema-1 store that has no such column yet.
"""
from shapely.geometry import Point

from herzlich_digital_plugin.review.filters import ReviewFilter, counts
from herzlich_digital_plugin.store import ddl, migrations, open_store, schema

X0, Y0 = 410000.0, 5475000.0
OLD_COUNT_INDEX = schema.DETECTION_COUNT_INDEX[:-1]  # schema 1's (status, class, code, value, score)


def _city(store, detections_per_panorama=3):
    """Two campaigns with two panoramas each; returns (campaign ids, panorama ids)."""
    campaigns = [store.insert("campaign", {"name": name}) for name in ("2021", "2024")]
    panos = [store.insert("panorama", {"campaign_id": c, "geom": Point(X0 + i, Y0, 0.0)})
             for i, c in enumerate([campaigns[0], campaigns[0], campaigns[1], campaigns[1]])]
    rows = [{"panorama_id": p, "asset_class": "traffic_sign", "vzkat_code": "274", "score": 0.5,
             "geom": Point(X0 + k, Y0 + 1)} for p in panos for k in range(detections_per_panorama)]
    store.insert_many("detection", rows)
    return campaigns, panos


def _campaign_of(store):
    return {r["id"]: r["campaign_id"] for r in store.query(
        f"SELECT id, campaign_id FROM {store.table_ref('detection')} ORDER BY id")}  # nosec B608


def _expected(store):
    return {r["id"]: r["campaign_id"] for r in store.query(
        f"SELECT d.id, p.campaign_id FROM {store.table_ref('detection')} d "  # nosec B608
        f"JOIN {store.table_ref('panorama')} p ON p.id = d.panorama_id ORDER BY d.id")}


def test_inserts_copy_the_panoramas_campaign(store):
    campaigns, panos = _city(store)  # insert_many: the GeoPackage bulk path with its own rtree handling
    single = store.insert("detection", {"panorama_id": panos[2], "geom": Point(X0, Y0)})
    wrong = store.insert("detection", {"panorama_id": panos[0], "campaign_id": campaigns[1]})
    got = _campaign_of(store)
    assert got == _expected(store)
    assert got[single] == campaigns[1] and got[wrong] == campaigns[0]  # a wrong value given is corrected
    assert sorted(set(got.values())) == campaigns


def test_updates_keep_the_copy_right(store):
    campaigns, panos = _city(store)
    moved = store.select("detection", {"panorama_id": panos[0]})[0]["id"]
    store.update("detection", moved, {"panorama_id": panos[3]})  # detection moved to another panorama
    assert _campaign_of(store)[moved] == campaigns[1]
    store.update("detection", moved, {"campaign_id": campaigns[0]})  # a direct edit of the copy is undone
    assert _campaign_of(store)[moved] == campaigns[1]
    store.update("panorama", panos[1], {"campaign_id": campaigns[1]})  # panorama reassigned: pushed down
    assert _campaign_of(store) == _expected(store)
    assert list(_campaign_of(store).values()).count(campaigns[0]) == 2  # only panorama 0's rest
    store.update("detection", moved, {"status": "accepted"})  # an unrelated update leaves it alone
    assert _campaign_of(store) == _expected(store)


def test_campaign_filter_counts_use_the_copy(store):
    campaigns, panos = _city(store, detections_per_panorama=4)
    store.update("panorama", panos[2], {"campaign_id": campaigns[0]})
    assert counts(store, ReviewFilter(campaign_ids=(campaigns[0],))).total == 12
    assert counts(store, ReviewFilter(campaign_ids=(campaigns[1],))).total == 4
    assert counts(store, ReviewFilter(campaign_ids=tuple(campaigns))).total == 16


def _downgrade_to_schema_1(store):
    """What a store made by schema 1 looked like: no copy column, no triggers, the old counts index."""
    detection = schema.table("detection")
    if store.backend == "gpkg":
        for name in ("detection_campaign_id_on_insert", "detection_campaign_id_on_update",
                     "panorama_campaign_id_to_detection"):
            store.execute(f"DROP TRIGGER {ddl.quote_ident(name)}")
        store.execute(f"DROP INDEX {ddl.quote_ident(ddl.index_name('detection', schema.DETECTION_COUNT_INDEX))}")
        store.execute('ALTER TABLE "detection" DROP COLUMN "campaign_id"')
        store.execute(ddl.index_sql("detection", '"detection"', OLD_COUNT_INDEX))
    else:
        # Dropping the column drops its triggers and the index that holds it.
        store.execute(f'ALTER TABLE {store.table_ref("detection")} DROP COLUMN "campaign_id" CASCADE')
        for fn in ("hd_detection_campaign_id_copy", "hd_detection_campaign_id_copy_inserted",
                   "hd_panorama_campaign_id_to_detection"):
            store.execute(f"DROP FUNCTION {ddl.pg_table_ref(store.schema, fn)}() CASCADE")
        store.execute(ddl.index_sql("detection", store.table_ref("detection"), OLD_COUNT_INDEX))
    store.execute("DELETE FROM schema_meta WHERE version > 1")
    assert "campaign_id" not in _columns(store) and detection.name == "detection"


def _columns(store):
    if store.backend == "gpkg":
        return [r["name"] for r in store.query("SELECT name FROM pragma_table_info('detection')")]
    return [r["column_name"] for r in store.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = 'detection'",
        (store.schema,))]


def _indexes(store):
    if store.backend == "gpkg":
        return {r["name"] for r in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'detection'")}
    return {r["indexname"] for r in store.query(
        "SELECT indexname FROM pg_indexes WHERE schemaname = %s AND tablename = 'detection'", (store.schema,))}


def test_schema_1_store_is_upgraded_and_backfilled(empty_store_uri):
    with open_store(empty_store_uri) as s:
        campaigns, panos = _city(s)
        _downgrade_to_schema_1(s)
    with open_store(empty_store_uri) as s:
        assert s.schema_version == migrations.latest_version()  # 2 and every later migration
        assert "campaign_id" in _columns(s)
        assert _campaign_of(s) == _expected(s) and None not in _campaign_of(s).values()
        assert ddl.index_name("detection", schema.DETECTION_COUNT_INDEX) in _indexes(s)
        assert ddl.index_name("detection", OLD_COUNT_INDEX) not in _indexes(s)
        new = s.insert("detection", {"panorama_id": panos[3]})  # the triggers came with the upgrade
        s.update("panorama", panos[0], {"campaign_id": campaigns[1]})
        assert _campaign_of(s)[new] == campaigns[1]
        assert _campaign_of(s) == _expected(s)


def test_campaign_counts_read_only_the_counts_index(tmp_path):
    """The grouped count under a campaign filter needs neither panorama nor the detection rows."""
    from herzlich_digital_plugin.review.filters import where_sql
    with open_store(str(tmp_path / "plan.gpkg")) as s:
        campaigns, _ = _city(s)
        s.execute("ANALYZE")
        cond, params = where_sql(s, ReviewFilter(campaign_ids=(campaigns[0],), classes=("274",)),
                                 with_status=False)
        plan = " | ".join(r["detail"] for r in s.query(
            f"EXPLAIN QUERY PLAN SELECT d.status, d.asset_class, d.vzkat_code, d.vzkat_value, COUNT(*) AS n "
            f"FROM detection d WHERE {cond} GROUP BY d.status, d.asset_class, d.vzkat_code, d.vzkat_value",
            params))  # nosec B608
    assert f"COVERING INDEX {ddl.index_name('detection', schema.DETECTION_COUNT_INDEX)}" in plan, plan
    assert "panorama" not in plan, plan


def test_postgis_count_settings_last_only_for_the_count(postgis_db):
    """counts() lowers random_page_cost for its own read only; the connection's other queries keep theirs."""
    with open_store(postgis_db()) as store:
        campaigns, _ = _city(store)
        before = store.query("SELECT current_setting('random_page_cost') AS v")[0]["v"]
        assert counts(store, ReviewFilter(campaign_ids=(campaigns[1],))).total == 6
        assert store.query("SELECT current_setting('random_page_cost') AS v")[0]["v"] == before
        with store.transaction():  # inside a caller's transaction nothing is changed at all
            counts(store, ReviewFilter())
            assert store.query("SELECT current_setting('random_page_cost') AS v")[0]["v"] == before


def test_geopackage_bulk_insert_arrives_right_so_the_trigger_writes_nothing(tmp_path):
    """The bulk path fills the copy itself: 700 rows cost 700 row changes, not 700 more trigger UPDATEs."""
    with open_store(str(tmp_path / "bulk.gpkg")) as s:
        campaigns, panos = _city(s, detections_per_panorama=1)
        before = s._conn.total_changes  # counts the rows trigger programs change, too
        s.insert_many("detection", [{"panorama_id": panos[k % 4]} for k in range(700)])
        assert s._conn.total_changes - before == 700
        assert _campaign_of(s) == _expected(s)
