"""Compare the register (or an earlier campaign) with a campaign and store the changes.

Observations come from the campaign's detections that are not rejected and score at least ``min_score``;
a detection accepted into an asset speaks through the asset (its reviewed class, its triangulated position).
Every run is a ``register_compare`` row with its ``register_change`` rows: earlier runs stay as history.
"""
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Dict, List, Optional

import numpy as np

from ..core.equirect import direction_from_pixel

from ..review.text import tr
from . import matching as M

MIN_SCORE = 0.3
_DONE_STATUSES = ("rejected",)


@dataclass
class CompareResult:
    compare_id: int
    campaign_id: int
    counts: Dict[str, int] = field(default_factory=dict)
    changes: List[M.Change] = field(default_factory=list)
    cancelled: bool = False


def resolve_campaign(store, campaign) -> int:
    """A campaign id from a name or id; empty: the latest (by start, then id). ValueError lists the known ones."""
    rows = store.select("campaign")
    if not rows:
        raise ValueError(tr("The store has no campaign to compare with."))
    text = str(campaign or "").strip()
    if not text:
        return max(rows, key=lambda r: (r["started_at"].timestamp() if r["started_at"] else float("-inf"),
                                        r["id"]))["id"]
    for r in rows:
        if r["name"] == text or str(r["id"]) == text:
            return r["id"]
    raise ValueError(tr("Unknown campaign '{name}'; the store has: {names}.").format(
        name=text, names=", ".join(f"{r['name']} ({r['id']})" for r in rows)))


def load_panoramas(store, campaign_id) -> M.Panoramas:
    rows = store.query(f"SELECT id, geom FROM {store.table_ref('panorama')} WHERE campaign_id = %s",  # nosec B608
                       (campaign_id,))
    rows = [r for r in rows if r["geom"] is not None]
    return M.Panoramas(np.array([r["id"] for r in rows], int), np.array([r["geom"].x for r in rows], float),
                       np.array([r["geom"].y for r in rows], float))


def load_detections(store, campaign_id, min_score=MIN_SCORE) -> M.Detections:
    d, p = store.table_ref("detection"), store.table_ref("panorama")
    rows = store.query(
        f"SELECT d.id, d.geom, d.asset_class, d.vzkat_code, d.vzkat_value, d.score, d.panorama_id, "  # nosec B608
        f"d.bbox_xmin, d.bbox_ymin, d.bbox_xmax, d.bbox_ymax, p.heading, p.pitch, p.roll, p.width, p.height, "
        f"p.geom AS pano FROM {d} d JOIN {p} p ON p.id = d.panorama_id WHERE d.campaign_id = %s "
        f"AND (d.status IS NULL OR d.status <> %s) AND (d.score IS NULL OR d.score >= %s) "
        f"AND d.asset_class IS NOT NULL ORDER BY d.id", (campaign_id, "rejected", float(min_score)))
    rows = [r for r in rows if r["geom"] is not None and r["pano"] is not None]
    bearing = np.array([_ray_bearing(r) for r in rows], float)
    return M.Detections(
        np.array([r["id"] for r in rows], int), np.array([r["geom"].x for r in rows], float),
        np.array([r["geom"].y for r in rows], float), np.array([r["pano"].x for r in rows], float),
        np.array([r["pano"].y for r in rows], float), np.array([r["panorama_id"] for r in rows], int),
        [(r["asset_class"], r["vzkat_code"], r["vzkat_value"]) for r in rows],
        np.array([1.0 if r["score"] is None else r["score"] for r in rows], float), bearing)


def _ray_bearing(r) -> float:
    """Bearing of the ray through the box centre; towards the estimate when the pose or box is unknown."""
    box = (r["bbox_xmin"], r["bbox_ymin"], r["bbox_xmax"], r["bbox_ymax"])
    if None in box or r["heading"] is None or not r["width"] or not r["height"]:
        return float(np.degrees(np.arctan2(r["geom"].x - r["pano"].x, r["geom"].y - r["pano"].y)) % 360.0)
    u = 0.5 * (box[0] + box[2])
    if box[2] < box[0]:  # across the seam
        u = (0.5 * (box[0] + box[2] + r["width"])) % r["width"]
    bearing, _ = direction_from_pixel(u, 0.5 * (box[1] + box[3]), r["width"], r["height"], r["heading"],
                                      r["pitch"] or 0.0, r["roll"] or 0.0)
    return float(bearing)


