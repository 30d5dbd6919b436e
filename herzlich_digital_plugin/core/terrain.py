"""Where a viewing ray meets the ground on real (hilly) streets, and how far off that point may be.

A click in a panorama is a ray from the camera. On a level road a plane at the camera's ground height is enough;
on a 4 % slope it puts a point 20 m ahead at 29 m. The ground comes from an elevation raster (a DGM) when the
user has one, else from the panorama track itself: the ground points under nearby captures, a local plane.
Pure numpy; heights in metres, positions in the store's metric CRS.
"""
import math
from typing import Callable, Optional, Sequence

import numpy as np

__all__ = ["GridGround", "TrackGround", "PlaneGround", "intersect_ray", "ray_direction", "pixel_error_m"]

MAX_DISTANCE_M = 100.0
MARCH_STEP_M = 0.25


class PlaneGround:
    """A level plane: the old behaviour, kept for a store without neighbours."""

    def __init__(self, z: float):
        self.z = float(z)

    def height(self, x, y):
        return np.full(np.shape(x), self.z, dtype=float) if np.ndim(x) else self.z


class GridGround:
    """Heights on a regular grid (a DGM raster): ``z[row, col]``, row 0 at the top (north) as in GeoTIFFs.

    ``x0, y0`` is the top-left corner of the top-left cell, ``dx, dy`` the cell size (both positive). Bilinear
    between cell centres; NaN outside and where the raster has no data.
    """

    def __init__(self, z: np.ndarray, x0: float, y0: float, dx: float, dy: float, nodata=None):
        z = np.asarray(z, dtype=float)
        if nodata is not None:
            z = np.where(z == nodata, np.nan, z)
        self.z, self.x0, self.y0, self.dx, self.dy = z, float(x0), float(y0), float(dx), float(dy)

    def height(self, x, y):
        col = (np.asarray(x, dtype=float) - self.x0) / self.dx - 0.5
        row = (self.y0 - np.asarray(y, dtype=float)) / self.dy - 0.5
        rows, cols = self.z.shape
        inside = (col >= 0) & (col <= cols - 1) & (row >= 0) & (row <= rows - 1)
        c0 = np.clip(np.floor(col), 0, max(0, cols - 2)).astype(int)
        r0 = np.clip(np.floor(row), 0, max(0, rows - 2)).astype(int)
        c1, r1 = np.minimum(c0 + 1, cols - 1), np.minimum(r0 + 1, rows - 1)
        fc, fr = np.clip(col - c0, 0, 1), np.clip(row - r0, 0, 1)
        z = self.z
        top = z[r0, c0] * (1 - fc) + z[r0, c1] * fc
        bottom = z[r1, c0] * (1 - fc) + z[r1, c1] * fc
        out = np.where(inside, top * (1 - fr) + bottom * fr, np.nan)
        return out if np.ndim(out) else float(out)


