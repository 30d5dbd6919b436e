"""From a click in the viewer to a ground point, and the texts shown for it."""
import math

import numpy as np

from ..core.equirect import distance_and_height_difference, ground_point_from_pixel, pixel_from_direction
from ..core.terrain import intersect_ray, pixel_error_m, ray_direction

MAX_GROUND_DISTANCE = 100.0  # metres: beyond this a one-pixel error moves the point by metres


def camera_height(pano: dict) -> float:
    value = pano.get("camera_height")
    return 2.5 if value is None else float(value)


def camera_xyz(pano: dict) -> np.ndarray:
    """Optical centre: the ground point plus camera_height."""
    geom = pano["geom"]
    z = geom.z if geom.has_z else 0.0
    return np.array([geom.x, geom.y, z + camera_height(pano)])


def ground_point(pano: dict, bearing: float, elevation: float, ground=None):
    """World (x, y, z) where the ray (bearing, elevation) from the panorama meets the ground (``ground``: a model
    of core/terrain.py, e.g. from panorama/terrain_source.py; None: the level plane under the camera), or None
    when it does not reach the ground within MAX_GROUND_DISTANCE."""
    if ground is not None:
        return intersect_ray(camera_xyz(pano), ray_direction(bearing, elevation), ground, MAX_GROUND_DISTANCE)
    width = int(pano.get("width") or 2048)
    height = int(pano.get("height") or width // 2)
    heading = float(pano.get("heading") or 0.0)
    pitch, roll = float(pano.get("pitch") or 0.0), float(pano.get("roll") or 0.0)
    u, v = pixel_from_direction(bearing, elevation, width, height, heading, pitch, roll)
    point = ground_point_from_pixel(u, v, camera_xyz(pano), camera_height(pano), width, height, heading, pitch,
                                    roll)[0]
    if not np.all(np.isfinite(point)):
        return None
    geom = pano["geom"]
    if math.hypot(point[0] - geom.x, point[1] - geom.y) > MAX_GROUND_DISTANCE:
        return None
    return point


def expected_error_m(pano: dict, bearing: float, elevation: float, ground=None):
    """Horizontal error of that ground point for a click one pixel off (None when it cannot be said)."""
    from ..core.terrain import PlaneGround

    width = int(pano.get("width") or 2048)
    if ground is None:
        ground = PlaneGround(float(camera_xyz(pano)[2] - camera_height(pano)))
    return pixel_error_m(camera_xyz(pano), bearing, elevation, ground, 360.0 / width)


def measure(p1, p2):
    """(horizontal distance, height difference p2 - p1) in metres."""
    distance, dz = distance_and_height_difference(p1, p2)
    return float(distance), float(dz)


def coordinate_text(x: float, y: float) -> str:
    """EPSG:25832 coordinates as 'E 410400.12 N 5477600.34'."""
    return f"E {x:.2f} N {y:.2f}"
