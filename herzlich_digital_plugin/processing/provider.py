"""The Processing provider. Its id and the algorithm ids are a public contract (see docs/PROCESSING.md)."""
from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..toolbelt.i18n import tr
from ..toolbelt.paths import icon_path
from ..toolbelt.version import plugin_version
from .algorithms import all_algorithms

PROVIDER_ID = "herzlich_digital"


class HerzlichDigitalProvider(QgsProcessingProvider):

    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return tr("Herzlich Digital")

    def longName(self) -> str:
        return tr("Herzlich Digital {version}").format(version=self.versionInfo())

    def icon(self) -> QIcon:
        return QIcon(icon_path("herzlich_digital.svg"))

    def svgIconPath(self) -> str:
        return icon_path("herzlich_digital.svg")

    def versionInfo(self) -> str:
        return plugin_version()

    def loadAlgorithms(self) -> None:
        for algorithm in all_algorithms():
            self.addAlgorithm(algorithm)
