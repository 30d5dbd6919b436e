"""herzlich_digital:compareregister: what changed on the street compared with the register (or a campaign)."""
from qgis.core import (QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink,
                       QgsFields, QgsGeometry, QgsMarkerSymbol, QgsPointXY, QgsProcessing,
                       QgsProcessingException, QgsProcessingLayerPostProcessorInterface, QgsProcessingOutputNumber,
                       QgsProcessingParameterAuthConfig, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterNumber, QgsProcessingParameterString,
                       QgsRendererCategory, QgsVectorLayer, QgsWkbTypes)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import open_store_parameter, progress_callbacks

OUTPUT_KEYS = ("CONFIRMED", "NEW", "MISSING", "MOVED", "CLASS_CHANGED", "VALUE_CHANGED", "NOT_COVERED")
COLOURS = {"confirmed": "#2e7d32", "new": "#1565c0", "missing": "#c62828", "moved": "#ef6c00",
           "class_changed": "#6a1b9a", "value_changed": "#ad1457", "not_covered": "#9e9e9e"}


def change_type_label(change_type: str) -> str:
    """German (translated) name of a change type, for the map legend and the review queue."""
    return {"confirmed": tr("confirmed"), "new": tr("new"), "missing": tr("missing"), "moved": tr("moved"),
            "class_changed": tr("class changed"), "value_changed": tr("value changed"),
            "not_covered": tr("not covered")}[change_type]


FIELDS = (("change_id", "integer"), ("compare_id", "integer"), ("change_type", "string"), ("label", "string"),
          ("register_id", "integer"), ("external_id", "string"), ("register_code", "string"),
          ("observed_code", "string"), ("distance_m", "double"), ("views", "integer"), ("panorama_id", "integer"))


def output_fields() -> QgsFields:
    """The change layer's fields, declared through a memory-layer URI: no QVariant/QMetaType enums needed."""
    spec = "&".join(f"field={name}:{kind}" for name, kind in FIELDS)
    return QgsVectorLayer(f"Point?crs=EPSG:25832&{spec}", "changes", "memory").fields()


class _StyleChanges(QgsProcessingLayerPostProcessorInterface):
    """Colours the change layer by type once it is loaded (kept alive by the algorithm)."""

    def postProcessLayer(self, layer, context, feedback):
        categories = []
        for change_type, colour in COLOURS.items():
            symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "3",
                                                   "outline_color": "#ffffff"})
            categories.append(QgsRendererCategory(change_type, symbol, change_type_label(change_type)))
        layer.setRenderer(QgsCategorizedSymbolRenderer("change_type", categories))
        layer.triggerRepaint()


class CompareRegisterAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "compareregister"

    def displayName(self) -> str:
        return tr("Compare register with campaign")

    def shortHelpString(self) -> str:
        return tr(
            "Compares the sign register with what a campaign's panoramas saw. The campaign's detections (not "
            "rejected, score at least MIN_SCORE; accepted ones through their assets) are grouped into observed "
            "signs by their view rays. Each register entry becomes <b>confirmed</b>, <b>moved</b> (same class "
            "seen farther than TOLERANCE_M, up to 10 m), <b>class changed</b>, <b>value changed</b> (Tempo 30 → "
            "50), <b>missing</b> (a panorama of the campaign stood within 15 m in front of it and nothing was "
            "seen) or <b>not covered</b> (no panorama had it in view); signs seen at least twice that the "
            "register lacks are <b>new</b>. With OTHER_CAMPAIGN the earlier campaign's observations take the "
            "register's place (change between campaigns). Every run is stored with its changes (register_change, "
            "earlier runs stay as history); OUTPUT is the layer of changes, coloured by type.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterString("CAMPAIGN", tr("Campaign (name or id; empty: the latest)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString(
            "OTHER_CAMPAIGN", tr("Earlier campaign instead of the register (name or id, optional)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "TOLERANCE_M", tr("Position tolerance (m)"), type=QgsProcessingParameterNumber.Type.Double,
            defaultValue=2.0, minValue=0.1, maxValue=50.0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_SCORE", tr("Lowest detection score used"), type=QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.3, minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", tr("Changes"), type=QgsProcessing.SourceType.TypeVectorPoint))
        for key in OUTPUT_KEYS:
            self.addOutput(QgsProcessingOutputNumber(key, change_type_label(key.lower())))
        self.addOutput(QgsProcessingOutputNumber("COMPARE_ID", tr("Comparison run id")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..register.compare import compare_register
        from ..store import StoreError

        progress, cancelled = progress_callbacks(feedback)
        store = open_store_parameter(self, parameters, context)
        try:
            result = compare_register(
                store, self.parameterAsString(parameters, "CAMPAIGN", context),
                self.parameterAsDouble(parameters, "TOLERANCE_M", context), actor=_actor(),
                min_score=self.parameterAsDouble(parameters, "MIN_SCORE", context), progress=progress,
                cancelled=cancelled, other_campaign=self.parameterAsString(parameters, "OTHER_CAMPAIGN", context))
            if result.cancelled:
                raise QgsProcessingException(tr("Cancelled: nothing was stored."))
            ext = {r["id"]: r["external_id"] for r in store.select("register_entry")}
            rows = store.select("register_change", {"compare_id": result.compare_id})
        except (ValueError, StoreError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, output_fields(), QgsWkbTypes.Type.Point,
                                          QgsCoordinateReferenceSystem("EPSG:25832"))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        for r in rows:
            f = QgsFeature(output_fields())
            f.setAttributes([r["id"], r["compare_id"], r["change_type"], change_type_label(r["change_type"]),
                             r["register_id"], ext.get(r["register_id"]), _code(r["register_code"], r["register_value"]),
                             _code(r["observed_code"], r["observed_value"]), r["distance_m"], r["views"],
                             r["panorama_id"]])
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(r["geom"].x, r["geom"].y)))
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        if context.willLoadLayerOnCompletion(dest):
            self._styler = _StyleChanges()
            context.layerToLoadOnCompletionDetails(dest).setPostProcessor(self._styler)
        for key in OUTPUT_KEYS:
            feedback.pushInfo(f"{change_type_label(key.lower())}: {result.counts.get(key.lower(), 0)}")
        outputs = {"OUTPUT": dest, "COMPARE_ID": result.compare_id}
        outputs.update({key: result.counts.get(key.lower(), 0) for key in OUTPUT_KEYS})
        feedback.setProgress(100)
        return outputs


def _code(code, value):
    if not code:
        return None
    return f"{code}-{value}" if value else code


def _actor() -> str:
    import getpass
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment
        return ""

