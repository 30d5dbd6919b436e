"""The "Panorama" dock: the viewer plus capture details, time travel, overlay toggles, snapshots, ground-point
clicks (show on map, copy, place an asset, measure) and the panorama layer filter."""
import json
from datetime import datetime, timezone
from pathlib import Path

from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsPointXY,
                       QgsProject, QgsRasterLayer)
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget, QgsVertexMarker
from qgis.PyQt.QtCore import QDate, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit, QFileDialog, QGridLayout,
                                 QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy, QToolButton, QVBoxLayout,
                                 QWidget)

from ..core.definitions import STORE_CRS
from ..panorama.overlays import geometry_lines
from ..store import StoreError
from ..toolbelt.i18n import tr
from ..toolbelt.log import PlgLogger
from ..toolbelt.settings import SettingsManager
from . import panorama_layers as layers
from .panorama_pick import coordinate_text, expected_error_m, ground_point, measure
from .panorama_view_widget import PanoramaViewWidget

TIME_TRAVEL_RADIUS_M = 5.0
OVERLAY_RADIUS_M = 60.0
ASSET_CLASSES = ("sign", "marking", "light")


def _asset_class_label(name: str) -> str:
    return {"sign": tr("Traffic sign"), "marking": tr("Road marking"), "light": tr("Traffic light")}[name]


