"""Waze CIFS export: "lat lon" polylines in the direction of the affected traffic, closure types, local times."""
from datetime import datetime, timedelta, timezone

import pytest
from shapely.geometry import LineString, Polygon

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.roadworks.cifs import export_cifs
from herzlich_digital_plugin.roadworks.model import Roadworks

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 7, 0, tzinfo=CET)
LINE = LineString([(411000.0, 5479000.0), (411100.0, 5479020.0), (411200.0, 5479030.0)])


def works(**changes):
    base = Roadworks(title="Fahrbahnerneuerung", description="Deckenerneuerung", geometry=LINE, planned_start=T0,
                     planned_end=datetime(2027, 3, 26, 17, 0, tzinfo=CET), status="approved",
                     restriction="full_closure", road_name="Mannheimer Straße", id=7, version=1,
                     responsible_body="Referat Tiefbau")
    return base.replace(**changes)


def pairs(polyline):
    values = [float(v) for v in polyline.split()]
    return list(zip(values[0::2], values[1::2]))


def test_polyline_is_lat_lon_with_seven_decimals():
    feed, warnings = export_cifs([works()])
    assert warnings == []
    (incident,) = feed["incidents"]
    lon, lat = utm32_to_wgs84(411000.0, 5479000.0)
    first = pairs(incident["polyline"])[0]
    assert first == pytest.approx((lat, lon), abs=1e-7)  # latitude first
    assert 49 < first[0] < 50 and 7 < first[1] < 8
    assert len(incident["polyline"].split()[0].split(".")[1]) == 7
    assert len(pairs(incident["polyline"])) == 3


def test_full_closure_both_directions():
    (incident,) = export_cifs([works()])[0]["incidents"]
    assert incident["type"] == "ROAD_CLOSED" and incident["subtype"] == "ROAD_CLOSED_CONSTRUCTION"
    assert incident["direction"] == "BOTH_DIRECTIONS"
    assert incident["street"] == "Mannheimer Straße"
    assert incident["starttime"] == "2026-11-02T07:00:00+01:00"
    assert incident["endtime"] == "2027-03-26T17:00:00+01:00"
    assert incident["id"] == "hd-roadworks-7" and incident["source"] == {"reference": "7", "name": "Referat Tiefbau"}
    assert incident["description"] == "Fahrbahnerneuerung: Deckenerneuerung"


def test_backward_restriction_reverses_the_polyline():
    forward = export_cifs([works(restriction="lanes_one_direction", direction="forward")])[0]["incidents"][0]
    backward = export_cifs([works(restriction="lanes_one_direction", direction="backward")])[0]["incidents"][0]
    assert forward["type"] == backward["type"] == "ROAD_CLOSED"
    assert forward["direction"] == backward["direction"] == "ONE_DIRECTION"
    assert pairs(backward["polyline"]) == pairs(forward["polyline"])[::-1]


def test_lane_closures_are_construction_and_summer_time_offsets():
    summer = datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc)
    incident = export_cifs([works(restriction="one_lane", planned_start=summer, planned_end=None)])[0]["incidents"][0]
    assert incident["type"] == "CONSTRUCTION" and "subtype" not in incident
    assert incident["direction"] == "BOTH_DIRECTIONS"
    assert incident["starttime"] == "2026-06-01T10:00:00+02:00" and "endtime" not in incident


def test_polygons_are_left_out_and_missing_streets_warned():
    area = Polygon([(411000, 5479000), (411050, 5479000), (411050, 5479050), (411000, 5479050)])
    feed, warnings = export_cifs([works(geometry=area), works(id=8, road_name=None)],
                                 road_names=lambda w: None)
    assert [i["id"] for i in feed["incidents"]] == ["hd-roadworks-8"]
    assert "polygon" in warnings[0][1] and "street" in warnings[1][1]
    named = export_cifs([works(road_name=None)], road_names=lambda w: "Burgstraße")[0]["incidents"][0]
    assert named["street"] == "Burgstraße"
