"""The "Review inspector" dock: filter the detections, see live counts per class and status, browse the results
(selecting one zooms the map and opens the panorama at it), annotate its asset and read its history, and hand
the filter to the review queue."""
from qgis.core import QgsRectangle
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView, QTabWidget, QVBoxLayout,
                                 QWidget)

from ..store import StoreError
from ..toolbelt.i18n import tr
from ..toolbelt.log import PlgLogger
from .review_asset_panel import ReviewAssetPanel
from .review_counts import CountsRunner, CountsView
from .review_filter_widget import ReviewFilterWidget
from .review_map_tools import ItemMarker, to_canvas
from .review_results_model import ReviewResultsModel
from ..review import vzkat

DEBOUNCE_MS = 250
ZOOM_HALF_SIZE_M = 40.0


class ReviewInspectorDock(QgsDockWidget):
    OBJECT_NAME = "mHerzlichDigitalReviewInspectorDock"
    reviewRequested = pyqtSignal(object, str)  # ReviewFilter, order
    itemSelected = pyqtSignal(object)  # ReviewItem

    def __init__(self, iface, context, panorama_dock_provider=None, parent=None):  # noqa: QGS105 - from the plugin
        super().__init__(tr("Review inspector"), parent)
        self.setObjectName(self.OBJECT_NAME)
        self.iface = iface
        self.context = context
        self.log = PlgLogger(iface)
        self.panorama_dock_provider = panorama_dock_provider
        self.marker = ItemMarker(iface.mapCanvas())
        self.runner = CountsRunner(self)
        self.runner.countsReady.connect(self._on_counts)
        self.runner.countsFailed.connect(self._on_counts_failed)
        self.last_counts = None
        self.current_item = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._build_ui()
        context.decided.connect(lambda _decision: self.schedule_refresh())

    def _build_ui(self):
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.filters = ReviewFilterWidget(self.iface)
        self.filters.changed.connect(self.schedule_refresh)
        self.filters.message.connect(lambda text: self.log.info(text, push=True))
        layout.addWidget(self.filters)
        row = QHBoxLayout()
        self.review_button = QPushButton(tr("Review these…"))
        self.review_button.setToolTip(tr("Open the review queue on this filter and order"))
        self.review_button.clicked.connect(self.request_review)
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.status_label = QLabel()
        row.addWidget(self.review_button)
        row.addWidget(self.refresh_button)
        row.addWidget(self.status_label, 1)
        layout.addLayout(row)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.counts_view = CountsView()
        splitter.addWidget(self.counts_view)
        self.tabs = QTabWidget()
        self.model = ReviewResultsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self.select_row(current.row()))
        self.tabs.addTab(self.table, tr("Detections"))
        self.asset_panel = ReviewAssetPanel(self.context, self._snapshot, self.log)
        self.tabs.addTab(self.asset_panel, tr("Asset and history"))
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.counts_view.classActivated.connect(self._filter_class)
        self.setWidget(body)

    # ------------------------------------------------------------------ refresh
    def schedule_refresh(self):
        if self.isHidden():  # refreshed when it is shown again
            self._stale = True
            return
        self._debounce.start()

    def showEvent(self, event):  # noqa: N802 - Qt override
        super().showEvent(event)
        if getattr(self, "_stale", True):
            self._stale = False
            self.schedule_refresh()

    def refresh(self):
        """Counts in the background, the first page of results now."""
        self._debounce.stop()
        try:
            store = self.context.store()
            self._load_choices(store)
            flt = self.filters.review_filter()
            self.runner.request(self.context.worker_target(), flt)
            self.status_label.setText(tr("Counting…"))
            self.model.set_filter(store, flt, self.filters.order())
        except (StoreError, ValueError) as exc:
            self.status_label.setText(str(exc))
            return False
        if self.model.error:
            self.status_label.setText(self.model.error)
        return True

    def _load_choices(self, store):
        if getattr(self, "_choices_store", None) is store:
            return
        self.filters.set_choices(store.select("model_run", order_by="id"), store.select("campaign", order_by="id"))
        self._choices_store = store

    def _on_counts(self, result):
        self.last_counts = result
        self.counts_view.set_counts(result)
        self.status_label.setText(tr("{count} matching").format(count=result.total))

    def _on_counts_failed(self, message):
        self.counts_view.set_message(message)
        self.status_label.setText(message)
        self.log.warning(message)

    def _filter_class(self, key):
        entry = vzkat.lookup(*key)
        if entry is not None and entry.value == key[2]:
            self.filters.class_edit.setText(entry.label)
        elif key[1]:
            self.filters.class_edit.setText(" ".join(p for p in key[1:] if p))

    # ------------------------------------------------------------------ selection
    def select_row(self, row: int):
        detection_id = self.model.detection_id(row)
        return None if detection_id is None else self.show_detection(detection_id)

    def show_detection(self, detection_id: int):
        """Zoom to the detection, open its panorama looking at the box, show its asset and history."""
        try:
            item = self.context.session().item(int(detection_id))
        except StoreError as exc:
            self.log.error(tr("Cannot read the store: {error}").format(error=exc))
            return None
        self.current_item = item
        x, y = item.position if item.position is not None else (item.panorama["x"], item.panorama["y"])
        canvas = self.iface.mapCanvas()
        low = to_canvas(canvas, x - ZOOM_HALF_SIZE_M, y - ZOOM_HALF_SIZE_M)
        high = to_canvas(canvas, x + ZOOM_HALF_SIZE_M, y + ZOOM_HALF_SIZE_M)
        canvas.setExtent(QgsRectangle(low, high))
        canvas.refresh()
        self.marker.show(x, y, recentre=False)
        dock = self.panorama_dock_provider() if self.panorama_dock_provider is not None else None
        if dock is not None:
            dock.show()
            dock.open_panorama(item.panorama_id, yaw=item.bearing, pitch=item.elevation)
        self.asset_panel.show_detection(item.detection_id, item.asset_id)
        self.itemSelected.emit(item)
        return item

    def _snapshot(self):
        dock = self.panorama_dock_provider() if self.panorama_dock_provider is not None else None
        if dock is None or dock.current_panorama() is None:
            return None
        return dock.snapshot()

    def request_review(self):
        self.reviewRequested.emit(self.filters.review_filter(), self.filters.order())

    # ------------------------------------------------------------------ clean-up
    def shutdown(self):
        self._debounce.stop()
        self.runner.shutdown()
        self.filters.shutdown()
        self.marker.remove()
