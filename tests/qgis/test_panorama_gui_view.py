"""The panorama view widget on its own: drawing, look-around by mouse, wheel and keys, limits, signals."""
import math

import numpy as np
import pytest
from qgis.PyQt.QtCore import QEvent, QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QMouseEvent, QWheelEvent
from qgis.PyQt.QtWidgets import QApplication
from shapely.geometry import Point

from herzlich_digital_plugin.core.perspective import view_ray
from herzlich_digital_plugin.gui.panorama_view_widget import MAX_FOV, MAX_PITCH, MIN_FOV, PanoramaViewWidget

W, H = 1024, 512
HEADING = 40.0
STRIPE_BEARING = 100.0  # a red vertical stripe in the panorama at this world bearing


def _panorama_image(channels):
    """Grey equirectangular image with a red stripe at STRIPE_BEARING (RGB, or RGB32 memory order: B, G, R, X)."""
    img = np.full((H, W, channels), 90, np.uint8)
    u = int(((STRIPE_BEARING - HEADING + 180.0) % 360.0) / 360.0 * W)
    red = (255, 0, 0) if channels == 3 else (0, 0, 255, 255)
    img[:, u - 2:u + 3] = red
    return img


def _pano():
    return {"id": 7, "geom": Point(410400.0, 5477600.0, 235.0), "heading": HEADING, "pitch": 0.0, "roll": 0.0,
            "camera_height": 2.5, "width": W, "height": H}


@pytest.fixture()
def view(qtbot):
    widget = PanoramaViewWidget()
    qtbot.addWidget(widget)
    widget.resize(640, 400)
    widget.set_panorama(_pano())
    widget.set_image(_panorama_image(4))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _mouse(widget, kind, pos, button, buttons):
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _drag(widget, start, end, steps=8):
    left = Qt.MouseButton.LeftButton
    _mouse(widget, QEvent.Type.MouseButtonPress, start, left, left)
    for k in range(1, steps + 1):
        p = start + (end - start) * k / steps
        _mouse(widget, QEvent.Type.MouseMove, QPoint(int(p.x()), int(p.y())), Qt.MouseButton.NoButton, left)
    _mouse(widget, QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def _wheel(widget, notches):
    pos = QPointF(100, 100)
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, int(120 * notches)),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _angle_diff(a, b):
    return abs((a - b + 180.0) % 360.0 - 180.0)


@pytest.mark.parametrize("channels", [3, 4])
def test_view_shows_the_panorama_in_the_right_direction(qtbot, view, channels):
    view.set_image(_panorama_image(channels))
    for yaw in (STRIPE_BEARING, STRIPE_BEARING - 30.0):
        view.set_view(yaw=yaw, pitch=0.0, fov=90.0)
        image = view.grab().toImage()
        row = image.height() // 2 + 40  # below the compass, above the status line
        reds = [x for x in range(image.width())
                if image.pixelColor(x, row).red() > 200 and image.pixelColor(x, row).green() < 60]
        assert reds, "the red stripe is not visible"
        centre = (min(reds) + max(reds) + 1) / 2.0
        bearing, _ = view_ray(centre - 0.5, row, yaw, 0.0, 90.0, view.width(), view.height())
        assert _angle_diff(bearing, STRIPE_BEARING) < 0.6


def test_drag_follows_the_mouse_in_proportion_to_the_fov(qtbot, view):
    view.set_view(yaw=10.0, pitch=0.0, fov=60.0)
    seen = []
    view.viewChanged.connect(lambda y, p, f: seen.append((y, p, f)))
    clicks = []
    view.clicked.connect(lambda b, e: clicks.append((b, e)))
    _drag(view, QPoint(300, 200), QPoint(400, 250))
    yaw, pitch, fov = view.view()
    per_px = 60.0 / view.width()
    assert _angle_diff(yaw, 10.0 - 100 * per_px) < 1e-6  # dragging right looks left: the image follows
    assert pitch == pytest.approx(50 * per_px)
    assert fov == 60.0
    assert seen and seen[-1] == pytest.approx((yaw, pitch, fov))
    assert clicks == []  # a drag is not a click


