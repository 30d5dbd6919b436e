"""Merge two assets that are one real object, split views off an asset that mixes objects; find merge candidates.

Each runs in one transaction and leaves a full history: every detection that changes asset gets its own
'merge' / 'split' review_event (status unchanged, new asset id: the state the database checks against), the
assets get one event each. The merged-away asset is withdrawn, never deleted; annotations stay where they were
made and the history of the kept asset lists the merge. Positions are recomputed unless placed by hand or
surveyed (assets.position_is_kept).
"""
import math
from typing import Dict, List, Optional, Sequence, Tuple

from ..store.errors import NotFoundError
from . import assets as A
from .items import utc_now
from .text import tr


def _event(store, actor, role, action, detection_id, asset_id, old, new):
    return store.insert("review_event", {
        "detection_id": detection_id, "asset_id": asset_id, "actor": actor, "role": role, "action": action,
        "old_value": old, "new_value": new, "decided_at": utc_now()})


def _linked(store, asset_id) -> List[Dict]:
    return [r for r in store.query(f"SELECT id, status FROM {store.table_ref('detection')} "  # nosec B608
                                   "WHERE asset_id = %s ORDER BY id", (int(asset_id),))
            if r["status"] in A.LINKED_STATUSES]


def _live(store, asset_id) -> Dict:
    row = A.get_asset(store, asset_id, lock=True)
    if row is None:
        raise NotFoundError(tr("Asset {id} does not exist.").format(id=asset_id))
    if row.get("lifecycle_status") == A.WITHDRAWN:
        raise ValueError(tr("Asset {id} is withdrawn and cannot be merged or split.").format(id=asset_id))
    return row


def _key(row):
    return (row["asset_class"], row.get("vzkat_code"), row.get("vzkat_value"))


def merge_assets(store, keep_id: int, other_id: int, actor: str, role: str = "reviewer") -> Dict:
    """Move every accepted view of ``other_id`` to ``keep_id`` and withdraw ``other_id``.

    Both must be live and of the same class; returns {kept, withdrawn, moved (detection ids), event_ids}.
    """
    keep_id, other_id = int(keep_id), int(other_id)
    if keep_id == other_id:
        raise ValueError(tr("An asset cannot be merged with itself."))
    with store.transaction():
        first, second = sorted((keep_id, other_id))  # one lock order: no deadlock between two merges
        rows = {first: _live(store, first), second: _live(store, second)}
        keep, other = rows[keep_id], rows[other_id]
        if _key(keep) != _key(other):
            raise ValueError(tr("Only assets of the same class can be merged ({a} vs {b}).").format(
                a=" ".join(p for p in _key(keep) if p), b=" ".join(p for p in _key(other) if p)))
        moved, events = [], []
        for d in _linked(store, other_id):
            store.update("detection", d["id"], {"asset_id": keep_id})
            events.append(_event(store, actor, role, "merge", d["id"], keep_id,
                                 {"status": d["status"], "asset_id": other_id},
                                 {"status": d["status"], "asset_id": keep_id, "merged_from": other_id}))
            moved.append(d["id"])
        _, kept = A.retriangulate(store, keep_id)
        _, gone = A.retriangulate(store, other_id)  # no views left: withdrawn
        if gone.get("lifecycle_status") != A.WITHDRAWN:
            gone = store.update("asset", other_id, {"lifecycle_status": A.WITHDRAWN, "updated_at": utc_now()},
                                expected_version=gone["version"])
        events.append(_event(store, actor, role, "merge", None, keep_id, {"asset": A.asset_summary(keep)},
                             {"asset": A.asset_summary(kept), "merged_from": other_id, "detections": moved}))
        events.append(_event(store, actor, role, "merge", None, other_id, {"asset": A.asset_summary(other)},
                             {"asset": A.asset_summary(gone), "merged_into": keep_id}))
    return {"kept": keep_id, "withdrawn": other_id, "moved": moved, "event_ids": events}


