"""herzlich_digital:importpanoramafolder: import a folder of 360° JPEGs (EXIF GPS + GPano XMP) into a store."""
from qgis.core import QgsProcessingException, QgsProcessingParameterFile

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import (add_report_parameters, add_store_parameters, finish, open_store_parameter,
                                     permission_denied, require_input,
                                     progress_callbacks)
from ..panorama.import_folder import import_folder
from ..store import PermissionDeniedError, StoreError


class ImportPanoramaFolderAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "importpanoramafolder"
    SHOWS_STORE_LAYERS = ("panoramas",)

    def displayName(self) -> str:
        return tr("Import panorama folder")

    def shortHelpString(self) -> str:
        return tr(
            "Imports every 360° JPEG below a folder (subfolders included) into a campaign of the store; the "
            "campaign is created if it does not exist. Position, height and time come from the EXIF GPS tags, the "
            "heading from GPano PoseHeadingDegrees (else EXIF GPSImgDirection). The store keeps the ground point: "
            "its height is the GPS altitude minus the camera height. Images below the GeoPackage's folder are "
            "referenced relative to it, all others by absolute path. Images without GPS or heading, not 2:1, "
            "unreadable or already in the campaign are rejected; REPORT lists them with the reasons.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            "FOLDER", tr("Folder with panoramas"), behavior=QgsProcessingParameterFile.Behavior.Folder))
        add_store_parameters(self)
        add_report_parameters(self)

    def processAlgorithm(self, parameters, context, feedback):
        folder = require_input(self.parameterAsFile(parameters, "FOLDER", context), folder=True)
        campaign = self.parameterAsString(parameters, "CAMPAIGN", context)
        camera_height = self.parameterAsDouble(parameters, "CAMERA_HEIGHT", context)
        progress, cancelled = progress_callbacks(feedback)
        store = open_store_parameter(self, parameters, context)
        try:
            report = import_folder(store, folder, campaign, camera_height, progress=progress, cancelled=cancelled)
        except PermissionDeniedError as error:
            raise permission_denied(error, "hd_admin")
        except (ValueError, StoreError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        return finish(self, report, parameters, context, feedback)
