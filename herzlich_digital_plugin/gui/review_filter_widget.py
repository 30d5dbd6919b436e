"""The inspector's filter form: class (VzKat number or German name), score range, status, model run, campaign,
area (map extent, a drawn polygon, the selected features of the active layer, a 1 km district) and order.

``review_filter()`` turns the form into a ReviewFilter; ``changed`` fires on every edit (the dock debounces).
"""
import re

from qgis.core import QgsGeometry, QgsPointXY, QgsWkbTypes
from qgis.PyQt.QtCore import QStringListModel, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (QCheckBox, QComboBox, QCompleter, QDoubleSpinBox, QFormLayout, QHBoxLayout,
                                 QLineEdit, QPushButton, QWidget)

from ..review import vzkat
from ..review.filters import STATUSES, ReviewFilter
from ..toolbelt.i18n import tr
from .review_map_tools import PolygonTool, geometry_to_store, to_store
from .review_queue_dock import order_labels
from .review_queue_widget import status_label

AREAS = ("all", "extent", "polygon", "selection", "district")
DISTRICT_SIZE_M = 1000.0
NOWHERE = (0.0, 0.0, 0.0, 0.0)
_DISTRICT = re.compile(r"^\s*E?\s*(\d{3})\s*[ ,/]?\s*N?\s*(\d{4})\s*$", re.IGNORECASE)


def area_labels():
    return {"all": tr("Everywhere"), "extent": tr("Current map extent"), "polygon": tr("Drawn polygon"),
            "selection": tr("Selected features of the active layer"), "district": tr("District (1 km square)")}


def class_kind_labels():
    return {None: tr("All classes"), "sign": tr("Traffic signs"), "marking": tr("Road markings"),
            "light": tr("Traffic lights")}


def district_bbox(text: str):
    """'E410 N5477' (south-west corner in km, EPSG:25832) → bbox, None when it is not a district name."""
    m = _DISTRICT.match(text or "")
    if not m:
        return None
    x, y = float(m.group(1)) * 1000.0, float(m.group(2)) * 1000.0
    return (x, y, x + DISTRICT_SIZE_M, y + DISTRICT_SIZE_M)


