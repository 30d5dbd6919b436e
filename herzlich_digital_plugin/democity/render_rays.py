"""Per-image ray tables and screen footprints for the panorama renderer.

The level equirectangular camera is separable: a pixel's bearing depends only on its column
and its pitch only on its row. So everything a ray hits is computed per column (horizontal
distance ``t`` to a vertical plane, position along it) or per row (ground distance), and the
per-pixel work is one multiply-add. Footprints say which (row, column) blocks an object can
touch, so the per-pixel work stays inside them.
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..core import equirect

TILE = 32  # columns per footprint tile: small enough for tight blocks, big enough for little Python


@dataclass(frozen=True)
class RayTable:
    width: int
    height: int
    rel_bearing: np.ndarray  # (W,) radians, relative to the heading
    tan_pitch: np.ndarray  # (H,) float64, decreasing
    tan_pitch32: np.ndarray  # (H,) float32
    pitch_deg: np.ndarray  # (H,)
    ground_v0: int  # first row looking below the horizon
    cot_down: np.ndarray  # (H - v0,) float64: ground distance per metre of camera height, decreasing


@lru_cache(maxsize=4)
def ray_table(width: int, height: int) -> RayTable:
    """Directions of all pixels of a level panorama with heading 0 (cached per size)."""
    bearing, _ = equirect.direction_from_pixel(np.arange(width), 0, width, height, 0.0)
    _, pitch = equirect.direction_from_pixel(0, np.arange(height), width, height, 0.0)
    bearing = np.asarray(bearing, dtype=float)
    pitch = np.asarray(pitch, dtype=float)
    tan_p = np.tan(np.radians(pitch))
    v0 = int(np.searchsorted(-pitch, 0.0, side="right"))  # pitch is decreasing
    with np.errstate(divide="ignore"):
        cot_down = 1.0 / -tan_p[v0:]
    for arr in (bearing, tan_p, pitch, cot_down):
        arr.setflags(write=False)
    return RayTable(width, height, np.radians(bearing), tan_p, tan_p.astype(np.float32), pitch, v0, cot_down)


def rows_for_heights(table: RayTable, t, z_lo, z_hi, cam_h):
    """Row interval [start, end) per column where a wall at horizontal distance t spans z_lo..z_hi."""
    with np.errstate(divide="ignore", invalid="ignore"):
        tan_hi = (z_hi - cam_h) / t
        tan_lo = (z_lo - cam_h) / t
    neg = -table.tan_pitch
    start = np.searchsorted(neg, -tan_hi, side="left") - 1  # one row of slack for float32 rounding
    end = np.searchsorted(neg, -tan_lo, side="right") + 1
    return np.clip(start, 0, table.height), np.clip(end, 0, table.height)


def rows_for_distances(table: RayTable, cam_h, r_lo, r_hi):
    """Row interval [start, end) per column where the ground distance lies in [r_lo, r_hi]."""
    neg = -table.cot_down
    with np.errstate(invalid="ignore"):
        start = np.searchsorted(neg, -r_hi / cam_h, side="left") - 1
        end = np.searchsorted(neg, -r_lo / cam_h, side="right") + 1
    n = len(neg)
    return np.clip(start, 0, n) + table.ground_v0, np.clip(end, 0, n) + table.ground_v0


def slab(c0, k, lo, hi):
    """Interval of r >= anything where c0 + r * k lies in [lo, hi] (k per column)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        r1 = (lo - c0) / k
        r2 = (hi - c0) / k
    rmin = np.minimum(r1, r2)
    rmax = np.maximum(r1, r2)
    flat = np.abs(k) < 1e-12
    if flat.any():
        inside = lo <= c0 <= hi
        rmin[flat] = -np.inf if inside else np.inf
        rmax[flat] = np.inf if inside else -np.inf
    return rmin, rmax


def runs(mask):
    """Half-open index runs [(start, end), ...] of True values in a 1-D boolean array."""
    d = np.diff(np.concatenate(([0], mask.view(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


class Footprint:
    """Rows [start, end) per column an object may cover, summarised per tile of columns."""
    __slots__ = ("width", "tile_start", "tile_end", "vmin", "vmax")

    def __init__(self, start, end, valid):
        width = len(start)
        n_tiles = -(-width // TILE)
        pad = n_tiles * TILE - width
        ok = valid & (start < end)
        s = np.where(ok, start, np.iinfo(np.int64).max)
        e = np.where(ok, end, -1)
        if pad:
            s = np.concatenate((s, np.full(pad, np.iinfo(np.int64).max)))
            e = np.concatenate((e, np.full(pad, -1)))
        self.width = width
        self.tile_start = s.reshape(n_tiles, TILE).min(axis=1)
        self.tile_end = e.reshape(n_tiles, TILE).max(axis=1)
        self.vmin = int(self.tile_start.min())
        self.vmax = int(self.tile_end.max())

    @property
    def empty(self):
        return self.vmax < 0

    def blocks(self, c0, c1):
        """(r0, r1, u0, u1) pixel blocks that cover the footprint within rows [c0, c1)."""
        if self.vmax <= c0 or self.vmin >= c1:
            return []
        ts, te = self.tile_start, self.tile_end
        out = []
        for t0, t1 in runs((ts < c1) & (te > c0)):
            r0 = max(c0, int(ts[t0:t1].min()))
            r1 = min(c1, int(te[t0:t1].max()))
            out.append((r0, r1, t0 * TILE, min(self.width, t1 * TILE)))
        return out
