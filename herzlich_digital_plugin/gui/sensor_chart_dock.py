"""The "Sensor time series" dock: the datastream selected on the map (or in the list) over the last 24 hours,
7 days or a custom range, with its typical week behind it. History and profile are read in QgsTasks; new
values of the live layer are appended as they arrive."""
from datetime import datetime, timedelta, timezone
from typing import Dict, Optional, Tuple

import numpy as np
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QDateTime, pyqtSignal
from qgis.PyQt.QtWidgets import (QComboBox, QDateTimeEdit, QHBoxLayout, QLabel, QSizePolicy, QToolButton,
                                 QVBoxLayout, QWidget)

from ..core.sensorthings.history import fetch_history
from ..core.sensorthings.messages import StaError
from ..core.sensorthings.profile import typical_profile
from ..sensors.live_layer import key_text, parse_key_text
from ..sensors.messages import message
from ..sensors.quantities import convert
from ..sensors.refresh_task import StaTask, TaskTracker
from ..toolbelt.i18n import tr
from .sensor_chart import ChartData, draw

RANGES = (("24h", 86400.0), ("7d", 7 * 86400.0), ("custom", None))
PROFILE_DAYS = 56  # eight weeks: every weekday × hour cell gets eight values


PROFILE_PART_DAYS = 14  # the typical week is read in parts: short tasks, no "task complete" notices


class ClientPool:
    """One client per service, reused so it remembers what the server cannot do (no re-probing per chart);
    a client still busy in an earlier (cancelled) task is never shared: then a new one is made."""

    def __init__(self, timeout_s: float):
        self.timeout_s = timeout_s
        self._clients: Dict[str, object] = {}
        self._busy = set()  # ids of clients a task is using (added here, removed on the worker thread)

    def work(self, connection, job):
        """A task body that runs ``job(client, cancelled)`` with a free client of ``connection``."""
        client = self._clients.get(connection.url)
        if client is None or id(client) in self._busy:
            from ..sensors.client import qgis_sta_client
            client = qgis_sta_client(connection.url, connection.authcfg, self.timeout_s)
            self._clients.setdefault(connection.url, client)
        self._busy.add(id(client))

        def run(cancelled):
            try:
                return job(client, cancelled)
            finally:
                self._busy.discard(id(client))
        return run


def history_job(row, start: datetime, end: datetime):
    def job(client, cancelled):
        return fetch_history(client, row.datastream_id, start, end, collection=row.collection,
                             component=row.component)
    return job


def profile_parts(end: datetime):
    """(start, end) of each part of the typical week's history, oldest first."""
    parts, start = [], end - timedelta(days=PROFILE_DAYS)
    while start < end:
        stop = min(end, start + timedelta(days=PROFILE_PART_DAYS))
        parts.append((start, stop))
        start = stop
    return parts


