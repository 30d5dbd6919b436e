"""Canvas item showing where the panorama viewer stands and looks: a dot and a wedge of the field of view.

The wedge has a fixed size on screen. Its edges are built in EPSG:25832 (where bearings are defined) and
projected onto the canvas, so it points the right way in any canvas CRS or rotation.
"""
import math

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject
from qgis.gui import QgsMapCanvasItem
from qgis.PyQt.QtCore import QPointF, QRectF
from qgis.PyQt.QtGui import QColor, QPen, QPolygonF

from ..core.definitions import STORE_CRS

RADIUS_PX = 70.0
ARC_STEPS = 16  # even: the middle vertex lies on the axis


class ViewCone(QgsMapCanvasItem):

    def __init__(self, canvas):
        super().__init__(canvas)
        self._canvas = canvas
        self._xy = None  # EPSG:25832
        self._yaw, self._fov = 0.0, 90.0
        self._polygon_px = []  # canvas pixels: apex, arc vertices
        self._polygon_map = []  # the same in canvas map coordinates
        self.setZValue(200)
        self.hide()

    def set_position(self, x: float, y: float) -> None:
        self._xy = (float(x), float(y))
        self.updatePosition()
        self.show()

    def set_panorama(self, pano) -> None:
        """Follow a panorama row; None hides the cone."""
        if pano is None:
            self._xy = None
            self.updatePosition()
            self.hide()
            return
        geom = pano["geom"]
        self.set_position(geom.x, geom.y)

    def set_view(self, yaw: float, pitch: float = 0.0, fov: float = None) -> None:
        self._yaw = float(yaw)
        if fov is not None:
            self._fov = float(fov)
        self.updatePosition()

    def view(self):
        return self._yaw, self._fov

    def polygon_map(self):
        """The wedge in canvas map coordinates: apex first, then the arc from left to right edge."""
        return list(self._polygon_map)

    def _rebuild(self):
        self._polygon_px, self._polygon_map = [], []
        if self._xy is None:
            return
        canvas = self._canvas
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(STORE_CRS),
                                           canvas.mapSettings().destinationCrs(), QgsProject.instance())
        x, y = self._xy
        apex = canvas.getCoordinateTransform().transform(transform.transform(QgsPointXY(x, y)))
        to_map = canvas.getCoordinateTransform()
        points = [QPointF(apex.x(), apex.y())]
        for k in range(ARC_STEPS + 1):
            bearing = math.radians(self._yaw - self._fov / 2.0 + self._fov * k / ARC_STEPS)
            # a point 1 m along the ray gives the ray's direction on screen
            ahead = to_map.transform(transform.transform(QgsPointXY(x + math.sin(bearing), y + math.cos(bearing))))
            dx, dy = ahead.x() - apex.x(), ahead.y() - apex.y()
            length = math.hypot(dx, dy) or 1.0
            points.append(QPointF(apex.x() + dx / length * RADIUS_PX, apex.y() + dy / length * RADIUS_PX))
        self._polygon_px = points
        self._polygon_map = [to_map.toMapCoordinatesF(p.x(), p.y()) for p in points]

    def updatePosition(self):  # noqa: N802 - QgsMapCanvasItem override, called on extent changes
        self.prepareGeometryChange()
        self._rebuild()
        if self._polygon_px:
            self.setPos(self._polygon_px[0])
        self.update()

    def boundingRect(self):  # noqa: N802 - Qt override
        r = RADIUS_PX + 4.0
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter, option=None, widget=None):
        if not self._polygon_px:
            return
        apex = self._polygon_px[0]
        local = QPolygonF([p - apex for p in self._polygon_px])
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(230, 40, 40, 220), 1.5))
        painter.setBrush(QColor(230, 40, 40, 70))
        painter.drawPolygon(local)
        painter.setPen(QPen(QColor(255, 255, 255), 2))
        painter.setBrush(QColor(230, 40, 40))
        painter.drawEllipse(QPointF(0, 0), 5, 5)
