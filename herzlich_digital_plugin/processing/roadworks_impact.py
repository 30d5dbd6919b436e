"""herzlich_digital:roadworksimpact: check one site against other works, assets, sensors and the road network.

Also the shared plumbing of the roadworks analysis algorithms (store, road layer, live sensors).
"""
import json
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.definitions import DETOUR_CRITERIA as CRITERIA
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from ..core.sensorthings import StaError, fetch_latest
from ..roadworks.analysis_common import SiteNotFound
from ..roadworks.analysis_impact import check_roadworks
from ..roadworks.detour_errors import DetourError
from ..roadworks.detour_fields import RoadFields
from ..roadworks.detour_graph import layer_from_store, network_for, route_street_names
from ..sensors.client import qgis_sta_client
from ..sensors.messages import message
from ..store import StoreError, open_store
from ..toolbelt.db_connection import ConnectionError_, resolve_store
from ..toolbelt.settings import SettingsManager

_INT = QgsProcessingParameterNumber.Type.Integer
_DOUBLE = QgsProcessingParameterNumber.Type.Double
def add_store_parameters(alg) -> None:
    alg.addParameter(QgsProcessingParameterString(
        "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
    alg.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))


def add_road_field_parameters(alg) -> None:
    for name, label, default in (("NAME_FIELD", tr("Road name field"), "name"),
                                 ("ONEWAY_FIELD", tr("One-way field (0/1, yes/no, FT/TF; empty: none)"), "oneway"),
                                 ("SPEED_FIELD", tr("Speed limit field (km/h; empty: default speed)"), "speed_limit")):
        parameter = QgsProcessingParameterString(name, label, defaultValue=default, optional=True)
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        alg.addParameter(parameter)
    criterion = QgsProcessingParameterEnum("CRITERION", tr("Shortest by"), options=[tr("distance"), tr("time")],
                                           defaultValue=0)
    alg.addParameter(criterion)


def open_store_parameter(alg, parameters, context):
    """The store named by STORE/AUTHCFG, or QgsProcessingException."""
    text = alg.parameterAsString(parameters, "STORE", context)
    try:
        uri = resolve_store(text, alg.parameterAsString(parameters, "AUTHCFG", context))
        if uri.lower().endswith(".gpkg") and not Path(uri).is_file():
            raise QgsProcessingException(tr("The GeoPackage {path} does not exist.").format(path=uri))
        return open_store(uri, create=False)
    except (ConnectionError_, StoreError) as error:
        raise QgsProcessingException(tr("The store could not be opened: {error}").format(error=error))


def road_fields(alg, parameters, context):
    def value(name, default):
        if name not in parameters or parameters[name] is None:
            return default
        return alg.parameterAsString(parameters, name, context).strip()
    return RoadFields(value("NAME_FIELD", "name"), value("ONEWAY_FIELD", "oneway"),
                      value("SPEED_FIELD", "speed_limit"))


def road_network(alg, parameters, context, store, feedback, required: bool = False):
    """(layer, RoadNetwork) of ROADS, else of the store's road table; (None, None) without roads."""
    layer = alg.parameterAsVectorLayer(parameters, "ROADS", context) if parameters.get("ROADS") else None
    try:
        if layer is None:
            if store is None or store.count("road") == 0:
                if required:
                    raise QgsProcessingException(tr("No road layer: give ROADS or a store with roads."))
                return None, None
            layer = layer_from_store(store)
        feedback.setProgressText(tr("Building the road network of {layer}").format(layer=layer.name()))
        return layer, network_for(layer, road_fields(alg, parameters, context))
    except DetourError as error:
        raise QgsProcessingException(str(error))


def live_sensors(alg, parameters, context, feedback):
    """(snapshot, client) from SENSORS_URL, or (None, None); a failing service is reported, not fatal."""
    url = alg.parameterAsString(parameters, "SENSORS_URL", context).strip() if parameters.get("SENSORS_URL") else ""
    if not url:
        return None, None
    try:
        client = qgis_sta_client(url, alg.parameterAsString(parameters, "SENSORS_AUTHCFG", context),
                                 float(SettingsManager().get("network_timeout_s")))
        feedback.setProgressText(tr("Reading the live sensors"))
        return fetch_latest(client, cancelled=feedback.isCanceled), client
    except StaError as error:
        feedback.reportError(tr("The live sensors could not be read, the store's values are used: {error}").format(
            error=message(error)), False)
        return None, None


class RoadworksImpactAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "roadworksimpact"

    def displayName(self) -> str:
        return tr("Check roadworks")

    def shortHelpString(self) -> str:
        return tr(
            "Checks one construction site of the store. CONFLICTS: other works (not completed or cancelled) whose "
            "time overlaps (end-exclusive) and whose geometry comes within BUFFER metres or that use the same road "
            "segment. AFFECTED_ASSETS: signs (to cover), traffic lights (to switch) and markings within BUFFER "
            "metres, with their VzKat codes; detections nobody has reviewed yet count as 'detected, unverified'. "
            "AFFECTED_SENSORS: datastreams of stations within the sensor distance, with their current value (live "
            "from SENSORS_URL if given, else the store's latest) and their typical value for the planned period; "
            "the traffic estimate (vehicles per day) comes from the nearest counter, one on the same road first. "
            "The quietest window of DURATION_H hours inside the planned period is taken from the typical week "
            "(median per weekday and hour over up to a year of history). With a road network (ROADS, else the "
            "store's roads) the detour is computed too, avoiding other works at the same time and roads the live "
            "sensors report as jammed. Everything is written to the JSON file OUTPUT; CHART (optional) is the "
            "typical week as a PNG with the window marked.")

    def initAlgorithm(self, config=None):
        add_store_parameters(self)
        self.addParameter(QgsProcessingParameterNumber("ROADWORKS", tr("Roadworks id"), type=_INT, minValue=1))
        self.addParameter(QgsProcessingParameterString(
            "SENSORS_URL", tr("SensorThings service for live values (optional)"), optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "SENSORS_AUTHCFG", tr("Authentication for the SensorThings service"), optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "ROADS", tr("Road network for the detour (empty: the store's roads)"),
            [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        add_road_field_parameters(self)
        self.addParameter(QgsProcessingParameterNumber(
            "BUFFER", tr("Buffer around the site (m)"), type=_DOUBLE, defaultValue=15.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "SENSOR_DISTANCE", tr("Sensors within (m)"), type=_DOUBLE, defaultValue=300.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "DURATION_H", tr("Duration of the works per session (hours, for the quietest window)"), type=_INT,
            defaultValue=8, minValue=1, maxValue=168))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Result (JSON)"), fileFilter=tr("JSON files (*.json)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "CHART", tr("Typical week chart (PNG)"), fileFilter=tr("PNG images (*.png)"), optional=True,
            createByDefault=False))
        for name, label in (("CONFLICTS", tr("Conflicting works")), ("AFFECTED_ASSETS", tr("Affected assets")),
                            ("AFFECTED_SENSORS", tr("Affected sensors")),
                            ("VEHICLES_PER_DAY", tr("Vehicles per day at the site")),
                            ("DETOUR_LENGTH_M", tr("Detour length (m)")), ("DETOUR_EXTRA_M", tr("Detour extra length (m)"))):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.addOutput(QgsProcessingOutputString("WINDOW_START", tr("Quietest window start")))
        self.addOutput(QgsProcessingOutputString("WINDOW_END", tr("Quietest window end")))

    def processAlgorithm(self, parameters, context, feedback):
        roadworks_id = self.parameterAsInt(parameters, "ROADWORKS", context)
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        store = open_store_parameter(self, parameters, context)
        try:
            layer, network = road_network(self, parameters, context, store, feedback)
            snapshot, client = live_sensors(self, parameters, context, feedback)
            feedback.setProgressText(tr("Checking roadworks {id}").format(id=roadworks_id))
            report = check_roadworks(
                store, roadworks_id, self.parameterAsDouble(parameters, "BUFFER", context),
                self.parameterAsInt(parameters, "DURATION_H", context),
                self.parameterAsDouble(parameters, "SENSOR_DISTANCE", context), snapshot, client, network,
                CRITERIA[self.parameterAsEnum(parameters, "CRITERION", context)])
        except SiteNotFound:
            raise QgsProcessingException(tr("There are no roadworks with id {id} in the store.").format(id=roadworks_id))
        except StoreError as error:
            raise QgsProcessingException(tr("Reading the store failed: {error}").format(error=error))
        finally:
            store.close()
        if report.detour is not None and layer is not None:
            for one in report.detour.directions:
                one.streets = route_street_names(layer, road_fields(self, parameters, context),
                                                 list(one.route.coords) if one.route else [])
        if report.detour_error:
            feedback.reportError(report.detour_error, False)
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        results = {"OUTPUT": output, "CONFLICTS": len(report.conflicts), "AFFECTED_ASSETS": len(report.assets),
                   "AFFECTED_SENSORS": len(report.sensors),
                   "VEHICLES_PER_DAY": round(report.traffic.vehicles_per_day) if report.traffic else None,
                   "DETOUR_LENGTH_M": report.detour.length_m if report.detour is not None else None,
                   "DETOUR_EXTRA_M": report.detour.extra_m if report.detour is not None else None,
                   "WINDOW_START": report.window.start.isoformat() if report.window else "",
                   "WINDOW_END": report.window.end.isoformat() if report.window else ""}
        chart = self.parameterAsFileOutput(parameters, "CHART", context) if parameters.get("CHART") else ""
        if chart:
            png = report.chart_png()
            if png:
                Path(chart).parent.mkdir(parents=True, exist_ok=True)
                Path(chart).write_bytes(png)
                results["CHART"] = chart
        feedback.pushInfo(tr("{conflicts} conflicts, {assets} affected assets, {sensors} sensors.").format(
            conflicts=len(report.conflicts), assets=len(report.assets), sensors=len(report.sensors)))
        feedback.setProgress(100)
        return results
