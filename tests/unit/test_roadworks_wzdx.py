"""WZDx 4.2 export, validated offline against the official schemas (../shared/fixtures/wzdx).

The schemas reference https://geojson.org/schema/*.json; tests/fixtures/geojson_schemas holds local stand-ins,
served through a referencing registry with no network access. The nine official examples must validate with
them (so the validator is not vacuous) and broken feeds must not.
"""
import copy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from shapely.geometry import LineString, Polygon

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.democity.roadworks import roadworks_rows
from herzlich_digital_plugin.roadworks.model import Roadworks
from herzlich_digital_plugin.roadworks.wzdx import export_wzdx

ROOT = Path(__file__).resolve().parents[2]
WZDX = ROOT.parent / "shared" / "fixtures" / "wzdx"
STAND_INS = ROOT / "tests" / "fixtures" / "geojson_schemas"
CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 7, 0, tzinfo=CET)
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


def _registry(with_geojson=True):
    resources = []
    folders = [WZDX / "schemas"] + ([STAND_INS] if with_geojson else [])
    for folder in folders:
        for path in folder.glob("*.json"):
            schema = json.loads(path.read_text(encoding="utf-8"))
            resources.append((schema["$id"], Resource.from_contents(schema)))

    def no_network(uri):
        raise LookupError(f"offline: {uri}")
    return Registry(retrieve=no_network).with_resources(resources)


