"""The live-sensor part of the plugin: "Add sensor layer", the time-series dock and the alert thresholds, plus
the manager that keeps every live sensor layer of the project refreshing. Everything goes through the plugin's
UiRegistry, so unload() stops every refresh, timer, MQTT subscription and task and removes dialogs and dock."""
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialog

from ..sensors.layer_manager import SensorLayerManager, message_bar_notify
from ..toolbelt.i18n import tr
from ..toolbelt.settings import SettingsManager
from ..sensors.alert_settings import load_thresholds
from .sensor_alerts_dialog import SensorAlertsDialog
from .sensor_chart_dock import SensorChartDock
from .sensor_layer_dialog import SensorLayerDialog


class SensorUi:
    """Created by the plugin's initGui; the dock and the dialog are made on first use."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.iface = plugin.iface
        self.manager = None
        self.chart_dock = None
        self.alarm_dock = None
        self.dialog = None

    def init_gui(self) -> None:
        registry = self.plugin._registry
        timeout_s = float(SettingsManager().get("network_timeout_s"))
        self.manager = SensorLayerManager(QgsProject.instance(), message_bar_notify(self.iface, tr("Sensors")),
                                          timeout_s, sticky_outages=True)
        registry.on_unload(self._shutdown_manager)
        from .sensor_layer_status import SensorLayerStatus
        view = self.iface.layerTreeView() if hasattr(self.iface, "layerTreeView") else None
        self.status = SensorLayerStatus(self.manager, self.iface.messageBar(), view, tr("Sensors"))
        registry.on_unload(self.status.shutdown)
        self.plugin._add_action("add_sensor_layer", "sensor_layer.svg", tr("Add sensor layer…"),
                                lambda: self.add_sensor_layer(), toolbar=True)
        self.plugin._add_action("sensor_chart", "sensor_chart.svg", tr("Sensor time series"),
                                lambda checked=True: self.toggle_chart(checked), toolbar=True, checkable=True)
        self.plugin._add_action("sensor_alarm_list", "sensor_alarm_list.svg", tr("Sensor alarms"),
                                lambda checked=True: self.toggle_alarms(checked), toolbar=True, checkable=True)
        self.plugin._add_action("sensor_alerts", "sensor_alerts.svg", tr("Sensor alert thresholds…"),
                                lambda: self.edit_alerts())
        refresh = self.plugin._add_action("sensor_refresh_now", "sensor_layer.svg", tr("Refresh sensor layer now"),
                                          lambda: self.refresh_now())
        pause = self.plugin._add_action("sensor_pause", "sensor_pause.svg", tr("Pause sensor layer"),
                                        lambda checked=True: self.set_paused(checked), checkable=True)
        self._layer_tree_actions(registry, (refresh, pause))
        registry.connect(self.iface.currentLayerChanged, self._sync_pause_action)
        registry.on_unload(self._close_dialog)

    def _shutdown_manager(self) -> None:
        if self.manager is not None:
            self.manager.shutdown()
            self.manager.deleteLater()
            self.manager = None

    # ------------------------------------------------------------------ add a layer
    def add_sensor_layer(self):
        """Open the dialog (not blocking); an accepted connection becomes a live layer."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        dialog = SensorLayerDialog(self.iface.mainWindow(), timeout_s=self.manager.timeout_s)
        dialog.finished.connect(lambda result: self._dialog_finished(dialog, result))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_finished(self, dialog, result) -> None:
        if result == QDialog.DialogCode.Accepted and self.manager is not None:
            connection = dialog.connection()
            self.manager.add_layer(connection)
            self.plugin.log.info(tr("Live sensor layer {name} added ({url}).").format(name=connection.name,
                                                                                    url=connection.url))
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.done(QDialog.DialogCode.Rejected)

    # ------------------------------------------------------------------ chart dock
    def ensure_chart_dock(self):
        if self.chart_dock is not None:
            return self.chart_dock

        registry = self.plugin._registry
        main_window = self.iface.mainWindow()
        dock = SensorChartDock(self.manager, parent=main_window, timeout_s=self.manager.timeout_s)
        registry.add_dock(self.iface, Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        registry.connect(dock.visibilityChanged, self._on_dock_visibility)

        def shutdown_dock():
            dock.shutdown()
            self.chart_dock = None
        registry.on_unload(shutdown_dock)
        self.chart_dock = dock
        return dock

    def toggle_chart(self, checked: bool = True) -> None:
        if checked:
            dock = self.ensure_chart_dock()
            dock.show()
            dock.raise_()
        elif self.chart_dock is not None:
            self.chart_dock.hide()

    def _on_dock_visibility(self, visible) -> None:
        action = self.plugin.actions.get("sensor_chart")
        if action is not None:
            action.setChecked(bool(visible))

    def open_chart(self, controller=None, key=None):
        """Show the dock, with a datastream of a live layer when given."""
        dock = self.ensure_chart_dock()
        dock.show()
        dock.raise_()
        if controller is not None and key is not None:
            dock.show_datastream(controller, key)
        return dock

    # ------------------------------------------------------------------ refresh now, pause
    def _targets(self):
        """The live layer chosen in the layer tree, else every live layer."""
        if self.manager is None:
            return []
        controller = self.manager.controller_for(self.iface.activeLayer())
        return [controller] if controller is not None else self.manager.controllers()

    def refresh_now(self) -> int:
        return sum(bool(controller.refresh()) for controller in self._targets())

    def set_paused(self, paused: bool) -> None:
        for controller in self._targets():
            if paused:
                controller.pause()
            else:
                controller.resume()

    def _sync_pause_action(self, layer=None) -> None:
        action = self.plugin.actions.get("sensor_pause")
        controller = self.manager.controller_for(layer) if self.manager is not None and layer is not None else None
        if action is not None:
            action.setChecked(bool(controller is not None and controller.paused))

    def _layer_tree_actions(self, registry, actions) -> None:
        """The actions in the context menu of every live layer in the layer tree."""
        iface = self.iface
        if not hasattr(iface, "addCustomActionForLayerType"):
            return
        from qgis.core import QgsMapLayer
        try:
            from qgis.core import Qgis
            vector = Qgis.LayerType.Vector  # QGIS >= 3.30
        except AttributeError:
            from qgis.core import QgsMapLayerType
            vector = QgsMapLayerType.VectorLayer
        for action in actions:
            iface.addCustomActionForLayerType(action, "", vector, False)
            registry.on_unload(lambda action=action: iface.removeCustomActionForLayerType(action))

        def attached(controller):
            if isinstance(controller.layer, QgsMapLayer):
                for action in actions:
                    iface.addCustomActionForLayer(action, controller.layer)
        registry.connect(self.manager.layerAttached, attached)
        for controller in self.manager.controllers():
            attached(controller)

    # ------------------------------------------------------------------ alarm list
    def ensure_alarm_dock(self):
        if self.alarm_dock is not None:
            return self.alarm_dock
        from .sensor_alarm_dock import SensorAlarmDock

        registry = self.plugin._registry
        dock = SensorAlarmDock(self.manager.book, parent=self.iface.mainWindow())
        registry.add_dock(self.iface, Qt.DockWidgetArea.RightDockWidgetArea, dock)
        registry.connect(dock.visibilityChanged, self._on_alarm_dock_visibility)

        def forget_dock():
            self.alarm_dock = None
        registry.on_unload(forget_dock)
        self.alarm_dock = dock
        return dock

    def toggle_alarms(self, checked: bool = True) -> None:
        if checked:
            dock = self.ensure_alarm_dock()
            dock.show()
            dock.raise_()
        elif self.alarm_dock is not None:
            self.alarm_dock.hide()

    def _on_alarm_dock_visibility(self, visible) -> None:
        action = self.plugin.actions.get("sensor_alarm_list")
        if action is not None:
            action.setChecked(bool(visible))

    # ------------------------------------------------------------------ alerts
    def edit_alerts(self) -> None:
        dialog = SensorAlertsDialog(self.iface.mainWindow())
        if dialog.exec() == QDialog.DialogCode.Accepted and self.manager is not None:
            self.manager.set_thresholds(load_thresholds())
            if self.chart_dock is not None:
                self.chart_dock.reload()
        dialog.deleteLater()
