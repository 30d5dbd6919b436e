"""What the two panorama import algorithms share: STORE/AUTHCFG/CAMPAIGN/CAMERA_HEIGHT/REPORT and the report."""
import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..toolbelt.db_connection import ConnectionError_, resolve_store
from ..toolbelt.i18n import tr
from ..store import StoreError, open_store

MAX_WARNINGS_SHOWN = 20  # the log stays readable; the REPORT file has every rejected row


def add_store_parameters(algorithm):
    algorithm.addParameter(QgsProcessingParameterString(
        "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
    algorithm.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
    algorithm.addParameter(QgsProcessingParameterString("CAMPAIGN", tr("Campaign (created if it does not exist)")))
    algorithm.addParameter(QgsProcessingParameterNumber(
        "CAMERA_HEIGHT", tr("Camera height above the road (m)"), type=QgsProcessingParameterNumber.Type.Double,
        defaultValue=2.5, minValue=0.0, maxValue=20.0))


def add_report_parameters(algorithm):
    algorithm.addParameter(QgsProcessingParameterFileDestination(
        "REPORT", tr("Rejected rows report"), fileFilter=tr("CSV files (*.csv)"), optional=True,
        createByDefault=False))
    algorithm.addOutput(QgsProcessingOutputNumber("IMPORTED", tr("Imported panoramas")))
    algorithm.addOutput(QgsProcessingOutputNumber("REJECTED", tr("Rejected rows")))
    algorithm.addOutput(QgsProcessingOutputNumber("CAMPAIGN_ID", tr("Campaign id")))


def require_input(path, folder: bool = False) -> str:
    """The input checked before anything is created: a missing input never leaves an empty store behind."""
    text = path or ""
    if "\x00" in text:
        raise QgsProcessingException(tr("The input path contains a NUL character."))
    if folder and not os.path.isdir(text):
        raise QgsProcessingException(tr("The folder {path} does not exist.").format(path=text))
    if not folder and not os.path.isfile(text):
        raise QgsProcessingException(tr("The input file {path} does not exist.").format(path=text))
    return text


def permission_denied(error, role: str) -> QgsProcessingException:
    """A database refusal ("permission denied for table model_run") said as the role that is missing."""
    return QgsProcessingException(tr(
        "The database user may not write this: it needs the role {role} (ask an administrator to grant it). "
        "Nothing was imported. The database said: {error}").format(
            role=role, error=(str(error).strip().splitlines() or [""])[0][:200]))


def open_store_parameter(algorithm, parameters, context):
    """The opened store of STORE/AUTHCFG; QgsProcessingException with a user message otherwise."""
    text = algorithm.parameterAsString(parameters, "STORE", context)
    authcfg = algorithm.parameterAsString(parameters, "AUTHCFG", context)
    try:
        uri = resolve_store(text, authcfg)
        store = open_store(uri)
        algorithm.store_target = (uri, authcfg)  # the layers it changed are shown afterwards (base.HdAlgorithm)
        return store
    except ConnectionError_ as error:
        raise QgsProcessingException(str(error))
    except StoreError as error:
        raise QgsProcessingException(tr("The store could not be opened: {error}").format(error=error))


def progress_callbacks(feedback):
    def progress(percent, message=""):
        feedback.setProgress(min(99.0, float(percent)))
        if message:
            feedback.setProgressText(message)
    return progress, feedback.isCanceled


def finish(algorithm, report, parameters, context, feedback):
    """Log the outcome, write REPORT if asked, and return the outputs."""
    for source, message in report.warnings[:MAX_WARNINGS_SHOWN]:
        feedback.pushInfo(tr("Warning: {source}: {message}").format(source=source, message=message))
    if len(report.warnings) > MAX_WARNINGS_SHOWN:
        feedback.pushInfo(tr("… and {count} more warnings.").format(count=len(report.warnings) - MAX_WARNINGS_SHOWN))
    for source, reason in report.rejected[:MAX_WARNINGS_SHOWN]:
        feedback.reportError(tr("Rejected: {source}: {reason}").format(source=source, reason=reason), False)
    if len(report.rejected) > MAX_WARNINGS_SHOWN:
        feedback.reportError(tr("… and {count} more rejected rows.").format(
            count=len(report.rejected) - MAX_WARNINGS_SHOWN), False)
    if report.cancelled:
        feedback.pushInfo(tr("Cancelled: nothing was imported."))
    feedback.pushInfo(tr("{imported} panoramas imported, {rejected} rejected.").format(
        imported=report.imported, rejected=len(report.rejected)))
    outputs = {"IMPORTED": report.imported, "REJECTED": len(report.rejected),
               "CAMPAIGN_ID": report.campaign_id}
    path = algorithm.parameterAsFileOutput(parameters, "REPORT", context)
    if path:
        try:
            report.write_report(path)
        except OSError as error:
            raise QgsProcessingException(tr("The report could not be written: {error}").format(error=error))
        outputs["REPORT"] = path
    feedback.setProgress(100)
    return outputs
