"""Upright things: façades, sign faces, traffic-light boxes and poles, all vertical rectangles.

A vertical plane is hit by a column's ray at a horizontal distance t (per column) and a position
a along the plane (per column); the height of the hit is cam_h + t * tan(pitch) (per pixel).
Each painter turns (a, z) into a mask and palette indices.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import render_palette as pal
from .render_rays import Footprint, RayTable, rows_for_heights

POLE_RADIUS = 0.04
LIGHT_POLE_RADIUS = 0.07
FACE_OFFSET = 0.03  # the face stands this far in front of its pole's axis
LIGHT_BOX_RATIO = 2.8  # box height / width
FLOOR_HEIGHT = 3.1
# Face height / width when the asset does not say (equilateral triangles, landscape plates).
_DEFAULT_ASPECT = {"triangle": np.sqrt(3.0) / 2.0, "triangle_down": np.sqrt(3.0) / 2.0, "rectangle": 2.0 / 3.0}


@dataclass
class Vertical:
    t: np.ndarray  # (W,) float32 horizontal distance to the plane per column
    a: np.ndarray  # (W,) float32 position along the plane per column
    footprint: Footprint
    palette: np.ndarray  # (k, 3) uint8
    paint: Callable  # (a (n,), z (rows, n)) -> (mask, palette index array or None)


def _plane_hits(table, cx, cy, cam_h, qx, qy, ex, ey, a_lo, a_hi, z_lo, z_hi, sb, cb):
    """Per-column distance and along-position of the vertical plane through q along unit (ex, ey)."""
    nx, ny = ey, -ex
    denom = sb * nx + cb * ny
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((qx - cx) * nx + (qy - cy) * ny) / denom
    a = (cx - qx) * ex + (cy - qy) * ey + t * (sb * ex + cb * ey)
    valid = np.isfinite(t) & (t > 0.05) & (a >= a_lo) & (a <= a_hi)
    start, end = rows_for_heights(table, np.where(valid, t, 1.0), z_lo, z_hi, cam_h)
    t = np.where(valid, t, np.nan).astype(np.float32)  # NaN makes every test false in unused columns
    return t, np.where(valid, a, 0.0).astype(np.float32), Footprint(start, end, valid)


def _palette(*colours):
    return np.array([tuple(c) for c in colours], dtype=np.uint8).reshape(-1, 3)


def facade_item(table, cx, cy, cam_h, f_row, colour, sb, cb):
    x1, y1, x2, y2, height = (float(v) for v in f_row)
    length = float(np.hypot(x2 - x1, y2 - y1))
    if length < 1e-3 or height <= 0:
        return None
    ex, ey = (x2 - x1) / length, (y2 - y1) / length
    t, a, fp = _plane_hits(table, cx, cy, cam_h, x1, y1, ex, ey, 0.0, length, 0.0, height, sb, cb)
    if fp.empty:
        return None
    # Light falls on the side facing the sun; which side we see depends on the camera.
    nx, ny = ey, -ex
    if (cx - x1) * nx + (cy - y1) * ny < 0:
        nx, ny = -nx, -ny
    light = 0.74 + 0.26 * max(0.0, nx * pal.SUN[0] + ny * pal.SUN[1])
    wall = pal.shade(colour, light)
    # Window spacing varies a little per building, derived from its geometry (deterministic).
    spacing = 2.4 + (int(abs(x1 * 7.0 + y1 * 13.0)) % 7) * 0.15
    n_win = int((length - 0.4) // spacing)  # whole window bays only, centred on the wall
    margin = 0.5 * (length - spacing * n_win)
    palette = _palette(wall, pal.shade(pal.WINDOW, 0.9 + 0.2 * light), pal.shade(colour, light * 0.62),
                       pal.shade(colour, light * 0.8))

    def paint(a_cols, z):
        mask = (z >= 0.0) & (z <= height)
        rel = a_cols - margin
        af = np.mod(rel, spacing)
        col_win = (af > 0.6) & (af < spacing - 0.6) & (rel >= 0.0) & (rel < n_win * spacing)
        zf = np.mod(z, FLOOR_HEIGHT)
        cat = ((zf > 0.95) & (zf < 2.3) & (z < height - 0.8) & col_win).view(np.uint8)
        cat[z < 0.45] = 2  # plinth
        cat[z > height - 0.35] = 3  # cornice
        return mask, cat

    return Vertical(t, a, fp, palette, paint)


def _shape_inside(shape, x, y, hh, m):
    """Mask of a sign shape in its face rectangle (half-width 1, half-height hh), shrunk by a border m.

    Every shape is centred on its rectangle, so it lies inside the outline the generator projects.
    """
    ax = np.abs(x)
    ay = np.abs(y) * (1.0 / hh)  # circles, octagons and diamonds stretch with the face's aspect
    if shape == "circle":
        return ax * ax + ay * ay < (1.0 - m) ** 2
    if shape == "octagon":
        k = 1.0 - m
        return (ax < k) & (ay < k) & (ax + ay < k * np.sqrt(2.0))
    if shape == "diamond":
        return ax + ay < 1.0 - m * np.sqrt(2.0)
    if shape in ("triangle", "triangle_down"):
        if shape == "triangle_down":
            y = -y
        # Apex (0, hh), base corners (+-1, -hh); distance to the slanted sides, normalised.
        slant = (2.0 * hh * ax + y - hh) * (1.0 / np.sqrt(4.0 * hh * hh + 1.0))
        return (y > -hh + m) & (slant < -m)
    if shape == "rectangle":
        return (ax < 1.0 - m) & (np.abs(y) < hh - m)
    return (ax < 1.0 - m) & (ay < 1.0 - m)  # square and anything unknown


def _face_plane(asset):
    f = np.radians(asset.facing)
    fx, fy = np.sin(f), np.cos(f)
    return asset.x + FACE_OFFSET * fx, asset.y + FACE_OFFSET * fy, fy, -fx, fx, fy  # q, along e, normal


def _face_size(asset, default_ratio):
    half = max(float(asset.size), 0.05) / 2.0
    fh = getattr(asset, "face_height", None)
    return half, (float(fh) / 2.0 if fh else half * default_ratio)


def sign_item(table, cx, cy, cam_h, asset, sb, cb):
    half, half_h = _face_size(asset, _DEFAULT_ASPECT.get(asset.shape, 1.0))
    hh = half_h / half
    cz = float(asset.centre_z)
    qx, qy, ex, ey, fx, fy = _face_plane(asset)
    t, a, fp = _plane_hits(table, cx, cy, cam_h, qx, qy, ex, ey, -half, half, cz - half_h, cz + half_h, sb, cb)
    if fp.empty:
        return None
    shape = asset.shape
    front = (cx - qx) * fx + (cy - qy) * fy > 0
    if front:
        border, width = pal.sign_border(shape, asset.colour)
        palette = _palette(asset.colour, border)
    else:
        palette = _palette(pal.SIGN_BACK)

    def paint(a_cols, z):
        x = a_cols * (1.0 / half)
        y = (z - cz) * (1.0 / half)
        outer = _shape_inside(shape, x, y, hh, 0.0)
        if not front:
            return outer, None
        return outer, (~_shape_inside(shape, x, y, hh, width)).view(np.uint8)

    return Vertical(t, a, fp, palette, paint)


def _lit_index(asset):
    """Which lamp is on: the one closest to a bright asset colour, else red or green by its id.

    A dark asset colour is the housing's: then the middle (amber) lamp at the face centre stays off,
    so the centre pixel shows about the housing colour.
    """
    c = np.asarray(asset.colour or (0, 0, 0), float)
    if c.max() >= 120:
        return int(np.argmin([np.sum((c - np.asarray(on, float)) ** 2) for on in pal.LIGHT_ON]))
    return 2 * (int(asset.asset_id) % 2)


def light_item(table, cx, cy, cam_h, asset, sb, cb):
    half, half_h = _face_size(asset, LIGHT_BOX_RATIO)
    cz = float(asset.centre_z)
    qx, qy, ex, ey, fx, fy = _face_plane(asset)
    t, a, fp = _plane_hits(table, cx, cy, cam_h, qx, qy, ex, ey, -half, half, cz - half_h, cz + half_h, sb, cb)
    if fp.empty:
        return None
    front = (cx - qx) * fx + (cy - qy) * fy > 0
    lit = _lit_index(asset)
    lamps = [pal.LIGHT_ON[i] if i == lit else pal.LIGHT_OFF[i] for i in range(3)]
    housing = asset.colour if asset.colour and max(asset.colour) < 90 else pal.LIGHT_BOX
    palette = _palette(housing, *lamps)
    pitch = min(2.0 * half * 0.9, half_h * 0.64)  # lamp centre spacing
    rad2 = min(half * 0.72, pitch * 0.45) ** 2

    def paint(a_cols, z):
        zz = z - cz
        mask = (np.abs(a_cols) <= half) & (np.abs(zz) <= half_h)
        if not front:
            return mask, None
        cat = np.zeros(zz.shape, np.uint8)
        a2 = a_cols * a_cols
        for i, dz in enumerate((pitch, 0.0, -pitch)):
            d = zz - dz
            cat[a2 + d * d < rad2] = i + 1
        return mask, cat

    return Vertical(t, a, fp, palette, paint)


def pole_item(table, cx, cy, cam_h, x, y, top, radius, sb, cb):
    """A pole drawn as a billboard turned towards the camera (it is round, so that is exact enough)."""
    dx, dy = x - cx, y - cy
    dist = float(np.hypot(dx, dy))
    if dist < 0.3 or top <= 0:
        return None
    ex, ey = dy / dist, -dx / dist
    t, a, fp = _plane_hits(table, cx, cy, cam_h, x, y, ex, ey, -radius, radius, 0.0, top, sb, cb)
    if fp.empty:
        return None
    palette = _palette(pal.POLE, pal.POLE_DARK)

    def paint(a_cols, z):
        mask = (z >= 0.0) & (z <= top)
        cat = np.broadcast_to((a_cols > radius * 0.3).view(np.uint8), z.shape)
        return mask, cat

    return Vertical(t, a, fp, palette, paint)


def prepare_objects(table: RayTable, rs, facade_idx, assets, cx, cy, cam_h, sb, cb):
    items = []
    for i in facade_idx:
        items.append(facade_item(table, cx, cy, cam_h, rs.facades[i], rs.facade_colours[i], sb, cb))
    for asset in assets:
        if asset.asset_class == "marking" or asset.shape == "marking":
            continue
        if asset.asset_class == "light" or asset.shape == "light":
            items.append(light_item(table, cx, cy, cam_h, asset, sb, cb))
            top, radius = float(asset.centre_z), LIGHT_POLE_RADIUS
        else:
            items.append(sign_item(table, cx, cy, cam_h, asset, sb, cb))
            top, radius = float(asset.centre_z), POLE_RADIUS
        items.append(pole_item(table, cx, cy, cam_h, asset.x, asset.y, top, radius, sb, cb))
    return [it for it in items if it is not None]


def draw_objects(items, table: RayTable, cam_h, img, c0, c1):
    """Depth-tested painting of all items into rows [c0, c1) of img (objects always hide the ground)."""
    depth = None
    tan32 = table.tan_pitch32
    for item in items:
        for r0, r1, u0, u1 in item.footprint.blocks(c0, c1):
            tb = item.t[u0:u1]
            z = cam_h + tb * tan32[r0:r1, None]
            mask, cat = item.paint(item.a[u0:u1], z)
            if depth is None:
                depth = np.full((c1 - c0, img.shape[1]), np.inf, np.float32)
            db = depth[r0 - c0:r1 - c0, u0:u1]
            mask &= tb < db
            if not mask.any():
                continue
            np.copyto(db, np.broadcast_to(tb, db.shape), where=mask)
            ib = img[r0:r1, u0:u1]
            if cat is None:
                ib[mask] = item.palette[0]
            else:
                ib[mask] = item.palette[cat[mask]]
