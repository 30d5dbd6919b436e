"""herzlich_digital:importpanoramatable: import panoramas from a Ladybug/Trimble pose file or any point layer/table."""
import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime, QVariant

from ..core.definitions import PANORAMA_TABLE_FORMATS as FORMATS
from ..core.definitions import STORE_CRS
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import (add_report_parameters, add_store_parameters, finish, open_store_parameter,
                                     permission_denied, progress_callbacks)
from ..panorama import import_table as it
from ..panorama.import_common import ImportReport
from ..store import PermissionDeniedError, StoreError

FIELD_PARAMETERS = (("X_FIELD", "x", "x"), ("Y_FIELD", "y", "y"), ("Z_FIELD", "z", "z"),
                    ("HEADING_FIELD", "heading", "heading"), ("PITCH_FIELD", "pitch", "pitch"),
                    ("ROLL_FIELD", "roll", "roll"), ("TIME_FIELD", "time", "time"),
                    ("IMAGE_FIELD", "image", "image"), ("ID_FIELD", "id", "id"))


class FileOrLayerParameter(QgsProcessingParameterMapLayer):
    """A map layer parameter that also accepts the path of any existing file (pose files are not layers)."""

    def checkValueIsAcceptable(self, value, context=None):
        if isinstance(value, str) and os.path.isfile(value):
            return True
        return super().checkValueIsAcceptable(value, context)

    def clone(self):
        return FileOrLayerParameter(self.name(), self.description(), self.defaultValue(),
                                    bool(self.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional),
                                    self.dataTypes())


class ImportPanoramaTableAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "importpanoramatable"
    SHOWS_STORE_LAYERS = ("panoramas",)

    def displayName(self) -> str:
        return tr("Import panorama table")

    def shortHelpString(self) -> str:
        return tr(
            "Imports panoramas from a vendor pose file or from any table or point layer (a WFS layer too) into a "
            "campaign of the store; the campaign is created if it does not exist.<br>"
            "<b>ladybug</b>: tab-separated text with the header Filename X Y Z Pan Tilt Roll TimeStamp. "
            "<b>trimble</b>: CSV with gps_seconds, panorama_file_name, x, y, altitude, roll, pitch, heading; GPS "
            "seconds since 1980-01-06 (or GPS seconds minus 10⁹, or seconds of the week with GPS week), converted "
            "to UTC with the leap seconds (18 s since 2017). <b>layer</b>: the field parameters name the columns; "
            "without X and Y fields the point geometry is used. <b>auto</b> recognises the two file formats and "
            "reads anything else as a layer.<br>"
            "X/Y are in CRS (a layer's geometry in the layer's CRS). Z is the camera's height; the store keeps the "
            "ground point, Z minus the camera height. Times without a time zone are taken as UTC.<br>"
            "Images are IMAGE_ROOT plus the file name (default: the pose file's folder) or a URL_TEMPLATE such as "
            "https://host/pano/{filename} ({filename}, {stem}, {id}). File names that are absolute, contain '..' or "
            "lead outside IMAGE_ROOT are refused and never opened. Rejected rows and reasons go to REPORT.")

    def initAlgorithm(self, config=None):
        self.addParameter(FileOrLayerParameter(
            "INPUT", tr("Pose file or layer"),
            types=[QgsProcessing.SourceType.TypeVectorAnyGeometry, QgsProcessing.SourceType.TypeVector]))
        self.addParameter(QgsProcessingParameterEnum(
            "FORMAT", tr("Format"), options=list(FORMATS), defaultValue="auto", usesStaticStrings=True))
        labels = {"X_FIELD": tr("X field"), "Y_FIELD": tr("Y field"), "Z_FIELD": tr("Z field (camera height)"),
                  "HEADING_FIELD": tr("Heading field"), "PITCH_FIELD": tr("Pitch field"),
                  "ROLL_FIELD": tr("Roll field"), "TIME_FIELD": tr("Time field"),
                  "IMAGE_FIELD": tr("Image file name field"), "ID_FIELD": tr("Id field (for {id} in the URL template)")}
        for name, _, default in FIELD_PARAMETERS:
            param = QgsProcessingParameterField(name, labels[name], defaultValue=default,
                                                parentLayerParameterName="INPUT", optional=True)
            if name not in ("IMAGE_FIELD", "HEADING_FIELD"):
                param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterFile(
            "IMAGE_ROOT", tr("Image root folder"), behavior=QgsProcessingParameterFile.Behavior.Folder,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "URL_TEMPLATE", tr("Image URL template (instead of an image root)"), optional=True))
        self.addParameter(QgsProcessingParameterCrs("CRS", tr("CRS of X/Y"), defaultValue=STORE_CRS, optional=True))
        week = QgsProcessingParameterNumber("GPS_WEEK", tr("GPS week (for Trimble seconds of week)"),
                                            type=QgsProcessingParameterNumber.Type.Integer, minValue=0,
                                            optional=True)
        week.setFlags(week.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(week)
        self.addParameter(QgsProcessingParameterBoolean(
            "READ_IMAGE_SIZE", tr("With a URL template: read the image size from the server"), defaultValue=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "IMAGE_AUTHCFG", tr("Authentication for the image server (reads the image size)"), optional=True))
        add_store_parameters(self)
        add_report_parameters(self)

    # ------------------------------------------------------------------ run

    def processAlgorithm(self, parameters, context, feedback):
        fmt = self.parameterAsEnumString(parameters, "FORMAT", context) or "auto"
        path = self._input_file(parameters, context, fmt)
        if fmt == "auto":
            try:
                fmt = it.detect_format(path) if path else "layer"
            except it.PoseFormatError:
                fmt = "layer"  # e.g. a CSV or GeoPackage with other columns
        if fmt in ("ladybug", "trimble") and path is None:
            raise QgsProcessingException(tr("The {format} format needs a pose file as input.").format(format=fmt))

        url_template = self.parameterAsString(parameters, "URL_TEMPLATE", context).strip() or None
        image_root = self.parameterAsFile(parameters, "IMAGE_ROOT", context) or None
        if url_template:
            image_root = None
        elif image_root is None:
            if path is None:
                raise QgsProcessingException(tr("Give an image root folder or a URL template for a layer."))
            image_root = os.path.dirname(os.path.abspath(path))
        crs = self.parameterAsCrs(parameters, "CRS", context)
        transform = self._transform(crs, context)
        report = ImportReport()
        try:
            if fmt == "layer":
                records, transform = self._layer_records(parameters, context, crs, report)
            elif fmt == "ladybug":
                records = it.read_ladybug(path)
            else:
                week = parameters.get("GPS_WEEK")
                week = None if week in (None, "") else self.parameterAsInt(parameters, "GPS_WEEK", context)
                records = it.read_trimble(path, week)
        except it.PoseFormatError as error:
            raise QgsProcessingException(str(error))

        progress, cancelled = progress_callbacks(feedback)
        store = open_store_parameter(self, parameters, context)
        try:
            probe = None
            if url_template and self.parameterAsBoolean(parameters, "READ_IMAGE_SIZE", context):
                from ..panorama.remote_size import http_probe
                from ..toolbelt.settings import SettingsManager
                probe = http_probe(self.parameterAsString(parameters, "IMAGE_AUTHCFG", context),
                                   float(SettingsManager().get("network_timeout_s")))
            it.import_poses(store, records, self.parameterAsString(parameters, "CAMPAIGN", context),
                            self.parameterAsDouble(parameters, "CAMERA_HEIGHT", context), image_root, url_template,
                            transform, progress=progress, cancelled=cancelled, report=report, size_probe=probe)
        except PermissionDeniedError as error:
            raise permission_denied(error, "hd_admin")
        except (ValueError, StoreError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        return finish(self, report, parameters, context, feedback)

    def _input_file(self, parameters, context, fmt):
        """The file behind INPUT: a path given directly, or the file of a layer loaded from one."""
        value = parameters.get("INPUT")
        if isinstance(value, str) and "\x00" in value:  # else QGIS tries every provider on it (GDAL: mesh error)
            raise QgsProcessingException(tr("The input path contains a NUL character."))
        if isinstance(value, str) and os.path.isfile(value):
            return value
        if fmt == "layer":
            return None
        layer = self.parameterAsLayer(parameters, "INPUT", context)
        if layer is None:
            return None
        # a pose file the user loaded as a layer (delimited text, OGR CSV) is read as the pose file it is
        path = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source()).get("path") or ""
        return path if os.path.isfile(path) else None

    @staticmethod
    def _transform(crs, context):
        """A function (x, y) -> EPSG:25832, or None when the CRS is already EPSG:25832."""
        target = QgsCoordinateReferenceSystem(STORE_CRS)
        if not crs.isValid() or crs == target:
            return None
        ct = QgsCoordinateTransform(crs, target, context.transformContext())

        def transform(x, y):
            p = ct.transform(QgsPointXY(x, y))
            return p.x(), p.y()
        return transform

    def _layer_records(self, parameters, context, crs, report):
        """Records of the INPUT layer and the transform their x/y still need."""
        layer = self.parameterAsLayer(parameters, "INPUT", context)
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            raise QgsProcessingException(tr("The input is neither a pose file nor a vector layer."))
        names = layer.fields().names()
        mapping = {}
        for name, key, default in FIELD_PARAMETERS:
            chosen = self.parameterAsString(parameters, name, context)
            # an optional field left at its default name that the layer lacks is simply not read
            quiet = not chosen and default not in names and key not in it.REQUIRED
            mapping[key] = None if quiet else (chosen or default)
        transform = self._transform(crs, context)
        use_geometry = (mapping["x"] not in names or mapping["y"] not in names) and layer.isSpatial()
        if use_geometry:
            mapping.update(x="__x", y="__y")
            if mapping["z"] not in names and QgsWkbTypes.hasZ(layer.wkbType()):
                mapping["z"] = "__z"
            transform = None  # geometry is transformed below, from the layer's CRS
            geometry_ct = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(STORE_CRS),
                                                 context.transformContext())
        fields = names + (["__x", "__y"] + (["__z"] if mapping["z"] == "__z" else []) if use_geometry else [])

        def rows():
            for feature in layer.getFeatures():
                row = {name: _python_value(feature[name]) for name in names}
                row["__fid"] = feature.id()
                if use_geometry:
                    geometry = feature.geometry()
                    if geometry is not None and not geometry.isNull():
                        vertex = geometry.vertexAt(0)
                        try:
                            p = geometry_ct.transform(QgsPointXY(vertex.x(), vertex.y()))
                            row["__x"], row["__y"] = p.x(), p.y()
                        except QgsCsException:  # no position: the row is rejected ("x is missing")
                            row["__x"] = row["__y"] = None
                        if vertex.is3D():
                            row["__z"] = vertex.z()
                yield row
        return it.records_from_table(rows(), mapping, fields, report,
                                     source=lambda i, row: tr("feature {fid}").format(fid=row["__fid"])), transform


def _python_value(value):
    """Attribute values as plain Python (NULL -> None, QDateTime -> ISO text with its offset)."""
    if value is None or (isinstance(value, QVariant) and value.isNull()):
        return None
    if isinstance(value, QDateTime):
        if not value.isValid():
            return None
        if value.timeSpec() == Qt.TimeSpec.LocalTime:
            return value.toString(Qt.DateFormat.ISODateWithMs)  # no offset: read as UTC like other naive times
        return value.toUTC().toString(Qt.DateFormat.ISODateWithMs)
    if isinstance(value, (QDate, QTime)):
        return value.toString(Qt.DateFormat.ISODate)
    return value
