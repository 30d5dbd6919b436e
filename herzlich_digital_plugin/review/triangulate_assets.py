"""Re-triangulate every asset from its accepted detections (the ``triangulateassets`` algorithm).

The observations of all assets come from one query; each changed asset is updated with
optimistic locking (an asset edited meanwhile is counted as a conflict and left alone) and gets
a 'triangulate' review_event. Manually placed and withdrawn assets are kept as they are.
"""
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from shapely.geometry import Point

from ..store.errors import ConflictError
from .assets import LINKED_STATUSES, WITHDRAWN, observation_from_row, position_is_kept
from .items import utc_now
from .text import tr
from .triangulation import triangulate

MIN_SHIFT_M = 0.001  # smaller changes are not written
_BATCH = 500  # assets per transaction


@dataclass
class TriangulationResult:
    updated: int = 0
    unchanged: int = 0
    manual: int = 0
    conflicts: int = 0
    without_pose: int = 0
    cancelled: bool = False


def triangulate_assets(store, actor: str = "triangulateassets", progress=None, cancelled=None,
                       asset_ids: Optional[list] = None) -> TriangulationResult:
    res = TriangulationResult()
    det, pano = store.table_ref("detection"), store.table_ref("panorama")
    sql = ("SELECT d.asset_id, d.id, d.bbox_xmin, d.bbox_ymin, d.bbox_xmax, d.bbox_ymax, d.geom AS d_geom, "  # nosec B608
           "p.heading, p.pitch, p.roll, p.camera_height, p.width, p.height, p.geom AS p_geom "
           f"FROM {det} d JOIN {pano} p ON p.id = d.panorama_id WHERE d.asset_id IS NOT NULL "
           "AND d.status IN (%s, %s) ORDER BY d.asset_id, d.id")
    obs = defaultdict(list)
    for r in store.query(sql, list(LINKED_STATUSES)):
        o = observation_from_row(r)
        if o is not None:
            obs[r["asset_id"]].append(o)
    assets = store.select("asset", order_by="id")
    if asset_ids is not None:
        wanted = {int(i) for i in asset_ids}
        assets = [a for a in assets if a["id"] in wanted]
    for start in range(0, len(assets), _BATCH):
        if cancelled is not None and cancelled():
            res.cancelled = True
            break
        if progress is not None:
            progress(100.0 * start / max(1, len(assets)), tr("Triangulating assets"))
        with store.transaction():
            for a in assets[start:start + _BATCH]:
                _one(store, a, obs.get(a["id"], []), actor, res)
    return res


def _one(store, a, observations, actor, res):
    if position_is_kept(a) or a.get("lifecycle_status") == WITHDRAWN:
        res.manual += position_is_kept(a)  # by hand or surveyed: never overwritten
        return
    if not observations:
        res.without_pose += 1
        return
    est = triangulate(observations, a["asset_class"], a.get("vzkat_code"))
    if est is None:
        res.without_pose += 1
        return
    g = a.get("geom")
    moved = g is None or (abs(g.x - est.x) > MIN_SHIFT_M or abs(g.y - est.y) > MIN_SHIFT_M)
    if not moved and a.get("position_source") == est.source and a.get("position_accuracy") == est.accuracy:
        res.unchanged += 1
        return
    values = {"geom": Point(est.x, est.y), "position_source": est.source, "position_accuracy": est.accuracy,
              "updated_at": utc_now()}
    if est.height is not None:
        values.update(height=est.height, size=est.size, direction=est.direction)
    try:
        after = store.update("asset", a["id"], values, expected_version=a["version"])
    except ConflictError:
        res.conflicts += 1
        return
    store.insert("review_event", {
        "asset_id": a["id"], "actor": actor, "role": "system", "action": "triangulate",
        "old_value": {"asset": {"id": a["id"], "version": a["version"],
                                "geom": None if g is None else [round(g.x, 3), round(g.y, 3)],
                                "position_source": a.get("position_source"),
                                "position_accuracy": a.get("position_accuracy")}},
        "new_value": {"asset": {"id": a["id"], "version": after["version"], "geom": [round(est.x, 3), round(est.y, 3)],
                                "position_source": est.source, "position_accuracy": est.accuracy,
                                "observations": est.used}},
        "decided_at": utc_now()})
    res.updated += 1
