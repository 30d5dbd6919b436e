"""in_bbox and nearest on both backends, checked against brute force."""
import math
import random

import pytest
from shapely.geometry import LineString, Point, box

X0, Y0 = 410000.0, 5479000.0


@pytest.fixture
def points(store):
    """3,000 detections scattered over 2 x 2 km, with a few statuses."""
    rng = random.Random(7)
    cid = store.insert("campaign", {"name": "c"})
    pid = store.insert("panorama", {"campaign_id": cid, "geom": Point(X0, Y0, 230.0)})
    rows = [{"panorama_id": pid, "geom": Point(X0 + rng.uniform(0, 2000), Y0 + rng.uniform(0, 2000)),
             "status": rng.choice(["new", "accepted", "rejected"])} for _ in range(3000)]
    store.insert_many("detection", rows)
    return store.select("detection")


def _brute_nearest(rows, x, y, k, max_distance=None, status=None):
    cand = [(math.hypot(r["geom"].x - x, r["geom"].y - y), r["id"]) for r in rows
            if status is None or r["status"] == status]
    cand = [c for c in cand if max_distance is None or c[0] <= max_distance]
    return sorted(cand)[:k]


def test_in_bbox_matches_brute_force(store, points):
    rng = random.Random(1)
    for _ in range(10):
        x, y = X0 + rng.uniform(-100, 1900), Y0 + rng.uniform(-100, 1900)
        w, h = rng.uniform(1, 400), rng.uniform(1, 400)
        want = [r["id"] for r in points if x <= r["geom"].x <= x + w and y <= r["geom"].y <= y + h]
        got = [r["id"] for r in store.in_bbox("detection", x, y, x + w, y + h)]
        assert got == want
    want = [r["id"] for r in points if r["status"] == "accepted" and r["geom"].x <= X0 + 500]
    got = store.in_bbox("detection", X0 - 1, Y0 - 1, X0 + 500, Y0 + 2001, where={"status": "accepted"})
    assert [r["id"] for r in got] == want and all(r["status"] == "accepted" for r in got)


def test_in_bbox_edges_are_inclusive_and_exact(store):
    cid = store.insert("campaign", {"name": "c"})
    pid = store.insert("panorama", {"campaign_id": cid, "geom": Point(0, 0, 0)})
    # Rtree boxes are float32: 1 cm outside the box must still be excluded.
    a = store.insert("detection", {"panorama_id": pid, "geom": Point(X0 + 100.0, Y0 + 100.0)})
    store.insert("detection", {"panorama_id": pid, "geom": Point(X0 + 100.01, Y0 + 50.0)})
    got = store.in_bbox("detection", X0, Y0, X0 + 100.0, Y0 + 100.0)
    assert [r["id"] for r in got] == [a]


@pytest.mark.parametrize("k", [1, 5, 40])
def test_nearest_matches_brute_force(store, points, k):
    rng = random.Random(k)
    for _ in range(8):
        x, y = X0 + rng.uniform(-500, 2500), Y0 + rng.uniform(-500, 2500)
        got = store.nearest("detection", x, y, k=k)
        want = _brute_nearest(points, x, y, k)
        assert [r["id"] for r, _ in got] == [i for _, i in want]
        assert [d for _, d in got] == pytest.approx([d for d, _ in want], abs=1e-6)


def test_nearest_with_filter_and_max_distance(store, points):
    x, y = X0 + 1000, Y0 + 1000
    got = store.nearest("detection", x, y, k=10, where={"status": "rejected"})
    assert [r["id"] for r, _ in got] == [i for _, i in _brute_nearest(points, x, y, 10, status="rejected")]
    got = store.nearest("detection", x, y, k=1000, max_distance=60.0)
    want = _brute_nearest(points, x, y, 1000, max_distance=60.0)
    assert 0 < len(got) < 1000 and [r["id"] for r, _ in got] == [i for _, i in want]
    assert store.nearest("detection", X0 - 5000, Y0, k=3, max_distance=100) == []
    far = store.nearest("detection", X0 - 50000, Y0 - 50000, k=2)  # beyond the extent: still found
    assert [r["id"] for r, _ in far] == [i for _, i in _brute_nearest(points, X0 - 50000, Y0 - 50000, 2)]


