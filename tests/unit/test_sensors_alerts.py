"""Alert logic without QGIS: thresholds as text, and one event when a breach starts and one when it ends."""
from dataclasses import replace
from datetime import datetime, timedelta, timezone

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


# ---------------------------------------------------------------------------------------------- #17 alarms
def _at(row, minutes, value, start_minutes=None):
    when = WHEN + timedelta(minutes=minutes)
    start = when if start_minutes is None else WHEN + timedelta(minutes=start_minutes)
    return replace(row, value=value, time=when, time_start=start)


def test_extended_thresholds_round_trip_through_text():
    text = ("Geschwindigkeit@Kreuzung Burgstraße<20 ±3 seit 5 min; #Datastreams|17|-1>450; "
            "traffic_volume[Kfz/h]>1200 ±100 seit 10 min; speed<15")
    thresholds = parse_thresholds(text)
    assert thresholds[0] == Threshold("Geschwindigkeit", BELOW, 20.0, 3.0, 300.0, "", "Kreuzung Burgstraße")
    assert thresholds[1] == Threshold("", ABOVE, 450.0, datastream="Datastreams|17|-1")
    assert thresholds[2] == Threshold("traffic_volume", ABOVE, 1200.0, 100.0, 600.0, "Kfz/h")
    assert parse_thresholds(format_thresholds(thresholds)) == thresholds
    assert parse_thresholds("speed<15 seit 30 s")[0].min_duration_s == 30.0
    for broken in ("#<15", "speed@<15", "@Thing<15", "speed<15 ±", "speed<15 seit min"):
        with pytest.raises(ValueError):
            parse_thresholds(broken)


def test_hysteresis_keeps_a_value_hovering_at_the_limit_from_toggling():
    tracker = AlertTracker([Threshold("speed", BELOW, 15.0, hysteresis=3.0)])
    row = _row(1, "speed", 20.0)
    changes = []
    for minute, value in enumerate([20, 14.5, 15.5, 14.8, 16.0, 17.9, 14.0, 18.0, 19.0]):
        changes += [(minute, e.started) for e in tracker.update([_at(row, minute, value)])]
    assert changes == [(1, True), (7, False)]  # 15.5, 16 and 17.9 are within the hysteresis


def test_a_breach_counts_only_after_the_minimum_duration():
    tracker = AlertTracker(parse_thresholds("speed<15 seit 5 min"))
    row = _row(1, "speed", 40.0)
    assert tracker.update([_at(row, 0, 10)]) == [] and not tracker.is_active(row.key)
    assert tracker.update([_at(row, 3, 11)]) == []
    assert tracker.update([_at(row, 4, 30)]) == []  # recovered before five minutes: forgotten
    assert tracker.update([_at(row, 6, 12)]) == []
    events = tracker.update([_at(row, 11, 9)])
    assert [(e.started, e.since) for e in events] == [(True, WHEN + timedelta(minutes=6))]
    # a 15-minute interval observation that breaches has lasted its whole interval
    other = _row(2, "speed", 40.0)
    events = tracker.update([_at(other, 30, 8, start_minutes=15)])
    assert [(e.key, e.since) for e in events] == [(other.key, WHEN + timedelta(minutes=15))]


def test_german_names_and_units_are_judged_as_the_quantity():
    tracker = AlertTracker(parse_thresholds("speed<15; traffic_volume[Kfz/h]>1200"))
    german = replace(_row(1, "Geschwindigkeit", 12.0), unit="km/h")
    metres = replace(_row(2, "speed", 5.0), unit="m/s")  # 18 km/h: fine
    slow_metres = replace(_row(3, "Speed", 3.0), unit="m/s")  # 10.8 km/h: jammed
    quarter = replace(_row(4, "Verkehrsstärke", 310.0), unit="Kfz/15 min")  # 1,240 Kfz/h
    hourly = replace(_row(5, "traffic_volume", 1100.0), unit="Kfz/h")
    percent = replace(_row(6, "traffic_volume", 99.0), unit="%")  # no vehicles per hour: not judged
    events = tracker.update([german, metres, slow_metres, quarter, hourly, percent])
    assert sorted(e.key[1] for e in events) == ["1", "3", "4"]
    assert tracker.threshold_for(percent) is None


def test_the_most_specific_threshold_wins():
    tracker = AlertTracker(parse_thresholds("speed<15; speed@Kreuzung Burgstraße<30; #Datastreams|7|-1<5"))
    everywhere = replace(_row(1, "speed", 20.0), thing="Bahnhof")
    junction = replace(_row(2, "speed", 20.0), thing="Kreuzung Burgstraße")
    special = replace(_row(7, "speed", 20.0), thing="Kreuzung Burgstraße")
    assert [tracker.threshold_for(r).limit for r in (everywhere, junction, special)] == [15.0, 30.0, 5.0]
    assert [e.key[1] for e in tracker.update([everywhere, junction, special])] == ["2"]
