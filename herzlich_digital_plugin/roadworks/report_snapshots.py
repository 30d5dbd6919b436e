""""Before" views of a site for the report: the panoramas nearest to points along the site, captured before it
started, each looking at its point (rendered like the viewer does; demo-city images are rendered on demand).
"""
import math
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from shapely.geometry import Point
from ..panorama.image_errors import ImageError
from ..panorama.view_render import render_view

SEARCH_M = 60.0
MIN_DISTANCE_M = 12.0  # closer panoramas would look straight down at the road
NEAREST_K = 30
VIEW_FOV = 90.0
VIEW_SIZE = (960, 540)


@dataclass
class Snapshot:
    panorama_id: int
    path: Path  # PNG
    yaw: float
    pitch: float
    distance_m: float
    captured_at: object  # datetime or None
    before_start: bool  # captured before the site started


def bearing(from_xy, to_xy) -> float:
    """Compass bearing (0 = north, clockwise) from one point to another."""
    return math.degrees(math.atan2(to_xy[0] - from_xy[0], to_xy[1] - from_xy[1])) % 360.0


def targets(geom, count: int) -> List[Point]:
    """``count`` points spread over the site (its ends inset by a tenth, for a line; the centre of an area)."""
    if count <= 0:
        return []
    if geom.geom_type in ("LineString", "MultiLineString") and geom.length > 0:
        if count == 1:
            return [geom.interpolate(0.5, normalized=True)]
        return [geom.interpolate(0.1 + 0.8 * i / (count - 1), normalized=True) for i in range(count)]
    return [geom.representative_point()]


def choose_views(store, geom, start=None, count: int = 2):
    """[(panorama row, target point, distance)] — the nearest panorama to each target, different ones,
    preferring those captured before ``start``."""
    chosen, used = [], set()
    for target in targets(geom, count):
        found = store.nearest("panorama", target.x, target.y, k=NEAREST_K, max_distance=SEARCH_M)
        found = [(row, d) for row, d in found if row["id"] not in used and d >= MIN_DISTANCE_M] or [
            (row, d) for row, d in found if row["id"] not in used]
        if not found:
            continue
        before = [(row, d) for row, d in found
                  if start is None or (row.get("captured_at") is not None and row["captured_at"] < start)]
        row, distance = (before or found)[0]
        used.add(row["id"])
        chosen.append((row, target, distance))
    return chosen


def render_snapshots(store, geom, folder: Path, start=None, count: int = 2, image_root=None, authcfg: str = "",
                     timeout_s: float = 20.0, size=VIEW_SIZE, log=None) -> List[Snapshot]:
    """Render the chosen views into ``folder``; views that cannot be rendered are skipped (``log`` tells)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for row, target, distance in choose_views(store, geom, start, count):
        pano = row["geom"]
        yaw = bearing((pano.x, pano.y), (target.x, target.y))
        height = float(row.get("camera_height") or 2.5)
        pitch = -math.degrees(math.atan2(height, max(distance, 1.0)))  # look down at the road surface
        try:
            image = render_view(store, int(row["id"]), yaw, max(pitch, -30.0), VIEW_FOV, size[0], size[1],
                                overlays=False, image_root=image_root, authcfg=authcfg, timeout_s=timeout_s)
        except ImageError as error:
            if log:
                log(str(error))
            continue
        path = folder / f"panorama_{int(row['id'])}.png"
        if not image.save(str(path), "PNG"):
            continue
        captured: Optional[object] = row.get("captured_at")
        out.append(Snapshot(int(row["id"]), path, yaw, pitch, distance, captured,
                            start is None or (captured is not None and captured < start)))
    return out
