import numpy as np
import pytest

from herzlich_digital_plugin.core import equirect as eq

W, H = 8192, 4096
RNG = np.random.default_rng(42)


def angle_diff(a, b):
    return (np.asarray(a) - np.asarray(b) + 180.0) % 360.0 - 180.0


def test_rotation_is_orthonormal_and_maps_forward_to_heading():
    for h, p, r in [(0, 0, 0), (37, 5, -3), (250, -12, 8)]:
        rot = eq.camera_rotation(h, p, r)
        assert np.allclose(rot @ rot.T, np.eye(3), atol=1e-12)
        assert np.isclose(np.linalg.det(rot), 1.0)
        b, e = eq.angles_from_vector(rot @ [0.0, 1.0, 0.0])
        assert abs(angle_diff(b, h)) < 1e-9 and abs(e - p) < 1e-9


def test_pitch_raises_nose_and_roll_lowers_right_side():
    rot = eq.camera_rotation(0, 10, 0)
    assert rot[2, 1] > 0  # forward axis points up
    rot = eq.camera_rotation(0, 0, 10)
    assert rot[2, 0] < 0  # right axis points down
    rot = eq.camera_rotation(90, 0, 0)
    assert np.allclose(rot[:, 0], [0, -1, 0])  # facing east, right is south


def test_conventions_of_columns_and_rows():
    # centre of the image (between the two middle columns) looks at heading, horizon
    b, e = eq.direction_from_pixel(W / 2 - 0.5, H / 2 - 0.5, W, H, heading=123.0)
    assert np.isclose(b, 123.0) and np.isclose(e, 0.0)
    b, e = eq.direction_from_pixel(-0.5, -0.5, W, H, heading=123.0)
    assert np.isclose(b, 303.0) and np.isclose(e, 90.0)
    # a quarter to the right is heading + 90
    b, _ = eq.direction_from_pixel(0.75 * W - 0.5, 100, W, H, heading=300.0)
    assert np.isclose(b, 30.0)


def test_vector_angle_round_trip():
    b = RNG.uniform(0, 360, 500)
    e = RNG.uniform(-89, 89, 500)
    vec = eq.vector_from_angles(b, e)
    assert vec.shape == (500, 3)
    assert np.allclose(np.linalg.norm(vec, axis=1), 1.0)
    b2, e2 = eq.angles_from_vector(vec * 7.0)
    assert np.allclose(angle_diff(b2, b), 0, atol=1e-9)
    assert np.allclose(e2, e, atol=1e-9)
    assert np.allclose(eq.vector_from_angles(90, 0), [1, 0, 0], atol=1e-12)


@pytest.mark.parametrize("pose", [(0, 0, 0), (211.5, 0, 0), (47, 4.5, -2.0), (300, -7, 6)])
def test_pixel_direction_pixel_round_trip(pose):
    u = RNG.uniform(0, W, 1000)
    v = RNG.uniform(5, H - 5, 1000)
    b, e = eq.direction_from_pixel(u, v, W, H, *pose)
    u2, v2 = eq.pixel_from_direction(b, e, W, H, *pose)
    du = (u2 - u + W / 2) % W - W / 2
    assert np.max(np.abs(du)) < 1e-6
    assert np.max(np.abs(v2 - v)) < 1e-6
    assert np.all((u2 >= 0) & (u2 < W))


def test_scalar_in_scalar_out():
    b, e = eq.direction_from_pixel(10, 20, W, H, 5.0)
    assert np.ndim(b) == 0 and np.ndim(e) == 0
    u, v = eq.pixel_from_direction(10.0, 3.0, W, H, 5.0, 1.0, 2.0)
    assert np.ndim(u) == 0 and np.ndim(v) == 0
    assert np.ndim(eq.bearing_between(0, 0, 1, 1)) == 0


def test_wrap_around_at_seam():
    heading = 90.0
    # the seam is at bearing heading + 180 = 270; just left and right of it
    u_left, _ = eq.pixel_from_direction(270.0 + 1e-9, 0, W, H, heading)
    u_right, _ = eq.pixel_from_direction(270.0 - 1e-9, 0, W, H, heading)
    assert 0 <= u_left < W and 0 <= u_right < W
    # in pixel-centre coordinates the seam sits at u = -0.5 == W - 0.5
    assert u_left == pytest.approx(W - 0.5, abs=1e-3) and u_right == pytest.approx(W - 0.5, abs=1e-3)
    assert u_left > u_right
    # pixel 0 and pixel W-1 are neighbours: one pixel apart in bearing across the seam
    b0, _ = eq.direction_from_pixel(0, H / 2, W, H, heading)
    b1, _ = eq.direction_from_pixel(W - 1, H / 2, W, H, heading)
    assert angle_diff(b0, b1) == pytest.approx(360.0 / W)
    # u just below 0 wraps to just below W
    u, _ = eq.pixel_from_direction(*eq.direction_from_pixel(-0.4, 100, W, H, heading), W, H, heading)
    assert u == pytest.approx(W - 0.4)
    # a tiny negative never comes back as exactly W
    u, _ = eq.pixel_from_direction(heading + 180 - 0.5 * 360 / W - 1e-13, 0, W, H, heading)
    assert 0 <= u < W


