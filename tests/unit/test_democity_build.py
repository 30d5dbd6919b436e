"""build_demo_city: a fresh GeoPackage with what a city would hold, deterministic per seed, cancellable."""
import hashlib
import time

import numpy as np
import pytest

from herzlich_digital_plugin.democity.build import build_demo_city, build_scene, store_file_name
from herzlich_digital_plugin.democity.detections import generate_detections
from herzlich_digital_plugin.store import open_store

SEED = 7239
TABLES = ("road", "campaign", "panorama", "model_run", "detection", "asset", "sensor_station", "sensor_datastream",
          "sensor_observation", "roadworks")


def _table_hash(store, name):
    h = hashlib.sha256()
    for row in store.iter_select(name):
        h.update(repr(sorted((k, v.wkt if hasattr(v, "wkt") else v) for k, v in row.items())).encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("city_a")
    calls = []
    result = build_demo_city("test", SEED, folder, progress=lambda p, m="": calls.append((p, m)))
    return result, calls


def test_the_store_holds_what_a_city_would_have(built):
    result, calls = built
    assert result.store_path.name == store_file_name("test") and result.store_path.exists()
    assert not result.cancelled
    with open_store(result.store_path) as store:
        for name in TABLES:
            assert store.count(name) == result.counts[name], name
        assert store.count("asset") == 0  # the review creates assets
        assert store.count("panorama") == pytest.approx(150, rel=0.15)
        assert store.count("campaign") == 2 and store.count("roadworks") >= 5
        pano = store.get("panorama", 1)
        assert pano["image_uri"].startswith("images/kaiserslautern-2021/") and pano["width"] == 2048
        det = store.select("detection", limit=50)
        assert all(d["status"] == "new" and d["asset_id"] is None and d["model_run_id"] == 1 for d in det)
        ids = {r["id"] for r in store.select("panorama")}
        assert all(d["panorama_id"] in ids for d in store.select("detection"))
        names = {r["name"] for r in store.select("road")}
        assert "Fackelstraße" in names
    percents = [p for p, _m in calls]
    assert percents == sorted(percents) and percents[-1] == 100
    assert result.timings["generation"] < result.timings["total"]


def test_store_rows_match_the_regenerated_truth(built):
    result, _calls = built
    scene, cap = build_scene("test", SEED)
    det = generate_detections(scene, cap, SEED)
    with open_store(result.store_path) as store:
        rows = store.select("detection", order_by="id")
        assert [r["external_id"] for r in rows] == list(det.external_id)
        truth = det.ground_truth()
        pano = {r["id"]: r for r in store.select("panorama")}
        for r in rows[:40]:
            a = truth[r["external_id"]]
            if a is not None:
                asset = scene.assets[a - 1]
                p = pano[r["panorama_id"]]["geom"]
                assert np.hypot(asset.x - p.x, asset.y - p.y) <= 25.0


def test_same_seed_same_rows_other_seed_different(built, tmp_path):
    result, _calls = built
    again = build_demo_city("test", SEED, tmp_path / "b")
    other = build_demo_city("test", SEED + 1, tmp_path / "c")
    with open_store(result.store_path) as s1, open_store(again.store_path) as s2, \
            open_store(other.store_path) as s3:
        for name in ("road", "panorama", "detection", "sensor_observation", "roadworks"):
            assert _table_hash(s1, name) == _table_hash(s2, name), name
        for name in ("panorama", "detection", "sensor_observation"):
            assert _table_hash(s1, name) != _table_hash(s3, name), name


def test_rebuilding_replaces_the_store(tmp_path):
    first = build_demo_city("test", SEED, tmp_path)
    with open_store(first.store_path) as store:
        store.insert("asset", {"asset_class": "sign", "vzkat_code": "205"})
    second = build_demo_city("test", SEED, tmp_path)
    with open_store(second.store_path) as store:
        assert store.count("asset") == 0
        assert store.count("panorama") == first.counts["panorama"]


def test_cancelling_leaves_no_half_written_store(tmp_path):
    polls = []

    def cancelled():
        polls.append(1)
        return len(polls) > 8

    result = build_demo_city("test", SEED, tmp_path, cancelled=cancelled)
    assert result.cancelled
    assert not result.store_path.exists()


def test_demo_builds_well_within_three_minutes(tmp_path):
    started = time.perf_counter()
    result = build_demo_city("demo", SEED, tmp_path)
    elapsed = time.perf_counter() - started
    size_mb = result.store_path.stat().st_size / 1e6
    print(f"\ndemo: {elapsed:.1f} s, {size_mb:.1f} MB, {result.counts['panorama']} panoramas, "
          f"{result.counts['detection']} detections, timings {result.timings}")
    assert elapsed < 180.0
    assert result.counts["panorama"] == pytest.approx(1500, rel=0.1)
    assert result.counts["sensor_observation"] > 5 * 365 * 96  # a year for a handful of streams


def test_build_scene_is_deterministic():
    s1, c1 = build_scene("test", SEED)
    s2, c2 = build_scene("test", SEED)
    s3, c3 = build_scene("test", SEED + 1)
    assert [(a.label, a.x, a.y) for a in s1.assets] == [(a.label, a.x, a.y) for a in s2.assets]
    assert [(f.x1, f.height, f.colour) for f in s1.facades] == [(f.x1, f.height, f.colour) for f in s2.facades]
    assert np.array_equal(c1.time, c2.time) and np.array_equal(c1.x, c2.x)
    assert [(a.x, a.y) for a in s1.assets] != [(a.x, a.y) for a in s3.assets]
    assert not np.array_equal(c1.time, c3.time)
