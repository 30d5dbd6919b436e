"""DATEX II SituationPublications: import (versions 2.0 and 3) and export (version 3).

Import
  * MaintenanceWorks and ConstructionWorks records become roadworks (``external_id`` = record id).
  * RoadOrCarriagewayOrLaneManagement and SpeedManagement records are folded into the works they
    name as ``managedCause`` (else into the only works of their situation): they give the
    restriction and the temporary speed limit. A management record with no works becomes a
    roadworks of its own.
  * Every other record type is skipped and counted by type name.
  * Times: validity/overallStartTime and overallEndTime (no end = open-ended).
  * Geometry, first usable of: gmlPolygon (area), gmlLineString posList (the MDM profile's
    linearExtension in 2.0, loc:gmlLineString in 3), TPEG linear from/to points (a straight
    line), a point (pointByCoordinates, then locationForDisplay/coordinatesForDisplay) which
    becomes a 20 m circle. posList pairs are "lat lon" (DATEX II 3, the German MDM profile of 2.0)
    unless srsName names CRS84. Records with only ALERT-C codes are rejected with that reason.
  * Status: our own extension if present, else operatorActionStatus (approved, beingImplemented/
    implemented → active, rejected → cancelled), else from the validity period relative to the
    publication time (not begun: approved — it is published —, running: active, over: completed).

Export: DATEX II 3 (d2Payload, namespaces common/situation/locationReferencing), one situation
per roadworks with a MaintenanceWorks record, a RoadOrCarriagewayOrLaneManagement record for the
restriction and a SpeedManagement record for the speed limit, lines as loc:LinearLocation/
gmlLineString and polygons as loc:AreaLocation/gmlMultiPolygon, posList "lat lon" in EPSG:4326.
What DATEX cannot say (contractor, contact, traffic order number, actual times, our status and
direction, road name) travels in ``sit:_situationRecordExtension`` under the namespace HD_NS,
which other readers ignore.
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Dict, Iterable, List, Optional, Tuple

from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.ops import linemerge, unary_union

from ..store.values import datetime_text
from .exchange_geo import (check_lonlat, format_lat_lon, from_wgs84, parse_pos_list, point_area, to_wgs84)
from .exchange_import import Candidate, ImportReport, store_candidates
from .exchange_text import tr
from .exchange_xml import Node, XmlError, XmlWriter, parse
from .model import RESTRICTIONS, Roadworks

NS2 = "http://datex2.eu/schema/2/2_0"
NS3 = "http://datex2.eu/schema/3/"
HD_NS = "urn:x-herzlich-digital:datex2:roadworks:1"

WORKS_TYPES = ("MaintenanceWorks", "ConstructionWorks")
MERGED_TYPES = ("RoadOrCarriagewayOrLaneManagement", "SpeedManagement", "ReroutingManagement")
REROUTING_RESTRICTIONS = ("full_closure", "lanes_one_direction")  # the ones that have a detour
POINT_RADIUS_M = 20.0

# RoadOrCarriagewayOrLaneManagementType → restriction (2.0 and 3 share the names).
MANAGEMENT_RESTRICTIONS = {
    "roadClosed": "full_closure",
    "closedPermanentlyForTheWinter": "full_closure",
    "overnightClosures": "full_closure",
    "intermittentShortTermClosures": "full_closure",
    "carriagewayClosures": "lanes_one_direction",
    "laneClosures": "one_lane",
    "singleAlternateLineTraffic": "one_lane",
    "narrowLanes": "one_lane",
    "lanesDeviated": "one_lane",
    "contraflow": "one_lane",
    "doNotUseSpecifiedLanesOrCarriageways": "one_lane",
}
EXPORT_MANAGEMENT = {"full_closure": "roadClosed", "lanes_one_direction": "carriagewayClosures",
                     "one_lane": "laneClosures", "shoulder": "laneClosures"}
OPERATOR_STATUS_IN = {"approved": "approved", "beingImplemented": "active", "implemented": "active",
                      "rejected": "cancelled", "terminationRequested": "active", "beingTerminated": "active"}
OPERATOR_STATUS_OUT = {"planned": "requested", "approved": "approved", "active": "implemented",
                       "cancelled": "rejected"}
DIRECTIONS_IN = {"aligned": "forward", "opposite": "backward", "both": "both"}
_HD_FIELDS = {"contractor": "contractor", "contact": "contact", "orderNumber": "order_number",
              "roadName": "road_name", "status": "status", "direction": "direction"}
_HD_TIMES = {"actualStart": "actual_start", "actualEnd": "actual_end", "plannedStart": "planned_start",
             "plannedEnd": "planned_end"}
_NO_ROUTE = ("keine beschreibung vorhanden",)  # the MDM's placeholder for "no route given"


@dataclass
class DatexDocument:
    """What a publication holds, before anything is stored."""
    version: int  # 2 or 3
    publication_time: Optional[datetime]
    candidates: List[Candidate] = field(default_factory=list)
    skipped_types: Counter = field(default_factory=Counter)
    merged: int = 0
    warnings: List[Tuple[str, str]] = field(default_factory=list)


class _NoGeometry(Exception):
    pass


# ============================================================================ import

def read_datex2(data: bytes, now: Optional[datetime] = None) -> DatexDocument:
    """Parse a SituationPublication into candidates. XmlError if it is not DATEX II."""
    root = parse(data)
    version = _version(root)
    pub_time = _parse_time(_first_text(root, "publicationTime"))
    creator = None
    pub_creator = root.find("publicationCreator")
    if pub_creator is not None:
        creator = pub_creator.value("nationalIdentifier")
    doc = DatexDocument(version=version, publication_time=pub_time)
    reference_time = pub_time or now or datetime.now(timezone.utc)

    situations = list(root.iter("situation"))
    records_by_id: Dict[str, Node] = {}
    for situation in situations:
        for record in situation.childs("situationRecord"):
            if record.get("id"):
                records_by_id[record.get("id")] = record
    attached: Dict[str, List[Node]] = {}  # works record id -> management records
    for situation in situations:
        records = situation.childs("situationRecord")
        works = [r for r in records if r.xsi_type in WORKS_TYPES]
        for record in records:
            kind = record.xsi_type or "?"
            if kind in WORKS_TYPES:
                continue
            if kind not in MERGED_TYPES:
                doc.skipped_types[kind] += 1
                continue
            target = _managed_target(record, records_by_id, works)
            if target is not None:
                attached.setdefault(target.get("id"), []).append(record)
                doc.merged += 1
            elif kind == "RoadOrCarriagewayOrLaneManagement":
                works.append(record)  # a closure without works: import it on its own
            else:
                doc.skipped_types[kind] += 1
        for record in works:
            doc.candidates.append(_candidate(record, attached, creator, reference_time, version))
        summary = situation.find("overallSituation")
        if summary is not None:
            doc.warnings.append((situation.get("id") or "?", tr(
                "The overall situation summary '{id}' (MDM extension) is not imported; its records are.").format(
                id=summary.get("id") or "?")))
    # Attached records are resolved after all situations are read (the cause may come later).
    for candidate in doc.candidates:
        if candidate.works is not None:
            _apply_management(candidate, attached.get(candidate.source, []))
    return doc


def import_datex2(store, data: bytes, actor: str, now: Optional[datetime] = None) -> ImportReport:
    """Read a publication and store its roadworks; see the module docstring for the mapping."""
    doc = read_datex2(data, now=now)
    report = ImportReport(format="datex2", merged=doc.merged, skipped_types=doc.skipped_types)
    for source, message in doc.warnings:
        report.warn(source, message)
    return store_candidates(store, doc.candidates, report, actor)


def _version(root: Node) -> int:
    namespaces = {n.ns for n in root.iter()}
    if NS2 in namespaces:
        return 2
    if any(ns.startswith(NS3) for ns in namespaces):
        return 3
    raise XmlError(tr("This is not a DATEX II document (no DATEX II 2.0 or 3 namespace)."))


def _managed_target(record: Node, records_by_id: Dict[str, Node], works: List[Node]) -> Optional[Node]:
    for ref in record.iter("managedCause"):
        target = records_by_id.get(ref.get("id") or "")
        if target is not None and target.xsi_type in WORKS_TYPES:
            return target
    return works[0] if len(works) == 1 else None


def _candidate(record: Node, attached, creator, reference_time, version) -> Candidate:
    rid = record.get("id") or "?"
    kind = record.xsi_type
    candidate = Candidate(source=rid)
    validity = record.find("validityTimeSpecification")
    start = _parse_time(validity.value("overallStartTime")) if validity is not None else None
    end = _parse_time(validity.value("overallEndTime")) if validity is not None else None
    if start is None:
        candidate.reason = tr("The record has no validity start (overallStartTime).")
        return candidate
    location = record.child("groupOfLocations") or record.child("locationReference")
    try:
        geometry, note = _location_geometry(location)
    except _NoGeometry as problem:
        candidate.reason = str(problem)
        return candidate
    if note:
        candidate.warnings.append(note)
    ext = _extension(record)
    name, description, notes = _comments(record)
    road = ext.get("road_name") or _road_name(location)
    title = name or " ".join(p for p in (_type_label(kind), road or rid) if p)
    status = ext.get("status") or OPERATOR_STATUS_IN.get(record.value("operatorActionStatus") or "") \
        or _status_by_time(start, end, reference_time)
    direction = ext.get("direction") or DIRECTIONS_IN.get(_first_text(location, "directionRelativeOnLinearSection")
                                                          or "", "both")
    source = record.find("sourceName")
    candidate.works = Roadworks(
        title=title, geometry=geometry, planned_start=ext.get("planned_start") or start,
        planned_end=ext.get("planned_end") or (end if "planned_start" not in ext else None),
        actual_start=ext.get("actual_start"), actual_end=ext.get("actual_end"), status=status,
        restriction=_impact_restriction(record), direction=direction, lanes_closed=_lanes(record),
        description=description, road_name=road,
        responsible_body=(_text_value(source) if source is not None else None) or creator,
        contractor=ext.get("contractor"), contact=ext.get("contact"), order_number=ext.get("order_number"),
        notes=notes, external_id=rid)
    return candidate


def _apply_rerouting(candidate: Candidate, record: Node) -> None:
    """The rerouting's itinerary (alternativeRoute, a line) becomes the works' detour."""
    route = record.find("alternativeRoute")
    if route is None:
        return
    try:
        geometry, _note = _location_geometry(route)
    except _NoGeometry:
        candidate.warnings.append(tr("The rerouting {id} has no usable route line; no detour was taken over.").format(
            id=record.get("id") or "?"))
        return
    if geometry.geom_type == "LineString" and candidate.works.detour is None:
        candidate.works.detour = geometry.wkt


def _apply_management(candidate: Candidate, records: List[Node]) -> None:
    works = candidate.works
    restriction, speed = works.restriction, works.speed_limit
    for record in records:
        if record.xsi_type == "ReroutingManagement":
            _apply_rerouting(candidate, record)
            continue
        if record.xsi_type == "SpeedManagement":
            value = _number(record.value("temporarySpeedLimit"))
            if value is not None:
                speed = int(round(value)) if speed is None else min(speed, int(round(value)))
            continue
        found = _management_restriction(record)
        if RESTRICTIONS.index(found) > RESTRICTIONS.index(restriction):
            restriction = found
        lanes = _lanes(record)
        if lanes is not None and works.lanes_closed is None:
            works.lanes_closed = lanes
        validity = record.find("validityTimeSpecification")
        end = _parse_time(validity.value("overallEndTime")) if validity is not None else None
        if end is not None and works.planned_end is not None and end != works.planned_end:
            candidate.warnings.append(tr(
                "The restriction record {id} ends at {end}, the works at {works_end}; the restriction is stored "
                "for the whole works.").format(id=record.get("id"), end=end.isoformat(timespec="minutes"),
                                               works_end=works.planned_end.isoformat(timespec="minutes")))
    works.restriction, works.speed_limit = restriction, speed


def _management_restriction(record: Node) -> str:
    kind = record.value("roadOrCarriagewayOrLaneManagementType") or ""
    restriction = MANAGEMENT_RESTRICTIONS.get(kind, "none")
    if restriction == "one_lane" and _mentions_hard_shoulder(record):
        return "shoulder"
    return restriction


def _impact_restriction(record: Node) -> str:
    """Restriction of a works record standing alone: management type, else its impact."""
    if record.xsi_type == "RoadOrCarriagewayOrLaneManagement":
        return _management_restriction(record)
    impact = record.child("impact")
    if impact is None:
        return "none"
    restricted = _number(impact.value("numberOfLanesRestricted"))
    original = _number(impact.value("originalNumberOfLanes"))
    if restricted is None or restricted <= 0:
        return "none"
    if _mentions_hard_shoulder(record):
        return "shoulder"
    if original is not None and restricted >= original:
        return "full_closure"
    return "one_lane"


def _mentions_hard_shoulder(record: Node) -> bool:
    return any(n.text.strip() == "hardShoulder" for n in record.iter() if n.name in ("lane", "laneUsage"))


def _lanes(record: Node) -> Optional[int]:
    impact = record.child("impact")
    value = _number(impact.value("numberOfLanesRestricted")) if impact is not None else None
    return int(value) if value is not None and value >= 0 else None


def _status_by_time(start: datetime, end: Optional[datetime], at: datetime) -> str:
    if at < start:
        return "approved"
    if end is not None and at >= end:
        return "completed"
    return "active"


def _type_label(kind: Optional[str]) -> str:
    return {"MaintenanceWorks": tr("Maintenance works"), "ConstructionWorks": tr("Construction works"),
            "RoadOrCarriagewayOrLaneManagement": tr("Road closure")}.get(kind or "", tr("Roadworks"))


# ---------------------------------------------------------------------------- texts

def _text_value(node: Node) -> Optional[str]:
    """A MultilingualString's text: the German value if there is one, else the first."""
    values = [v for v in node.iter("value") if v.text.strip()]
    if not values:
        return node.text.strip() or None
    german = [v for v in values if (v.get("lang") or "").lower().startswith("de")]
    return (german or values)[0].text.strip()


