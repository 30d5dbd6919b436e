"""herzlich_digital:importregister: the city's sign register (any point layer or file) into a store."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeatureRequest,
                       QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterCrs, QgsProcessingParameterDefinition, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString, QgsProject, QgsVectorLayer)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import MAX_WARNINGS_SHOWN, open_store_parameter, progress_callbacks

# (parameter, RegisterMapping attribute, label)
FIELD_PARAMETERS = (
    ("FIELD_ID", "id"), ("FIELD_VZKAT", "vzkat"), ("FIELD_VALUE", "value"), ("FIELD_DIRECTION", "direction"),
    ("FIELD_POST", "post"), ("FIELD_INSTALLED", "installed"), ("FIELD_CONDITION", "condition"),
    ("FIELD_DISTRICT", "district"), ("FIELD_SUPPLEMENTS", "supplements"),
)


def open_register_layer(path: str, x_field: str, y_field: str, crs_text: str) -> QgsVectorLayer:
    """A layer of the INPUT: a CSV with x/y columns through the delimited-text provider, else through OGR/WFS."""
    from pathlib import Path
    from urllib.parse import quote
    text = (path or "").strip()
    if text.lower().endswith((".csv", ".txt")):
        with open(text, encoding="utf-8-sig", errors="replace") as fh:
            head = fh.readline()
        delimiter = ";" if head.count(";") > head.count(",") else ","
        uri = (f"{Path(text).resolve().as_uri()}?type=csv&delimiter={delimiter}&xField={quote(x_field)}"
               f"&yField={quote(y_field)}&crs={quote(crs_text, safe=':')}&detectTypes=no")
        layer = QgsVectorLayer(uri, "register", "delimitedtext")
    elif text.upper().startswith(("WFS:", "HTTP://", "HTTPS://")) or "typename=" in text.lower():
        layer = QgsVectorLayer(text[4:] if text.upper().startswith("WFS:") else text, "register", "WFS")
    else:
        layer = QgsVectorLayer(text, "register", "ogr")
    if not layer.isValid():
        raise QgsProcessingException(tr("The register could not be read: {path}").format(path=text))
    return layer


class ImportRegisterAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "importregister"

    def displayName(self) -> str:
        return tr("Import sign register")

    def shortHelpString(self) -> str:
        return tr(
            "Imports the city's traffic-sign register (Verkehrszeichenkataster) from a GeoPackage, Shapefile, "
            "WFS (WFS:<url> or a WFS data source) or a CSV with x/y columns (FIELD_X, FIELD_Y in CSV_CRS). The "
            "field parameters name the register's own fields: id and VzKat code are required; the code may be "
            "written 206, 274-53 (old variant numbers: Tempo 30), 274-30, DE:274[30], VZ 206 or a German name "
            "such as Haltverbot; Zusatzzeichen (1000 series) are signs of their own, 'DE:260,1020-30' keeps them "
            "with the main sign. IMPORT_MAPPING: a CSV label,vzkat for any other spelling. Positions come in the "
            "layer's CRS and are stored in EPSG:25832. Rows without id, position or a known code go to REPORT "
            "with the reason. Importing the same register again updates the entries by id. Register positions "
            "are surveyed: triangulation never moves them.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", tr("Register (GeoPackage, Shapefile, CSV with x/y or WFS)"),
            fileFilter=tr("Register files (*.gpkg *.shp *.csv *.txt *.geojson);;All files (*)")))
        labels = {"FIELD_ID": tr("Id field"), "FIELD_VZKAT": tr("VzKat code field"),
                  "FIELD_VALUE": tr("Value field (speed or variant, optional)"),
                  "FIELD_DIRECTION": tr("Direction field (degrees the sign faces, optional)"),
                  "FIELD_POST": tr("Post field (Standort/Pfosten, optional)"),
                  "FIELD_INSTALLED": tr("Installation date field (optional)"),
                  "FIELD_CONDITION": tr("Condition field (optional)"),
                  "FIELD_DISTRICT": tr("District field (optional)"),
                  "FIELD_SUPPLEMENTS": tr("Zusatzzeichen field (optional)")}
        defaults = {"FIELD_ID": "id", "FIELD_VZKAT": "vzkat"}
        for name, _ in FIELD_PARAMETERS:
            self.addParameter(QgsProcessingParameterString(name, labels[name], defaultValue=defaults.get(name),
                                                           optional=name not in defaults))
        for name, label, default in (("FIELD_X", tr("x field (CSV)"), "x"), ("FIELD_Y", tr("y field (CSV)"), "y")):
            param = QgsProcessingParameterString(name, label, defaultValue=default, optional=True)
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(param)
        crs = QgsProcessingParameterCrs("CSV_CRS", tr("CRS of the CSV coordinates"), defaultValue="EPSG:25832",
                                        optional=True)
        crs.setFlags(crs.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(crs)
        self.addParameter(QgsProcessingParameterFile(
            "IMPORT_MAPPING", tr("Label mapping (CSV label,vzkat, optional)"), optional=True,
            fileFilter=tr("CSV files (*.csv)")))
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", tr("Rejected rows report"), fileFilter=tr("CSV files (*.csv)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("IMPORTED", tr("New register entries")))
        self.addOutput(QgsProcessingOutputNumber("UPDATED", tr("Updated register entries")))
        self.addOutput(QgsProcessingOutputNumber("REJECTED", tr("Rejected rows")))

    def processAlgorithm(self, parameters, context, feedback):
        from shapely import wkb as shapely_wkb

        from ..register.importer import RegisterMapping, import_register
        from ..review.vzkat_labels import load_mapping
        from ..store import StoreError

        path = self.parameterAsString(parameters, "INPUT", context)
        crs = self.parameterAsCrs(parameters, "CSV_CRS", context)
        layer = open_register_layer(path, self.parameterAsString(parameters, "FIELD_X", context) or "x",
                                    self.parameterAsString(parameters, "FIELD_Y", context) or "y",
                                    crs.authid() if crs.isValid() else "EPSG:25832")
        mapping = RegisterMapping(**{attr: (self.parameterAsString(parameters, name, context) or "").strip()
                                     for name, attr in FIELD_PARAMETERS})
        names = layer.fields().names()
        # The CSV's coordinate columns are the position, not extra fields.
        coordinates = ({self.parameterAsString(parameters, "FIELD_X", context) or "x",
                        self.parameterAsString(parameters, "FIELD_Y", context) or "y"}
                       if layer.providerType() == "delimitedtext" else set())
        missing = [f for f in mapping.mapped().values() if f not in names]
        if missing:
            raise QgsProcessingException(tr("The register has no field {missing}; its fields are: {fields}").format(
                missing=", ".join(missing), fields=", ".join(names)))
        label_path = self.parameterAsString(parameters, "IMPORT_MAPPING", context)
        try:
            labels = load_mapping(label_path) if label_path else None
        except ValueError as error:
            raise QgsProcessingException(str(error))
        if not layer.crs().isValid():
            raise QgsProcessingException(tr("The register layer has no coordinate reference system."))
        transform = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:25832"),
                                           QgsProject.instance().transformContext())

        def rows():
            for feature in layer.getFeatures(QgsFeatureRequest()):
                geom = None
                g = feature.geometry()
                if g is not None and not g.isNull() and not g.isEmpty():
                    try:
                        g.transform(transform)
                        geom = shapely_wkb.loads(bytes(g.asWkb()))
                    except Exception:  # a coordinate outside the CRS's area: rejected as "no position"
                        geom = None
                attrs = {k: v for k, v in zip(names, feature.attributes()) if k not in coordinates}
                attrs = {k: (None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
                         for k, v in attrs.items()}
                yield tr("feature {id}").format(id=feature.id()), attrs, geom

        progress, cancelled = progress_callbacks(feedback)
        store = open_store_parameter(self, parameters, context)
        try:
            report = import_register(store, rows(), mapping, labels, progress=progress, cancelled=cancelled,
                                     total=layer.featureCount())
        except StoreError as error:
            raise QgsProcessingException(tr("Writing to the store failed, nothing was imported: {error}").format(
                error=error))
        finally:
            store.close()
        for source, reason in report.rejected[:MAX_WARNINGS_SHOWN]:
            feedback.reportError(tr("Rejected: {source}: {reason}").format(source=source, reason=reason), False)
        if len(report.rejected) > MAX_WARNINGS_SHOWN:
            feedback.reportError(tr("… and {count} more rejected rows.").format(
                count=len(report.rejected) - MAX_WARNINGS_SHOWN), False)
        if report.cancelled:
            feedback.pushInfo(tr("Cancelled: nothing was imported."))
        feedback.pushInfo(tr("{imported} register entries new, {updated} updated, {unchanged} unchanged, "
                             "{rejected} rows rejected.").format(imported=report.imported, updated=report.updated,
                                                                unchanged=report.unchanged,
                                                                rejected=len(report.rejected)))
        outputs = {"IMPORTED": report.imported, "UPDATED": report.updated, "REJECTED": len(report.rejected)}
        out = self.parameterAsFileOutput(parameters, "REPORT", context)
        if out:
            try:
                report.write_report(out)
            except OSError as error:
                raise QgsProcessingException(tr("The report could not be written: {error}").format(error=error))
            outputs["REPORT"] = out
        feedback.setProgress(100)
        return outputs
