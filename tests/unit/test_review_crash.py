"""kill -9 a reviewer in mid-session: committed decisions survive, its leases expire, the store stays consistent."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from herzlich_digital_plugin.review import leases
from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.review.filters import ReviewFilter
from herzlich_digital_plugin.store import open_store
from store_copy import copy_store
from test_review_concurrency import WORKER, _shared_assets, check_store, demo_gpkg  # noqa: F401  (fixture)

TTL_S = 4.0


def _leases_of(store, log) -> int:
    session_id = log.read_text(encoding="utf-8").split("\n", 1)[0].split(" ")[1]
    return store.count("review_lease", {"session_id": session_id})


def _kill_mid_session(uri, folder, rounds):
    """Kill -9 a reviewer after a different number of decisions each round, while it holds leases: a decision
    releases its item's lease, so right after a batch's last decision a reviewer holds none. With two held when
    looked at, at least one is still held at the kill (it decides one item at a time)."""
    logs = []
    with open_store(uri) as store:
        for r in range(rounds):
            log = Path(folder) / f"crash{r}.log"
            cmd = [sys.executable, str(WORKER), uri, f"reviewer{r}", "0", str(7 + r), str(log), "--forever",
                   "--ttl", str(TTL_S)]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    env=dict(os.environ, PYTHONPATH=str(WORKER.parents[1])))
            deadline = time.monotonic() + 120
            target = 40 + 17 * r  # a different moment each round
            while time.monotonic() < deadline:
                if (log.exists() and len(log.read_text(encoding="utf-8").splitlines()) >= target
                        and _leases_of(store, log) >= 2):
                    break
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.002)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            proc.stderr.close()
            assert proc.returncode == -signal.SIGKILL
            logs.append(log)
    return logs


def _check_after_crash(uri, logs):
    with open_store(uri) as store:
        check_store(store, logs, shared=[])  # every logged decision is there, status = derived status
        dead = [Path(log).read_text(encoding="utf-8").split("\n", 1)[0].split(" ")[1] for log in logs]
        held = {r["id"] for r in store.query(
            f"SELECT id FROM review_lease WHERE session_id IN ({', '.join(['%s'] * len(dead))})", dead)}
        assert held, "the killed reviewers held leases"
        live = {i for i in held if leases.active_lease(store, i) is not None}
        still_new = {r["id"] for r in store.select("detection", {"id": sorted(held), "status": "new"})}
        other = ReviewSession(store, "survivor")
        everything = ReviewFilter(statuses=("new",))
        got = {i.detection_id for i in other.claim_next(everything, n=5000)}
        assert not got & live, "live leases of a dead reviewer must still be respected"
        other.release()
        time.sleep(TTL_S + 0.5)
        got = {i.detection_id for i in other.claim_next(everything, n=5000)}
        assert still_new <= got, "expired leases must be free again"
        other.release()
        assert leases.purge_expired(store) >= 0
        assert store.count("review_lease") == 0


@pytest.mark.slow
def test_kill_reviewer_geopackage(demo_gpkg, tmp_path):  # noqa: F811
    path = tmp_path / "crash.gpkg"
    with open_store(str(demo_gpkg)) as src, open_store(str(path)) as dst:
        copy_store(src, dst, tables=["campaign", "panorama", "model_run", "detection"])
    _check_after_crash(str(path), _kill_mid_session(str(path), tmp_path, rounds=3))


@pytest.mark.slow
def test_kill_reviewer_postgis(demo_gpkg, postgis_db, tmp_path):  # noqa: F811
    uri = postgis_db()
    with open_store(str(demo_gpkg)) as src, open_store(uri) as dst:
        copy_store(src, dst, tables=["campaign", "panorama", "model_run", "detection"])
    _check_after_crash(uri, _kill_mid_session(uri, tmp_path, rounds=3))
