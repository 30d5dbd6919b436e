"""Overlay primitives in view pixels: detection boxes, projected assets and roadworks, horizon and compass grid.

Pure numpy + core (no Qt): the painter draws what these functions return. Conventions: docs/conventions.md.
A panorama is a store ``panorama`` row (geom = ground point, camera ``camera_height`` above it). Polylines
are (n, 2) arrays of view pixel coordinates with NaN rows where they pass behind the viewer (the painter
breaks the line there); parts outside the view are kept for the painter to clip.
"""
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..core.equirect import angles_from_vector, camera_rotation, direction_from_pixel, pixel_from_direction
from ..core.perspective import view_pixel

__all__ = ["View", "Box", "Marker", "detection_boxes", "project_assets", "project_lines", "horizon_grid",
           "geometry_lines", "camera_centre", "detection_label", "COMPASS_LABELS"]

COMPASS_LABELS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")  # 0°, 45°, …; the painter passes translations
SAMPLES_PER_EDGE = 8
NEAR_M = 0.3  # lines are cut this far in front of the camera


@dataclass
class View:
    yaw: float  # bearing of the view centre
    pitch: float  # positive up
    fov: float  # horizontal
    width: int
    height: int


@dataclass
class Box:
    points: np.ndarray  # (n, 2) closed outline in view pixels; NaN rows behind the viewer
    label: str  # e.g. "274 (30)"
    score: Optional[float]
    status: str  # review status: new, accepted, rejected, corrected, …
    detection_id: Optional[int] = None


@dataclass
class Marker:
    x: float  # view pixel of the object (a sign's face, a marking on the ground)
    y: float
    label: str
    kind: str  # asset_class (sign, marking, light) or "roadworks"
    pole_base: Optional[Tuple[float, float]]  # view pixel of the pole's foot, None without a pole / behind
    distance: float = float("nan")  # horizontal metres from the camera
    ref: Optional[int] = None  # asset / roadworks id


def _project(bearing, elevation, view: View):
    return view_pixel(np.atleast_1d(bearing), np.atleast_1d(elevation), view.yaw, view.pitch, view.fov,
                      view.width, view.height)


def camera_centre(pano: dict) -> Tuple[np.ndarray, float]:
    """(optical centre (x, y, z), ground z) of a panorama row."""
    geom = pano["geom"]
    ground = float(geom.z) if getattr(geom, "has_z", False) else 0.0
    height = pano.get("camera_height")
    height = 2.5 if height is None else float(height)
    return np.array([float(geom.x), float(geom.y), ground + height]), ground


def _pose(pano: dict):
    return (float(pano.get("heading") or 0.0), float(pano.get("pitch") or 0.0), float(pano.get("roll") or 0.0))


def detection_label(row: dict) -> str:
    """'274 (30)' from the VzKat code and value; the vendor label or class when there is no code."""
    code = row.get("vzkat_code")
    if code:
        value = row.get("vzkat_value")
        return f"{code} ({value})" if value not in (None, "") else str(code)
    return str(row.get("vendor_label") or row.get("asset_class") or "?")


def _outline(xmin, ymin, xmax, ymax, n):
    """Closed outline of a pixel rectangle, n points per edge (clockwise from the top left)."""
    t = np.arange(n) / n
    u = np.concatenate([xmin + (xmax - xmin) * t, np.full(n, xmax), xmax - (xmax - xmin) * t, np.full(n, xmin)])
    v = np.concatenate([np.full(n, ymin), ymin + (ymax - ymin) * t, np.full(n, ymax), ymax - (ymax - ymin) * t])
    return np.append(u, u[0]), np.append(v, v[0])


