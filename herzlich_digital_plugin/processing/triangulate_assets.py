"""herzlich_digital:triangulateassets: every asset's position from the bearings of its accepted detections."""
from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterString)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import open_store_parameter, progress_callbacks
from ..review.triangulate_assets import triangulate_assets
from ..store import StoreError


class TriangulateAssetsAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "triangulateassets"

    def displayName(self) -> str:
        return tr("Triangulate assets")

    def shortHelpString(self) -> str:
        return tr(
            "Recomputes the position of every asset from its accepted detections. Signs and lights: least squares "
            "intersection of the rays through the box centres (from the panorama positions and headings); the RMS "
            "of the residuals becomes the position accuracy. Markings: where the rays meet the road, combined by "
            "the median. With a single detection the one-panorama estimate is kept (position source ground_plane). "
            "Manually placed assets are left alone; an asset changed by someone else meanwhile is skipped.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addOutput(QgsProcessingOutputNumber("UPDATED", tr("Updated assets")))

    def processAlgorithm(self, parameters, context, feedback):
        progress, cancelled = progress_callbacks(feedback)
        store = open_store_parameter(self, parameters, context)
        try:
            result = triangulate_assets(store, progress=progress, cancelled=cancelled)
        except StoreError as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        feedback.pushInfo(tr("{updated} assets updated, {unchanged} unchanged, {manual} placed by hand, "
                             "{conflicts} changed by someone else meanwhile, {without} without usable detections.")
                          .format(updated=result.updated, unchanged=result.unchanged, manual=result.manual,
                                  conflicts=result.conflicts, without=result.without_pose))
        feedback.setProgress(100)
        return {"UPDATED": result.updated}
