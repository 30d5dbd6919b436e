"""herzlich_digital:checkstore: is the review state what the event log says (review/consistency.py)?"""
import csv

from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterString)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm


def problem_labels():
    return {"status": tr("status or asset differs from the review events"),
            "missing_asset": tr("linked to an asset that does not exist"),
            "withdrawn_asset": tr("accepted but linked to a withdrawn asset")}


class CheckStoreAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "checkstore"

    def displayName(self) -> str:
        return tr("Check store")

    def shortHelpString(self) -> str:
        return tr(
            "Checks that every detection's status and asset are what its review events say (the events are the "
            "record; the columns are derived from them) and that accepted detections point at a live asset. "
            "Nothing is changed. PROBLEMS is the number of problems; OUTPUT (CSV) lists them.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Problem report"), fileFilter=tr("CSV files (*.csv)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("PROBLEMS", tr("Problems found")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..review.consistency import check_store
        from ..store import StoreError, open_store
        from ..toolbelt.db_connection import ConnectionError_, resolve_store

        text = self.parameterAsString(parameters, "STORE", context)
        authcfg = self.parameterAsString(parameters, "AUTHCFG", context)
        path = self.parameterAsFileOutput(parameters, "OUTPUT", context) if parameters.get("OUTPUT") else ""
        try:
            store = open_store(resolve_store(text, authcfg), create=False)  # a check never creates a store
        except ConnectionError_ as error:
            raise QgsProcessingException(str(error))
        except StoreError as error:
            raise QgsProcessingException(tr("The store could not be opened: {error}").format(error=error))
        try:
            feedback.setProgressText(tr("Comparing detections with their review events…"))
            problems = check_store(store)
        except StoreError as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        labels = problem_labels()
        for p in problems[:20]:
            feedback.reportError(tr("Detection {id}: {problem} (stored {stored}, expected {derived})").format(
                id=p["detection_id"], problem=labels[p["kind"]], stored=p["stored"], derived=p["derived"] or "–"),
                False)
        if path:
            try:
                with open(path, "w", encoding="utf-8", newline="") as f:
                    w = csv.writer(f)
                    w.writerow(["detection_id", "problem", "stored_status", "stored_asset_id", "expected_status",
                                "expected_asset_id"])
                    for p in problems:
                        derived = p["derived"] or ("", "")
                        w.writerow([p["detection_id"], labels[p["kind"]], p["stored"][0], p["stored"][1],
                                    derived[0], derived[1]])
            except OSError as error:
                raise QgsProcessingException(tr("The report could not be written: {error}").format(error=error))
        feedback.pushInfo(tr("{count} problems found.").format(count=len(problems)) if problems
                          else tr("The store is consistent: no problems found."))
        feedback.setProgress(100)
        return {"PROBLEMS": len(problems), "OUTPUT": path or None}