def _comments(record: Node) -> Tuple[Optional[str], Optional[str], Optional[str]]:
    """(roadworks name, description, notes) from general and non-general public comments."""
    name, description, notes, routes = None, [], [], []
    for comment in record.childs("generalPublicComment") + record.childs("nonGeneralPublicComment"):
        body = comment.child("comment")
        text = _text_value(body) if body is not None else None
        if not text:
            continue
        kind_node = comment.find("commentType2") or comment.child("commentType")
        kind = kind_node.text.strip() if kind_node is not None else ""
        if kind == "roadworksName" and name is None:
            name = text
        elif kind == "routeRecommendation":
            if text not in routes and text.lower() not in _NO_ROUTE:
                routes.append(text)
        elif kind in ("internalNote", "dataProcessingNote") or comment.name == "nonGeneralPublicComment":
            notes.append(text)
        elif text not in description:
            description.append(text)
    notes.extend(tr("Recommended route: {route}").format(route=route) for route in routes)
    return name, "\n".join(description) or None, "\n".join(notes) or None


def _road_name(location: Optional[Node]) -> Optional[str]:
    if location is None:
        return None
    element = location.find("linearElement") or location.find("roadInformation")
    if element is None:
        return None
    number = element.value("roadNumber")
    name_node = element.child("roadName")
    name = _text_value(name_node) if name_node is not None else None
    return " ".join(p for p in (number, name) if p) or None


