"""The scene flattened into numpy arrays once, so each panorama culls its objects in a few vector ops."""
from dataclasses import dataclass
from typing import List

import numpy as np

from .scene_model import Scene, SceneAsset


@dataclass
class SegmentArrays:
    """Every straight piece of every road polyline."""
    ax: np.ndarray
    ay: np.ndarray
    bx: np.ndarray
    by: np.ndarray
    length: np.ndarray
    offset: np.ndarray  # distance along the road from its first vertex (dash phase)
    half_width: np.ndarray
    pavement: np.ndarray
    lanes: np.ndarray
    lane_width: np.ndarray
    road_id: np.ndarray
    edge_lines: np.ndarray  # bool: primary and secondary roads have edge lines
    oneway: np.ndarray


@dataclass
class RenderScene:
    ground_z: float
    segments: SegmentArrays
    facades: np.ndarray  # (n, 5): x1, y1, x2, y2, height
    facade_colours: List[tuple]
    assets: List[SceneAsset]
    asset_xy: np.ndarray  # (n, 2)


def prepare_scene(scene) -> RenderScene:
    """Flatten a Scene for rendering (do it once and reuse it for many panoramas)."""
    if isinstance(scene, RenderScene):
        return scene
    if not isinstance(scene, Scene):
        raise TypeError(f"expected a Scene, got {type(scene).__name__}")
    cols = {k: [] for k in SegmentArrays.__dataclass_fields__}
    for road in scene.roads:
        xy = np.asarray(road.coords, dtype=float).reshape(-1, 2)
        if len(xy) < 2:
            continue
        seg_len = np.hypot(*np.diff(xy, axis=0).T)
        keep = seg_len > 1e-6
        offsets = np.concatenate(([0.0], np.cumsum(seg_len)[:-1]))[keep]
        a, b, seg_len = xy[:-1][keep], xy[1:][keep], seg_len[keep]
        n = len(seg_len)
        cols["ax"].append(a[:, 0]), cols["ay"].append(a[:, 1])
        cols["bx"].append(b[:, 0]), cols["by"].append(b[:, 1])
        cols["length"].append(seg_len), cols["offset"].append(offsets)
        for key, value in (("half_width", road.width / 2.0), ("pavement", road.pavement_width),
                           ("lanes", road.lanes), ("lane_width", road.lane_width), ("road_id", road.road_id),
                           ("edge_lines", road.road_class in ("primary", "secondary")),
                           ("oneway", road.oneway)):
            cols[key].append(np.full(n, value))
    segs = SegmentArrays(**{k: (np.concatenate(v) if v else np.zeros(0)) for k, v in cols.items()})
    facades = np.array([(f.x1, f.y1, f.x2, f.y2, f.height) for f in scene.facades], float).reshape(-1, 5)
    assets = list(scene.assets)
    asset_xy = np.array([(a.x, a.y) for a in assets], float).reshape(-1, 2)
    return RenderScene(float(scene.ground_z), segs, facades, [tuple(f.colour) for f in scene.facades],
                       assets, asset_xy)


def point_segment_distance(px, py, ax, ay, bx, by):
    """Distance from a point to each segment (vectorised over segments)."""
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        k = np.clip(((px - ax) * dx + (py - ay) * dy) / ll, 0.0, 1.0)
    k = np.where(ll > 0, k, 0.0)
    return np.hypot(ax + k * dx - px, ay + k * dy - py)


def segments_near(rs: RenderScene, x, y, radius):
    s = rs.segments
    if len(s.ax) == 0:
        return np.zeros(0, dtype=int)
    d = point_segment_distance(x, y, s.ax, s.ay, s.bx, s.by) - s.half_width - s.pavement
    return np.flatnonzero(d <= radius)


def facades_near(rs: RenderScene, x, y, radius):
    f = rs.facades
    if len(f) == 0:
        return np.zeros(0, dtype=int)
    d = point_segment_distance(x, y, f[:, 0], f[:, 1], f[:, 2], f[:, 3])
    return np.flatnonzero(d <= radius)


def assets_near(rs: RenderScene, x, y, radius):
    if len(rs.asset_xy) == 0:
        return []
    d = np.hypot(rs.asset_xy[:, 0] - x, rs.asset_xy[:, 1] - y)
    return [rs.assets[i] for i in np.flatnonzero(d <= radius)]
