"""Overlay primitives (panorama.overlays): pure geometry, checked against the pinhole model by hand."""
import math

import numpy as np
import pytest
from shapely.geometry import LineString, MultiLineString, Point, Polygon

from herzlich_digital_plugin.core.equirect import pixel_from_direction
from herzlich_digital_plugin.panorama import overlays
from herzlich_digital_plugin.panorama.overlays import View

W, H = 640, 480
F = (W / 2) / math.tan(math.radians(45))  # focal length in pixels for fov 90


def _pano(heading=0.0, x=1000.0, y=2000.0, ground=200.0, camera_height=2.5, width=4096, height=2048, **kw):
    return {"id": 1, "geom": Point(x, y, ground), "heading": heading, "pitch": 0.0, "roll": 0.0,
            "camera_height": camera_height, "width": width, "height": height, **kw}


def _bbox_around(pano, bearing, elevation, half_w_px, half_h_px):
    u, v = pixel_from_direction(bearing, elevation, pano["width"], pano["height"], pano["heading"])
    return {"id": 7, "bbox_xmin": u - half_w_px, "bbox_ymin": v - half_h_px, "bbox_xmax": u + half_w_px,
            "bbox_ymax": v + half_h_px, "vzkat_code": "274", "vzkat_value": "30", "score": 0.87,
            "status": "accepted"}


def test_box_straight_ahead_is_centred_and_labelled():
    pano = _pano(heading=30.0)
    det = _bbox_around(pano, 100.0, 0.0, 40, 30)
    boxes = overlays.detection_boxes([det], pano, View(100.0, 0.0, 90.0, W, H))
    assert len(boxes) == 1
    box = boxes[0]
    assert (box.label, box.score, box.status, box.detection_id) == ("274 (30)", 0.87, "accepted", 7)
    pts = box.points
    assert pts.shape == (4 * overlays.SAMPLES_PER_EDGE + 1, 2)
    assert np.allclose(pts[0], pts[-1])  # closed
    # 40 px of 4096 = 3.515625° each side: the pinhole puts that at f * tan(angle) from the centre
    half = F * math.tan(math.radians(40 / 4096 * 360))
    cx, cy = W / 2 - 0.5, H / 2 - 0.5
    assert pts[:, 0].min() == pytest.approx(cx - half, abs=0.5)
    assert pts[:, 0].max() == pytest.approx(cx + half, abs=0.5)
    assert (pts[:, 1].min() + pts[:, 1].max()) / 2 == pytest.approx(cy, abs=0.5)


def test_box_behind_the_viewer_is_dropped_and_a_half_visible_one_keeps_nan_rows():
    pano = _pano()
    det = _bbox_around(pano, 180.0, 0.0, 30, 30)
    assert overlays.detection_boxes([det], pano, View(0.0, 0.0, 90.0, W, H)) == []
    wide = _bbox_around(pano, 90.0, 0.0, 700, 50)  # spans bearings about 28°..152°
    boxes = overlays.detection_boxes([wide], pano, View(30.0, 0.0, 90.0, W, H))
    assert len(boxes) == 1
    finite = np.isfinite(boxes[0].points).all(axis=1)
    assert finite.any() and not finite.all()


def test_box_around_the_whole_view_is_kept():
    pano = _pano()
    det = _bbox_around(pano, 0.0, 0.0, 300, 300)
    boxes = overlays.detection_boxes([det], pano, View(0.0, 0.0, 10.0, W, H))
    assert len(boxes) == 1
    pts = boxes[0].points[np.isfinite(boxes[0].points).all(axis=1)]
    assert pts[:, 0].min() < 0 and pts[:, 0].max() > W  # the outline lies outside, all around


def test_box_across_the_seam_stays_one_outline():
    pano = _pano(heading=0.0, width=2048, height=1024)
    det = {"bbox_xmin": 2030.0, "bbox_xmax": 20.0, "bbox_ymin": 500.0, "bbox_ymax": 530.0, "score": None,
           "vendor_label": "regulatory--stop"}
    boxes = overlays.detection_boxes([det], pano, View(180.0, 0.0, 30.0, W, H))
    assert len(boxes) == 1 and boxes[0].label == "regulatory--stop" and boxes[0].score is None
    xs = boxes[0].points[:, 0]
    assert np.isfinite(xs).all()
    f30 = (W / 2) / math.tan(math.radians(15))
    expected = 2 * f30 * math.tan(math.radians(19 / 2048 * 360))  # 38 px of the panorama, not 2010 px
    assert xs.max() - xs.min() == pytest.approx(expected, rel=0.05)


def test_box_follows_the_panorama_pose():
    level = _pano(heading=0.0)
    det = _bbox_around(level, 0.0, 0.0, 20, 20)
    tilted = dict(level, pitch=10.0)  # nose up: the same pixels look 10° higher in the world
    view = View(0.0, 0.0, 90.0, W, H)
    y_level = overlays.detection_boxes([det], level, view)[0].points[:, 1].mean()
    y_tilted = overlays.detection_boxes([det], tilted, view)[0].points[:, 1].mean()
    assert y_tilted == pytest.approx(y_level - F * math.tan(math.radians(10)), abs=1.0)


