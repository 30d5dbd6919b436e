"""herzlich_digital:reviewreport: review progress per class, reviewer and district, and the AI's precision."""
from qgis.core import (QgsProcessingException, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import open_store_parameter
from ..review.report import build_report, write_report
from ..store import StoreError


class ReviewReportAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "reviewreport"

    def displayName(self) -> str:
        return tr("Review report")

    def shortHelpString(self) -> str:
        return tr(
            "Reports the review progress per class (as the AI predicted it), per reviewer and per district "
            "(1 km squares of the UTM grid), and the AI's precision per class as measured by the reviews: "
            "accepted / (accepted + rejected + relabeled). OUTPUT ending in .html gives a web page, .csv a table.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Report"), fileFilter=tr("HTML files (*.html);;CSV files (*.csv)")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not path.lower().endswith((".html", ".htm", ".csv")):
            path += ".html"
        store = open_store_parameter(self, parameters, context)
        try:
            report = build_report(store)
        except StoreError as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        try:
            write_report(report, path)
        except (OSError, ValueError) as error:
            raise QgsProcessingException(tr("The report could not be written: {error}").format(error=error))
        t = report.totals
        feedback.pushInfo(tr("{done} of {total} detections reviewed.").format(
            done=t.get("total", 0) - t.get("new", 0), total=t.get("total", 0)))
        return {"OUTPUT": path}
