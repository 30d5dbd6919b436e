"""The latest value of every datastream in O(pages) requests, never one request per datastream.

Only one-level, to-many ``$expand`` is used, because weaker servers get to-one expansion wrong:
  1. ``Datastreams?$select=…&$expand=Observations($orderby=phenomenonTime desc;$top=1)``
     (``resultTime`` when the server cannot order by phenomenonTime; the observed-property filter goes here),
  2. ``Things?$expand=Locations,Datastreams($select=id)`` for the Thing and its position,
  3. ``ObservedProperties?$expand=Datastreams($select=id)`` for the property (skipped with a filter),
  4. ``MultiDatastreams?$expand=ObservedProperties,Observations(…)`` where the server has them,
and joined here. An expanded list the server truncated (nested next link) is read from the entity's
navigation path instead: nested next links are malformed on some servers.
"""
import time
from datetime import datetime, timezone
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np

from ..geodesy import wgs84_to_utm32
from .client import StaClient, expanded
from .locations import (IMPLAUSIBLE, NOT_GEOJSON, OUT_OF_RANGE, SWAPPED, BBox, Position, data_area,
                        thing_position)
from .messages import INFO, FetchCancelled, Notice, StaError
from .observations import NULL, NUMERIC, parse_observation, result_text
from .snapshot import (DATASTREAM, DEFAULT_STALE_AFTER_S, MULTI_DATASTREAM, SensorRow, SensorSnapshot,
                       status_of)
from .urls import quote_literal

ORDER_FIELDS = ("phenomenonTime", "resultTime")
OBSERVATION_SELECT = "phenomenonTime,result,resultTime"
ORDER_REFUSALS = (400, 422, 500)  # how servers refuse an $orderby (FROST/django: 400/422, some: 500)
ORDER_RETRY_S = 900.0  # a refused phenomenonTime ordering is tried again after this long


def fetch_latest(client: StaClient, observed_property: str = "", now: Optional[datetime] = None,
                 stale_after_s: float = DEFAULT_STALE_AFTER_S, expected_bbox: Optional[BBox] = None,
                 max_datastreams: Optional[int] = None, multidatastreams: bool = True,
                 cancelled: Optional[Callable[[], bool]] = None) -> SensorSnapshot:
    """A snapshot of every datastream's latest observation. Raises StaError when the service or the
    datastreams cannot be read; smaller problems become notices."""
    cancelled = cancelled or (lambda: False)
    requests_before = client.requests
    info = client.service()
    notices: List[Notice] = []
    wanted = (observed_property or "").strip()

    datastreams, order_field = _latest_datastreams(client, wanted, max_datastreams, notices)
    if cancelled():
        raise FetchCancelled()
    multi = []
    if multidatastreams and info.multidatastream:
        multi = _latest_multidatastreams(client, order_field, max_datastreams, notices)
    thing_of, things = _things(client, bool(multi), notices)
    if cancelled():
        raise FetchCancelled()
    property_of = {} if wanted else _observed_properties(client, notices)

    now = now or datetime.now(timezone.utc)
    positions = _positions(things, expected_bbox)
    projected = _projected(positions)
    rows: List[SensorRow] = []
    orphans = 0
    for entity in datastreams:
        thing_key = thing_of.get((DATASTREAM, str(entity.get("@iot.id"))))
        orphans += thing_key is None
        prop = wanted or property_of.get(str(entity.get("@iot.id")), "")
        rows.append(_row(DATASTREAM, entity, None, prop, _unit(entity.get("unitOfMeasurement")),
                         things.get(thing_key), positions.get(thing_key), projected.get(thing_key), now,
                         stale_after_s))
    for entity in multi:
        thing_key = thing_of.get((MULTI_DATASTREAM, str(entity.get("@iot.id"))))
        orphans += thing_key is None
        props, _ = expanded(entity, "ObservedProperties")
        units = entity.get("unitOfMeasurements") if isinstance(entity.get("unitOfMeasurements"), list) else []
        for component, prop in enumerate(props):
            name = str(prop.get("name", "")) if isinstance(prop, dict) else ""
            if wanted and name != wanted:
                continue
            unit = _unit(units[component]) if component < len(units) else ""
            rows.append(_row(MULTI_DATASTREAM, entity, component, name, unit, things.get(thing_key),
                             positions.get(thing_key), projected.get(thing_key), now, stale_after_s))
    notices += _row_notices(rows, positions, orphans)
    complete = not any(n.code in ("capped", "nextlink_loop", "no_progress", "max_pages") for n in notices)
    return SensorSnapshot(rows, notices, client.requests - requests_before, now, info, order_field, complete)