class SensorChartDock(QgsDockWidget):
    OBJECT_NAME = "mHerzlichDigitalSensorChartDock"
    chartUpdated = pyqtSignal(dict)  # what draw() drew: points, band, threshold

    def __init__(self, manager, parent=None, timeout_s: float = 20.0):
        super().__init__(tr("Sensor time series"), parent)
        self.setObjectName(self.OBJECT_NAME)
        self.manager = manager
        self.timeout_s = timeout_s
        self._tasks = TaskTracker()
        self._clients = ClientPool(timeout_s)
        self._current: Optional[Tuple[str, tuple]] = None  # (layer id, row key)
        self.times = np.empty(0)
        self.values = np.empty(0)
        self.profiles: Dict[Tuple[str, str], object] = {}  # (service url, key text) -> Profile
        self.last_drawn: dict = {}
        self.last_error = ""
        self._watched: Dict[str, list] = {}
        self._build_ui()
        self._connect(manager.layerAttached, self._watch)
        self._connect(manager.layerDetached, self._unwatch)
        for controller in manager.controllers():
            self._watch(controller)
        self._redraw()

    # ------------------------------------------------------------------ layout
    def _build_ui(self) -> None:
        from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        row = QHBoxLayout()
        self.chooser = QComboBox()
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(18)
        self.chooser.setToolTip(tr("Datastream (or select a sensor on the map)"))
        self.range = QComboBox()
        for key, _ in RANGES:
            self.range.addItem({"24h": tr("Last 24 hours"), "7d": tr("Last 7 days"),
                                "custom": tr("Custom range")}[key], key)
        self.start_edit, self.end_edit = QDateTimeEdit(), QDateTimeEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("dd.MM.yyyy HH:mm")
            edit.setCalendarPopup(True)
            edit.setVisible(False)
        now = QDateTime.currentDateTime()
        self.start_edit.setDateTime(now.addDays(-3))
        self.end_edit.setDateTime(now)
        self.reload_button = QToolButton()
        self.reload_button.setText("⟳")
        self.reload_button.setToolTip(tr("Read the history again"))
        row.addWidget(self.chooser, 1)
        row.addWidget(self.range)
        row.addWidget(self.start_edit)
        row.addWidget(self.end_edit)
        row.addWidget(self.reload_button)
        layout.addLayout(row)
        self.figure = Figure(figsize=(5.0, 2.6), dpi=100, constrained_layout=True)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumHeight(160)
        layout.addWidget(self.canvas, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #505050")
        layout.addWidget(self.status)
        self.setWidget(body)

        self.chooser.activated.connect(self._on_chosen)
        self.range.currentIndexChanged.connect(self._on_range)
        self.start_edit.editingFinished.connect(self.reload)
        self.end_edit.editingFinished.connect(self.reload)
        self.reload_button.clicked.connect(self.reload)

    # ------------------------------------------------------------------ live layers
    def _connect(self, signal, slot) -> None:
        signal.connect(slot)
        self._watched.setdefault("", []).append((signal, slot))

    def _watch(self, controller) -> None:
        layer_id = controller.layer.id()
        if layer_id in self._watched:
            return
        links = [(controller.layer.selectionChanged, lambda *args, c=controller: self._on_selection(c)),
                 (controller.rowsChanged, lambda result, c=controller: self._on_rows_changed(c, result)),
                 (controller.refreshed, lambda snapshot: self._fill_chooser())]
        for signal, slot in links:
            signal.connect(slot)
        self._watched[layer_id] = links
        self._fill_chooser()

    def _unwatch(self, layer_id: str) -> None:
        for signal, slot in self._watched.pop(layer_id, []):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
        if self._current is not None and self._current[0] == layer_id:
            self._current = None
            self._tasks.cancel_all()
            self._redraw()
        self._fill_chooser()

    def _fill_chooser(self) -> None:
        entries = []
        for controller in self.manager.controllers():
            for key, row in controller.rows.items():
                entries.append((f"{row.thing} – {row.datastream}" if row.thing else row.datastream,
                                f"{controller.layer.id()}#{key_text(key)}"))
        entries.sort(key=lambda entry: entry[0].casefold())
        wanted = self._current_data()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for text, data in entries:
            self.chooser.addItem(text, data)
        self.chooser.setCurrentIndex(self.chooser.findData(wanted) if wanted else -1)
        self.chooser.blockSignals(False)

    def _current_data(self) -> str:
        return f"{self._current[0]}#{key_text(self._current[1])}" if self._current else ""

    def _on_chosen(self, index: int) -> None:
        data = self.chooser.itemData(index) or ""
        layer_id, _, text = data.partition("#")
        controller = self.manager.controller_for(layer_id)
        key = parse_key_text(text)
        if controller is not None and key is not None:
            self.show_datastream(controller, key)

    def _on_selection(self, controller) -> None:
        selected = controller.layer.selectedFeatureIds()
        if not selected:
            return
        row = controller.row_for_feature(sorted(selected)[0])
        if row is not None:
            self.show_datastream(controller, row.key)

    def _on_rows_changed(self, controller, result) -> None:
        """A new value of the datastream on show: appended at once (no new request)."""
        if self._current != (controller.layer.id(), self._key()) or self._key() not in result.changed:
            return
        row = controller.rows.get(self._key())
        if row is None or row.time is None or self.range.currentData() == "custom":
            return
        when = row.time.timestamp()
        if len(self.times) and when <= self.times[-1]:
            return
        self.times = np.append(self.times, when)
        self.values = np.append(self.values, np.nan if row.value is None else row.value)
        self._redraw()

    def _key(self):
        return self._current[1] if self._current else None

    # ------------------------------------------------------------------ loading
    def controller(self):
        return self.manager.controller_for(self._current[0]) if self._current else None

    def current_row(self):
        controller = self.controller()
        return controller.rows.get(self._key()) if controller is not None else None

    def show_datastream(self, controller, key) -> bool:
        """Show a datastream of a live layer (by its row key); False if the layer has no such row."""
        if key not in controller.rows:
            return False
        self._current = (controller.layer.id(), key)
        self._fill_chooser()
        self.reload()
        return True

    def time_range(self) -> Tuple[datetime, datetime]:
        seconds = dict(RANGES)[self.range.currentData() or "24h"]
        if seconds is None:
            start = self.start_edit.dateTime().toMSecsSinceEpoch() / 1000.0
            end = self.end_edit.dateTime().toMSecsSinceEpoch() / 1000.0
            start, end = min(start, end), max(start, end)
            return datetime.fromtimestamp(start, tz=timezone.utc), datetime.fromtimestamp(end, tz=timezone.utc)
        end = datetime.now(timezone.utc)
        return end - timedelta(seconds=seconds), end

    def _on_range(self, index: int) -> None:
        custom = self.range.itemData(index) == "custom"
        self.start_edit.setVisible(custom)
        self.end_edit.setVisible(custom)
        self.reload()

    def reload(self) -> None:
        controller, row = self.controller(), self.current_row()
        if controller is None or row is None:
            return
        self._tasks.cancel_all()
        start, end = self.time_range()
        self.times, self.values = np.empty(0), np.empty(0)
        self.last_error = ""
        self.status.setText(tr("Reading the history of {name} …").format(name=row.datastream))
        self._redraw()
        current = self._current
        task = StaTask(tr("Sensor history"), self._clients.work(controller.connection, history_job(row, start, end)),
                       lambda finished: self._history_done(finished, current))
        self._tasks.start(task)

    @property
    def loading(self) -> bool:
        return self._tasks.busy

    def _profile_key(self):
        controller = self.controller()
        return (controller.connection.url, key_text(self._key())) if controller is not None else None

    def _history_done(self, task, current) -> None:
        if task.cancelled or current != self._current:
            return
        if task.error is not None:
            self._failed(task.error)
            return
        history = task.result
        self.times, self.values = history.times, history.values
        self.status.setText(tr("{count} values, {requests} requests.").format(count=len(history),
                                                                             requests=history.requests))
        self._redraw()
        if self._profile_key() not in self.profiles:
            self._read_profile_part(current, profile_parts(datetime.now(timezone.utc)), [])

    def _read_profile_part(self, current, parts, histories) -> None:
        controller, row = self.controller(), self.current_row()
        start, end = parts[len(histories)]
        task = StaTask(tr("Sensor typical week"), self._clients.work(controller.connection, history_job(row, start, end)),
                       lambda finished: self._profile_part_done(finished, current, parts, histories))
        self._tasks.start(task)

    def _profile_part_done(self, task, current, parts, histories) -> None:
        if task.cancelled or current != self._current:
            return
        if task.error is not None:
            self._failed(task.error)
            return
        histories.append(task.result)
        if len(histories) < len(parts):
            self._read_profile_part(current, parts, histories)
            return
        times = np.concatenate([h.times for h in histories])
        values = np.concatenate([h.values for h in histories])
        times, first = np.unique(times, return_index=True)  # the parts share their borders
        self.profiles[self._profile_key()] = typical_profile(times, values[first])
        self.status.setText(self.status.text() + " " + tr("Typical week from {count} values of {weeks} weeks.")
                            .format(count=len(times), weeks=PROFILE_DAYS // 7))
        self._redraw()

    def _failed(self, error) -> None:
        self.last_error = message(error) if isinstance(error, StaError) else str(error)
        self.status.setText(self.last_error)
        self._redraw()

    # ------------------------------------------------------------------ drawing
    def chart_data(self) -> Optional[ChartData]:
        controller, row = self.controller(), self.current_row()
        if row is None:
            return None
        start, end = self.time_range()
        threshold = controller.alerts.threshold_for(row)
        limit = None
        if threshold is not None:  # drawn in the datastream's unit (a limit in Kfz/h on a Kfz/15 min chart)
            limit = convert(threshold.limit, threshold.judging_unit, row.unit) if row.unit else threshold.limit
            limit = threshold.limit if limit is None else limit
        return ChartData(f"{row.thing} – {row.datastream}" if row.thing else row.datastream,
                         row.observed_property, row.unit, start.timestamp(), end.timestamp(), self.times,
                         self.values, self.profiles.get(self._profile_key()), limit)

    def _redraw(self) -> None:
        self.last_drawn = draw(self.figure, self.chart_data(), self.last_error)
        self.chartUpdated.emit(self.last_drawn)

    def shutdown(self) -> None:
        """Stop loading and let go of the live layers (plugin unload)."""
        self._tasks.cancel_all()
        for layer_id in list(self._watched):
            for signal, slot in self._watched.pop(layer_id):
                try:
                    signal.disconnect(slot)
                except (TypeError, RuntimeError):
                    pass
        self._current = None
