"""Reading and writing roadworks: every change writes its history in the same short transaction.

    works = create(store, Roadworks(title=..., geometry=line, planned_start=...), actor="m.muster")
    works = update(store, works.id, {"speed_limit": 30}, expected_version=works.version, actor="m.muster")
    works = transition(store, works.id, "approved", expected_version=works.version, actor="m.muster")

Optimistic locking: ``update``/``transition`` name the version they edited; if the row has moved on
in the meantime, RoadworksConflictError (a store ConflictError) says both versions and nothing is
written. Validation problems raise ValidationError before anything is written.
"""
import getpass
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Dict, List, Optional

from shapely import wkt as shapely_wkt

from ..store import ConflictError, NotFoundError
from ..store.values import aware_utc, datetime_text
from .exchange_text import tr
from .model import (DATETIME_FIELDS, FIELDS, TEXT_FIELDS, Problem, Roadworks, ValidationError, flat,
                    transition_problem, validate)

TABLE = "roadworks"
HISTORY_TABLE = "roadworks_history"
WKT_DECIMALS = 3  # history keeps geometries to the millimetre


class RoadworksConflictError(ConflictError):
    """Somebody saved the roadworks after it was loaded: ``expected_version`` vs ``current_version``."""

    def __init__(self, current_row: dict, expected_version: int):
        self.expected_version = expected_version
        self.current_version = current_row.get("version")
        super().__init__(current_row, tr(
            "Roadworks {id} was changed by someone else in the meantime: you edited version {expected}, the "
            "store now holds version {current}. Reload it and apply your change again.").format(
            id=current_row.get("id"), expected=expected_version, current=self.current_version))


@dataclass(frozen=True)
class HistoryEntry:
    actor: str
    changed_at: datetime
    action: str  # create, update, transition, import
    version: Optional[int]  # the row's version after the change
    old: Dict[str, object]  # changed fields before (JSON values: ISO times, WKT geometry); {} on create
    new: Dict[str, object]  # changed fields after


def default_actor() -> str:
    """The operating-system user, for changes made without a named editor (imports, scripts)."""
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError):  # no passwd entry (containers) or no login name
        return "unknown"


# ---------------------------------------------------------------------------- reading

def get(store, works_id: int) -> Roadworks:
    """The roadworks with this id; NotFoundError if there is none."""
    row = store.get(TABLE, works_id)
    if row is None:
        raise NotFoundError(tr("There are no roadworks with id {id}.").format(id=works_id))
    return Roadworks.from_row(row)


def find_by_external_id(store, external_id: str) -> Optional[Roadworks]:
    rows = store.select(TABLE, {"external_id": external_id}, limit=1)
    return Roadworks.from_row(rows[0]) if rows else None


def list_roadworks(store, status=None, start: Optional[datetime] = None, end: Optional[datetime] = None,
                   bbox=None) -> List[Roadworks]:
    """Roadworks filtered by status (one or a list), by a time window and by a bbox (xmin, ymin, xmax, ymax).

    The time window is end-exclusive and compares the works' effective period (actual times where
    known, else planned; no end = open-ended). Sorted by start, then id.
    """
    where = None
    if status is not None:
        where = {"status": [status] if isinstance(status, str) else list(status)}
    rows = store.in_bbox(TABLE, *bbox, where=where) if bbox is not None else store.select(TABLE, where)
    works = [Roadworks.from_row(r) for r in rows]
    if start is not None or end is not None:
        works = [w for w in works if w.overlaps(start, end)]
    far = datetime.max.replace(tzinfo=timezone.utc)
    return sorted(works, key=lambda w: (w.start or far, w.id))


def history(store, works_id: int) -> List[HistoryEntry]:
    """Every change of one roadworks, oldest first."""
    rows = store.select(HISTORY_TABLE, {"roadworks_id": works_id}, order_by=["changed_at", "id"])
    return [HistoryEntry(actor=r["actor"], changed_at=r["changed_at"], action=r.get("action") or "update",
                         version=r.get("version"), old=r.get("old_value") or {}, new=r.get("new_value") or {})
            for r in rows]


# ---------------------------------------------------------------------------- writing

def create(store, works: Roadworks, actor: str, action: str = "create", now: Optional[datetime] = None) -> Roadworks:
    """Validate and insert ``works`` with its first history entry; returns it as stored (version 1)."""
    _check_actor(actor)
    works = normalised(works)
    validate(works)
    now = _now(now)
    row = works.to_row()
    row.update(version=1, updated_at=now)
    with store.transaction():
        new_id = store.insert(TABLE, row)
        new = {name: to_json(name, getattr(works, name)) for name in FIELDS if getattr(works, name) is not None}
        _write_history(store, new_id, actor, now, action, 1, {}, new)
    return get(store, new_id)


