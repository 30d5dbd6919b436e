"""A perfect review of the demo city (ground truth from tests/review_demo.py), then what the register looks like.

Prints live assets vs real objects, objects with more than one asset (duplicates), assets mixing objects, how many
triangulated assets lie within their stated 2 sigma, and the merge candidates left. Quality figures, not speed:
the decisions/min it prints is one API session without a GUI (bench/bench_review.py measures speed).

    .venv/bin/python scripts/measure_review_quality.py [test|demo]
"""
import math
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(HERE), os.path.join(os.path.dirname(HERE), "tests")]

from herzlich_digital_plugin.review.decisions import ReviewSession  # noqa: E402
from herzlich_digital_plugin.review.merge import merge_candidates  # noqa: E402
from herzlich_digital_plugin.store import open_store  # noqa: E402
from review_demo import write_city  # noqa: E402


def measure(store, truth):
    live = [a for a in store.select("asset") if a["lifecycle_status"] != "withdrawn"]
    objects_of, assets_of = {}, {}
    for d in store.query("SELECT id, asset_id FROM detection WHERE status IN ('accepted', 'relabeled')"):
        t = truth.asset_of.get(d["id"])
        objects_of.setdefault(d["asset_id"], set()).add(t)
        assets_of.setdefault(t, set()).add(d["asset_id"])
    real = {t for t in assets_of if t is not None}
    within = total = 0
    for a in live:
        objects = objects_of.get(a["id"], set())
        if len(objects) != 1 or None in objects or not a["position_accuracy"] or a["position_source"] != "triangulated":
            continue
        t = truth.assets[next(iter(objects))]
        total += 1
        within += math.hypot(a["geom"].x - t.x, a["geom"].y - t.y) <= 2 * a["position_accuracy"]
    return {"live assets": len(live), "real objects seen": len(real),
            "duplicated objects": sum(1 for t in real if len(assets_of[t]) > 1),
            "mixed assets": sum(1 for o in objects_of.values() if len(o) > 1),
            "within stated 2 sigma": f"{within}/{total} ({100.0 * within / max(total, 1):.0f} %)",
            "merge candidates (< 2 m)": len(merge_candidates(store))}


def main(size="demo"):
    with tempfile.TemporaryDirectory() as folder, open_store(os.path.join(folder, "city.gpkg")) as store:
        truth = write_city(store, size)
        s = ReviewSession(store, "perfect")
        start, n = time.monotonic(), 0
        while True:
            items = s.claim_next(n=50, order="walk")
            if not items:
                break
            for it in items:
                key = truth.true_key(it.detection_id)
                if key is None:
                    s.reject(it, "false_positive")
                elif key == (it.asset_class, it.vzkat_code, it.vzkat_value):
                    s.accept(it)
                else:
                    s.relabel(it, key[1], key[2], key[0])
                n += 1
        print(f"{size}: {n} decisions, {n / ((time.monotonic() - start) / 60):.0f} decisions/min (one API session)")
        for name, value in measure(store, truth).items():
            print(f"  {name}: {value}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
