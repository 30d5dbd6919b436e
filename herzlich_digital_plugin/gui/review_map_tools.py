"""Small map tools of the review: draw a filter polygon, pick a point (move an asset), mark the current item."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsPointXY, QgsProject,
                       QgsWkbTypes)
from qgis.gui import QgsMapTool, QgsRubberBand, QgsVertexMarker
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..core.definitions import STORE_CRS


def to_store(canvas, point) -> QgsPointXY:
    source = canvas.mapSettings().destinationCrs()
    target = QgsCoordinateReferenceSystem(STORE_CRS)
    if source == target:
        return QgsPointXY(point)
    return QgsCoordinateTransform(source, target, QgsProject.instance()).transform(QgsPointXY(point))


def to_canvas(canvas, x: float, y: float) -> QgsPointXY:
    target = canvas.mapSettings().destinationCrs()
    source = QgsCoordinateReferenceSystem(STORE_CRS)
    if source == target:
        return QgsPointXY(x, y)
    return QgsCoordinateTransform(source, target, QgsProject.instance()).transform(QgsPointXY(x, y))


def geometry_to_store(geometry: QgsGeometry, crs) -> QgsGeometry:
    """A copy of ``geometry`` (in ``crs``) in EPSG:25832."""
    out = QgsGeometry(geometry)
    target = QgsCoordinateReferenceSystem(STORE_CRS)
    if crs is not None and crs.isValid() and crs != target:
        out.transform(QgsCoordinateTransform(crs, target, QgsProject.instance()))
    return out


class PolygonTool(QgsMapTool):
    """Left clicks add corners, a right click (or Enter) closes the polygon, Escape cancels."""

    polygonDrawn = pyqtSignal(str)  # WKT in EPSG:25832
    cancelled = pyqtSignal()

    def __init__(self, canvas):
        super().__init__(canvas)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.points = []
        self.band = None

    def _band(self):
        if self.band is None:
            self.band = QgsRubberBand(self.canvas(), QgsWkbTypes.GeometryType.PolygonGeometry)
            self.band.setColor(QColor(30, 120, 230, 200))
            self.band.setFillColor(QColor(30, 120, 230, 40))
            self.band.setWidth(2)
        return self.band

    def canvasReleaseEvent(self, event):  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.RightButton:
            self.finish()
        elif event.button() == Qt.MouseButton.LeftButton:
            self.add_point(event.mapPoint())

    def add_point(self, map_point) -> None:
        self.points.append(QgsPointXY(map_point))
        self._band().setToGeometry(QgsGeometry.fromPolygonXY([self.points]), None)

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.reset()
            self.cancelled.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()

    def finish(self):
        """Emit the polygon (EPSG:25832) if it has three corners; returns its WKT or None."""
        if len(self.points) < 3:
            return None
        geometry = QgsGeometry.fromPolygonXY([self.points])
        wkt = geometry_to_store(geometry, self.canvas().mapSettings().destinationCrs()).asWkt(3)
        self.reset()
        self.polygonDrawn.emit(wkt)
        return wkt

    def reset(self):
        self.points = []
        if self.band is not None:
            self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)

    def deactivate(self):
        self.reset()
        super().deactivate()

    def remove_band(self):
        if self.band is not None:
            self.canvas().scene().removeItem(self.band)
            self.band = None


class PointTool(QgsMapTool):
    """One left click gives a point in EPSG:25832 (pointPicked); Escape cancels."""

    pointPicked = pyqtSignal(float, float)
    cancelled = pyqtSignal()

    def __init__(self, canvas):
        super().__init__(canvas)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def canvasReleaseEvent(self, event):  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            point = to_store(self.canvas(), event.mapPoint())
            self.pointPicked.emit(point.x(), point.y())

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()


class ItemMarker:
    """A ring on the map at the current review item (created on first use, removed by ``remove``)."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.marker = None

    def show(self, x: float, y: float, flash: bool = True, recentre: bool = True) -> QgsPointXY:
        point = to_canvas(self.canvas, x, y)
        if self.marker is None:
            self.marker = QgsVertexMarker(self.canvas)
            self.marker.setIconType(QgsVertexMarker.IconType.ICON_CIRCLE)
            self.marker.setColor(QColor(255, 214, 0))
            self.marker.setFillColor(QColor(255, 214, 0, 60))
            self.marker.setIconSize(22)
            self.marker.setPenWidth(3)
        self.marker.setCenter(point)
        self.marker.show()
        if recentre and not self.canvas.extent().contains(point):
            self.canvas.setCenter(point)
            self.canvas.refresh()
        if flash:
            self.canvas.flashGeometries([QgsGeometry.fromPointXY(point)], self.canvas.mapSettings().destinationCrs())
        return point

    def remove(self):
        if self.marker is not None:
            self.canvas.scene().removeItem(self.marker)
            self.marker = None