def test_nearest_on_lines_and_empty_table(store):
    assert store.nearest("road", X0, Y0, k=3) == []
    assert store.in_bbox("road", X0, Y0, X0 + 1, Y0 + 1) == []
    a = store.insert("road", {"name": "A", "geom": LineString([(X0, Y0), (X0 + 100, Y0)])})
    b = store.insert("road", {"name": "B", "geom": LineString([(X0, Y0 + 30), (X0 + 100, Y0 + 30)])})
    got = store.nearest("road", X0 + 50, Y0 + 20, k=2)
    assert [(r["id"], round(d, 6)) for r, d in got] == [(b, 10.0), (a, 20.0)]
    # A line crossing the box counts even though none of its vertices lies inside.
    assert [r["id"] for r in store.in_bbox("road", X0 + 40, Y0 - 5, X0 + 60, Y0 + 5)] == [a]
    assert store.in_bbox("road", X0 + 40, Y0 + 5, X0 + 60, Y0 + 25) == []


def test_spatial_index_follows_updates_and_deletes(store, points):
    victim = points[0]["id"]
    store.update("detection", victim, {"geom": Point(X0 - 3000, Y0 - 3000)})
    assert [r["id"] for r, _ in store.nearest("detection", X0 - 3000, Y0 - 3000)] == [victim]
    assert store.in_bbox("detection", X0 - 3001, Y0 - 3001, X0 - 2999, Y0 - 2999)[0]["id"] == victim
    store.execute("DELETE FROM detection WHERE id = %s", (victim,))
    assert store.in_bbox("detection", X0 - 3001, Y0 - 3001, X0 - 2999, Y0 - 2999) == []


def test_queries_use_the_spatial_index(store, points, backend):
    if backend == "gpkg":
        n = store.query("SELECT count(*) AS n FROM rtree_detection_geom")[0]["n"]
        assert n == len(points)
        plan = store.query("EXPLAIN QUERY PLAN SELECT t.id FROM detection t JOIN rtree_detection_geom r "
                           "ON t.id = r.id WHERE r.minx <= %s AND r.maxx >= %s", (X0 + 10, X0))
        # Index 2 = the rtree answers the coordinate constraints (1 would be a plain rowid lookup/scan).
        assert any(row["detail"].startswith("SCAN r VIRTUAL TABLE INDEX 2:") for row in plan)
    else:
        store.execute("ANALYZE detection")
        plan = store.query("EXPLAIN SELECT id FROM detection ORDER BY geom <-> "
                           "ST_SetSRID(ST_MakePoint(%s, %s), 25832) LIMIT 5", (X0, Y0))
        assert any("sidx_detection_geom" in row["QUERY PLAN"] for row in plan)
    assert box(X0, Y0, X0 + 2000, Y0 + 2000).contains(points[1]["geom"])


def test_nearest_ties_are_broken_by_id(store):
    cid = store.insert("campaign", {"name": "c"})
    pid = store.insert("panorama", {"campaign_id": cid, "geom": Point(0, 0, 0)})
    same = [store.insert("detection", {"panorama_id": pid, "geom": Point(X0 + 10, Y0)}) for _ in range(5)]
    near = store.insert("detection", {"panorama_id": pid, "geom": Point(X0 + 1, Y0)})
    got = store.nearest("detection", X0, Y0, k=3)
    assert [r["id"] for r, _ in got] == [near, same[0], same[1]]
    assert [d for _, d in got] == pytest.approx([1.0, 10.0, 10.0])


def test_bulk_path_keeps_spatial_index_and_trigger(store):
    cid = store.insert("campaign", {"name": "c"})
    pid = store.insert("panorama", {"campaign_id": cid, "geom": Point(0, 0, 0)})
    rows = [{"panorama_id": pid, "geom": None if i % 4 == 0 else Point(X0 + i, Y0 + i)} for i in range(800)]
    assert store.insert_many("detection", rows) == 800
    explicit = [{"id": 5000 + i, "panorama_id": pid, "geom": Point(X0 - 10 - i, Y0)} for i in range(600)]
    assert store.insert_many("detection", explicit) == 600
    inside = store.in_bbox("detection", X0, Y0, X0 + 1000, Y0 + 1000)
    assert len(inside) == 600 and all(r["geom"].x == r["geom"].y - Y0 + X0 for r in inside)
    west = store.in_bbox("detection", X0 - 700, Y0, X0 - 10, Y0)
    assert [r["id"] for r in west] == list(range(5000, 5600))
    single = store.insert("detection", {"panorama_id": pid, "geom": Point(X0 - 5000, Y0 - 5000)})
    assert single == 5600  # ids continue after the explicit ones
    assert [r["id"] for r in store.in_bbox("detection", X0 - 5001, Y0 - 5001, X0 - 4999, Y0 - 4999)] == [single]
