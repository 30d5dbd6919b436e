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

def output_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (("kind", field_type("String")), ("length_m", field_type("Double")),
                       ("time_s", field_type("Double")), ("extra_m", field_type("Double")),
                       ("extra_time_s", field_type("Double")), ("streets", field_type("String")),
                       ("restriction", field_type("String")), ("blocked", field_type("Bool"))):
        fields.append(QgsField(name, kind))
    return fields


class DetourRouteAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "detourroute"

    def displayName(self) -> str:
        return tr("Detour route")

    def shortHelpString(self) -> str:
        return tr(
            "Computes the detour around a closure with QGIS's network analysis library. The graph is built from "
            "the road layer ROADS (one-way field: 1/yes/true/FT forward, -1/TF backward, anything else both ways; "
            "speed field in km/h for the travel time) and cached until the layer changes. The closure is a "
            "roadworks of the STORE (ROADWORKS id) or the first feature of CLOSURES (with optional 'restriction' "
            "and 'direction' fields; further features are avoided as other works). The closed stretch runs from "
            "junction to junction; a full closure removes both directions, 'lanes in one direction' only the "
            "drawn (or 'backward': the opposite) direction, one lane or shoulder nothing (the stretch is reported, "
            "no detour needed). Other works of the store during the same time are avoided. START and END (any "
            "CRS) replace the ends of the closed stretch. OUTPUT holds the detour and the closed stretch; "
            "LENGTH_M is the detour's length, EXTRA_M its length minus the closed stretch. A detour that cannot "
            "exist, a closure off the network and a road layer without the named fields stop with a clear "
            "message.")

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

    def processAlgorithm(self, parameters, context, feedback):
        from ..roadworks.detour_errors import DetourError
        from ..roadworks.detour_graph import network_for, route_street_names
        from ..roadworks.detour_route import find_detour

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
            network = network_for(layer, fields, self.parameterAsDouble(parameters, "TOLERANCE", context))
            result = find_detour(network, closure, others,
                                 criterion=CRITERIA[self.parameterAsEnum(parameters, "CRITERION", context)],
                                 start=self._point(parameters, "START", context),
                                 end=self._point(parameters, "END", context),
                                 engine=ENGINES[self.parameterAsEnum(parameters, "ENGINE", context)])
        except DetourError as error:
            raise QgsProcessingException(str(error))
        finally:
            if store is not None:
                store.close()
        result.streets = route_street_names(layer, fields, list(result.route.coords) if result.route else [])
        if not result.blocked:
            feedback.pushInfo(tr("The restriction does not close the road: no detour is needed."))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, output_fields(),
                                          QgsWkbTypes.Type.LineString, QgsCoordinateReferenceSystem(STORE_CRS))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        for kind, line, length, seconds in (("detour", result.route, result.length_m, result.time_s),
                                            ("closed", result.closed, result.closed_length_m, result.closed_time_s)):
            if line is None:
                continue
            feature = QgsFeature(output_fields())
            feature.setGeometry(QgsGeometry.fromWkt(line.wkt))
            feature.setAttributes([kind, length, seconds, result.extra_m if kind == "detour" else 0.0,
                                   result.extra_time_s if kind == "detour" else 0.0,
                                   ", ".join(result.streets) if kind == "detour" else "", result.restriction,
                                   result.blocked])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(tr("Detour {length} m, {extra} m longer than the closed stretch.").format(
            length=round(result.length_m), extra=round(result.extra_m)))
        return {"OUTPUT": dest, "LENGTH_M": result.length_m, "EXTRA_M": result.extra_m, "TIME_S": result.time_s,
                "EXTRA_TIME_S": result.extra_time_s}

    def _point(self, parameters, name, context):
        if not parameters.get(name):
            return None
        point = self.parameterAsPoint(parameters, name, context, QgsCoordinateReferenceSystem(STORE_CRS))
        return (point.x(), point.y())

    def _layer_closures(self, parameters, context):
        from ..roadworks.detour_closures import FULL, Closure
        from shapely import wkb

        layer = self.parameterAsVectorLayer(parameters, "CLOSURES", context) if parameters.get("CLOSURES") else None
        if layer is None:
            return []
        to_store = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(STORE_CRS),
                                          context.transformContext())
        names = layer.fields().names()
        out = []
        for feature in layer.getFeatures():
            geometry = QgsGeometry(feature.geometry())
            if geometry.isEmpty():
                continue
            geometry.transform(to_store)
            restriction = feature["restriction"] if "restriction" in names and feature["restriction"] else FULL
            direction = feature["direction"] if "direction" in names and feature["direction"] else "both"
            out.append(Closure(wkb.loads(bytes(geometry.asWkb())), str(restriction), str(direction),
                               str(feature.id())))
        return out

    def _store_closures(self, store, roadworks_id, parameters, context):
        from ..roadworks.analysis_common import SiteNotFound, load_works
        from ..roadworks.analysis_impact import other_closures
        from ..roadworks.detour_closures import Closure
        from ..roadworks.model import Roadworks

        try:
            works = load_works(store, roadworks_id)
        except SiteNotFound:
            raise QgsProcessingException(tr("There are no roadworks with id {id} in the store.").format(id=roadworks_id))
        others = []
        if self.parameterAsBoolean(parameters, "AVOID_OTHER_WORKS", context):
            others = other_closures(works, [Roadworks.from_row(row) for row in store.select("roadworks")])
        return Closure.from_works(works), others

    def _active_store_closures(self, store):
        from ..roadworks.detour_closures import Closure
        from ..roadworks.model import Roadworks
        return [Closure.from_works(w) for w in (Roadworks.from_row(r) for r in store.select("roadworks"))
                if w.status == "active" and w.geometry is not None]
