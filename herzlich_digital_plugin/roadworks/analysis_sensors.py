"""Affected sensors: the datastreams of stations within a distance of the site, their current value and their
typical values for the planned period.

Sensors come from the store (``sensor_station`` + ``sensor_datastream``) and, when a live SensorThings
snapshot is given, from the live service too: a live datastream with the same station (Thing) and datastream
name as a stored one is the same sensor and lends it its live value; other live datastreams near the site are
added. Current values come from a ``LatestValueSource`` (the live snapshot first, then the store's latest
observation); histories from a ``HistorySource`` (the store, or the SensorThings service).
"""
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Dict, List, Optional, Protocol, Sequence, Tuple

import numpy as np
from shapely.geometry import Point

from .analysis_common import DEFAULT_SENSOR_DISTANCE_M, epoch_seconds, iso
from .analysis_window import HourlyProfile, WindowError, hourly_profile, per_hour_factor, period_volume_per_day
from ..core.sensorthings import fetch_history

TRAFFIC_VOLUME = "traffic_volume"
HISTORY_DAYS = 365
LatestValue = Tuple[Optional[datetime], Optional[float]]


@dataclass
class SensorRef:
    key: str  # "store:<datastream id>" or "live:<collection>:<id>:<component>"
    station: str
    name: str
    observed_property: str
    unit: str
    x: float
    y: float
    distance_m: float
    datastream_id: Optional[int] = None  # in the store
    station_id: Optional[int] = None
    road_name: str = ""
    live_key: Optional[tuple] = None  # SensorRow.key of the live datastream
    live_id: object = None  # its SensorThings id (for the history)
    live_collection: str = ""
    live_component: Optional[int] = None
    value: Optional[float] = None
    value_time: Optional[datetime] = None
    value_source: str = ""  # "live", "store" or "" (no value)
    status: str = ""  # live status: fresh / stale / no data
    profile: Optional[HourlyProfile] = None
    history_count: int = 0
    history_source: str = ""
    typical_per_day: Optional[float] = None  # traffic volume: vehicles per day, typical for the planned period
    typical_value: Optional[float] = None  # mean typical value over the planned period, in ``unit``
    notes: List[str] = field(default_factory=list)

    @property
    def is_traffic(self) -> bool:
        return self.observed_property == TRAFFIC_VOLUME

    def to_dict(self) -> dict:
        return {"key": self.key, "station": self.station, "name": self.name,
                "observed_property": self.observed_property, "unit": self.unit, "x": round(self.x, 2),
                "y": round(self.y, 2), "distance_m": round(self.distance_m, 1), "datastream_id": self.datastream_id,
                "station_id": self.station_id, "road_name": self.road_name,
                "live_id": None if self.live_id is None else str(self.live_id), "value": self.value,
                "value_time": iso(self.value_time), "value_source": self.value_source, "status": self.status,
                "history_count": self.history_count, "history_source": self.history_source,
                "typical_per_day": None if self.typical_per_day is None else round(self.typical_per_day, 1),
                "typical_value": None if self.typical_value is None else round(self.typical_value, 2),
                "notes": list(self.notes)}


# ------------------------------------------------------------------------------------------- sources

class LatestValueSource(Protocol):
    """Current values: {sensor key: (time, value)} for the sensors it knows."""
    source: str  # "live" or "store": where the value came from

    def latest(self, sensors: Sequence[SensorRef]) -> Dict[str, LatestValue]:
        ...


class HistorySource(Protocol):
    """Observations of one sensor in [start, end]: (POSIX seconds, values), oldest first."""
    source: str

    def history(self, sensor: SensorRef, start: datetime, end: datetime) -> Tuple[np.ndarray, np.ndarray]:
        ...


class StoreLatestValues:
    """The store's latest observation of each stored datastream (one indexed query each)."""
    source = "store"

    def __init__(self, store):
        self.store = store

    def latest(self, sensors: Sequence[SensorRef]) -> Dict[str, LatestValue]:
        table = self.store.table_ref("sensor_observation")
        where = "datastream_id = %s ORDER BY phenomenon_time DESC LIMIT 1"
        sql = f"SELECT phenomenon_time, result FROM {table} WHERE {where}"  # nosec B608
        out = {}
        for sensor in sensors:
            if sensor.datastream_id is None:
                continue
            rows = self.store.query(sql, [sensor.datastream_id], decode_as={"phenomenon_time": "datetime"})
            if rows:
                out[sensor.key] = (rows[0]["phenomenon_time"], rows[0]["result"])
        return out


class SnapshotLatestValues:
    """Values of a live SensorThings snapshot (``core.sensorthings.SensorSnapshot``)."""
    source = "live"

    def __init__(self, snapshot):
        self.rows = {row.key: row for row in snapshot.rows}

    def latest(self, sensors: Sequence[SensorRef]) -> Dict[str, LatestValue]:
        out = {}
        for sensor in sensors:
            row = self.rows.get(sensor.live_key) if sensor.live_key is not None else None
            if row is not None and row.time is not None:
                out[sensor.key] = (row.time, row.value)
        return out


