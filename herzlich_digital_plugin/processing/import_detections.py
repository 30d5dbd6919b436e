"""herzlich_digital:importdetections: vendor detections (Mapillary-style GeoJSON or CSV) into a store."""
from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterDefinition, QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import (MAX_WARNINGS_SHOWN, open_store_parameter, permission_denied, progress_callbacks,
                                     require_input)
from ..review.import_detections import FieldMapping, import_detections
from ..store import PermissionDeniedError, StoreError

# (parameter, FieldMapping attribute, default: Mapillary property / CSV column)
FIELD_PARAMETERS = (
    ("FIELD_ID", "id", "id"), ("FIELD_LABEL", "label", "value"), ("FIELD_SCORE", "score", "score"),
    ("FIELD_PANORAMA", "panorama", "image_key"), ("FIELD_SHAPE", "shape", "shape"),
    ("FIELD_XMIN", "xmin", "xmin"), ("FIELD_YMIN", "ymin", "ymin"), ("FIELD_XMAX", "xmax", "xmax"),
    ("FIELD_YMAX", "ymax", "ymax"), ("FIELD_X", "x", "x"), ("FIELD_Y", "y", "y"),
)


class ImportDetectionsAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "importdetections"
    SHOWS_STORE_LAYERS = ("detections",)

    def displayName(self) -> str:
        return tr("Import detections")

    def shortHelpString(self) -> str:
        return tr(
            "Imports AI detections of traffic signs, markings and lights for review.<br>"
            "<b>mapillary-geojson</b>: a FeatureCollection with one feature per detection: properties id, value "
            "(e.g. regulatory--maximum-speed-limit-30--g1, mapped to VzKat 274 / 30), score (0 … 1), image_key (the "
            "panorama's id or image file name) and shape (a polygon or [xmin, ymin, xmax, ymax], normalised 0 … 1 "
            "or in pixels); the optional point geometry is the vendor's position (EPSG:4326, or EPSG:25832 with a "
            "crs member). <b>csv</b>: columns id, label, score, panorama_id and the pixel box xmin, ymin, xmax, ymax "
            "(optional x, y in EPSG:25832). The field parameters rename the properties or columns.<br>"
            "Rows with an invalid box, a wrong CRS, a duplicate id, a missing or out-of-range score or an unknown "
            "panorama are rejected with the reason (REPORT); the good rows are imported. Unknown labels are kept "
            "without a VzKat code (listed as warnings in REPORT).<br>"
            "<b>mapillary-v4</b>: a Mapillary API v4 detections response ({\"data\": [...]}): the outline is a "
            "base64 vector tile in normalised image units, value the class, image.id the image (matched by image "
            "name only, never by store id); the score may be missing.<br>"
            "Normalised boxes may run past u = 1 when they cross the 0/360° seam of a full panorama; a box wider "
            "than half the panorama is rejected. CAMPAIGN (name or id) limits the image lookup to one campaign: "
            "without it an image name found in several campaigns is rejected as ambiguous.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", tr("Detections file (GeoJSON or CSV)")))
        self.addParameter(QgsProcessingParameterEnum(
            "FORMAT", tr("Format"), options=["auto", "mapillary-geojson", "csv", "mapillary-v4"], defaultValue="auto",
            usesStaticStrings=True))
        labels = {"FIELD_ID": tr("Id field"), "FIELD_LABEL": tr("Label field"), "FIELD_SCORE": tr("Score field"),
                  "FIELD_PANORAMA": tr("Panorama field (id or image name)"),
                  "FIELD_SHAPE": tr("Box field (GeoJSON: polygon or [xmin, ymin, xmax, ymax])"),
                  "FIELD_XMIN": tr("Box xmin field (CSV)"), "FIELD_YMIN": tr("Box ymin field (CSV)"),
                  "FIELD_XMAX": tr("Box xmax field (CSV)"), "FIELD_YMAX": tr("Box ymax field (CSV)"),
                  "FIELD_X": tr("Position x field (CSV, EPSG:25832)"),
                  "FIELD_Y": tr("Position y field (CSV, EPSG:25832)")}
        for name, _, _ in FIELD_PARAMETERS:
            param = QgsProcessingParameterString(name, labels[name], optional=True)
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)
        units = QgsProcessingParameterEnum("UNITS", tr("Box units"), options=["auto", "normalized", "pixels"],
                                           defaultValue="auto", usesStaticStrings=True)
        units.setFlags(units.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(units)
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterString("MODEL_RUN", tr("Model run (created if it does not exist)"),
                                                       defaultValue="imported"))
        campaign = QgsProcessingParameterString("CAMPAIGN", tr("Campaign of the images (name or id)"), optional=True)
        campaign.setFlags(campaign.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(campaign)
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", tr("Rejected rows report"), fileFilter=tr("CSV files (*.csv)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("IMPORTED", tr("Imported detections")))
        self.addOutput(QgsProcessingOutputNumber("REJECTED", tr("Rejected rows")))

    def processAlgorithm(self, parameters, context, feedback):
        path = require_input(self.parameterAsFile(parameters, "INPUT", context))
        fmt = self.parameterAsEnumString(parameters, "FORMAT", context) or "auto"
        units = self.parameterAsEnumString(parameters, "UNITS", context) or "auto"
        given = {attr: self.parameterAsString(parameters, name, context).strip()
                 for name, attr, _ in FIELD_PARAMETERS}
        mapping = None
        if any(given.values()):
            mapping = FieldMapping(**{attr: given[attr] or default for _, attr, default in FIELD_PARAMETERS})
        model_run = self.parameterAsString(parameters, "MODEL_RUN", context)
        progress, cancelled = progress_callbacks(feedback)
        store = open_store_parameter(self, parameters, context)
        try:
            report = import_detections(store, path, fmt, mapping, model_run, units=units, progress=progress,
                                       cancelled=cancelled,
                                       campaign=self.parameterAsString(parameters, "CAMPAIGN", context) or None)
        except PermissionDeniedError as error:
            raise permission_denied(error, "hd_admin")
        except (ValueError, OSError, StoreError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        for source, message in report.warnings[:MAX_WARNINGS_SHOWN]:
            feedback.pushInfo(tr("Warning: {source}: {message}").format(source=source, message=message))
        for source, reason in report.rejected[:MAX_WARNINGS_SHOWN]:
            feedback.reportError(tr("Rejected: {source}: {reason}").format(source=source, reason=reason), False)
        if len(report.rejected) > MAX_WARNINGS_SHOWN:
            feedback.reportError(tr("… and {count} more rejected rows.").format(
                count=len(report.rejected) - MAX_WARNINGS_SHOWN), False)
        if report.cancelled:
            feedback.pushInfo(tr("Cancelled: nothing was imported."))
        feedback.pushInfo(tr("{imported} detections imported, {rejected} rejected.").format(
            imported=report.imported, rejected=len(report.rejected)))
        outputs = {"IMPORTED": report.imported, "REJECTED": len(report.rejected)}
        out = self.parameterAsFileOutput(parameters, "REPORT", context)
        if out:
            try:
                report.write_report(out, include_warnings=True)
            except OSError as error:
                raise QgsProcessingException(tr("The report could not be written: {error}").format(error=error))
            outputs["REPORT"] = out
        feedback.setProgress(100)
        return outputs
