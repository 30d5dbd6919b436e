"""herzlich_digital:triangulateassets: every asset's position from the bearings of its accepted detections."""
from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterBoolean, QgsProcessingParameterString)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import open_store_parameter, progress_callbacks
from ..review.triangulate_assets import triangulate_assets
from ..store import StoreError
from ..review.merge import merge_assets, merge_candidates


class TriangulateAssetsAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "triangulateassets"

    def displayName(self) -> str:
        return tr("Triangulate assets")

    def shortHelpString(self) -> str:
        return tr(
            "Recomputes the position of every asset from its accepted detections. Signs and lights: least squares "
            "intersection of the rays through the box centres (from the panorama positions and headings); the position "
            "accuracy comes from the geometry of the rays and a bearing error calibrated by the residuals. Markings: "
            "where the rays meet the road, combined by the median (accuracy: their spread and the marking's length). With a single detection the one-panorama estimate is kept (position source ground_plane). "
            "Manually placed and surveyed assets are left alone; an asset changed by someone else meanwhile is "
            "skipped. Afterwards live assets of the same class closer than 2 m are listed as duplicates "
            "(WOULD_MERGE); with MERGE they are merged (the one with more views is kept, the other withdrawn, "
            "every move in the history).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean("MERGE", tr("Merge duplicate assets"), defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber("UPDATED", tr("Updated assets")))
        self.addOutput(QgsProcessingOutputNumber("MERGED", tr("Merged assets")))
        self.addOutput(QgsProcessingOutputNumber("WOULD_MERGE", tr("Duplicate assets left to merge")))

    def processAlgorithm(self, parameters, context, feedback):
        progress, cancelled = progress_callbacks(feedback)
        merge = self.parameterAsBoolean(parameters, "MERGE", context)
        store = open_store_parameter(self, parameters, context)
        merged = 0
        try:
            result = triangulate_assets(store, progress=progress, cancelled=cancelled)
            pairs = merge_candidates(store)
            for keep, other, distance in pairs:
                if merge and not feedback.isCanceled():
                    merge_assets(store, keep, other, "triangulateassets", "system")
                    merged += 1
                    feedback.pushInfo(tr("Asset {other} merged into asset {keep} ({distance} m apart).").format(
                        other=other, keep=keep, distance=distance))
                else:
                    feedback.pushInfo(tr("Assets {keep} and {other} are {distance} m apart: probably one object "
                                         "(run with MERGE to merge them).").format(keep=keep, other=other,
                                                                                  distance=distance))
            if merge:
                pairs = merge_candidates(store)
        except (StoreError, ValueError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        feedback.pushInfo(tr("{updated} assets updated, {unchanged} unchanged, {manual} placed by hand, "
                             "{conflicts} changed by someone else meanwhile, {without} without usable detections.")
                          .format(updated=result.updated, unchanged=result.unchanged, manual=result.manual,
                                  conflicts=result.conflicts, without=result.without_pose))
        feedback.pushInfo(tr("{merged} assets merged, {left} duplicates left to merge.").format(
            merged=merged, left=len(pairs)))
        feedback.setProgress(100)
        return {"UPDATED": result.updated, "MERGED": merged, "WOULD_MERGE": len(pairs)}
