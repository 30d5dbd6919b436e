"""The site checks on the demo city with known answers: conflicts, affected assets, sensors, the traffic estimate.

The site runs 90 m east along the Nordtangente from its junction with the Burgstraße; the demo's ground-truth
assets are written to the asset table, so the objects near the site are known, and the counter "Zählstelle
Nordtangente West" stands 9 m beside it.
"""
import json
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from shapely.geometry import LineString, Point

from herzlich_digital_plugin.democity.build import build_demo_city, build_scene
from herzlich_digital_plugin.roadworks.analysis_assets import affected_assets
from herzlich_digital_plugin.roadworks.analysis_conflicts import conflicts_in_store, find_conflicts, roads_near
from herzlich_digital_plugin.roadworks.analysis_impact import check_roadworks
from herzlich_digital_plugin.roadworks.analysis_sensors import (StoreHistory, StoreLatestValues,
                                                                fill_current_values, fill_typical, sensors_near)
from herzlich_digital_plugin.roadworks.analysis_traffic import estimate_traffic
from herzlich_digital_plugin.roadworks.model import Roadworks
from herzlich_digital_plugin.store import open_store

SEED = 7239
SITE = LineString([(410200.0, 5478255.0), (410290.0, 5478252.0)])  # Nordtangente, east of the Burgstraße
CET = timezone(timedelta(hours=1))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    result = build_demo_city("demo", SEED, folder)
    scene, _ = build_scene("demo", SEED)
    store = open_store(str(result.store_path), create=False)
    store.insert_many("asset", ({"id": a.asset_id, "asset_class": a.asset_class, "vzkat_code": a.vzkat_code,
                                 "vzkat_value": a.vzkat_value, "lifecycle_status": "existing",
                                 "position_source": "ground_truth", "geom": Point(a.x, a.y)}
                                for a in scene.assets))
    yield store, scene
    store.close()


def test_site_over_known_signs_lights_and_markings(demo):
    store, scene = demo
    expected = {a.asset_id for a in scene.assets if SITE.distance(Point(a.x, a.y)) <= 15.0}
    assert len(expected) == 20  # 3 lights, 5 signs, 12 markings: the ground truth around the junction
    found = affected_assets(store, SITE, 15.0, detections=False)
    assert {a.asset_id for a in found.all()} == expected
    assert [a.asset_class for a in found.lights] == ["light"] * 3
    assert {a.asset_class for a in found.signs} == {"sign"} and len(found.signs) == 5
    assert {a.asset_class for a in found.markings} == {"marking"} and len(found.markings) == 12
    speed = next(a for a in found.signs if a.vzkat_code == "274")
    assert (speed.vzkat_value, speed.name, speed.label) == ("50", "Zulässige Höchstgeschwindigkeit 50",
                                                            "274 Zulässige Höchstgeschwindigkeit 50")
    assert next(a for a in found.lights).name == "Lichtzeichenanlage" and all(a.verified for a in found.all())
    # a removed sign no longer needs covering
    store.update("asset", speed.asset_id, {"lifecycle_status": "removed"})
    try:
        again = affected_assets(store, SITE, 15.0, detections=False)
        assert {a.asset_id for a in again.all()} == expected - {speed.asset_id}
    finally:
        store.update("asset", speed.asset_id, {"lifecycle_status": "existing"})


def test_unreviewed_detections_count_as_detected_unverified(tmp_path):
    site = LineString([(0.0, 0.0), (100.0, 0.0)])
    with open_store(str(tmp_path / "s.gpkg")) as store:
        pano = store.insert("panorama", {"geom": Point(50.0, -8.0, 0.0)})
        known = store.insert("asset", {"asset_class": "sign", "vzkat_code": "205", "geom": Point(20.0, 6.0)})

        def detection(x, y, code, score=0.9, status="new", asset_id=None):
            return store.insert("detection", {"panorama_id": pano, "asset_class": "sign", "vzkat_code": code,
                                              "score": score, "status": status, "asset_id": asset_id,
                                              "geom": Point(x, y)})
        pair = [detection(40.0, 6.0, "206"), detection(41.5, 6.5, "206")]  # one stop sign seen twice
        detection(70.0, 6.0, "206", status="rejected")
        detection(75.0, 6.0, "267", score=0.2)  # a weak guess
        detection(20.5, 6.2, "205")  # the known give-way sign again
        detection(80.0, 6.0, "274", status="accepted", asset_id=known)
        detection(60.0, 40.0, "123")  # outside the zone
        found = affected_assets(store, site, 15.0)
    unverified = [a for a in found.all() if not a.verified]
    assert len(unverified) == 1 and unverified[0].detection_ids == sorted(pair)
    assert (unverified[0].vzkat_code, unverified[0].name) == ("206", "Halt. Vorfahrt gewähren.")
    assert unverified[0].x == pytest.approx(40.75) and unverified[0].y == pytest.approx(6.25)
    assert [a.asset_id for a in found.all() if a.verified] == [known]


