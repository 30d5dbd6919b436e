"""herzlich_digital:prefetchpanoramas and herzlich_digital:clearpanoramacache: the image download cache for
offline use (a site visit without network) and for freeing its disk space."""
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterExtent,
    QgsProcessingParameterString,
)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm

STORE_CRS = "EPSG:25832"


class PrefetchPanoramasAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "prefetchpanoramas"

    def displayName(self) -> str:
        return tr("Prefetch panoramas for offline use")

    def shortHelpString(self) -> str:
        return tr(
            "Downloads the images of every panorama within the extent (optionally of one campaign, by name or "
            "id) from the image server into the plugin's download cache, so the viewer opens them without a "
            "network. Images already cached and local image files are counted as available. Failed downloads "
            "are listed in the log; the rest is fetched anyway. The cache size is set in the plugin settings.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path or PostgreSQL connection)")))
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Area")))
        self.addParameter(QgsProcessingParameterString(
            "CAMPAIGN", tr("Campaign (name or id; empty: all)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "IMAGE_ROOT", tr("Image root (folder or http(s) address; nothing outside it is read)"), optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "AUTHCFG", tr("Authentication for the PostgreSQL store"), optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "IMAGE_AUTHCFG", tr("Authentication for the image server"), optional=True))
        for name, label in (("DOWNLOADED", tr("Images downloaded")), ("CACHED", tr("Images already available")),
                            ("FAILED", tr("Images that failed"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def processAlgorithm(self, parameters, context, feedback):
        from ..panorama.image_cache import default_disk_cache
        from ..panorama.prefetch import panoramas_in_area, prefetch
        from ..panorama.view_render import store_folder
        from ..store import StoreError, open_store
        from ..toolbelt.db_connection import ConnectionError_, resolve_store
        from ..toolbelt.settings import SettingsManager

        extent = self.parameterAsExtent(parameters, "EXTENT", context, QgsCoordinateReferenceSystem(STORE_CRS))
        if extent.isNull() or extent.isEmpty():
            raise QgsProcessingException(tr("The area is empty: draw or choose an extent."))
        try:
            uri = resolve_store(self.parameterAsString(parameters, "STORE", context),
                                self.parameterAsString(parameters, "AUTHCFG", context))
            if uri.lower().endswith(".gpkg") and not Path(uri).is_file():
                raise QgsProcessingException(tr("The GeoPackage {path} does not exist.").format(path=uri))
            store = open_store(uri, create=False)
        except (ConnectionError_, StoreError) as error:
            raise QgsProcessingException(tr("The store could not be opened: {error}").format(error=error))
        try:
            campaign_id = _campaign_id(store, self.parameterAsString(parameters, "CAMPAIGN", context))
            rows = panoramas_in_area(store, (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(),
                                             extent.yMaximum()), campaign_id)
            folder = store_folder(store)
        except StoreError as error:
            raise QgsProcessingException(tr("Reading the store failed: {error}").format(error=error))
        finally:
            store.close()
        feedback.pushInfo(tr("{count} panoramas in the area.").format(count=len(rows)))
        report = prefetch(rows, default_disk_cache(), folder,
                          self.parameterAsString(parameters, "IMAGE_ROOT", context) or None,
                          self.parameterAsString(parameters, "IMAGE_AUTHCFG", context),
                          float(SettingsManager().get("network_timeout_s")),
                          progress=lambda percent, text: (feedback.setProgress(percent), feedback.setProgressText(text)),
                          cancelled=feedback.isCanceled)
        for panorama_id, message in report.failed[:50]:
            feedback.reportError(tr("Panorama {id}: {message}").format(id=panorama_id, message=message))
        if report.cancelled:
            feedback.pushWarning(tr("Cancelled: {count} images were downloaded before; they stay in the cache.")
                                 .format(count=report.downloaded))
        return {"DOWNLOADED": report.downloaded, "CACHED": report.cached, "FAILED": len(report.failed)}


def _campaign_id(store, text):
    text = (text or "").strip()
    if not text:
        return None
    rows = store.select("campaign", {"id": int(text)} if text.isdigit() else {"name": text})
    if not rows:
        names = sorted(r["name"] for r in store.select("campaign"))
        raise QgsProcessingException(tr("There is no campaign '{campaign}'. Campaigns in the store: {names}")
                                     .format(campaign=text, names=", ".join(names) or "–"))
    return int(rows[0]["id"])


class ClearPanoramaCacheAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "clearpanoramacache"

    def displayName(self) -> str:
        return tr("Clear the panorama download cache")

    def shortHelpString(self) -> str:
        return tr("Deletes every downloaded panorama image from the plugin's download cache (they are downloaded "
                  "again when opened). Local image files and the store are not touched.")

    def initAlgorithm(self, config=None):
        self.addOutput(QgsProcessingOutputNumber("FILES", tr("Files deleted")))
        self.addOutput(QgsProcessingOutputNumber("MEGABYTES", tr("Megabytes freed")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..panorama.image_cache import default_disk_cache

        files, size = default_disk_cache().clear()
        feedback.pushInfo(tr("{files} files deleted, {mb} MB freed.").format(files=files,
                                                                          mb=round(size / 1048576, 1)))
        return {"FILES": files, "MEGABYTES": round(size / 1048576, 1)}
