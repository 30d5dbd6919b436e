"""Issue 15.2: merge and split of assets with history, on both backends (and under the PostGIS guards)."""
import pytest

from herzlich_digital_plugin.review import consistency
from herzlich_digital_plugin.review.annotations import history
from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.review.merge import merge_candidates
from review_demo import write_city


@pytest.fixture
def city(store):
    truth = write_city(store, "test")
    return store, truth


def _views_of_one_sign(truth, n=3):
    by_asset = {}
    for det_id, asset_id in truth.asset_of.items():
        if asset_id is not None and truth.assets[asset_id].asset_class == "sign" and not truth.misclassified[det_id]:
            by_asset.setdefault(asset_id, []).append(det_id)
    return next(d for d in by_asset.values() if len(d) >= n)


def test_split_then_merge_back(city, tmp_path):
    store, truth = city
    s = ReviewSession(store, "anna")
    dets = _views_of_one_sign(truth)
    for d in dets[:3]:
        s.accept(s.item(d))
    asset_id = store.get("detection", dets[0])["asset_id"]
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"x")
    s.annotate(asset_id, note="am Mast", photos=[photo])
    split = s.split_asset(asset_id, [dets[2]])
    new_id = split["new_asset_id"]
    assert store.get("detection", dets[2])["asset_id"] == new_id != asset_id
    assert store.get("detection", dets[0])["asset_id"] == asset_id
    assert store.get("asset", new_id)["vzkat_code"] == store.get("asset", asset_id)["vzkat_code"]
    assert consistency.check(store) == []
    # The two are the same sign after all: merge back, the kept asset keeps its annotation.
    assert (asset_id, new_id) in {(a, b) for a, b, _ in merge_candidates(store)}
    merged = s.merge_assets(asset_id, new_id)
    assert merged["moved"] == [dets[2]]
    assert store.get("asset", new_id)["lifecycle_status"] == "withdrawn"
    assert {store.get("detection", d)["asset_id"] for d in dets[:3]} == {asset_id}
    assert len(store.select("annotation", {"asset_id": asset_id})) == 1
    actions = [e.action for e in history(store, asset_id=asset_id)]
    assert "split" in actions and "merge" in actions
    assert consistency.check(store) == []
    assert all(a != new_id and b != new_id for a, b, _ in merge_candidates(store))


def test_merge_and_split_refuse_what_makes_no_sense(city):
    store, truth = city
    s = ReviewSession(store, "anna")
    dets = _views_of_one_sign(truth, 2)
    a = s.accept(s.item(dets[0])).asset_id
    with pytest.raises(ValueError):
        s.merge_assets(a, a)
    with pytest.raises(ValueError, match="stay"):
        s.split_asset(a, [dets[0]])  # the only view
    with pytest.raises(ValueError):
        s.split_asset(a, [dets[1]])  # not a view of this asset
    events = store.count("review_event")
    other = next(d for d, k in truth.asset_of.items() if k is not None and truth.assets[k].asset_class == "marking")
    b = s.accept(s.item(other)).asset_id
    with pytest.raises(ValueError, match="same class"):
        s.merge_assets(a, b)
    assert store.count("review_event") == events + 1  # only the accept of the marking


def test_better_triangulation_absorbs_a_one_view_duplicate(city):
    """Issue 15.2: a one-view asset made from a poor range guess joins its object once that is triangulated."""
    import math

    from shapely.geometry import Point
    store, truth = city
    s = ReviewSession(store, "anna")
    dets = _views_of_one_sign(truth, 4)
    for d in dets[:3]:
        s.accept(s.item(d))
    main = store.get("detection", dets[0])["asset_id"]
    lone = s.split_asset(main, [dets[0]])["new_asset_id"]
    row = store.get("asset", lone)
    assert row["position_source"] == "ground_plane"
    # The one-view guess lands 8 m further along its own ray: too far for an ordinary match.
    cam = store.get("panorama", store.get("detection", dets[0])["panorama_id"])["geom"]
    dx, dy = row["geom"].x - cam.x, row["geom"].y - cam.y
    scale = (math.hypot(dx, dy) + 8.0) / math.hypot(dx, dy)
    store.update("asset", lone, {"geom": Point(cam.x + dx * scale, cam.y + dy * scale)})
    d = s.accept(s.item(dets[3]))  # a fourth view: the main asset is triangulated again
    assert d.asset_id == main
    assert store.get("asset", lone)["lifecycle_status"] == "withdrawn"
    assert store.get("detection", dets[0])["asset_id"] == main
    merge = [e for e in store.select("review_event", {"action": "merge"}) if e["detection_id"] == dets[0]]
    assert merge and merge[0]["actor"] == "re-association"
    assert consistency.check(store) == []