def test_known_counter_beside_the_site(demo):
    store, _ = demo
    sensors = sensors_near(store, SITE, 30.0)
    assert {(s.station, s.name) for s in sensors} == {
        ("Zählstelle Nordtangente West", "Verkehrsstärke Richtung Ost"),
        ("Zählstelle Nordtangente West", "Verkehrsstärke Richtung West"),
        ("Zählstelle Nordtangente West", "Mittlere Geschwindigkeit")}
    assert all(s.distance_m == pytest.approx(8.99, abs=0.01) for s in sensors)
    fill_current_values(sensors, [StoreLatestValues(store)])
    for sensor in sensors:
        last = store.select("sensor_observation", where={"datastream_id": sensor.datastream_id},
                            order_by="-phenomenon_time", limit=1)[0]
        assert (sensor.value, sensor.value_time, sensor.value_source) == (last["result"], last["phenomenon_time"],
                                                                          "store")
    start, end = datetime(2026, 11, 2, 7, tzinfo=CET), datetime(2026, 11, 20, 17, tzinfo=CET)
    fill_typical(sensors, [StoreHistory(store)], start, end)
    ost = next(s for s in sensors if s.name.endswith("Ost"))
    assert ost.history_count == 35040  # a year of 15-minute values in the demo
    estimate = estimate_traffic(sensors, "Nordtangente")
    assert estimate.station == "Zählstelle Nordtangente West" and estimate.method == "same_road"
    assert estimate.datastreams == ["Verkehrsstärke Richtung Ost", "Verkehrsstärke Richtung West"]
    # both directions' daily totals, straight from the observations: the estimate lies among them
    totals = []
    for sensor in sensors:
        if sensor.is_traffic:
            rows = store.select("sensor_observation", where={"datastream_id": sensor.datastream_id})
            days = {}
            for row in rows:
                day = row["phenomenon_time"].astimezone(CET).date()
                days[day] = days.get(day, 0.0) + row["result"]
            totals.append(np.array([v for v in days.values()][1:-1]))  # whole days only
    both = totals[0][-50:] + totals[1][-50:]  # the 50 days both streams cover
    assert both.min() < estimate.vehicles_per_day < both.max()
    assert estimate.vehicles_per_day == pytest.approx(ost.typical_per_day + next(
        s for s in sensors if s.name.endswith("West")).typical_per_day)


def test_the_demos_overlapping_pair_conflicts(demo):
    store, _ = demo
    rows = {r["title"]: Roadworks.from_row(r) for r in store.select("roadworks")}
    fahrbahn = rows["Fahrbahnerneuerung Mannheimer Straße"]
    leitung = rows["Leitungsverlegung SWK Mannheimer Straße"]
    found = conflicts_in_store(store, fahrbahn)
    assert [c.roadworks_id for c in found] == [leitung.id]
    assert found[0].shared_roads == ["Mannheimer Straße"] and found[0].intersects
    assert (found[0].overlap_start, found[0].overlap_end) == (leitung.start, leitung.end)
    assert [c.roadworks_id for c in conflicts_in_store(store, leitung)] == [fahrbahn.id]
    others = [w for w in rows.values() if w.id not in (fahrbahn.id, leitung.id)]
    assert len(others) == 4 and all(conflicts_in_store(store, w) == [] for w in others)


def test_conflict_times_are_end_exclusive_and_final_works_are_ignored(demo):
    store, _ = demo
    fahrbahn = next(Roadworks.from_row(r) for r in store.select("roadworks")
                    if r["title"].startswith("Fahrbahnerneuerung"))
    roads = roads_near(store, fahrbahn.geometry, 15.0)
    after = fahrbahn.replace(id=900, planned_start=fahrbahn.end, planned_end=fahrbahn.end + timedelta(days=9),
                             actual_start=None, actual_end=None, status="planned")
    touching = after.replace(id=901, planned_start=fahrbahn.end - timedelta(seconds=1))
    cancelled = touching.replace(id=902, status="cancelled")
    far = touching.replace(id=903, geometry=LineString([(400000.0, 5470000.0), (400100.0, 5470000.0)]))
    found = find_conflicts(fahrbahn, [after, touching, cancelled, far], roads, 15.0)
    assert [c.roadworks_id for c in found] == [901]


def test_full_check_of_a_site_without_a_network(demo):
    store, _ = demo
    fahrbahn = next(r for r in store.select("roadworks") if r["title"].startswith("Fahrbahnerneuerung"))
    report = check_roadworks(store, fahrbahn["id"], 15.0, 8, 300.0)
    assert [c.title for c in report.conflicts] == ["Leitungsverlegung SWK Mannheimer Straße"]
    assert report.traffic.station == "Zählstelle Mannheimer Straße" and report.road_name == "Mannheimer Straße"
    w = report.window
    assert w.duration_h == 8 and w.end - w.start == timedelta(hours=8)
    assert fahrbahn["planned_start"] <= w.start and w.end <= fahrbahn["planned_end"]
    assert report.detour is None and report.window_problem == ""
    data = json.loads(json.dumps(report.to_dict()))
    assert data["traffic"]["station"] == "Zählstelle Mannheimer Straße" and len(data["typical_week"]["median"]) == 7
    png = report.chart_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10000