def _extension(record: Node) -> dict:
    """Our own fields from ``_situationRecordExtension`` (HD_NS); {} for anyone else's data."""
    ext = next((n for n in record.iter("roadworks") if n.ns == HD_NS), None)
    if ext is None:
        return {}
    out = {}
    for child in ext.children:
        text = child.text.strip()
        if not text:
            continue
        if child.name in _HD_FIELDS:
            out[_HD_FIELDS[child.name]] = text
        elif child.name in _HD_TIMES:
            out[_HD_TIMES[child.name]] = _parse_time(text)
    return out


# ---------------------------------------------------------------------------- locations

def _location_geometry(location: Optional[Node]):
    """(EPSG:25832 geometry, note or None) of a location; _NoGeometry with the reason otherwise."""
    if location is None:
        raise _NoGeometry(tr("The record has no location."))
    polygons = [_polygon(n) for n in location.iter("gmlPolygon")]
    if polygons:
        merged = unary_union(polygons)
        if merged.geom_type != "Polygon":
            raise _NoGeometry(tr("The location consists of {n} separate areas; import them as separate "
                                 "roadworks.").format(n=len(getattr(merged, "geoms", [merged]))))
        return merged, None
    lines = [_line(n) for n in location.iter("gmlLineString")]
    if lines:
        merged = linemerge(MultiLineString(lines)) if len(lines) > 1 else lines[0]
        if merged.geom_type != "LineString":
            raise _NoGeometry(tr("The location consists of {n} separate lines; import them as separate "
                                 "roadworks.").format(n=len(merged.geoms)))
        return merged, None
    for tpeg in location.iter("tpegLinearLocation"):
        ends = [_point_coordinates(tpeg.child(end)) for end in ("from", "to")]
        if all(ends):
            return from_wgs84(LineString(ends)), tr("Only the TPEG end points are known: stored as a straight line "
                                                    "between them.")
    for name in ("pointByCoordinates", "locationForDisplay", "coordinatesForDisplay"):
        node = location.find(name)
        point = _point_coordinates(node) if node is not None else None
        if point:
            return point_area(point[0], point[1], POINT_RADIUS_M), tr(
                "Only a point is known: stored as a circle of {radius:.0f} m around it.").format(radius=POINT_RADIUS_M)
    alert_c = location.find("alertCLocationTableNumber")
    if alert_c is not None or location.find("alertCLinear") is not None:
        raise _NoGeometry(tr("The location is only given as ALERT-C location codes (table {table}), which carry no "
                             "coordinates.").format(table=alert_c.text.strip() if alert_c is not None else "?"))
    raise _NoGeometry(tr("The location has no coordinates."))


