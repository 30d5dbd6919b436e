"""The roadworks part of the plugin: "Draw roadworks" (line / area, snapped to the road network) opening the
form, and "Check roadworks" with its dock. Everything goes through the plugin's UiRegistry, so unload() removes
the actions, the map tool and its rubber bands, the dock with its detour bands, open forms and running tasks."""
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt

from ..store import StoreError
from ..toolbelt.i18n import tr
from .roadworks_draw_tool import LINE, POLYGON, RoadworksDrawTool
from .roadworks_layers import refresh_roadworks_layers, road_layer_in_project
from .roadworks_check_dock import RoadworksCheckDock
from .roadworks_form import RoadworksForm, new_roadworks

ACTIONS = {LINE: "draw_roadworks_line", POLYGON: "draw_roadworks_area"}


class RoadworksUi:
    """Created by the plugin's initGui; the dock is made on first use."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.tool = None
        self.dock = None
        self.form = None
        self._snap_layer = None  # the road layer the tool snaps to
        self._own_roads = None  # the store's road table, when the project has no layer of it

    def init_gui(self) -> None:
        registry = self.plugin._registry
        canvas = self.iface.mapCanvas()
        self.tool = RoadworksDrawTool(canvas, lambda: self._snap_layer, LINE, logger=self.plugin.log)
        self.plugin._add_action(ACTIONS[LINE], "roadworks_line.svg", tr("Draw roadworks along a road"),
                                lambda checked=True: self.activate_tool(LINE, checked), toolbar=True,
                                checkable=True)
        self.plugin._add_action(ACTIONS[POLYGON], "roadworks_area.svg", tr("Draw roadworks as an area"),
                                lambda checked=True: self.activate_tool(POLYGON, checked), checkable=True)
        self.plugin._add_action("check_roadworks", "roadworks_check.svg", tr("Check roadworks"),
                                lambda: self.check_roadworks(), toolbar=True)
        self.tool.drawn.connect(self.open_form)  # disconnected in remove_tool, before the tool goes
        registry.connect(QgsProject.instance().cleared, self._project_cleared)
        tool = self.tool

        def remove_tool():
            tool.drawn.disconnect(self.open_form)
            if canvas.mapTool() is tool:
                canvas.unsetMapTool(tool)
            tool.clean_up()
            tool.deleteLater()
            self.tool = None
            self._snap_layer = self._own_roads = None
        registry.on_unload(remove_tool)
        registry.on_unload(self._close_form)

    # ------------------------------------------------------------------ drawing
    def activate_tool(self, mode: str, checked: bool = True) -> None:
        canvas = self.iface.mapCanvas()
        action = self.plugin.actions[ACTIONS[mode]]
        if not checked:
            if canvas.mapTool() is self.tool and self.tool.mode == mode:
                canvas.unsetMapTool(self.tool)
            return
        for other, key in ACTIONS.items():
            if other != mode:
                self.plugin.actions[key].setChecked(False)
        self._snap_layer = self.road_layer()
        if self._snap_layer is None:
            self.plugin.log.warning(tr("No road network to snap to: the roadworks is drawn as clicked."))
        self.tool.set_mode(mode)
        self.tool.setAction(action)  # the canvas unchecks it when another tool takes over
        if canvas.mapTool() is not self.tool:
            canvas.setMapTool(self.tool)
        action.setChecked(True)

    def road_layer(self):
        """The road layer to snap to: the check dock's choice, else the project's store road layer, else the
        store's road table itself."""
        if self.dock is not None and self.dock.roads_combo.currentLayer() is not None:
            return self.dock.roads_combo.currentLayer()
        try:
            store = self.plugin.active_store.get()
            layer = road_layer_in_project(store)
            if layer is not None or store.count("road") == 0:
                return layer
            if self._own_roads is None:
                from ..roadworks.detour_graph import layer_from_store
                self._own_roads = layer_from_store(store)
            return self._own_roads
        except Exception as error:  # no store yet, or it cannot be opened: draw without snapping
            self.plugin.log.warning(tr("The road network could not be read: {error}").format(error=error))
            return None

    # ------------------------------------------------------------------ form
    def open_form(self, geometry, works=None):
        """The form for a drawn geometry (a new roadworks) or for a stored one (``works``)."""
        try:
            store = self.plugin.active_store.get()
            works = works or new_roadworks(store, geometry)
        except StoreError as error:
            self.plugin.log.error(tr("Cannot read the store: {error}").format(error=error))
            return None
        self._close_form()
        form = RoadworksForm(store, works, parent=self.iface.mainWindow())
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._saved)
        form.finished.connect(lambda _: setattr(self, "form", None) if self.form is form else None)
        self.form = form
        form.open()
        return form

    def _saved(self, works) -> None:
        refresh_roadworks_layers(self.plugin.active_store.get(), self.iface.mapCanvas())
        if self.dock is not None:
            self.dock.refresh_works(works.id)
        self.plugin.log.success(tr("Roadworks saved: {title} (version {version}).").format(
            title=works.title, version=works.version))

    def _close_form(self) -> None:
        form, self.form = self.form, None
        if form is not None:
            try:
                form.reject()
            except RuntimeError:  # already deleted on close
                pass

    # ------------------------------------------------------------------ check dock
    def ensure_dock(self):
        if self.dock is not None:
            return self.dock

        registry = self.plugin._registry
        dock = RoadworksCheckDock(self.iface, self.plugin.active_store, self.plugin.log,
                                  snapshot_provider=self.live_snapshot, parent=self.iface.mainWindow())
        registry.add_dock(self.iface, Qt.DockWidgetArea.RightDockWidgetArea, dock)

        def shutdown():
            dock.shutdown()
            self.dock = None
        registry.on_unload(shutdown)
        self.dock = dock
        return dock

    def check_roadworks(self):
        """Show the dock and check the roadworks selected on the map (if one is)."""
        dock = self.ensure_dock()
        dock.show()
        dock.raise_()
        try:
            return dock.check_selected()
        except StoreError as error:
            self.plugin.log.error(tr("Cannot read the store: {error}").format(error=error))
            return None

    def live_snapshot(self):
        """The newest snapshot of the project's live sensor layers, or None (the store's values are used)."""
        newest = None
        for owner in vars(self.plugin).values():
            controllers = getattr(owner, "controllers", None)
            if not callable(controllers):
                continue
            for controller in controllers():
                snapshot = getattr(controller, "last_snapshot", None)
                if snapshot is not None and (newest is None or snapshot.fetched_at > newest.fetched_at):
                    newest = snapshot
        return newest

    def _project_cleared(self) -> None:
        """Another project, maybe another store: nothing of the old one stays on the map."""
        self._snap_layer = self._own_roads = None
        if self.tool is not None:
            self.tool.reset()
        if self.dock is not None:
            self.dock.reset()