class ReviewFilterWidget(QWidget):
    changed = pyqtSignal()
    message = pyqtSignal(str)  # something the user should know (e.g. no selection)

    def __init__(self, iface=None, parent=None):  # noqa: QGS105 - the dock hands it down
        super().__init__(parent)
        self.iface = iface
        self.area_wkt = None  # drawn polygon or selection, EPSG:25832
        self._tool = None
        self._previous_tool = None
        self._labels = {e.label: e.key for e in vzkat.entries()}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)

        self.class_edit = QLineEdit()
        self.class_edit.setPlaceholderText(tr("VzKat number or name, e.g. 274 or Haltverbot"))
        self.class_edit.setClearButtonEnabled(True)
        completer = QCompleter(QStringListModel(list(self._labels)), self.class_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.class_edit.setCompleter(completer)
        self.class_edit.textChanged.connect(self.changed)
        self.kind_combo = QComboBox()
        for key, text in class_kind_labels().items():
            self.kind_combo.addItem(text, key)
        self.kind_combo.currentIndexChanged.connect(self.changed)
        row = QHBoxLayout()
        row.addWidget(self.class_edit, 1)
        row.addWidget(self.kind_combo)
        form.addRow(tr("Class"), row)

        self.score_min = QDoubleSpinBox()
        self.score_max = QDoubleSpinBox()
        for box, value in ((self.score_min, 0.0), (self.score_max, 1.0)):
            box.setRange(0.0, 1.0)
            box.setSingleStep(0.05)
            box.setDecimals(2)
            box.setValue(value)
            box.valueChanged.connect(self.changed)
        row = QHBoxLayout()
        row.addWidget(self.score_min)
        row.addWidget(self.score_max)
        form.addRow(tr("Score from / to"), row)

        self.status_checks = {}
        row = QHBoxLayout()
        for status in STATUSES:
            check = QCheckBox(status_label(status))
            check.setChecked(status == "new")
            check.toggled.connect(self.changed)
            self.status_checks[status] = check
            row.addWidget(check)
        form.addRow(tr("Status"), row)

        self.run_combo = QComboBox()
        self.campaign_combo = QComboBox()
        for combo in (self.run_combo, self.campaign_combo):
            combo.addItem(tr("All"), None)
            combo.currentIndexChanged.connect(self.changed)
        form.addRow(tr("Model run"), self.run_combo)
        form.addRow(tr("Campaign"), self.campaign_combo)

        self.area_combo = QComboBox()
        for key, text in area_labels().items():
            self.area_combo.addItem(text, key)
        self.area_combo.currentIndexChanged.connect(self._area_mode_changed)
        self.draw_button = QPushButton(tr("Draw"))
        self.draw_button.setToolTip(tr("Draw the area on the map: click the corners, right-click to finish"))
        self.draw_button.clicked.connect(self.start_drawing)
        self.district_edit = QLineEdit()
        self.district_edit.setPlaceholderText("E410 N5477")
        self.district_edit.setToolTip(tr("1 km square of the UTM grid, named by its south-west corner in km"))
        self.district_edit.textChanged.connect(self.changed)
        row = QHBoxLayout()
        row.addWidget(self.area_combo, 1)
        row.addWidget(self.draw_button)
        row.addWidget(self.district_edit)
        form.addRow(tr("Area"), row)

        self.order_combo = QComboBox()
        for key, text in order_labels().items():
            self.order_combo.addItem(text, key)
        self.order_combo.currentIndexChanged.connect(self.changed)
        form.addRow(tr("Order"), self.order_combo)
        self._area_mode_changed()
        if iface is not None:
            iface.mapCanvas().extentsChanged.connect(self._extent_changed)

    # ------------------------------------------------------------------ lists from the store
    def set_choices(self, model_runs, campaigns) -> None:
        """Fill the model-run and campaign lists from store rows (keeps the current choice)."""
        for combo, rows, text in ((self.run_combo, model_runs,
                                   lambda r: " ".join(str(p) for p in (r.get("name"), r.get("version")) if p)),
                                  (self.campaign_combo, campaigns, lambda r: r.get("name") or str(r["id"]))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("All"), None)
            for row in rows:
                combo.addItem(text(row), int(row["id"]))
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    # ------------------------------------------------------------------ the filter
    def area(self) -> str:
        return self.area_combo.currentData()

    def set_area(self, key: str) -> None:
        self.area_combo.setCurrentIndex(self.area_combo.findData(key))

    def order(self) -> str:
        return self.order_combo.currentData()

    def statuses(self):
        return tuple(s for s in STATUSES if self.status_checks[s].isChecked())

    def review_filter(self) -> ReviewFilter:
        text = self.class_edit.text().strip()
        classes, search = [], ""
        if text in self._labels:
            classes = [self._labels[text]]
        elif text:
            search = text
        elif self.kind_combo.currentData():
            classes = [self.kind_combo.currentData()]
        low, high = self.score_min.value(), self.score_max.value()
        run, campaign = self.run_combo.currentData(), self.campaign_combo.currentData()
        bbox, area_wkt = None, None
        mode = self.area()
        if mode == "extent":
            bbox = self.extent_bbox()
        elif mode in ("polygon", "selection"):
            area_wkt = self.area_wkt
            if area_wkt is None:
                bbox = NOWHERE  # no area drawn or selected yet: nothing matches
        elif mode == "district":
            bbox = district_bbox(self.district_edit.text()) or NOWHERE
        return ReviewFilter(classes=tuple(classes), text=search, score_min=low if low > 0.0 else None,
                            score_max=high if high < 1.0 else None, statuses=self.statuses(),
                            model_run_ids=(run,) if run is not None else (),
                            campaign_ids=(campaign,) if campaign is not None else (), bbox=bbox, area_wkt=area_wkt)

    def extent_bbox(self):
        if self.iface is None:
            return None
        canvas = self.iface.mapCanvas()
        extent = canvas.extent()
        corners = [to_store(canvas, QgsPointXY(x, y)) for x in (extent.xMinimum(), extent.xMaximum())
                   for y in (extent.yMinimum(), extent.yMaximum())]
        xs, ys = [p.x() for p in corners], [p.y() for p in corners]
        return (min(xs), min(ys), max(xs), max(ys))

    # ------------------------------------------------------------------ area modes
    def _area_mode_changed(self):
        mode = self.area()
        self.draw_button.setVisible(mode in ("polygon", "selection"))
        self.draw_button.setText(tr("Draw") if mode == "polygon" else tr("Take selection"))
        self.district_edit.setVisible(mode == "district")
        if mode == "selection":
            self.take_selection()
        elif mode == "polygon" and self.area_wkt is None:
            self.start_drawing()
        self.changed.emit()

    def _extent_changed(self):
        if self.area() == "extent":
            self.changed.emit()

    def take_selection(self):
        """The union of the active layer's selected features, as the area (EPSG:25832)."""
        layer = self.iface.activeLayer() if self.iface is not None else None
        features = list(layer.selectedFeatures()) if layer is not None and hasattr(layer, "selectedFeatures") else []
        geometries = [f.geometry() for f in features if f.hasGeometry()]
        if not geometries:
            self.area_wkt = None
            self.message.emit(tr("Select one or more polygons (e.g. a district) in the active layer first."))
            return None
        union = QgsGeometry.unaryUnion(geometries)
        if union.type() != QgsWkbTypes.GeometryType.PolygonGeometry:  # points and lines have no inside
            union = union.buffer(5.0, 8)
        self.area_wkt = geometry_to_store(union, layer.crs()).asWkt(3)
        self.changed.emit()
        return self.area_wkt

    def start_drawing(self):
        if self.area() == "selection":
            return self.take_selection()
        if self.iface is None:
            return None
        canvas = self.iface.mapCanvas()
        if self._tool is None:
            self._tool = PolygonTool(canvas)
            self._tool.polygonDrawn.connect(self.set_polygon)
            self._tool.cancelled.connect(self._stop_tool)
        if canvas.mapTool() is not self._tool:
            self._previous_tool = canvas.mapTool()
            canvas.setMapTool(self._tool)
        return self._tool

    def set_polygon(self, wkt: str):
        self.area_wkt = wkt
        self._stop_tool()
        if self.area() != "polygon":
            self.set_area("polygon")
        else:
            self.changed.emit()

    def _stop_tool(self):
        if self._tool is None or self.iface is None:
            return
        canvas = self.iface.mapCanvas()
        if canvas.mapTool() is self._tool:
            if self._previous_tool is not None:
                canvas.setMapTool(self._previous_tool)
            else:
                canvas.unsetMapTool(self._tool)
        self._previous_tool = None

    def shutdown(self):
        if self.iface is not None:
            try:
                self.iface.mapCanvas().extentsChanged.disconnect(self._extent_changed)
            except (TypeError, RuntimeError):
                pass
        if self._tool is not None:
            self._stop_tool()
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self._tool:
                canvas.unsetMapTool(self._tool)
            self._tool.remove_band()
            self._tool.deleteLater()
            self._tool = None