def _pairs(node: Node) -> List[Tuple[float, float]]:
    """(lon, lat) pairs of a node with a posList child (srsName attribute or MDM srsName child)."""
    pos = node.child("posList")
    if pos is None:
        raise _NoGeometry(tr("A GML geometry has no posList."))
    srs = (node.get("srsName") or node.value("srsName") or pos.get("srsName") or "").upper()
    dim = node.get("srsDimension") or pos.get("srsDimension") or "2"
    try:
        pairs = parse_pos_list(pos.text, lon_first="CRS84" in srs, dimension=int(dim))
    except ValueError as error:
        raise _NoGeometry(tr("The posList cannot be read: {error}").format(error=error))
    problem = check_lonlat(pairs)
    if problem:
        raise _NoGeometry(tr("The posList has coordinates outside latitude/longitude: {problem}").format(
            problem=problem))
    return pairs


def _line(node: Node) -> LineString:
    pairs = _pairs(node)
    if len(pairs) < 2:
        raise _NoGeometry(tr("A line of the location has fewer than two points."))
    return from_wgs84(LineString(pairs))


def _polygon(node: Node) -> Polygon:
    exterior = node.child("exterior")
    if exterior is None:
        raise _NoGeometry(tr("A polygon of the location has no exterior ring."))
    holes = [_pairs(ring) for ring in node.childs("interior")]
    return from_wgs84(Polygon(_pairs(exterior), holes))


