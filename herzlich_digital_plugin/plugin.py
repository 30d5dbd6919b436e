"""The plugin object QGIS loads: menu, toolbar, Processing provider, settings, log handler.

``unload()`` undoes ``initGui()`` symmetrically through a UiRegistry.
"""
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .gui.active_store import ActiveStore
from .gui.ui_registry import UiRegistry
from .processing.provider import HerzlichDigitalProvider
from .toolbelt.i18n import install_translator, remove_translator, tr
from .toolbelt.log import PlgLogger, install_log_handler, remove_log_handler
from .toolbelt.paths import icon_path
from .toolbelt.settings import SettingsManager

MENU_OBJECT_NAME = "mHerzlichDigitalMenu"
TOOLBAR_OBJECT_NAME = "mHerzlichDigitalToolBar"


class HerzlichDigitalPlugin:

    def __init__(self, iface):  # noqa: QGS105 - QGIS hands the interface to classFactory
        self.iface = iface
        self.provider = None
        self.menu = None
        self.toolbar = None
        self.actions = {}
        self._registry = None
        self.active_store = None
        self.panorama_dock = None  # created on first use
        self.view_cone = None
        self.panorama_tool = None
        self.review = None  # gui.review_plugin.ReviewUi: review queue and inspector
        self.roadworks = None  # gui.roadworks_plugin.RoadworksUi: draw, form, check dock
        self.sensors = None  # gui.sensor_plugin.SensorUi: live sensor layers, time-series dock, alerts
        self._translator = install_translator()
        self.log = PlgLogger(iface)

    # Processing is initialised separately so qgis_process (no GUI) gets the provider too.
    def initProcessing(self) -> None:
        if self.provider is None:
            self.provider = HerzlichDigitalProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.initProcessing()
        self._registry = UiRegistry(self.iface.mainWindow())
        handler = install_log_handler(SettingsManager().get("debug_mode"))
        self._registry.on_unload(lambda: remove_log_handler(handler))

        self.menu = self._registry.add_menu(tr("Herzlich Digital"), MENU_OBJECT_NAME)
        self.toolbar = self._registry.add_toolbar(tr("Herzlich Digital"), TOOLBAR_OBJECT_NAME)

        self._add_action("create_demo_city", "democity.svg", tr("Create demo city…"),
                         lambda: self._run_algorithm("herzlich_digital:createdemocity"), toolbar=True)
        self._add_action("setup_shared_database", "database.svg", tr("Set up shared database…"),
                         lambda: self._run_algorithm("herzlich_digital:setupshareddatabase"))
        self.menu.addSeparator()
        self.active_store = ActiveStore()
        self._registry.on_unload(self._close_active_store)
        self._add_action("panorama_viewer", "panorama.svg", tr("Panorama viewer"), self.toggle_panorama_viewer,
                         toolbar=True, checkable=True)
        self._add_panorama_tool()
        self._init_review()
        self._init_roadworks()
        self._init_sensors()
        self.menu.addSeparator()
        self._add_action("settings", "settings.svg", tr("Settings…"), self.show_settings, toolbar=True)

    def _add_action(self, key, icon, text, slot, toolbar=False, checkable=False) -> QAction:
        action = QAction(QIcon(icon_path(icon)), text, self.iface.mainWindow())
        action.setObjectName(f"mHerzlichDigital_{key}")
        action.setCheckable(checkable)
        self._registry.connect(action.triggered, slot)
        containers = (self.menu, self.toolbar) if toolbar else (self.menu,)
        self.actions[key] = self._registry.add_action(action, *containers)
        return action

    # ------------------------------------------------------------------ review
    def _init_review(self) -> None:
        from .gui.review_plugin import ReviewUi

        self.review = ReviewUi(self)
        self.review.init_gui()
        self._registry.on_unload(lambda: setattr(self, "review", None))

    # ------------------------------------------------------------------ roadworks
    def _init_roadworks(self) -> None:
        from .gui.roadworks_plugin import RoadworksUi

        self.menu.addSeparator()
        self.roadworks = RoadworksUi(self)
        self.roadworks.init_gui()
        self._registry.on_unload(lambda: setattr(self, "roadworks", None))

    # ------------------------------------------------------------------ sensors
    def _init_sensors(self) -> None:
        from .gui.sensor_plugin import SensorUi

        self.menu.addSeparator()
        self.sensors = SensorUi(self)
        self.sensors.init_gui()
        self._registry.on_unload(lambda: setattr(self, "sensors", None))

    # ------------------------------------------------------------------ panoramas
    def _add_panorama_tool(self) -> None:
        from .gui.panorama_map_tool import PanoramaMapTool

        canvas = self.iface.mapCanvas()
        self.panorama_tool = PanoramaMapTool(canvas, self.active_store, self.log)
        action = self._add_action("open_panorama", "panorama_map_tool.svg", tr("Open panorama"),
                                  self.activate_panorama_tool, toolbar=True, checkable=True)
        self.panorama_tool.setAction(action)  # the canvas unchecks it when another tool takes over
        self.panorama_tool.panoramaPicked.connect(self.open_panorama)
        tool = self.panorama_tool

        def remove_tool():
            # disconnected here, while the tool is whole: a registry undo after this point met a tool that Qt
            # already saw as a plain QgsMapTool ("No such signal QgsMapTool::panoramaPicked")
            tool.panoramaPicked.disconnect(self.open_panorama)
            if canvas.mapTool() is tool:
                canvas.unsetMapTool(tool)
            tool.deleteLater()
            self.panorama_tool = None
        self._registry.on_unload(remove_tool)

    def activate_panorama_tool(self, checked=True) -> None:
        canvas = self.iface.mapCanvas()
        if checked:
            canvas.setMapTool(self.panorama_tool)
        elif canvas.mapTool() is self.panorama_tool:
            canvas.unsetMapTool(self.panorama_tool)

    def ensure_panorama_dock(self):
        """The panorama dock and its view cone, created (and registered for unload) on first use."""
        if self.panorama_dock is not None:
            return self.panorama_dock
        from .gui.panorama_dock import PanoramaDock
        from .gui.view_cone import ViewCone

        main_window = self.iface.mainWindow()
        dock = PanoramaDock(self.iface, self.active_store, parent=main_window)
        self._registry.add_dock(self.iface, Qt.DockWidgetArea.RightDockWidgetArea, dock)
        # A street view needs room: about two fifths of the window, the map keeps the rest.
        main_window.resizeDocks([dock], [max(480, int(main_window.width() * 0.4))], Qt.Orientation.Horizontal)
        canvas = self.iface.mapCanvas()
        cone = ViewCone(canvas)

        def remove_cone():
            canvas.scene().removeItem(cone)
            self.view_cone = None
        self._registry.on_unload(remove_cone)
        self._registry.connect(dock.panoramaChanged, cone.set_panorama)
        self._registry.connect(dock.view.viewChanged, cone.set_view)
        self._registry.connect(dock.visibilityChanged, self._on_dock_visibility)
        self._registry.connect(QgsProject.instance().cleared, dock.clear)  # another project, maybe another store

        def shutdown_dock():
            dock.shutdown()
            self.panorama_dock = None
        self._registry.on_unload(shutdown_dock)
        self.panorama_dock, self.view_cone = dock, cone
        return dock

    def toggle_panorama_viewer(self, checked=True) -> None:
        if checked:
            dock = self.ensure_panorama_dock()
            dock.show()
            dock.raise_()
        elif self.panorama_dock is not None:
            self.panorama_dock.hide()

    def _on_dock_visibility(self, visible) -> None:
        action = self.actions.get("panorama_viewer")
        if action is not None:
            action.setChecked(bool(visible))
        if self.view_cone is not None:
            self.view_cone.setVisible(bool(visible) and self.panorama_dock.current_panorama() is not None)

    def open_panorama(self, pano, yaw=None) -> bool:
        """Show a panorama (row or id) in the dock, opening the dock if needed."""
        dock = self.ensure_panorama_dock()
        dock.show()
        dock.raise_()
        return dock.open_panorama(pano, yaw=yaw)

    def _close_active_store(self) -> None:
        if self.active_store is not None:
            self.active_store.close()
            self.active_store = None

    def _run_algorithm(self, algorithm_id: str) -> None:
        from qgis import processing  # imported late: the processing plugin loads after us

        processing.execAlgorithmDialog(algorithm_id, {})

    def show_settings(self) -> None:
        from .gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.iface.mainWindow())
        dialog.exec()

    def unload(self) -> None:
        if self._registry is not None:
            self._registry.remove_all()
            self._registry = None
        self.actions.clear()
        self.menu = None
        self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self._translator)
        self._translator = None
