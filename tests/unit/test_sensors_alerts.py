"""Alert logic without QGIS: thresholds as text, and one event when a breach starts and one when it ends."""
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from herzlich_digital_plugin.core.sensorthings.snapshot import FRESH, NO_DATA, STALE, SensorRow
from herzlich_digital_plugin.sensors.alerts import (ABOVE, BELOW, DEFAULT_THRESHOLDS, AlertTracker, Threshold,
                                                    format_thresholds, parse_thresholds)

WHEN = datetime(2026, 11, 20, 8, tzinfo=timezone.utc)


def _row(datastream_id, prop, value, status=FRESH):
    return SensorRow("Datastreams", datastream_id, f"DS {datastream_id}", None, 1, "Thing", prop, "u", value,
                     "" if value is None else str(value), "numeric", WHEN, WHEN, 10.0, status)


def test_thresholds_round_trip_through_text():
    thresholds = parse_thresholds("speed < 15; occupancy>90\ntraffic_volume > 450,5")
    assert thresholds == [Threshold("speed", BELOW, 15.0), Threshold("occupancy", ABOVE, 90.0),
                          Threshold("traffic_volume", ABOVE, 450.5)]
    assert parse_thresholds(format_thresholds(thresholds)) == thresholds
    assert parse_thresholds("speed<15;speed<20") == [Threshold("speed", BELOW, 20.0)]  # the last one wins
    assert parse_thresholds("") == [] and format_thresholds(DEFAULT_THRESHOLDS) == "speed<15; occupancy>90"
    for broken in ("speed 15", "<15", "speed<fast", "speed<>15"):
        with pytest.raises(ValueError):
            parse_thresholds(broken)


def test_breach_is_strict_and_ignores_missing_values():
    below, above = Threshold("speed", BELOW, 15.0), Threshold("occupancy", ABOVE, 90.0)
    assert below.breached(14.9) and not below.breached(15.0) and not below.breached(None)
    assert above.breached(90.1) and not above.breached(90.0) and not above.breached(float("nan"))


def test_one_event_when_a_breach_starts_and_one_when_it_ends():
    tracker = AlertTracker(DEFAULT_THRESHOLDS)
    speed, other = _row(1, "speed", 40.0), _row(2, "no2", 400.0)
    assert tracker.update([speed, other]) == []
    events = tracker.update([replace(speed, value=12.0), other])
    assert [(e.key, e.started, e.threshold.op) for e in events] == [(speed.key, True, BELOW)]
    assert tracker.update([replace(speed, value=10.0), other]) == []  # still jammed: nothing new
    assert tracker.update([replace(speed, value=10.0, status=STALE)]) == []  # unknown: keeps the alert
    assert tracker.update([replace(speed, value=None, status=NO_DATA)]) == []
    assert tracker.is_active(speed.key)
    events = tracker.update([replace(speed, value=30.0)])
    assert [(e.key, e.started, e.row.value) for e in events] == [(speed.key, False, 30.0)]
    assert not tracker.is_active(speed.key)


def test_vanished_datastreams_and_removed_thresholds_end_quietly():
    tracker = AlertTracker(DEFAULT_THRESHOLDS)
    full = _row(3, "occupancy", 95.0)
    assert len(tracker.update([full])) == 1
    assert tracker.update([_row(4, "speed", 50.0)], complete=False) == [] and tracker.is_active(full.key)
    assert tracker.update([_row(4, "speed", 50.0)], complete=True) == [] and not tracker.is_active(full.key)
    assert len(tracker.update([full])) == 1
    tracker.set_thresholds([Threshold("speed", BELOW, 15.0)])
    assert tracker.update([full]) == [] and not tracker.is_active(full.key)
