"""ReviewSession on both backends: every decision kind, undo, leases, conflicts, derived status, filters."""
import math

import pytest
from shapely.geometry import Point, box

from herzlich_digital_plugin.review import consistency, leases
from herzlich_digital_plugin.review.annotations import history
from herzlich_digital_plugin.review.decisions import ClassNeeded, Conflict, ItemTaken, ReviewSession
from herzlich_digital_plugin.review.filters import ReviewFilter, counts
from herzlich_digital_plugin.store import AppendOnlyError, PermissionDeniedError
from review_demo import write_city


@pytest.fixture
def city(store):
    truth = write_city(store, "test")
    return store, truth


def _first_true(items, truth, misclassified=False):
    for it in items:
        key = truth.true_key(it.detection_id)
        if key is not None and (key != (it.asset_class, it.vzkat_code, it.vzkat_value)) == misclassified:
            return it
    raise AssertionError("no suitable item")


def _events(store, detection_id):
    return store.select("review_event", {"detection_id": detection_id})


def test_accept_creates_then_links_same_object(city):
    store, truth = city
    s = ReviewSession(store, "anna")
    # Two views of one true sign, accepted one after the other: one asset, triangulated.
    by_asset = {}
    for det_id, asset_id in truth.asset_of.items():
        if asset_id is not None and truth.assets[asset_id].asset_class == "sign" \
                and not truth.misclassified[det_id]:
            by_asset.setdefault(asset_id, []).append(det_id)
    asset_id, dets = next((a, d) for a, d in by_asset.items() if len(d) >= 3)
    first = s.accept(s.item(dets[0]))
    assert first.created_asset and first.status == "accepted"
    row = store.get("asset", first.asset_id)
    assert row["position_source"] == "ground_plane" and row["version"] == 1
    second = s.accept(s.item(dets[1]))
    third = s.accept(s.item(dets[2]))
    assert second.asset_id == third.asset_id == first.asset_id and not second.created_asset
    row = store.get("asset", first.asset_id)
    true = truth.assets[asset_id]
    assert row["position_source"] == "triangulated" and row["version"] == 3
    assert math.hypot(row["geom"].x - true.x, row["geom"].y - true.y) < 0.3
    assert row["vzkat_code"] == true.vzkat_code and row["position_accuracy"] is not None
    assert {d["status"] for d in store.select("detection", {"id": dets[:3]})} == {"accepted"}
    assert consistency.check(store) == []


def test_every_decision_kind_and_undo(city):
    store, truth = city
    s = ReviewSession(store, "anna", role="surveyor")
    items = s.claim_next(n=40)
    assert len(items) == 40
    ok = _first_true(items, truth)
    wrong = next(it for it in items if truth.true_key(it.detection_id) is None)
    misc = _first_true(items, truth, misclassified=True) if any(
        truth.misclassified[i.detection_id] for i in items) else _first_true(
        [i for i in items if i not in (ok,)], truth)
    skip = next(it for it in items if it not in (ok, wrong, misc))

    acc = s.accept(ok)
    rej = s.reject(wrong, "false_positive", note="Schatten")
    true_key = truth.true_key(misc.detection_id)
    new_value = "50" if true_key[2] != "50" else "30"
    rel = s.relabel(misc, "274", new_value)
    moved = s.move(ok, (ok.position[0] + 1.0, ok.position[1] + 1.0))
    sk = s.skip(skip)
    assert (acc.status, rej.status, rel.status, moved.status, sk.status) == (
        "accepted", "rejected", "relabeled", None, None)
    asset = store.get("asset", acc.asset_id)
    assert asset["position_source"] == "manual" and asset["geom"].equals(
        Point(ok.position[0] + 1.0, ok.position[1] + 1.0))
    assert store.get("asset", rel.asset_id)["vzkat_value"] == new_value
    assert store.get("detection", misc.detection_id)["vzkat_code"] == misc.vzkat_code  # AI prediction kept
    ev = store.get("review_event", rej.event_id)
    assert (ev["actor"], ev["role"], ev["action"], ev["reason"]) == ("anna", "surveyor", "reject", "false_positive")
    assert ev["old_value"]["status"] == "new" and ev["new_value"]["status"] == "rejected"
    assert ev["shown_at"] is not None and ev["decided_at"] >= ev["shown_at"]
    assert consistency.check(store) == []

    # Undo walks back: skip, move, relabel, reject, accept — each an appended 'undo' event.
    n_events = store.count("review_event")
    u = s.undo()
    assert u.action == "undo" and u.item.detection_id == skip.detection_id
    u = s.undo()
    assert store.get("asset", acc.asset_id)["position_source"] != "manual"
    u = s.undo()
    assert u.status == "new" and store.get("detection", misc.detection_id)["asset_id"] is None
    assert store.get("asset", rel.asset_id)["lifecycle_status"] == "withdrawn"
    u = s.undo()
    assert store.get("detection", wrong.detection_id)["status"] == "new"
    u = s.undo()
    assert u.status == "new" and store.get("detection", ok.detection_id)["status"] == "new"
    assert s.undo() is None and not s.can_undo
    assert store.count("review_event") == n_events + 5
    assert [e["action"] for e in _events(store, ok.detection_id)] == ["accept", "undo"]
    assert consistency.check(store) == []
    # Undone items are leased to the session again.
    lease = leases.active_lease(store, ok.detection_id)
    assert lease["session_id"] == s.session_id


