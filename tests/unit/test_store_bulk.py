"""insert_many's bulk path against the row path, on both backends: the same rows, ids, copy columns, indexes,
triggers and spatial index; and what is left after an error or a cancel raised from on_batch."""
import random

import pytest
from shapely.geometry import LineString, Point

from herzlich_digital_plugin.store import IntegrityError, open_store
from herzlich_digital_plugin.store import gpkg_bulk, postgis_bulk
from herzlich_digital_plugin.store.bulk_encode import encode_rows, point_coords

X0, Y0 = 406000.0, 5474000.0


@pytest.fixture
def twin(request, backend, tmp_path):
    """A second fresh store of the same backend (the row-path reference)."""
    if backend == "gpkg":
        uri = str(tmp_path / "row.gpkg")
    else:
        from conftest import TEMPLATE_READY
        uri = request.getfixturevalue("postgis_db")(TEMPLATE_READY)
    s = open_store(uri)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def small_rebuild_threshold(monkeypatch):
    """Index rebuild after 1,000 rows instead of 20,000, so a test-sized insert takes that path too."""
    monkeypatch.setattr(gpkg_bulk, "INDEX_REBUILD_MIN_ROWS", 1000)
    monkeypatch.setattr(postgis_bulk, "INDEX_REBUILD_MIN_ROWS", 1000)


def _panoramas(store):
    c1 = store.insert("campaign", {"name": "a"})
    c2 = store.insert("campaign", {"name": "b"})
    return [store.insert("panorama", {"campaign_id": c1 if i % 3 else c2, "heading": 0.0,
                                      "geom": Point(X0 + i, Y0 + i, 240.0)}) for i in range(6)] + \
        [store.insert("panorama", {"heading": 0.0, "geom": Point(X0, Y0, 1.0)})]  # no campaign


def _detections(panos, n, seed=3):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        geom = None if i % 97 == 0 else Point(X0 + rng.uniform(0, 500), Y0 + rng.uniform(0, 500))
        row = {"panorama_id": panos[i % len(panos)], "geom": geom, "score": rng.random(),
               "vzkat_code": rng.choice(["274", "205", None]), "external_id": f"d{i}\tx" if i % 50 == 0 else f"d{i}",
               "bbox_xmin": float(i % 7), "status": "new",
               "campaign_id": 99999 if i % 11 == 0 else None}  # wrong on purpose: the copy must come out right
        out.append(row)
    return out


def _dump(store, table):
    return [{k: (v.wkb_hex if hasattr(v, "wkb_hex") else v) for k, v in r.items()}
            for r in store.select(table, order_by="id")]


