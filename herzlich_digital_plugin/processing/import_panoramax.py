"""herzlich_digital:importpanoramax: the pictures of a Panoramax (GeoVisio) server in an area, one campaign per
collection; the images stay on the server and are read through the download cache."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import finish, open_store_parameter, progress_callbacks

QUALITIES = ("sd", "hd")


class ImportPanoramaxAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "importpanoramax"

    def displayName(self) -> str:
        return tr("Import panoramas from Panoramax")

    def shortHelpString(self) -> str:
        return tr(
            "Imports the pictures of a Panoramax server (its GeoVisio API, e.g. https://panoramax.example/api) "
            "within the extent. Each Panoramax collection (sequence) becomes a campaign named after it, with the "
            "prefix given. The images stay on the server: QUALITY sd takes the 2048-pixel-wide copy, hd the full "
            "resolution; the viewer downloads them into its cache. The image centre's bearing is pers:yaw (the "
            "GPano pose) where the server has one, else view:azimuth. Pictures without position, heading or image "
            "size are rejected; REPORT lists them with the reasons.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString("URL", tr("Panoramax API address")))
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Area")))
        self.addParameter(QgsProcessingParameterEnum("QUALITY", tr("Image quality"), options=list(QUALITIES),
                                                     defaultValue="sd", usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString(
            "CAMPAIGN", tr("Campaign name prefix"), defaultValue="Panoramax", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "CAMERA_HEIGHT", tr("Camera height above the road (m)"), type=QgsProcessingParameterNumber.Type.Double,
            defaultValue=2.5, minValue=0.0, maxValue=20.0))
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "PANORAMAX_AUTHCFG", tr("Authentication for the Panoramax server"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", tr("Rejected rows report"), fileFilter=tr("CSV files (*.csv)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("IMPORTED", tr("Imported panoramas")))
        self.addOutput(QgsProcessingOutputNumber("REJECTED", tr("Rejected rows")))
        self.addOutput(QgsProcessingOutputNumber("CAMPAIGN_ID", tr("Campaign id")))
        self.addOutput(QgsProcessingOutputString("CAMPAIGNS", tr("Campaigns written")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..panorama.panoramax import PanoramaxClient, PanoramaxError, import_area
        from ..store import StoreError
        from ..toolbelt.network import NetworkError, QgisHttpClient
        from ..toolbelt.settings import SettingsManager

        quality = _quality(parameters.get("QUALITY", "sd"))
        extent = self.parameterAsExtent(parameters, "EXTENT", context, QgsCoordinateReferenceSystem("EPSG:4326"))
        if extent.isNull() or extent.isEmpty():
            raise QgsProcessingException(tr("The area is empty: draw or choose an extent."))
        try:
            http = QgisHttpClient(self.parameterAsString(parameters, "PANORAMAX_AUTHCFG", context),
                                  float(SettingsManager().get("network_timeout_s")))
            client = PanoramaxClient(self.parameterAsString(parameters, "URL", context), http)
        except PanoramaxError as error:
            raise QgsProcessingException(str(error))
        progress, cancelled = progress_callbacks(feedback)
        store = open_store_parameter(self, parameters, context)
        try:
            report, names = import_area(
                store, client, (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()),
                quality, self.parameterAsString(parameters, "CAMPAIGN", context) or "Panoramax",
                self.parameterAsDouble(parameters, "CAMERA_HEIGHT", context), progress, cancelled)
        except (PanoramaxError, NetworkError, StoreError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        outputs = finish(self, report, parameters, context, feedback)
        outputs["CAMPAIGNS"] = ", ".join(names)
        return outputs


def _quality(value):
    """The contract name (sd, hd) or, for old scripts, its index."""
    text = str(value).strip().lower() if value is not None else "sd"
    if text.isdigit() and int(text) < len(QUALITIES):
        return QUALITIES[int(text)]
    if text not in QUALITIES:
        raise QgsProcessingException(tr("Unknown image quality '{quality}'. Accepted: {accepted}").format(
            quality=value, accepted=", ".join(QUALITIES)))
    return text