def test_events_are_never_changed(city):
    store, truth = city
    s = ReviewSession(store, "anna")
    d = s.reject(s.claim_next(n=1)[0], "duplicate")
    with pytest.raises(AppendOnlyError):
        store.update("review_event", d.event_id, {"reason": "other"})
    with pytest.raises(AppendOnlyError):
        store.delete("review_event", d.event_id)
    s.undo()
    assert [e["action"] for e in _events(store, d.detection_id)] == ["reject", "undo"]
    assert store.get("review_event", d.event_id)["reason"] == "duplicate"


def test_status_is_derived_from_events(city):
    store, truth = city
    s = ReviewSession(store, "anna")
    items = s.claim_next(n=6)
    for it in items[:3]:
        s.reject(it, "not_visible")
    s.accept(items[3])
    s.undo()
    assert consistency.check(store) == []
    derived = consistency.derived_states(store)
    assert {derived[i.detection_id][0] for i in items[:3]} == {"rejected"}
    assert derived[items[3].detection_id] == ("new", None)
    # A status written behind the log's back is found.
    store.update("detection", items[4].detection_id, {"status": "accepted"})
    assert [p["detection_id"] for p in consistency.check(store)] == [items[4].detection_id]


def test_two_sessions_never_get_the_same_item(city):
    store, truth = city
    a, b = ReviewSession(store, "anna"), ReviewSession(store, "ben")
    got_a = {i.detection_id for i in a.claim_next(n=10)}
    got_b = {i.detection_id for i in b.claim_next(n=10)}
    assert len(got_a) == len(got_b) == 10 and not got_a & got_b
    # Deciding another session's item is refused.
    with pytest.raises(ItemTaken, match="anna"):
        b.accept(b.item(next(iter(got_a))))
    # Released items come back to the queue.
    a.release()
    assert leases.active_lease(store, next(iter(got_a))) is None
    again = {i.detection_id for i in b.claim_next(n=10)}
    assert again == got_a  # same lowest scores, now free


def test_item_decided_since_it_was_shown(city):
    store, truth = city
    a, b = ReviewSession(store, "anna"), ReviewSession(store, "ben")
    stale = b.item(a.claim_next(n=1)[0].detection_id)
    a.reject(a.item(stale.detection_id), "false_positive")
    with pytest.raises(ItemTaken, match="anna"):
        b.accept(stale)
    assert [e["actor"] for e in _events(store, stale.detection_id)] == ["anna"]


def test_expired_lease_is_free(city):
    store, truth = city
    a = ReviewSession(store, "anna", ttl_s=0.05)
    held = {i.detection_id for i in a.claim_next(n=5)}
    import time
    time.sleep(0.15)
    b = ReviewSession(store, "ben")
    assert {i.detection_id for i in b.claim_next(n=5)} == held
    assert leases.purge_expired(store) == 0  # b's leases are live; a's were taken over