def _indexes(store, table):
    if store.backend == "gpkg":
        return sorted(r["sql"] for r in store.query(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL", (table,)))
    return sorted(r["d"] for r in store.query(
        "SELECT indexdef AS d FROM pg_indexes WHERE tablename = %s AND schemaname = 'public'", (table,)))


def _triggers(store):
    if store.backend == "gpkg":
        return sorted(r["sql"] for r in store.query("SELECT sql FROM sqlite_master WHERE type = 'trigger'"))
    return sorted(r["d"] for r in store.query(
        "SELECT pg_get_triggerdef(oid) AS d FROM pg_trigger WHERE NOT tgisinternal"))


def _spatial_index(store):
    if store.backend == "gpkg":
        extent = store.query("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'detection'")
        return [tuple(r.values()) for r in store.query(
            'SELECT id, minx, maxx, miny, maxy FROM "rtree_detection_geom" ORDER BY id')], extent
    return None, None


def _rows_for_both(panos):
    rows = _detections(panos, 3000)
    rows.insert(1500, {"panorama_id": panos[0], "score": 0.5})  # other keys: a batch of its own
    return rows


def test_bulk_path_writes_what_the_row_path_writes(store, twin):
    panos, twin_panos = _panoramas(store), _panoramas(twin)
    assert panos == twin_panos
    rows = _rows_for_both(panos)
    seen = []
    assert store.insert_many("detection", rows, batch=700, on_batch=seen.append) == len(rows)
    with twin.transaction():
        for row in rows:
            twin.insert("detection", row)
    assert seen == [700, 1400, 1500, 1501, 2201, 2901, 3001]
    assert _dump(store, "detection") == _dump(twin, "detection")
    campaign = {p["id"]: p["campaign_id"] for p in store.select("panorama")}
    assert all(d["campaign_id"] == campaign[d["panorama_id"]] for d in store.select("detection"))
    assert _indexes(store, "detection") == _indexes(twin, "detection")
    assert _triggers(store) == _triggers(twin)
    assert _spatial_index(store) == _spatial_index(twin)
    if store.backend == "gpkg":
        assert store.query("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
        assert store.query("SELECT rtreecheck('rtree_detection_geom') AS c")[0]["c"] == "ok"
    # Later writes still go through the restored triggers.
    new = store.insert("detection", {"panorama_id": panos[1], "geom": Point(X0, Y0), "campaign_id": 99999})
    assert store.get("detection", new)["campaign_id"] == campaign[panos[1]]
    assert [r["id"] for r in store.in_bbox("detection", X0 - 1, Y0 - 1, X0 + 1, Y0 + 1)][-1] == new


def test_bulk_path_after_existing_rows_and_explicit_ids(store, twin):
    for s in (store, twin):
        panos = _panoramas(s)
        s.insert_many("detection", _detections(panos, 800, seed=1))
    rows = _detections(panos, 1200, seed=2)
    for i, row in enumerate(rows[:600]):
        row["id"] = 5000 + 2 * i
    store.insert_many("detection", rows, batch=600)
    with twin.transaction():
        for row in rows:
            twin.insert("detection", row)
    assert _dump(store, "detection") == _dump(twin, "detection")
    assert _spatial_index(store) == _spatial_index(twin)
    assert store.insert("campaign", {"name": "x"}) == twin.insert("campaign", {"name": "x"})
    assert store.insert("detection", {"panorama_id": panos[0]}) == twin.insert("detection", {"panorama_id": panos[0]})


class _Cancel(Exception):
    pass


def test_an_exception_from_on_batch_leaves_nothing_behind(store):
    panos = _panoramas(store)
    indexes, triggers = _indexes(store, "detection"), _triggers(store)

    def cancel_after(n):
        if n >= 2000:
            raise _Cancel()
    with pytest.raises(_Cancel):
        store.insert_many("detection", _detections(panos, 5000), batch=500, on_batch=cancel_after)
    assert store.count("detection") == 0
    assert (_indexes(store, "detection"), _triggers(store)) == (indexes, triggers)
    assert _spatial_index(store)[0] in (None, [])


def test_an_error_inside_a_callers_transaction_restores_triggers_and_indexes(store):
    """The caller catches the error and goes on: the bulk path must not leave its triggers dropped."""
    panos = _panoramas(store)
    indexes, triggers = _indexes(store, "detection"), _triggers(store)
    rows = _detections(panos, 2500)
    rows[2200]["panorama_id"] = 987654  # foreign key error in the fourth batch
    with store.transaction():
        store.insert("campaign", {"name": "kept"})
        with pytest.raises(IntegrityError):
            store.insert_many("detection", rows, batch=700)
        assert (_indexes(store, "detection"), _triggers(store)) == (indexes, triggers)
        assert store.count("detection") == 0  # the insert's own savepoint: all rows or none
    assert store.count("campaign", {"name": "kept"}) == 1
    assert (_indexes(store, "detection"), _triggers(store)) == (indexes, triggers)
    assert store.count("detection") == 0


def test_batch_encoding_equals_the_row_encoding(store):
    rows = [{"heading": 1.5, "width": 4, "image_uri": "a", "geom": Point(X0 + i, Y0, 200.0 + i)} for i in range(50)]
    cols = list(rows[0])

    def plain(encoded):  # PostGIS wraps hex EWKB in a parameter object
        return [tuple(v.hex if type(v).__name__ == "_EWKB" else v for v in r) for r in encoded]
    assert plain(encode_rows(store, "panorama", cols, rows)) == plain(
        [store._encode_row("panorama", cols, r) for r in rows])
    # 2D points in a 3D column, a line in a point column, a bad number: the row path's own errors.
    for bad in ({"geom": Point(X0, Y0)}, {"geom": LineString([(0, 0), (1, 1)])}, {"heading": "north"}):
        broken = [dict(rows[0], **bad)] + rows[1:]
        with pytest.raises(ValueError) as fast:
            encode_rows(store, "panorama", cols, broken)
        with pytest.raises(ValueError) as slow:
            store._encode_row("panorama", cols, broken[0])
        assert str(fast.value) == str(slow.value)


def test_point_coords_refuses_what_it_cannot_read_exactly():
    assert point_coords([Point(1, 2), Point(3, 4)], 2) == [(1.0, 2.0), (3.0, 4.0)]
    assert point_coords([Point(1, 2, 3)], 3) == [(1.0, 2.0, 3.0)]
    assert point_coords([Point(1, 2, 3)], 2) in (None, [(1.0, 2.0)])  # z dropped, as the row path does
    assert point_coords([Point(1, 2), Point()], 2) is None
    assert point_coords([Point(1, 2, 3), Point(1, 2)], 3) is None
    assert point_coords([Point(1, 2), LineString([(0, 0), (1, 1)])], 2) is None
