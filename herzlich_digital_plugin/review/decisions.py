"""One reviewer's session: claim items, decide, undo. Safe for many reviewers on one PostGIS.

Each decision is one short transaction that
  1. locks the detection (PostGIS ``FOR UPDATE``; GeoPackage ``BEGIN IMMEDIATE``) and checks that
     nobody else holds a live lease on it and that its status is still the one the reviewer saw;
  2. changes the derived state (detection.status / asset_id, the asset), assets only with
     optimistic locking on ``version``;
  3. appends one ``review_event`` (who, role, action, old → new as JSON, reason, shown_at,
     decided_at) and drops the session's lease.
Events are never changed: ``undo`` appends an 'undo' event that reverts the state.

A detection's status is the ``status`` in the ``new_value`` of its last event that has one
('new' without such an event): see consistency.py.
"""
import random
import time
import uuid
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

from ..store.errors import (ConflictError, NotFoundError, PermissionDeniedError, SchemaVersionError, StoreBusyError,
                            StoreError)
from . import assets as A
from . import leases
from .annotations import add_annotation, history as annotation_history
from .errors import ClassNeeded, Conflict, ItemTaken, with_author
from .filters import Counts, ReviewFilter, counts as filter_counts
from .items import ReviewItem, load_item, load_items, utc_now
from .neighbours import same_object
from .sqlfuncs import install
from .text import tr

REJECT_REASONS = ("false_positive", "duplicate", "not_visible", "wrong_box", "out_of_scope", "other")
DECIDING_ACTIONS = ("accept", "reject", "relabel", "move", "skip", "edit")
READ_ONLY_ROLES = ("viewer",)
REASSOCIATION_ACTOR = "re-association"  # actor of the merges a better triangulation triggers
_RETRIES = 8  # a PostGIS deadlock or lock timeout is retried this many times (busy machines need several)


def reject_reason_labels() -> Dict[str, str]:
    """Reason code → translated label, for the reject picker."""
    return {
        "false_positive": tr("No object there (false positive)"),
        "duplicate": tr("Duplicate detection"),
        "not_visible": tr("Not recognisable in the image"),
        "wrong_box": tr("Box does not fit the object"),
        "out_of_scope": tr("Not a public traffic sign or marking"),
        "other": tr("Other reason"),
    }


@dataclass
class Decision:
    event_id: int
    action: str
    detection_id: Optional[int]
    asset_id: Optional[int]
    status: Optional[str]  # the detection's status afterwards (None: unchanged / asset-only)
    asset_version: Optional[int] = None
    created_asset: bool = False
    item: Optional[ReviewItem] = None  # undo: the item to show again


@dataclass
class _Done:
    """The session's own decision, for undo."""
    event_id: int
    action: str
    detection_id: Optional[int]
    old: Dict
    new: Dict


@dataclass
class _Change:
    """What a decision function returns: the new detection state and the event's JSON."""
    status: Optional[str]
    asset_id: Optional[int]
    old: Dict
    new: Dict
    reason: Optional[str] = None
    created_asset: bool = False
    asset_version: Optional[int] = None
    event_asset_id: Optional[int] = None
    applied: bool = False  # the detection row was already updated by the decision function


@dataclass
class SessionStats:
    decisions: int = 0
    by_action: Dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    @property
    def per_minute(self) -> float:
        minutes = max((time.monotonic() - self.started) / 60.0, 1e-9)
        return self.decisions / minutes


