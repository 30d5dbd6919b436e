"""Assets behind the review: find the asset a detection shows, create one, re-triangulate it.

Every function runs inside the caller's transaction. Asset rows are changed only through
``Store.update(..., expected_version=…)`` with the version read (and on PostGIS row-locked)
in the same transaction, so a concurrent change can never be overwritten silently.

Matching ("an asset of the same class within 2 m"): signs and lights are matched by the
perpendicular distance of the asset to the detection's ray, within the range the detection's
size suggests; markings by the distance to the point where the ray meets the road. The
nearest asset within ``MATCH_RADIUS_M`` wins. On PostGIS an advisory lock per 50 m cell and
class serialises accepts of the same class nearby, so two reviewers accepting two views of one
object at the same moment do not create it twice.
"""
import math
import zlib
from typing import Dict, List, Optional, Tuple

from .items import utc_now
from .sqlfuncs import decode_point
from .triangulation import (GROUND_PLANE, MARKING_HALF_LENGTH_M, TRIANGULATED, Observation, single_view,
                            triangulate)

MATCH_RADIUS_M = 2.0
# MARKING_HALF_LENGTH_M (triangulation.py): a long marking's match allows this much along the driving direction.
RANGE_FACTORS = (0.4, 2.5)  # along the ray: between these multiples of the single-view range (± 3 m)
LOCK_CELL_M = 50.0
LINKED_STATUSES = ("accepted", "relabeled")
MANUAL = "manual"
WITHDRAWN = "withdrawn"  # lifecycle of an asset whose creating decision was undone or rejected
COMPUTED_SOURCES = (TRIANGULATED, GROUND_PLANE)  # positions the views may recompute


def position_is_kept(row) -> bool:
    """A position placed by hand or from a survey (any source but the computed ones) is never recomputed."""
    source = row.get("position_source")
    return source is not None and source not in COMPUTED_SOURCES


ClassKey = Tuple[str, Optional[str], Optional[str]]


def lock_sql(store) -> str:
    return " FOR UPDATE" if store.backend == "postgis" else ""


def get_asset(store, asset_id: int, lock: bool = False) -> Optional[Dict]:
    """The asset row; with ``lock`` row-locked until the transaction ends (PostGIS)."""
    if lock and store.backend == "postgis":
        store.query(f"SELECT id FROM {store.table_ref('asset')} WHERE id = %s FOR UPDATE",  # nosec B608
                    (int(asset_id),))
    return store.get("asset", int(asset_id))


def lock_area(store, key: ClassKey, x: float, y: float, radius: float) -> None:
    """PostGIS: advisory locks (until commit) on the cells a search around (x, y) touches."""
    if store.backend != "postgis":
        return
    k1 = _signed32(zlib.crc32("|".join(str(v) for v in key).encode("utf-8")))
    cells = set()
    for cx in range(math.floor((x - radius) / LOCK_CELL_M), math.floor((x + radius) / LOCK_CELL_M) + 1):
        for cy in range(math.floor((y - radius) / LOCK_CELL_M), math.floor((y + radius) / LOCK_CELL_M) + 1):
            cells.add(_signed32((cx * 73856093) ^ (cy * 19349663)))
    for k2 in sorted(cells):  # one global order: no deadlocks between two accepts
        store.query("SELECT pg_advisory_xact_lock(%s, %s) AS locked", (k1, k2))


def _signed32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >= (1 << 31) else v


def observations(store, asset_id: int, extra: Optional[Observation] = None,
                 exclude_detection: Optional[int] = None) -> List[Observation]:
    """The observations of the asset's accepted detections (+ ``extra``, - ``exclude_detection``)."""
    # Filtered on asset_id alone (status in Python): a status condition can lure the planner onto the
    # status index, which is far less selective than asset_id once many detections are decided.
    sql = ("SELECT d.id, d.status, d.bbox_xmin, d.bbox_ymin, d.bbox_xmax, d.bbox_ymax, "  # nosec B608
           "d.geom AS d_geom, p.heading, p.pitch, p.roll, p.camera_height, p.width, p.height, p.geom AS p_geom "
           f"FROM {store.table_ref('detection')} d JOIN {store.table_ref('panorama')} p ON p.id = d.panorama_id "
           "WHERE d.asset_id = %s ORDER BY d.id")
    out = []
    for r in store.query(sql, (int(asset_id),)):
        if r["status"] not in LINKED_STATUSES or r["id"] == exclude_detection or (
                extra is not None and r["id"] == extra.detection_id):
            continue
        obs = observation_from_row(r)
        if obs is not None:
            out.append(obs)
    if extra is not None:
        out.append(extra)
    return out


