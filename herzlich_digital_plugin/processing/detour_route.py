"""herzlich_digital:detourroute: the detour around a closure on a road layer (QGIS network analysis)."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterPoint,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)


from ..core.definitions import DETOUR_ENGINES as ENGINES
from ..core.definitions import STORE_CRS
from ..toolbelt.field_types import field_type
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .roadworks_impact import CRITERIA, add_road_field_parameters, open_store_parameter, road_fields
from ..roadworks.analysis_common import SiteNotFound, load_works
from ..roadworks.analysis_impact import other_closures
from ..roadworks.detour_closures import Closure
from ..roadworks.detour_errors import DetourError
from ..roadworks.detour_graph import network_for, route_street_names
from ..roadworks.detour_route import find_detour
from ..roadworks.model import Roadworks
from ..roadworks.detour_values import direction_value, restriction_value

NODE_MODES = ("auto", "always", "never")
CLOSURE_FIELDS = {"restriction": ("restriction", "einschraenkung", "einschränkung", "sperrung", "sperrart"),
                  "direction": ("direction", "richtung", "fahrtrichtung")}


def direction_label(direction: str) -> str:
    return tr("along the drawn direction") if direction == "forward" else tr("against the drawn direction")


def output_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (("kind", field_type("String")), ("length_m", field_type("Double")),
                       ("time_s", field_type("Double")), ("extra_m", field_type("Double")),
                       ("extra_time_s", field_type("Double")), ("streets", field_type("String")),
                       ("restriction", field_type("String")), ("blocked", field_type("Bool")),
                       ("direction", field_type("String")), ("note", field_type("String"))):
        fields.append(QgsField(name, kind))
    return fields


class DetourRouteAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "detourroute"

    def displayName(self) -> str:
        return tr("Detour route")

    def shortHelpString(self) -> str:
        return tr(
            "Computes the detour around a closure with QGIS's network analysis library. The graph is built from "
            "the road layer ROADS (one-way field: 1/yes/true/ja/wahr/FT forward, -1/TF backward, 0/no/false/nein/"
            "falsch/empty both ways, anything else stops; speed field in km/h or as OSM maxspeed, e.g. 30 mph, "
            "DE:urban; OSM fields and other_tags are found without mapping) and cached until the layer changes. The closure is a "
            "roadworks of the STORE (ROADWORKS id) or the first feature of CLOSURES (with optional 'restriction' "
            "and 'direction' fields; further features are avoided as other works). The closed stretch runs from "
            "junction to junction; a full closure removes both directions, 'lanes in one direction' only the "
            "drawn (or 'backward': the opposite) direction, one lane or shoulder nothing (the stretch is reported, "
            "no detour needed). Restriction and direction may also be given as German labels (Vollsperrung, "
            "gegen die Zeichenrichtung) or DATEX II values (roadClosed); an unknown value stops with the list of "
            "accepted ones. The stretch ends where its street ends or another road meets. Other works of the "
            "store during the same time are avoided. START and END (any CRS) replace the ends of the closed "
            "stretch; each must lie within SNAP_DISTANCE of a road and is taken at the nearest junction (the "
            "log says where). A full closure of a two-way street gets a detour for each direction: OUTPUT holds "
            "a detour and a closed stretch per direction (field direction: forward/backward, along or against "
            "the drawn direction; a direction without a detour is said in the log and in the field note); "
            "LENGTH_M/EXTRA_M are those of the first direction, LENGTH_M_OPPOSITE/EXTRA_M_OPPOSITE those of the "
            "other. Lines crossing without a shared vertex are made junctions when the layer looks unnoded "
            "(NODE). A detour that cannot exist, a closure off the network and a road layer without the named "
            "fields stop with a clear message.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterVectorLayer(
            "ROADS", tr("Road network"), [QgsProcessing.SourceType.TypeVectorLine]))
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)"),
            optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "ROADWORKS", tr("Roadworks id (in the store)"), type=QgsProcessingParameterNumber.Type.Integer,
            optional=True, minValue=1))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "CLOSURES", tr("Closures (instead of a roadworks id)"),
            [QgsProcessing.SourceType.TypeVectorLine, QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterPoint("START", tr("Start of the detour (optional)"), optional=True))
        self.addParameter(QgsProcessingParameterPoint("END", tr("End of the detour (optional)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "SNAP_DISTANCE", tr("Largest distance of START and END from a road (m)"),
            type=QgsProcessingParameterNumber.Type.Double, defaultValue=50.0, minValue=0.0))
        add_road_field_parameters(self)
        self.addParameter(QgsProcessingParameterBoolean(
            "AVOID_OTHER_WORKS", tr("Avoid other works of the store during the same time"), defaultValue=True))
        advanced = [
            QgsProcessingParameterNumber("TOLERANCE", tr("Topology tolerance (m)"),
                                         type=QgsProcessingParameterNumber.Type.Double, defaultValue=0.1,
                                         minValue=0.0),
            QgsProcessingParameterEnum("ENGINE", tr("Search"), options=[tr("A* over the extracted graph"),
                                                                        tr("QgsGraphAnalyzer.dijkstra")],
                                       defaultValue=0),
            QgsProcessingParameterEnum("NODE", tr("Make crossings without a shared vertex junctions"),
                                       options=[tr("when the layer looks unnoded"), tr("always"),
                                                tr("never (bridges and tunnels)")], defaultValue=0),
        ]
        for parameter in advanced:
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(parameter)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Detour"), QgsProcessing.SourceType.TypeVectorLine))
        self.addOutput(QgsProcessingOutputNumber("LENGTH_M", tr("Detour length (m)")))
        self.addOutput(QgsProcessingOutputNumber("EXTRA_M", tr("Extra length (m)")))
        self.addOutput(QgsProcessingOutputNumber("TIME_S", tr("Detour time (s)")))
        self.addOutput(QgsProcessingOutputNumber("EXTRA_TIME_S", tr("Extra time (s)")))
        self.addOutput(QgsProcessingOutputNumber("LENGTH_M_OPPOSITE", tr("Detour length, other direction (m)")))
        self.addOutput(QgsProcessingOutputNumber("EXTRA_M_OPPOSITE", tr("Extra length, other direction (m)")))
        self.addOutput(QgsProcessingOutputNumber("DIRECTIONS", tr("Directions needing a detour")))

    def processAlgorithm(self, parameters, context, feedback):
        closure, others = None, []
        roadworks_id = self.parameterAsInt(parameters, "ROADWORKS", context) if parameters.get("ROADWORKS") else 0
        store = None
        if roadworks_id or self.parameterAsBoolean(parameters, "AVOID_OTHER_WORKS", context):
            if parameters.get("STORE"):
                store = open_store_parameter(self, parameters, context)
        try:
            closures = self._layer_closures(parameters, context)
            if roadworks_id:
                if store is None:
                    raise QgsProcessingException(tr("A roadworks id needs the STORE it is in."))
                closure, others = self._store_closures(store, roadworks_id, parameters, context)
                others += closures
            elif closures:
                closure, others = closures[0], closures[1:]
                if store is not None and self.parameterAsBoolean(parameters, "AVOID_OTHER_WORKS", context):
                    others += self._active_store_closures(store)
            else:
                raise QgsProcessingException(tr("Give a roadworks id (with its store) or a closures layer."))
            layer = self.parameterAsVectorLayer(parameters, "ROADS", context)
            if layer is None:
                raise QgsProcessingException(tr("The road layer could not be loaded."))
            fields = road_fields(self, parameters, context)
            feedback.setProgressText(tr("Building the road network of {layer}").format(layer=layer.name()))
            network = network_for(layer, fields, self.parameterAsDouble(parameters, "TOLERANCE", context),
                                  node=NODE_MODES[self.parameterAsEnum(parameters, "NODE", context)])
            for warning in network.warnings:
                feedback.reportError(warning, False)
            result = find_detour(network, closure, others,
                                 criterion=CRITERIA[self.parameterAsEnum(parameters, "CRITERION", context)],
                                 start=self._point(parameters, "START", context),
                                 end=self._point(parameters, "END", context),
                                 engine=ENGINES[self.parameterAsEnum(parameters, "ENGINE", context)],
                                 snap_m=self.parameterAsDouble(parameters, "SNAP_DISTANCE", context))
        except DetourError as error:
            raise QgsProcessingException(str(error))
        finally:
            if store is not None:
                store.close()
        for snap in result.snapped:
            feedback.pushInfo(tr("{which} is {road} m from the road and taken at the junction ({x}, {y}), {distance} m "
                                 "away.").format(which=snap["which"], road=f"{snap['road_m']:.1f}",
                                                 x=f"{snap['xy'][0]:.1f}", y=f"{snap['xy'][1]:.1f}",
                                                 distance=f"{snap['distance_m']:.1f}"))
        if not result.blocked:
            feedback.pushInfo(tr("The restriction does not close the road: no detour is needed."))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, output_fields(),
                                          QgsWkbTypes.Type.LineString, QgsCoordinateReferenceSystem(STORE_CRS))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        for one in result.directions:
            one.streets = route_street_names(layer, fields, list(one.route.coords) if one.route else [])
            self._write_direction(sink, one)
            label = direction_label(one.direction)
            if one.route is None:
                feedback.reportError(tr("No detour for the direction {direction}: {reason}").format(
                    direction=label, reason=one.error), False)
            else:
                feedback.pushInfo(tr("Direction {direction}: detour {length} m, {extra} m longer than the closed "
                                     "stretch.").format(direction=label, length=round(one.length_m),
                                                         extra=round(one.extra_m)))
        other = result.opposite
        return {"OUTPUT": dest, "LENGTH_M": result.length_m, "EXTRA_M": result.extra_m, "TIME_S": result.time_s,
                "EXTRA_TIME_S": result.extra_time_s,
                "LENGTH_M_OPPOSITE": other.length_m if other is not None and other.route is not None else None,
                "EXTRA_M_OPPOSITE": other.extra_m if other is not None and other.route is not None else None,
                "DIRECTIONS": len(result.directions)}

    def _write_direction(self, sink, result):
        for kind, line, length, seconds in (("detour", result.route, result.length_m, result.time_s),
                                            ("closed", result.closed, result.closed_length_m, result.closed_time_s)):
            if line is None:
                continue
            feature = QgsFeature(output_fields())
            feature.setGeometry(QgsGeometry.fromWkt(line.wkt))
            detour = kind == "detour"
            feature.setAttributes([kind, length, seconds, result.extra_m if detour else 0.0,
                                   result.extra_time_s if detour else 0.0,
                                   ", ".join(result.streets) if detour else "", result.restriction,
                                   result.blocked, result.direction,
                                   result.error if result.route is None else ""])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)

    def _point(self, parameters, name, context):
        if not parameters.get(name):
            return None
        point = self.parameterAsPoint(parameters, name, context, QgsCoordinateReferenceSystem(STORE_CRS))
        return (point.x(), point.y())

    def _layer_closures(self, parameters, context):
        from shapely import wkb

        layer = self.parameterAsVectorLayer(parameters, "CLOSURES", context) if parameters.get("CLOSURES") else None
        if layer is None:
            return []
        to_store = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(STORE_CRS),
                                          context.transformContext())
        folded = {name.casefold(): name for name in reversed(layer.fields().names())}
        restriction_field = next((folded[n] for n in CLOSURE_FIELDS["restriction"] if n in folded), None)
        direction_field = next((folded[n] for n in CLOSURE_FIELDS["direction"] if n in folded), None)
        out = []
        for feature in layer.getFeatures():
            geometry = QgsGeometry(feature.geometry())
            if geometry.isEmpty():
                continue
            geometry.transform(to_store)
            restriction = restriction_value(feature[restriction_field] if restriction_field else None)
            direction = direction_value(feature[direction_field] if direction_field else None)
            out.append(Closure(wkb.loads(bytes(geometry.asWkb())), restriction, direction, str(feature.id())))
        return out

    def _store_closures(self, store, roadworks_id, parameters, context):
        try:
            works = load_works(store, roadworks_id)
        except SiteNotFound:
            raise QgsProcessingException(tr("There are no roadworks with id {id} in the store.").format(id=roadworks_id))
        others = []
        if self.parameterAsBoolean(parameters, "AVOID_OTHER_WORKS", context):
            others = other_closures(works, [Roadworks.from_row(row) for row in store.select("roadworks")])
        return Closure.from_works(works), others

    def _active_store_closures(self, store):
        return [Closure.from_works(w) for w in (Roadworks.from_row(r) for r in store.select("roadworks"))
                if w.status == "active" and w.geometry is not None]
