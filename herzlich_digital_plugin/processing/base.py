"""Shared base of every Herzlich Digital algorithm: ids, groups, translated help."""
from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtGui import QIcon

from ..toolbelt.paths import icon_path
from .store_layer_results import show_store_layers


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

    def name(self) -> str:
        return self.ALGORITHM_ID

    def createInstance(self):
        return type(self)()

    def icon(self) -> QIcon:
        return QIcon(icon_path("herzlich_digital.svg"))
