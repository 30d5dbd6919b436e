"""Quietest window and typical week: synthetic profiles with a known answer."""
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from herzlich_digital_plugin.roadworks.analysis_window import (HourlyProfile, WindowError, hourly_profile,
                                                               per_hour_factor, period_volume_per_day,
                                                               quietest_window)

CET = timezone(timedelta(hours=1))


def _profile(grid):
    grid = np.asarray(grid, dtype=float)
    return HourlyProfile(grid, grid * 1.2, np.ones((7, 24)), np.zeros((7, 24), bool))


def test_known_minimum_inside_the_week():
    grid = np.full((7, 24), 100.0)
    grid[2, 9:17] = 10.0  # Wednesday 09:00-17:00 is the only quiet stretch
    # a week in January (CET all along): Monday 2027-01-04 .. Monday 2027-01-11
    window = quietest_window(_profile(grid), datetime(2027, 1, 4, 0, 0, tzinfo=CET),
                             datetime(2027, 1, 11, 0, 0, tzinfo=CET), 8)
    assert window.start == datetime(2027, 1, 6, 9, 0, tzinfo=CET)
    assert window.end == datetime(2027, 1, 6, 17, 0, tzinfo=CET)
    assert window.expected == pytest.approx(80.0)
    assert window.busiest_per_hour == pytest.approx(10.0)
    assert window.typical_day_share == pytest.approx(80.0 / (grid.sum() / 7))


def test_window_wraps_across_midnight_and_the_week_end():
    grid = np.full((7, 24), 50.0)
    grid[6, 22:] = 1.0  # Sunday 22:00 ...
    grid[0, :6] = 1.0  # ... to Monday 06:00
    window = quietest_window(_profile(grid), datetime(2027, 1, 5, 12, 0, tzinfo=CET),
                             datetime(2027, 1, 20, 0, 0, tzinfo=CET), 8)
    assert (window.start, window.end) == (datetime(2027, 1, 10, 22, 0, tzinfo=CET),
                                          datetime(2027, 1, 11, 6, 0, tzinfo=CET))
    assert window.expected == pytest.approx(8.0)


def test_window_stays_inside_the_allowed_period():
    grid = np.full((7, 24), 100.0)
    grid[2, 9:17] = 10.0  # quiet on Wednesday, but only Thursday and Friday are allowed
    grid[4, 0:8] = 40.0
    window = quietest_window(_profile(grid), datetime(2027, 1, 7, 0, 30, tzinfo=CET),
                             datetime(2027, 1, 9, 0, 0, tzinfo=CET), 8)
    assert window.start == datetime(2027, 1, 8, 0, 0, tzinfo=CET)  # starts on a full hour after 00:30
    assert window.start >= window.allowed_start and window.end <= window.allowed_end


def test_allowed_period_shorter_than_the_duration_is_refused():
    with pytest.raises(WindowError) as caught:
        quietest_window(_profile(np.ones((7, 24))), datetime(2027, 1, 4, 8, tzinfo=CET),
                        datetime(2027, 1, 4, 14, tzinfo=CET), 8)
    assert caught.value.code == "too_short"


def test_hourly_profile_from_15_minute_counts():
    # two weeks of 15-minute values: 10 vehicles per slot on Sundays, 30 otherwise (UTC+1 in January)
    start = datetime(2027, 1, 4, 0, 0, tzinfo=CET).timestamp()
    t = start + np.arange(14 * 96) * 900.0
    local_day = ((t + 3600) // 86400 + 3) % 7  # 0 = Monday
    values = np.where(local_day == 6, 10.0, 30.0)
    profile = hourly_profile(t, values, per_hour_factor("veh/15min"))
    assert profile.median[6].tolist() == [40.0] * 24 and profile.median[0].tolist() == [120.0] * 24
    assert profile.per_day == pytest.approx((6 * 120 * 24 + 40 * 24) / 7)
    # a period of exactly one Sunday
    assert period_volume_per_day(profile, datetime(2027, 1, 10, tzinfo=CET),
                                 datetime(2027, 1, 11, tzinfo=CET)) == pytest.approx(960.0)


def test_missing_cells_are_filled_and_no_data_is_refused():
    start = datetime(2027, 1, 4, 0, 0, tzinfo=CET).timestamp()
    t = start + np.arange(3 * 24) * 3600.0  # only Monday..Wednesday
    profile = hourly_profile(t, np.full(t.shape, 5.0))
    assert profile.filled[3:].all() and not profile.filled[:3].any()
    assert np.all(profile.median == 5.0)
    with pytest.raises(WindowError):
        hourly_profile(t, np.full(t.shape, np.nan))


def test_per_hour_factor_reads_the_unit():
    assert per_hour_factor("veh/15min") == 4.0 and per_hour_factor("veh/h") == 1.0
    assert per_hour_factor("count", np.arange(0, 3600 * 3, 300.0)) == 12.0