def _claim_sql(store, **claim_args):
    """The locking statement a claim runs, and its parameters (PostGIS)."""
    captured, query = [], store.query

    def spy(sql, params=()):
        if "FOR UPDATE" in sql:
            captured.append((sql, list(params)))
        return query(sql, params)

    store.query = spy
    try:
        assert leases.claim(store, "plan", "anna", ReviewFilter(), n=4, **claim_args)
    finally:
        del store.query
    return captured[0]


@pytest.mark.parametrize("order", ["score", "walk"])
def test_claim_locks_only_detections_and_copied_candidates(city, order):
    """Under FOR UPDATE, PostgreSQL rechecks a row updated meanwhile by re-fetching every other table's row by
    ctid; the busy lease table's are pruned quickly ("failed to fetch tuple for EvalPlanQual recheck", seen
    with 8 reviewers). So the lock carries the detection's ctid and copied candidate rows only."""
    store, _truth = city
    if store.backend != "postgis":
        pytest.skip("row locks: PostGIS only")
    sql, params = _claim_sql(store, order=order, near=(410400.0, 5477600.0))
    with store.transaction():
        plan = [r["QUERY PLAN"] for r in store.query("EXPLAIN (VERBOSE, COSTS OFF) " + sql, params)]
    at = next(i for i, line in enumerate(plan) if "LockRows" in line)
    carried = [c.strip() for c in plan[at + 1].split("Output:")[1].split(",")]
    refetched = [c for c in carried if c.endswith(".ctid")]
    assert len(refetched) == 1 and all(c.endswith(".*") for c in carried if "*" in c), plan[at + 1]
    detection_alias = refetched[0].split(".")[0]
    assert any(line.strip().startswith("->") and f"detection {detection_alias}" in line
               for line in plan[at:]), "the one ctid carried is the detection's"


def test_claim_passes_over_rows_another_claim_is_locking(city):
    """Every reviewer in score order wants the same items: rows locked by a claim in flight are skipped, and
    the claim still fills up with the next free ones."""
    store, _truth = city
    if store.backend != "postgis":
        pytest.skip("row locks: PostGIS only")
    from herzlich_digital_plugin.store import open_store
    lowest = [r["id"] for r in store.query(
        "SELECT id FROM detection WHERE status = 'new' ORDER BY score, id LIMIT 30")]
    with open_store(store.uri) as other:
        with other.transaction():  # a claim in flight holds the 30 lowest scores
            marks = ", ".join(["%s"] * len(lowest))
            other.query(f"SELECT id FROM detection WHERE id IN ({marks}) FOR UPDATE", lowest)
            got = leases.claim(store, "s", "ben", ReviewFilter(), order="score", n=5)
    assert len(got) == 5 and not set(got) & set(lowest)
    nxt = [r["id"] for r in store.query(f"SELECT id FROM detection WHERE status = 'new' AND id NOT IN ({marks}) "
                                        "ORDER BY score, id LIMIT 5", lowest)]
    assert got == nxt  # in queue order


def test_asset_edit_conflict_reports_both_versions(city):
    store, truth = city
    a, b = ReviewSession(store, "anna"), ReviewSession(store, "ben")
    aid = store.insert("asset", {"asset_class": "sign", "vzkat_code": "206", "version": 1,
                                 "geom": Point(410000, 5477000)})
    seen = store.get("asset", aid)
    a.edit_asset(aid, seen["version"], {"condition": "faded"})
    with pytest.raises(Conflict) as info:
        b.edit_asset(aid, seen["version"], {"condition": "damaged"})
    c = info.value
    assert c.base_version == 1 and c.theirs["version"] == 2 and c.theirs["condition"] == "faded"
    assert c.mine == {"condition": "damaged"}
    assert store.get("asset", aid)["condition"] == "faded"  # nothing overwritten
    with pytest.raises(Conflict):
        b.move(seen, (410001.0, 5477001.0))  # the row b holds is stale
    b.move(store.get("asset", aid), (410001.0, 5477001.0))
    # a's undo of its edit would overwrite b's move: refused.
    with pytest.raises(Conflict):
        a.undo()
    assert store.get("asset", aid)["version"] == 3