# ----------------------------------------------------------------------------------------------- queries

def _observations_expand(order_field: str) -> str:
    return f"Observations($select={OBSERVATION_SELECT};$orderby={order_field} desc;$top=1)"


def with_order_fallback(client: StaClient, query: Callable[[str], object], notices: List[Notice]):
    """query(order_field), ordered by phenomenonTime unless the server refuses that ordering itself.

    A refusal is HTTP 400/422/500 on the FIRST page of the ordered query, confirmed by a retry, while the same
    query ordered by resultTime works. Anything else (a later page failing, a 503, resultTime failing too) is a
    temporary fault and raised: it must not switch "latest" to the time a value was written (a late
    correction would then count as the newest). The client remembers a refusal for ORDER_RETRY_S, so
    refreshes do not repeat the failing request; then phenomenonTime is tried again (a repaired server)."""
    failed = getattr(client, "order_fallback_status", None)
    since = getattr(client, "order_fallback_at", None)
    if failed is not None and since is not None and time.monotonic() - since >= ORDER_RETRY_S:
        failed = None
    if failed is None:
        for _ in range(2):
            try:
                result = query(ORDER_FIELDS[0])
            except StaError as error:
                if not refuses_ordering(error):
                    raise
                refusal = error
                continue
            client.order_fallback_status = client.order_fallback_at = None
            return result, ORDER_FIELDS[0]
        result = query(ORDER_FIELDS[1])  # raises during an outage: then nothing is remembered
        client.log(f"ordering by phenomenonTime refused twice (HTTP {refusal.status}); using resultTime")
        failed = client.order_fallback_status = refusal.status
        client.order_fallback_at = time.monotonic()
    else:
        result = query(ORDER_FIELDS[1])
    notices.append(Notice("order_fallback", {"status": failed}, INFO))
    return result, ORDER_FIELDS[1]


def refuses_ordering(error: StaError) -> bool:
    """The answer a server gives to an $orderby it cannot do (never a later page, never 401/403/404/503)."""
    return error.status in ORDER_REFUSALS and getattr(error, "page", 1) == 1


def _latest_datastreams(client, wanted, limit, notices) -> Tuple[List[dict], str]:
    def query(order_field):
        params = [("$select", "id,name,unitOfMeasurement"), ("$expand", _observations_expand(order_field))]
        if wanted:
            params.append(("$filter", f"ObservedProperty/name eq {quote_literal(wanted)}"))
        return client.collect("Datastreams", params, "Datastreams", limit)

    collection, order_field = with_order_fallback(client, query, notices)
    notices += collection.notices
    return collection.items, order_field


def _latest_multidatastreams(client, order_field, limit, notices) -> List[dict]:
    params = [("$select", "id,name,unitOfMeasurements"),
              ("$expand", f"ObservedProperties($select=name),{_observations_expand(order_field)}")]
    try:
        collection = client.collect("MultiDatastreams", params, "MultiDatastreams", limit)
    except StaError as error:
        if error.status in (401, 403) or error.status is None:
            raise
        notices.append(Notice("no_multidatastream", {"detail": error.text()}))
        return []
    notices += collection.notices
    return collection.items


def _things(client, with_multi: bool, notices) -> Tuple[Dict[Tuple[str, str], str], Dict[str, dict]]:
    """({(collection, datastream id): thing key}, {thing key: thing})."""
    members = f"($select=id{_nested_top(client)})"
    expand = f"Locations($select=encodingType,location),Datastreams{members}"
    if with_multi:
        expand += f",MultiDatastreams{members}"
    collection = client.collect("Things", [("$select", "id,name"), ("$expand", expand)], "Things")
    notices += collection.notices
    thing_of, things = {}, {}
    for thing in collection.items:
        key = str(thing.get("@iot.id"))
        things[key] = thing
        for name in (DATASTREAM, MULTI_DATASTREAM) if with_multi else (DATASTREAM,):
            for member in _members(client, "Things", thing, name, notices):
                thing_of[(name, str(member))] = key
    return thing_of, things


