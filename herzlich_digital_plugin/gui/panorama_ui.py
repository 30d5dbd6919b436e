"""The panorama part of the plugin: "Panorama viewer" and "Open panorama" actions, the dock, its view cone on
the map and the map tool, all through the plugin's UiRegistry so unload() removes every piece."""
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt

from ..toolbelt.i18n import tr
from .panorama_dock import PanoramaDock
from .panorama_map_tool import PanoramaMapTool
from .view_cone import ViewCone


class PanoramaUi:
    """Created by the plugin's initGui; the dock and the cone are made on first use."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.panorama_dock = None
        self.view_cone = None
        self.panorama_tool = None

    def init_gui(self) -> None:
        self.plugin._add_action("panorama_viewer", "panorama.svg", tr("Panorama viewer"),
                                self.toggle_panorama_viewer, toolbar=True, checkable=True)
        self._add_panorama_tool()

    def _add_panorama_tool(self) -> None:
        canvas = self.iface.mapCanvas()
        self.panorama_tool = PanoramaMapTool(canvas, self.plugin.active_store, self.plugin.log)
        action = self.plugin._add_action("open_panorama", "panorama_map_tool.svg", tr("Open panorama"),
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
        self.plugin._registry.on_unload(remove_tool)

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
        main_window = self.iface.mainWindow()
        dock = PanoramaDock(self.iface, self.plugin.active_store, parent=main_window)
        self.plugin._registry.add_dock(self.iface, Qt.DockWidgetArea.RightDockWidgetArea, dock)
        # A street view needs room: about two fifths of the window, the map keeps the rest.
        main_window.resizeDocks([dock], [max(480, int(main_window.width() * 0.4))], Qt.Orientation.Horizontal)
        canvas = self.iface.mapCanvas()
        cone = ViewCone(canvas)

        def remove_cone():
            canvas.scene().removeItem(cone)
            self.view_cone = None
        self.plugin._registry.on_unload(remove_cone)
        self.plugin._registry.connect(dock.panoramaChanged, cone.set_panorama)
        self.plugin._registry.connect(dock.view.viewChanged, cone.set_view)
        self.plugin._registry.connect(dock.visibilityChanged, self._on_dock_visibility)
        self.plugin._registry.connect(QgsProject.instance().cleared, dock.clear)  # another project, maybe another store

        def shutdown_dock():
            dock.shutdown()
            self.panorama_dock = None
        self.plugin._registry.on_unload(shutdown_dock)
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
        action = self.plugin.actions.get("panorama_viewer")
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
