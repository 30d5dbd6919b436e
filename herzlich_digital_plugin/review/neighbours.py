"""The same object seen from neighbouring panoramas: detections of the same class whose estimated
position lies within ~10 m of the item's, in panoramas within 30 m of the item's panorama (plus
every detection already linked to the item's asset). Index-backed window queries, exact distances
checked on the few rows they return."""
import math
from typing import List

from .items import ReviewItem, _select_sql, item_from_row
from .sqlfuncs import bbox_condition, install


def same_object(store, item: ReviewItem, radius_m: float = 10.0, panorama_radius_m: float = 30.0,
                limit: int = 12) -> List[ReviewItem]:
    """Neighbouring detections as items (``extra``: distance_m, panorama_distance_m), nearest panorama first."""
    install(store)
    px, py = item.panorama.get("x"), item.panorama.get("y")
    conds, params = [], []
    if item.position is not None and px is not None:
        x, y = item.position
        det_sql, det_params = bbox_condition(store, "detection", "d", (x - radius_m, y - radius_m,
                                                                       x + radius_m, y + radius_m))
        pano_sql, pano_params = bbox_condition(store, "panorama", "p", (px - panorama_radius_m, py - panorama_radius_m,
                                                                        px + panorama_radius_m, py + panorama_radius_m))
        cls = "d.asset_class = %s AND " + ("d.vzkat_code = %s" if item.vzkat_code is not None else "d.vzkat_code IS NULL")
        conds.append(f"({cls} AND {det_sql} AND {pano_sql})")
        params += [item.asset_class] + ([item.vzkat_code] if item.vzkat_code is not None else [])
        params += det_params + pano_params
    if item.asset_id is not None:
        conds.append("d.asset_id = %s")
        params.append(item.asset_id)
    if not conds:
        return []
    sql = _select_sql(store, f"d.id <> %s AND ({' OR '.join(conds)})")
    rows = store.query(sql, [item.detection_id] + params, decode_as={"p_captured_at": "datetime"})
    out = []
    for row in rows:
        other = item_from_row(row)
        linked = item.asset_id is not None and other.asset_id == item.asset_id
        d = None
        if other.position is not None and item.position is not None:
            d = math.hypot(other.position[0] - item.position[0], other.position[1] - item.position[1])
        pd = None
        if other.panorama.get("x") is not None and px is not None:
            pd = math.hypot(other.panorama["x"] - px, other.panorama["y"] - py)
        if not linked and (d is None or d > radius_m or pd is None or pd > panorama_radius_m):
            continue
        other.extra = {"distance_m": None if d is None else round(d, 2),
                       "panorama_distance_m": None if pd is None else round(pd, 2), "same_asset": linked}
        out.append(other)
    out.sort(key=lambda o: (not o.extra["same_asset"], o.extra["panorama_distance_m"] or 0.0, o.detection_id))
    return out[:limit]