def _validator(with_geojson=True):
    schema = json.loads((WZDX / "schemas" / "WorkZoneFeed.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=_registry(with_geojson))


def _errors(feed, with_geojson=True):
    return sorted(error.message for error in _validator(with_geojson).iter_errors(feed))


EXAMPLES = sorted((WZDX / "examples").glob("*.geojson"))


def test_there_are_nine_official_examples():
    assert len(EXAMPLES) == 9


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_official_examples_validate_with_the_stand_ins(path):
    assert _errors(json.loads(path.read_text(encoding="utf-8"))) == []


def test_validator_needs_the_stand_ins_and_checks_geometry():
    """Without the stand-ins the geometry reference cannot resolve; with them, a broken geometry fails."""
    example = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    with pytest.raises(Unresolvable):
        _validator(with_geojson=False).validate(example)
    broken = copy.deepcopy(example)
    broken["features"][0]["geometry"]["coordinates"] = [[-93.5, 41.8]]  # a one-point line
    assert _errors(broken)
    wrong_type = copy.deepcopy(example)
    wrong_type["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    assert _errors(wrong_type)


def works(**changes):
    line = LineString([(411000.0, 5479000.0), (411100.0, 5479020.0), (411200.0, 5479030.0)])  # heading east
    base = Roadworks(title="Kanalsanierung Pariser Straße", geometry=line, planned_start=T0,
                     planned_end=T0 + timedelta(days=30), status="active", restriction="one_lane", lanes_closed=1,
                     speed_limit=30, road_name="Pariser Straße", description="Halbseitige Sperrung", id=1, version=3,
                     updated_at=NOW - timedelta(days=1))
    return base.replace(**changes)


def test_export_validates_and_broken_feeds_do_not():
    feed, warnings = export_wzdx([works(), works(id=2, restriction="shoulder", direction="forward"),
                                  works(id=3, restriction="full_closure", actual_start=T0)], now=NOW)
    assert warnings == []
    assert _errors(feed) == []
    assert feed["feed_info"]["version"] == "4.2"
    for damage in (lambda f: f["features"][0]["properties"]["core_details"].pop("road_names"),
                   lambda f: f["features"][0]["properties"].update(vehicle_impact="lane-closed"),
                   lambda f: f["features"][0]["geometry"].update(type="Point"),
                   lambda f: f.pop("feed_info")):
        broken = copy.deepcopy(feed)
        damage(broken)
        assert _errors(broken), damage


def test_a_chosen_detour_becomes_a_linked_detour_event():
    detour = "LINESTRING (410000 5477000, 410000 5477100, 410100 5477100, 410100 5477000)"
    feed, warnings = export_wzdx([works(id=7, restriction="full_closure", detour=detour),
                                  works(id=8, restriction="one_lane", detour=detour)], now=NOW)
    assert warnings == [] and _errors(feed) == []
    kinds = [(f["properties"]["core_details"]["event_type"], f["id"]) for f in feed["features"]]
    detours = [f for f in feed["features"] if f["properties"]["core_details"]["event_type"] == "detour"]
    assert len(detours) == 1 and len(kinds) == 5  # 2 + 2 work zones, one detour (a lane closure needs none)
    zone_ids = {f["id"] for f in feed["features"][:2]}
    links = detours[0]["properties"]["core_details"]["related_road_events"]
    assert {link["id"] for link in links} == zone_ids and {link["type"] for link in links} == {"related-work-zone"}
    for zone in feed["features"][:2]:
        assert {"type": "related-detour", "id": detours[0]["id"]} in zone["properties"]["core_details"][
            "related_road_events"]
    assert len(detours[0]["geometry"]["coordinates"]) == 4


def test_both_directions_become_two_related_events_in_lon_lat():
    feed, _ = export_wzdx([works()], now=NOW)
    forward, backward = feed["features"]
    assert forward["properties"]["core_details"]["direction"] == "eastbound"
    assert backward["properties"]["core_details"]["direction"] == "westbound"
    assert forward["properties"]["core_details"]["related_road_events"] == [
        {"type": "related-work-zone", "id": backward["id"]}]
    lon, lat = utm32_to_wgs84(411000.0, 5479000.0)
    first = forward["geometry"]["coordinates"][0]
    assert first == pytest.approx([lon, lat], abs=1e-8)  # [lon, lat]
    assert 7 < first[0] < 8 and 49 < first[1] < 50
    assert backward["geometry"]["coordinates"][-1] == first  # reversed
    props = forward["properties"]
    assert props["vehicle_impact"] == "some-lanes-closed" and props["reduced_speed_limit_kph"] == 30
    assert props["start_date"] == "2026-11-02T06:00:00Z" and props["end_date"] == "2026-12-02T06:00:00Z"
    assert props["is_start_date_verified"] is False
    # Stable ids: the same roadworks gives the same UUIDs next time.
    assert export_wzdx([works()], now=NOW)[0]["features"][0]["id"] == forward["id"]


def test_restrictions_and_directions():
    feed, _ = export_wzdx([works(restriction="lanes_one_direction", direction="backward"),
                           works(id=2, restriction="shoulder", direction="forward"),
                           works(id=3, restriction="full_closure")], now=NOW)
    one_way, shoulder, closed_east, closed_west = feed["features"]
    assert one_way["properties"]["vehicle_impact"] == "all-lanes-closed"
    assert one_way["properties"]["core_details"]["direction"] == "westbound"
    assert shoulder["properties"]["vehicle_impact"] == "all-lanes-open"
    assert [lane["type"] for lane in shoulder["properties"]["lanes"]] == ["general", "shoulder"]
    assert {f["properties"]["vehicle_impact"] for f in (closed_east, closed_west)} == {"all-lanes-closed"}


def test_polygons_and_open_ended_works_are_left_out_with_a_reason():
    area = Polygon([(411000, 5479000), (411050, 5479000), (411050, 5479050), (411000, 5479050)])
    feed, warnings = export_wzdx([works(geometry=area), works(id=2, planned_end=None), works(id=3)], now=NOW)
    assert len(feed["features"]) == 2
    assert [w[0] for w in warnings] == ["Kanalsanierung Pariser Straße (1)", "Kanalsanierung Pariser Straße (2)"]
    assert "polygon" in warnings[0][1] and "end date" in warnings[1][1]


def test_demo_city_feed_validates():
    rows = roadworks_rows()
    names = {row["id"]: row["title"].split()[-1] for row in rows}
    feed, warnings = export_wzdx([Roadworks.from_row(r) for r in rows], road_names=lambda w: names[w.id], now=NOW)
    assert warnings == [] and _errors(feed) == []
    # lanes_one_direction (Mannheimer Straße) is one event, the other five roadworks two each; the Mannheimer
    # Straße's chosen detour is a detour event of its own
    kinds = [f["properties"]["core_details"]["event_type"] for f in feed["features"]]
    assert (kinds.count("work-zone"), kinds.count("detour")) == (11, 1)