def test_pole_mounted_sign_projects_to_its_height_and_foot():
    pano = _pano()
    sign = {"id": 3, "geom": Point(1000.0, 2010.0), "asset_class": "sign", "vzkat_code": "206", "height": 2.0}
    marking = {"id": 4, "geom": Point(1002.0, 2020.0), "asset_class": "marking", "vzkat_code": "294", "height": 0.0}
    markers = overlays.project_assets([sign, marking], pano, View(0.0, 0.0, 90.0, W, H))
    assert [m.ref for m in markers] == [4, 3]  # farthest first
    m = markers[1]
    cx, cy = W / 2 - 0.5, H / 2 - 0.5
    assert m.x == pytest.approx(cx)
    assert m.y == pytest.approx(cy + F * 0.5 / 10.0)  # 0.5 m below the 2.5 m camera, 10 m away
    assert m.pole_base == pytest.approx((cx, cy + F * 2.5 / 10.0))
    assert (m.label, m.kind, m.distance) == ("206", "sign", pytest.approx(10.0))
    flat = markers[0]
    assert flat.pole_base is None
    assert flat.y == pytest.approx(cy + F * 2.5 / 20.0)
    assert flat.x == pytest.approx(cx + F * 2.0 / 20.0)


def test_assets_far_away_or_behind_are_left_out():
    pano = _pano()
    near_behind = {"geom": Point(1000.0, 1990.0), "asset_class": "sign", "height": 2.0}
    far_ahead = {"geom": Point(1000.0, 2100.0), "asset_class": "sign", "height": 2.0}
    view = View(0.0, 0.0, 90.0, W, H)
    assert overlays.project_assets([near_behind, far_ahead], pano, view, max_distance=60) == []
    assert len(overlays.project_assets([far_ahead], pano, view, max_distance=150)) == 1


def test_line_through_the_camera_is_cut_at_the_near_plane():
    pano = _pano()
    # along the ground from 10 m behind to 10 m ahead, 3 m to the right
    line = np.array([[1003.0, 1990.0], [1003.0, 2010.0]])
    view = View(0.0, 0.0, 90.0, W, H)
    runs = overlays.project_lines([line], pano, view, near=0.5)
    assert len(runs) == 1
    run = runs[0]
    cx, cy = W / 2 - 0.5, H / 2 - 0.5
    # first point at 0.5 m ahead, last at 10 m ahead; both 3 m right and 2.5 m down
    assert run[0] == pytest.approx((cx + F * 3 / 0.5, cy + F * 2.5 / 0.5))
    assert run[-1] == pytest.approx((cx + F * 3 / 10, cy + F * 2.5 / 10))
    assert overlays.project_lines([line[::-1] - [0, 30]], pano, view) == []  # all behind
    # roadworks rows and geometries work the same way (2-D: on the ground)
    as_row = overlays.project_lines([{"geom": LineString(line), "title": "x"}], pano, view, near=0.5)
    assert len(as_row) == 1 and np.allclose(as_row[0], run)


def test_horizon_and_compass_lines():
    pano = _pano()
    view = View(0.0, 0.0, 90.0, W, H)
    grid = overlays.horizon_grid(pano, view, labels=("N", "NO", "O", "SO", "S", "SW", "W", "NW"))
    labels = [label for _, label in grid]
    assert labels[0] == ""  # the horizon first
    horizon = grid[0][0]
    visible = horizon[np.isfinite(horizon[:, 0]) & (np.abs(horizon[:, 0] - W / 2) < W / 2)]
    assert np.allclose(visible[:, 1], H / 2 - 0.5)
    # fov 90 around north: bearings 315..45 -> 330°, N, 30°
    assert sorted(labels[1:]) == sorted(["330°", "N", "30°"])
    north = dict((label, pts) for pts, label in grid)["N"]
    assert np.allclose(north[np.isfinite(north[:, 0]), 0], W / 2 - 0.5)
    mid = north[len(north) // 2]
    assert mid == pytest.approx((W / 2 - 0.5, H / 2 - 0.5))  # the label anchor is on the horizon
    east = overlays.horizon_grid(pano, View(90.0, 0.0, 60.0, W, H), step_deg=45, labels=("N", "NO", "O", "SO",
                                                                                          "S", "SW", "W", "NW"))
    assert "O" in [label for _, label in east]


def test_horizon_moves_down_when_looking_up():
    view = View(0.0, 10.0, 90.0, W, H)
    horizon = overlays.horizon_grid(_pano(), view)[0][0]
    centre = horizon[np.nanargmin(np.abs(horizon[:, 0] - (W / 2 - 0.5)))]
    assert centre[1] == pytest.approx(H / 2 - 0.5 + F * math.tan(math.radians(10)), abs=0.5)


def test_geometry_lines_of_polygons_and_multilines():
    poly = Polygon([(0, 0), (10, 0), (10, 5), (0, 5)], [[(2, 2), (3, 2), (3, 3)]])
    lines = overlays.geometry_lines(poly, z=200.0)
    assert len(lines) == 2 and lines[0].shape == (5, 3) and (lines[0][:, 2] == 200.0).all()
    multi = MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3), (4, 4)]])
    assert [a.shape for a in overlays.geometry_lines(multi)] == [(2, 2), (3, 2)]
    assert overlays.geometry_lines(Point(1, 2)) == []
    assert overlays.geometry_lines(LineString()) == []
