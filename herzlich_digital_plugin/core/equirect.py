"""Equirectangular panorama geometry (see docs/conventions.md).

World frame: (east, north, up) in metres. Camera frame: (right, forward, up).
Angles are degrees. Pixel (u, v) has its centre at (u + 0.5, v + 0.5); the
float coordinates returned here use the same convention, so the nearest
pixel of a returned u is ``round(u)`` (modulo W).
All functions broadcast over numpy arrays; scalar inputs give scalar outputs.
"""
import numpy as np

__all__ = [
    "camera_rotation", "direction_from_pixel", "pixel_from_direction",
    "vector_from_angles", "angles_from_vector", "world_to_pixel",
    "ground_point_from_pixel", "bearing_between", "distance_and_height_difference",
]


def _scalar_or_array(x):
    """0-d arrays become numpy scalars so scalar input gives scalar output."""
    x = np.asarray(x)
    return x[()] if x.ndim == 0 else x


def _wrap(x, period):
    """x modulo period, guaranteed inside [0, period) (np.mod can return period)."""
    x = np.mod(x, period)
    return np.where(x >= period, x - period, x)


def camera_rotation(heading, pitch=0.0, roll=0.0):
    """Matrix whose columns are the camera's right, forward and up axes in world (E, N, U).

    Heading turns clockwise from north, pitch raises the forward axis (nose up),
    roll lowers the right side; applied as R = R_heading @ R_pitch @ R_roll.
    """
    h, p, r = np.radians([heading, pitch, roll])
    ch, sh, cp, sp, cr, sr = np.cos(h), np.sin(h), np.cos(p), np.sin(p), np.cos(r), np.sin(r)
    r_heading = np.array([[ch, sh, 0.0], [-sh, ch, 0.0], [0.0, 0.0, 1.0]])
    r_pitch = np.array([[1.0, 0.0, 0.0], [0.0, cp, -sp], [0.0, sp, cp]])
    r_roll = np.array([[cr, 0.0, sr], [0.0, 1.0, 0.0], [-sr, 0.0, cr]])
    return r_heading @ r_pitch @ r_roll


def vector_from_angles(bearing, elevation):
    """Unit vectors (..., 3) in (E, N, U) for compass bearings and elevations."""
    b = np.radians(np.asarray(bearing, dtype=float))
    e = np.radians(np.asarray(elevation, dtype=float))
    b, e = np.broadcast_arrays(b, e)
    ce = np.cos(e)
    return np.stack([np.sin(b) * ce, np.cos(b) * ce, np.sin(e)], axis=-1)


def angles_from_vector(vec):
    """(bearing in [0, 360), elevation in [-90, 90]) of vectors (..., 3); need not be unit length."""
    vec = np.asarray(vec, dtype=float)
    x, y, z = vec[..., 0], vec[..., 1], vec[..., 2]
    bearing = _wrap(np.degrees(np.arctan2(x, y)), 360.0)
    elevation = np.degrees(np.arctan2(z, np.hypot(x, y)))
    return _scalar_or_array(bearing), _scalar_or_array(elevation)


def _is_level(pitch, roll):
    return pitch == 0 and roll == 0


def direction_from_pixel(u, v, width, height, heading, pitch=0.0, roll=0.0):
    """World (bearing, elevation) seen at equirectangular pixel coordinates (u, v)."""
    u = np.asarray(u, dtype=float)
    v = np.asarray(v, dtype=float)
    rel_bearing = (u + 0.5) / width * 360.0 - 180.0
    cam_elevation = 90.0 - (v + 0.5) / height * 180.0
    if _is_level(pitch, roll):
        bearing, elevation = np.broadcast_arrays(_wrap(heading + rel_bearing, 360.0), cam_elevation)
        return _scalar_or_array(np.array(bearing)), _scalar_or_array(np.array(elevation))
    cam_vec = vector_from_angles(rel_bearing, cam_elevation)
    world = cam_vec @ camera_rotation(heading, pitch, roll).T
    return angles_from_vector(world)