class TrackGround:
    """The ground from the panorama track: ground points (x, y, z) under the captures near the camera.

    Height at a point: a plane fitted by weighted least squares to the ``k`` nearest track points (weights fall
    off with distance), so a street that climbs keeps its slope ahead of and behind the camera. With fewer than
    three points (or all on one line, as on a straight street) the slope across the street is taken as level.
    """

    def __init__(self, points: Sequence[Sequence[float]], k: int = 8):
        pts = np.asarray(points, dtype=float).reshape(-1, 3)
        self.points = pts[np.all(np.isfinite(pts), axis=1)]
        if len(self.points) == 0:
            raise ValueError("no track points")
        self.k = int(k)
        self._planes = {}  # plane per 2 m cell: a ray march asks hundreds of nearby heights

    CELL_M = 2.0

    def _cell_plane(self, x, y):
        key = (int(math.floor(x / self.CELL_M)), int(math.floor(y / self.CELL_M)))
        plane = self._planes.get(key)
        if plane is None:
            plane = self._planes[key] = self._plane((key[0] + 0.5) * self.CELL_M, (key[1] + 0.5) * self.CELL_M)
        return plane

    def _plane(self, x, y):
        d = np.hypot(self.points[:, 0] - x, self.points[:, 1] - y)
        near = np.argsort(d)[:self.k]
        p, w = self.points[near], 1.0 / (1.0 + (d[near] / 10.0) ** 2)
        if len(p) < 2:
            return 0.0, 0.0, float(p[0, 2]), x, y
        cx, cy = np.average(p[:, 0], weights=w), np.average(p[:, 1], weights=w)
        dxy = p[:, :2] - (cx, cy)
        cz = np.average(p[:, 2], weights=w)
        # slope along the track's main direction only when the points spread across: a line fixes one slope
        cov = (dxy * w[:, None]).T @ dxy
        evals, evecs = np.linalg.eigh(cov)
        along = evecs[:, 1]
        s = dxy @ along
        denom = np.sum(w * s * s)
        slope_along = float(np.sum(w * s * (p[:, 2] - cz)) / denom) if denom > 1e-9 else 0.0
        slope_across = 0.0
        if evals[0] > 0.05 * evals[1] and len(p) >= 3:
            across = evecs[:, 0]
            t = dxy @ across
            slope_across = float(np.sum(w * t * (p[:, 2] - cz)) / np.sum(w * t * t))
        gx = slope_along * along[0] + slope_across * evecs[0, 0]
        gy = slope_along * along[1] + slope_across * evecs[1, 0]
        return gx, gy, cz, cx, cy

    def height(self, x, y):
        xs, ys = np.atleast_1d(np.asarray(x, dtype=float)), np.atleast_1d(np.asarray(y, dtype=float))
        out = np.empty(xs.shape)
        for i, (px, py) in enumerate(zip(xs.ravel(), ys.ravel())):
            gx, gy, cz, cx, cy = self._cell_plane(px, py)
            out.flat[i] = cz + gx * (px - cx) + gy * (py - cy)
        return out if np.ndim(x) else float(out[0])


def ray_direction(bearing: float, elevation: float) -> np.ndarray:
    b, e = math.radians(bearing), math.radians(elevation)
    return np.array([math.sin(b) * math.cos(e), math.cos(b) * math.cos(e), math.sin(e)])


def intersect_ray(origin, direction, ground, max_distance: float = MAX_DISTANCE_M,
                  step: float = MARCH_STEP_M) -> Optional[np.ndarray]:
    """First point where the ray from ``origin`` goes below ``ground.height``, or None within max_distance.

    Marches in steps (a DGM can have kerbs and dips a single plane would miss), then bisects the crossing.
    """
    o, d = np.asarray(origin, dtype=float), np.asarray(direction, dtype=float)
    d = d / np.linalg.norm(d)
    horizontal = math.hypot(d[0], d[1])
    if horizontal < 1e-9:  # straight down (or up)
        z = ground.height(o[0], o[1])
        return np.array([o[0], o[1], z]) if d[2] < 0 and np.isfinite(z) and z < o[2] else None
    t_max = max_distance / horizontal
    ts = np.arange(0.0, t_max + step, step)
    pts = o[None, :] + ts[:, None] * d[None, :]
    above = pts[:, 2] - ground.height(pts[:, 0], pts[:, 1])
    below = np.nonzero(np.isfinite(above) & (above <= 0))[0]
    if len(below) == 0 or below[0] == 0:
        return None
    lo, hi = ts[below[0] - 1], ts[below[0]]
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        p = o + mid * d
        if p[2] - ground.height(p[0], p[1]) > 0:
            lo = mid
        else:
            hi = mid
    p = o + hi * d
    return np.array([p[0], p[1], float(ground.height(p[0], p[1]))])


def pixel_error_m(origin, bearing: float, elevation: float, ground, pixel_deg: float,
                  hit: Callable = intersect_ray) -> Optional[float]:
    """Expected horizontal error of a ground point from a click one pixel off in elevation (the dominant
    error: it slides the point along the ray). None when a neighbouring ray misses the ground."""
    near = hit(origin, ray_direction(bearing, elevation - pixel_deg), ground)
    far = hit(origin, ray_direction(bearing, elevation + pixel_deg), ground)
    if near is None or far is None:
        return None
    return float(math.hypot(far[0] - near[0], far[1] - near[1]) / 2.0)
