"""herzlich_digital:addstorelayers: the store's layers into the current project, styled, grouped, in German.

Runs on the main thread (it changes the project); opening layers is quick, rows are not read.
"""
from qgis.core import (
    Qgis,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterString,
    QgsProject,
)

from ..store import StoreError, open_store
from ..styles.store_layers import add_to_project, store_group_name, styled_store_layers
from ..toolbelt.db_connection import ConnectionError_, resolve_store
from ..toolbelt.i18n import tr
from .base import HdAlgorithm

try:  # QGIS >= 3.36 (and Qt6 builds, where the old name is gone)
    NO_THREADING = Qgis.ProcessingAlgorithmFlag.NoThreading
except AttributeError:
    NO_THREADING = QgsProcessingAlgorithm.Flag.FlagNoThreading


class AddStoreLayersAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "addstorelayers"

    def displayName(self) -> str:
        return tr("Add store layers")

    def shortHelpString(self) -> str:
        return tr(
            "Adds the layers of a store (GeoPackage or shared PostGIS database) to the current project: roads, "
            "panoramas by campaign, detections and assets with traffic-sign symbols, sensors, roadworks and "
            "detours, styled and in one group. Running it again replaces that group.")

    def flags(self):
        return super().flags() | NO_THREADING

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addOutput(QgsProcessingOutputNumber("LAYERS", tr("Layers added")))

    def processAlgorithm(self, parameters, context, feedback):
        text = self.parameterAsString(parameters, "STORE", context)
        authcfg = self.parameterAsString(parameters, "AUTHCFG", context)
        try:
            store = open_store(resolve_store(text, authcfg), create=False)
        except ConnectionError_ as error:
            raise QgsProcessingException(str(error))
        except StoreError as error:
            raise QgsProcessingException(tr("The store could not be opened: {error}").format(error=error))
        try:
            layers = styled_store_layers(store, authcfg)
            group = store_group_name(store)
        except (ValueError, StoreError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        project = context.project() or QgsProject.instance()
        add_to_project(project, layers, group)
        feedback.pushInfo(tr("{count} layers added to the group '{group}'.").format(
            count=len(layers.layers), group=group))
        return {"LAYERS": len(layers.layers)}