def pixel_from_direction(bearing, elevation, width, height, heading, pitch=0.0, roll=0.0):
    """Float pixel coordinates (u in [0, width), v) of a world direction."""
    bearing = np.asarray(bearing, dtype=float)
    elevation = np.asarray(elevation, dtype=float)
    if _is_level(pitch, roll):
        rel_bearing = bearing - heading
        cam_elevation = elevation
    else:
        world = vector_from_angles(bearing, elevation)
        cam_vec = world @ camera_rotation(heading, pitch, roll)  # R^T applied to row vectors
        rel_bearing, cam_elevation = angles_from_vector(cam_vec)
    rel_bearing, cam_elevation = np.broadcast_arrays(rel_bearing, cam_elevation)
    u = _wrap((rel_bearing + 180.0) / 360.0 * width - 0.5, float(width))
    v = (90.0 - cam_elevation) / 180.0 * height - 0.5
    return _scalar_or_array(u), _scalar_or_array(v)


def world_to_pixel(points_xyz, camera_xyz, width, height, heading, pitch=0.0, roll=0.0):
    """Project world points (n, 3) into the panorama whose optical centre is camera_xyz.

    Returns (u, v, distance) arrays of length n; distance is 3-D from the optical centre.
    """
    pts = np.atleast_2d(np.asarray(points_xyz, dtype=float))
    d = pts - np.asarray(camera_xyz, dtype=float).reshape(1, 3)
    distance = np.linalg.norm(d, axis=1)
    bearing, elevation = angles_from_vector(d)
    u, v = pixel_from_direction(np.atleast_1d(bearing), np.atleast_1d(elevation),
                                width, height, heading, pitch, roll)
    return np.atleast_1d(u), np.atleast_1d(v), distance


def ground_point_from_pixel(u, v, camera_xyz, camera_height, width, height, heading,
                            pitch=0.0, roll=0.0):
    """Intersect the rays of pixels (u, v) with the ground plane below the camera.

    The plane is z = camera_xyz[2] - camera_height. Returns an (n, 3) array; rows are
    NaN for rays at or above the horizon (they never reach the ground).
    """
    u = np.atleast_1d(np.asarray(u, dtype=float)).ravel()
    v = np.atleast_1d(np.asarray(v, dtype=float)).ravel()
    u, v = np.broadcast_arrays(u, v)
    bearing, elevation = direction_from_pixel(u, v, width, height, heading, pitch, roll)
    d = vector_from_angles(np.atleast_1d(bearing), np.atleast_1d(elevation))
    dz = d[:, 2]
    down = dz < -1e-12
    t = np.full(dz.shape, np.nan)
    t[down] = camera_height / -dz[down]
    cam = np.asarray(camera_xyz, dtype=float).reshape(1, 3)
    return cam + t[:, None] * d


def bearing_between(x1, y1, x2, y2):
    """Compass bearing in [0, 360) from (x1, y1) to (x2, y2) in a projected (E, N) frame."""
    dx = np.asarray(x2, dtype=float) - np.asarray(x1, dtype=float)
    dy = np.asarray(y2, dtype=float) - np.asarray(y1, dtype=float)
    return _scalar_or_array(_wrap(np.degrees(np.arctan2(dx, dy)), 360.0))


def distance_and_height_difference(p1, p2):
    """(horizontal distance, z2 - z1) between points (..., 3); a missing z counts as 0."""
    a = np.asarray(p1, dtype=float)
    b = np.asarray(p2, dtype=float)
    dx = b[..., 0] - a[..., 0]
    dy = b[..., 1] - a[..., 1]
    za = a[..., 2] if a.shape[-1] > 2 else 0.0
    zb = b[..., 2] if b.shape[-1] > 2 else 0.0
    return _scalar_or_array(np.hypot(dx, dy)), _scalar_or_array(np.asarray(zb - za))
