"""Benchmark: the review queue at city scale (250,000 detections), GeoPackage and PostGIS.

Data: the democity 'city' GeoPackage (≈101,000 panoramas, ≈250,800 detections), built once into
build/bench-cache/review-city/ and copied for every run (and into a throw-away PostGIS cluster,
tests/pg_server.py, with copy_store).

Figures, each with its peer measured in the same run:
- next item shown with prefetch (the GUI keeps 4 items; showing the next one pops the buffer and
  refills it with one claim), p95 over 200 items; peer: the same item chosen without SQL ordering
  (load the filtered rows, sort in Python, lease the first), p95 of a few runs;
- a decision committed while walking through the city (60 % accept: lease check, asset match or
  creation, re-triangulation, event, status; 40 % reject), p95; peer: a bare status update plus
  event with none of the locking, lease or asset work (the price of safety);
- filter counts over all detections (the inspector's live counts for five typical filters), the
  worst p95; peer: counting the same filter in a Python loop over the rows.
"""
import math
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (str(ROOT), str(ROOT / "tests")):
    if p not in sys.path:
        sys.path.insert(0, p)

from herzlich_digital_plugin.review import leases  # noqa: E402
from herzlich_digital_plugin.review.decisions import ReviewSession  # noqa: E402
from herzlich_digital_plugin.review.filters import ReviewFilter, counts  # noqa: E402
from herzlich_digital_plugin.store import ddl, open_store  # noqa: E402
from store_copy import copy_store  # noqa: E402
from herzlich_digital_plugin.store.schema import DETECTION_COUNT_INDEX  # noqa: E402

SEED = 7239
CACHE = ROOT / "build" / "bench-cache" / "review-city"
ITEMS = 200
PEER_RUNS = 3
COUNT_RUNS = 10
REVIEW_TABLES = ["campaign", "panorama", "model_run", "detection"]


def _city_gpkg() -> Path:
    """The cached city GeoPackage, rebuilt when missing or made with an older schema."""
    path = CACHE / "herzlich_digital_city.gpkg"
    if path.exists():
        with open_store(str(path), create=False) as store:
            # Opening migrates an older cache; this checks it holds what the figures rely on.
            fresh = store.query("SELECT 1 AS x FROM sqlite_master WHERE name = %s",
                                (ddl.index_name("detection", DETECTION_COUNT_INDEX),))
        if fresh:
            return path
        shutil.rmtree(CACHE)
    from herzlich_digital_plugin.democity.build import build_demo_city
    CACHE.mkdir(parents=True, exist_ok=True)
    build_demo_city("city", SEED, str(CACHE))
    return path


def _p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(math.ceil(0.95 * len(values))) - 1)]


def _ms(t0):
    return (time.perf_counter() - t0) * 1000.0


def _python_next_item(store, session):
    """Peer: filter and order in Python instead of SQL."""
    rows = store.query("SELECT id, status, score FROM detection")
    free = sorted((r["score"], r["id"]) for r in rows if r["status"] == "new" and r["id"] not in session.held)
    for _, det_id in free:
        if leases.active_lease(store, det_id) is None:
            leases.take(store, session.session_id, session.reviewer, det_id, session.ttl_s)
            return session.item(det_id)
    return None


def _python_counts(store, flt):
    rows = store.query("SELECT d.asset_class, d.vzkat_code, d.vzkat_value, d.status, d.score, d.geom, "
                       "p.campaign_id FROM detection d JOIN panorama p ON p.id = d.panorama_id")
    out = Counter()
    for r in rows:
        if flt.score_min is not None and not (r["score"] is not None and r["score"] >= flt.score_min):
            continue
        if flt.score_max is not None and not (r["score"] is not None and r["score"] <= flt.score_max):
            continue
        if flt.campaign_ids and r["campaign_id"] not in flt.campaign_ids:
            continue
        if flt.classes and r["vzkat_code"] not in flt.classes:
            continue
        if flt.bbox is not None:
            g = r["geom"]
            if g is None or not (flt.bbox[0] <= g.x <= flt.bbox[2] and flt.bbox[1] <= g.y <= flt.bbox[3]):
                continue
        out[(r["asset_class"], r["vzkat_code"], r["vzkat_value"], r["status"])] += 1
    return out


def _decide(session, item, rng):
    t0 = time.perf_counter()
    if rng.random() < 0.6:
        session.accept(item)
    else:
        session.reject(item, "false_positive")
    return _ms(t0)


def _bare_decision(store, det_id, actor):
    """Peer: the same status change and event with none of the safety (no lock, lease or asset work)."""
    from herzlich_digital_plugin.review.items import utc_now
    t0 = time.perf_counter()
    with store.transaction():
        store.update("detection", det_id, {"status": "rejected"})
        store.insert("review_event", {"detection_id": det_id, "actor": actor, "action": "reject",
                                      "old_value": {"status": "new"}, "new_value": {"status": "rejected"},
                                      "decided_at": utc_now()})
    return _ms(t0)


