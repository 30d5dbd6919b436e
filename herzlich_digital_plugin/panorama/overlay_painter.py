"""Draw overlay primitives (panorama.overlays) with QPainter: used by the viewer dock and renderpanoramaview."""
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from ..toolbelt.i18n import tr
from .overlays import COMPASS_LABELS, Box, Marker, View

STATUS_COLOURS = {
    "new": QColor(235, 235, 235),
    "accepted": QColor(40, 200, 80),
    "rejected": QColor(230, 50, 50),
    "corrected": QColor(60, 130, 255),
}
CORRECTED = {"corrected", "relabelled", "relabeled", "moved", "relabel", "move"}
KIND_COLOURS = {
    "sign": QColor(255, 200, 0),
    "light": QColor(0, 220, 200),
    "marking": QColor(255, 255, 255),
    "roadworks": QColor(255, 120, 0),
}
ROADWORKS_COLOUR = QColor(255, 120, 0)
GRID_COLOUR = QColor(255, 255, 255, 90)
HORIZON_COLOUR = QColor(255, 255, 255, 150)
HALO = QColor(0, 0, 0, 160)
LABEL_BACKGROUND = QColor(0, 0, 0, 150)


@dataclass
class OverlayToggles:
    detections: bool = True
    assets: bool = True
    roadworks: bool = True
    grid: bool = True


@dataclass
class OverlayPrimitives:
    """Everything to draw over one view (all in view pixels)."""
    boxes: List[Box] = field(default_factory=list)
    markers: List[Marker] = field(default_factory=list)
    roadworks: List[np.ndarray] = field(default_factory=list)
    grid: list = field(default_factory=list)  # (polyline, label) from overlays.horizon_grid


def compass_labels() -> tuple:
    """Translated compass names for 0°, 45°, … (German: N, NO, O, SO, S, SW, W, NW)."""
    return (tr("N"), tr("NE"), tr("E"), tr("SE"), tr("S"), tr("SW"), tr("W"), tr("NW"))


def status_colour(status: str) -> QColor:
    status = (status or "new").lower()
    if status in CORRECTED:
        status = "corrected"
    return QColor(STATUS_COLOURS.get(status, STATUS_COLOURS["new"]))


def box_text(box: Box) -> str:
    """'274 (30) 0.87': label and score."""
    return box.label if box.score is None else f"{box.label} {box.score:.2f}"


def _runs(points: np.ndarray):
    """Polygons of consecutive finite points (NaN rows break the line)."""
    pts = np.asarray(points, dtype=float)
    finite = np.isfinite(pts).all(axis=1)
    runs, start = [], None
    for i, ok in enumerate(np.append(finite, False)):
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            if i - start >= 2:
                runs.append(QPolygonF([QPointF(float(x), float(y)) for x, y in pts[start:i]]))
            start = None
    return runs


def draw_polyline(painter: QPainter, points, pen: QPen, halo: Optional[QPen] = None) -> None:
    for poly in _runs(points):
        if halo is not None:
            painter.setPen(halo)
            painter.drawPolyline(poly)
        painter.setPen(pen)
        painter.drawPolyline(poly)


def _label(painter: QPainter, x: float, y: float, text: str, colour: QColor, view: View) -> None:
    """Text on a dark plate with its bottom-left at (x, y), kept inside the view."""
    metrics = QFontMetricsF(painter.font())
    w, h = metrics.horizontalAdvance(text) + 6, metrics.height() + 2
    x = min(max(0.0, x), max(0.0, view.width - w))
    y = min(max(h, y), float(view.height))
    rect = QRectF(x, y - h, w, h)
    painter.fillRect(rect, LABEL_BACKGROUND)
    painter.setPen(QPen(colour))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)


def _pen(colour: QColor, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def paint_boxes(painter: QPainter, boxes, view: View, selected_id=None) -> None:
    for box in boxes:
        colour = status_colour(box.status)
        width = 3.5 if selected_id is not None and box.detection_id == selected_id else 2.0
        draw_polyline(painter, box.points, _pen(colour, width), _pen(HALO, width + 2))
        pts = box.points[np.isfinite(box.points).all(axis=1)]
        inside = pts[(pts[:, 0] >= 0) & (pts[:, 0] < view.width) & (pts[:, 1] >= 0) & (pts[:, 1] < view.height)]
        if len(inside):
            _label(painter, float(pts[:, 0].min()), float(pts[:, 1].min()) - 2, box_text(box), colour, view)


def paint_markers(painter: QPainter, markers, view: View) -> None:
    for m in markers:
        colour = QColor(KIND_COLOURS.get(m.kind, QColor(255, 255, 255)))
        if m.pole_base is not None:
            painter.setPen(_pen(HALO, 4))
            painter.drawLine(QPointF(*m.pole_base), QPointF(m.x, m.y))
            painter.setPen(_pen(QColor(200, 200, 200), 2))
            painter.drawLine(QPointF(*m.pole_base), QPointF(m.x, m.y))
        radius = 4.0 if m.kind == "marking" else 6.0
        painter.setPen(_pen(HALO, 1.5))
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(QPointF(m.x, m.y), radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if m.label:
            _label(painter, m.x + radius + 2, m.y - radius, m.label, colour, view)


def paint_roadworks(painter: QPainter, lines) -> None:
    for line in lines:
        draw_polyline(painter, line, _pen(ROADWORKS_COLOUR, 3, Qt.PenStyle.DashLine), _pen(HALO, 5))


def paint_grid(painter: QPainter, grid, view: View) -> None:
    for points, label in grid:
        draw_polyline(painter, points, _pen(GRID_COLOUR if label else HORIZON_COLOUR, 1))
    translated = dict(zip(COMPASS_LABELS, compass_labels()))  # overlays may have used the English names
    for points, label in grid:
        if not label:
            continue
        label = translated.get(label, label)
        x, y = points[len(points) // 2]
        if np.isfinite(x) and 0 <= x < view.width:
            _label(painter, float(x) + 3, float(y) - 3, label, QColor(255, 255, 255), view)


def paint_overlays(painter: QPainter, view: View = None, primitives: OverlayPrimitives = None,
                   toggles: OverlayToggles = None, selected_id=None, *, boxes=(), markers=(), lines=(),
                   grid=()) -> None:
    """Draw every switched-on overlay; order: grid, roadworks, assets, detection boxes (on top).

    Pass either ``primitives`` or the lists as keywords (``lines`` = roadworks polylines). Without
    ``view`` the painter's device size is used to keep labels inside.
    """
    toggles = toggles or OverlayToggles()
    if primitives is None:
        primitives = OverlayPrimitives(list(boxes), list(markers), list(lines), list(grid))
    if view is None:
        device = painter.device()
        view = View(0.0, 0.0, 90.0, device.width(), device.height())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont(painter.font())
    font.setPixelSize(12)
    painter.setFont(font)
    if toggles.grid:
        paint_grid(painter, primitives.grid, view)
    if toggles.roadworks:
        paint_roadworks(painter, primitives.roadworks)
    if toggles.assets:
        paint_markers(painter, primitives.markers, view)
    if toggles.detections:
        paint_boxes(painter, primitives.boxes, view, selected_id)
    painter.restore()
