"""Shared pieces of the roadworks checks: defaults, the site record, times as POSIX seconds.

Pure Python + numpy + shapely (no QGIS): the checks run in tests, scripts and Processing alike.
"""
from datetime import datetime, timezone
from typing import Iterable, Optional

import numpy as np

from .model import FINAL_STATUSES, Roadworks
from ..store.values import parse_datetime

DEFAULT_BUFFER_M = 15.0  # zone around the site's geometry (a line along the road centre reaches the kerb signs)
DEFAULT_SENSOR_DISTANCE_M = 300.0
DEFAULT_DURATION_H = 8


class SiteNotFound(LookupError):
    """No roadworks with this id in the store."""


def load_works(store, roadworks_id: int) -> Roadworks:
    row = store.get("roadworks", int(roadworks_id))
    if row is None:
        raise SiteNotFound(roadworks_id)
    return Roadworks.from_row(row)


def counts_as_planned(works: Roadworks) -> bool:
    """Completed and cancelled works no longer occupy the road."""
    return works.status not in FINAL_STATUSES


def overlap_period(a: Roadworks, b: Roadworks):
    """(start, end) of the time both occupy the road, None for an unbounded side; None if they do not overlap."""
    if not a.overlaps(b.start, b.end):
        return None
    starts = [t for t in (a.start, b.start) if t is not None]
    ends = [t for t in (a.end, b.end) if t is not None]
    return (max(starts) if starts else None, min(ends) if ends else None)


def epoch_seconds(values: Iterable) -> np.ndarray:
    """POSIX seconds of stored times: aware datetimes (PostGIS) or GeoPackage text (``…T…Z``)."""
    values = list(values)
    if not values:
        return np.zeros(0, dtype=np.float64)
    if isinstance(values[0], str) and all(isinstance(v, str) and v.endswith("Z") for v in values):
        # numpy parses ISO text without a zone as UTC: fast for a year of 15-minute values.
        stamps = np.array([v[:-1] for v in values], dtype="datetime64[ms]")
        return stamps.astype(np.int64).astype(np.float64) / 1000.0
    return np.array([parse_datetime(v).timestamp() for v in values], dtype=np.float64)


def as_aware(value: Optional[datetime]) -> Optional[datetime]:
    """Naive datetimes count as UTC (the store's rule)."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


def iso(value: Optional[datetime]) -> Optional[str]:
    return None if value is None else as_aware(value).isoformat()