def update(store, works_id: int, changes: dict, expected_version: int, actor: str, action: str = "update",
           now: Optional[datetime] = None) -> Roadworks:
    """Change fields of one roadworks; history records only what really changed.

    The status may only follow the lifecycle. Returns the stored roadworks (unchanged, with no new
    version and no history, when ``changes`` change nothing).
    """
    _check_actor(actor)
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ValueError(f"roadworks has no editable field(s) {', '.join(unknown)}")
    now = _now(now)
    with store.transaction():
        row = store.get(TABLE, works_id)
        if row is None:
            raise NotFoundError(tr("There are no roadworks with id {id}.").format(id=works_id))
        if row.get("version") != expected_version:
            raise RoadworksConflictError(row, expected_version)
        current = Roadworks.from_row(row)
        proposed = normalised(current.replace(**changes))
        problems: List[Problem] = []
        try:
            validate(proposed)
        except ValidationError as error:
            problems.extend(error.problems)
        problem = transition_problem(current.status, proposed.status)
        if problem is not None:
            problems.append(problem)
        if problems:
            raise ValidationError(problems)
        changed = [name for name in FIELDS if not _same(name, getattr(current, name), getattr(proposed, name))]
        if not changed:
            return current
        values = {("geom" if name == "geometry" else name): getattr(proposed, name) for name in changed}
        values["updated_at"] = now
        try:
            stored = store.update(TABLE, works_id, values, expected_version=expected_version)
        except ConflictError as error:  # a writer slipped in between our read and our update
            raise RoadworksConflictError(error.current_row, expected_version) from error
        _write_history(store, works_id, actor, now, action, stored["version"],
                       {name: to_json(name, getattr(current, name)) for name in changed},
                       {name: to_json(name, getattr(proposed, name)) for name in changed})
    return Roadworks.from_row(stored)


def transition(store, works_id: int, new_status: str, expected_version: int, actor: str,
               at: Optional[datetime] = None) -> Roadworks:
    """Move along the lifecycle. Becoming active sets the actual start, completing the actual end
    (to ``at``, default now) unless they are already known."""
    when = _now(at)
    current = get(store, works_id)
    changes = {"status": new_status}
    if new_status == "active" and current.actual_start is None:
        changes["actual_start"] = when
    if new_status == "completed" and current.actual_end is None:
        changes["actual_end"] = when
        if current.actual_start is None:
            changes["actual_start"] = current.planned_start
    return update(store, works_id, changes, expected_version, actor, action="transition", now=when)


# ---------------------------------------------------------------------------- values

def normalised(works: Roadworks) -> Roadworks:
    """Times in UTC to the millisecond (as stored), 2D geometry, blank optional texts as None."""
    changes = {}
    for name in DATETIME_FIELDS:
        value = getattr(works, name)
        if isinstance(value, datetime) and value.tzinfo is not None and value.utcoffset() is not None:
            changes[name] = aware_utc(value)
    for name in TEXT_FIELDS:
        value = getattr(works, name)
        if isinstance(value, str):
            value = value.strip()
            changes[name] = value if value or name == "title" else None
    if works.geometry is not None and hasattr(works.geometry, "has_z"):
        changes["geometry"] = flat(works.geometry)
    return works.replace(**changes)


def to_json(name: str, value):
    """A field value as history JSON: ISO 8601 UTC for times, WKT (mm) for geometries."""
    if value is None:
        return None
    if name in DATETIME_FIELDS:
        return datetime_text(value)
    if name == "geometry":
        return shapely_wkt.dumps(value, trim=True, rounding_precision=WKT_DECIMALS)
    return value


def _same(name: str, a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if name == "geometry":
        return a.geom_type == b.geom_type and a.equals_exact(b, 1e-6)
    if name in DATETIME_FIELDS:
        return aware_utc(a) == aware_utc(b)
    return a == b


def _write_history(store, works_id, actor, now, action, version, old, new):
    store.insert(HISTORY_TABLE, {"roadworks_id": works_id, "actor": actor, "changed_at": now, "action": action,
                                 "version": version, "old_value": old, "new_value": new})


def _check_actor(actor):
    if not isinstance(actor, str) or not actor.strip():
        raise ValidationError([Problem("actor", tr("Who makes the change is missing (actor)."))])


def _now(value: Optional[datetime] = None) -> datetime:
    return aware_utc(value or datetime.now(timezone.utc))
