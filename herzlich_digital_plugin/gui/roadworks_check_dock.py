"""The "Check roadworks" dock: pick a site (or select it on the map), check it in the background, read the
conflicts, affected assets, sensors, traffic, quietest window and detour; save the detour, write the PDF report,
export and import roadworks.

Everything slow runs in a QgsTask (the check, the report, export and import); the GUI thread only reads the
roadworks list and writes the chosen detour (one short transaction).
"""
from pathlib import Path
from typing import Callable, Dict, Optional

from qgis.core import QgsMapLayerProxyModel
from qgis.gui import QgsDockWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QMenu,
                                 QProgressBar, QPushButton, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from ..core.definitions import DETOUR_CRITERIA as CRITERIA
from ..roadworks.detour_errors import MissingFieldsError
from ..roadworks.detour_fields import RoadFields
from ..store import StoreError
from ..toolbelt.i18n import tr
from ..toolbelt.log import PlgLogger
from .active_store import active_store_target
from .roadworks_check_results import CheckResults
from .roadworks_check_task import CheckOptions, RoadworksCheckTask
from .roadworks_detour_band import DetourBands
from .roadworks_layers import refresh_roadworks_layers, road_layer_in_project, selected_roadworks_ids, worker_copy
from ..processing.export_roadworks import FORMATS
from ..roadworks.detour_graph import layer_from_store, layer_stamp
from ..roadworks.model import status_labels, Roadworks
from ..roadworks.repository import list_roadworks, RoadworksConflictError, update, get
from ..toolbelt.db_connection import resolve_store
from .roadworks_check_task import RoadSource
from .roadworks_conflict_dialog import RoadworksConflictDialog
from .roadworks_field_mapping import RoadFieldMappingDialog
from .roadworks_form import actor_name, RoadworksForm
from .roadworks_processing_task import AlgorithmRun

EXPORT_FORMATS = (("wzdx", "WZDx 4.2 (GeoJSON)", "GeoJSON (*.geojson)", ".geojson"),
                  ("datex2", "DATEX II 3 (XML)", "XML (*.xml)", ".xml"),
                  ("cifs", "Waze CIFS (JSON)", "JSON (*.json)", ".json"),
                  ("geojson", "GeoJSON", "GeoJSON (*.geojson)", ".geojson"))