def split_asset(store, asset_id: int, detection_ids: Sequence[int], actor: str, role: str = "reviewer") -> Dict:
    """Move the given accepted views of ``asset_id`` to a new asset of the same class (they show another object).

    Returns {asset_id, new_asset_id, moved, event_ids}. At least one view must stay with the old asset.
    """
    asset_id = int(asset_id)
    wanted = sorted({int(i) for i in detection_ids})
    with store.transaction():
        old = _live(store, asset_id)
        linked = {d["id"]: d for d in _linked(store, asset_id)}
        foreign = [i for i in wanted if i not in linked]
        if not wanted or foreign:
            raise ValueError(tr("Detections {ids} are not accepted views of asset {id}.").format(
                ids=", ".join(str(i) for i in foreign) or "–", id=asset_id))
        if len(wanted) == len(linked):
            raise ValueError(tr("At least one view must stay with asset {id}; to move all of them, merge the "
                                "asset instead.").format(id=asset_id))
        obs = [o for o in A.observations(store, asset_id) if o.detection_id in wanted]
        first = obs[0] if obs else None
        new = A.create_asset(store, _key(old), first, fallback=None if first else (old["geom"].x, old["geom"].y))
        events = []
        for i in wanted:
            store.update("detection", i, {"asset_id": new["id"]})
            events.append(_event(store, actor, role, "split", i, new["id"],
                                 {"status": linked[i]["status"], "asset_id": asset_id},
                                 {"status": linked[i]["status"], "asset_id": new["id"], "split_from": asset_id}))
        _, new_after = A.retriangulate(store, new["id"])
        _, old_after = A.retriangulate(store, asset_id)
        events.append(_event(store, actor, role, "split", None, asset_id, {"asset": A.asset_summary(old)},
                             {"asset": A.asset_summary(old_after), "split_into": new["id"], "detections": wanted}))
        events.append(_event(store, actor, role, "split", None, new["id"], {"asset": None},
                             {"asset": A.asset_summary(new_after), "split_from": asset_id, "detections": wanted}))
    return {"asset_id": asset_id, "new_asset_id": new["id"], "moved": wanted, "event_ids": events}


def merge_candidates(store, radius_m: float = A.MATCH_RADIUS_M,
                     asset_ids: Optional[Sequence[int]] = None) -> List[Tuple[int, int, float]]:
    """(kept, other, distance) for pairs of live assets of the same class closer than ``radius_m``.

    The one with more views is kept (then the lower id); each asset appears in at most one pair.
    """
    rows = [r for r in store.select("asset", order_by="id")
            if r.get("lifecycle_status") != A.WITHDRAWN and r.get("geom") is not None]
    if asset_ids is not None:
        wanted = {int(i) for i in asset_ids}
        rows = [r for r in rows if r["id"] in wanted]
    views: Dict[int, int] = {}
    for r in store.query(f"SELECT asset_id, status FROM {store.table_ref('detection')} "  # nosec B608
                         "WHERE asset_id IS NOT NULL"):
        if r["status"] in A.LINKED_STATUSES:
            views[r["asset_id"]] = views.get(r["asset_id"], 0) + 1
    cell: Dict[tuple, List[Dict]] = {}
    for r in rows:
        cell.setdefault((_key(r), math.floor(r["geom"].x / radius_m), math.floor(r["geom"].y / radius_m)), []).append(r)
    pairs = []
    for r in rows:
        k, cx, cy = _key(r), math.floor(r["geom"].x / radius_m), math.floor(r["geom"].y / radius_m)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for o in cell.get((k, cx + dx, cy + dy), ()):
                    if o["id"] > r["id"]:
                        d = math.hypot(o["geom"].x - r["geom"].x, o["geom"].y - r["geom"].y)
                        if d <= radius_m:
                            pairs.append((d, r, o))
    used, out = set(), []
    for d, a, b in sorted(pairs, key=lambda p: p[0]):
        if a["id"] in used or b["id"] in used:
            continue
        keep, other = sorted((a, b), key=lambda r: (-views.get(r["id"], 0), r["id"]))
        used.update((a["id"], b["id"]))
        out.append((keep["id"], other["id"], round(d, 3)))
    return out


ABSORB_RADIUS_M = 15.0  # how far a one-view estimate (ground plane) can be off its object


def absorb_single_views(store, asset: Dict, actor: str, role: str = "reviewer") -> List[int]:
    """Re-association once ``asset`` is triangulated: live one-view assets of its class whose single ray passes
    within MATCH_RADIUS_M of the new position (in the ray's plausible range) are the same object, created when
    only a guess of the range was known; they are merged into ``asset``. Returns the merged asset ids."""
    if asset.get("position_source") != A.TRIANGULATED or asset.get("geom") is None:
        return []
    x, y, r = asset["geom"].x, asset["geom"].y, ABSORB_RADIUS_M
    rows = store.in_bbox("asset", x - r, y - r, x + r, y + r, where={
        "asset_class": asset["asset_class"], "vzkat_code": asset.get("vzkat_code"),
        "vzkat_value": asset.get("vzkat_value")})
    merged = []
    for row in sorted(rows, key=lambda r: r["id"]):
        if row["id"] == asset["id"] or row.get("lifecycle_status") == A.WITHDRAWN or \
                row.get("position_source") != A.GROUND_PLANE:
            continue
        obs = A.observations(store, row["id"])
        if len(obs) != 1:
            continue
        d = A.match_distance((x, y), obs[0], asset["asset_class"], asset.get("vzkat_code"), None)
        if d is not None and d <= A.MATCH_RADIUS_M:
            merge_assets(store, asset["id"], row["id"], actor, role)
            merged.append(row["id"])
    return merged
