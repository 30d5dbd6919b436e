"""The plugin object QGIS loads: menu, toolbar, Processing provider, settings, log handler.

``unload()`` undoes ``initGui()`` symmetrically through a UiRegistry.
"""
from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

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
        self._add_action("settings", "settings.svg", tr("Settings…"), self.show_settings, toolbar=True)

    def _add_action(self, key, icon, text, slot, toolbar=False) -> QAction:
        action = QAction(QIcon(icon_path(icon)), text, self.iface.mainWindow())
        action.setObjectName(f"mHerzlichDigital_{key}")
        self._registry.connect(action.triggered, slot)
        containers = (self.menu, self.toolbar) if toolbar else (self.menu,)
        self.actions[key] = self._registry.add_action(action, *containers)
        return action

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