class StoreHistory:
    source = "store"

    def __init__(self, store):
        self.store = store

    def history(self, sensor: SensorRef, start: datetime, end: datetime):
        if sensor.datastream_id is None:
            return np.zeros(0), np.zeros(0)
        table = self.store.table_ref("sensor_observation")
        where = "datastream_id = %s AND phenomenon_time >= %s AND phenomenon_time <= %s ORDER BY phenomenon_time"
        sql = f"SELECT phenomenon_time, result FROM {table} WHERE {where}"  # nosec B608
        rows = self.store.query(sql, [sensor.datastream_id, start, end])
        times = epoch_seconds([r["phenomenon_time"] for r in rows])
        values = np.array([np.nan if r["result"] is None else r["result"] for r in rows], dtype=np.float64)
        return times, values


class StaHistory:
    """History through a SensorThings client (``core.sensorthings.StaClient``)."""
    source = "live"

    def __init__(self, client):
        self.client = client

    def history(self, sensor: SensorRef, start: datetime, end: datetime):
        if sensor.live_id is None:
            return np.zeros(0), np.zeros(0)
        kwargs = {"collection": sensor.live_collection} if sensor.live_collection else {}
        result = fetch_history(self.client, sensor.live_id, start, end, component=sensor.live_component, **kwargs)
        return result.times, result.values


# ------------------------------------------------------------------------------------------- finding

def sensors_near(store, geom, distance_m: float = DEFAULT_SENSOR_DISTANCE_M, snapshot=None) -> List[SensorRef]:
    """Every datastream of a station within ``distance_m`` of ``geom`` (nearest first)."""
    xmin, ymin, xmax, ymax = geom.buffer(distance_m).bounds
    stations = {}
    for row in store.in_bbox("sensor_station", xmin, ymin, xmax, ymax):
        point = row.get("geom")
        if point is not None and geom.distance(point) <= distance_m:
            stations[int(row["id"])] = row
    out: List[SensorRef] = []
    if stations:
        for ds in store.select("sensor_datastream", where={"station_id": sorted(stations)}):
            st = stations[int(ds["station_id"])]
            point = st["geom"]
            out.append(SensorRef(f"store:{ds['id']}", st["name"], ds["name"], ds["observed_property"],
                                 ds.get("unit") or "", point.x, point.y, geom.distance(point),
                                 datastream_id=int(ds["id"]), station_id=int(st["id"]),
                                 road_name=st.get("road_name") or ""))
    if snapshot is not None:
        out = _merge_live(out, snapshot, geom, distance_m)
    out.sort(key=lambda s: (s.distance_m, s.station, s.name))
    return out


def _merge_live(stored: List[SensorRef], snapshot, geom, distance_m) -> List[SensorRef]:
    by_name = {(s.station, s.name): s for s in stored}
    out = list(stored)
    for row in snapshot.rows:
        twin = by_name.get((row.thing, row.datastream))
        if twin is not None:
            _attach(twin, row)
            continue
        if row.x is None or row.y is None:
            continue
        distance = geom.distance(Point(row.x, row.y))
        if distance > distance_m:
            continue
        sensor = SensorRef("live:%s:%s:%s" % row.key, row.thing, row.datastream, row.observed_property,
                           row.unit, row.x, row.y, distance)
        _attach(sensor, row)
        out.append(sensor)
    return out


def _attach(sensor: SensorRef, row) -> None:
    sensor.live_key, sensor.live_id = row.key, row.datastream_id
    sensor.live_collection, sensor.live_component = row.collection, row.component
    sensor.status = row.status


def fill_current_values(sensors: Sequence[SensorRef], sources: Sequence) -> None:
    """Each sensor's value from the first source that has one (pass the live source first)."""
    for source in sources:
        missing = [s for s in sensors if not s.value_source]
        if not missing:
            return
        for key, (when, value) in source.latest(missing).items():
            sensor = next(s for s in missing if s.key == key)
            sensor.value, sensor.value_time = value, when
            sensor.value_source = getattr(source, "source", "")


def fill_typical(sensors: Sequence[SensorRef], sources: Sequence, period_start: Optional[datetime],
                 period_end: Optional[datetime], history_days: int = HISTORY_DAYS) -> None:
    """Each numeric sensor's typical week from up to ``history_days`` of history before its latest value,
    and its typical level over the planned period (per day for traffic volumes)."""
    for sensor in sensors:
        end = sensor.value_time
        if end is None:
            continue
        start = end - timedelta(days=history_days)
        for source in sources:
            if (source.source == "store" and sensor.datastream_id is None) or (
                    source.source == "live" and sensor.live_id is None):
                continue
            times, values = source.history(sensor, start, end)
            if len(times):
                _set_profile(sensor, times, values, getattr(source, "source", ""))
                break
        if sensor.profile is None:
            continue
        if period_start is not None and period_end is not None and period_end > period_start:
            mean_per_day = period_volume_per_day(sensor.profile, period_start, period_end)
        else:
            mean_per_day = sensor.profile.per_day
        if mean_per_day is None:
            continue
        if sensor.is_traffic:
            sensor.typical_per_day = mean_per_day
        else:
            sensor.typical_value = mean_per_day / 24.0  # the profile of a level is not scaled: mean per hour


def _set_profile(sensor: SensorRef, times, values, source: str) -> None:
    factor = per_hour_factor(sensor.unit, times) if sensor.is_traffic else 1.0
    try:
        sensor.profile = hourly_profile(times, values, factor)
    except WindowError:
        return
    sensor.history_count = int(np.isfinite(values).sum())
    sensor.history_source = source
