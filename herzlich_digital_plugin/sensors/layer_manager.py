"""Every live sensor layer of the project, kept live: a ``LiveSensorLayer`` for each layer that carries a
connection, attached when the layer enters the project (added by the user, or read with a project) and
stopped when it leaves. ``shutdown()`` (plugin unload) stops every refresh, timer and MQTT subscription.
"""
from typing import Callable, Dict, List, Optional

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QObject, pyqtSignal

from .alarm_book import AlarmBook
from .connections import SensorConnection, connection_of
from .layer_fields import skip_exit_prompt
from .live_layer import LiveSensorLayer, create_layer


class SensorLayerManager(QObject):
    layerAttached = pyqtSignal(object)  # LiveSensorLayer
    layerDetached = pyqtSignal(str)  # layer id

    def __init__(self, project: QgsProject = None, notify: Optional[Callable[[str, object], None]] = None,
                 timeout_s: float = 20.0, sticky_outages: bool = False, parent=None):
        super().__init__(parent)
        self.sticky_outages = sticky_outages  # True: outages are shown from outageChanged, not as a notify
        self.project = project or QgsProject.instance()
        self._notify = notify or (lambda text, level: None)
        self.timeout_s = timeout_s
        self._controllers: Dict[str, LiveSensorLayer] = {}
        self.book = AlarmBook(self)  # one alarm list for every layer: no duplicates for the same server
        self.project.layersAdded.connect(self._on_layers_added)
        self.project.layersWillBeRemoved.connect(self._on_layers_removed)
        self._connected = True
        self._on_layers_added(list(self.project.mapLayers().values()))

    def controllers(self) -> List[LiveSensorLayer]:
        return list(self._controllers.values())

    def controller_for(self, layer) -> Optional[LiveSensorLayer]:
        layer_id = layer if isinstance(layer, str) else (layer.id() if layer is not None else "")
        return self._controllers.get(layer_id)

    def add_layer(self, connection: SensorConnection, name: str = "") -> QgsVectorLayer:
        """A new live layer in the project; it fills itself in the background."""
        layer = create_layer(connection, name)
        self.project.addMapLayer(layer)  # layersAdded attaches and starts it
        return layer

    def reconnect(self, layer, connection: SensorConnection) -> Optional[LiveSensorLayer]:
        controller = self.controller_for(layer)
        if controller is None:
            return None
        controller.set_connection(connection)
        controller.start()
        return controller

    def _on_layers_added(self, layers) -> None:
        for layer in layers:
            if not isinstance(layer, QgsVectorLayer) or layer.id() in self._controllers:
                continue
            connection = connection_of(layer)
            if connection is None:
                continue
            controller = LiveSensorLayer(layer, connection, notify=self._notify, timeout_s=self.timeout_s,
                                         alarm_book=self.book, notify_outage=not self.sticky_outages, parent=self)
            self._controllers[layer.id()] = controller
            layer.setReadOnly(True)
            skip_exit_prompt(layer)  # projects saved before the flag existed, too
            controller.start()
            self.layerAttached.emit(controller)

    def _on_layers_removed(self, layer_ids) -> None:
        for layer_id in layer_ids:
            controller = self._controllers.pop(layer_id, None)
            if controller is not None:
                controller.stop()
                controller.deleteLater()
                self.book.forget_source(layer_id)
                self.layerDetached.emit(layer_id)

    def set_thresholds(self, thresholds) -> None:
        for controller in self._controllers.values():
            controller.set_thresholds(thresholds)

    def shutdown(self) -> None:
        if self._connected:
            self._connected = False
            for signal, slot in ((self.project.layersAdded, self._on_layers_added),
                                 (self.project.layersWillBeRemoved, self._on_layers_removed)):
                try:
                    signal.disconnect(slot)
                except (TypeError, RuntimeError):
                    pass
        for layer_id in list(self._controllers):
            controller = self._controllers.pop(layer_id)
            controller.stop()
            controller.deleteLater()


def message_bar_notify(iface, title: str) -> Callable[[str, object], None]:  # noqa: QGS105 - the plugin's iface
    """Messages for the user in QGIS's message bar (errors stay until closed, the rest for a while)."""
    def notify(text: str, level) -> None:
        duration = 0 if level == Qgis.MessageLevel.Critical else 8
        iface.messageBar().pushMessage(title, text, level, duration)
    return notify