class PanoramaDock(QgsDockWidget):
    """Shows one panorama at a time; open_panorama() is the entry point."""

    OBJECT_NAME = "mHerzlichDigitalPanoramaDock"
    panoramaChanged = pyqtSignal(object)  # the panorama row now shown
    measured = pyqtSignal(float, float)  # horizontal distance, height difference (m)

    def __init__(self, iface, active_store, loader=None, parent=None):  # noqa: QGS105 - the plugin hands it down
        super().__init__(tr("Panorama"), parent)
        self.setObjectName(self.OBJECT_NAME)
        self.iface = iface
        self.active_store = active_store
        self.log = PlgLogger(iface)
        self._loader = loader
        self._owns_loader = loader is None
        if loader is not None:
            self._connect_loader(loader)
        self._pano = None
        self._campaigns = {}
        self._click_point = None
        self._measure_start = None
        self._measure_armed = False
        self._map_marker = None
        self.last_snapshot = None
        self._build_ui()

    # ------------------------------------------------------------------ layout
    def _build_ui(self):
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)

        header = QHBoxLayout()
        self.date_label = QLabel()
        self.date_label.setStyleSheet("font-weight: bold")
        self.campaign_label = QLabel()
        self.campaign_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # may be cut
        self.campaign_label.setMinimumWidth(40)
        self.id_label = QLabel()
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.date_label)
        header.addWidget(self.campaign_label, 1)
        header.addWidget(self.id_label)
        layout.addLayout(header)

        travel = QHBoxLayout()
        self.prev_button = self._tool_button("◀", tr("Previous panorama in the sequence (S, Page Down)"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = self._tool_button("▶", tr("Next panorama in the sequence (W, Page Up)"))
        self.next_button.clicked.connect(lambda: self.step(1))
        travel.addWidget(self.prev_button)
        travel.addWidget(self.next_button)
        travel.addWidget(QLabel(tr("Time travel:")))
        self.time_combo = QComboBox()
        self.time_combo.setToolTip(tr("Other captures within 5 m of this position"))
        self.time_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.time_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.time_combo.setMinimumContentsLength(6)  # long entries must not widen the dock
        self.time_combo.activated.connect(self._on_time_travel)
        travel.addWidget(self.time_combo, 1)
        self.snapshot_button = self._tool_button(tr("Snapshot"), tr("Save the current view as PNG with its pose"))
        self.snapshot_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.snapshot_button)
        menu.addAction(tr("Save snapshot as…")).triggered.connect(self.snapshot_as)
        self.snapshot_button.setMenu(menu)
        self.snapshot_button.clicked.connect(lambda: self.snapshot())
        travel.addWidget(self.snapshot_button)
        layout.addLayout(travel)

        tools = QHBoxLayout()
        self.overlay_buttons = {}
        for kind, text, tip in (("detections", tr("Detections"), tr("Show the detections of this panorama")),
                                ("assets", tr("Assets && roadworks"), tr("Show assets and roadworks nearby")),
                                ("grid", tr("Grid"), tr("Show the horizon and heading grid"))):
            button = self._tool_button(text, tip, checkable=True)
            button.toggled.connect(lambda on, k=kind: self.view.set_overlay_visible(k, on))
            self.overlay_buttons[kind] = button
            tools.addWidget(button)
        tools.addStretch(1)
        layout.addLayout(tools)

        layout.addWidget(self._build_filter())

        self.view = PanoramaViewWidget(body)
        self.view.stepRequested.connect(self.step)
        self.view.clicked.connect(self.handle_click)
        layout.addWidget(self.view, 1)
        for kind, button in self.overlay_buttons.items():
            button.setChecked(self.view.overlay_visible(kind))

        layout.addWidget(self._build_click_bar())
        self.measure_label = QLabel()
        self.measure_label.setWordWrap(True)
        self.measure_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.measure_label)
        self.setWidget(body)
        self._set_header(None)

    def _tool_button(self, text, tip, checkable=False) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setAutoRaise(True)
        return button

    def _build_filter(self) -> QWidget:
        self.filter_box = QgsCollapsibleGroupBox(tr("Filter panorama layer"))
        self.filter_box.setCollapsed(True)
        grid = QGridLayout(self.filter_box)
        self.filter_campaign = QComboBox()
        self.filter_dates = QCheckBox(tr("Captured from"))
        self.filter_from = QDateEdit(QDate.currentDate().addYears(-5))
        self.filter_to = QDateEdit(QDate.currentDate())
        for edit in (self.filter_from, self.filter_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setEnabled(False)
            self.filter_dates.toggled.connect(edit.setEnabled)
        apply_button = QPushButton(tr("Apply"))
        apply_button.clicked.connect(self.apply_filter)
        clear_button = QPushButton(tr("Clear"))
        clear_button.clicked.connect(self.clear_filter)
        grid.addWidget(self.filter_campaign, 0, 0, 1, 2)
        grid.addWidget(self.filter_dates, 1, 0)
        grid.addWidget(self.filter_from, 1, 1)
        grid.addWidget(QLabel(tr("to")), 2, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.filter_to, 2, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(apply_button)
        buttons.addWidget(clear_button)
        grid.addLayout(buttons, 3, 0, 1, 2)
        self.filter_box.collapsedStateChanged.connect(lambda collapsed: collapsed or self.refresh_campaigns())
        return self.filter_box

    def _build_click_bar(self) -> QWidget:
        self.click_bar = QWidget()
        rows = QVBoxLayout(self.click_bar)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        self.click_label = QLabel()
        self.click_label.setWordWrap(True)
        self.click_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rows.addWidget(self.click_label)
        row = QHBoxLayout()
        rows.addLayout(row)
        for text, tip, slot in ((tr("Show on map"), tr("Mark the point on the map"), self.show_click_on_map),
                                (tr("Copy"), tr("Copy the coordinates (EPSG:25832)"), self.copy_click_coordinates),
                                (tr("Measure"), tr("Click a second point to measure the distance"),
                                 self.start_measure)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        place = QToolButton()
        place.setText(tr("Place asset"))
        place.setToolTip(tr("Add a new asset of the chosen class at the point"))
        place.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(place)
        for name in ASSET_CLASSES:
            menu.addAction(_asset_class_label(name)).triggered.connect(lambda _=False, n=name: self.place_asset(n))
        place.setMenu(menu)
        row.addWidget(place)
        row.addStretch(1)
        self.click_bar.setVisible(False)
        return self.click_bar

    # ------------------------------------------------------------------ loader
    def loader(self):
        """The PanoramaLoader (created on first use)."""
        if self._loader is None:
            from ..panorama.loader import PanoramaLoader

            settings = SettingsManager().load()
            self._loader = PanoramaLoader(cache_mb=settings.panorama_cache_mb, authcfg=settings.image_authcfg,
                                          timeout_s=settings.network_timeout_s, parent=self)
            self._connect_loader(self._loader)
        return self._loader

    def _connect_loader(self, loader):
        loader.previewReady.connect(self._on_preview)
        loader.fullReady.connect(self._on_full)
        loader.failed.connect(self._on_failed)
        if hasattr(loader, "warning"):
            loader.warning.connect(self._on_warning)

    def _is_current(self, pano_id) -> bool:
        return self._pano is not None and int(pano_id) == int(self._pano["id"])

    def _on_preview(self, pano_id, image):
        if self._is_current(pano_id) and not self.view.has_full_image():
            self.view.set_image(image, full=False)
            self.view.set_status(tr("Loading full resolution…"))

    def _on_full(self, pano_id, image):
        if self._is_current(pano_id):
            self.view.set_image(image, full=True)
            self.view.set_status("")

    def _on_warning(self, pano_id, message):
        if self._is_current(pano_id):
            self.log.warning(tr("Panorama {id}: {message}").format(id=pano_id, message=message))

    def _on_failed(self, pano_id, message):
        if self._is_current(pano_id):
            self.view.set_status(message, error=True)
            self.log.error(tr("Panorama {id}: {message}").format(id=pano_id, message=message))
        else:
            self.log.info(tr("Panorama {id}: {message}").format(id=pano_id, message=message))

    # ------------------------------------------------------------------ opening and moving
    def current_panorama(self):
        return self._pano

    def store(self):
        return self.active_store.get()

    def open_panorama(self, pano, yaw=None, pitch=None, fov=None) -> bool:
        """Show a panorama (row dict or id); yaw/pitch default to its heading and level, fov stays."""
        try:
            if not isinstance(pano, dict):
                pano = self.store().get("panorama", int(pano))
                if pano is None:
                    self.log.warning(tr("The panorama no longer exists in the store."))
                    return False
            campaigns_known = pano.get("campaign_id") in self._campaigns
            if not campaigns_known:
                self._load_campaigns()
        except StoreError as error:
            self.log.error(tr("Cannot read the store: {error}").format(error=error))
            return False
        previous = self._pano
        if previous is not None and self._loader is not None and int(previous["id"]) != int(pano["id"]):
            self._loader.cancel(int(previous["id"]))
        self._pano = pano
        self.view.set_panorama(pano, yaw=yaw, pitch=pitch, fov=fov)
        self._set_header(pano)
        self._fill_time_travel()
        self._load_overlay_data()
        self.view.set_status(tr("Loading preview…"))
        # a cached image comes back through fullReady as well, from the event loop
        self.loader().load(pano, self.active_store.folder(), store_uri=self._store_path())
        self._update_marks()
        self.panoramaChanged.emit(pano)
        return True

    def _store_path(self):
        """The GeoPackage path (lets the loader recognise demo cities), None for PostGIS."""
        try:
            return getattr(self.store(), "path", None)
        except StoreError:
            return None

    def step(self, delta: int) -> bool:
        """Move to the next (+1) or previous (-1) panorama of the sequence, keeping the view direction."""
        pano = self._pano
        if pano is None or pano.get("sequence_id") is None or pano.get("sequence_rank") is None:
            return False
        rank = int(pano["sequence_rank"])
        try:  # a sequence is one street: a few hundred rows at most
            rows = self.store().select("panorama", {"sequence_id": pano["sequence_id"],
                                                    "campaign_id": pano.get("campaign_id")}, order_by="sequence_rank")
        except StoreError as error:
            self.log.error(tr("Cannot read the store: {error}").format(error=error))
            return False
        ranked = [r for r in rows if r.get("sequence_rank") is not None]
        rows = [r for r in ranked if r["sequence_rank"] > rank] if delta > 0 else \
            [r for r in reversed(ranked) if r["sequence_rank"] < rank]
        if not rows:
            self.log.info(tr("End of the sequence."), push=True)
            return False
        yaw, pitch, fov = self.view.view()
        return self.open_panorama(rows[0], yaw=yaw, pitch=pitch, fov=fov)

    def nearby_captures(self):
        """Nearest panorama of every other campaign within 5 m, by capture time."""
        pano = self._pano
        if pano is None:
            return []
        geom = pano["geom"]
        found = self.store().nearest("panorama", geom.x, geom.y, k=64, max_distance=TIME_TRAVEL_RADIUS_M)
        best = {}
        for row, distance in found:
            campaign = row.get("campaign_id")
            if campaign == pano.get("campaign_id") or campaign in best:
                continue
            best[campaign] = (row, distance)
        epoch = datetime.min.replace(tzinfo=timezone.utc)
        return sorted(best.values(), key=lambda rd: rd[0].get("captured_at") or epoch)

    def _fill_time_travel(self):
        self.time_combo.blockSignals(True)
        self.time_combo.clear()
        pano = self._pano
        self.time_combo.addItem(tr("{date} {campaign} (shown)").format(
            date=layers.german_datetime(pano.get("captured_at")), campaign=self._campaign_name(pano)), int(pano["id"]))
        try:
            others = self.nearby_captures()
        except StoreError as error:
            self.log.warning(tr("Cannot read the store: {error}").format(error=error))
            others = []
        for row, distance in others:
            self.time_combo.addItem(tr("{date} {campaign} ({distance} m away)").format(
                date=layers.german_datetime(row.get("captured_at")), campaign=self._campaign_name(row),
                distance=f"{distance:.1f}"), int(row["id"]))
        self.time_combo.setEnabled(bool(others))
        self.time_combo.setCurrentIndex(0)
        self.time_combo.blockSignals(False)

    def _on_time_travel(self, index):
        pano_id = self.time_combo.itemData(index)
        if pano_id is not None and self._pano is not None and int(pano_id) != int(self._pano["id"]):
            self.time_travel_to(int(pano_id))

    def time_travel_to(self, pano_id: int) -> bool:
        """Switch to another capture of this place, keeping the viewing direction."""
        yaw, pitch, fov = self.view.view()
        return self.open_panorama(pano_id, yaw=yaw, pitch=pitch, fov=fov)

    # ------------------------------------------------------------------ header and overlays
    def _load_campaigns(self):
        self._campaigns = {row["id"]: row for row in self.store().select("campaign")}

    def _campaign_name(self, pano) -> str:
        row = self._campaigns.get(pano.get("campaign_id")) if pano else None
        return row["name"] if row else ""

    def _set_header(self, pano):
        if pano is None:
            self.date_label.setText(tr("No panorama open"))
            self.campaign_label.setText("")
            self.id_label.setText("")
            self.time_combo.clear()
            self.time_combo.setEnabled(False)
            return
        self.date_label.setText(layers.german_datetime(pano.get("captured_at")))
        self.campaign_label.setText(self._campaign_name(pano))
        self.id_label.setText(tr("Panorama {id}").format(id=pano["id"]))

    def _load_overlay_data(self):
        pano = self._pano
        geom = pano["geom"]
        r = OVERLAY_RADIUS_M
        ground_z = geom.z if geom.has_z else 0.0
        try:
            store = self.store()
            detections = store.select("detection", {"panorama_id": int(pano["id"])})
            assets = store.in_bbox("asset", geom.x - r, geom.y - r, geom.x + r, geom.y + r)
            roadworks = [a for row in store.in_bbox("roadworks", geom.x - r, geom.y - r, geom.x + r, geom.y + r)
                         for a in geometry_lines(row.get("geom"), ground_z)]
        except StoreError as error:
            self.log.warning(tr("Cannot read the overlays: {error}").format(error=error))
            return
        self.view.set_overlay_data(detections=detections, assets=assets, roadworks=roadworks)

    # ------------------------------------------------------------------ clicks
    def click_point(self):
        """The last clicked ground point (x, y, z) in EPSG:25832, or None."""
        return self._click_point

    def handle_click(self, bearing: float, elevation: float):
        """A click in the view: its ground point, offered for the click actions or closing a measurement."""
        if self._pano is None:
            return None
        ground = self._ground_model()
        point = ground_point(self._pano, bearing, elevation, ground)
        if point is None:
            self.click_label.setText(tr("Click the ground below the horizon, within 100 m."))
            self.click_bar.setVisible(True)
            return None
        self._click_point = point
        error = expected_error_m(self._pano, bearing, elevation, ground)
        text = coordinate_text(point[0], point[1])
        if error is not None:
            text = tr("{coordinates} (± {error} m)").format(coordinates=text, error=f"{error:.2f}")
        self.click_label.setText(text)
        self.click_bar.setVisible(True)
        if self._measure_armed and self._measure_start is not None:
            distance, dz = measure(self._measure_start, point)
            self._measure_armed = False
            self.measure_label.setText(tr("Distance {distance} m, height difference {dz} m").format(
                distance=f"{distance:.2f}", dz=f"{dz:+.2f}"))
            self.measured.emit(distance, dz)
        self._update_marks()
        return point

    def _ground_model(self):
        """The ground under this panorama: the elevation raster chosen in the settings where it covers the place,
        else the panorama track around it (core/terrain.py); cached per panorama."""
        pano = self._pano
        cached = getattr(self, "_ground_cache", None)
        if cached is not None and cached[0] == pano["id"]:
            return cached[1]
        from ..panorama.terrain_source import raster_ground, track_ground

        ground = None
        layer_id = SettingsManager().get("terrain_layer_id")
        layer = QgsProject.instance().mapLayer(layer_id) if layer_id else None
        if isinstance(layer, QgsRasterLayer):
            ground = raster_ground(layer, pano["geom"].x, pano["geom"].y)
        if ground is None:
            try:
                ground = track_ground(self.store(), pano)
            except StoreError as error:
                self.log.warning(tr("Cannot read the store: {error}").format(error=error))
        self._ground_cache = (pano["id"], ground)
        return ground

    def start_measure(self):
        """The next click measures from the current click point."""
        if self._click_point is None:
            return
        self._measure_start = self._click_point
        self._measure_armed = True
        self.measure_label.setText(tr("Click the second point…"))
        self._update_marks()

    def _update_marks(self):
        marks = []
        if self._measure_start is not None:
            marks.append((*self._measure_start, "1"))
        if self._click_point is not None and (self._measure_start is None
                                              or tuple(self._click_point) != tuple(self._measure_start)):
            marks.append((*self._click_point, ""))
        self.view.set_marks(marks)

    def copy_click_coordinates(self) -> str:
        if self._click_point is None:
            return ""
        text = coordinate_text(self._click_point[0], self._click_point[1])
        QApplication.clipboard().setText(text)
        return text

    def _to_canvas(self, x, y):
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(STORE_CRS),
                                           canvas.mapSettings().destinationCrs(), QgsProject.instance())
        return transform.transform(QgsPointXY(x, y))

    def show_click_on_map(self):
        """Mark the click point on the canvas (and flash it)."""
        if self._click_point is None:
            return None
        canvas = self.iface.mapCanvas()
        point = self._to_canvas(self._click_point[0], self._click_point[1])
        if self._map_marker is None:
            self._map_marker = QgsVertexMarker(canvas)
            self._map_marker.setIconType(QgsVertexMarker.IconType.ICON_CROSS)
            self._map_marker.setColor(QColor(230, 40, 40))
            self._map_marker.setIconSize(16)
            self._map_marker.setPenWidth(3)
        self._map_marker.setCenter(point)
        self._map_marker.show()
        if not canvas.extent().contains(point):
            canvas.setCenter(point)
            canvas.refresh()
        canvas.flashGeometries([QgsGeometry.fromPointXY(point)], canvas.mapSettings().destinationCrs())
        return point

    def map_marker(self):
        return self._map_marker

    def place_asset(self, asset_class: str = None):
        """Insert a new asset at the click point; returns its id (None without a point or on error)."""
        if self._click_point is None:
            return None
        from shapely.geometry import Point

        asset_class = asset_class or ASSET_CLASSES[0]
        now = datetime.now(timezone.utc)
        row = {"asset_class": asset_class, "geom": Point(float(self._click_point[0]), float(self._click_point[1])),
               "position_source": "panorama_click", "lifecycle_status": "existing", "created_at": now,
               "updated_at": now}
        try:
            asset_id = self.store().insert("asset", row)
        except StoreError as error:
            self.log.error(tr("The asset could not be saved: {error}").format(error=error))
            return None
        self.log.success(tr("{kind} {id} placed at {coordinates}.").format(
            kind=_asset_class_label(asset_class), id=asset_id,
            coordinates=coordinate_text(self._click_point[0], self._click_point[1])))
        layers.refresh_store_layers("asset")
        self._load_overlay_data()
        return asset_id

    # ------------------------------------------------------------------ snapshot
    def default_snapshot_folder(self):
        """The folder from the settings, else <store folder>/snapshots, else None (ask)."""
        configured = getattr(SettingsManager().load(), "snapshot_folder", "")
        if configured:
            return Path(configured)
        folder = self.active_store.folder()
        return Path(folder) / "snapshots" if folder else None

    def snapshot(self, folder=None):
        """Save the current view as PNG plus a JSON sidecar with the pose; returns the PNG path or None."""
        if self._pano is None or self.view.image() is None:
            self.log.warning(tr("There is no panorama image to save."))
            return None
        folder = Path(folder) if folder else self.default_snapshot_folder()
        if folder is None:
            return self.snapshot_as()
        now = datetime.now(timezone.utc)
        yaw = self.view.view()[0]
        name = f"panorama_{int(self._pano['id'])}_{now.strftime('%Y%m%d_%H%M%S')}_{int(round(yaw)) % 360:03d}.png"
        return self._write_snapshot(folder / name, now)

    def snapshot_as(self):
        if self._pano is None or self.view.image() is None:
            self.log.warning(tr("There is no panorama image to save."))
            return None
        start = self.default_snapshot_folder() or Path.home()
        path, _ = QFileDialog.getSaveFileName(self, tr("Save snapshot"),
                                              str(start / f"panorama_{int(self._pano['id'])}.png"),
                                              tr("PNG image (*.png)"))
        if not path:
            return None
        path = Path(path) if path.lower().endswith(".png") else Path(path + ".png")
        return self._write_snapshot(path, datetime.now(timezone.utc))

    def _write_snapshot(self, png: Path, now):
        try:
            png.parent.mkdir(parents=True, exist_ok=True)
            image = self.view.snapshot_image()
            if image is None or not image.save(str(png), "PNG"):
                raise OSError(tr("the image could not be written"))
            png.with_suffix(".json").write_text(json.dumps(self.pose(now, png.name), indent=2, ensure_ascii=False),
                                                encoding="utf-8")
        except OSError as error:
            self.log.error(tr("The snapshot could not be saved: {error}").format(error=error))
            return None
        self.last_snapshot = png
        self.log.success(tr("Snapshot saved: {path}").format(path=str(png)))
        return png

    def pose(self, now=None, image_name=None) -> dict:
        """What a snapshot records about the view."""
        pano = self._pano
        geom = pano["geom"]
        yaw, pitch, fov = self.view.view()
        captured = pano.get("captured_at")
        return {
            "panorama_id": int(pano["id"]),
            "campaign": self._campaign_name(pano),
            "sequence_id": pano.get("sequence_id"),
            "captured_at": captured.isoformat() if captured else None,
            "position": {"x": geom.x, "y": geom.y, "z": geom.z if geom.has_z else None, "crs": STORE_CRS},
            "camera_height": pano.get("camera_height"),
            "heading": pano.get("heading"),
            "yaw": round(yaw, 4),
            "pitch": round(pitch, 4),
            "fov": round(fov, 4),
            "view_size": [self.view.width(), self.view.height()],
            "image_uri": pano.get("image_uri"),
            "snapshot_image": image_name,
            "snapshot_at": (now or datetime.now(timezone.utc)).isoformat(),
        }

    # ------------------------------------------------------------------ filter
    def refresh_campaigns(self):
        current = self.filter_campaign.currentData()
        try:
            self._load_campaigns()
        except StoreError as error:
            self.log.warning(tr("Cannot read the store: {error}").format(error=error))
        self.filter_campaign.clear()
        self.filter_campaign.addItem(tr("All campaigns"), None)
        for cid, row in sorted(self._campaigns.items()):
            self.filter_campaign.addItem(row["name"], cid)
        index = self.filter_campaign.findData(current)
        self.filter_campaign.setCurrentIndex(max(0, index))

    def filter_expression(self) -> str:
        date_from = date_to = None
        if self.filter_dates.isChecked():
            date_from = self.filter_from.date().toPyDate()
            date_to = self.filter_to.date().toPyDate()
        return layers.panorama_filter(self.filter_campaign.currentData(), date_from, date_to)

    def apply_filter(self) -> str:
        """Set the subset string on the project's panorama layer(s); returns it."""
        expression = self.filter_expression()
        if layers.apply_panorama_filter(expression) == 0:
            self.log.warning(tr("No panorama layer in the project to filter."))
        return expression

    def clear_filter(self):
        self.filter_campaign.setCurrentIndex(0)
        self.filter_dates.setChecked(False)
        layers.apply_panorama_filter("")

    # ------------------------------------------------------------------ clean-up
    def clear(self):
        """Show nothing (e.g. when the project, and with it the store, changes)."""
        if self._pano is not None and self._loader is not None:
            self._loader.cancel(int(self._pano["id"]))
        self._pano = None
        self._campaigns = {}
        self._click_point = self._measure_start = None
        self._measure_armed = False
        self.view.set_panorama(None)
        self.view.set_status("")
        self.view.set_marks([])
        self.click_bar.setVisible(False)
        self.measure_label.setText("")
        if self._map_marker is not None:
            self._map_marker.hide()
        self._set_header(None)
        self.panoramaChanged.emit(None)

    def shutdown(self):
        """Stop loading and remove what the dock put on the canvas (called by the plugin's unload)."""
        if self._map_marker is not None:
            canvas = self.iface.mapCanvas()
            canvas.scene().removeItem(self._map_marker)
            self._map_marker = None
        if self._loader is not None:
            if self._pano is not None:
                self._loader.cancel(int(self._pano["id"]))
            for name in ("shutdown", "close", "stop"):
                method = getattr(self._loader, name, None)
                if callable(method):
                    method()
                    break
            signals = [(self._loader.previewReady, self._on_preview), (self._loader.fullReady, self._on_full),
                       (self._loader.failed, self._on_failed)]
            if hasattr(self._loader, "warning"):
                signals.append((self._loader.warning, self._on_warning))
            for signal, slot in signals:
                try:
                    signal.disconnect(slot)
                except (TypeError, RuntimeError):
                    pass
            if self._owns_loader:
                self._loader.deleteLater()
            self._loader = None

