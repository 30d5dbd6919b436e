"""WZDx 4.2 Work Zone Feed export (a GeoJSON FeatureCollection of road events).

A WZDx road event covers one road in one direction of travel, so a roadworks affecting both
directions becomes two events (the line as drawn, and reversed) that name each other as
``related-work-zone``. The direction of travel (northbound, …) comes from the line's bearing.
vehicle_impact from the restriction: full_closure → all-lanes-closed, lanes_one_direction →
all-lanes-closed in that direction only, one_lane → some-lanes-closed, shoulder → all-lanes-open
with a closed shoulder lane, none → all-lanes-open. Geometry: LineString [lon, lat] (EPSG:4326).
Not exported (with a warning): polygons (WZDx needs a road path) and works without an end.
Ids are UUIDs derived from the data source and the roadworks id, stable between runs.
A roadworks that closes the road (full closure, lanes in one direction) and has a chosen detour (``detour``,
written by the detour check) gets a ``detour`` road event along it, linked both ways: the work-zone events name
it ``related-detour``, the detour names them ``related-work-zone``.
"""
import uuid
from datetime import datetime, timezone
from typing import Callable, Iterable, List, Optional, Tuple

from ..store.values import aware_utc
from .exchange_geo import bearing, cardinal, geojson_geometry, reversed_line, to_wgs84
from .exchange_text import tr
from .model import Roadworks

WZDX_VERSION = "4.2"
LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
DEFAULT_SOURCE_ID = "herzlich-digital-kaiserslautern"
_IMPACT = {"full_closure": "all-lanes-closed", "lanes_one_direction": "all-lanes-closed",
           "one_lane": "some-lanes-closed", "shoulder": "all-lanes-open", "none": "all-lanes-open"}


def utc_text(value: datetime) -> str:
    """RFC 3339 UTC, as WZDx asks for (2020-11-03T19:37:00Z)."""
    return aware_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def event_id(data_source_id: str, works: Roadworks, way: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:herzlich-digital:%s:roadworks:%s:%s"
                          % (data_source_id, works.id if works.id is not None else works.external_id, way)))


def export_wzdx(works_list: Iterable[Roadworks], publisher: str = "Stadt Kaiserslautern",
                data_source_id: str = DEFAULT_SOURCE_ID, organization_name: Optional[str] = None,
                contact_email: Optional[str] = None, road_names: Optional[Callable[[Roadworks], Optional[str]]] = None,
                now: Optional[datetime] = None) -> Tuple[dict, List[Tuple[str, str]]]:
    """(WorkZoneFeed dict, warnings [(roadworks, message)]) for the roadworks.

    ``road_names(works)`` names the road where a roadworks has no ``road_name`` (e.g. from the
    store's road table); failing both, the road is "unknown".
    """
    now = now or datetime.now(timezone.utc)
    source = {"data_source_id": data_source_id, "organization_name": organization_name or publisher,
              "update_date": utc_text(now)}
    if contact_email:
        source["contact_email"] = contact_email
    feed_info = {"publisher": publisher, "version": WZDX_VERSION, "license": LICENSE,
                 "update_date": utc_text(now), "data_sources": [source]}
    if contact_email:
        feed_info["contact_email"] = contact_email
    features, warnings = [], []
    for works in works_list:
        label = "%s (%s)" % (works.title, works.id)
        if works.geometry is None or works.geometry.geom_type != "LineString":
            warnings.append((label, tr("WZDx needs a line along the road; a polygon is not exported.")))
            continue
        if works.end is None:
            warnings.append((label, tr("WZDx needs an end date; roadworks without an end are not exported.")))
            continue
        road = works.road_name or (road_names(works) if road_names else None) or "unknown"
        features.extend(_events(works, data_source_id, road))
    feed = {"feed_info": feed_info, "type": "FeatureCollection", "features": features}
    return feed, warnings


def _ways(works: Roadworks) -> List[str]:
    """Which directions of travel the events cover: "forward" (as drawn) and/or "backward"."""
    if works.restriction == "lanes_one_direction":
        return ["backward" if works.direction == "backward" else "forward"]
    if works.direction in ("forward", "backward"):
        return [works.direction]
    return ["forward", "backward"]


DETOUR_RESTRICTIONS = ("full_closure", "lanes_one_direction")


def _detour_line(works: Roadworks):
    if not works.detour or works.restriction not in DETOUR_RESTRICTIONS:
        return None
    from shapely import wkt
    try:
        line = wkt.loads(works.detour)
    except Exception:  # noqa: BLE001 - a damaged stored WKT is left out, the work zone still exported
        return None
    return line if line.geom_type == "LineString" and not line.is_empty else None


def _detour_event(works: Roadworks, data_source_id: str, road: str, line, related: List[str]) -> dict:
    core = {"data_source_id": data_source_id, "event_type": "detour", "road_names": [road],
            "direction": cardinal(bearing(line)), "name": tr("Detour: {title}").format(title=works.title),
            "related_road_events": [{"type": "related-work-zone", "id": other} for other in related]}
    if works.updated_at is not None:
        core["update_date"] = utc_text(works.updated_at)
    props = {"core_details": core, "start_date": utc_text(works.start), "end_date": utc_text(works.end),
             "is_start_date_verified": works.actual_start is not None,
             "is_end_date_verified": works.actual_end is not None}
    return {"id": event_id(data_source_id, works, "detour"), "type": "Feature", "properties": props,
            "geometry": geojson_geometry(to_wgs84(line))}


def _events(works: Roadworks, data_source_id: str, road: str) -> List[dict]:
    ways = _ways(works)
    ids = {way: event_id(data_source_id, works, way) for way in ways}
    detour = _detour_line(works)
    events = []
    for way in ways:
        line = works.geometry if way == "forward" else reversed_line(works.geometry)
        core = {"data_source_id": data_source_id, "event_type": "work-zone", "road_names": [road],
                "direction": cardinal(bearing(line)), "name": works.title}
        if works.description:
            core["description"] = works.description
        if works.updated_at is not None:
            core["update_date"] = utc_text(works.updated_at)
        others = [ids[w] for w in ways if w != way]
        related = [{"type": "related-work-zone", "id": other} for other in others]
        if detour is not None:
            related.append({"type": "related-detour", "id": event_id(data_source_id, works, "detour")})
        if related:
            core["related_road_events"] = related
        props = {
            "core_details": core,
            "start_date": utc_text(works.start), "end_date": utc_text(works.end),
            "is_start_date_verified": works.actual_start is not None,
            "is_end_date_verified": works.actual_end is not None,
            "is_start_position_verified": False, "is_end_position_verified": False,
            "location_method": "other",
            "vehicle_impact": _IMPACT.get(works.restriction, "unknown"),
        }
        if works.speed_limit is not None:
            props["reduced_speed_limit_kph"] = works.speed_limit
        if works.restriction == "shoulder":
            props["lanes"] = [{"order": 1, "status": "open", "type": "general"},
                              {"order": 2, "status": "closed", "type": "shoulder"}]
        events.append({"id": ids[way], "type": "Feature", "properties": props,
                       "geometry": geojson_geometry(to_wgs84(line))})
    if detour is not None:
        events.append(_detour_event(works, data_source_id, road, detour, [ids[w] for w in ways]))
    return events
