"""The roadworks record, its lifecycle and its validation.

Pure Python + shapely. Geometries are EPSG:25832 (a line along the road or a polygon),
times are timezone-aware datetimes. ``validate`` collects every problem with a translated
message before anything is written, so a form can show them all at once.
"""
import dataclasses
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Optional, Tuple

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform
from shapely.validation import explain_validity

from ..core.definitions import ROADWORKS_STATUSES as STATUSES
from .exchange_text import tr

FINAL_STATUSES = frozenset({"completed", "cancelled"})
# The lifecycle: planned → approved → active → completed; cancelled from any non-final status.
NEXT_STATUSES = {
    "planned": ("approved", "cancelled"),
    "approved": ("active", "cancelled"),
    "active": ("completed", "cancelled"),
    "completed": (),
    "cancelled": (),
}
# Ordered from the least to the most restrictive (merging several restrictions keeps the last).
RESTRICTIONS = ("none", "shoulder", "one_lane", "lanes_one_direction", "full_closure")
# Which traffic the restriction applies to, relative to the geometry's digitising direction.
DIRECTIONS = ("both", "forward", "backward")

LANES_CLOSED_RANGE = (0, 12)
SPEED_LIMIT_RANGE = (5, 130)  # km/h
# Northing range of EPSG:25832 in Europe: catches degrees passed in by mistake.
_NORTHING_RANGE = (3_500_000.0, 7_800_000.0)
_EASTING_RANGE = (-1_500_000.0, 2_500_000.0)

# Editable fields in the order forms and exports list them (``geometry`` is the store's ``geom``).
FIELDS = ("title", "description", "geometry", "road_name", "planned_start", "planned_end", "actual_start",
          "actual_end", "status", "restriction", "direction", "lanes_closed", "speed_limit", "responsible_body",
          "contractor", "contact", "order_number", "notes", "detour", "external_id")
DATETIME_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end")
TEXT_FIELDS = ("title", "description", "road_name", "responsible_body", "contractor", "contact", "order_number",
               "notes", "detour", "external_id")


def field_labels() -> Dict[str, str]:
    """Translated field names for forms and messages (built on call: the translator may load later)."""
    return {
        "title": tr("Title"), "description": tr("Description"), "geometry": tr("Geometry"),
        "road_name": tr("Road"), "planned_start": tr("Planned start"), "planned_end": tr("Planned end"),
        "actual_start": tr("Actual start"), "actual_end": tr("Actual end"), "status": tr("Status"),
        "restriction": tr("Restriction"), "direction": tr("Direction"), "lanes_closed": tr("Lanes closed"),
        "speed_limit": tr("Temporary speed limit (km/h)"), "responsible_body": tr("Responsible body"),
        "contractor": tr("Contractor"), "contact": tr("Contact"),
        "order_number": tr("Traffic order number (verkehrsrechtliche Anordnung)"), "notes": tr("Notes"),
        "detour": tr("Detour"), "external_id": tr("External id"),
    }


def status_labels() -> Dict[str, str]:
    return {"planned": tr("planned"), "approved": tr("approved"), "active": tr("active"),
            "completed": tr("completed"), "cancelled": tr("cancelled")}


def restriction_labels() -> Dict[str, str]:
    return {"full_closure": tr("full closure"), "one_lane": tr("one lane closed"),
            "lanes_one_direction": tr("lanes in one direction closed"), "shoulder": tr("shoulder closed"),
            "none": tr("no restriction")}


def direction_labels() -> Dict[str, str]:
    return {"both": tr("both directions"), "forward": tr("along the drawn direction"),
            "backward": tr("against the drawn direction")}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


class ValidationError(ValueError):
    """Input that cannot be saved; ``problems`` lists every reason (field, translated message)."""

    def __init__(self, problems: List[Problem]):
        self.problems = list(problems)
        super().__init__(" ".join(p.message for p in self.problems))

    @property
    def fields(self) -> List[str]:
        return [p.field for p in self.problems]


