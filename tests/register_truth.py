"""Scores a register comparison of the demo city against the register's known faults (democity/register.py).

Expected type per register entry for one campaign: its fault (``confirmed`` when it has none) when the detector
reported the true sign at least once in the campaign (score >= compare.MIN_SCORE); ``not_covered`` when no
panorama of the campaign had it in view (the detector's candidate pairs: within 25 m, in front of the face);
a sign in view that the detector never reported is left out (``skipped``: no comparison can see it, the
detector's recall is measured elsewhere). A phantom entry ("removed since") is ``missing`` when a panorama
stood within 15 m in front of it, else ``not_covered``. A true sign the
register lacks and the campaign saw is an expected ``new``; a ``new`` found counts as right within 3 m of one.
"""
from collections import Counter

import numpy as np

from herzlich_digital_plugin.democity.detections import generate_detections
from herzlich_digital_plugin.democity.register import demo_register
from herzlich_digital_plugin.register import matching as M
from herzlich_digital_plugin.register.compare import MIN_SCORE

TYPES = ("confirmed", "new", "missing", "moved", "class_changed", "value_changed", "not_covered")


def expected_types(scene, cap, seed, campaign_index):
    rows, truth = demo_register(scene, cap, seed)
    dets = generate_detections(scene, cap, seed)
    cand = dets.candidates
    in_campaign = cap.campaign[cand["panorama"]] == campaign_index
    ids = np.array([a.asset_id for a in scene.assets])
    in_view = set(ids[cand["asset_index"][in_campaign]].tolist())
    reported = (cap.campaign[dets.panorama] == campaign_index) & (dets.score >= MIN_SCORE) & (dets.truth_asset_id >= 0)
    seen = set(dets.truth_asset_id[reported].tolist())
    k = cap.campaign == campaign_index
    panos = M.Panoramas(np.flatnonzero(k) + 1, cap.x[k], cap.y[k])
    by_ext = {r["external_id"]: r for r in rows}
    expected = {}
    for ext, fault in truth.fault.items():
        asset = truth.asset_of[ext]
        if asset is None:
            r = by_ext[ext]
            entry = M.Entry(0, r["geom"].x, r["geom"].y, r["direction"], ("sign", r["vzkat_code"], None))
            expected[ext] = "missing" if M.covered(entry, panos) is not None else "not_covered"
        else:
            expected[ext] = (fault or "confirmed") if asset in seen else ("skipped" if asset in in_view
                                                                            else "not_covered")
    by_id = {a.asset_id: a for a in scene.assets}
    new_truth = [by_id[a] for a in truth.omitted if a in seen]
    return expected, new_truth


def score(store, result, expected, new_truth):
    """{type: (precision, recall, found, expected)} of one comparison result."""
    ext_of = {r["id"]: r["external_id"] for r in store.select("register_entry")}
    got = {}
    news = []
    for c in result.changes:
        if c.change_type == "new":
            news.append(c.observed)
        else:
            got[ext_of[c.entry.id]] = c.change_type
    tp, fp, fn = Counter(), Counter(), Counter()
    for ext, want in expected.items():
        if want == "skipped":
            continue
        have = got.get(ext)
        if have == want:
            tp[want] += 1
        else:
            fn[want] += 1
            if have:
                fp[have] += 1
    matched = set()
    for o in news:
        hit = next((a.asset_id for a in new_truth if a.asset_id not in matched
                    and np.hypot(a.x - o.x, a.y - o.y) <= 3.0), None)
        if hit is None:
            fp["new"] += 1
        else:
            matched.add(hit)
            tp["new"] += 1
    fn["new"] += len(new_truth) - len(matched)
    out = {}
    for t in TYPES:
        found, want = tp[t] + fp[t], tp[t] + fn[t]
        out[t] = (tp[t] / found if found else 1.0, tp[t] / want if want else 1.0, found, want)
    return out
