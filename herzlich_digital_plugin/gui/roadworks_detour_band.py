"""The checked site's detour on the map: a dashed green route over the closed stretch in red, and for a full
closure of a two-way street the other direction's route dashed in blue (rubber bands, not a layer: they vanish
with the check, the dock or the plugin)."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject,
                       QgsWkbTypes)
from qgis.gui import QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..core.definitions import STORE_CRS
from .roadworks_layers import tag_canvas_item

DETOUR_COLOUR = QColor(26, 150, 65)
CLOSED_COLOUR = QColor(215, 25, 28)
OPPOSITE_COLOUR = QColor(43, 131, 186)


class DetourBands:

    def __init__(self, canvas):
        self.canvas = canvas
        self.closed = None
        self.route = None
        self.opposite = None

    def _band(self, colour: QColor, width: int, style):
        band = tag_canvas_item(QgsRubberBand(self.canvas, QgsWkbTypes.GeometryType.LineGeometry))
        band.setStrokeColor(colour)
        band.setWidth(width)
        band.setLineStyle(style)
        return band

    def show(self, detour) -> bool:
        """Draw a DetourResult (its route, the other direction's and the closed stretch); False if it has no
        route."""
        self.clear()
        if detour is None or detour.route is None:
            return False
        to_canvas = QgsCoordinateTransform(QgsCoordinateReferenceSystem(STORE_CRS),
                                           self.canvas.mapSettings().destinationCrs(), QgsProject.instance())
        if detour.closed is not None:
            self.closed = self._band(CLOSED_COLOUR, 5, Qt.PenStyle.SolidLine)
            self.closed.setToGeometry(_geometry(detour.closed, to_canvas))
        self.route = self._band(DETOUR_COLOUR, 4, Qt.PenStyle.DashLine)
        self.route.setToGeometry(_geometry(detour.route, to_canvas))
        other = getattr(detour, "opposite", None)
        if other is not None and other.route is not None:
            self.opposite = self._band(OPPOSITE_COLOUR, 3, Qt.PenStyle.DashDotLine)
            self.opposite.setToGeometry(_geometry(other.route, to_canvas))
        return True

    def extent(self):
        """The bands' extent in the canvas CRS (None without a route)."""
        if self.route is None:
            return None
        rect = self.route.asGeometry().boundingBox()
        for band in (self.closed, self.opposite):
            if band is not None:
                rect.combineExtentWith(band.asGeometry().boundingBox())
        return rect

    def items(self) -> list:
        return [b for b in (self.closed, self.route, self.opposite) if b is not None]

    def clear(self) -> None:
        for band in self.items():
            self.canvas.scene().removeItem(band)
        self.closed = self.route = self.opposite = None


def _geometry(line, transform) -> QgsGeometry:
    geometry = QgsGeometry.fromWkt(line.wkt)
    geometry.transform(transform)
    return geometry
