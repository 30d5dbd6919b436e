"""The quietest time for the works: a typical week per hour, and the lowest-traffic window of a given length.

The typical week is the median (and 90th percentile) per weekday × hour of local time (Europe/Berlin) over
the history, scaled from the counter's interval to vehicles per hour. Candidate windows start on every full
local hour inside the allowed period and may run across midnight and across days; the window with the
smallest expected volume wins (the earliest one on a tie). Pure numpy.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

import numpy as np

from ..core.sensorthings.profile import DAYS, berlin_utc_offset_s, typical_profile, weekday_hour

HOUR_S = 3600
MAX_ALLOWED_HOURS = 366 * 24  # a window further out than a year repeats the typical week anyway


class WindowError(ValueError):
    """The window cannot be chosen (allowed period too short, or no traffic history)."""

    def __init__(self, code: str, **details):
        self.code = code  # "too_short", "no_history"
        self.details = details
        super().__init__(code)


@dataclass
class HourlyProfile:
    median: np.ndarray  # (7, 24) per hour (vehicles per hour for traffic), weekday 0 = Monday, local hour
    p90: np.ndarray  # (7, 24)
    count: np.ndarray  # (7, 24) observations per cell
    filled: np.ndarray  # (7, 24) bool: the cell had no data and was filled from its neighbours

    @property
    def per_day(self) -> float:
        """Typical total over a day (the week's median total / 7)."""
        return float(self.median.sum() / DAYS)

    def to_dict(self) -> dict:
        return {"median": np.round(self.median, 2).tolist(), "p90": np.round(self.p90, 2).tolist(),
                "count": self.count.astype(int).tolist(), "per_day": round(self.per_day, 1)}


def sampling_interval_s(times_s) -> float:
    """The usual gap between observations (median), 900 s when it cannot be told."""
    t = np.unique(np.asarray(times_s, dtype=np.float64))
    if t.size < 2:
        return 900.0
    return float(np.median(np.diff(t)))


def per_hour_factor(unit: str, times_s=None) -> float:
    """What one observation is multiplied by to give an hourly volume: 4 for ``veh/15min``."""
    text = (unit or "").replace(" ", "").lower()
    for suffix, factor in (("/15min", 4.0), ("/5min", 12.0), ("/min", 60.0), ("/h", 1.0), ("/hour", 1.0),
                           ("/30min", 2.0), ("/10min", 6.0)):
        if text.endswith(suffix):
            return factor
    if times_s is not None:
        return HOUR_S / max(1.0, sampling_interval_s(times_s))
    return 1.0


def hourly_profile(times_s, values, factor: float = 1.0,
                   utc_offset: Callable = berlin_utc_offset_s) -> HourlyProfile:
    """The typical week of a series (``factor`` scales a value to its hourly figure). Empty cells are filled
    from the same hour on other days, then from the overall median; WindowError("no_history") without data."""
    profile = typical_profile(times_s, values, utc_offset)
    if not np.isfinite(profile.median).any():
        raise WindowError("no_history")
    median = profile.median * factor
    p90 = profile.p90 * factor
    empty = ~np.isfinite(median)
    if empty.any():
        median, p90 = _fill(median, empty), _fill(p90, empty)
    return HourlyProfile(median, p90, profile.count, empty)


def _fill(grid: np.ndarray, empty: np.ndarray) -> np.ndarray:
    out = grid.copy()
    with np.errstate(all="ignore"):
        by_hour = np.nanmedian(np.where(empty, np.nan, grid), axis=0)
    overall = float(np.nanmedian(grid[~empty]))
    by_hour = np.where(np.isfinite(by_hour), by_hour, overall)
    rows, cols = np.nonzero(empty)
    out[rows, cols] = by_hour[cols]
    return out


def sum_profiles(profiles) -> HourlyProfile:
    """Several counters (e.g. both directions of a road) as one."""
    profiles = list(profiles)
    return HourlyProfile(sum(p.median for p in profiles), sum(p.p90 for p in profiles),
                         sum(p.count for p in profiles), np.logical_or.reduce([p.filled for p in profiles]))


@dataclass
class QuietWindow:
    start: datetime  # local time (Europe/Berlin offset)
    end: datetime
    duration_h: int
    expected: float  # typical total in the window (vehicles for traffic)
    mean_per_hour: float
    busiest_per_hour: float  # the window's busiest hour (median)
    allowed_start: datetime
    allowed_end: datetime
    typical_day_share: float  # expected / typical day total: how much of a day's traffic the window sees

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "duration_h": self.duration_h,
                "expected": round(self.expected, 1), "mean_per_hour": round(self.mean_per_hour, 1),
                "busiest_per_hour": round(self.busiest_per_hour, 1),
                "allowed_start": self.allowed_start.isoformat(), "allowed_end": self.allowed_end.isoformat(),
                "typical_day_share": round(self.typical_day_share, 4)}