def test_pitch_roll_consistency_with_rotation():
    heading, pitch, roll = 75.0, 6.0, -4.0
    rot = eq.camera_rotation(heading, pitch, roll)
    # the image centre follows the camera's forward axis, the image top its up axis
    b, e = eq.direction_from_pixel(W / 2 - 0.5, H / 2 - 0.5, W, H, heading, pitch, roll)
    assert np.allclose(eq.vector_from_angles(b, e), rot[:, 1], atol=1e-9)
    b, e = eq.direction_from_pixel(W / 2 - 0.5, -0.5, W, H, heading, pitch, roll)
    assert np.allclose(eq.vector_from_angles(b, e), rot[:, 2], atol=1e-9)
    # pitching the camera up by p moves a fixed world direction p degrees down in the image
    _, v0 = eq.pixel_from_direction(heading, 0.0, W, H, heading, 0.0, 0.0)
    _, v1 = eq.pixel_from_direction(heading, 0.0, W, H, heading, 10.0, 0.0)
    assert v1 - v0 == pytest.approx(10.0 / 180.0 * H)
    # rolling right-side-down makes the right (east of heading) horizon appear above the centre row
    _, v_right = eq.pixel_from_direction(heading + 90, 0.0, W, H, heading, 0.0, 10.0)
    assert v_right - (H / 2 - 0.5) == pytest.approx(-10.0 / 180.0 * H)


def test_world_to_pixel_and_back_to_ground():
    cam_ground = np.array([410400.0, 5477600.0, 235.0])
    cam_height = 2.5
    cam = cam_ground + [0, 0, cam_height]
    n = 400
    r = RNG.uniform(1.0, 60.0, n)
    ang = RNG.uniform(0, 2 * np.pi, n)
    pts = np.column_stack([cam[0] + r * np.sin(ang), cam[1] + r * np.cos(ang), np.full(n, cam_ground[2])])
    for pose in [(10.0, 0.0, 0.0), (200.0, 3.0, -2.5)]:
        u, v, dist = eq.world_to_pixel(pts, cam, W, H, *pose)
        assert np.allclose(dist, np.hypot(r, cam_height))
        assert np.all(v > H / 2 - 1 - 4.0 / 180 * H)  # points on the ground are below the horizon
        back = eq.ground_point_from_pixel(u, v, cam, cam_height, W, H, *pose)
        assert back.shape == (n, 3)
        assert np.max(np.abs(back - pts)) < 1e-6


def test_ground_point_nan_at_and_above_horizon():
    cam = [0.0, 0.0, 2.5]
    u = np.array([100.0, 100.0, 100.0, 100.0])
    v = np.array([H / 2 - 0.5, 10.0, H / 2 + 100.0, H - 1.0])
    out = eq.ground_point_from_pixel(u, v, cam, 2.5, W, H, 0.0)
    assert np.all(np.isnan(out[:2]))
    assert np.all(np.isfinite(out[2:]))
    assert np.allclose(out[2:, 2], 0.0)
    # straight down hits the ground point below the camera
    assert np.allclose(out[3, :2], 0.0, atol=2.5 * np.tan(np.radians(180.0 / H)))


def test_ground_point_distance_matches_depression_angle():
    # 10 degrees below the horizon at height 2.5 -> 2.5 / tan(10°) metres away
    v = H / 2 - 0.5 + 10.0 / 180.0 * H
    out = eq.ground_point_from_pixel(W / 2 - 0.5, v, [0, 0, 2.5], 2.5, W, H, 90.0)
    assert out[0, 0] == pytest.approx(2.5 / np.tan(np.radians(10.0)))
    assert out[0, 1] == pytest.approx(0.0, abs=1e-9)


def test_bearing_between_and_distances():
    assert eq.bearing_between(0, 0, 0, 5) == pytest.approx(0.0)
    assert eq.bearing_between(0, 0, 5, 0) == pytest.approx(90.0)
    assert eq.bearing_between(0, 0, 0, -5) == pytest.approx(180.0)
    assert eq.bearing_between(0, 0, -1, 1) == pytest.approx(315.0)
    out = eq.bearing_between([0, 0], [0, 0], [1, -1], [-1e-20, 1])
    assert np.all((out >= 0) & (out < 360))
    d, dz = eq.distance_and_height_difference([0, 0, 10], [3, 4, 12.5])
    assert d == pytest.approx(5.0) and dz == pytest.approx(2.5)
    d, dz = eq.distance_and_height_difference([[0, 0, 0], [1, 1, 1]], [[0, 2, 1], [1, 1, 0]])
    assert np.allclose(d, [2, 0]) and np.allclose(dz, [1, -1])