def observation_from_row(r) -> Optional[Observation]:
    pano = decode_point(r["p_geom"])
    if pano is None or pano.is_empty or not r["width"] or not r["height"] or r["heading"] is None:
        return None
    det = decode_point(r.get("d_geom"))
    return Observation(pano.x, pano.y, r["heading"], int(r["width"]), int(r["height"]),
                       (r["bbox_xmin"], r["bbox_ymin"], r["bbox_xmax"], r["bbox_ymax"]),
                       r["camera_height"] or 2.5, r["pitch"] or 0.0, r["roll"] or 0.0,
                       None if det is None or det.is_empty else (det.x, det.y), r["id"])


def _search_window(obs: Observation, asset_class: str, code: Optional[str], fallback: Optional[Tuple[float, float]]):
    """(centre x, y, half size) of the square that holds every asset the detection could match."""
    if obs is None:
        x, y = fallback
        return x, y, MATCH_RADIUS_M
    guess = single_view(obs, asset_class) or fallback
    if asset_class == "marking":
        ground = obs.ground_point() or guess
        if ground is None:
            return None
        return ground[0], ground[1], MATCH_RADIUS_M + MARKING_HALF_LENGTH_M.get(code, 0.0)
    if guess is None:
        return None
    r = math.hypot(guess[0] - obs.cam_x, guess[1] - obs.cam_y)
    far = RANGE_FACTORS[1] * r + 3.0
    b = math.radians(obs.centre_direction()[0])
    # The square around the middle of the plausible ray segment (plus the match radius).
    mid = 0.5 * far
    return (obs.cam_x + mid * math.sin(b), obs.cam_y + mid * math.cos(b), 0.5 * far + MATCH_RADIUS_M)


def match_distance(asset_xy, obs: Optional[Observation], asset_class: str, code: Optional[str],
                   fallback: Optional[Tuple[float, float]]) -> Optional[float]:
    """How far an asset is from what the detection saw (None: not a candidate)."""
    ax, ay = asset_xy
    if obs is None:
        return math.hypot(ax - fallback[0], ay - fallback[1]) if fallback else None
    if asset_class == "marking":
        p = obs.ground_point() or single_view(obs, asset_class) or fallback
        if p is None:
            return None
        half = MARKING_HALF_LENGTH_M.get(code, 0.0)
        h = math.radians(obs.heading)
        dx, dy = ax - p[0], ay - p[1]
        along = dx * math.sin(h) + dy * math.cos(h)
        across = dx * math.cos(h) - dy * math.sin(h)
        along = max(0.0, abs(along) - half)  # free play along the road, then like any other distance
        return math.hypot(along, across)
    guess = single_view(obs, asset_class) or fallback
    r = math.hypot(guess[0] - obs.cam_x, guess[1] - obs.cam_y) if guess else 10.0
    b = math.radians(obs.centre_direction()[0])
    dx, dy = ax - obs.cam_x, ay - obs.cam_y
    along = dx * math.sin(b) + dy * math.cos(b)
    if along < max(0.5, RANGE_FACTORS[0] * r - 3.0) or along > RANGE_FACTORS[1] * r + 3.0:
        return None
    return abs(dx * math.cos(b) - dy * math.sin(b))