def _bench_store(store, label):
    rng = random.Random(11)
    session = ReviewSession(store, f"bench-{label}")
    # A city-wide filter on the first model run, lowest score first.
    flt = ReviewFilter(model_run_ids=[1])
    buffer = session.claim_next(flt, order="score", n=4)
    next_ms = []
    for _ in range(ITEMS):
        t0 = time.perf_counter()
        item = buffer.pop(0)
        buffer += session.claim_next(n=1)  # refill the prefetch buffer
        next_ms.append(_ms(t0))
        session.reject(item, "false_positive")
    session.release()
    # Decisions while walking through the city: most accepts find the asset of an earlier view and
    # re-triangulate it, the rest create one.
    decider = ReviewSession(store, f"decider-{label}")
    buffer = decider.claim_next(flt, order="walk", n=4)
    decide_ms = []
    for _ in range(ITEMS):
        item = buffer.pop(0)
        buffer += decider.claim_next(n=1)
        decide_ms.append(_decide(decider, item, rng))
    accepts = [e["new_value"] for e in store.select("review_event", {"actor": f"decider-{label}",
                                                                       "action": "accept"})]
    linked = sum(1 for v in accepts if not v["asset"]["created"])
    decider.close()
    bare = [_bare_decision(store, i.detection_id, "bare") for i in session.claim_next(flt, order="score", n=40)]
    session.release()
    walk = ReviewSession(store, f"walker-{label}")
    walk_ms = []
    for _ in range(50):
        t0 = time.perf_counter()
        got = walk.claim_next(flt, order="walk", n=1)
        walk_ms.append(_ms(t0))
        walk.reject(got[0], "other")
    peer_next = []
    for _ in range(PEER_RUNS):
        t0 = time.perf_counter()
        item = _python_next_item(store, session)
        peer_next.append(_ms(t0))
        session.reject(item, "other")
    # Counts for five typical inspector filters.
    xs = [r["x"] for r in store.query("SELECT MIN(id) AS x FROM panorama")]
    centre = store.get("panorama", xs[0] + 5000)["geom"]
    filters = {
        "all": ReviewFilter(),
        "class 274": ReviewFilter(classes=["274"]),
        "score 0.2-0.6": ReviewFilter(score_min=0.2, score_max=0.6),
        "1 km box": ReviewFilter(bbox=(centre.x - 500, centre.y - 500, centre.x + 500, centre.y + 500)),
        "campaign 2": ReviewFilter(campaign_ids=[2]),  # the 2023 re-run: about a quarter of the detections
        "campaign 1": ReviewFilter(campaign_ids=[1]),  # the 2021 drive: most of them (the slowest on GeoPackage)
    }
    count_p95 = {}
    for name, f in filters.items():
        counts(store, f)
        times = []
        for _ in range(COUNT_RUNS):
            t0 = time.perf_counter()
            counts(store, f)
            times.append(_ms(t0))
        count_p95[name] = _p95(times)
    worst = max(count_p95, key=count_p95.get)
    peer_count = []
    for _ in range(PEER_RUNS):
        t0 = time.perf_counter()
        py = _python_counts(store, filters[worst].with_(statuses=()))
        peer_count.append(_ms(t0))
    sql_total = counts(store, filters[worst].with_(statuses=()))
    assert sum(py.values()) == sql_total.total, (worst, sum(py.values()), sql_total.total)
    session.close()
    walk.close()
    n = store.count("detection")
    return [
        {"name": f"review {label}: next item shown with prefetch (pop + refill claim), p95 of {ITEMS}, "
                 f"{n:,} detections", "value": round(_p95(next_ms), 2), "unit": "ms",
         "peer": "item chosen in Python (load rows, sort, lease), p95", "peer_value": round(_p95(peer_next), 1)},
        {"name": f"review {label}: claim next item in walking order, p95", "value": round(_p95(walk_ms), 2),
         "unit": "ms", "peer": "lowest-score claim (same session type), median",
         "peer_value": round(statistics.median(next_ms), 2)},
        {"name": f"review {label}: decision committed (60 % accept with asset match/triangulation, 40 % reject; "
                 f"{len(accepts)} accepts, {linked} of them onto an existing asset), walking order, p95 of {ITEMS}",
         "value": round(_p95(decide_ms), 2), "unit": "ms",
         "peer": "bare status update + event, no lock/lease/asset work, p95 of 40", "peer_value": round(_p95(bare), 2)},
        {"name": f"review {label}: filter counts, worst p95 of {len(count_p95)} filters ({worst}; "
                 + ", ".join(f"{k} {v:.0f}" for k, v in count_p95.items()) + " ms)",
         "value": round(count_p95[worst], 1), "unit": "ms",
         "peer": "the same counts in a Python loop over the rows", "peer_value": round(statistics.median(peer_count), 1)},
    ]


def run() -> list:
    city = _city_gpkg()
    results = []
    with tempfile.TemporaryDirectory(prefix="hd_bench_review_") as tmp:
        work = Path(tmp) / "city.gpkg"
        shutil.copyfile(city, work)
        with open_store(str(work)) as store:
            results += _bench_store(store, "GeoPackage")
        from pg_server import PostgresServer
        from herzlich_digital_plugin.store.postgis_setup import setup_shared_database
        server = PostgresServer().start()
        try:
            db = server.create_database(postgis=True)
            setup_shared_database(server.conninfo(db))
            t0 = time.perf_counter()
            with open_store(str(city), create=False) as src, open_store(server.conninfo(db)) as dst:
                copy_store(src, dst, tables=REVIEW_TABLES)
                dst.execute("VACUUM ANALYZE")  # what autovacuum would do: visibility map, statistics
            copy_s = time.perf_counter() - t0
            with open_store(server.conninfo(db)) as store:
                results += _bench_store(store, "PostGIS")
            results.append({"name": "review PostGIS: copy_store of the city (campaigns, panoramas, detections)",
                            "value": round(copy_s, 1), "unit": "s", "peer": None, "peer_value": None})
        finally:
            server.stop()
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
