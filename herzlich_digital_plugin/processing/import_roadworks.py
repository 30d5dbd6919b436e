"""herzlich_digital:importroadworks: roadworks from a DATEX II SituationPublication (2.0/3) or GeoJSON."""
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProject,
)

from ..core.definitions import STORE_CRS
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from ..roadworks.exchange_io import ExchangeError, import_roadworks_file
from ..roadworks.exchange_xml import XmlError
from ..roadworks.geojson import GeoJsonError
from ..roadworks.repository import default_actor
from ..store import PermissionDeniedError, StoreError
from .import_panorama_common import open_store_parameter, permission_denied, require_input

MAX_MESSAGES_SHOWN = 20  # the log stays readable; REPORT has every row


def qgis_crs_transform(crs_name: str):
    """A geometry converter from a CRS named in a GeoJSON file to EPSG:25832, through QGIS; None if unknown."""
    from shapely import wkb as shapely_wkb

    source = QgsCoordinateReferenceSystem()
    # createFromOgcWmsCrs reads EPSG:n, urn:ogc:def:crs:EPSG::n and the opengis.net URIs alike.
    if not source.createFromOgcWmsCrs(crs_name):
        source = QgsCoordinateReferenceSystem(crs_name)  # WKT or PROJ text
    if not source.isValid():
        return None
    transform = QgsCoordinateTransform(source, QgsCoordinateReferenceSystem(STORE_CRS),
                                       QgsProject.instance().transformContext())

    def convert(geom):
        qgs = QgsGeometry()
        qgs.fromWkb(geom.wkb)
        qgs.transform(transform)
        return shapely_wkb.loads(bytes(qgs.asWkb()))
    return convert


class ImportRoadworksAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "importroadworks"
    SHOWS_STORE_LAYERS = ("roadworks", "roadworks_areas")

    def displayName(self) -> str:
        return tr("Import roadworks")

    def shortHelpString(self) -> str:
        return tr(
            "Imports roadworks from a DATEX II SituationPublication (version 2.0, including the German MDM "
            "profile, or 3) or from GeoJSON. DATEX II MaintenanceWorks and ConstructionWorks records become "
            "roadworks; lane and speed management records linked to them give the restriction and the speed "
            "limit; other record types are skipped and counted by type. Records without coordinates are rejected "
            "with the reason. A record already imported (same record id) updates its roadworks. Every change is "
            "written to the roadworks history under ACTOR. REPORT lists rejected records, skipped record types "
            "and warnings.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", tr("DATEX II XML or GeoJSON file"),
            fileFilter=tr("DATEX II or GeoJSON (*.xml *.geojson *.json);;All files (*)")))
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "ACTOR", tr("Recorded as the author of the changes (empty: your user name)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", tr("Report of rejected and skipped records"), fileFilter=tr("CSV files (*.csv)"),
            optional=True, createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("IMPORTED", tr("Roadworks imported or updated")))
        self.addOutput(QgsProcessingOutputNumber("UPDATED", tr("Roadworks updated")))
        self.addOutput(QgsProcessingOutputNumber("REJECTED", tr("Rejected records")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", tr("Skipped records of other types")))

    def processAlgorithm(self, parameters, context, feedback):
        path = require_input(self.parameterAsFile(parameters, "INPUT", context))
        actor = (self.parameterAsString(parameters, "ACTOR", context) or "").strip() or default_actor()
        store = open_store_parameter(self, parameters, context)
        try:
            report = import_roadworks_file(store, path, actor, crs_transform=qgis_crs_transform)
        except (ExchangeError, XmlError, GeoJsonError) as error:
            raise QgsProcessingException(tr("{path}: {error}").format(path=path, error=error))
        except PermissionDeniedError as error:
            raise permission_denied(error, "hd_planner")
        except StoreError as error:
            raise QgsProcessingException(tr("Writing to the store failed, nothing was imported: {error}").format(
                error=error))
        finally:
            store.close()
        for source, message in report.warnings[:MAX_MESSAGES_SHOWN]:
            feedback.pushInfo(tr("Warning: {source}: {message}").format(source=source, message=message))
        for source, reason in report.rejected[:MAX_MESSAGES_SHOWN]:
            feedback.reportError(tr("Rejected: {source}: {reason}").format(source=source, reason=reason), False)
        if len(report.rejected) > MAX_MESSAGES_SHOWN:
            feedback.reportError(tr("… and {count} more rejected records.").format(
                count=len(report.rejected) - MAX_MESSAGES_SHOWN), False)
        feedback.pushInfo(report.summary())
        outputs = {"IMPORTED": report.imported + report.updated, "UPDATED": report.updated,
                   "REJECTED": len(report.rejected), "SKIPPED": report.skipped}
        report_path = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report_path:
            try:
                report.write_report(report_path)
            except OSError as error:
                raise QgsProcessingException(tr("The report could not be written: {error}").format(error=error))
            outputs["REPORT"] = report_path
        feedback.setProgress(100)
        return outputs
