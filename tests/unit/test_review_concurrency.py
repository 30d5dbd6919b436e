"""Many reviewer processes at once on one store: nothing lost, nothing reviewed twice, every conflict reported.

PostGIS: 8 processes × 250 decisions on the 'demo' city copied into PostGIS (copy_store).
GeoPackage: 4 processes × 100 decisions on the same file. Each process (tests/review_worker.py)
logs every committed decision after the commit; reviewers also edit three shared assets with the
version they read a moment before, which provokes optimistic-lock conflicts.
"""
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from shapely.geometry import Point

from herzlich_digital_plugin.review import consistency
from herzlich_digital_plugin.store import open_store
from store_copy import copy_store
from review_demo import write_city

WORKER = Path(__file__).resolve().parents[1] / "review_worker.py"
DECIDING = ("accept", "reject", "relabel", "move", "skip", "undo", "edit", "conflict", "refused")


@pytest.fixture(scope="module")
def demo_gpkg(tmp_path_factory):
    path = tmp_path_factory.mktemp("review_city") / "demo.gpkg"
    with open_store(str(path)) as store:
        write_city(store, "demo")
    return path


def _shared_assets(store, n=3):
    """Assets no detection is near (code 999), edited by every reviewer."""
    return [store.insert("asset", {"asset_class": "sign", "vzkat_code": "999", "version": 1,
                                   "geom": Point(400000.0 + 10 * i, 5470000.0)}) for i in range(n)]


def run_workers(uri, count, decisions, folder, shared, extra=()):
    procs, logs = [], []
    start_at = time.time() + 2.0 + 0.5 * count  # every process imported and connected: all start together
    run_workers.start_at = start_at
    for i in range(count):
        log = Path(folder) / f"reviewer{i}.log"
        logs.append(log)
        cmd = [sys.executable, str(WORKER), uri, f"reviewer{i}", str(decisions), str(100 + i), str(log),
               "--shared", ",".join(map(str, shared)), "--start-at", str(start_at), *extra]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env=dict(os.environ, PYTHONPATH=str(WORKER.parents[1]))))
    for p in procs:
        out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err[-3000:]
    return logs


def parse(log):
    lines = [ln.split(" ") for ln in Path(log).read_text(encoding="utf-8").splitlines() if ln]
    return lines


def check_store(store, logs, shared, decisions_each=None):
    """The invariants both concurrency tests and the crash test rely on; returns the number of conflicts."""
    events = {e["id"]: e for e in store.select("review_event")}
    logged_by_actor = Counter()
    conflicts = 0
    edits = defaultdict(int)
    for i, log in enumerate(logs):
        lines = parse(log)
        assert lines[0][0] == "session"
        body = [ln for ln in lines[1:] if ln[0] != "done"]
        assert not [ln for ln in body if ln[0] == "taken"], "an item was decided by somebody else"
        if decisions_each is not None:
            assert len([ln for ln in body if ln[0] in DECIDING]) == decisions_each
        for ln in body:
            if ln[0] == "refused":
                continue
            if ln[0] == "conflict":
                conflicts += 1
                assert int(ln[5]) > int(ln[4])  # theirs is newer than what the reviewer had seen
                continue
            event = events.get(int(ln[1]))
            assert event is not None, f"lost decision {ln}"  # 0 lost decisions
            assert event["actor"] == f"reviewer{i}" and event["action"] == ln[0]
            if ln[2] != "-":
                assert event["detection_id"] == int(ln[2])
            if ln[0] == "edit":
                edits[int(ln[3])] += 1
            logged_by_actor[event["actor"]] += 1
    # Nothing that was not logged (a crashed reviewer may have one committed but unlogged decision).
    in_store = Counter(e["actor"] for e in events.values() if e["actor"].startswith("reviewer"))
    for actor, n in in_store.items():
        assert n - logged_by_actor[actor] in (0, 1), actor
    # 0 items reviewed twice: no detection has two decisions in force (an undone decision is not in force).
    undone = {e["new_value"]["undoes"] for e in events.values() if e["action"] == "undo"}
    live = defaultdict(list)
    for e in sorted(events.values(), key=lambda e: e["id"]):
        if e["detection_id"] is not None and e["action"] in ("accept", "reject", "relabel", "move") \
                and e["id"] not in undone:
            live[e["detection_id"]].append((e["id"], e["actor"], e["action"]))
    twice = {d: v for d, v in live.items() if len(v) > 1}
    assert not twice, f"reviewed twice: {twice}"
    # Optimistic locking: each shared asset's versions form one unbroken chain 1 → 2 → … → current.
    for aid in shared:
        chain = [(e["old_value"]["asset"]["version"], e["new_value"]["asset"]["version"])
                 for e in sorted(events.values(), key=lambda e: e["id"]) if e["asset_id"] == aid]
        assert [old for old, _ in chain] == list(range(1, len(chain) + 1))
        assert all(new == old + 1 for old, new in chain)
        assert store.get("asset", aid)["version"] == len(chain) + 1
        assert len([1 for e in events.values() if e["asset_id"] == aid and e["action"] == "edit"]) >= edits[aid]
    assert consistency.check(store) == []
    return conflicts


@pytest.mark.slow
def test_eight_reviewers_on_postgis(demo_gpkg, postgis_db, tmp_path):
    uri = postgis_db()
    with open_store(str(demo_gpkg)) as src, open_store(uri) as dst:
        copied = copy_store(src, dst, tables=["campaign", "panorama", "model_run", "detection"])
        assert copied["detection"] == src.count("detection") > 2000
        shared = _shared_assets(dst)
    logs = run_workers(uri, 8, 250, tmp_path, shared)
    elapsed = time.time() - run_workers.start_at
    with open_store(uri) as store:
        conflicts = check_store(store, logs, shared, decisions_each=250)
        assert conflicts > 0, "the test should provoke optimistic-lock conflicts"
        assert store.count("review_lease") == 0  # every session released its leases
        decided = store.query("SELECT COUNT(*) AS n FROM detection WHERE status <> 'new'")[0]["n"]
    print(f"\n8 reviewers x 250 decisions on PostGIS in {elapsed:.1f} s: {decided} detections decided, "
          f"{conflicts} conflicts reported")


@pytest.mark.slow
def test_four_reviewers_on_geopackage(demo_gpkg, tmp_path):
    path = tmp_path / "shared.gpkg"
    with open_store(str(demo_gpkg)) as src, open_store(str(path)) as dst:
        copy_store(src, dst, tables=["campaign", "panorama", "model_run", "detection"])
        shared = _shared_assets(dst, n=2)
    logs = run_workers(str(path), 4, 100, tmp_path, shared, extra=("--think", "0.03"))
    with open_store(str(path)) as store:
        conflicts = check_store(store, logs, shared, decisions_each=100)
        assert conflicts > 0, "the test should provoke optimistic-lock conflicts"
        assert store.count("review_lease") == 0
    print(f"\n4 reviewers x 100 decisions on one GeoPackage: {conflicts} conflicts reported")
