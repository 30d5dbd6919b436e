"""Equirectangular panoramas of the demo city by vectorised ray casting.

Per pixel the nearest of: sky, the ground plane (roads, kerbs, pavements, grass, lane lines,
markings), façades, signs, traffic lights and their poles. Conventions: docs/conventions.md
(level camera: demo panoramas have pitch = roll = 0). Rows are rendered in chunks so an 8K image
needs little more memory than its output.
"""
import numpy as np

from . import render_palette as pal
from .render_ground import ground_categories, prepare_ground
from .render_objects import draw_objects, prepare_objects
from .render_rays import ray_table
from .render_scene import RenderScene, assets_near, facades_near, prepare_scene, segments_near

ROAD_RADIUS_FACTOR = 2.5  # road surfaces reach further than objects, so they do not end abruptly
CHUNK_PIXELS = 1 << 19  # rows per chunk = this / width: bounded memory at 8K, little Python overhead

# JPEG writing and batch rendering (Qt, the store) live in render_io.py and render_batch.py, which build on this.
__all__ = ["render_panorama", "prepare_scene", "RenderScene"]


def render_panorama(scene, camera_x, camera_y, ground_z, camera_height, heading, width=2048, height=1024,
                    radius=80.0):
    """(height, width, 3) uint8 panorama seen from camera_height above (camera_x, camera_y, ground_z).

    ``scene`` is a Scene or, faster for many panoramas, ``prepare_scene(scene)``. Objects further
    than ``radius`` metres are left out.
    """
    rs = prepare_scene(scene)
    width, height = int(width), int(height)
    table = ray_table(width, height)
    cx, cy = float(camera_x), float(camera_y)
    cam_h = max(0.05, float(camera_height) + float(ground_z) - rs.ground_z)
    bearing = np.radians(float(heading)) + table.rel_bearing
    sb, cb = np.sin(bearing), np.cos(bearing)

    road_radius = radius * ROAD_RADIUS_FACTOR
    near_assets = assets_near(rs, cx, cy, radius)
    markings = [a for a in near_assets if a.asset_class == "marking" or a.shape == "marking"]
    segments, marks = prepare_ground(rs, segments_near(rs, cx, cy, road_radius), markings, table, cx, cy,
                                     cam_h, sb, cb, road_radius)
    objects = prepare_objects(table, rs, facades_near(rs, cx, cy, radius), near_assets, cx, cy, cam_h, sb, cb)

    v0 = table.ground_v0
    r_ground = cam_h * table.cot_down
    r32 = r_ground.astype(np.float32)
    ground_palette = pal.ground_rows(r_ground).reshape(-1, 3)
    sky = pal.sky_rows(table.pitch_deg[:v0])

    img = np.empty((height, width, 3), np.uint8)
    step = max(8, CHUNK_PIXELS // width)
    for c0 in range(0, height, step):
        c1 = min(height, c0 + step)
        if c0 < v0:
            img[c0:min(c1, v0)] = sky[c0:min(c1, v0), None, :]
        g0 = max(c0, v0)
        if g0 < c1:
            cat = ground_categories(segments, marks, r32, v0, g0, c1, width)
            cat_index = cat.astype(np.intp)
            cat_index += (np.arange(g0 - v0, c1 - v0) * pal.N_GROUND)[:, None]
            np.take(ground_palette, cat_index, axis=0, out=img[g0:c1], mode="clip")
        draw_objects(objects, table, cam_h, img, c0, c1)
    return img