@dataclass
class Roadworks:
    """One construction site. ``id``/``version``/``updated_at`` are set by the store."""
    title: str
    geometry: Optional[BaseGeometry]
    planned_start: Optional[datetime] = None
    planned_end: Optional[datetime] = None
    actual_start: Optional[datetime] = None
    actual_end: Optional[datetime] = None
    status: str = "planned"
    restriction: str = "none"
    direction: str = "both"
    lanes_closed: Optional[int] = None
    speed_limit: Optional[int] = None
    description: Optional[str] = None
    road_name: Optional[str] = None
    responsible_body: Optional[str] = None
    contractor: Optional[str] = None
    contact: Optional[str] = None
    order_number: Optional[str] = None
    notes: Optional[str] = None
    detour: Optional[str] = None  # WKT of the chosen detour, EPSG:25832 (set by the detour check)
    external_id: Optional[str] = None  # id in the source it was imported from (e.g. a DATEX II record id)
    id: Optional[int] = None
    version: Optional[int] = None
    updated_at: Optional[datetime] = None

    # ------------------------------------------------------------------ store rows

    def to_row(self) -> dict:
        """Column values for the ``roadworks`` table (without id/version/updated_at)."""
        row = {name: getattr(self, name) for name in FIELDS if name != "geometry"}
        row["geom"] = self.geometry
        if row["direction"] is None:
            row["direction"] = "both"
        return row

    @classmethod
    def from_row(cls, row: dict) -> "Roadworks":
        values = {name: row.get(name) for name in FIELDS if name != "geometry"}
        values.update(geometry=row.get("geom"), id=row.get("id"), version=row.get("version"),
                      updated_at=row.get("updated_at"))
        if not values.get("status"):
            values["status"] = "planned"
        if not values.get("restriction"):
            values["restriction"] = "none"
        if not values.get("direction"):
            values["direction"] = "both"
        return cls(**values)

    def replace(self, **changes) -> "Roadworks":
        return dataclasses.replace(self, **changes)

    # ------------------------------------------------------------------ derived

    @property
    def start(self) -> Optional[datetime]:
        """When the site really occupies the road: the actual start if known, else the planned one."""
        return self.actual_start or self.planned_start

    @property
    def end(self) -> Optional[datetime]:
        """The actual end if known, else the planned one; None means open-ended."""
        return self.actual_end or self.planned_end

    def overlaps(self, start: Optional[datetime], end: Optional[datetime]) -> bool:
        """Does [self.start, self.end) overlap [start, end)? End-exclusive; None is unbounded."""
        my_start, my_end = self.start, self.end
        if end is not None and my_start is not None and my_start >= end:
            return False
        if start is not None and my_end is not None and my_end <= start:
            return False
        return True

    def validate(self) -> None:
        validate(self)


# ---------------------------------------------------------------------------- validation

def validate(works: Roadworks) -> None:
    """Raise ValidationError listing every problem of ``works`` (nothing is changed)."""
    problems: List[Problem] = []
    if not isinstance(works.title, str) or not works.title.strip():
        problems.append(Problem("title", tr("The title is empty.")))
    problems.extend(geometry_problems(works.geometry))
    problems.extend(_time_problems(works))
    problems.extend(_choice_problems(works))
    problems.extend(_number_problems(works))
    for name in TEXT_FIELDS:
        value = getattr(works, name)
        if value is not None and not isinstance(value, str):
            problems.append(Problem(name, tr("{label}: expected text.").format(label=field_labels()[name])))
    if problems:
        raise ValidationError(problems)


def geometry_problems(geom) -> List[Problem]:
    """Why ``geom`` cannot be a roadworks geometry (empty list if it can)."""
    if geom is None:
        return [Problem("geometry", tr("The geometry is missing: draw a line along the road or a polygon."))]
    if not isinstance(geom, BaseGeometry):
        return [Problem("geometry", tr("The geometry is not a shapely geometry."))]
    if geom.is_empty:  # before the type: shapely 1.8 calls an empty polygon a GeometryCollection
        return [Problem("geometry", tr("The geometry is empty."))]
    if geom.geom_type not in ("LineString", "Polygon"):
        return [Problem("geometry", tr("The geometry must be a line or a polygon, not a {kind}.").format(
            kind=geom.geom_type))]
    coords = _all_coords(geom)
    if not all(math.isfinite(v) for xy in coords for v in xy[:2]):
        return [Problem("geometry", tr("The geometry has coordinates that are not numbers."))]
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    if not (_NORTHING_RANGE[0] <= min(ys) and max(ys) <= _NORTHING_RANGE[1]
            and _EASTING_RANGE[0] <= min(xs) and max(xs) <= _EASTING_RANGE[1]):
        return [Problem("geometry", tr(
            "The coordinates are not EPSG:25832 metres (northing {y:.0f}): were longitude/latitude given?").format(
            y=min(ys)))]
    if geom.geom_type == "LineString":
        if geom.length <= 0.0:
            return [Problem("geometry", tr("The line needs at least two different points."))]
        return []
    if not geom.is_valid:
        return [Problem("geometry", _polygon_reason(geom))]
    if geom.area <= 0.0:
        return [Problem("geometry", tr("The polygon has no area."))]
    return []


