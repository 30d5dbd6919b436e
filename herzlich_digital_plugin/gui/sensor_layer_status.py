"""What a planner sees of each live sensor layer besides the map: a marker on the layer in the layer tree
(offline, paused, or how many values are stale, with the reason as tooltip), ONE message-bar message per
outage that stays, shows when the layer retries, and goes when the service is back, and the actions
"refresh now" and "pause" (plugin menu and the layer's context menu in the layer tree)."""
from typing import Dict, Optional

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.gui import QgsLayerTreeViewIndicator, QgsMessageBarItem
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtGui import QIcon

from ..core.sensorthings.snapshot import STALE
from ..toolbelt.i18n import tr
from ..toolbelt.paths import icon_path

OFFLINE, PAUSED, STALE_VALUES = "offline", "paused", "stale"


def layer_state(controller) -> Optional[str]:
    if controller.outage is not None:
        return OFFLINE
    if controller.paused:
        return PAUSED
    if any(row.status == STALE for row in controller.rows.values()):
        return STALE_VALUES
    return None


def state_tooltip(controller, state: Optional[str]) -> str:
    if state == OFFLINE:
        return controller.outage_text or tr("The SensorThings service cannot be read.")
    if state == PAUSED:
        return tr("Paused: no refresh, no live values until it is resumed.")
    if state == STALE_VALUES:
        stale = sum(row.status == STALE for row in controller.rows.values())
        return tr("{stale} of {count} values are stale (no new observation).").format(
            stale=stale, count=len(controller.rows))
    return ""


class SensorLayerStatus(QObject):
    """Follows every controller of ``manager``; ``view`` is the layer tree view (None: no markers)."""

    def __init__(self, manager, message_bar=None, view=None, title: str = "", parent=None):
        super().__init__(parent)
        self.manager = manager
        self.message_bar = message_bar
        self.view = view
        self.title = title or tr("Sensors")
        self.items: Dict[str, QgsMessageBarItem] = {}
        self.indicators: Dict[str, QgsLayerTreeViewIndicator] = {}
        self.states: Dict[str, Optional[str]] = {}
        self._slots = {}
        manager.layerAttached.connect(self._attach)
        manager.layerDetached.connect(self._detach)
        for controller in manager.controllers():
            self._attach(controller)

    # ------------------------------------------------------------------ following controllers
    def _attach(self, controller) -> None:
        layer_id = controller.layer.id()

        def outage(text, controller=controller):
            self._outage(controller, text)

        def changed(*args, controller=controller):
            self.update(controller)
        for signal, slot in ((controller.outageChanged, outage), (controller.pausedChanged, changed),
                             (controller.rowsChanged, changed)):
            signal.connect(slot)
        self._slots[layer_id] = (controller, outage, changed)
        self.update(controller)

    def _detach(self, layer_id: str) -> None:
        self._slots.pop(layer_id, None)
        self._pop_item(layer_id)
        self._set_indicator(layer_id, None, "")

    def shutdown(self) -> None:
        for signal, slot in ((self.manager.layerAttached, self._attach), (self.manager.layerDetached, self._detach)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
        for layer_id, (controller, outage, changed) in list(self._slots.items()):
            for signal, slot in ((controller.outageChanged, outage), (controller.pausedChanged, changed),
                                 (controller.rowsChanged, changed)):
                try:
                    signal.disconnect(slot)
                except (TypeError, RuntimeError):
                    pass
            self._detach(layer_id)

    # ------------------------------------------------------------------ outage message
    def _outage(self, controller, text: str) -> None:
        layer_id = controller.layer.id()
        if text:
            item = self.items.get(layer_id)
            if item is not None:
                item.setText(text)  # the same message, with the new retry time
            elif self.message_bar is not None:
                item = QgsMessageBarItem(self.title, text, Qgis.MessageLevel.Warning, 0)
                self.items[layer_id] = item
                self.message_bar.pushItem(item)
        else:
            self._pop_item(layer_id)
        self.update(controller)

    def _pop_item(self, layer_id: str) -> None:
        item = self.items.pop(layer_id, None)
        if item is not None and self.message_bar is not None:
            try:
                self.message_bar.popWidget(item)
            except RuntimeError:  # closed by the user already
                pass

    # ------------------------------------------------------------------ layer tree marker
    def update(self, controller) -> None:
        state = layer_state(controller)
        self.states[controller.layer.id()] = state
        self._set_indicator(controller.layer.id(), state, state_tooltip(controller, state))

    def _set_indicator(self, layer_id: str, state: Optional[str], tooltip: str) -> None:
        if self.view is None:
            return
        node = QgsProject.instance().layerTreeRoot().findLayer(layer_id)
        indicator = self.indicators.get(layer_id)
        if state is None or node is None:
            if indicator is not None:
                self.indicators.pop(layer_id)
                if node is not None:
                    self.view.removeIndicator(node, indicator)
            return
        if indicator is None:
            indicator = QgsLayerTreeViewIndicator(self.view)
            self.indicators[layer_id] = indicator
            self.view.addIndicator(node, indicator)
        indicator.setIcon(_icon(state))
        indicator.setToolTip(tooltip)


def _icon(state: str) -> QIcon:
    if state == PAUSED:
        return QIcon(icon_path("sensor_pause.svg"))
    return QgsApplication.getThemeIcon("/mIndicatorBadLayer.svg" if state == OFFLINE else "/mIconWarning.svg")