def test_pitch_and_fov_stay_within_limits(qtbot, view):
    _drag(view, QPoint(300, 10), QPoint(300, 390))
    _drag(view, QPoint(300, 10), QPoint(300, 390))
    _drag(view, QPoint(300, 10), QPoint(300, 390))
    assert view.view()[1] == MAX_PITCH
    for _ in range(30):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.view()[1] == -MAX_PITCH
    for _ in range(20):
        _wheel(view, 1)
    assert view.view()[2] == MIN_FOV
    for _ in range(20):
        qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.view()[2] == MAX_FOV
    view.set_view(yaw=-30.0, fov=500.0)
    assert view.view()[0] == pytest.approx(330.0) and view.view()[2] == MAX_FOV


def test_wheel_and_plus_minus_zoom(qtbot, view):
    view.set_view(fov=90.0)
    _wheel(view, 1)
    zoomed = view.view()[2]
    assert zoomed < 90.0
    _wheel(view, -1)
    assert view.view()[2] == pytest.approx(90.0)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.view()[2] == pytest.approx(zoomed)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.view()[2] == pytest.approx(90.0)


def test_arrow_keys_look_around_and_home_resets_to_the_heading(qtbot, view):
    view.set_view(yaw=HEADING, pitch=0.0, fov=80.0)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert _angle_diff(view.view()[0], HEADING + 8.0) < 1e-9
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert _angle_diff(view.view()[0], HEADING - 8.0) < 1e-9
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.view()[1] == pytest.approx(8.0)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.view()[:2] == (pytest.approx(HEADING), 0.0)
    assert view.view()[2] == 80.0  # the zoom stays


def test_w_s_page_keys_request_steps(qtbot, view):
    steps = []
    view.stepRequested.connect(steps.append)
    for key in (Qt.Key.Key_W, Qt.Key.Key_PageUp, Qt.Key.Key_S, Qt.Key.Key_PageDown):
        qtbot.keyClick(view, key)
    assert steps == [1, 1, -1, -1]
    assert view.view()[0] == pytest.approx(HEADING)  # stepping is the dock's job: the view did not turn


def test_click_without_drag_reports_the_world_direction(qtbot, view):
    view.set_view(yaw=200.0, pitch=-10.0, fov=70.0)
    clicks = []
    view.clicked.connect(lambda b, e: clicks.append((b, e)))
    left = Qt.MouseButton.LeftButton
    _mouse(view, QEvent.Type.MouseButtonPress, QPoint(150, 300), left, left)
    _mouse(view, QEvent.Type.MouseMove, QPoint(152, 301), Qt.MouseButton.NoButton, left)  # hand jitter
    _mouse(view, QEvent.Type.MouseButtonRelease, QPoint(152, 301), left, Qt.MouseButton.NoButton)
    assert len(clicks) == 1
    b, e = view_ray(152, 301, 200.0, -10.0, 70.0, view.width(), view.height())
    assert clicks[0] == (pytest.approx(b), pytest.approx(e))
    assert view.view() == (200.0, -10.0, 70.0)


def test_compass_needle_points_along_the_view_yaw(qtbot, view):
    for yaw in (0.0, 45.0, 181.0, 300.0):
        view.set_view(yaw=yaw)
        centre, tip = view.compass_needle()
        angle = math.degrees(math.atan2(tip.x() - centre.x(), centre.y() - tip.y())) % 360.0
        assert _angle_diff(angle, yaw) < 1e-6
    image = view.grab().toImage()
    centre, tip = view.compass_needle()
    mid = (centre + tip) / 2  # the needle is drawn red
    colour = image.pixelColor(int(mid.x()), int(mid.y()))
    assert colour.red() > 180 and colour.green() < 90


