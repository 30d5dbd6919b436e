"""herzlich_digital:fetchsensors: the latest value of every datastream of a SensorThings service, as points."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime

from ..core.definitions import STORE_CRS as OUTPUT_CRS
from ..toolbelt.field_types import field_type
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from ..core.sensorthings import FetchCancelled, StaError, fetch_latest
from ..sensors.client import qgis_sta_client
from ..sensors.messages import message
from ..sensors.live_layer import expected_bbox

SOURCE_CRS = "EPSG:4326"  # SensorThings locations are GeoJSON: longitude/latitude
# name -> QVariant type; the first eight are the promised fields, the rest help scripts (sensorhistory's DATASTREAM)
FIELDS = (("thing", field_type("String")), ("datastream", field_type("String")),
          ("observed_property", field_type("String")), ("value", field_type("Double")),
          ("unit", field_type("String")), ("time", field_type("DateTime")), ("age_s", field_type("Double")),
          ("status", field_type("String")), ("datastream_id", field_type("String")),
          ("collection", field_type("String")), ("component", field_type("Int")),
          ("thing_id", field_type("String")), ("result", field_type("String")),
          ("location_flag", field_type("String")))


def sensor_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in FIELDS:
        fields.append(QgsField(name, kind))
    return fields


def qdatetime(when) -> QDateTime:
    if when is None:
        return QDateTime()
    return QDateTime.fromMSecsSinceEpoch(int(round(when.timestamp() * 1000)))


def report_notices(notices, feedback):
    for notice in notices:
        if notice.level == "info":
            feedback.pushInfo(message(notice))
        else:
            feedback.reportError(message(notice), False)


class FetchSensorsAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "fetchsensors"

    def displayName(self) -> str:
        return tr("Fetch sensors (SensorThings)")

    def shortHelpString(self) -> str:
        return tr(
            "Reads the latest observation of every datastream of an OGC SensorThings API service (version 1.1 or "
            "1.0, e.g. FROST-Server) and writes one point per datastream at its Thing's location: thing, "
            "datastream, observed property, value, unit, time, age in seconds and status (fresh, stale, no data). "
            "The requests grow with the number of pages, not of datastreams. OBSERVED_PROPERTY keeps only "
            "datastreams whose observed property has this name. Locations are checked against the project's "
            "default view, without one against the area where most sensors lie: swapped latitude/longitude are "
            "corrected and flagged “swapped” in location_flag, positions far outside are kept and flagged "
            "“implausible”; locations that are not GeoJSON or not longitude/latitude are written without "
            "geometry and flagged. Outputs: "
            "DATASTREAMS (features written) and REQUESTS (HTTP requests made).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "URL", tr("SensorThings service address (e.g. https://host/FROST-Server/v1.1)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "OBSERVED_PROPERTY", tr("Observed property (name; empty: all)"), optional=True))
        stale = QgsProcessingParameterNumber(
            "STALE_AFTER", tr("Stale after (seconds without a new observation)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=3600.0, minValue=1.0)
        limit = QgsProcessingParameterNumber(
            "MAX_DATASTREAMS", tr("Maximum number of datastreams"), type=QgsProcessingParameterNumber.Type.Integer,
            defaultValue=50000, minValue=1)
        for parameter in (stale, limit):
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(parameter)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Sensors"), type=QgsProcessing.SourceType.TypeVectorPoint))
        self.addOutput(QgsProcessingOutputNumber("DATASTREAMS", tr("Datastreams")))
        self.addOutput(QgsProcessingOutputNumber("REQUESTS", tr("HTTP requests")))

    def processAlgorithm(self, parameters, context, feedback):
        url = self.parameterAsString(parameters, "URL", context).strip()
        authcfg = self.parameterAsString(parameters, "AUTHCFG", context)
        wanted = self.parameterAsString(parameters, "OBSERVED_PROPERTY", context).strip()
        stale_after = self.parameterAsDouble(parameters, "STALE_AFTER", context)
        limit = self.parameterAsInt(parameters, "MAX_DATASTREAMS", context)
        if not url:
            raise QgsProcessingException(tr("Enter the address of a SensorThings service."))
        try:
            client = qgis_sta_client(url, authcfg, max_entities=limit, log=feedback.pushDebugInfo)
            feedback.setProgressText(tr("Reading the latest observations from {url}").format(url=url))
            snapshot = fetch_latest(client, wanted, stale_after_s=stale_after, max_datastreams=limit,
                                    expected_bbox=expected_bbox(context.project()) if context.project() else None,
                                    cancelled=feedback.isCanceled)
        except FetchCancelled:
            return {}
        except StaError as error:
            raise QgsProcessingException(message(error))
        report_notices(snapshot.notices, feedback)

        crs = QgsCoordinateReferenceSystem(OUTPUT_CRS)
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, sensor_fields(), QgsWkbTypes.Type.Point,
                                             crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(SOURCE_CRS), crs,
                                           context.transformContext())
        fields = sensor_fields()
        for i, row in enumerate(snapshot.rows):
            if feedback.isCanceled():
                break
            feature = QgsFeature(fields)
            if row.has_position:
                feature.setGeometry(QgsGeometry.fromPointXY(transform.transform(QgsPointXY(row.lon, row.lat))))
            feature.setAttributes([
                row.thing, row.datastream, row.observed_property, row.value, row.unit, qdatetime(row.time),
                row.age_s, row.status, str(row.datastream_id), row.collection, row.component,
                "" if row.thing_id is None else str(row.thing_id), row.result, row.location_flag or ""])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(100.0 * (i + 1) / max(1, len(snapshot.rows)))
        feedback.pushInfo(tr("{count} datastreams, {requests} HTTP requests.").format(
            count=len(snapshot.rows), requests=snapshot.requests))
        return {"OUTPUT": dest_id, "DATASTREAMS": len(snapshot.rows), "REQUESTS": snapshot.requests}