class RoadworksCheckDock(QgsDockWidget):
    OBJECT_NAME = "mHerzlichDigitalRoadworksCheckDock"
    checked = pyqtSignal(object)  # the ImpactReport of a finished check
    checkFailed = pyqtSignal(str)
    fieldMappingRequested = pyqtSignal(object)  # the RoadFieldMappingDialog, already open
    detourSaved = pyqtSignal(object)  # the Roadworks as stored
    algorithmFinished = pyqtSignal(str, bool, dict)  # algorithm id, ok, results

    def __init__(self, iface, active_store, logger: PlgLogger = None,  # noqa: QGS105 - the dock needs the canvas
                 snapshot_provider: Optional[Callable] = None, parent=None):
        super().__init__(tr("Check roadworks"), parent)
        self.setObjectName(self.OBJECT_NAME)
        self.iface = iface
        self.active_store = active_store
        self.log = logger or PlgLogger(iface)
        self.snapshot_provider = snapshot_provider
        self.open_files = True  # open the PDF when it is written (tests switch it off)
        self.report = None
        self.chart_png = None
        self.task: Optional[RoadworksCheckTask] = None
        self.run = None  # the running Processing algorithm (report, export, import)
        self.field_mapping_dialog = None
        self.form = None
        self.conflict_dialog = None
        self.last_report = None
        self._checked_layer = None
        self._network_key = None
        self.bands = DetourBands(iface.mapCanvas())
        self._field_maps: Dict[tuple, RoadFields] = {}
        self._networks: Dict[tuple, object] = {}  # road layer stamp + fields -> RoadNetwork of an earlier check
        self._edits: Dict[str, int] = {}  # layer id -> edits seen (dataChanged), part of the stamp
        self._store_roads = None  # (layer uri, layer) of the store's road table when it is not in the project
        self._build()
        self.closed.connect(self.bands.clear)

    # ------------------------------------------------------------------ layout
    def _build(self):
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.works_combo = QComboBox()
        self.works_combo.setObjectName("roadworks")
        self.works_combo.setMinimumContentsLength(18)
        self.refresh_button = QPushButton(tr("Reload"))
        self.refresh_button.clicked.connect(lambda: self.refresh_works())
        self.edit_button = QPushButton(tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_current())
        row.addWidget(self.works_combo, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.edit_button)
        layout.addLayout(row)

        form = QFormLayout()
        roads = QHBoxLayout()
        self.roads_combo = QgsMapLayerComboBox()
        self.roads_combo.setObjectName("road_layer")
        self.roads_combo.setFilters(QgsMapLayerProxyModel.Filter.LineLayer)
        self.roads_combo.setAllowEmptyLayer(True)
        self.roads_combo.setLayer(None)  # not the first line layer (often the roadworks): the store's, below
        self.roads_combo.setToolTip(tr("Empty: the store's road network"))
        self.fields_button = QPushButton(tr("Fields…"))
        self.fields_button.clicked.connect(lambda: self.ask_field_mapping())
        roads.addWidget(self.roads_combo, 1)
        roads.addWidget(self.fields_button)
        form.addRow(tr("Road network"), roads)
        self.buffer = QDoubleSpinBox()
        self.buffer.setRange(0.0, 500.0)
        self.buffer.setValue(15.0)
        self.buffer.setSuffix(" m")
        self.sensor_distance = QDoubleSpinBox()
        self.sensor_distance.setRange(0.0, 5000.0)
        self.sensor_distance.setValue(300.0)
        self.sensor_distance.setSuffix(" m")
        self.duration = QSpinBox()
        self.duration.setRange(1, 168)
        self.duration.setValue(8)
        self.duration.setSuffix(" h")
        self.criterion = QComboBox()
        self.criterion.addItem(tr("distance"), "distance")
        self.criterion.addItem(tr("time"), "time")
        options = QHBoxLayout()
        for label, widget in ((tr("Buffer"), self.buffer), (tr("Sensors within"), self.sensor_distance)):
            options.addWidget(QLabel(label))
            options.addWidget(widget)
        form.addRow(options)
        more = QHBoxLayout()
        for label, widget in ((tr("Work session"), self.duration), (tr("Detour by"), self.criterion)):
            more.addWidget(QLabel(label))
            more.addWidget(widget)
        form.addRow(more)
        layout.addLayout(form)

        run = QHBoxLayout()
        self.check_button = QPushButton(tr("Check"))
        self.check_button.clicked.connect(lambda: self.check())
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        run.addWidget(self.check_button)
        run.addWidget(self.progress, 1)
        run.addWidget(self.cancel_button)
        layout.addLayout(run)

        self.results = CheckResults()
        layout.addWidget(self.results, 1)

        actions = QHBoxLayout()
        self.save_detour_button = QPushButton(tr("Save detour"))
        self.save_detour_button.clicked.connect(lambda: self.save_detour())
        self.save_detour_button.setEnabled(False)
        self.zoom_button = QToolButton()
        self.zoom_button.setText(tr("Zoom"))
        self.zoom_button.setToolTip(tr("Zoom the map to the detour"))
        self.zoom_button.clicked.connect(lambda: self.zoom_to_detour())
        self.zoom_button.setEnabled(False)
        self.report_button = QPushButton(tr("PDF report…"))
        self.report_button.clicked.connect(lambda: self.write_report())
        self.export_button = QToolButton()
        self.export_button.setText(tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for fmt, label, _, _ in EXPORT_FORMATS:
            menu.addAction(label, lambda f=fmt: self.export(f))
        self.export_button.setMenu(menu)
        self.import_button = QPushButton(tr("Import…"))
        self.import_button.clicked.connect(lambda: self.import_file())
        for button in (self.save_detour_button, self.zoom_button, self.report_button, self.export_button,
                       self.import_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setWidget(page)

    # ------------------------------------------------------------------ roadworks list
    def store(self):
        return self.active_store.get()

    def refresh_works(self, select_id: Optional[int] = None) -> int:
        """Fill the list from the store; keeps (or selects) a site; returns how many there are."""
        keep = select_id if select_id is not None else self.current_id()
        try:
            works = list_roadworks(self.store())
        except StoreError as error:
            self._say(tr("The roadworks could not be read: {error}").format(error=error), error=True)
            return 0
        self.works_combo.blockSignals(True)
        self.works_combo.clear()
        for w in works:
            self.works_combo.addItem(f"{w.title} ({status_labels().get(w.status, w.status)}, {w.id})", w.id)
        self.works_combo.blockSignals(False)
        if keep is not None:
            self.set_current(keep)
        if self.roads_combo.currentLayer() is None:
            default = road_layer_in_project(self.store())
            if default is not None:
                self.roads_combo.setLayer(default)
        return len(works)

    def current_id(self) -> Optional[int]:
        value = self.works_combo.currentData()
        return int(value) if value is not None else None

    def set_current(self, roadworks_id: int) -> bool:
        index = self.works_combo.findData(int(roadworks_id))
        if index < 0:
            return False
        self.works_combo.setCurrentIndex(index)
        return True

    def check_selected(self) -> Optional[RoadworksCheckTask]:
        """Check the roadworks selected on the map; without a selection only the list is offered."""
        self.refresh_works()
        ids = selected_roadworks_ids(self.store(), self.iface.activeLayer())
        if not ids or not self.set_current(ids[0]):
            self._say(tr("Select a roadworks on the map, or choose one here and press Check."))
            return None
        return self.check()

    # ------------------------------------------------------------------ road layer
    def road_layer(self):
        """The road layer the detour uses: the chosen one, else the store's road table."""
        layer = self.roads_combo.currentLayer()
        if layer is not None:
            return layer
        store = self.store()
        if store.count("road") == 0:
            return None
        uri = store.layer_uri("road")
        if self._store_roads is None or self._store_roads[0] != uri:
            self._store_roads = (uri, layer_from_store(store))
        return self._store_roads[1]

    def road_fields(self, layer=None) -> RoadFields:
        layer = layer or self.road_layer()
        return self._field_maps.get(_layer_key(layer), RoadFields()) if layer is not None else RoadFields()

    def set_road_fields(self, layer, fields: RoadFields) -> None:
        self._field_maps[_layer_key(layer)] = fields

    def _roads_for_task(self, layer):
        """(what the task opens the roads from, the cached network or None, the cache key)."""
        if layer is None:
            return None, None, None
        if layer.providerType() == "memory":  # no source to reopen: a copy made here, never cached
            return worker_copy(layer), None, None
        key = (self._stamp(layer), self.road_fields(layer))
        return RoadSource.of(layer), self._networks.get(key), key

    def _stamp(self, layer) -> tuple:
        """What identifies the layer's content (see detour_graph.layer_stamp) plus the edits seen here."""
        layer_id = layer.id()
        if layer_id not in self._edits:
            self._edits[layer_id] = 0

            def bump(*_):
                self._edits[layer_id] = self._edits.get(layer_id, 0) + 1
            layer.dataChanged.connect(bump)
        return layer_stamp(layer)[1:] + (self._edits[layer_id],)

    # ------------------------------------------------------------------ the check
    def options(self) -> CheckOptions:
        return CheckOptions(self.buffer.value(), self.sensor_distance.value(), self.duration.value(),
                            self.criterion.currentData())

    def check(self, roadworks_id: Optional[int] = None) -> Optional[RoadworksCheckTask]:
        """Start the check of one site in the background; None if it cannot start."""
        if self.task is not None:
            self._say(tr("A check is already running."))
            return None
        if roadworks_id is not None and not self.set_current(roadworks_id):
            self.refresh_works(roadworks_id)
        roadworks_id = roadworks_id if roadworks_id is not None else self.current_id()
        if roadworks_id is None:
            self._say(tr("Choose a roadworks to check."))
            return None
        try:
            store_uri = resolve_store(*active_store_target())
            layer = self.road_layer()
        except Exception as error:  # the store or its road table cannot be opened: say so, never crash the GUI
            self._say(tr("The store could not be opened: {error}").format(error=error), error=True)
            return None
        snapshot = None
        if self.snapshot_provider is not None:
            try:
                snapshot = self.snapshot_provider()
            except Exception as error:  # live values are a bonus: the stored ones are used instead
                self.log.warning(tr("The live sensor values could not be read: {error}").format(error=error),
                                 push=False)
        self.bands.clear()
        self.results.clear()
        self.report = None
        self.save_detour_button.setEnabled(False)
        self.zoom_button.setEnabled(False)
        roads, network, self._network_key = self._roads_for_task(layer)
        task = RoadworksCheckTask(store_uri, roadworks_id, roads, self.road_fields(layer), self.options(), snapshot,
                                  self._check_done, network)
        task.progressChanged.connect(self._on_progress)  # a bound method: Qt drops it with the dock
        self._checked_layer = layer
        self.task = task
        self._busy(True)
        self._say(tr("Checking {title}…").format(title=self.works_combo.currentText()))
        return task.start()

    def cancel(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.detach()
            task.cancel()
            self._say(tr("Check cancelled."))
        if self.run is not None:
            self.run.cancel()
            self.run = None
            self._say(tr("Cancelled."))
        self._busy(False)

    def _on_progress(self, value: float) -> None:
        self.progress.setValue(int(value))

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)
        self.cancel_button.setEnabled(busy)
        self.check_button.setEnabled(not busy)

    def _check_done(self, task: RoadworksCheckTask) -> None:
        if task is not self.task:
            return
        self.task = None
        self._busy(False)
        if task.network is not None and self._network_key is not None:
            self._networks[self._network_key] = task.network
            while len(self._networks) > 4:  # a few road layers at most
                self._networks.pop(next(iter(self._networks)))
        if task.result is None:
            error = task.error
            if isinstance(error, MissingFieldsError):
                self.ask_field_mapping(self._checked_layer, error, retry_id=task.roadworks_id)
                return
            message = str(error) if error is not None else tr("The check was cancelled.")
            self._say(tr("The check failed: {error}").format(error=message), error=True)
            self.checkFailed.emit(message)
            return
        self.show_report(task.result, task.chart)
        warnings = list(getattr(task.network, "warnings", None) or [])
        if warnings:  # what the road layer lacked (no speed field, unnoded lines …): said, not an error
            self._say(self.status.text() + " " + " ".join(warnings))
            for warning in warnings:
                self.log.warning(warning, push=False)
        self.checked.emit(task.result)

    def show_report(self, report, chart_png: Optional[bytes] = None) -> None:
        self.report, self.chart_png = report, chart_png
        self.results.show_report(report, chart_png)
        has_route = report.detour is not None and report.detour.route is not None
        self.bands.show(report.detour if has_route else None)
        self.save_detour_button.setEnabled(has_route and "not_blocking" not in report.detour.notes)
        self.zoom_button.setEnabled(has_route)
        self._say(tr("{title} checked. Conflicts: {conflicts}, affected assets: {assets}, sensors: {sensors}.").format(
            title=report.works.title, conflicts=len(report.conflicts), assets=len(report.assets),
            sensors=len(report.sensors)))

    # ------------------------------------------------------------------ field mapping
    def ask_field_mapping(self, layer=None, error: Optional[MissingFieldsError] = None, retry_id=None):
        """Open the field-mapping dialog for the road layer; on OK the mapping is kept and the check retried."""
        layer = layer or self.road_layer()
        if layer is None:
            self._say(tr("There is no road layer to map."))
            return None
        missing = error.missing if error is not None else ()
        dialog = RoadFieldMappingDialog(layer, self.road_fields(layer), missing, parent=self)
        self.field_mapping_dialog = dialog
        if error is not None:
            self._say(str(error))

        def accepted():
            self.set_road_fields(layer, dialog.road_fields())
            if retry_id is not None:
                self.check(retry_id)
        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _: setattr(self, "field_mapping_dialog", None))
        dialog.open()
        self.fieldMappingRequested.emit(dialog)
        return dialog

    # ------------------------------------------------------------------ detour
    def save_detour(self):
        """Store the checked detour in the roadworks (``detour``, history written); returns the stored record
        (None when nothing was written, or when the conflict dialog is asking)."""
        report = self.report
        if report is None or report.detour is None or report.detour.route is None:
            self._say(tr("There is no detour to save: check a roadworks first."))
            return None
        return self._write_detour(report.works, report.detour.route.wkt, report.works.version)

    def _write_detour(self, works, wkt: str, version: int):
        try:
            stored = update(self.store(), works.id, {"detour": wkt}, version, actor_name())
        except RoadworksConflictError as error:  # both versions side by side; the user decides
            theirs = Roadworks.from_row(error.current_row)
            dialog = RoadworksConflictDialog(works.replace(detour=wkt), theirs, version, ["detour"], str(error),
                                             parent=self)
            dialog.load_button.setText(tr("Keep the stored detour"))
            self.conflict_dialog = dialog

            def decided(code):
                self.conflict_dialog = None
                if code == RoadworksConflictDialog.SAVE_MINE:
                    self._write_detour(theirs, wkt, theirs.version)
            dialog.finished.connect(decided)
            dialog.open()
            return None
        except StoreError as error:
            self._say(tr("The detour could not be saved: {error}").format(error=error), error=True)
            return None
        if self.report is not None and self.report.works.id == stored.id:
            self.report.works = stored
        refresh_roadworks_layers(self.store(), self.iface.mapCanvas())
        self._say(tr("Detour saved in {title} (version {version}).").format(title=stored.title,
                                                                          version=stored.version))
        self.detourSaved.emit(stored)
        return stored

    def zoom_to_detour(self) -> bool:
        extent = self.bands.extent()
        if extent is None:
            return False
        extent.scale(1.2)
        self.iface.mapCanvas().setExtent(extent)
        self.iface.mapCanvas().refresh()
        return True

    # ------------------------------------------------------------------ edit
    def edit_current(self):
        """Open the form for the chosen roadworks."""
        roadworks_id = self.current_id()
        if roadworks_id is None:
            self._say(tr("Choose a roadworks to edit."))
            return None
        try:
            works = get(self.store(), roadworks_id)
        except StoreError as error:
            self._say(str(error), error=True)
            return None
        self.form = RoadworksForm(self.store(), works, parent=self)
        self.form.saved.connect(lambda stored: (refresh_roadworks_layers(self.store(), self.iface.mapCanvas()),
                                                self.refresh_works(stored.id)))
        self.form.open()
        return self.form

    # ------------------------------------------------------------------ Processing: report, export, import
    def _store_parameters(self) -> dict:
        uri, authcfg = active_store_target()
        return {"STORE": uri, "AUTHCFG": authcfg or ""}

    def _start_algorithm(self, algorithm_id: str, parameters: dict, done: Callable, message: str):
        if self.run is not None and self.run.running:
            self._say(tr("Please wait: another job is still running."))
            return None

        def finished(ok, results, messages):
            self.run = None
            self._busy(False)
            if not ok:
                self._say(tr("Failed: {error}").format(error="; ".join(messages) or tr("unknown error")), error=True)
            else:
                done(results)
            self.algorithmFinished.emit(algorithm_id, ok, results)
        try:
            self.run = AlgorithmRun(algorithm_id, parameters, finished, self._on_progress)
        except LookupError as error:
            self._say(str(error), error=True)
            return None
        self._busy(True)
        self._say(message)
        return self.run.start()

    def write_report(self, path: Optional[str] = None):
        """The German PDF report of the chosen site (roadworksreport in the background), opened when written."""
        roadworks_id = self.current_id()
        if roadworks_id is None:
            self._say(tr("Choose a roadworks for the report."))
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("Save the report"),
                                                  str(Path.home() / f"baustelle_{roadworks_id}.pdf"),
                                                  tr("PDF files (*.pdf)"))
            if not path:
                return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        parameters = {**self._store_parameters(), "ROADWORKS": roadworks_id, "OUTPUT": path,
                      "BUFFER": self.buffer.value(), "SENSOR_DISTANCE": self.sensor_distance.value(),
                      "DURATION_H": self.duration.value(), "CRITERION": CRITERIA.index(self.criterion.currentData()),
                      "IMAGE_ROOT": self.active_store.folder() or ""}
        layer = self.roads_combo.currentLayer()
        fields = self.road_fields()
        parameters.update({"NAME_FIELD": fields.name, "ONEWAY_FIELD": fields.oneway, "SPEED_FIELD": fields.speed})
        if layer is not None and layer is not road_layer_in_project(self.store()):
            # its own copy in the worker (by source); memory layers only exist in the project
            parameters["ROADS"] = layer.id() if layer.providerType() == "memory" else layer.source()

        def done(results):
            written = results.get("OUTPUT") or path
            self._say(tr("Report written: {path} ({pages} pages)").format(path=written,
                                                                          pages=int(results.get("PAGES", 0))))
            self.last_report = written
            if self.open_files:
                QDesktopServices.openUrl(QUrl.fromLocalFile(written))
        return self._start_algorithm("herzlich_digital:roadworksreport", parameters, done,
                                     tr("Writing the report…"))

    def export(self, fmt: str, path: Optional[str] = None):
        """Export the store's roadworks as WZDx, DATEX II, CIFS or GeoJSON (exportroadworks)."""
        label, file_filter, suffix = next((lb, ff, sx) for f, lb, ff, sx in EXPORT_FORMATS if f == fmt)
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export roadworks as {format}").format(format=label),
                                                  str(Path.home() / f"roadworks_{fmt}{suffix}"), file_filter)
            if not path:
                return None
        parameters = {**self._store_parameters(), "FORMAT": FORMATS.index(fmt), "OUTPUT": path}

        def done(results):
            self._say(tr("{count} roadworks written to {path}.").format(count=int(results.get("COUNT", 0)),
                                                                       path=results.get("OUTPUT", path)))
        return self._start_algorithm("herzlich_digital:exportroadworks", parameters, done,
                                     tr("Exporting roadworks…"))

    def import_file(self, path: Optional[str] = None):
        """Import roadworks from a DATEX II or GeoJSON file (importroadworks); the list and map follow."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Import roadworks"), str(Path.home()),
                                                  tr("DATEX II or GeoJSON (*.xml *.geojson *.json);;All files (*)"))
            if not path:
                return None
        parameters = {**self._store_parameters(), "INPUT": path, "ACTOR": actor_name()}

        def done(results):
            self._say(tr("Imported {imported} roadworks ({updated} updated), {rejected} rejected, {skipped} records "
                         "of other types skipped.").format(
                imported=int(results.get("IMPORTED", 0)), updated=int(results.get("UPDATED", 0)),
                rejected=int(results.get("REJECTED", 0)), skipped=int(results.get("SKIPPED", 0))))
            self.refresh_works()
            refresh_roadworks_layers(self.store(), self.iface.mapCanvas())
        return self._start_algorithm("herzlich_digital:importroadworks", parameters, done,
                                     tr("Importing roadworks…"))

    # ------------------------------------------------------------------ messages and shutdown
    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c0392b;" if error else "")
        if error:
            self.log.error(text, push=False)

    def shutdown(self) -> None:
        """Stop background work and remove what the dock put on the map (plugin unload)."""
        if self.task is not None:
            self.task.detach()
            self.task.cancel()
            self.task = None
        if self.run is not None:
            self.run.cancel()
            self.run = None
        for dialog in (self.field_mapping_dialog, self.form, self.conflict_dialog):
            if dialog is not None:
                dialog.reject()
        self.bands.clear()
        self._networks.clear()
        self._store_roads = None
        self._checked_layer = None
        self.report = None

    def reset(self) -> None:
        """Another project (maybe another store): forget the old one's results, layers and list."""
        self.shutdown()
        self._busy(False)
        self.results.clear()
        self.save_detour_button.setEnabled(False)
        self.zoom_button.setEnabled(False)
        self.works_combo.clear()
        self.roads_combo.setLayer(None)  # the next store's road layer is chosen on the next refresh
        self._field_maps.clear()
        self.status.setText("")


def _layer_key(layer) -> tuple:
    return (layer.providerType(), layer.source(), layer.subsetString())