def detection_boxes(detections: Sequence[dict], pano: dict, view: View,
                    samples_per_edge: int = SAMPLES_PER_EDGE) -> List[Box]:
    """Outlines of detection bboxes (full-resolution equirectangular pixels of ``pano``) in the view.

    Boxes with no outline point in view are dropped, unless the box contains the view's centre.
    """
    width, height = int(pano.get("width") or 0), int(pano.get("height") or 0)
    if width <= 0 or height <= 0:
        raise ValueError("the panorama row needs its full-resolution width and height for detection boxes")
    heading, p_pitch, p_roll = _pose(pano)
    cu, cv = pixel_from_direction(view.yaw, view.pitch, width, height, heading, p_pitch, p_roll)
    boxes = []
    for det in detections:
        coords = [det.get(k) for k in ("bbox_xmin", "bbox_ymin", "bbox_xmax", "bbox_ymax")]
        if any(c is None for c in coords):
            continue
        xmin, ymin, xmax, ymax = (float(c) for c in coords)
        if xmax < xmin:  # crosses the image seam
            xmax += width
        u, v = _outline(xmin, ymin, xmax, ymax, samples_per_edge)
        bearing, elevation = direction_from_pixel(u, v, width, height, heading, p_pitch, p_roll)
        x, y, visible = _project(bearing, elevation, view)
        centre_inside = ymin <= cv <= ymax and (xmin <= cu <= xmax or xmin <= cu + width <= xmax)
        if not visible.any() and not centre_inside:
            continue
        score = det.get("score")
        boxes.append(Box(np.column_stack([x, y]), detection_label(det),
                         None if score is None else float(score), str(det.get("status") or "new"),
                         det.get("id")))
    return boxes


def _project_points(points_xyz, centre, view: View):
    d = np.atleast_2d(np.asarray(points_xyz, dtype=float)) - centre
    bearing, elevation = angles_from_vector(d)
    return _project(bearing, elevation, view)


def project_assets(assets: Sequence[dict], pano: dict, view: View, max_distance: float = 60.0) -> List[Marker]:
    """Markers for point objects near the panorama, farthest first (so near ones are drawn on top).

    Objects stand on the ground plane of the panorama (its ground point's z). Rows with a ``height``
    (metres above ground, signs and lights) sit on a pole from the ground up to that height; markings
    and rows without a height lie on the ground. The label is ``label`` if the row has one, else the
    VzKat code and value, else the class.
    """
    centre, ground = camera_centre(pano)
    out = []
    for row in assets:
        geom = row.get("geom")
        if geom is None or getattr(geom, "is_empty", False):
            continue
        gx, gy = float(geom.x), float(geom.y)
        distance = float(np.hypot(gx - centre[0], gy - centre[1]))
        if distance > max_distance:
            continue
        kind = str(row.get("asset_class") or row.get("kind") or "")
        h = row.get("height")
        on_pole = kind != "marking" and h is not None and float(h) > 0
        top = (gx, gy, ground + (float(h) if on_pole else 0.0))
        x, y, visible = _project_points([top, (gx, gy, ground)], centre, view)
        if not visible[0]:
            continue
        pole = (float(x[1]), float(y[1])) if on_pole and np.isfinite(x[1]) else None
        if row.get("label"):
            label = str(row["label"])
        else:
            label = detection_label(row) if row.get("vzkat_code") else kind
        out.append(Marker(float(x[0]), float(y[0]), label, kind, pole, distance, row.get("id")))
    out.sort(key=lambda m: -m.distance)
    return out


def _clip_front(cam_pts, near):
    """Runs of a polyline (camera frame: right, forward, up) cut to forward >= near."""
    runs, run = [], []
    for a, b in zip(cam_pts[:-1], cam_pts[1:]):
        fa, fb = a[1] >= near, b[1] >= near
        if fa:
            if not run:
                run.append(a)
        if fa and fb:
            run.append(b)
        elif fa != fb:
            t = (near - a[1]) / (b[1] - a[1])
            cut = a + t * (b - a)
            if fa:
                run.append(cut)
                runs.append(run)
                run = []
            else:
                run = [cut, b]
    if run:
        runs.append(run)
    return [np.array(r) for r in runs if len(r) >= 2]


