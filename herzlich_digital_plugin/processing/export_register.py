"""herzlich_digital:exportregister: the updated register in the city's fields (GeoPackage or CSV) + district report."""
import csv

from qgis.core import (QgsCoordinateTransformContext, QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException,
                       QgsProcessingOutputNumber, QgsProcessingParameterAuthConfig, QgsProcessingParameterEnum,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString, QgsVectorFileWriter,
                       QgsVectorLayer)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import open_store_parameter


def write_gpkg(rows, order, path):
    """The rows as a point layer "register" (EPSG:25832), every field as text."""
    import re
    from urllib.parse import quote
    names = [n for n in order if n not in ("x", "y")]
    safe = [re.sub(r"[^0-9A-Za-z_]", "_", n) or "field" for n in names]
    spec = "&".join(f"field={quote(n)}:string" for n in safe)
    layer = QgsVectorLayer(f"Point?crs=EPSG:25832&{spec}", "register", "memory")
    features = []
    for row in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes([None if row.get(n) is None else str(row.get(n)) for n in names])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(row["x"]), float(row["y"]))))
        features.append(f)
    layer.dataProvider().addFeatures(features)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "register"
    result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsCoordinateTransformContext(), options)
    if result[0] != QgsVectorFileWriter.WriterError.NoError:
        raise QgsProcessingException(tr("The register could not be written: {error}").format(error=result[1]))
    return len(features)


class ExportRegisterAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "exportregister"

    def displayName(self) -> str:
        return tr("Export updated sign register")

    def shortHelpString(self) -> str:
        return tr(
            "Writes the register back in the field names of its import (GeoPackage or CSV by the OUTPUT "
            "extension), with the changes of one comparison (COMPARE id; empty: the latest) applied: "
            "<b>decided</b> only those a reviewer decided 'update register', <b>all</b> every change found "
            "(moved: the seen position, class/value changed: the seen code, missing: status 'fehlt', new: a "
            "new row NEU-<id>). Extra columns: vzkat_code_neu, status, aenderung (the change type), x, y "
            "(EPSG:25832). DISTRICT_REPORT: counts by change type per district (CSV).")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterString("COMPARE", tr("Comparison run id (empty: the latest)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterEnum("APPLY", tr("Changes to apply"), options=["decided", "all"],
                                                     defaultValue="decided", usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Updated register"), fileFilter=tr("GeoPackage (*.gpkg);;CSV files (*.csv)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "DISTRICT_REPORT", tr("Changes per district"), fileFilter=tr("CSV files (*.csv)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("EXPORTED", tr("Exported register rows")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..register.export import district_report, updated_rows, write_csv
        from ..store import StoreError

        text = (self.parameterAsString(parameters, "COMPARE", context) or "").strip()
        if text and not text.isdigit():
            raise QgsProcessingException(tr("The comparison run id must be a number, not '{value}'.").format(
                value=text))
        apply = self.parameterAsEnumString(parameters, "APPLY", context) or "decided"
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        report_path = self.parameterAsFileOutput(parameters, "DISTRICT_REPORT", context)
        store = open_store_parameter(self, parameters, context)
        try:
            rows, order = updated_rows(store, int(text) if text else None, apply)
            districts = district_report(store, int(text) if text else None) if report_path else None
        except (ValueError, StoreError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        try:
            count = write_csv(rows, order, out) if out.lower().endswith(".csv") else write_gpkg(rows, order, out)
            outputs = {"OUTPUT": out, "EXPORTED": count}
            if report_path:
                with open(report_path, "w", newline="", encoding="utf-8") as fh:
                    w = csv.DictWriter(fh, fieldnames=list(districts[0]) if districts else ["district"],
                                       delimiter=";")
                    w.writeheader()
                    w.writerows(districts)
                outputs["DISTRICT_REPORT"] = report_path
        except OSError as error:
            raise QgsProcessingException(tr("The register could not be written: {error}").format(error=error))
        feedback.pushInfo(tr("{count} register rows written to {path}.").format(count=count, path=out))
        return outputs
