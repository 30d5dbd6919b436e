"""herzlich_digital:renderpanoramaview: one perspective view of a panorama, with overlays, as a PNG."""
from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from ..panorama.image_errors import ImageError
from ..panorama.view_render import render_view
from ..store import StoreError, open_store
from ..toolbelt.db_connection import ConnectionError_, resolve_store
from ..toolbelt.settings import SettingsManager

_INT = QgsProcessingParameterNumber.Type.Integer
_DOUBLE = QgsProcessingParameterNumber.Type.Double


class RenderPanoramaViewAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "renderpanoramaview"

    def displayName(self) -> str:
        return tr("Render panorama view")

    def shortHelpString(self) -> str:
        return tr(
            "Renders a perspective view of one panorama to a PNG file, as the panorama viewer shows it. YAW is "
            "the compass bearing of the view's centre (empty: the panorama's heading), PITCH is positive "
            "upwards and FOV is the horizontal field of view in degrees. With overlays, detection boxes "
            "(coloured by review status), assets, roadworks and the horizon with compass directions are "
            "drawn. Demo-city images that were not rendered yet are rendered first. Remote images are "
            "downloaded through the QGIS network settings (proxy) with the image server authentication, if given; "
            "the other authentication is for a PostgreSQL store.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path or PostgreSQL connection)")))
        self.addParameter(QgsProcessingParameterNumber("PANORAMA", tr("Panorama id"), type=_INT, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            "YAW", tr("Yaw (bearing of the view centre, degrees; empty: panorama heading)"), type=_DOUBLE,
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "PITCH", tr("Pitch (degrees, positive up)"), type=_DOUBLE, defaultValue=0.0, minValue=-90.0,
            maxValue=90.0))
        self.addParameter(QgsProcessingParameterNumber(
            "FOV", tr("Horizontal field of view (degrees)"), type=_DOUBLE, defaultValue=90.0, minValue=1.0,
            maxValue=170.0))
        self.addParameter(QgsProcessingParameterNumber(
            "WIDTH", tr("Width (pixels)"), type=_INT, defaultValue=1280, minValue=16, maxValue=8192))
        self.addParameter(QgsProcessingParameterNumber(
            "HEIGHT", tr("Height (pixels)"), type=_INT, defaultValue=720, minValue=16, maxValue=8192))
        self.addParameter(QgsProcessingParameterBoolean("OVERLAYS", tr("Draw overlays"), defaultValue=True))
        self.addParameter(QgsProcessingParameterString(
            "IMAGE_ROOT", tr("Image root (folder or http(s) address; nothing outside it is read)"), optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "AUTHCFG", tr("Authentication for the PostgreSQL store"), optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "IMAGE_AUTHCFG", tr("Authentication for the image server"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Output image"), fileFilter=tr("PNG images (*.png)")))

    def processAlgorithm(self, parameters, context, feedback):
        store_text = self.parameterAsString(parameters, "STORE", context)
        panorama_id = self.parameterAsInt(parameters, "PANORAMA", context)
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not output.lower().endswith(".png"):
            output += ".png"
        try:  # before any work: a folder that cannot exist (a file in its path) is said now
            Path(output).parent.mkdir(parents=True, exist_ok=True)
        except (OSError, ValueError) as error:
            raise QgsProcessingException(tr("The image cannot be written to {path}: {error}").format(
                path=output, error=getattr(error, "strerror", None) or error))
        try:
            uri = resolve_store(store_text, self.parameterAsString(parameters, "AUTHCFG", context))
            if uri.lower().endswith(".gpkg") and not Path(uri).is_file():
                raise QgsProcessingException(tr("The GeoPackage {path} does not exist.").format(path=uri))
            store = open_store(uri, create=False)
        except (ConnectionError_, StoreError) as error:
            raise QgsProcessingException(tr("The store could not be opened: {error}").format(error=error))
        try:
            yaw_value = parameters.get("YAW")
            if yaw_value is None or yaw_value == "":
                row = store.get("panorama", panorama_id)
                yaw = float((row or {}).get("heading") or 0.0)
            else:
                yaw = self.parameterAsDouble(parameters, "YAW", context)
            feedback.setProgressText(tr("Rendering panorama {id}").format(id=panorama_id))
            image = render_view(
                store, panorama_id, yaw,
                self.parameterAsDouble(parameters, "PITCH", context),
                self.parameterAsDouble(parameters, "FOV", context),
                self.parameterAsInt(parameters, "WIDTH", context),
                self.parameterAsInt(parameters, "HEIGHT", context),
                overlays=self.parameterAsBoolean(parameters, "OVERLAYS", context),
                image_root=self.parameterAsString(parameters, "IMAGE_ROOT", context) or None,
                authcfg=self.parameterAsString(parameters, "IMAGE_AUTHCFG", context),
                timeout_s=float(SettingsManager().get("network_timeout_s")))
        except ImageError as error:
            raise QgsProcessingException(str(error))
        except StoreError as error:
            raise QgsProcessingException(tr("Reading the store failed: {error}").format(error=error))
        finally:
            store.close()
        if not image.save(output, "PNG"):
            raise QgsProcessingException(tr("The image could not be written to {path}.").format(path=output))
        feedback.setProgress(100)
        return {"OUTPUT": output}
