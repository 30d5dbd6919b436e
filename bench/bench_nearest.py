"""Benchmark: "nearest panorama" among the city demo's panoramas (both campaigns, about 100,600 points).

Figures: core.point_index.PointIndex nearest / k=5 nearest / 25 m radius (median per query) against brute-force
numpy over the same points and queries; the index build time; and the store's own ``nearest()`` on a
GeoPackage holding those panoramas (R-tree), against the same PointIndex query. Positions come from the
city's capture alone (streets + drives, under a second): no façades, assets or images are generated.
"""
import os
import statistics
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for path in (ROOT,):  # run as a script from anywhere
    if path not in sys.path:
        sys.path.insert(0, path)

from herzlich_digital_plugin.core.point_index import PointIndex  # noqa: E402

SEED = 7239
QUERIES = 2000
STORE_QUERIES = 300
QUERY_SPREAD_M = 30.0  # map clicks land near a street, not exactly on a panorama


def city_capture():
    from herzlich_digital_plugin.democity.capture import capture
    from herzlich_digital_plugin.democity.sizes import size_spec
    from herzlich_digital_plugin.democity.streets import build_network

    spec = size_spec("city")
    return capture(build_network(spec, SEED), spec, SEED)


def _queries(xs, ys, n, seed=1):
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(xs), n)
    return np.column_stack([xs[pick] + rng.uniform(-QUERY_SPREAD_M, QUERY_SPREAD_M, n),
                            ys[pick] + rng.uniform(-QUERY_SPREAD_M, QUERY_SPREAD_M, n)])


def _median_ms(fn, queries):
    times = []
    for x, y in queries:
        t0 = time.perf_counter()
        fn(float(x), float(y))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000.0


def _brute_nearest(xs, ys):
    def query(x, y):
        d = np.hypot(xs - x, ys - y)
        i = int(np.argmin(d))
        return i, float(d[i])
    return query


def _brute_k(xs, ys, k):
    def query(x, y):
        d = np.hypot(xs - x, ys - y)
        part = np.argpartition(d, k)[:k]
        return part[np.argsort(d[part], kind="stable")]
    return query


def _brute_within(xs, ys, r):
    def query(x, y):
        d = np.hypot(xs - x, ys - y)
        hit = np.nonzero(d <= r)[0]
        return hit[np.argsort(d[hit], kind="stable")]
    return query


def _store_figures(cap, index, queries):
    """Store.nearest on a GeoPackage of the city's panoramas vs the in-memory index (same queries)."""
    from herzlich_digital_plugin.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        with open_store(os.path.join(tmp, "city.gpkg")) as store:
            with store.transaction():
                store.insert_many("campaign", [{"id": 1, "name": "2021"}, {"id": 2, "name": "2023"}])
                store.insert_many("panorama", ({"id": i + 1, **row} for i, row in enumerate(cap.rows([1, 2]))))
            store_ms = _median_ms(lambda x, y: store.nearest("panorama", x, y, k=1), queries)
            # sanity: both find panoramas at the same distance
            for x, y in queries[:20]:
                (_, d_store), = store.nearest("panorama", float(x), float(y), k=1)
                assert abs(d_store - index.nearest(float(x), float(y))[1]) < 1e-3
    return store_ms


def run():
    t0 = time.perf_counter()
    cap = city_capture()
    scene_s = time.perf_counter() - t0
    xs, ys = np.asarray(cap.x, float), np.asarray(cap.y, float)
    n = len(xs)
    ids = np.arange(1, n + 1)

    t0 = time.perf_counter()
    index = PointIndex(xs, ys, ids)
    build_ms = (time.perf_counter() - t0) * 1000.0
    queries = _queries(xs, ys, QUERIES)

    brute = _brute_nearest(xs, ys)
    for x, y in queries[:200]:  # the figures compare equal answers
        i, d = brute(float(x), float(y))
        assert index.nearest(float(x), float(y)) == (int(ids[i]), d)

    label = f"{n:,} city panoramas"
    out = [
        {"name": f"PointIndex.nearest among {label}, median per query", "unit": "ms",
         "value": round(_median_ms(index.nearest, queries), 4),
         "peer": "brute-force numpy hypot + argmin", "peer_value": round(_median_ms(brute, queries), 4)},
        {"name": f"PointIndex.k_nearest k=5 among {label}, median per query", "unit": "ms",
         "value": round(_median_ms(lambda x, y: index.k_nearest(x, y, 5), queries), 4),
         "peer": "brute-force numpy hypot + argpartition",
         "peer_value": round(_median_ms(_brute_k(xs, ys, 5), queries), 4)},
        {"name": f"PointIndex.within 25 m among {label}, median per query", "unit": "ms",
         "value": round(_median_ms(lambda x, y: index.within(x, y, 25.0), queries), 4),
         "peer": "brute-force numpy hypot + mask",
         "peer_value": round(_median_ms(_brute_within(xs, ys, 25.0), queries), 4)},
        {"name": f"PointIndex build over {label}", "unit": "ms", "value": round(build_ms, 1),
         "peer": "generating the city capture positions (streets + drives)", "peer_value": round(scene_s * 1000, 1)},
    ]
    store_queries = queries[:STORE_QUERIES]
    store_ms = _store_figures(cap, index, store_queries)
    out.append({"name": f"GeoPackage Store.nearest k=1 among {label}, median per query", "unit": "ms",
                "value": round(store_ms, 3), "peer": "PointIndex.nearest, same queries",
                "peer_value": round(_median_ms(index.nearest, store_queries), 4)})
    return out


if __name__ == "__main__":
    for figure in run():
        print(figure)
