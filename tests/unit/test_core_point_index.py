"""PointIndex answers exactly what a brute-force numpy search answers."""
import math

import numpy as np
import pytest

from herzlich_digital_plugin.core.point_index import PointIndex


def brute_k(xs, ys, ids, x, y, k, max_distance=None):
    d = np.hypot(xs - x, ys - y)
    order = np.lexsort((np.arange(len(xs)), d))
    out = [(ids[i], float(d[i])) for i in order if max_distance is None or d[i] <= max_distance]
    return out[:k]


def brute_within(xs, ys, ids, x, y, r):
    return brute_k(xs, ys, ids, x, y, len(xs), r)


def _as_plain(pairs):
    return [(int(i), d) for i, d in pairs]


@pytest.fixture(scope="module")
def street_points():
    """Points along random 'streets' plus scattered ones: clustered like panoramas."""
    rng = np.random.default_rng(11)
    parts = []
    for _ in range(60):
        x0, y0 = rng.uniform(0, 3000, 2)
        angle = rng.uniform(0, 2 * math.pi)
        t = np.arange(0, rng.uniform(50, 800), 5.0)
        parts.append(np.column_stack([x0 + t * math.cos(angle), y0 + t * math.sin(angle)]))
    parts.append(rng.uniform(0, 3000, (300, 2)))
    pts = np.vstack(parts) + [410000.0, 5470000.0]
    return pts[:, 0], pts[:, 1], np.arange(len(pts)) * 3 + 7


def test_nearest_equals_brute_force_on_clustered_points(street_points):
    xs, ys, ids = street_points
    index = PointIndex(xs, ys, ids)
    rng = np.random.default_rng(5)
    queries = np.column_stack([rng.uniform(xs.min() - 500, xs.max() + 500, 400),
                               rng.uniform(ys.min() - 500, ys.max() + 500, 400)])
    for x, y in queries:
        got = index.nearest(x, y)
        want = brute_k(xs, ys, ids, x, y, 1)[0]
        assert got == want


def test_k_nearest_and_max_distance_equal_brute_force(street_points):
    xs, ys, ids = street_points
    index = PointIndex(xs, ys, ids)
    rng = np.random.default_rng(6)
    for _ in range(200):
        x = rng.uniform(xs.min() - 100, xs.max() + 100)
        y = rng.uniform(ys.min() - 100, ys.max() + 100)
        k = int(rng.integers(1, 30))
        md = None if rng.random() < 0.3 else float(rng.uniform(0, 200))
        assert index.k_nearest(x, y, k, md) == brute_k(xs, ys, ids, x, y, k, md)
        nearest = index.nearest(x, y, md)
        want = brute_k(xs, ys, ids, x, y, 1, md)
        assert nearest == (want[0] if want else None)


def test_within_equals_brute_force(street_points):
    xs, ys, ids = street_points
    index = PointIndex(xs, ys, ids)
    rng = np.random.default_rng(7)
    for _ in range(150):
        x = rng.uniform(xs.min(), xs.max())
        y = rng.uniform(ys.min(), ys.max())
        r = float(rng.choice([0.0, 3.0, 25.0, 140.0, 5000.0]))
        assert index.within(x, y, r) == brute_within(xs, ys, ids, x, y, r)


def test_ties_go_to_the_point_given_first():
    # a ring of 8 points at distance 10 around the origin, and duplicates of one position
    angles = np.radians(np.arange(0, 360, 45))
    xs = np.concatenate([10 * np.cos(angles), [5.0, 5.0, 5.0]])
    ys = np.concatenate([10 * np.sin(angles), [0.0, 0.0, 0.0]])
    ids = np.array([f"p{i}" for i in range(len(xs))])
    index = PointIndex(xs, ys, ids, cell_size=3.0)
    assert index.nearest(5.0, 0.0) == ("p8", 0.0)
    assert [i for i, _ in index.k_nearest(5.0, 0.0, 3)] == ["p8", "p9", "p10"]
    assert isinstance(index.nearest(0.0, 0.0)[0], str)
    for k in (1, 4, 9, 11):
        assert index.k_nearest(0.0, 0.0, k) == brute_k(xs, ys, list(ids), 0.0, 0.0, k)


def test_grid_edges_and_points_on_cell_boundaries():
    # integer lattice with cell size 1: every point sits on a cell corner
    gx, gy = np.meshgrid(np.arange(20.0), np.arange(15.0))
    xs, ys = gx.ravel(), gy.ravel()
    ids = np.arange(len(xs))
    index = PointIndex(xs, ys, ids, cell_size=1.0)
    for x, y in [(0, 0), (19, 14), (19.5, 14.5), (-3, -3), (25, 7), (9.5, 7.5), (0.5, 0.0), (19, -0.5)]:
        for k in (1, 2, 5):
            assert index.k_nearest(x, y, k) == brute_k(xs, ys, ids, x, y, k)
        assert index.within(x, y, 1.0) == brute_within(xs, ys, ids, x, y, 1.0)
    # a point exactly at max_distance is included, one just beyond is not
    assert index.nearest(-3.0, 0.0, max_distance=3.0) == (0, 3.0)
    assert index.nearest(-3.0, 0.0, max_distance=2.999) is None


def test_far_queries_and_degenerate_inputs():
    empty = PointIndex([], [], [])
    assert empty.nearest(1.0, 2.0) is None and empty.k_nearest(0, 0, 3) == [] and empty.within(0, 0, 9) == []
    single = PointIndex([5.0], [5.0], [42])
    assert single.nearest(1e7, -1e7) == (42, float(np.hypot(1e7 - 5, -1e7 - 5)))
    assert single.k_nearest(0, 0, 0) == []
    same = PointIndex([3.0] * 4, [4.0] * 4, [1, 2, 3, 4])
    assert same.k_nearest(0.0, 0.0, 2) == [(1, 5.0), (2, 5.0)]
    line = PointIndex(np.arange(1000.0), np.zeros(1000), None)  # zero height extent
    assert line.nearest(500.2, 3.0) == (500, float(np.hypot(500.0 - 500.2, 0.0 - 3.0)))
    assert line.nearest(float("nan"), 0.0) is None
    with pytest.raises(ValueError):
        PointIndex([0.0, float("nan")], [0.0, 1.0])
    with pytest.raises(ValueError):
        PointIndex([0.0, 1.0], [0.0])


def test_two_far_clusters_fall_back_correctly():
    rng = np.random.default_rng(3)
    a = rng.normal(0, 5, (500, 2))
    b = rng.normal(0, 5, (500, 2)) + 1e6
    pts = np.vstack([a, b])
    index = PointIndex(pts[:, 0], pts[:, 1])
    ids = np.arange(len(pts))
    for x, y in [(5e5, 5e5), (1e6 + 1, 1e6), (2.0, -1.0), (-1e6, 3e6)]:
        assert _as_plain(index.k_nearest(x, y, 3)) == brute_k(pts[:, 0], pts[:, 1], ids, x, y, 3)
