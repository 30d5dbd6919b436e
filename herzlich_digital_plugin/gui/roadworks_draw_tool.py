"""Map tool "Draw roadworks": a line along the road or a polygon, its vertices snapped to the road network.

Each click snaps to the nearest road vertex, else to the nearest point on a road segment, within a few pixels.
In line mode two snapped clicks in a row are joined along the road (QgsTracer), so a line follows the street's
bends. Enter (or a right click) finishes, Esc cancels, Backspace removes the last click. ``drawn`` hands over
the geometry in EPSG:25832 (shapely).
"""
from typing import Callable, List, Optional, Tuple

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeatureRequest, QgsGeometry,
                       QgsPointXY, QgsProject, QgsRectangle, QgsTracer, QgsWkbTypes)
from qgis.gui import QgsMapTool, QgsRubberBand, QgsVertexMarker
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from ..core.definitions import STORE_CRS
from ..toolbelt.i18n import tr
from ..toolbelt.log import PlgLogger
from .roadworks_layers import tag_canvas_item

LINE, POLYGON = "line", "polygon"
DEFAULT_TOLERANCE_PX = 12
_COLOUR = QColor(227, 26, 28)


class RoadworksDrawTool(QgsMapTool):
    """Draws one roadworks geometry at a time; ``road_layer`` is a callable giving the road layer (or None)."""

    drawn = pyqtSignal(object)  # shapely LineString / Polygon in EPSG:25832
    cancelled = pyqtSignal()

    def __init__(self, canvas, road_layer: Callable[[], object], mode: str = LINE,
                 tolerance_px: float = DEFAULT_TOLERANCE_PX, logger: PlgLogger = None):
        super().__init__(canvas)
        self._road_layer = road_layer
        self._log = logger or PlgLogger()
        self.tolerance_px = float(tolerance_px)
        self.trace = True
        self.mode = LINE
        self._clicks: List[List[QgsPointXY]] = []  # canvas CRS; each click adds its (traced) points
        self._snapped: List[bool] = []
        self._tracer = None
        self._tracer_key = None
        self._band = None
        self._marker = None
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.set_mode(mode)

    # ------------------------------------------------------------------ state
    def set_mode(self, mode: str) -> None:
        if mode not in (LINE, POLYGON):
            raise ValueError(f"unknown drawing mode {mode!r}")
        self.reset()
        if self._band is not None and mode != self.mode:  # lines and polygons need their own band
            self.canvas().scene().removeItem(self._band)
            self._band = None
        self.mode = mode

    def points(self) -> List[QgsPointXY]:
        """Every vertex so far, in the canvas CRS."""
        return [p for click in self._clicks for p in click]

    def click_count(self) -> int:
        return len(self._clicks)

    def reset(self) -> None:
        self._clicks, self._snapped = [], []
        self._update_band()
        if self._marker is not None:
            self._marker.hide()

    def clean_up(self) -> None:
        """Remove the tool's canvas items (plugin unload)."""
        for item in (self._band, self._marker):
            if item is not None:
                self.canvas().scene().removeItem(item)
        self._band = self._marker = None
        self._tracer = None
        self._clicks, self._snapped = [], []

    # ------------------------------------------------------------------ snapping
    def _transforms(self, layer) -> Tuple[QgsCoordinateTransform, QgsCoordinateTransform]:
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        project = QgsProject.instance()
        return (QgsCoordinateTransform(canvas_crs, layer.crs(), project),
                QgsCoordinateTransform(layer.crs(), canvas_crs, project))

    def tolerance_map_units(self) -> float:
        return self.tolerance_px * self.canvas().mapUnitsPerPixel()

    def road_layer(self):
        """The layer to snap to, or None (none given, invalid, or deleted with its project)."""
        layer = self._road_layer()
        try:
            return layer if layer is not None and layer.isValid() else None
        except RuntimeError:  # the C++ layer is gone
            return None

    def snap(self, map_point) -> Tuple[QgsPointXY, bool]:
        """(the point snapped to the road network, whether it snapped); canvas CRS in and out."""
        point = QgsPointXY(map_point)
        layer = self.road_layer()
        if layer is None:
            return point, False
        to_layer, to_canvas = self._transforms(layer)
        tolerance = self.tolerance_map_units()
        corner = QgsPointXY(point.x() + tolerance, point.y() + tolerance)
        here = to_layer.transform(point)
        # the tolerance measured in the layer's units (the layer may be in degrees)
        reach = max(abs(to_layer.transform(corner).x() - here.x()), abs(to_layer.transform(corner).y() - here.y()))
        rect = QgsRectangle(here.x() - reach, here.y() - reach, here.x() + reach, here.y() + reach)
        request = QgsFeatureRequest().setFilterRect(rect).setNoAttributes()
        best_vertex, best_segment = None, None
        for feature in layer.getFeatures(request):
            geometry = feature.geometry()
            if geometry.isEmpty():
                continue
            vertex, _, _, _, d2 = geometry.closestVertex(here)
            if d2 <= reach * reach and (best_vertex is None or d2 < best_vertex[0]):
                best_vertex = (d2, vertex)
            d2, nearest, _, _ = geometry.closestSegmentWithContext(here)
            if 0 <= d2 <= reach * reach and (best_segment is None or d2 < best_segment[0]):
                best_segment = (d2, nearest)
        best = best_vertex or best_segment  # a junction or bend is where a site usually starts
        if best is None:
            return point, False
        return QgsPointXY(to_canvas.transform(best[1])), True

    # ------------------------------------------------------------------ tracing
    def _tracer_for(self, layer) -> Optional[QgsTracer]:
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        key = (layer.id(), canvas_crs.authid())
        if self._tracer is None or self._tracer_key != key:
            tracer = QgsTracer()
            tracer.setLayers([layer])
            tracer.setDestinationCrs(canvas_crs, QgsProject.instance().transformContext())
            self._tracer, self._tracer_key = tracer, key
        return self._tracer

    def _traced(self, start: QgsPointXY, end: QgsPointXY) -> Optional[List[QgsPointXY]]:
        """The road between two snapped points (without ``start``), or None where there is none."""
        layer = self.road_layer()
        if layer is None:
            return None
        tracer = self._tracer_for(layer)
        path, error = tracer.findShortestPath(start, end)
        if error != QgsTracer.PathError.ErrNone or len(path) < 2:
            return None
        return [QgsPointXY(p) for p in path[1:]]

    # ------------------------------------------------------------------ editing
    def add_point(self, map_point) -> QgsPointXY:
        """Add a click (canvas CRS); returns where it landed after snapping."""
        point, snapped = self.snap(map_point)
        added = [point]
        if self.mode == LINE and self.trace and snapped and self._snapped and self._snapped[-1]:
            traced = self._traced(self._clicks[-1][-1], point)
            if traced:
                added = traced
        self._clicks.append(added)
        self._snapped.append(snapped)
        self._update_band()
        return point

    def remove_last(self) -> bool:
        if not self._clicks:
            return False
        self._clicks.pop()
        self._snapped.pop()
        self._update_band()
        return True

    def geometry(self):
        """The drawing as a shapely geometry in EPSG:25832, or None while it is too short."""
        from shapely.geometry import LineString, Polygon

        points = _distinct(self.points())
        needed = 2 if self.mode == LINE else 3
        if len(points) < needed:
            return None
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        to_store = QgsCoordinateTransform(canvas_crs, QgsCoordinateReferenceSystem(STORE_CRS), QgsProject.instance())
        xy = [(p.x(), p.y()) for p in (to_store.transform(q) for q in points)]
        return LineString(xy) if self.mode == LINE else Polygon(xy)

    def finish(self):
        """Hand the drawing over (``drawn``) and start afresh; None (and a message) while it is too short."""
        geometry = self.geometry()
        if geometry is None:
            self._log.warning(tr("Draw at least two points for a line or three for a polygon.") if self._clicks
                              else tr("Click along the road to draw the roadworks."))
            return None
        self.reset()
        self.drawn.emit(geometry)
        return geometry

    def cancel(self) -> None:
        had_points = bool(self._clicks)
        self.reset()
        if had_points:
            self.cancelled.emit()

    # ------------------------------------------------------------------ drawing on the canvas
    def _ensure_items(self):
        if self._band is None:
            kind = (QgsWkbTypes.GeometryType.LineGeometry if self.mode == LINE
                    else QgsWkbTypes.GeometryType.PolygonGeometry)
            self._band = tag_canvas_item(QgsRubberBand(self.canvas(), kind))
            self._band.setStrokeColor(_COLOUR)
            self._band.setFillColor(QColor(227, 26, 28, 50))
            self._band.setWidth(3)
        if self._marker is None:
            self._marker = tag_canvas_item(QgsVertexMarker(self.canvas()))
            self._marker.setIconType(QgsVertexMarker.IconType.ICON_BOX)
            self._marker.setColor(QColor(255, 0, 255))
            self._marker.setIconSize(12)
            self._marker.setPenWidth(2)
            self._marker.hide()

    def _update_band(self, floating: Optional[QgsPointXY] = None) -> None:
        if self._band is None and not self._clicks:
            return
        self._ensure_items()
        points = self.points() + ([floating] if floating is not None and self._clicks else [])
        if self.mode == LINE:
            self._band.setToGeometry(QgsGeometry.fromPolylineXY(points) if len(points) > 1 else QgsGeometry())
        else:
            self._band.setToGeometry(QgsGeometry.fromPolygonXY([points]) if len(points) > 2
                                     else QgsGeometry.fromPolylineXY(points) if len(points) > 1 else QgsGeometry())

    # ------------------------------------------------------------------ Qt events
    def canvasMoveEvent(self, event):  # noqa: N802 - Qt override
        point, snapped = self.snap(event.mapPoint())
        self._ensure_items()
        if snapped:
            self._marker.setCenter(point)
            self._marker.show()
        else:
            self._marker.hide()
        if self._clicks:
            self._update_band(point)

    def canvasReleaseEvent(self, event):  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.add_point(event.mapPoint())
        elif event.button() == Qt.MouseButton.RightButton:
            self.finish()

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.remove_last()  # accepted below: QGIS would otherwise delete the selected features
        else:
            event.ignore()
            return
        event.accept()

    def deactivate(self):
        self.reset()
        super().deactivate()


def _distinct(points: List[QgsPointXY]) -> List[QgsPointXY]:
    """Drop repeated points (a double click, a traced path starting where the last one ended)."""
    out: List[QgsPointXY] = []
    for point in points:
        if not out or point.distance(out[-1]) > 1e-9:
            out.append(point)
    return out