def find_match(store, key: ClassKey, obs: Optional[Observation],
               fallback: Optional[Tuple[float, float]] = None, position: Optional[Tuple[float, float]] = None):
    """(asset row, distance) of the nearest same-class asset within MATCH_RADIUS_M, else (None, None).

    ``position`` (a point the reviewer clicked) replaces the detection's own geometry.
    """
    asset_class, code, value = key
    if position is not None:
        x, y, half = position[0], position[1], MATCH_RADIUS_M
    else:
        window = _search_window(obs, asset_class, code, fallback)
        if window is None:
            return None, None
        x, y, half = window
    lock_area(store, key, x, y, half)
    rows = store.in_bbox("asset", x - half, y - half, x + half, y + half,
                         where={"asset_class": asset_class, "vzkat_code": code, "vzkat_value": value})
    best, best_d = None, None
    for row in rows:
        if row.get("lifecycle_status") == WITHDRAWN or row["geom"] is None:
            continue
        if position is not None:
            d = math.hypot(row["geom"].x - position[0], row["geom"].y - position[1])
        else:
            d = match_distance((row["geom"].x, row["geom"].y), obs, asset_class, code, fallback)
        if d is not None and d <= MATCH_RADIUS_M and (best_d is None or d < best_d):
            best, best_d = row, d
    return best, best_d


def create_asset(store, key: ClassKey, obs: Optional[Observation], fallback=None, position=None) -> Dict:
    """A new asset of the class at the single-view position (or at ``position``, placed by hand)."""
    from shapely.geometry import Point
    asset_class, code, value = key
    now = utc_now()
    row = {"asset_class": asset_class, "vzkat_code": code, "vzkat_value": value, "lifecycle_status": "existing",
           "version": 1, "created_at": now, "updated_at": now}
    if position is not None:
        row.update(geom=Point(float(position[0]), float(position[1])), position_source=MANUAL,
                   position_accuracy=None)
    else:
        est = triangulate([obs], asset_class, code) if obs is not None else None
        if est is not None:
            row.update(geom=Point(est.x, est.y), position_source=est.source, position_accuracy=est.accuracy,
                       height=est.height, size=est.size, direction=est.direction)
        elif fallback is not None:
            row.update(geom=Point(float(fallback[0]), float(fallback[1])), position_source=GROUND_PLANE)
        else:
            raise ValueError("the detection has neither a panorama pose nor an estimated position")
    asset_id = store.insert("asset", row)
    return store.get("asset", asset_id)


def retriangulate(store, asset_id: int, exclude_detection: Optional[int] = None) -> Tuple[Dict, Dict]:
    """Recompute the asset's position from its accepted detections; returns (row before, row after).

    Positions placed by hand or surveyed (position_is_kept) are kept. An asset left without accepted detections
    is withdrawn.
    """
    from shapely.geometry import Point
    before = get_asset(store, asset_id, lock=True)
    if before is None:
        raise LookupError(f"asset {asset_id} does not exist")
    obs = observations(store, asset_id, exclude_detection=exclude_detection)
    values = {"updated_at": utc_now()}
    if not obs and not _has_linked(store, asset_id, exclude_detection):
        values["lifecycle_status"] = WITHDRAWN
    elif not position_is_kept(before):
        est = triangulate(obs, before["asset_class"], before.get("vzkat_code"))
        if est is None:
            return before, before
        values.update(geom=Point(est.x, est.y), position_source=est.source, position_accuracy=est.accuracy)
        if est.height is not None:
            values.update(height=est.height, size=est.size, direction=est.direction)
        if before.get("lifecycle_status") == WITHDRAWN:
            values["lifecycle_status"] = "existing"
    else:
        if before.get("lifecycle_status") == WITHDRAWN:
            values["lifecycle_status"] = "existing"
        else:
            return before, before
    after = store.update("asset", asset_id, values, expected_version=before["version"])
    return before, after


def _has_linked(store, asset_id, exclude_detection):
    rows = store.query(f"SELECT id, status FROM {store.table_ref('detection')} WHERE asset_id = %s",  # nosec B608
                       (int(asset_id),))
    return any(r["id"] != exclude_detection and r["status"] in LINKED_STATUSES for r in rows)


def asset_summary(row: Optional[Dict]) -> Optional[Dict]:
    """The JSON an event keeps of an asset: id, version and position fields."""
    if row is None:
        return None
    g = row.get("geom")
    return {"id": row["id"], "version": row["version"], "geom": None if g is None else [round(g.x, 3), round(g.y, 3)],
            "position_source": row.get("position_source"), "position_accuracy": row.get("position_accuracy"),
            "lifecycle_status": row.get("lifecycle_status"), "asset_class": row.get("asset_class"),
            "vzkat_code": row.get("vzkat_code"), "vzkat_value": row.get("vzkat_value"),
            "condition": row.get("condition")}
