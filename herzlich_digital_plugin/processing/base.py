"""Shared base of every Herzlich Digital algorithm: ids, groups, translated help."""
from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtGui import QIcon

from ..toolbelt.paths import icon_path


class HdAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ALGORITHM_ID (lower-case, stable) and implement the QGIS hooks."""

    ALGORITHM_ID = ""

    def name(self) -> str:
        return self.ALGORITHM_ID

    def createInstance(self):
        return type(self)()

    def icon(self) -> QIcon:
        return QIcon(icon_path("herzlich_digital.svg"))