def _observed_properties(client, notices) -> Dict[str, str]:
    expand = f"Datastreams($select=id{_nested_top(client)})"
    collection = client.collect("ObservedProperties", [("$select", "id,name"), ("$expand", expand)],
                                "ObservedProperties")
    notices += collection.notices
    property_of = {}
    for prop in collection.items:
        for member in _members(client, "ObservedProperties", prop, DATASTREAM, notices):
            property_of[str(member)] = str(prop.get("name", ""))
    return property_of


def _nested_top(client) -> str:
    """A nested $top as large as a page, so a property's thousand datastreams come in one expansion;
    left out once the server has rejected large pages."""
    return f";$top={client.page_size}" if client.page_size and not client.top_rejected else ""


def _members(client, collection: str, entity: dict, name: str, notices) -> List:
    """Ids in an expanded list; read in full from the navigation path when the server truncated it."""
    values, truncated = expanded(entity, name)
    if truncated and "@iot.id" in entity:
        full = client.collect_navigation(collection, entity["@iot.id"], name, [("$select", "id")])
        notices += full.notices
        values = full.items
    return [value.get("@iot.id") for value in values if isinstance(value, dict) and "@iot.id" in value]


# ----------------------------------------------------------------------------------------------- rows

def _row(collection, entity, component, prop, unit, thing, position: Optional[Position], xy, now, stale_after_s):
    observations, _ = expanded(entity, "Observations")
    observation = parse_observation(observations[0], component) if observations else None
    if observation is None:
        value, result, kind, time, start = None, "", NULL, None, None
    else:
        value, result, kind = observation.value, result_text(observation.result), observation.kind
        time, start = observation.time, observation.start
    age, status = status_of(time, kind, now, stale_after_s)
    position = position or Position(None, None, None)
    x, y = xy or (None, None)
    return SensorRow(
        collection=collection, datastream_id=entity.get("@iot.id"), datastream=str(entity.get("name", "")),
        component=component, thing_id=thing.get("@iot.id") if thing else None,
        thing=str(thing.get("name", "")) if thing else "", observed_property=prop, unit=unit, value=value,
        result=result, result_kind=kind, time=time, time_start=start, age_s=age, status=status,
        lon=position.lon, lat=position.lat, x=x, y=y, location_flag=position.flag if thing else None)


def _unit(unit) -> str:
    if not isinstance(unit, dict):
        return ""
    return str(unit.get("symbol") or unit.get("name") or "")


def _positions(things: Dict[str, dict], expected_bbox: Optional[BBox]) -> Dict[str, Position]:
    """Every Thing's position, checked against the expected area, else against the area of the data itself."""
    area = expected_bbox
    if area is None:
        first = [thing_position(thing.get("Locations") or []) for thing in things.values()]
        area = data_area([(p.lon, p.lat) for p in first if p.usable])
    return {key: thing_position(thing.get("Locations") or [], area) for key, thing in things.items()}


def _projected(positions: Dict[str, Position]) -> Dict[str, Tuple[float, float]]:
    """EPSG:25832 of every usable position, in one vectorised call."""
    keys = [key for key, position in positions.items() if position.usable]
    if not keys:
        return {}
    x, y = wgs84_to_utm32(np.array([positions[k].lon for k in keys]), np.array([positions[k].lat for k in keys]))
    return dict(zip(keys, zip(np.atleast_1d(x).tolist(), np.atleast_1d(y).tolist())))


def _row_notices(rows: List[SensorRow], positions: Dict[str, Position], orphans: int) -> List[Notice]:
    notices = []
    odd = [row for row in rows if row.result_kind not in (NUMERIC, NULL)]
    if odd:
        notices.append(Notice("result_not_numeric", {"count": len(odd), "example": odd[0].result[:60]}))
    for flag in (NOT_GEOJSON, OUT_OF_RANGE, SWAPPED, IMPLAUSIBLE):
        bad = [p for p in positions.values() if p.flag == flag]
        if bad:
            code = {NOT_GEOJSON: "location_not_geojson", OUT_OF_RANGE: "location_out_of_range",
                    SWAPPED: "location_swapped", IMPLAUSIBLE: "location_implausible"}[flag]
            notices.append(Notice(code, {"count": len(bad), "example": bad[0].raw}))
    if orphans:
        notices.append(Notice("no_thing", {"count": orphans}))
    return notices
