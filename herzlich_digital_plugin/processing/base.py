"""Shared base of every Herzlich Digital algorithm: ids, groups, translated help, sinks that always commit."""
import functools

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt import sip
from qgis.PyQt.QtGui import QIcon

from ..toolbelt.paths import icon_path
from .store_layer_results import show_store_layers


def _closing_sinks(process):
    """Wrap a processAlgorithm so that every sink it opened is closed (written, committed) when it returns.

    A file sink (GeoPackage, SpatiaLite, ...) commits only when its C++ object is destroyed. A caught exception
    whose traceback reaches processAlgorithm's frame keeps that frame, and the local ``sink`` in it, alive after
    the algorithm returned, so qgis_process reported the features but left an empty file. Deleting the sinks here
    does not depend on who else still holds a reference."""
    @functools.wraps(process)
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 - the QGIS hook's name
        self._open_sinks = []
        try:
            return process(self, parameters, context, feedback)
        finally:
            sinks, self._open_sinks = self._open_sinks, []
            for sink in reversed(sinks):
                if not sip.isdeleted(sink):
                    sip.delete(sink)
    return processAlgorithm


class HdAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ALGORITHM_ID (lower-case, stable) and implement the QGIS hooks.

    Imports set SHOWS_STORE_LAYERS (keys of styles.store_layers.LAYER_KEYS): once they ran, those layers of the
    store they wrote to (remembered by import_panorama_common.open_store_parameter) are refreshed in the
    project, or added to it when the algorithm ran from the toolbox dialog.
    """

    ALGORITHM_ID = ""
    SHOWS_STORE_LAYERS = ()
    store_target = None  # (store uri, authcfg) of the store processAlgorithm opened

    def postProcessAlgorithm(self, context, feedback):
        if self.SHOWS_STORE_LAYERS and self.store_target:
            show_store_layers(context, feedback, *self.store_target, self.SHOWS_STORE_LAYERS)
        return {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "processAlgorithm" in cls.__dict__:
            cls.processAlgorithm = _closing_sinks(cls.__dict__["processAlgorithm"])

    def parameterAsSink(self, *args, **kwargs):  # noqa: N802 - the QGIS method's name
        sink, dest_id = super().parameterAsSink(*args, **kwargs)
        if sink is not None and hasattr(self, "_open_sinks"):
            self._open_sinks.append(sink)
        return sink, dest_id

    def name(self) -> str:
        return self.ALGORITHM_ID

    def createInstance(self):
        return type(self)()

    def icon(self) -> QIcon:
        return QIcon(icon_path("herzlich_digital.svg"))
