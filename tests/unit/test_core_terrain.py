"""Measuring on a hilly street: a road that climbs 6 % (as Kaiserslautern's do), cameras every 5 m along it,
clicks quantised to the pixels of an 8192-wide panorama. Ground truth is the road surface itself."""
import math

import numpy as np
import pytest

from herzlich_digital_plugin.core.equirect import direction_from_pixel, pixel_from_direction
from herzlich_digital_plugin.core.terrain import (GridGround, PlaneGround, TrackGround, intersect_ray,
                                                  pixel_error_m, ray_direction)
from herzlich_digital_plugin.core.two_view import intersect_two_rays

W, H = 8192, 4096
SLOPE = 0.06  # rises to the north
X0, Y0, Z0 = 410400.0, 5477600.0, 240.0
CAMERA_HEIGHT = 2.5


def road_z(x, y):
    return Z0 + SLOPE * (np.asarray(y, dtype=float) - Y0) + 0.01 * (np.asarray(x, dtype=float) - X0)  # + 1 % camber


def cameras():
    ys = np.arange(-60.0, 61.0, 5.0) + Y0
    return [np.array([X0, y, road_z(X0, y) + CAMERA_HEIGHT]) for y in ys]


def click(camera, target, heading=0.0):
    """The direction of the pixel a user clicks to hit ``target`` (nearest pixel centre)."""
    d = np.asarray(target) - camera
    bearing = math.degrees(math.atan2(d[0], d[1]))
    elevation = math.degrees(math.atan2(d[2], math.hypot(d[0], d[1])))
    u, v = pixel_from_direction(bearing, elevation, W, H, heading)
    b, e = direction_from_pixel(round(float(u)), round(float(v)), W, H, heading)
    return float(b), float(e)


def targets(camera, rng, n=200, reach=15.0, half_width=None):
    """Ground points 3-15 m from the camera; with ``half_width`` only on the street (|dx| below it)."""
    out = []
    while len(out) < n:
        angle, dist = rng.uniform(0, 2 * math.pi), rng.uniform(3.0, reach)
        x, y = camera[0] + dist * math.sin(angle), camera[1] + dist * math.cos(angle)
        if half_width is None or abs(x - camera[0]) <= half_width:
            out.append((x, y, float(road_z(x, y))))
    return np.array(out)


def errors(ground, rng, half_width=None):
    cam = cameras()[12]
    errs, stated = [], []
    for target in targets(cam, rng, half_width=half_width):
        b, e = click(cam, target)
        hit = intersect_ray(cam, ray_direction(b, e), ground)
        assert hit is not None
        errs.append(float(np.linalg.norm(hit - target)))
        stated.append(pixel_error_m(cam, b, e, ground, 360.0 / W))
    return np.array(errs), np.array(stated)


def test_a_level_plane_is_far_off_on_a_slope():
    rng = np.random.default_rng(1)
    cam = cameras()[12]
    errs, _ = errors(PlaneGround(cam[2] - CAMERA_HEIGHT), rng)
    assert np.median(errs) > 0.5  # the defect: metres off uphill, too short downhill


def test_the_track_of_the_panoramas_is_ground_enough():
    rng = np.random.default_rng(2)
    track = TrackGround([c - (0, 0, CAMERA_HEIGHT) for c in cameras()])
    errs, stated = errors(track, rng, half_width=5.0)
    # the track gives the slope along the street; across it (1 % here) a straight track cannot know: points on
    # the street stay within the goal, points beside it need a DGM
    assert np.median(errs) <= 0.10, np.median(errs)


def test_an_elevation_raster_gives_the_surface():
    rng = np.random.default_rng(3)
    xs = X0 - 50 + np.arange(100) + 0.5  # 1 m DGM cells, row 0 at the north
    ys = Y0 + 80 - np.arange(160) - 0.5
    grid = road_z(xs[None, :], ys[:, None])
    dgm = GridGround(grid, X0 - 50, Y0 + 80, 1.0, 1.0)
    assert dgm.height(X0 + 3.2, Y0 - 7.9) == pytest.approx(float(road_z(X0 + 3.2, Y0 - 7.9)), abs=1e-9)
    errs, stated = errors(dgm, rng)
    assert np.median(errs) <= 0.10 and np.percentile(errs, 95) <= 0.25
    # the stated error is honest: at least 80 % of the points lie within twice it (plus half a DGM cell's bilinear)
    assert np.mean(errs <= 2 * stated + 0.02) >= 0.8


def test_no_ground_no_point():
    cam = cameras()[12]
    assert intersect_ray(cam, ray_direction(0.0, 5.0), PlaneGround(Z0)) is None  # above the horizon
    assert intersect_ray(cam, ray_direction(0.0, -0.5), PlaneGround(Z0), max_distance=50) is None  # too far


def test_two_views_measure_points_off_the_ground():
    rng = np.random.default_rng(4)
    cams = cameras()
    errs, sigmas = [], []
    for k in range(10, 16):
        a, b = cams[k], cams[k + 2]  # 10 m apart
        for target in targets(a, rng, n=20):
            top = target + (0, 0, rng.uniform(0.0, 3.0))  # kerbs, sign posts, sign tops
            r = intersect_two_rays(a, ray_direction(*click(a, top)), b, ray_direction(*click(b, top)),
                                   2 * math.pi / W)
            if r is None:
                continue
            errs.append(float(np.linalg.norm(r.point - top)))
            sigmas.append(r.sigma_m)
            assert r.gap_m < 0.05
    errs, sigmas = np.array(errs), np.array(sigmas)
    assert len(errs) > 80
    assert np.median(errs) <= 0.05, np.median(errs)
    assert np.mean(errs <= 2 * sigmas) >= 0.8


def test_parallel_or_backward_rays_give_no_point():
    o1, o2 = np.zeros(3), np.array([5.0, 0, 0])
    assert intersect_two_rays(o1, (0, 1, 0), o2, (0, 1, 0), 1e-3) is None
    assert intersect_two_rays(o1, (1, 1, 0), o2, (-1, -1, 0), 1e-3) is None
