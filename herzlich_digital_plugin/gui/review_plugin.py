"""The review part of the plugin: "Review" and "Review inspector" actions, their docks, all through the
plugin's UiRegistry so unload() removes every piece (docks, map tools, markers, tasks, leases)."""
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt

from ..toolbelt.i18n import tr
from .review_context import ReviewContext
from .review_inspector_dock import ReviewInspectorDock
from .review_queue_dock import ReviewQueueDock


class ReviewUi:
    """Created by the plugin's initGui; the docks are made on first use."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.context = None
        self.inspector = None
        self.queue_dock = None

    def init_gui(self) -> None:
        registry = self.plugin._registry
        self.context = ReviewContext(self.plugin.active_store)
        registry.on_unload(self._close_context)  # registered first: runs after the docks have shut down
        self.plugin._add_action("review", "review.svg", tr("Review"), lambda: self.open_queue(), toolbar=True)
        self.plugin._add_action("review_inspector", "review_inspector.svg", tr("Review inspector"),
                                self.toggle_inspector, toolbar=True, checkable=True)
        self.plugin._add_action("check_store", "review_inspector.svg", tr("Check store…"), self.check_store)
        registry.connect(QgsProject.instance().cleared, self._project_cleared)
        # Quitting QGIS does not always unload plugins first: give the leases back before the connection goes.
        registry.connect(QCoreApplication.instance().aboutToQuit, self._project_cleared)

    def check_store(self) -> None:
        """The checkstore algorithm's dialog, on the store the GUI works on."""
        from qgis import processing  # imported late: the processing plugin loads after us

        from .active_store import active_store_target
        text, authcfg = active_store_target()
        processing.execAlgorithmDialog("herzlich_digital:checkstore", {"STORE": text, "AUTHCFG": authcfg})

    # ------------------------------------------------------------------ docks
    def _panorama_dock(self):
        return self.plugin.ensure_panorama_dock()

    def ensure_inspector(self):
        if self.inspector is not None:
            return self.inspector

        registry = self.plugin._registry
        dock = ReviewInspectorDock(self.iface, self.context, self._panorama_dock, parent=self.iface.mainWindow())
        registry.add_dock(self.iface, Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        registry.connect(dock.reviewRequested, self.open_queue)
        registry.connect(dock.visibilityChanged, self._inspector_visibility)

        def shutdown():
            dock.shutdown()
            self.inspector = None
        registry.on_unload(shutdown)
        self.inspector = dock
        return dock

    def ensure_queue(self):
        if self.queue_dock is not None:
            return self.queue_dock

        registry = self.plugin._registry
        dock = ReviewQueueDock(self.iface, self.context, self._panorama_dock, parent=self.iface.mainWindow())
        registry.add_dock(self.iface, Qt.DockWidgetArea.RightDockWidgetArea, dock)

        def shutdown():
            dock.shutdown()
            self.queue_dock = None
        registry.on_unload(shutdown)
        self.queue_dock = dock
        return dock

    def open_queue(self, flt=None, order=None) -> int:
        """Show the queue and start it (on the inspector's filter when one is given); returns items claimed."""
        dock = self.ensure_queue()
        dock.show()
        dock.raise_()
        if flt is None and self.inspector is not None:
            flt, order = self.inspector.filters.review_filter(), self.inspector.filters.order()
        return dock.start(flt, order)

    def toggle_inspector(self, checked=True) -> None:
        if checked:
            dock = self.ensure_inspector()
            dock.show()
            dock.raise_()
        elif self.inspector is not None:
            self.inspector.hide()

    def _inspector_visibility(self, visible):
        action = self.plugin.actions.get("review_inspector")
        if action is not None:
            action.setChecked(bool(visible))

    # ------------------------------------------------------------------ clean-up
    def _project_cleared(self):
        """Another project may mean another store: give the leases back."""
        if self.queue_dock is not None:
            self.queue_dock.queue.stop()
        if self.context is not None:
            self.context.close()

    def _close_context(self):
        if self.context is not None:
            self.context.close()
            self.context.deleteLater()
            self.context = None