def local_time(seconds: float, utc_offset: Callable = berlin_utc_offset_s) -> datetime:
    offset = int(utc_offset(np.array([float(seconds)]))[0])
    return datetime.fromtimestamp(float(seconds), tz=timezone(timedelta(seconds=offset)))


def hour_series(profile_grid: np.ndarray, start_s: float, hours: int,
                utc_offset: Callable = berlin_utc_offset_s) -> np.ndarray:
    """The profile's value for each of ``hours`` hours from ``start_s`` (a full hour)."""
    t = start_s + np.arange(hours, dtype=np.float64) * HOUR_S
    weekday, hour = weekday_hour(t, utc_offset)
    return profile_grid[weekday, hour]


def quietest_window(profile: HourlyProfile, allowed_start: datetime, allowed_end: datetime, duration_h: int,
                    utc_offset: Callable = berlin_utc_offset_s) -> QuietWindow:
    """The ``duration_h``-hour window with the lowest typical volume inside [allowed_start, allowed_end]."""
    duration_h = int(duration_h)
    if duration_h < 1:
        raise ValueError("duration_h must be at least 1")
    a0, a1 = allowed_start.timestamp(), allowed_end.timestamp()
    first = np.ceil(a0 / HOUR_S) * HOUR_S  # full hours (Berlin's offsets are whole hours)
    last_start = min(a1 - duration_h * HOUR_S, first + MAX_ALLOWED_HOURS * HOUR_S)
    if last_start < first:
        raise WindowError("too_short", hours=round((a1 - a0) / HOUR_S, 2), duration_h=duration_h)
    starts = int((last_start - first) // HOUR_S) + 1
    series = hour_series(profile.median, first, starts + duration_h - 1, utc_offset)
    sums = np.convolve(series, np.ones(duration_h), mode="valid")[:starts]
    best = int(np.argmin(sums))  # the first minimum: the earliest of equally quiet windows
    start_s = first + best * HOUR_S
    window = series[best:best + duration_h]
    day_total = profile.median.sum() / DAYS
    expected = float(sums[best])
    return QuietWindow(local_time(start_s, utc_offset), local_time(start_s + duration_h * HOUR_S, utc_offset),
                       duration_h, expected, expected / duration_h, float(window.max()),
                       local_time(a0, utc_offset), local_time(a1, utc_offset),
                       expected / day_total if day_total > 0 else 0.0)


def period_volume_per_day(profile: HourlyProfile, start: datetime, end: datetime,
                          utc_offset: Callable = berlin_utc_offset_s) -> Optional[float]:
    """Typical mean daily volume over [start, end) (weekdays weighted as they occur in the period)."""
    a0, a1 = start.timestamp(), end.timestamp()
    if a1 <= a0:
        return None
    hours = int(min((a1 - a0) // HOUR_S, MAX_ALLOWED_HOURS))
    if hours < 1:
        return None
    series = hour_series(profile.median, np.floor(a0 / HOUR_S) * HOUR_S, hours, utc_offset)
    return float(series.sum() / (hours / 24.0))