def observations(store, campaign_id, min_score=MIN_SCORE, cancelled=None) -> List[M.Observed]:
    """The campaign's observed objects: its assets (reviewed) and groups of its other detections."""
    dets = load_detections(store, campaign_id, min_score)
    asset_of = {r["id"]: r["asset_id"] for r in store.query(
        f"SELECT id, asset_id FROM {store.table_ref('detection')} WHERE campaign_id = %s "  # nosec B608
        f"AND asset_id IS NOT NULL AND status = %s", (campaign_id, "accepted"))}
    out: List[M.Observed] = []
    if asset_of:
        assets = {a["id"]: a for a in store.select("asset", {"id": sorted(set(asset_of.values()))})}
        by_asset: Dict[int, List[int]] = {}
        for det_id, asset_id in asset_of.items():
            by_asset.setdefault(asset_id, []).append(det_id)
        pos = {int(i): k for k, i in enumerate(dets.ids)}
        for asset_id, det_ids in sorted(by_asset.items()):
            a = assets.get(asset_id)
            if a is None or a["geom"] is None or a["lifecycle_status"] == "removed":
                continue
            idx = [pos[i] for i in det_ids if i in pos]
            facing = a["direction"]
            if facing is None and idx:
                facing = M._circular_mean(M._bearing(a["geom"].x, a["geom"].y, dets.pano_x[idx], dets.pano_y[idx]),
                                          np.ones(len(idx)))
            key = (a["asset_class"], a["vzkat_code"], a["vzkat_value"])
            out.append(M.Observed(a["geom"].x, a["geom"].y, facing, key, {key: float(len(det_ids))},
                                  sorted(det_ids), int(dets.panorama_id[idx[0]]) if idx else None, asset_id))
        keep = np.array([int(i) not in asset_of for i in dets.ids], bool)
        dets = M.Detections(dets.ids[keep], dets.x[keep], dets.y[keep], dets.pano_x[keep], dets.pano_y[keep],
                            dets.panorama_id[keep], [k for k, m in zip(dets.keys, keep) if m], dets.score[keep],
                            dets.bearing[keep])
    return out + M.observe(dets, cancelled)


def register_entries(store) -> List[M.Entry]:
    return [M.Entry(r["id"], r["geom"].x, r["geom"].y, r["direction"], (r["asset_class"], r["vzkat_code"],
                                                                         r["vzkat_value"]))
            for r in store.select("register_entry", {"lifecycle_status": "existing"}) if r["geom"] is not None]


def compare_register(store, campaign=None, tolerance: float = 2.0, actor: str = "", min_score: float = MIN_SCORE,
                     progress: Optional[Callable] = None, cancelled: Optional[Callable[[], bool]] = None,
                     other_campaign=None) -> CompareResult:
    """Register (or, with ``other_campaign``, that earlier campaign's observations) against ``campaign``."""
    if not tolerance or tolerance <= 0:
        raise ValueError(tr("The tolerance must be a positive number of metres."))
    report = progress or (lambda p, m="": None)
    campaign_id = resolve_campaign(store, campaign)
    other_id = resolve_campaign(store, other_campaign) if other_campaign not in (None, "") else None
    if other_id == campaign_id:
        raise ValueError(tr("Choose two different campaigns to compare."))
    report(2, tr("Reading the campaign"))
    panos = load_panoramas(store, campaign_id)
    if other_id is None:
        entries = register_entries(store)
        if not entries:
            raise ValueError(tr("The register is empty: import it first (Import sign register)."))
    else:
        entries = [M.Entry(-(k + 1), o.x, o.y, o.facing, o.key)
                   for k, o in enumerate(observations(store, other_id, min_score, cancelled)) if o.views >= 2]
    if cancelled and cancelled():
        return CompareResult(0, campaign_id, cancelled=True)
    report(20, tr("Grouping the detections"))
    observed = observations(store, campaign_id, min_score, cancelled)
    if cancelled and cancelled():
        return CompareResult(0, campaign_id, cancelled=True)
    report(60, tr("Matching with the register"))
    changes = M.classify(entries, observed, panos, tolerance)
    if cancelled and cancelled():
        return CompareResult(0, campaign_id, cancelled=True)
    counts = {t: 0 for t in M.CHANGE_TYPES}
    for c in changes:
        counts[c.change_type] += 1
    report(80, tr("Storing the changes"))
    compare_id = write_changes(store, campaign_id, other_id, tolerance, actor, counts, changes,
                               by_register=other_id is None)
    report(100, tr("Comparison finished"))
    return CompareResult(compare_id, campaign_id, counts, changes)


def write_changes(store, campaign_id, other_id, tolerance, actor, counts, changes, by_register=True) -> int:
    """One register_compare row and its register_change rows, in one transaction."""
    from shapely.geometry import Point

    def row(c: M.Change, compare_id):
        e, o = c.entry, c.observed
        x, y = (o.x, o.y) if o is not None else (e.x, e.y)
        return {
            "compare_id": compare_id, "register_id": e.id if (e is not None and by_register) else None,
            "change_type": c.change_type,
            "register_code": e.key[1] if e else None, "register_value": e.key[2] if e else None,
            "observed_class": o.key[0] if o else None, "observed_code": o.key[1] if o else None,
            "observed_value": o.key[2] if o else None,
            "distance_m": round(c.distance, 3) if c.distance is not None else None,
            "direction": round(o.facing, 1) if o is not None and o.facing is not None else None,
            "views": o.views if o else 0, "panorama_id": c.panorama_id,
            "detection_ids": o.detection_ids[:50] if o else None,
            "register_x": round(e.x, 3) if e else None, "register_y": round(e.y, 3) if e else None,
            "geom": Point(round(x, 3), round(y, 3)),
        }

    with store.transaction():
        compare_id = store.insert("register_compare", {
            "campaign_id": campaign_id, "other_campaign_id": other_id, "tolerance_m": float(tolerance),
            "actor": actor or None, "created_at": datetime.now(timezone.utc), "counts": counts})
        store.insert_many("register_change", (row(c, compare_id) for c in changes))
    return compare_id
