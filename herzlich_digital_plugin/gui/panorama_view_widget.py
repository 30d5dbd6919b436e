"""The perspective view of one panorama: drag, wheel and keys to look around, compass rose, overlays, status.

Frames are rendered on demand in paintEvent at the widget's size with one reused PerspectiveRenderer
(panorama.image_packing.PanoramaRenderer); view
changes only call update(), which Qt coalesces into one repaint per event-loop pass, so dragging stays fluid.
Widget pixel (x, y) is view pixel (x, y) of core.perspective (centre at x + 0.5, y + 0.5).
While the view moves, frames are nearest-neighbour (fast); once it has rested for SMOOTH_DELAY_MS a bilinear,
mip-mapped frame (core.perspective_smooth) is rendered on a worker thread and replaces it.
"""
import math
import threading
import time

import numpy as np
from qgis.PyQt.QtCore import QPointF, QRectF, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF
from qgis.PyQt.QtWidgets import QApplication, QSizePolicy, QWidget

from ..core.equirect import angles_from_vector
from ..core.perspective import view_pixel, view_ray
from ..core.perspective_smooth import SmoothRenderer
from ..panorama.image_packing import PanoramaRenderer
from ..toolbelt.i18n import tr
from . import panorama_overlay_adapter as overlay_adapter

MIN_FOV, MAX_FOV = 20.0, 120.0
DEFAULT_FOV = 90.0
MAX_PITCH = 85.0
ZOOM_STEP = 1.15  # fov factor per wheel notch or +/- key
KEY_TURN = 0.10  # arrow keys turn by this share of the fov
SLOW_FRAME_MS = 25.0  # slower full-size frames are drawn at half size while dragging
SMOOTH_DELAY_MS = 150  # the view has rested this long: draw the smooth frame
OVERLAY_KINDS = ("detections", "assets", "grid")


def _wrap360(angle: float) -> float:
    angle = math.fmod(float(angle), 360.0)
    return angle + 360.0 if angle < 0 else (0.0 if angle >= 360.0 else angle)


def _qimage_format(channels: int):
    """3 channels are RGB; 4 are the loader's Format_RGB32 memory order (panorama.image_decode)."""
    return QImage.Format.Format_RGB888 if channels == 3 else QImage.Format.Format_RGB32


