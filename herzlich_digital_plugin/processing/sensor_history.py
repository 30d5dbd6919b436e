"""herzlich_digital:sensorhistory: a datastream's observations over a time range, as a table."""
from datetime import datetime, timedelta, timezone

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)


from ..toolbelt.field_types import field_type
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .fetch_sensors import qdatetime, report_notices
from ..core.sensorthings import StaError, fetch_history
from ..sensors.client import qgis_sta_client
from ..sensors.messages import message

DEFAULT_SPAN = timedelta(hours=24)
FIELDS = (("time", field_type("DateTime")), ("value", field_type("Double")), ("result", field_type("String")),
          ("phenomenon_start", field_type("DateTime")))


def history_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in FIELDS:
        fields.append(QgsField(name, kind))
    return fields


def _as_datetime(qdatetime_value):
    if qdatetime_value is None or not qdatetime_value.isValid():
        return None
    return datetime.fromtimestamp(qdatetime_value.toMSecsSinceEpoch() / 1000.0, tz=timezone.utc)


class SensorHistoryAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "sensorhistory"

    def displayName(self) -> str:
        return tr("Sensor history (SensorThings)")

    def shortHelpString(self) -> str:
        return tr(
            "Reads the observations of one datastream of an OGC SensorThings API service between START and END "
            "(default: the last 24 hours) into a table: time (end of the phenomenon time), value (empty when the "
            "result is not a number), result as text and the start of the phenomenon time. DATASTREAM is the "
            "datastream's id as fetchsensors writes it (an integer, or a text id such as a UUID; quote a text id "
            "that looks like a number: '42'). A component of a MultiDatastream is written "
            "MultiDatastreams(7)/1, or give COLLECTION (the row's collection field: Datastreams or "
            "MultiDatastreams) and COMPONENT (the row's component field). Output COUNT: the number of "
            "observations.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "URL", tr("SensorThings service address (e.g. https://host/FROST-Server/v1.1)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "DATASTREAM", tr("Datastream id (or MultiDatastreams(id)/component)")))
        self.addParameter(QgsProcessingParameterString(
            "COLLECTION", tr("Collection (Datastreams or MultiDatastreams; empty: from the id)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "COMPONENT", tr("Component of a MultiDatastream (0, 1, …)"),
            type=QgsProcessingParameterNumber.Type.Integer, optional=True, minValue=0))
        self.addParameter(QgsProcessingParameterDateTime("START", tr("Start (default: 24 hours before the end)"),
                                                         optional=True))
        self.addParameter(QgsProcessingParameterDateTime("END", tr("End (default: now)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Observations"), type=QgsProcessing.SourceType.TypeVector))
        self.addOutput(QgsProcessingOutputNumber("COUNT", tr("Observations")))

    def processAlgorithm(self, parameters, context, feedback):
        url = self.parameterAsString(parameters, "URL", context).strip()
        authcfg = self.parameterAsString(parameters, "AUTHCFG", context)
        datastream = self.parameterAsString(parameters, "DATASTREAM", context).strip()
        if not url:
            raise QgsProcessingException(tr("Enter the address of a SensorThings service."))
        if not datastream:
            raise QgsProcessingException(tr("Enter the id of a datastream (fetchsensors writes it as datastream_id)."))
        collection, datastream_id, component = self._stream(parameters, context, datastream)
        end = _as_datetime(self.parameterAsDateTime(parameters, "END", context)) if parameters.get("END") else None
        start = _as_datetime(self.parameterAsDateTime(parameters, "START", context)) if parameters.get("START") \
            else None
        end = end or datetime.now(timezone.utc)
        start = start or end - DEFAULT_SPAN
        if start > end:
            raise QgsProcessingException(tr("The start {start} lies after the end {end}.").format(
                start=start.isoformat(), end=end.isoformat()))
        try:
            client = qgis_sta_client(url, authcfg, log=feedback.pushDebugInfo)
            feedback.setProgressText(tr("Reading observations of datastream {id}").format(id=datastream))
            history = fetch_history(client, datastream_id, start, end, collection=collection, component=component)
        except StaError as error:
            raise QgsProcessingException(message(error))
        report_notices(history.notices, feedback)

        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, history_fields(),
                                             QgsWkbTypes.Type.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        fields = history_fields()
        rows = history.rows()
        for i, row in enumerate(rows):
            if feedback.isCanceled():
                break
            feature = QgsFeature(fields)
            feature.setAttributes([qdatetime(row["time"]), row["value"], row["result"], qdatetime(row["start"])])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            if i % 1000 == 0:
                feedback.setProgress(100.0 * (i + 1) / max(1, len(rows)))
        feedback.pushInfo(tr("{count} observations, {requests} HTTP requests.").format(
            count=len(rows), requests=history.requests))
        return {"OUTPUT": dest_id, "COUNT": len(rows)}

    def _stream(self, parameters, context, datastream):
        """(collection, id, component); a MultiDatastream without its component is refused, never read as the
        Datastream of the same id (another sensor)."""
        from ..core.sensorthings.urls import STREAM_COLLECTIONS, parse_stream_ref

        collection = self.parameterAsString(parameters, "COLLECTION", context).strip()
        given = parameters.get("COMPONENT")
        component = self.parameterAsInt(parameters, "COMPONENT", context) if given not in (None, "") else None
        try:
            return parse_stream_ref(datastream, collection, component)
        except ValueError as error:
            reason = str(error)
        accepted = ", ".join(STREAM_COLLECTIONS)
        texts = {
            "collection": tr("Unknown collection “{value}”: use one of {accepted}.").format(
                value=collection, accepted=accepted),
            "conflict": tr("DATASTREAM {ref} contradicts COLLECTION/COMPONENT ({collection} {component}).").format(
                ref=datastream, collection=collection or "–", component="–" if component is None else component),
            "no_component": tr("{ref} is a MultiDatastream: give its component, e.g. MultiDatastreams(7)/0 or "
                               "COMPONENT=0 (fetchsensors writes it in the component field).").format(ref=datastream),
            "component": tr("A component only exists for MultiDatastreams ({ref}).").format(ref=datastream),
        }
        raise QgsProcessingException(texts.get(reason, tr("Enter the id of a datastream (fetchsensors writes it as "
                                                          "datastream_id).")))