def test_repaints_are_coalesced_and_frames_cached(qtbot, view):
    QApplication.processEvents()
    before = view.render_count
    for k in range(50):
        view.set_view(yaw=k * 0.5)
    QApplication.processEvents()
    assert view.render_count - before == 1  # 50 view changes, one frame
    view.render_frame()
    view.render_frame()
    assert view.render_count - before <= 1  # unchanged view: served from the cache


def test_status_text_and_no_image(qtbot, view):
    view.set_image(None)
    view.set_status("Vorschau wird geladen…")
    assert view.status() == ("Vorschau wird geladen…", False)
    image = view.grab().toImage()  # paints without an image
    assert not image.isNull()
    view.set_status("Kaputt", error=True)
    assert view.status() == ("Kaputt", True)
    view.set_image(_panorama_image(4), full=False)
    assert view.image() is not None and not view.has_full_image()
    view.set_image(_panorama_image(3), full=True)
    assert view.has_full_image()
    view.set_image(_panorama_image(4)[::2, ::2].copy(), full=False)  # a late preview never replaces the full image
    assert view.image().shape[2] == 3


def test_slow_frames_drop_to_half_size_while_dragging(qtbot, view, monkeypatch):
    import herzlich_digital_plugin.gui.panorama_view_widget as module

    monkeypatch.setattr(module, "SLOW_FRAME_MS", -1.0)  # every frame counts as slow
    left = Qt.MouseButton.LeftButton
    view.repaint()
    assert view.last_frame_size() == (view.width(), view.height())
    _mouse(view, QEvent.Type.MouseButtonPress, QPoint(200, 200), left, left)
    _mouse(view, QEvent.Type.MouseMove, QPoint(260, 200), Qt.MouseButton.NoButton, left)
    view.repaint()
    assert view.last_frame_size() == (view.width() // 2, view.height() // 2)
    _mouse(view, QEvent.Type.MouseButtonRelease, QPoint(260, 200), left, Qt.MouseButton.NoButton)
    view.repaint()
    assert view.last_frame_size() == (view.width(), view.height())


def test_view_at_rest_is_redrawn_smooth_and_dragging_shows_the_fast_frame(view, qtbot):
    """After the view rests, a bilinear frame rendered off the GUI thread replaces the nearest one; moving again
    shows fast frames until the next rest."""
    from herzlich_digital_plugin.core.perspective import PerspectiveRenderer
    from herzlich_digital_plugin.core.perspective_smooth import SmoothRenderer

    view.set_view(yaw=STRIPE_BEARING, fov=30.0)
    qtbot.waitUntil(view.smooth_frame_shown, timeout=5000)
    shot = view.grab().toImage()
    expected = SmoothRenderer(PerspectiveRenderer(), threads=1).render(
        view.image(), STRIPE_BEARING, 0.0, 30.0, view.width(), view.height(), heading=HEADING)
    nearest = PerspectiveRenderer().render(view.image(), STRIPE_BEARING, 0.0, 30.0, view.width(), view.height(),
                                           heading=HEADING)
    y = view.height() // 3
    # the stripe's edge: nearest steps from grey to red, the smooth frame blends; the widget shows the blend
    x = int(np.argmax(np.abs(nearest[y, :, 2].astype(int) - expected[y, :, 2].astype(int))))
    assert abs(int(nearest[y, x, 2]) - int(expected[y, x, 2])) > 20
    colour = shot.pixelColor(x, y)
    want = expected[y, x]  # B, G, R, X
    assert (colour.red(), colour.green(), colour.blue()) == (want[2], want[1], want[0])
    # a drag drops the smooth frame at once; it comes back after the drag
    _drag(view, QPoint(300, 200), QPoint(340, 200))
    assert not view.smooth_frame_shown()
    qtbot.waitUntil(view.smooth_frame_shown, timeout=5000)