def _point_coordinates(node: Optional[Node]) -> Optional[Tuple[float, float]]:
    if node is None:
        return None
    lat, lon = _number(_first_text(node, "latitude")), _number(_first_text(node, "longitude"))
    if lat is None or lon is None or check_lonlat([(lon, lat)]):
        return None
    return lon, lat


# ---------------------------------------------------------------------------- small parsers

def _first_text(node: Optional[Node], name: str) -> Optional[str]:
    if node is None:
        return None
    found = node.find(name) if node.name != name else node
    text = found.text.strip() if found is not None else ""
    return text or None


def _number(text: Optional[str]) -> Optional[float]:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _parse_time(text: Optional[str]) -> Optional[datetime]:
    if not text:
        return None
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


# ============================================================================ export

def export_datex2(works_list: Iterable[Roadworks], publisher: str = "Stadt Kaiserslautern", country: str = "DE",
                  lang: str = "de", now: Optional[datetime] = None) -> str:
    """A DATEX II 3 SituationPublication (XML text) of the roadworks; see the module docstring."""
    now = now or datetime.now(timezone.utc)
    w = XmlWriter()
    w.start("d2:payload", {
        "xmlns:d2": "http://datex2.eu/schema/3/d2Payload", "xmlns:com": "http://datex2.eu/schema/3/common",
        "xmlns:sit": "http://datex2.eu/schema/3/situation",
        "xmlns:loc": "http://datex2.eu/schema/3/locationReferencing",
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance", "xmlns:hd": HD_NS,
        "xsi:type": "sit:SituationPublication", "lang": lang, "modelBaseVersion": "3"})
    w.leaf("com:publicationTime", datetime_text(now))
    w.start("com:publicationCreator").leaf("com:country", country).leaf("com:nationalIdentifier", publisher).end()
    for works in works_list:
        _write_situation(w, works, lang, now)
    w.end()
    return w.text()