class ReviewSession:
    """The API the review dock uses. Not thread-safe: one session per store connection.

    ``role`` is recorded with every event ("reviewer", "surveyor", "documentation"…); the role
    "viewer" may look but not decide. On PostGIS the database role decides in the end: a login
    without hd_reviewer gets a PermissionDeniedError with a clear message.
    """

    def __init__(self, store, reviewer: str, role: str = "reviewer", ttl_s: float = leases.DEFAULT_TTL_S,
                 session_id: Optional[str] = None):
        if not reviewer or not str(reviewer).strip():
            raise ValueError(tr("A review session needs the reviewer's name."))
        self.store = store
        self.reviewer = str(reviewer).strip()
        self.role = role
        self.ttl_s = float(ttl_s)
        self.session_id = session_id or uuid.uuid4().hex
        self.filter = ReviewFilter()
        self.order = "score"
        self.skipped: set = set()
        self.held: set = set()  # leased and handed out, not yet decided or released
        self.stats = SessionStats()
        self._done: List[_Done] = []
        self._last_position: Optional[Tuple[float, float]] = None
        _check_schema(store)
        install(store)

    # ------------------------------------------------------------------ queue

    def claim_next(self, flt: Optional[ReviewFilter] = None, order: Optional[str] = None, n: int = 4,
                   exclude: Sequence[int] = ()) -> List[ReviewItem]:
        """Lease and load the next ``n`` items (the GUI shows the first and preloads the rest).

        Items already handed out by this session and not decided yet, items skipped in this
        session and ``exclude`` are left out: call again with n=1 after each decision to refill.
        """
        self._check_role()
        if flt is not None:
            self.filter = flt
        if order is not None:
            leases._check_order(order)
            self.order = order
        skip = set(self.skipped) | self.held | {int(i) for i in exclude}
        flt = self.filter.with_(exclude_ids=tuple(sorted(skip | set(self.filter.exclude_ids))))
        ids = self._guard(lambda: leases.claim(self.store, self.session_id, self.reviewer, flt, self.order, n,
                                               self.ttl_s, self._last_position))
        items = load_items(self.store, ids)
        items.sort(key=self._sort_key)
        self.held.update(i.detection_id for i in items)
        if items and self.order == "walk":
            p = items[-1].panorama
            if p.get("x") is not None:
                self._last_position = (p["x"], p["y"])
        return items

    def _sort_key(self, item: ReviewItem):
        if self.order == "class":
            return (item.asset_class or "", item.vzkat_code or "", item.vzkat_value or "",
                    item.score if item.score is not None else -1.0, item.detection_id)
        if self.order == "walk":
            if self._last_position is None or item.panorama.get("x") is None:
                return (0.0, item.panorama_id, item.bbox[0], item.detection_id)
            x0, y0 = self._last_position
            return ((item.panorama["x"] - x0) ** 2 + (item.panorama["y"] - y0) ** 2, 0, item.bbox[0],
                    item.detection_id)
        return (item.score if item.score is not None else -1.0, item.detection_id)

    def item(self, detection_id: int) -> ReviewItem:
        """Load one detection as an item without leasing it (inspector selection)."""
        found = load_item(self.store, detection_id)
        if found is None:
            raise NotFoundError(tr("Detection {id} does not exist.").format(id=detection_id))
        return found

    def counts(self, flt: Optional[ReviewFilter] = None) -> Counts:
        return filter_counts(self.store, flt or self.filter)

    def renew(self) -> int:
        """Extend the session's leases (call while an item stays on screen for long)."""
        return self._guard(lambda: leases.renew(self.store, self.session_id, self.ttl_s))

    def release(self, items: Optional[Sequence[Union[ReviewItem, int]]] = None) -> int:
        """Give items back to the queue (all leases of the session when ``items`` is None)."""
        ids = None if items is None else [_detection_id(i) for i in items]
        released = self._guard(lambda: leases.release(self.store, self.session_id, ids))
        self.held = set() if ids is None else self.held - set(ids)
        return released

    def close(self) -> None:
        """Release every lease of the session (the store stays open)."""
        try:
            self.release()
        except PermissionDeniedError:
            pass

    # ------------------------------------------------------------------ decisions

    def accept(self, item: ReviewItem, shown_at=None, note: Optional[str] = None) -> Decision:
        """The detection is right: link it to the nearest same-class asset within 2 m, or a new one.

        ClassNeeded (nothing written) when the vendor's label maps to no class and the detection is not linked yet.
        """
        key = (item.asset_class, item.vzkat_code, item.vzkat_value)
        if not item.asset_class and item.asset_id is None:
            raise ClassNeeded(item)
        return self._decide(item, "accept", lambda cur: self._link(item, cur, key, "accepted", note), shown_at)

    def reject(self, item: ReviewItem, reason_code: str, note: Optional[str] = None, shown_at=None) -> Decision:
        """The detection is wrong (``reason_code`` from REJECT_REASONS)."""
        if reason_code not in REJECT_REASONS:
            raise ValueError(tr("Unknown reason code '{code}'; use one of: {codes}.").format(
                code=reason_code, codes=", ".join(REJECT_REASONS)))

        def change(cur):
            old = {"status": cur["status"], "asset_id": cur["asset_id"]}
            new = {"status": "rejected", "asset_id": None}
            if cur["asset_id"] is not None:
                new["asset"] = self._detach(cur["asset_id"], item.detection_id)
            if note:
                new["note"] = note
            return _Change("rejected", None, old, new, reason=reason_code, event_asset_id=cur["asset_id"])
        return self._decide(item, "reject", change, shown_at)

    def relabel(self, item: ReviewItem, code: Optional[str], value: Optional[str] = None,
                asset_class: Optional[str] = None, shown_at=None, note: Optional[str] = None) -> Decision:
        """The object is there but of another class: link it to an asset of the corrected class.

        The detection keeps the class the AI predicted (the report measures the AI by it); the
        corrected class is on the asset and in the event.
        """
        key = (asset_class or item.asset_class, code or None, value or None)
        if key == (item.asset_class, item.vzkat_code, item.vzkat_value):
            # Back to the AI's class: an accept, but a relabeled detection really moves to that class.
            return self._decide(item, "accept", lambda cur: self._link(item, cur, key, "accepted", note,
                                                                       same_class=True), shown_at)
        return self._decide(item, "relabel", lambda cur: self._link(item, cur, key, "relabeled", note), shown_at)

    def move(self, target: Union[ReviewItem, int, Dict], position: Tuple[float, float],
             expected_version: Optional[int] = None, shown_at=None) -> Decision:
        """Place an asset by hand (position_source 'manual').

        ``target``: an undecided item (it is accepted and its asset placed at ``position``), an
        accepted item (its asset moves) or an asset id / row. Moving an asset checks
        ``expected_version`` (default: the version in the given row, else the current one).
        """
        x, y = float(position[0]), float(position[1])
        if isinstance(target, ReviewItem):
            if target.asset_id is None and target.status == "new":
                key = (target.asset_class, target.vzkat_code, target.vzkat_value)
                return self._decide(target, "move",
                                    lambda cur: self._link(target, cur, key, "accepted", None, (x, y)), shown_at)
            if target.asset_id is None:
                raise ValueError(tr("Only an accepted detection has an asset to move."))
            asset_id = target.asset_id
        elif isinstance(target, dict):
            asset_id = target["id"]
            expected_version = expected_version if expected_version is not None else target.get("version")
        else:
            asset_id = int(target)
        from shapely.geometry import Point
        return self.edit_asset(asset_id, expected_version, {"geom": Point(x, y), "position_source": A.MANUAL,
                                                            "position_accuracy": None}, action="move")

    def skip(self, item: ReviewItem) -> Decision:
        """Not now: the item goes back to the queue for others and is not offered to this session again."""
        def change(cur):
            return _Change(None, cur["asset_id"], {"status": cur["status"]}, {"skipped": True})
        decision = self._decide(item, "skip", change, None)
        self.skipped.add(item.detection_id)
        return decision

    def edit_asset(self, asset_id: int, expected_version: Optional[int], changes: Dict,
                   action: str = "edit") -> Decision:
        """Change asset columns (class, condition, position…) with optimistic locking.

        With ``expected_version`` (the version the user saw) a concurrent change raises Conflict
        with both versions; None means "whatever is stored now" (still atomic).
        """
        self._check_role()
        allowed = {"asset_class", "vzkat_code", "vzkat_value", "direction", "condition", "lifecycle_status",
                   "position_source", "position_accuracy", "height", "size", "geom"}
        bad = set(changes) - allowed
        if bad:
            raise ValueError(tr("These asset fields cannot be edited here: {fields}").format(
                fields=", ".join(sorted(bad))))

        def run():
            with self.store.transaction():
                before = A.get_asset(self.store, asset_id, lock=True)
                if before is None:
                    raise NotFoundError(tr("Asset {id} does not exist.").format(id=asset_id))
                base = before["version"] if expected_version is None else int(expected_version)
                values = dict(changes, updated_at=utc_now())
                try:
                    after = self.store.update("asset", asset_id, values, expected_version=base)
                except ConflictError as exc:
                    raise with_author(self.store, Conflict(exc.current_row, _jsonable(changes), base),
                                      asset_id) from None
                old = {"asset": _fields(before, changes)}
                new = {"asset": _fields(after, changes)}
                event_id = self._event(None, asset_id, action, old, new, None, None)
            return before, after, event_id

        before, after, event_id = self._guard(run)
        self._remember(event_id, action, None, {"asset": _fields(before, changes)},
                       {"asset": _fields(after, changes)})
        return Decision(event_id, action, None, asset_id, None, after["version"])

    def undo(self) -> Optional[Decision]:
        """Revert the session's last decision with an 'undo' event; None when there is nothing to undo.

        The undone item is leased again and returned in ``Decision.item`` to be shown again.
        Raises Conflict when the state changed since (e.g. the asset was edited by someone else).
        """
        self._check_role()
        if not self._done:
            return None
        done = self._done[-1]
        decision = self._guard(lambda: self._undo(done))
        self._done.pop()
        if done.detection_id is not None:
            self.held.add(done.detection_id)
        if done.action == "skip":
            self.skipped.discard(done.detection_id)
        return decision

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    def forget_last(self) -> None:
        """Drop the last decision from the undo stack without undoing it (e.g. after an undo Conflict)."""
        if self._done:
            self._done.pop()

    # ------------------------------------------------------------------ annotations, history

    def annotate(self, asset_id: int, note: Optional[str] = None, condition: Optional[str] = None,
                 photos: Sequence = (), snapshot_path=None, expected_version: Optional[int] = None) -> Dict:
        """Note / condition / photos / snapshot for an asset (see annotations.add_annotation)."""
        self._check_role()
        return self._guard(lambda: add_annotation(self.store, asset_id, self.reviewer, note, condition, photos,
                                                  snapshot_path, self.role, expected_version))

    def history(self, asset_id: Optional[int] = None, detection_id: Optional[int] = None):
        return annotation_history(self.store, asset_id=asset_id, detection_id=detection_id)

    # ------------------------------------------------------------------ merge and split

    def merge_assets(self, keep_id: int, other_id: int) -> Dict:
        """Two assets are one real object: ``other_id``'s views move to ``keep_id`` (see merge.py)."""
        from .merge import merge_assets
        self._check_role()
        return self._guard(lambda: merge_assets(self.store, keep_id, other_id, self.reviewer, self.role))

    def split_asset(self, asset_id: int, detection_ids: Sequence[int]) -> Dict:
        """These views of the asset show another object: they get a new asset of the same class."""
        from .merge import split_asset
        self._check_role()
        return self._guard(lambda: split_asset(self.store, asset_id, detection_ids, self.reviewer, self.role))

    # ------------------------------------------------------------------ neighbours

    def neighbours(self, item: ReviewItem, radius_m: float = 10.0, panorama_radius_m: float = 30.0,
                   limit: int = 12) -> List[Dict]:
        """The same object in neighbouring panoramas (see neighbours.py)."""
        return same_object(self.store, item, radius_m, panorama_radius_m, limit)

    # ------------------------------------------------------------------ internals

    def _check_role(self):
        if self.role in READ_ONLY_ROLES:
            raise PermissionDeniedError(tr("The role '{role}' may look at detections but not decide on them.")
                                        .format(role=self.role))

    def _guard(self, fn):
        """Run fn, retrying deadlocks; turn a database permission error into a clear message."""
        for attempt in range(_RETRIES):
            try:
                return fn()
            except PermissionDeniedError as exc:
                raise PermissionDeniedError(tr(
                    "Your database user may not record review decisions. Reviewing needs the role hd_reviewer "
                    "(ask your administrator). Database message: {error}").format(error=exc)) from exc
            except StoreBusyError:
                if attempt == _RETRIES - 1 or self.store.in_transaction:
                    raise
                time.sleep(0.02 * (attempt + 1) + random.uniform(0, 0.05))  # nosec B311 - jitter, not crypto

    def _decide(self, item: ReviewItem, action: str, change_fn, shown_at) -> Decision:
        self._check_role()

        def run():
            with self.store.transaction():
                cur = self._lock_detection(item.detection_id)
                self._check_free(item, cur)
                change = change_fn(cur)
                if change.status is not None and not change.applied and (
                        change.status != cur["status"] or change.asset_id != cur["asset_id"]):
                    self.store.update("detection", item.detection_id,
                                      {"status": change.status, "asset_id": change.asset_id})
                asset_id = change.event_asset_id if change.event_asset_id is not None else change.asset_id
                event_id = self._event(item.detection_id, asset_id, action, change.old, change.new,
                                       change.reason, shown_at or item.shown_at)
                leases.release(self.store, self.session_id, [item.detection_id])
            return change, event_id

        change, event_id = self._guard(run)
        self.held.discard(item.detection_id)
        self._remember(event_id, action, item.detection_id, change.old, change.new)
        if change.status is not None:
            item.status = change.status
            item.asset_id = change.asset_id
        return Decision(event_id, action, item.detection_id, change.asset_id, change.status, change.asset_version,
                        change.created_asset)

    def _lock_detection(self, detection_id: int) -> Dict:
        rows = self.store.query(
            f"SELECT id, status, asset_id, asset_class, vzkat_code, vzkat_value FROM "  # nosec B608
            f"{self.store.table_ref('detection')} WHERE id = %s{A.lock_sql(self.store)}", (int(detection_id),))
        if not rows:
            raise NotFoundError(tr("Detection {id} does not exist.").format(id=detection_id))
        rows[0]["status"] = rows[0]["status"] or "new"
        return rows[0]

    def _check_free(self, item: ReviewItem, cur: Dict):
        lease = leases.active_lease(self.store, item.detection_id)
        if lease is not None and lease["session_id"] != self.session_id:
            raise ItemTaken(cur, tr("{reviewer} is reviewing detection {id} right now.").format(
                reviewer=lease["reviewer"], id=item.detection_id))
        if cur["status"] != item.status or cur["asset_id"] != item.asset_id:
            last = self.store.query(
                f"SELECT actor FROM {self.store.table_ref('review_event')} WHERE detection_id = %s "  # nosec B608
                "ORDER BY id DESC LIMIT 1", (item.detection_id,))
            who = last[0]["actor"] if last else "?"
            raise ItemTaken(cur, tr("Detection {id} was decided by {reviewer} in the meantime (now '{status}').")
                            .format(id=item.detection_id, reviewer=who, status=cur["status"]))

    def _link(self, item: ReviewItem, cur: Dict, key, status: str, note, position=None,
              same_class: bool = False) -> _Change:
        """Accept/relabel/move-place: link the detection to a matching or new asset.

        ``same_class``: only an asset of exactly ``key`` counts as confirmed (a relabel back to the AI's class).
        """
        confirmed = self._confirmation(cur, key, status, note, position, same_class)
        if confirmed is not None:
            return confirmed
        old = {"status": cur["status"], "asset_id": cur["asset_id"]}
        new: Dict = {"status": status}
        if status == "relabeled":
            old["class"] = {"asset_class": item.asset_class, "vzkat_code": item.vzkat_code,
                            "vzkat_value": item.vzkat_value}
            new["class"] = {"asset_class": key[0], "vzkat_code": key[1], "vzkat_value": key[2]}
        if cur["asset_id"] is not None:  # re-deciding an accepted detection: leave its old asset first
            new["previous_asset"] = self._detach(cur["asset_id"], item.detection_id)
        obs = item.observation()
        match, distance = A.find_match(self.store, key, obs, item.position, position)
        created = match is None
        if created:
            after = A.create_asset(self.store, key, obs, item.position, position)
            asset = {"id": after["id"], "created": True, "version_before": None, "version_after": after["version"]}
            self.store.update("detection", item.detection_id, {"status": status, "asset_id": after["id"]})
        else:
            self.store.update("detection", item.detection_id, {"status": status, "asset_id": match["id"]})
            if position is not None:
                from shapely.geometry import Point
                before = A.get_asset(self.store, match["id"], lock=True)
                after = self.store.update("asset", match["id"], {
                    "geom": Point(*position), "position_source": A.MANUAL, "position_accuracy": None,
                    "updated_at": utc_now()}, expected_version=before["version"])
            else:
                before, after = A.retriangulate(self.store, match["id"])
            asset = {"id": after["id"], "created": False, "version_before": before["version"],
                     "version_after": after["version"], "distance_m": round(distance, 3)}
            if position is None:
                # A better triangulation: one-view assets of the same object made earlier join this one.
                from .merge import absorb_single_views
                # Recorded as the system's doing (the reviewer decided only the accept; the login shows who ran it).
                absorbed = absorb_single_views(self.store, after, REASSOCIATION_ACTOR, "system")
                if absorbed:
                    after = A.get_asset(self.store, after["id"])
                    asset.update(absorbed=absorbed, version_after=after["version"])
        g = after.get("geom")
        asset.update(geom=None if g is None else [round(g.x, 3), round(g.y, 3)],
                     position_source=after.get("position_source"))
        new.update(asset_id=after["id"], asset=asset)
        if note:
            new["note"] = note
        return _Change(status, after["id"], old, new, created_asset=created, asset_version=after["version"],
                       applied=True)

    def _confirmation(self, cur: Dict, key, status: str, note, position, same_class=False) -> Optional[_Change]:
        """A second accept (or same-class relabel) of a linked detection: a recorded second opinion.

        Nothing but the event is written: the asset (position, condition, notes, photos), its version and the
        detection's link stay as they are, so a four-eyes pass leaves the register unchanged.
        """
        if position is not None or cur["asset_id"] is None or cur["status"] not in A.LINKED_STATUSES:
            return None
        asset = A.get_asset(self.store, cur["asset_id"])
        if asset is None or asset.get("lifecycle_status") == A.WITHDRAWN:
            return None
        # Accept confirms what the detection is linked to (also a relabeled one); a relabel to another class
        # than the asset's is a real correction and goes the normal way.
        if (status != "accepted" or same_class) and (asset["asset_class"], asset.get("vzkat_code"),
                                                     asset.get("vzkat_value")) != tuple(key):
            return None
        state = {"status": cur["status"], "asset_id": cur["asset_id"]}
        new = dict(state, confirms=status, asset={"id": asset["id"], "version": asset["version"]})
        if note:
            new["note"] = note
        return _Change(cur["status"], cur["asset_id"], dict(state), new, asset_version=asset["version"],
                       applied=True)

    def _detach(self, asset_id: int, detection_id: int) -> Dict:
        before, after = A.retriangulate(self.store, asset_id, exclude_detection=detection_id)
        return {"id": asset_id, "version_before": before["version"], "version_after": after["version"],
                "lifecycle_status": after.get("lifecycle_status")}

    def _event(self, detection_id, asset_id, action, old, new, reason, shown_at) -> int:
        return self.store.insert("review_event", {
            "detection_id": detection_id, "asset_id": asset_id, "actor": self.reviewer, "role": self.role,
            "action": action, "old_value": _jsonable(old), "new_value": _jsonable(new), "reason": reason,
            "shown_at": shown_at, "decided_at": utc_now()})

    def _remember(self, event_id, action, detection_id, old, new):
        self._done.append(_Done(event_id, action, detection_id, old, new))
        self.stats.decisions += 1
        self.stats.by_action[action] = self.stats.by_action.get(action, 0) + 1

    # ------------------------------------------------------------------ undo

    def _undo(self, done: _Done) -> Decision:
        with self.store.transaction():
            if done.detection_id is None:  # an asset edit or move
                return self._undo_asset_edit(done)
            cur = self._lock_detection(done.detection_id)
            new, old = done.new, done.old
            lease = leases.active_lease(self.store, done.detection_id)
            if lease is not None and lease["session_id"] != self.session_id:
                raise ItemTaken(cur, tr("{reviewer} is reviewing detection {id} right now; your decision cannot "
                                        "be undone.").format(reviewer=lease["reviewer"], id=done.detection_id))
            if "status" not in new and cur["status"] != old.get("status"):
                raise ItemTaken(cur, tr("Detection {id} was decided by someone else after you skipped it.")
                                .format(id=done.detection_id))
            if "confirms" in new:  # a second opinion changed nothing; its undo only records itself
                restored = {"status": cur["status"], "asset_id": cur["asset_id"]}
                undo_new = {"undoes": done.event_id, **restored}
                asset_id = cur["asset_id"]
            elif "status" in new:
                if cur["status"] != new["status"] or cur["asset_id"] != new.get("asset_id"):
                    raise Conflict(cur, {"undo": done.event_id}, None, tr(
                        "Detection {id} changed since your decision; it cannot be undone.").format(
                        id=done.detection_id))
                restored = {"status": old["status"], "asset_id": old.get("asset_id")}
                self.store.update("detection", done.detection_id, restored)
                undo_new = {"undoes": done.event_id, **restored}
                if new.get("asset_id") is not None:
                    undo_new["asset"] = self._detach(new["asset_id"], done.detection_id)
                if old.get("asset_id") is not None:
                    before, after = A.retriangulate(self.store, old["asset_id"])
                    undo_new["previous_asset"] = {"id": after["id"], "version_before": before["version"],
                                                  "version_after": after["version"]}
                asset_id = new.get("asset_id") or old.get("asset_id")
            else:  # skip
                restored, undo_new, asset_id = None, {"undoes": done.event_id}, cur["asset_id"]
            event_id = self._event(done.detection_id, asset_id, "undo", {"status": cur["status"],
                                   "asset_id": cur["asset_id"]}, undo_new, done.action, None)
            # Lease the item again: the reviewer is about to look at it.
            leases.take(self.store, self.session_id, self.reviewer, done.detection_id, self.ttl_s)
        item = load_item(self.store, done.detection_id)
        return Decision(event_id, "undo", done.detection_id, asset_id,
                        restored["status"] if restored else None, item=item)

    def _undo_asset_edit(self, done: _Done) -> Decision:
        wanted, had = done.old["asset"], done.new["asset"]
        asset_id = had["id"]
        cur = A.get_asset(self.store, asset_id, lock=True)
        if cur is None or cur["version"] != had["version"]:
            raise Conflict(cur or {"id": asset_id}, {k: v for k, v in wanted.items() if k not in ("id", "version")},
                           had["version"], tr("Asset {id} was changed after this edit (it is now at version "
                                              "{version}); undo would overwrite that change.").format(
                               id=asset_id, version=(cur or {}).get("version")))
        values = {k: v for k, v in wanted.items() if k not in ("id", "version")}
        if "geom" in values and values["geom"] is not None:
            from shapely.geometry import Point
            values["geom"] = Point(*values["geom"])
        values["updated_at"] = utc_now()
        after = self.store.update("asset", asset_id, values, expected_version=cur["version"])
        event_id = self._event(None, asset_id, "undo", {"asset": _fields(cur, wanted)},
                               {"undoes": done.event_id, "asset": _fields(after, wanted)}, done.action, None)
        return Decision(event_id, "undo", None, asset_id, None, after["version"])


def _check_schema(store) -> None:
    """A store made by a development version before review_lease existed: say so instead of failing later."""
    try:
        store.query(f"SELECT id FROM {store.table_ref('review_lease')} WHERE id = %s", (0,))  # nosec B608
    except PermissionDeniedError:
        pass  # a viewer may not even read it on some setups; deciding will explain
    except StoreError as exc:
        raise SchemaVersionError(tr("{store} has no review_lease table: it was created by an older development "
                                    "version of Herzlich Digital. Build the demo city again, or set up the shared "
                                    "database in a new, empty database.").format(store=store.describe())) from exc


def _detection_id(item) -> int:
    return item.detection_id if isinstance(item, ReviewItem) else int(item)


def _fields(row: Dict, names) -> Dict:
    """id, version and the named fields of an asset row, JSON-ready (geometry as [x, y])."""
    out = {"id": row["id"], "version": row["version"]}
    for name in names:
        if name in ("id", "version", "updated_at"):
            continue
        value = row.get(name)
        if name == "geom" and value is not None:
            value = [round(value.x, 3), round(value.y, 3)]
        out[name] = value
    return out


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "geom_type"):
        return [round(value.x, 3), round(value.y, 3)] if value.geom_type == "Point" else value.wkt
    return value
