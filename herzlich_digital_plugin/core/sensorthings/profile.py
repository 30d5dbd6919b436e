"""The typical week of a datastream: median and 90th percentile per weekday × hour of local time."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Callable, Optional, Tuple

import numpy as np

HOURS, DAYS = 24, 7
CELLS = DAYS * HOURS


def berlin_utc_offset_s(t: np.ndarray) -> np.ndarray:
    """UTC offset (s) of Europe/Berlin at POSIX times ``t``: CET, CEST from the last Sunday of March to the
    last Sunday of October (01:00 UTC both), the EU rule since 1996."""
    t = np.asarray(t, dtype=np.float64)
    offset = np.full(t.shape, 3600, dtype=np.int64)
    if t.size == 0:
        return offset
    finite = t[np.isfinite(t)]
    if finite.size == 0:
        return offset
    first = datetime.fromtimestamp(float(finite.min()), tz=timezone.utc).year
    last = datetime.fromtimestamp(float(finite.max()), tz=timezone.utc).year
    for year in range(first, last + 1):
        summer = (t >= _last_sunday_0100_utc(year, 3)) & (t < _last_sunday_0100_utc(year, 10))
        offset[summer] = 7200
    return offset


def _last_sunday_0100_utc(year: int, month: int) -> float:
    day = date(year, month, 31)
    day -= timedelta(days=(day.weekday() + 1) % 7)
    return datetime(day.year, day.month, day.day, 1, tzinfo=timezone.utc).timestamp()


@dataclass
class Profile:
    median: np.ndarray  # (7, 24): weekday (0 = Monday) × local hour; NaN where there is no value
    p90: np.ndarray  # (7, 24)
    count: np.ndarray  # (7, 24) number of values per cell

    def cell_of(self, times_s, utc_offset: Callable = berlin_utc_offset_s) -> np.ndarray:
        weekday, hour = weekday_hour(times_s, utc_offset)
        return weekday * HOURS + hour

    def band(self, times_s, utc_offset: Callable = berlin_utc_offset_s) -> Tuple[np.ndarray, np.ndarray]:
        """(median, p90) at each of ``times_s``: the band the time-series chart draws behind the values."""
        cells = self.cell_of(times_s, utc_offset)
        return self.median.ravel()[cells], self.p90.ravel()[cells]


def weekday_hour(times_s, utc_offset: Callable = berlin_utc_offset_s) -> Tuple[np.ndarray, np.ndarray]:
    """(weekday 0 = Monday, hour 0..23) in local time."""
    t = np.asarray(times_s, dtype=np.float64)
    local = np.floor(t + utc_offset(t)).astype(np.int64)
    day = np.floor_divide(local, 86400)
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday
    hour = (local - day * 86400) // 3600
    return weekday, hour


def typical_profile(times_s, values, utc_offset: Optional[Callable] = None,
                    quantiles=(0.5, 0.9)) -> Profile:
    """Median and p90 of ``values`` per weekday × hour; NaN values are left out.

    One sort for all 168 cells (no Python loop per cell); quantiles interpolate linearly between order
    statistics, as numpy.percentile does by default.
    """
    utc_offset = utc_offset or berlin_utc_offset_s
    t = np.asarray(times_s, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    keep = np.isfinite(t) & np.isfinite(v)
    t, v = t[keep], v[keep]
    weekday, hour = weekday_hour(t, utc_offset)
    cell = weekday * HOURS + hour
    v_sorted = v[_cell_value_order(cell, v)]
    count = np.bincount(cell, minlength=CELLS)
    first = np.concatenate(([0], np.cumsum(count)[:-1]))
    results = []
    for q in quantiles:
        results.append(_cell_quantile(v_sorted, first, count, q))
    return Profile(results[0].reshape(DAYS, HOURS), results[1].reshape(DAYS, HOURS), count.reshape(DAYS, HOURS))


def _cell_value_order(cell: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Indices sorting by cell, then value: one float argsort of cell·S + (v − min) with S > the value span
    (twice as fast as lexsort; values closer than ~1e-13 of the span may swap, which no quantile notices)."""
    if v.size == 0:
        return np.zeros(0, dtype=np.int64)
    low = float(v.min())
    stride = 2.0 * (float(v.max()) - low) + 1.0
    return np.argsort(cell * stride + (v - low))


def _cell_quantile(v_sorted: np.ndarray, first: np.ndarray, count: np.ndarray, q: float) -> np.ndarray:
    out = np.full(CELLS, np.nan)
    filled = count > 0
    position = first[filled] + q * (count[filled] - 1)
    low = np.floor(position).astype(np.int64)
    high = np.minimum(low + 1, first[filled] + count[filled] - 1)
    fraction = position - low
    out[filled] = v_sorted[low] + (v_sorted[high] - v_sorted[low]) * fraction
    return out