def record_id(works: Roadworks) -> str:
    return works.external_id or "hd-roadworks-%d" % works.id


def _write_situation(w: XmlWriter, works: Roadworks, lang: str, now: datetime) -> None:
    rid = record_id(works)
    geom = to_wgs84(works.geometry)
    version = works.version or 1
    w.start("sit:situation", {"id": rid, "version": version})
    w.start("sit:headerInformation").leaf("com:confidentiality", "noRestriction") \
        .leaf("com:informationStatus", "real").end()
    # The works record.
    _record_start(w, works, "sit:MaintenanceWorks", rid, version, now)
    if works.responsible_body:
        w.start("sit:source").start("com:sourceName")
        _multilingual(w, works.responsible_body, lang)
        w.end().end()
    _validity(w, works)
    if works.lanes_closed is not None:
        w.start("sit:impact").leaf("sit:numberOfLanesRestricted", works.lanes_closed).end()
    _comment(w, "sit:generalPublicComment", works.title, "roadworksName", lang)
    if works.description:
        _comment(w, "sit:generalPublicComment", works.description, "description", lang)
    if works.notes:
        _comment(w, "sit:nonGeneralPublicComment", works.notes, "internalNote", lang)
    _location(w, works, geom)
    _hd_extension(w, works)
    if works.status in OPERATOR_STATUS_OUT:
        w.leaf("sit:operatorActionStatus", OPERATOR_STATUS_OUT[works.status])
    w.leaf("sit:roadMaintenanceType", "roadworks")
    w.end()
    # The restriction and the speed limit, caused by the works record.
    management = EXPORT_MANAGEMENT.get(works.restriction)
    if management:
        _record_start(w, works, "sit:RoadOrCarriagewayOrLaneManagement", rid + "-restriction", version, now)
        _validity(w, works)
        _managed_cause(w, rid, version)
        _location(w, works, geom)
        w.leaf("sit:complianceOption", "mandatory")
        w.leaf("sit:roadOrCarriagewayOrLaneManagementType", management)
        w.end()
    if works.speed_limit is not None:
        _record_start(w, works, "sit:SpeedManagement", rid + "-speed", version, now)
        _validity(w, works)
        _managed_cause(w, rid, version)
        _location(w, works, geom)
        w.leaf("sit:complianceOption", "mandatory")
        w.leaf("sit:speedManagementType", "speedRestrictionInOperation")
        w.leaf("sit:temporarySpeedLimit", "%.1f" % works.speed_limit)
        w.end()
    detour = _detour_line(works)
    if detour is not None:
        _record_start(w, works, "sit:ReroutingManagement", rid + "-rerouting", version, now)
        _validity(w, works)
        _managed_cause(w, rid, version)
        _location(w, works, geom)
        w.leaf("sit:complianceOption", "advisory")
        w.leaf("sit:reroutingManagementType", "followDiversionSigns")
        w.leaf("sit:signedRerouting", "true")
        w.start("sit:alternativeRoute", {"xsi:type": "loc:ItineraryByIndexedLocations"})
        w.start("loc:locationContainedInItinerary", {"index": "0"})
        w.start("loc:location", {"xsi:type": "loc:LinearLocation"})
        w.start("loc:gmlLineString", {"srsName": "EPSG:4326", "srsDimension": "2"})
        w.leaf("loc:posList", format_lat_lon(to_wgs84(detour).coords)).end()
        w.end().end().end()
        w.end()
    w.end()