def project_lines(lines_xyz: Sequence[np.ndarray], pano: dict, view: View, near: float = NEAR_M) -> List[np.ndarray]:
    """World polylines ((n, 3), or (n, 2) on the panorama's ground plane) as view-pixel polylines.

    Items may also be geometries or rows with a ``geom`` (e.g. roadworks): their lines and rings are used.
    Parts behind the camera are cut away (a line may become several); nothing else is clipped.
    """
    centre, ground = camera_centre(pano)
    rot = camera_rotation(view.yaw, view.pitch, 0.0)  # columns: right, forward, up of the view
    out = []
    for line in _as_arrays(lines_xyz, ground):
        pts = np.asarray(line, dtype=float)
        if pts.ndim != 2 or len(pts) < 2:
            continue
        if pts.shape[1] == 2:
            pts = np.column_stack([pts, np.full(len(pts), ground)])
        for run in _clip_front((pts - centre) @ rot, near):
            bearing, elevation = angles_from_vector(run @ rot.T)
            x, y, _ = _project(bearing, elevation, view)
            out.append(np.column_stack([x, y]))
    return out


def _as_arrays(items, ground):
    for item in items:
        if isinstance(item, dict):
            item = item.get("geom")
        if item is None:
            continue
        if hasattr(item, "geom_type"):
            yield from geometry_lines(item, ground)
        else:
            yield item


def horizon_grid(pano: dict, view: View, step_deg: float = 30, labels: Sequence[str] = COMPASS_LABELS,
                 elevation_step: float = 4.0) -> List[Tuple[np.ndarray, str]]:
    """The horizon (label "") and lines of constant bearing every ``step_deg`` degrees.

    Each bearing line runs from -84° to +84° elevation with an odd number of points: its middle point is
    where it crosses the horizon (the label's anchor). Labels: ``labels[i]`` (compass names for 0°, 45°,
    …) on multiples of 45°, else the bearing in degrees. Lines with no point in view are left out.
    ``pano`` is not needed for the world grid; it is taken for symmetry with the other overlays.
    """
    out = []
    bearings = (view.yaw + np.arange(-180.0, 180.0 + 1e-9, 2.0)) % 360.0
    x, y, visible = _project(bearings, np.zeros_like(bearings), view)
    if visible.any():
        out.append((np.column_stack([x, y]), ""))
    half = int(84 // elevation_step)
    elevations = np.arange(-half, half + 1) * float(elevation_step)
    for bearing in np.arange(0.0, 360.0, float(step_deg)):
        x, y, visible = _project(np.full_like(elevations, bearing), elevations, view)
        if not visible.any():
            continue
        if abs(bearing / 45.0 - round(bearing / 45.0)) < 1e-9:
            label = labels[int(round(bearing / 45.0)) % len(labels)]
        else:
            label = f"{bearing:g}°"
        out.append((np.column_stack([x, y]), label))
    return out


def geometry_lines(geom, z: Optional[float] = None) -> List[np.ndarray]:
    """Coordinate arrays of a (shapely) geometry's lines and rings; points are left out.

    ``z``: height given to 2-D coordinates (the result is then (n, 3)); None keeps (n, 2).
    Uses only the geometry's attributes, so it needs no shapely import (1.8 and 2.x alike).
    """
    if geom is None or geom.is_empty:
        return []
    kind = geom.geom_type
    if kind in ("LineString", "LinearRing"):
        arrays = [np.asarray(geom.coords, dtype=float)]
    elif kind == "Polygon":
        arrays = [np.asarray(geom.exterior.coords, dtype=float)] + \
                 [np.asarray(r.coords, dtype=float) for r in geom.interiors]
    elif kind.startswith("Multi") or kind == "GeometryCollection":
        return [a for part in geom.geoms for a in geometry_lines(part, z)]
    else:
        return []
    if z is None:
        return [a[:, :2] if a.shape[1] > 2 else a for a in arrays]
    return [a if a.shape[1] > 2 else np.column_stack([a, np.full(len(a), float(z))]) for a in arrays]