def test_viewer_role_cannot_decide(city):
    store, truth = city
    s = ReviewSession(store, "vera", role="viewer")
    with pytest.raises(PermissionDeniedError, match="viewer"):
        s.claim_next()
    with pytest.raises(PermissionDeniedError):
        s.accept(s.item(1))
    assert store.count("review_event") == 0


def test_filters_and_counts_in_sql(city):
    store, truth = city
    all_rows = store.select("detection")
    c = counts(store, ReviewFilter())
    assert c.total == len(all_rows) and c.by_status["new"] == len(all_rows)
    assert sum(x["total"] for x in c.by_class) == len(all_rows)
    f = ReviewFilter(classes=["274"], score_min=0.3, score_max=0.9)
    want = [r for r in all_rows if r["vzkat_code"] == "274" and 0.3 <= r["score"] <= 0.9]
    assert counts(store, f).total == len(want) > 0
    f = ReviewFilter(classes=["274/30"])
    assert counts(store, f).total == sum(1 for r in all_rows if (r["vzkat_code"], r["vzkat_value"]) == ("274", "30"))
    f = ReviewFilter(text="haltverbot")
    assert counts(store, f).total == sum(1 for r in all_rows if r["vzkat_code"] in ("283", "286", "290.1"))
    assert counts(store, ReviewFilter(text="gibt es nicht")).total == 0
    assert counts(store, ReviewFilter(classes=["light"])).total == sum(1 for r in all_rows
                                                                       if r["asset_class"] == "light")
    assert counts(store, ReviewFilter(campaign_ids=[2])).total == len(store.query(
        "SELECT d.id FROM detection d JOIN panorama p ON p.id = d.panorama_id WHERE p.campaign_id = 2"))
    # Area: a bbox and a polygon (triangle) around part of the city.
    xs = sorted(r["geom"].x for r in all_rows)
    ys = sorted(r["geom"].y for r in all_rows)
    bb = (xs[len(xs) // 4], ys[len(ys) // 4], xs[3 * len(xs) // 4], ys[3 * len(ys) // 4])
    inside = [r for r in all_rows if bb[0] <= r["geom"].x <= bb[2] and bb[1] <= r["geom"].y <= bb[3]]
    assert counts(store, ReviewFilter(bbox=bb)).total == len(inside) > 0
    tri = box(*bb).exterior.coords[:3]
    from shapely.geometry import Polygon
    poly = Polygon(tri)
    in_tri = [r for r in all_rows if poly.intersects(r["geom"])]
    assert counts(store, ReviewFilter(area_wkt=poly.wkt)).total == len(in_tri) > 0
    # Status counts follow the decisions.
    s = ReviewSession(store, "anna")
    for it in s.claim_next(n=3):
        s.reject(it, "other")
    c = counts(store, ReviewFilter())
    assert c.by_status["rejected"] == 3 and c.total == len(all_rows) - 3


def test_orders(city):
    store, truth = city
    s = ReviewSession(store, "anna")
    items = s.claim_next(order="score", n=5)
    scores = [i.score for i in items]
    lowest = sorted(r["score"] for r in store.select("detection"))[:5]
    assert scores == lowest
    s.release()
    s2 = ReviewSession(store, "ben")
    cls = s2.claim_next(order="class", n=8)
    keys = [(i.asset_class, i.vzkat_code or "", i.vzkat_value or "", i.score) for i in cls]
    assert keys == sorted(keys)
    s2.release()
    # Walk: each batch continues at the panorama nearest to the last one.
    s3 = ReviewSession(store, "carl")
    first = s3.claim_next(order="walk", n=1)[0]
    nxt = s3.claim_next(order="walk", n=1)[0]
    p0 = first.panorama
    dists = [math.hypot(r["geom"].x - p0["x"], r["geom"].y - p0["y"]) for r in store.query(
        "SELECT p.geom FROM detection d JOIN panorama p ON p.id = d.panorama_id WHERE d.id <> %s",
        (first.detection_id,))]
    assert math.hypot(nxt.panorama["x"] - p0["x"], nxt.panorama["y"] - p0["y"]) == pytest.approx(min(dists))


def test_neighbours_show_the_same_object(city):
    store, truth = city
    s = ReviewSession(store, "anna")
    groups = {}
    for det_id, asset_id in truth.asset_of.items():
        if asset_id is not None:
            groups.setdefault(asset_id, []).append(det_id)
    asset_id, dets = max(groups.items(), key=lambda kv: len(kv[1]))
    item = s.item(dets[0])
    found = s.neighbours(item)
    assert found and all(n.extra["distance_m"] <= 10 and n.extra["panorama_distance_m"] <= 30 for n in found)
    assert all(n.asset_class == item.asset_class and n.vzkat_code == item.vzkat_code for n in found)
    assert len({n.detection_id for n in found} & set(dets)) >= min(2, len(dets) - 1)


def test_annotations_and_history(city, tmp_path):
    store, truth = city
    s = ReviewSession(store, "doris", role="documentation")
    d = s.accept(s.claim_next(n=1)[0])
    photo = tmp_path / "schild.jpg"
    photo.write_bytes(b"\xff\xd8\xff")
    version = store.get("asset", d.asset_id)["version"]
    out = s.annotate(d.asset_id, note="Schild verblasst", condition="faded", photos=[photo],
                     expected_version=version)
    a = store.get("asset", d.asset_id)
    assert a["condition"] == "faded" and a["version"] == out["asset_version"] == version + 1
    ann = store.get("annotation", out["annotation_id"])
    assert ann["photos"] == [str(photo)] and ann["author"] == "doris"
    with pytest.raises(FileNotFoundError):  # only a missing file: nothing left to save
        s.annotate(d.asset_id, photos=[tmp_path / "fehlt.jpg"])
    with pytest.raises(ValueError):
        s.annotate(d.asset_id, condition="rostig")
    with pytest.raises(Conflict):
        s.annotate(d.asset_id, condition="damaged", expected_version=version)
    entries = history(store, asset_id=d.asset_id)
    assert [e.action for e in entries] == ["accept", "annotate"]
    assert entries[0].actor == "doris" and "accepted" in entries[0].summary
    assert "faded" in entries[1].summary and entries[1].decided_at >= entries[0].decided_at
    assert [e.action for e in s.history(detection_id=d.detection_id)] == ["accept"]


def _asset_state(store, asset_id):
    row = store.get("asset", asset_id)
    return (row["version"], row["lifecycle_status"], row["condition"], row["position_source"],
            round(row["geom"].x, 6), round(row["geom"].y, 6), row["vzkat_code"], row["vzkat_value"])


def test_second_accept_is_a_recorded_second_opinion(city, tmp_path):
    """Issue 15.1: accepting an accepted detection again must not withdraw its asset or move the detection."""
    store, truth = city
    anna = ReviewSession(store, "anna")
    item = anna.claim_next(n=1)[0]
    first = anna.accept(item)
    photo = tmp_path / "schild.jpg"
    photo.write_bytes(b"\xff\xd8\xff")
    anna.annotate(first.asset_id, note="verblasst", condition="faded", photos=[photo])
    before = _asset_state(store, first.asset_id)
    assets_before = store.count("asset")
    for session in (anna, ReviewSession(store, "bernd")):  # the same reviewer again, then a four-eyes pass
        again = session.accept(session.item(item.detection_id))
        assert again.asset_id == first.asset_id and again.status == "accepted" and not again.created_asset
        assert _asset_state(store, first.asset_id) == before
        det = store.get("detection", item.detection_id)
        assert (det["status"], det["asset_id"]) == ("accepted", first.asset_id)
    assert store.count("asset") == assets_before
    assert len(store.select("annotation", {"asset_id": first.asset_id})) == 1
    events = _events(store, item.detection_id)
    assert [e["action"] for e in events] == ["accept", "accept", "accept"]
    assert [e["actor"] for e in events] == ["anna", "anna", "bernd"]
    assert events[2]["new_value"]["confirms"] == "accepted"
    # Undoing a second opinion changes nothing either.
    anna.undo()
    assert _asset_state(store, first.asset_id) == before
    assert store.get("detection", item.detection_id)["asset_id"] == first.asset_id
    assert consistency.check(store) == []


def test_accepting_a_relabeled_detection_keeps_the_corrected_class(city):
    store, truth = city
    s = ReviewSession(store, "anna")
    item = s.claim_next(n=1)[0]
    relabeled = s.relabel(item, "205" if item.vzkat_code == "206" else "206")
    before = _asset_state(store, relabeled.asset_id)
    again = s.accept(s.item(item.detection_id))
    assert again.asset_id == relabeled.asset_id and again.status == "relabeled"
    assert _asset_state(store, relabeled.asset_id) == before
    # A relabel back to the AI's own class is a real correction: the detection moves to that class.
    back = s.relabel(s.item(item.detection_id), item.vzkat_code, item.vzkat_value, item.asset_class)
    assert back.status == "accepted" and back.asset_id != relabeled.asset_id
    assert store.get("asset", back.asset_id)["vzkat_code"] == item.vzkat_code
    assert consistency.check(store) == []


def test_missing_photo_keeps_the_rest_of_the_annotation(city, tmp_path):
    store, truth = city
    s = ReviewSession(store, "doris", role="documentation")
    d = s.accept(s.claim_next(n=1)[0])
    photo = tmp_path / "da.jpg"
    photo.write_bytes(b"\xff\xd8\xff")
    gone = tmp_path / "fehlt.jpg"
    out = s.annotate(d.asset_id, note="Pfosten schief", condition="damaged", photos=[photo, gone])
    assert out["missing_files"] == [str(gone)]
    ann = store.get("annotation", out["annotation_id"])
    assert ann["note"] == "Pfosten schief" and ann["photos"] == [str(photo)]
    assert store.get("asset", d.asset_id)["condition"] == "damaged"
    # Nothing but a missing file: nothing to save, and the message names the file.
    with pytest.raises(FileNotFoundError, match="fehlt.jpg"):
        s.annotate(d.asset_id, photos=[gone])
    assert len(store.select("annotation", {"asset_id": d.asset_id})) == 1


def test_accepting_an_unmapped_label_asks_for_the_class(city):
    store, truth = city
    s = ReviewSession(store, "anna")
    item = s.claim_next(n=1)[0]
    store.update("detection", item.detection_id, {"asset_class": None, "vzkat_code": None, "vzkat_value": None,
                                                  "vendor_label": "object--junction-box"})
    item = s.item(item.detection_id)
    assert "object--junction-box" in item.class_label
    with pytest.raises(ClassNeeded, match="object--junction-box"):
        s.accept(item)
    assert store.count("review_event") == 0 and store.count("asset") == 0
    d = s.relabel(item, "206", asset_class="sign")
    assert d.status == "relabeled" and store.get("asset", d.asset_id)["vzkat_code"] == "206"


def test_surveyed_positions_are_never_overwritten(city):
    """Issue 15.2: any position_source other than the computed ones (a survey) survives accepts and triangulation."""
    from herzlich_digital_plugin.review.triangulate_assets import triangulate_assets
    store, truth = city
    s = ReviewSession(store, "anna")
    by_asset = {}
    for det_id, asset_id in truth.asset_of.items():
        if asset_id is not None and truth.assets[asset_id].asset_class == "sign" and not truth.misclassified[det_id]:
            by_asset.setdefault(asset_id, []).append(det_id)
    dets = next(d for d in by_asset.values() if len(d) >= 3)
    first = s.accept(s.item(dets[0]))
    surveyed = Point(store.get("asset", first.asset_id)["geom"].x + 0.4, store.get("asset", first.asset_id)["geom"].y)
    store.update("asset", first.asset_id, {"geom": surveyed, "position_source": "survey_gnss",
                                           "position_accuracy": 0.02})
    s.accept(s.item(dets[1]))
    s.accept(s.item(dets[2]))
    result = triangulate_assets(store)
    row = store.get("asset", first.asset_id)
    assert (row["position_source"], row["position_accuracy"]) == ("survey_gnss", 0.02)
    assert (row["geom"].x, row["geom"].y) == pytest.approx((surveyed.x, surveyed.y))
    assert result.manual >= 1
