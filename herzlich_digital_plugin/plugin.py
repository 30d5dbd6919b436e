"""The plugin object QGIS loads: menu, toolbar, Processing provider, settings, log handler.

``unload()`` undoes ``initGui()`` symmetrically through a UiRegistry.
"""
from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .gui.active_store import ActiveStore
from .gui.ui_registry import UiRegistry
from .processing.provider import HerzlichDigitalProvider
from .toolbelt.i18n import install_translator, remove_translator, tr
from .toolbelt.log import PlgLogger, install_log_handler, remove_log_handler
from .toolbelt.paths import icon_path
from .toolbelt.settings import SettingsManager
from .gui.active_store import active_store_target
from .gui.panorama_ui import PanoramaUi
from .gui.review_plugin import ReviewUi
from .gui.roadworks_plugin import RoadworksUi
from .gui.sensor_plugin import SensorUi
from .gui.settings_dialog import SettingsDialog

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
        self.panorama = None  # gui.panorama_ui.PanoramaUi: viewer dock, view cone, map tool
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
        self._add_action("add_store_layers", "database.svg", tr("Add store layers…"), self.add_store_layers)
        self.menu.addSeparator()
        self.active_store = ActiveStore()
        self._registry.on_unload(self._close_active_store)
        self._init_panorama()
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
        self.review = ReviewUi(self)
        self.review.init_gui()
        self._registry.on_unload(lambda: setattr(self, "review", None))

    # ------------------------------------------------------------------ roadworks
    def _init_roadworks(self) -> None:
        self.menu.addSeparator()
        self.roadworks = RoadworksUi(self)
        self.roadworks.init_gui()
        self._registry.on_unload(lambda: setattr(self, "roadworks", None))

    # ------------------------------------------------------------------ sensors
    def _init_sensors(self) -> None:
        self.menu.addSeparator()
        self.sensors = SensorUi(self)
        self.sensors.init_gui()
        self._registry.on_unload(lambda: setattr(self, "sensors", None))

    # ------------------------------------------------------------------ panoramas (gui/panorama_ui.py)
    def _init_panorama(self) -> None:
        self.panorama = PanoramaUi(self)
        self.panorama.init_gui()
        self._registry.on_unload(lambda: setattr(self, "panorama", None))

    @property
    def panorama_dock(self):
        return self.panorama.panorama_dock if self.panorama is not None else None

    @property
    def view_cone(self):
        return self.panorama.view_cone if self.panorama is not None else None

    @property
    def panorama_tool(self):
        return self.panorama.panorama_tool if self.panorama is not None else None

    def ensure_panorama_dock(self):
        return self.panorama.ensure_panorama_dock()

    def open_panorama(self, pano, yaw=None) -> bool:
        """Show a panorama (row or id) in the dock, opening the dock if needed."""
        return self.panorama.open_panorama(pano, yaw=yaw)

    def toggle_panorama_viewer(self, checked=True) -> None:
        self.panorama.toggle_panorama_viewer(checked)

    def activate_panorama_tool(self, checked=True) -> None:
        self.panorama.activate_panorama_tool(checked)

    def _close_active_store(self) -> None:
        if self.active_store is not None:
            self.active_store.close()
            self.active_store = None

    def _run_algorithm(self, algorithm_id: str) -> None:
        from qgis import processing  # imported late: the processing plugin loads after us

        processing.execAlgorithmDialog(algorithm_id, {})

    def add_store_layers(self) -> None:
        """The toolbox dialog of addstorelayers, filled in with the store the plugin works on now."""
        from qgis import processing  # imported late: the processing plugin loads after us


        store, authcfg = active_store_target()
        processing.execAlgorithmDialog("herzlich_digital:addstorelayers", {"STORE": store or "", "AUTHCFG": authcfg or ""})

    def show_settings(self) -> None:
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