class PanoramaViewWidget(QWidget):
    """Shows the current panorama; emits viewChanged, stepRequested and clicked."""

    viewChanged = pyqtSignal(float, float, float)  # yaw, pitch, fov
    stepRequested = pyqtSignal(int)  # +1 next, -1 previous in the sequence
    clicked = pyqtSignal(float, float)  # world bearing, elevation of a click without drag
    _smoothRendered = pyqtSignal(object)  # (key, buffer) from the worker thread, delivered queued

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("HerzlichDigitalPanoramaView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 160)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._renderer = PanoramaRenderer()  # uses copies the loader packed ahead
        self._pano = None
        self._image = None
        self._image_full = False
        self._yaw, self._pitch, self._fov = 0.0, 0.0, DEFAULT_FOV
        self._status, self._status_error = "", False
        self._frame = None  # (key, QImage, backing ndarray)
        self._last_render_ms = 0.0
        self.render_count = 0  # frames rendered (tests check repaints are coalesced)
        self._overlay_visible = {"detections": True, "assets": True, "grid": False}
        self._overlay_data = {"detections": [], "assets": [], "roadworks": []}
        self._overlay_cache = None  # (key, primitives)
        self._marks = []  # (x, y, z, label) world points drawn as pins
        self._press = None  # (pos, yaw, pitch) of the current left-button press
        self._dragging = False
        self._smooth = None  # (key, QImage, buffer) of the at-rest frame
        self._smooth_busy = False  # a worker is rendering one (one at a time: it has one renderer)
        # the worker's own renderer and buffers; one thread, no pool: nothing outlives the widget
        self._smooth_renderer = SmoothRenderer(PanoramaRenderer(), threads=1)
        self._smooth_timer = QTimer(self)
        self._smooth_timer.setSingleShot(True)
        self._smooth_timer.setInterval(SMOOTH_DELAY_MS)
        self._smooth_timer.timeout.connect(self._start_smooth)
        self._smoothRendered.connect(self._on_smooth_rendered)
        self.smooth_enabled = True

    # ------------------------------------------------------------------ state
    def panorama(self):
        return self._pano

    def image(self):
        return self._image

    def has_full_image(self) -> bool:
        return self._image is not None and self._image_full

    def view(self):
        """(yaw, pitch, fov) in degrees."""
        return self._yaw, self._pitch, self._fov

    def set_panorama(self, pano: dict, yaw=None, pitch=None, fov=None) -> None:
        """Show another panorama (its image arrives later through set_image); default yaw is its heading."""
        self._pano = pano
        self._image, self._image_full = None, False
        self._renderer.invalidate()
        self._frame = self._smooth = None
        self._overlay_cache = None
        self._overlay_data = {"detections": [], "assets": [], "roadworks": []}
        heading = float(pano.get("heading") or 0.0) if pano else 0.0
        self.set_view(heading if yaw is None else yaw, 0.0 if pitch is None else pitch,
                      self._fov if fov is None else fov, force_signal=True)

    def set_image(self, image, full: bool = True) -> None:
        """The equirectangular pixels, (H, W, 3|4) uint8; a preview never replaces a full image."""
        if image is None:
            self._image, self._image_full = None, False
        elif full or not self._image_full:
            self._image, self._image_full = np.asarray(image), bool(full)
        self._frame = self._smooth = None
        self.update()

    def set_status(self, text: str, error: bool = False) -> None:
        self._status, self._status_error = text or "", bool(error)
        self.update()

    def status(self):
        return self._status, self._status_error

    def set_view(self, yaw=None, pitch=None, fov=None, force_signal=False) -> None:
        """Change the view (clamped: fov 20°–120°, pitch ±85°); emits viewChanged when it changed."""
        new_fov = self._fov if fov is None else min(MAX_FOV, max(MIN_FOV, float(fov)))
        new_pitch = self._pitch if pitch is None else min(MAX_PITCH, max(-MAX_PITCH, float(pitch)))
        new_yaw = self._yaw if yaw is None else _wrap360(yaw)
        changed = (new_yaw, new_pitch, new_fov) != (self._yaw, self._pitch, self._fov)
        self._yaw, self._pitch, self._fov = new_yaw, new_pitch, new_fov
        if changed or force_signal:
            self.update()
            self.viewChanged.emit(self._yaw, self._pitch, self._fov)

    def reset_heading(self) -> None:
        """Look along the panorama's heading, level."""
        if self._pano is not None:
            self.set_view(float(self._pano.get("heading") or 0.0), 0.0)

    def zoom(self, notches: float) -> None:
        """Positive notches zoom in (smaller fov)."""
        self.set_view(fov=self._fov / (ZOOM_STEP ** notches))

    # ------------------------------------------------------------------ overlays and marks
    def set_overlay_visible(self, kind: str, visible: bool) -> None:
        if kind not in OVERLAY_KINDS:
            raise KeyError(kind)
        self._overlay_visible[kind] = bool(visible)
        self._overlay_cache = None
        self.update()

    def overlay_visible(self, kind: str) -> bool:
        return self._overlay_visible[kind]

    def set_overlay_data(self, detections=None, assets=None, roadworks=None) -> None:
        """Rows to draw: detections of this panorama, nearby assets, roadworks lines ((n, 3) arrays)."""
        for key, value in (("detections", detections), ("assets", assets), ("roadworks", roadworks)):
            if value is not None:
                self._overlay_data[key] = list(value)
        self._overlay_cache = None
        self.update()

    def set_marks(self, marks) -> None:
        """World points (x, y, z, label) to pin in the view (click and measure points)."""
        self._marks = list(marks)
        self.update()

    def overlay_primitives(self):
        """What the overlays draw for the current view (built by the overlay module, cached per view)."""
        if self._pano is None:
            return {}
        key = (id(self._pano), self._yaw, self._pitch, self._fov, self.width(), self.height())
        if self._overlay_cache is None or self._overlay_cache[0] != key:
            prims = overlay_adapter.build(self._pano, self._overlay_data, self._overlay_visible,
                                          self._yaw, self._pitch, self._fov, self.width(), self.height())
            self._overlay_cache = (key, prims)
        return self._overlay_cache[1]

    # ------------------------------------------------------------------ geometry helpers
    def direction_at(self, x: float, y: float):
        """World (bearing, elevation) seen at widget pixel (x, y)."""
        b, e = view_ray(x, y, self._yaw, self._pitch, self._fov, self.width(), self.height())
        return float(b), float(e)

    def pixel_of(self, bearing: float, elevation: float):
        """Widget pixel (x, y, visible) of a world direction."""
        return view_pixel(bearing, elevation, self._yaw, self._pitch, self._fov, self.width(), self.height())

    def compass_needle(self):
        """(centre, tip) of the compass needle in widget coordinates."""
        radius = 26.0
        centre = QPointF(self.width() - radius - 12.0, radius + 12.0)
        a = math.radians(self._yaw)
        tip = QPointF(centre.x() + math.sin(a) * (radius - 6), centre.y() - math.cos(a) * (radius - 6))
        return centre, tip

    # ------------------------------------------------------------------ rendering
    def render_frame(self, width=None, height=None):
        """The perspective view (no overlays) as a QImage, or None without an image; cached per view."""
        if self._image is None or self._pano is None:
            return None
        w, h = int(width or self.width()), int(height or self.height())
        if w < 1 or h < 1:
            return None
        key = (id(self._image), self._yaw, self._pitch, self._fov, w, h)
        if self._frame is not None and self._frame[0] == key:
            return self._frame[1]
        channels = self._image.shape[2]
        buffer = self._frame[2] if self._frame is not None else None
        if buffer is None or buffer.shape != (h, w, channels):
            buffer = np.empty((h, w, channels), np.uint8)
        t0 = time.perf_counter()
        pano = self._pano
        self._renderer.render(self._image, self._yaw, self._pitch, self._fov, w, h,
                              heading=float(pano.get("heading") or 0.0), pano_pitch=float(pano.get("pitch") or 0.0),
                              pano_roll=float(pano.get("roll") or 0.0), out=buffer)
        # the QImage borrows the buffer; both live in self._frame until the next frame reuses the buffer
        image = QImage(buffer.data, w, h, channels * w, _qimage_format(channels))
        self._last_render_ms = (time.perf_counter() - t0) * 1000.0
        self.render_count += 1
        self._frame = (key, image, buffer)
        return image

    def _view_key(self, w, h):
        return (id(self._image), self._yaw, self._pitch, self._fov, int(w), int(h))

    def smooth_frame_shown(self) -> bool:
        """True while the at-rest (bilinear) frame of the current view is what the widget shows."""
        return self._smooth is not None and self._smooth[0] == self._view_key(self.width(), self.height())

    def _start_smooth(self) -> None:
        if self._image is None or self._pano is None or self._dragging or self._smooth_busy:
            return
        w, h = self.width(), self.height()
        key = self._view_key(w, h)
        if self._smooth is not None and self._smooth[0] == key:
            return
        pano, image = self._pano, self._image
        args = (self._yaw, self._pitch, self._fov, w, h, float(pano.get("heading") or 0.0),
                float(pano.get("pitch") or 0.0), float(pano.get("roll") or 0.0))
        self._smooth_busy = True
        renderer, done = self._smooth_renderer, self._smoothRendered

        def work():  # numpy arrays only: no Qt object is made or destroyed on this thread
            buffer = None
            try:
                buffer = renderer.render(image, *args[:5], heading=args[5], pano_pitch=args[6], pano_roll=args[7])
            finally:
                done.emit((key, buffer))

        threading.Thread(target=work, name="hd-smooth-frame", daemon=True).start()

    def _on_smooth_rendered(self, result) -> None:
        self._smooth_busy = False
        key, buffer = result
        current = self._view_key(self.width(), self.height())
        if buffer is not None and key == current and not self._dragging:
            h, w, channels = buffer.shape
            self._smooth = (key, QImage(buffer.data, w, h, channels * w, _qimage_format(channels)), buffer)
            self.update()
        elif key != current and not self._dragging:
            self._smooth_timer.start()  # the view moved on meanwhile: render the new one once it rests

    def last_frame_size(self):
        """(width, height) of the last rendered frame (half the widget while a slow drag runs), or None."""
        return None if self._frame is None else (self._frame[1].width(), self._frame[1].height())

    def snapshot_image(self) -> QImage:
        """The current view with its overlays, as an independent QImage (for saving)."""
        frame = self.render_frame()
        if frame is None:
            return None
        image = frame.copy().convertToFormat(QImage.Format.Format_RGB32)  # own pixels, not the frame buffer
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            overlay_adapter.paint(painter, self.overlay_primitives())
            self._paint_marks(painter)
        finally:
            painter.end()
        return image

    def paintEvent(self, event):  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            w, h = self.width(), self.height()
            frame = None
            if self._dragging and self._last_render_ms > SLOW_FRAME_MS:
                frame = self.render_frame(max(1, w // 2), max(1, h // 2))
            elif self._smooth is not None and self._smooth[0] == self._view_key(w, h):
                frame = self._smooth[1]
            else:
                frame = self.render_frame()
                if frame is not None and self.smooth_enabled and not self._dragging:
                    self._smooth_timer.start()
            if frame is None:
                painter.fillRect(self.rect(), QColor(40, 44, 52))
            else:
                painter.drawImage(QRectF(0, 0, w, h), frame)
            if frame is not None:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                overlay_adapter.paint(painter, self.overlay_primitives())
                self._paint_marks(painter)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_compass(painter)
            self._paint_status(painter, centred=frame is None)
        finally:
            painter.end()

    def _paint_marks(self, painter: QPainter) -> None:
        if not self._marks or self._pano is None:
            return
        geom = self._pano["geom"]
        camera = np.array([geom.x, geom.y, (geom.z if geom.has_z else 0.0) + float(self._pano.get("camera_height")
                                                                                   or 2.5)])
        painter.setPen(QPen(QColor(255, 255, 255), 2))
        for x, y, z, label in self._marks:
            b, e = angles_from_vector(np.array([x, y, z]) - camera)
            px, py, visible = self.pixel_of(b, e)
            if not visible:
                continue
            centre = QPointF(px + 0.5, py + 0.5)
            painter.setBrush(QColor(230, 40, 40))
            painter.drawEllipse(centre, 5, 5)
            if label:
                painter.drawText(centre + QPointF(8, -8), label)

    def _paint_compass(self, painter: QPainter) -> None:
        centre, tip = self.compass_needle()
        radius = 26.0
        painter.setPen(QPen(QColor(255, 255, 255, 200), 1.5))
        painter.setBrush(QColor(0, 0, 0, 110))
        painter.drawEllipse(centre, radius, radius)
        # the field of view as a light wedge behind the needle
        path = QPainterPath(centre)
        rect = QRectF(centre.x() - radius + 3, centre.y() - radius + 3, 2 * radius - 6, 2 * radius - 6)
        path.arcTo(rect, 90.0 - self._yaw + self._fov / 2.0, -self._fov)
        path.closeSubpath()
        painter.fillPath(path, QColor(255, 255, 255, 60))
        font = QFont(painter.font())
        font.setPointSizeF(7.5)
        font.setBold(True)
        painter.setFont(font)
        for text, angle in ((tr("N"), 0), (tr("E"), 90), (tr("S"), 180), (tr("W"), 270)):
            a = math.radians(angle)
            p = QPointF(centre.x() + math.sin(a) * (radius - 7), centre.y() - math.cos(a) * (radius - 7))
            painter.setPen(QColor(255, 90, 90) if angle == 0 else QColor(255, 255, 255))
            painter.drawText(QRectF(p.x() - 7, p.y() - 7, 14, 14), Qt.AlignmentFlag.AlignCenter, text)
        a = math.radians(self._yaw)
        side = QPointF(math.cos(a) * 3.5, math.sin(a) * 3.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(230, 40, 40))
        painter.drawPolygon(QPolygonF([tip, centre + side, centre - side]))

    def _paint_status(self, painter: QPainter, centred: bool) -> None:
        if not self._status:
            return
        metrics = painter.fontMetrics()
        margin = 8
        if centred:
            rect = QRectF(margin, margin, self.width() - 2 * margin, self.height() - 2 * margin)
            painter.setPen(QColor(255, 140, 130) if self._status_error else QColor(230, 230, 230))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._status)
            return
        text_w = min(metrics.horizontalAdvance(self._status) + 16, self.width() - 2 * margin)
        rect = QRectF(margin, self.height() - metrics.height() - 10 - margin, text_w, metrics.height() + 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(160, 30, 30, 200) if self._status_error else QColor(0, 0, 0, 150))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), metrics.elidedText(
            self._status, Qt.TextElideMode.ElideRight, int(text_w - 12)))

    def resizeEvent(self, event):  # noqa: N802 - Qt override
        self._frame = None if self._frame is None else (None, self._frame[1], self._frame[2])
        self._overlay_cache = None
        super().resizeEvent(event)

    # ------------------------------------------------------------------ input
    def mousePressEvent(self, event):  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.pos(), self._yaw, self._pitch)
            self._dragging = False
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event):  # noqa: N802 - Qt override
        if self._press is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            return super().mouseMoveEvent(event)
        start, yaw0, pitch0 = self._press
        delta = event.pos() - start
        if not self._dragging and delta.manhattanLength() < QApplication.startDragDistance():
            return None
        if not self._dragging:
            self._dragging = True
            self._smooth_timer.stop()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        per_pixel = self._fov / max(1, self.width())  # the image follows the mouse
        self.set_view(yaw0 - delta.x() * per_pixel, pitch0 + delta.y() * per_pixel)
        return None

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return super().mouseReleaseEvent(event)
        was_drag = self._dragging
        self._press, self._dragging = None, False
        self.unsetCursor()
        if was_drag:
            self._frame = None  # a half-size drag frame may be showing: render the full one
            self.update()
        elif self._pano is not None:
            bearing, elevation = self.direction_at(event.pos().x(), event.pos().y())
            self.clicked.emit(bearing, elevation)
        return None

    def wheelEvent(self, event):  # noqa: N802 - Qt override
        notches = event.angleDelta().y() / 120.0
        if notches:
            self.zoom(notches)
        event.accept()

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        key = event.key()
        turn = self._fov * KEY_TURN
        if key == Qt.Key.Key_Left:
            self.set_view(yaw=self._yaw - turn)
        elif key == Qt.Key.Key_Right:
            self.set_view(yaw=self._yaw + turn)
        elif key == Qt.Key.Key_Up:
            self.set_view(pitch=self._pitch + turn)
        elif key == Qt.Key.Key_Down:
            self.set_view(pitch=self._pitch - turn)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(-1)
        elif key == Qt.Key.Key_Home:
            self.reset_heading()
        elif key in (Qt.Key.Key_W, Qt.Key.Key_PageUp):
            self.stepRequested.emit(1)
        elif key in (Qt.Key.Key_S, Qt.Key.Key_PageDown):
            self.stepRequested.emit(-1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
