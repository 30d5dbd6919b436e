"""Sensor values: rush hours, quiet nights and weekends, busy garages, range-independent values."""
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from herzlich_digital_plugin.democity import sensors as S
from herzlich_digital_plugin.democity.geometry import point_segment_distance
from herzlich_digital_plugin.democity.streets import core_street_coords

SEED = 7239


def _stream(key):
    return next(s for s in S.STREAMS if s.key == key)


def _local_frame(t):
    local = t + S._berlin_offset_s(t)
    day = local // 86400
    return (local % 86400) / 3600.0, S._day_type(day)


@pytest.fixture(scope="module")
def eight_weeks():
    return S.period(56)


def test_rush_hour_peaks_and_quiet_nights(eight_weeks):
    t, v = S.stream_values(_stream("nt_west_ost"), *eight_weeks, SEED)
    hour, daytype = _local_frame(t)
    work = daytype == 0
    profile = np.array([v[work & (np.floor(hour) == h)].mean() for h in range(24)])
    assert 6 <= int(np.argmax(profile)) <= 9 or 15 <= int(np.argmax(profile)) <= 18
    assert profile[7] > profile[12] and profile[17] > profile[12]
    assert profile[3] < 0.15 * profile.max()
    speed_t, speed = S.stream_values(_stream("nt_west_v"), *eight_weeks, SEED)
    s_hour, s_type = _local_frame(speed_t)
    assert speed[(s_type == 0) & (np.floor(s_hour) == 3)].mean() > speed[(s_type == 0) & (np.floor(s_hour) == 17)].mean() + 5


def test_weekends_are_quieter(eight_weeks):
    t, v = S.stream_values(_stream("pariser_q"), *eight_weeks, SEED)
    _hour, daytype = _local_frame(t)
    per_slot = [v[daytype == k].mean() for k in (0, 1, 2)]
    assert per_slot[0] > per_slot[1] > per_slot[2]


def test_garages_fill_during_shopping_hours(eight_weeks):
    t, v = S.stream_values(_stream("ph_rathaus_occ"), *eight_weeks, SEED)
    hour, daytype = _local_frame(t)
    assert v.min() >= 0 and v.max() <= 100
    midday = v[(daytype == 1) & (hour >= 12) & (hour < 15)].mean()
    night = v[(hour >= 2) & (hour < 5)].mean()
    assert midday > night + 40


def test_temperature_follows_the_seasons():
    t, v = S.stream_values(_stream("umwelt_t"), *S.period(365), SEED)
    month = np.asarray(t, dtype="datetime64[s]").astype("datetime64[M]").astype(int) % 12 + 1
    assert v[month == 7].mean() > v[month == 1].mean() + 10


def test_values_do_not_depend_on_the_range_asked_for():
    s = _stream("radar_q")
    t1, v1 = S.stream_values(s, *S.period(365), SEED)
    t2, v2 = S.stream_values(s, *S.period(56), SEED)
    assert np.array_equal(v1[-len(v2):], v2) and np.array_equal(t1[-len(t2):], t2)
    mid = datetime(2026, 3, 3, 10, 7, tzinfo=timezone.utc)
    t3, v3 = S.stream_values(s, mid, mid + timedelta(hours=5), SEED)
    i = int(np.searchsorted(t1, t3[0]))
    assert np.array_equal(v1[i:i + len(v3)], v3)
    _t4, v4 = S.stream_values(s, *S.period(56), SEED + 1)
    assert not np.array_equal(v2, v4)


def test_a_year_ends_at_the_fixed_end():
    start, end = S.period(365)
    t, v = S.stream_values(S.STREAMS[0], start, end, SEED)
    assert len(t) == 365 * 96 and np.all(np.diff(t) == S.SLOT_S)
    assert datetime.fromtimestamp(int(t[-1]), tz=timezone.utc) == datetime(2026, 10, 31, 22, 45, tzinfo=timezone.utc)


def test_calendar_knows_berlin_time_and_holidays():
    def ts(*args):
        return np.array([int(datetime(*args, tzinfo=timezone.utc).timestamp())])
    assert S._berlin_offset_s(ts(2026, 7, 1, 12))[0] == 7200
    assert S._berlin_offset_s(ts(2026, 12, 1, 12))[0] == 3600
    assert S._berlin_offset_s(ts(2026, 10, 25, 0, 59))[0] == 7200
    assert S._berlin_offset_s(ts(2026, 10, 25, 1, 0))[0] == 3600

    def daytype(y, m, d):
        return int(S._day_type(np.array([(datetime(y, m, d) - datetime(1970, 1, 1)).days]))[0])
    assert daytype(2026, 4, 6) == 2  # Easter Monday
    assert daytype(2026, 5, 1) == 2  # Friday, Labour Day
    assert daytype(2026, 10, 30) == 0  # an ordinary Friday
    assert daytype(2026, 10, 31) == 1  # Saturday


def test_rows_for_the_store():
    stations = S.station_rows()
    streams = S.datastream_rows()
    assert [r["id"] for r in stations] == list(range(1, len(stations) + 1))
    kinds = {r["kind"] for r in stations}
    assert kinds == {"traffic_counter", "radar", "parking", "environment"}
    assert sum("Nordtangente" in r["name"] for r in stations) >= 2
    assert any("Burgstraße/Maxstraße" in r["name"] and r["kind"] == "radar" for r in stations)
    streets = core_street_coords()
    for r in stations:
        c = streets[r["road_name"]]
        d = point_segment_distance(np.array([r["geom"].x, r["geom"].y]), c[:-1], c[1:]).min()
        assert d < 20.0, r["name"]
    ids = {r["id"] for r in stations}
    assert all(s["station_id"] in ids for s in streams)
    assert {s["observed_property"] for s in streams} >= {"traffic_volume", "speed", "occupancy"}
    rows = list(S.observation_rows(SEED, 2, year_streams=("umwelt_t",)))
    assert len(rows) == (len(streams) - 1) * 2 * 96 + 365 * 96
    assert rows[0]["phenomenon_time"].tzinfo is not None
