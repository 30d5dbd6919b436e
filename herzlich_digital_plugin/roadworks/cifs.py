"""Waze CIFS (Closure and Incident Feed Specification) JSON export.

{"incidents": [{"id", "type", "subtype", "polyline", "street", "direction", "starttime", "endtime",
"description", "updatetime", "source": {"reference", "name"}}], "timestamp"}

* polyline: "lat lon lat lon …" in EPSG:4326, ordered along the affected traffic: a restriction
  of the backward direction is written reversed.
* type: ROAD_CLOSED (subtype ROAD_CLOSED_CONSTRUCTION) for a full closure and for lanes closed in
  one direction (Waze closes that direction), CONSTRUCTION otherwise.
* direction: BOTH_DIRECTIONS or ONE_DIRECTION.
* times: ISO 8601 with the local offset (Europe/Berlin), as Waze shows them to drivers.
Polygons are not exported (Waze needs a polyline along the road); they come back as warnings.
"""
from datetime import datetime, timezone
from typing import Callable, Iterable, List, Optional, Tuple

from .exchange_geo import format_lat_lon, reversed_line, to_wgs84
from .exchange_text import tr
from .model import Roadworks

try:
    from zoneinfo import ZoneInfo
    LOCAL_ZONE = ZoneInfo("Europe/Berlin")
except Exception:  # noqa: BLE001 - no tz database: UTC offsets are still valid CIFS
    LOCAL_ZONE = timezone.utc

CIFS_DECIMALS = 7  # Waze asks for at least 6 decimals


def local_text(value: datetime) -> str:
    """YYYY-MM-DDThh:mm:ss+hh:mm in Europe/Berlin."""
    return value.astimezone(LOCAL_ZONE).isoformat(timespec="seconds")


def incident_id(works: Roadworks) -> str:
    return works.external_id or "hd-roadworks-%d" % works.id


def export_cifs(works_list: Iterable[Roadworks], publisher: str = "Stadt Kaiserslautern",
                road_names: Optional[Callable[[Roadworks], Optional[str]]] = None,
                now: Optional[datetime] = None) -> Tuple[dict, List[Tuple[str, str]]]:
    """(CIFS feed dict, warnings [(roadworks, message)])."""
    now = now or datetime.now(timezone.utc)
    incidents, warnings = [], []
    for works in works_list:
        label = "%s (%s)" % (works.title, works.id)
        if works.geometry is None or works.geometry.geom_type != "LineString":
            warnings.append((label, tr("Waze needs a polyline along the road; a polygon is not exported.")))
            continue
        closed = works.restriction in ("full_closure", "lanes_one_direction")
        one_way = works.restriction == "lanes_one_direction" or works.direction in ("forward", "backward")
        line = reversed_line(works.geometry) if works.direction == "backward" else works.geometry
        incident = {
            "id": incident_id(works),
            "type": "ROAD_CLOSED" if closed else "CONSTRUCTION",
            "polyline": format_lat_lon(to_wgs84(line).coords, CIFS_DECIMALS),
            "street": works.road_name or (road_names(works) if road_names else None) or "",
            "direction": "ONE_DIRECTION" if one_way else "BOTH_DIRECTIONS",
            "starttime": local_text(works.start),
            "description": works.title + (": " + works.description if works.description else ""),
            "source": {"reference": str(works.id), "name": works.responsible_body or publisher},
        }
        if closed:
            incident["subtype"] = "ROAD_CLOSED_CONSTRUCTION"
        if works.end is not None:
            incident["endtime"] = local_text(works.end)
        if works.updated_at is not None:
            incident["updatetime"] = local_text(works.updated_at)
        if not incident["street"]:
            warnings.append((label, tr("No street name is known: Waze may not match the closure to its map.")))
        incidents.append(incident)
    return {"incidents": incidents, "timestamp": local_text(now)}, warnings