def _polygon_reason(geom: Polygon) -> str:
    reason = explain_validity(geom)
    if reason.startswith("Self-intersection"):
        where = reason[reason.find("[") + 1:reason.rfind("]")].split()
        if len(where) >= 2:
            return tr("The polygon crosses itself near x = {x}, y = {y}; redraw its outline without "
                      "crossing lines.").format(x=_round(where[0]), y=_round(where[1]))
    return tr("The polygon is not valid: {reason}.").format(reason=reason)


def _round(text):
    try:
        return "%.1f" % float(text)
    except ValueError:
        return text


def _all_coords(geom) -> List[Tuple[float, ...]]:
    if geom.geom_type == "Polygon":
        coords = list(geom.exterior.coords)
        for ring in geom.interiors:
            coords.extend(ring.coords)
        return coords
    return list(geom.coords)


def _time_problems(works: Roadworks) -> List[Problem]:
    problems = []
    labels = field_labels()
    aware = {}
    for name in DATETIME_FIELDS:
        value = getattr(works, name)
        if value is None:
            continue
        if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
            problems.append(Problem(name, tr("{label}: not a date and time with a time zone.").format(
                label=labels[name])))
        else:
            aware[name] = value
    if works.planned_start is None:
        problems.append(Problem("planned_start", tr("The planned start is missing.")))
    for start, end, message in (
            ("planned_start", "planned_end", tr("The planned end ({end}) must be after the planned start ({start}).")),
            ("actual_start", "actual_end", tr("The actual end ({end}) must be after the actual start ({start})."))):
        if start in aware and end in aware and aware[end] <= aware[start]:
            problems.append(Problem(end, message.format(start=_show(aware[start]), end=_show(aware[end]))))
    if works.actual_end is not None and works.actual_start is None:
        problems.append(Problem("actual_start", tr("An actual end needs an actual start.")))
    return problems


def _show(value: datetime) -> str:
    return value.isoformat(timespec="minutes")


def _choice_problems(works: Roadworks) -> List[Problem]:
    problems = []
    for name, allowed, labels in (("status", STATUSES, status_labels()),
                                  ("restriction", RESTRICTIONS, restriction_labels()),
                                  ("direction", DIRECTIONS, direction_labels())):
        value = getattr(works, name)
        if value not in allowed:
            problems.append(Problem(name, tr("{label}: '{value}' is not one of: {allowed}.").format(
                label=field_labels()[name], value=value, allowed=", ".join(labels[a] for a in allowed))))
    return problems


def _number_problems(works: Roadworks) -> List[Problem]:
    problems = []
    for name, (low, high), message in (
            ("lanes_closed", LANES_CLOSED_RANGE,
             tr("Lanes closed must be a whole number from {low} to {high}, not {value}.")),
            ("speed_limit", SPEED_LIMIT_RANGE,
             tr("The temporary speed limit must be a whole number of km/h from {low} to {high}, not {value}."))):
        value = getattr(works, name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.append(Problem(name, message.format(low=low, high=high, value=value)))
    return problems


# ---------------------------------------------------------------------------- lifecycle

def transition_problem(old: str, new: str) -> Optional[Problem]:
    """Why the status cannot change from ``old`` to ``new`` (None if it can; staying put is fine)."""
    if old == new or old not in NEXT_STATUSES or new not in STATUSES:
        return None  # unknown values are reported by validate()
    allowed = NEXT_STATUSES[old]
    if new in allowed:
        return None
    labels = status_labels()
    if not allowed:
        return Problem("status", tr("The status '{old}' is final; it cannot change to '{new}'.").format(
            old=labels[old], new=labels[new]))
    return Problem("status", tr("The status cannot change from '{old}' to '{new}': from '{old}' it can only "
                                "become {allowed}.").format(old=labels[old], new=labels[new],
                                                            allowed=", ".join(labels[a] for a in allowed)))


def check_transition(old: str, new: str) -> None:
    problem = transition_problem(old, new)
    if problem is not None:
        raise ValidationError([problem])


# ---------------------------------------------------------------------------- helpers

def flat(geom: BaseGeometry) -> BaseGeometry:
    """The geometry without z (the table stores 2D)."""
    if geom is None or geom.is_empty or not geom.has_z:
        return geom
    return transform(lambda x, y, z=None: (x, y), geom)
