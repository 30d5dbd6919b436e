"""A reviewer process for the concurrency and crash tests (run as a script, one per reviewer).

    python review_worker.py STORE_URI REVIEWER DECISIONS SEED LOG [--shared ID,ID] [--ttl S] [--forever]
                            [--think S] [--start-at EPOCH]

Claims items and decides them at random (accept / reject / relabel / skip / undo), and every
few decisions edits one of the shared assets with the version it read a moment earlier, so
optimistic-lock conflicts happen. After each committed decision one line goes to LOG (flushed and
fsynced): ``<action> <event_id> <detection_id|-> <asset_id|-> <base_version|->``, conflicts as
``conflict - - <asset_id> <base_version> <their_version>``. The first line is ``session <id>``.
With --forever it never stops (the crash test kills it).
"""
import argparse
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from herzlich_digital_plugin.review.decisions import Conflict, ItemTaken, ReviewSession  # noqa: E402
from herzlich_digital_plugin.store import open_store  # noqa: E402


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("uri")
    ap.add_argument("reviewer")
    ap.add_argument("decisions", type=int)
    ap.add_argument("seed", type=int)
    ap.add_argument("log")
    ap.add_argument("--shared", default="")
    ap.add_argument("--ttl", type=float, default=900.0)
    ap.add_argument("--forever", action="store_true")
    ap.add_argument("--think", type=float, default=0.004, help="longest pause between reading and editing an asset")
    ap.add_argument("--start-at", type=float, default=0.0, help="wall-clock time to start at (all reviewers at once)")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    shared = [int(x) for x in a.shared.split(",") if x]
    store = open_store(a.uri, create=False)
    session = ReviewSession(store, a.reviewer, ttl_s=a.ttl)
    log = open(a.log, "a", buffering=1, encoding="utf-8")

    def write(*parts):
        log.write(" ".join(str(p) for p in parts) + "\n")
        log.flush()
        os.fsync(log.fileno())

    write("session", session.session_id)
    time.sleep(max(0.0, a.start_at - time.time()))
    done, queue = 0, []
    while a.forever or done < a.decisions:
        if shared and rng.random() < 0.12:
            aid = rng.choice(shared)
            seen = store.get("asset", aid)
            time.sleep(rng.uniform(0.0, a.think))  # the user looks at it; others may change it meanwhile
            try:
                d = session.edit_asset(aid, seen["version"], {"condition": rng.choice(["good", "faded", "damaged"])})
                write("edit", d.event_id, "-", aid, seen["version"])
            except Conflict as c:
                write("conflict", "-", "-", aid, c.base_version, c.theirs["version"])
            done += 1
            continue
        if not queue:
            queue = session.claim_next(order=rng.choice(["score", "class", "walk"]), n=4)
            if not queue:
                break
        item = queue.pop(0)
        r = rng.random()
        try:
            if r < 0.05 and session.can_undo:
                queue.insert(0, item)
                try:
                    d = session.undo()
                except Conflict as c:  # undoing an asset edit that someone else has changed since
                    write("conflict", "-", "-", c.theirs.get("id"), c.base_version, c.theirs.get("version"))
                    session.forget_last()  # give up on that one; the test counts it as a reported conflict
                except ItemTaken:  # undoing a skip of an item somebody else has taken since: refused
                    write("refused", "-", "-", "-", "-")
                    session.forget_last()
                else:
                    write("undo", d.event_id, d.detection_id or "-", d.asset_id or "-", "-")
                    if d.item is not None:
                        queue.insert(0, d.item)
            elif r < 0.55:
                d = session.accept(item)
                write("accept", d.event_id, d.detection_id, d.asset_id, "-")
            elif r < 0.80:
                d = session.reject(item, rng.choice(["false_positive", "duplicate", "not_visible"]))
                write("reject", d.event_id, d.detection_id, "-", "-")
            elif r < 0.92:
                d = session.relabel(item, "274", rng.choice(["30", "50"]))
                write(d.action, d.event_id, d.detection_id, d.asset_id, "-")
            else:
                d = session.skip(item)
                write("skip", d.event_id, d.detection_id, "-", "-")
        except ItemTaken as exc:
            write("taken", "-", item.detection_id, "-", "-", str(exc).replace("\n", " "))
        done += 1
    session.close()
    store.close()
    write("done", done)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
