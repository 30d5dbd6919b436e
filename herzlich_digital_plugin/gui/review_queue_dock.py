"""The "Review" dock: the queue widget plus what surrounds an item — its panorama, its place on the map, and
the point pickers of a move (a click on the map or on the ground in the panorama)."""
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..review.filters import ReviewFilter
from ..store import StoreError
from ..toolbelt.i18n import tr
from ..toolbelt.log import PlgLogger
from .panorama_pick import ground_point
from .review_crop import CropSource
from .review_map_tools import ItemMarker, PointTool
from .review_prefetch import CropPrefetcher
from .review_queue_widget import ReviewQueueWidget


def order_labels():
    return {"score": tr("Lowest score first"), "class": tr("By class"), "walk": tr("Walking order")}


def describe_filter(flt: ReviewFilter) -> str:
    """One line about the queue's filter."""
    parts = []
    if flt.classes:
        parts.append(", ".join(str(c if not isinstance(c, (tuple, list)) else " ".join(p for p in c if p))
                               for c in flt.classes))
    if flt.text:
        parts.append(f"„{flt.text}“")
    if flt.score_min is not None or flt.score_max is not None:
        parts.append(tr("score {low}–{high}").format(low=flt.score_min if flt.score_min is not None else 0,
                                                      high=flt.score_max if flt.score_max is not None else 1))
    if flt.model_run_ids:
        parts.append(tr("model run {ids}").format(ids=", ".join(map(str, flt.model_run_ids))))
    if flt.campaign_ids:
        parts.append(tr("campaign {ids}").format(ids=", ".join(map(str, flt.campaign_ids))))
    if flt.bbox is not None or flt.area_wkt:
        parts.append(tr("area"))
    return tr("Queue: {what}").format(what="; ".join(parts) if parts else tr("all new detections"))


class ReviewQueueDock(QgsDockWidget):
    OBJECT_NAME = "mHerzlichDigitalReviewQueueDock"

    def __init__(self, iface, context, panorama_dock_provider=None, parent=None,  # noqa: QGS105 - from the plugin
                 prefetch: bool = True):
        super().__init__(tr("Review queue"), parent)
        self.setObjectName(self.OBJECT_NAME)
        self.iface = iface
        self.context = context
        self.log = PlgLogger(iface)
        self.panorama_dock_provider = panorama_dock_provider
        self.prefetcher = CropPrefetcher(None, parent=self)
        self.queue = ReviewQueueWidget(context, self.prefetcher, self.log, prefetch=prefetch)
        self.marker = ItemMarker(iface.mapCanvas())
        self._point_tool = None
        self._previous_tool = None
        self._panorama_view = None
        self._build_ui()
        self.queue.contextRequested.connect(self.show_context)
        self.queue.moveRequested.connect(self.arm_move)
        self.queue.neighbourActivated.connect(self.open_neighbour)
        context.sessionChanged.connect(self._on_session_changed)

    def _build_ui(self):
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Order:")))
        self.order_combo = QComboBox()
        for key, text in order_labels().items():
            self.order_combo.addItem(text, key)
        self.order_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.order_combo)
        self.start_button = QPushButton(tr("Start"))
        self.start_button.setToolTip(tr("Claim the next detections of the filter and show the first"))
        self.start_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.start_button.clicked.connect(lambda: self.start())
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.filter_label = QLabel(describe_filter(self.queue.filter))
        self.filter_label.setWordWrap(True)
        layout.addWidget(self.filter_label)
        layout.addWidget(self.queue, 1)
        self.setWidget(body)

    # ------------------------------------------------------------------ queue
    def start(self, flt: ReviewFilter = None, order: str = None) -> int:
        """(Re)start the queue on a filter (default: the last one) and give it the keyboard."""
        if order is not None:
            index = self.order_combo.findData(order)
            if index >= 0:
                self.order_combo.setCurrentIndex(index)
        try:
            self.prefetcher.reset(CropSource(self.context.image_folder(), self.context.store_path()))
        except StoreError as exc:
            self.log.error(tr("The store cannot be opened: {error}").format(error=exc))
            return 0
        count = self.queue.start(flt, self.order_combo.currentData())
        self.filter_label.setText(describe_filter(self.queue.filter))
        self.queue.setFocus()
        return count

    def _on_session_changed(self, session):
        self.queue.buffer = []  # the old session released them
        self.queue.cancel_mode()
        self.prefetcher.reset()
        self.queue._show(None)

    # ------------------------------------------------------------------ panorama and map
    def panorama_dock(self):
        return self.panorama_dock_provider() if self.panorama_dock_provider is not None else None

    def show_context(self, item) -> None:
        """Open the item's panorama looking at the box and mark it on the map."""
        if item.position is not None:
            self.marker.show(*item.position)
        elif item.panorama.get("x") is not None:
            self.marker.show(item.panorama["x"], item.panorama["y"])
        dock = self.panorama_dock()
        if dock is not None:
            if not dock.isVisible():
                dock.show()
            dock.open_panorama(item.panorama_id, yaw=item.bearing, pitch=item.elevation)
        self.queue.setFocus()

    def open_neighbour(self, other) -> None:
        dock = self.panorama_dock()
        if dock is not None:
            dock.show()
            dock.open_panorama(other.panorama_id, yaw=other.bearing, pitch=other.elevation)
        if other.position is not None:
            self.marker.show(*other.position, recentre=False)

    # ------------------------------------------------------------------ move
    def arm_move(self, on: bool) -> None:
        canvas = self.iface.mapCanvas()
        if on:
            if self._point_tool is None:
                self._point_tool = PointTool(canvas)
                self._point_tool.pointPicked.connect(self._placed)
                self._point_tool.cancelled.connect(self.queue.cancel_mode)
            if canvas.mapTool() is not self._point_tool:
                self._previous_tool = canvas.mapTool()
                canvas.setMapTool(self._point_tool)
            dock = self.panorama_dock()
            if dock is not None and self._panorama_view is None:
                self._panorama_view = dock.view
                dock.view.clicked.connect(self._panorama_clicked)
            return
        if self._point_tool is not None and canvas.mapTool() is self._point_tool:
            if self._previous_tool is not None:
                canvas.setMapTool(self._previous_tool)
            else:
                canvas.unsetMapTool(self._point_tool)
        self._previous_tool = None
        self._disconnect_panorama()

    def _disconnect_panorama(self):
        if self._panorama_view is not None:
            try:
                self._panorama_view.clicked.disconnect(self._panorama_clicked)
            except (TypeError, RuntimeError):
                pass
            self._panorama_view = None

    def _placed(self, x: float, y: float):
        return self.queue.place(x, y)

    def _panorama_clicked(self, bearing: float, elevation: float):
        dock = self.panorama_dock()
        pano = dock.current_panorama() if dock is not None else None
        point = ground_point(pano, bearing, elevation) if pano is not None else None
        if point is None:
            self.log.info(tr("Click the ground below the horizon, within 100 m."), push=True)
            return None
        return self.queue.place(float(point[0]), float(point[1]))

    # ------------------------------------------------------------------ clean-up
    def shutdown(self) -> None:
        """Give the leases back and remove what the dock put on the canvas (plugin unload)."""
        self.queue.stop()
        self.arm_move(False)
        if self._point_tool is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self._point_tool:
                canvas.unsetMapTool(self._point_tool)
            self._point_tool.deleteLater()
            self._point_tool = None
        self.marker.remove()
        self.prefetcher.shutdown()
        try:
            self.context.sessionChanged.disconnect(self._on_session_changed)
        except (TypeError, RuntimeError):
            pass