def _detour_line(works):
    """The chosen detour (EPSG:25832 LineString) of a works that closes the road, else None."""
    if not works.detour or works.restriction not in REROUTING_RESTRICTIONS:
        return None
    from shapely import wkt
    try:
        line = wkt.loads(works.detour)
    except Exception:  # noqa: BLE001 - a damaged stored WKT: the rest is exported all the same
        return None
    return line if line.geom_type == "LineString" and not line.is_empty else None


def _record_start(w, works, xsi_type, rid, version, now):
    stamp = datetime_text(works.updated_at or now)
    w.start("sit:situationRecord", {"xsi:type": xsi_type, "id": rid, "version": version})
    w.leaf("sit:situationRecordCreationTime", stamp).leaf("sit:situationRecordVersionTime", stamp)
    w.leaf("sit:probabilityOfOccurrence", "certain")


def _validity(w, works):
    """The effective period (actual start/end where known, as WZDx and CIFS publish it); the planned times
    travel in our extension."""
    w.start("sit:validity").leaf("com:validityStatus", "definedByValidityTimeSpec")
    w.start("com:validityTimeSpecification").leaf("com:overallStartTime", datetime_text(works.start))
    if works.end is not None:
        w.leaf("com:overallEndTime", datetime_text(works.end))
    w.end().end()


def _managed_cause(w, rid, version):
    w.start("sit:cause", {"xsi:type": "sit:ManagedCause"})
    w.leaf("sit:managedCause", None, {"targetClass": "sit:SituationRecord", "id": rid, "version": version})
    w.end()


def _multilingual(w, text, lang):
    w.start("com:values").leaf("com:value", text, {"lang": lang}).end()


def _comment(w, element, text, kind, lang):
    w.start(element).start("sit:comment")
    _multilingual(w, text, lang)
    w.end().leaf("sit:commentType", kind).end()


def _location(w, works, geom):
    """The location of every record of one roadworks; ``geom`` is its geometry in lon/lat."""
    first = geom.exterior.coords[0] if geom.geom_type == "Polygon" else geom.coords[0]
    if geom.geom_type == "Polygon":
        w.start("sit:locationReference", {"xsi:type": "loc:AreaLocation"})
    else:
        w.start("sit:locationReference", {"xsi:type": "loc:LinearLocation"})
    w.start("loc:coordinatesForDisplay").leaf("loc:latitude", "%.8f" % first[1]) \
        .leaf("loc:longitude", "%.8f" % first[0]).end()
    if works.restriction == "shoulder":
        w.start("loc:supplementaryPositionalDescription").start("loc:carriageway")
        w.leaf("loc:carriageway", "mainCarriageway").start("loc:lane").leaf("loc:laneUsage", "hardShoulder").end()
        w.end().end()
    srs = {"srsName": "EPSG:4326", "srsDimension": "2"}
    if geom.geom_type == "Polygon":
        w.start("loc:gmlMultiPolygon").start("loc:gmlPolygon")
        w.start("loc:exterior", srs).leaf("loc:posList", format_lat_lon(geom.exterior.coords)).end()
        for ring in geom.interiors:
            w.start("loc:interior", srs).leaf("loc:posList", format_lat_lon(ring.coords)).end()
        w.end().end()
    else:
        w.start("loc:gmlLineString", srs).leaf("loc:posList", format_lat_lon(geom.coords)).end()
    w.end()


def _hd_extension(w, works):
    values = [("contractor", works.contractor), ("contact", works.contact), ("orderNumber", works.order_number),
              ("roadName", works.road_name), ("status", works.status), ("direction", works.direction),
              ("actualStart", datetime_text(works.actual_start) if works.actual_start else None),
              ("actualEnd", datetime_text(works.actual_end) if works.actual_end else None),
              ("plannedStart", datetime_text(works.planned_start) if works.planned_start else None),
              ("plannedEnd", datetime_text(works.planned_end) if works.planned_end else None)]
    w.start("sit:_situationRecordExtension").start("hd:roadworks")
    for name, value in values:
        if value is not None:
            w.leaf("hd:" + name, value)
    w.end().end()
