"""The latest value of every datastream, as rows the layer shows: ``SensorRow`` and ``SensorSnapshot``."""
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Dict, List, Optional, Tuple

from .client import ServiceInfo
from .messages import Notice
from .observations import NULL, Observation, result_text
from .urls import EntityId

FRESH, STALE, NO_DATA = "fresh", "stale", "no data"
STATUSES = (FRESH, STALE, NO_DATA)
DEFAULT_STALE_AFTER_S = 3600.0
DATASTREAM, MULTI_DATASTREAM = "Datastreams", "MultiDatastreams"
RowKey = Tuple[str, str, int]  # (collection, str(id), component; -1 for a Datastream)


@dataclass(frozen=True)
class SensorRow:
    collection: str  # DATASTREAM or MULTI_DATASTREAM
    datastream_id: EntityId  # as the server sent it (int or str); use urls.entity_path to address it
    datastream: str
    component: Optional[int]  # index into a MultiDatastream's result array, None for a Datastream
    thing_id: Optional[EntityId]
    thing: str
    observed_property: str
    unit: str
    value: Optional[float]  # None: no observation, null, or not a number (see result_kind)
    result: str  # the latest result as text (strings and arrays too)
    result_kind: str  # observations.NUMERIC / NULL / TEXT / ARRAY / OBJECT; NULL without an observation
    time: Optional[datetime]  # end of the latest phenomenonTime
    time_start: Optional[datetime]  # its start (== time for an instant)
    age_s: Optional[float]
    status: str  # FRESH, STALE or NO_DATA
    lon: Optional[float] = None
    lat: Optional[float] = None
    x: Optional[float] = None  # EPSG:25832
    y: Optional[float] = None
    location_flag: Optional[str] = None  # locations.MISSING / NOT_GEOJSON / OUT_OF_RANGE / SWAPPED

    @property
    def key(self) -> RowKey:
        return row_key(self.collection, self.datastream_id, self.component)

    @property
    def has_position(self) -> bool:
        return self.lon is not None and self.lat is not None


def row_key(collection: str, datastream_id: EntityId, component: Optional[int] = None) -> RowKey:
    return collection, str(datastream_id), -1 if component is None else int(component)


@dataclass
class SensorSnapshot:
    rows: List[SensorRow]
    notices: List[Notice]
    requests: int
    fetched_at: datetime
    service: Optional[ServiceInfo] = None
    order_field: str = "phenomenonTime"  # what the latest observation was ordered by
    complete: bool = True  # False when paging stopped early or a cap applied
    extra: Dict = field(default_factory=dict)

    def by_key(self) -> Dict[RowKey, SensorRow]:
        return {row.key: row for row in self.rows}


def status_of(time: Optional[datetime], kind: str, now: datetime,
              stale_after_s: float) -> Tuple[Optional[float], str]:
    """(age in seconds, status). A future time (clock skew) counts as age 0."""
    if time is None:
        return None, NO_DATA
    age = max(0.0, (now - time).total_seconds())
    if kind == NULL:
        return age, NO_DATA
    return age, FRESH if age <= stale_after_s else STALE


def with_observation(row: SensorRow, observation: Observation, now: datetime,
                     stale_after_s: float = DEFAULT_STALE_AFTER_S) -> SensorRow:
    """The row updated by a newer observation (from MQTT or a poll); the same row if it is not newer."""
    if observation.time is None or (row.time is not None and observation.time < row.time):
        return row
    age, status = status_of(observation.time, observation.kind, now, stale_after_s)
    return replace(row, value=observation.value, result=result_text(observation.result),
                   result_kind=observation.kind, time=observation.time, time_start=observation.start,
                   age_s=age, status=status)


def newer_of(current: Optional[SensorRow], polled: SensorRow, now: datetime,
             stale_after_s: float = DEFAULT_STALE_AFTER_S) -> SensorRow:
    """The polled row, but with the observation of ``current`` when that one's phenomenonTime is newer: MQTT
    may have brought a value while the poll was under way, and a poll must never put an older one back."""
    if current is None or current.time is None or (polled.time is not None and polled.time >= current.time):
        return polled
    age, status = status_of(current.time, current.result_kind, now, stale_after_s)
    return replace(polled, value=current.value, result=current.result, result_kind=current.result_kind,
                   time=current.time, time_start=current.time_start, age_s=age, status=status)


def aged(row: SensorRow, now: datetime, stale_after_s: float = DEFAULT_STALE_AFTER_S) -> SensorRow:
    """The row with age and status recomputed for ``now`` (between refreshes, or after a failed one)."""
    age, status = status_of(row.time, row.result_kind, now, stale_after_s)
    return replace(row, age_s=age, status=status)


def marked_stale(row: SensorRow) -> SensorRow:
    """The row after a failed refresh: last value kept, shown as stale (rows without data stay "no data")."""
    return row if row.status == NO_DATA else replace(row, status=STALE)
