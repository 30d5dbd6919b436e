"""herzlich_digital:roadworksreport: the German PDF report of one construction site (QgsLayout)."""
import shutil
import tempfile
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .roadworks_impact import (CRITERIA, add_road_field_parameters, add_store_parameters, live_sensors,
                               open_store_parameter, road_fields, road_network)
from ..roadworks.analysis_common import SiteNotFound
from ..roadworks.analysis_impact import check_roadworks
from ..roadworks.detour_graph import route_street_names
from ..roadworks.report_pdf import write_report
from ..roadworks.report_snapshots import render_snapshots
from ..store import StoreError
from ..toolbelt.settings import SettingsManager

_INT = QgsProcessingParameterNumber.Type.Integer
_DOUBLE = QgsProcessingParameterNumber.Type.Double


class RoadworksReportAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "roadworksreport"

    def displayName(self) -> str:
        return tr("Roadworks report (PDF)")

    def shortHelpString(self) -> str:
        return tr(
            "Writes a German PDF report of one construction site: a map of the site with the detour, the affected "
            "signs, lights and markings, the sensors and conflicting works; the site's fields; the conflicts; the "
            "affected-asset table; sensors and the traffic estimate; the typical-week chart with the quietest "
            "window; the detour; and 'before' views of the site rendered from the nearest panoramas captured "
            "before the works began (demo-city images are rendered on demand). The checks are those of 'Check "
            "roadworks'; ROADS is the road network for the detour (empty: the store's roads).")

    def initAlgorithm(self, config=None):
        add_store_parameters(self)
        self.addParameter(QgsProcessingParameterNumber("ROADWORKS", tr("Roadworks id"), type=_INT, minValue=1))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "ROADS", tr("Road network for the detour (empty: the store's roads)"),
            [QgsProcessing.SourceType.TypeVectorLine], optional=True))
        add_road_field_parameters(self)
        self.addParameter(QgsProcessingParameterString(
            "SENSORS_URL", tr("SensorThings service for live values (optional)"), optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "SENSORS_AUTHCFG", tr("Authentication for the SensorThings service"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "BUFFER", tr("Buffer around the site (m)"), type=_DOUBLE, defaultValue=15.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "SENSOR_DISTANCE", tr("Sensors within (m)"), type=_DOUBLE, defaultValue=300.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "DURATION_H", tr("Duration of the works per session (hours, for the quietest window)"), type=_INT,
            defaultValue=8, minValue=1, maxValue=168))
        self.addParameter(QgsProcessingParameterNumber(
            "SNAPSHOTS", tr("Panorama views of the site"), type=_INT, defaultValue=2, minValue=0, maxValue=6))
        self.addParameter(QgsProcessingParameterString(
            "IMAGE_ROOT", tr("Image root (folder or http(s) address; nothing outside it is read)"), optional=True))
        self.addParameter(QgsProcessingParameterAuthConfig(
            "IMAGE_AUTHCFG", tr("Authentication for the image server"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Report (PDF)"), fileFilter=tr("PDF files (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber("PAGES", tr("Pages")))

    def processAlgorithm(self, parameters, context, feedback):
        roadworks_id = self.parameterAsInt(parameters, "ROADWORKS", context)
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not output.lower().endswith(".pdf"):
            output += ".pdf"
        store = open_store_parameter(self, parameters, context)
        workdir = Path(tempfile.mkdtemp(prefix="hd_roadworks_report_"))
        try:  # the snapshots are in the PDF now: the folder goes, whatever happened
            try:
                layer, network = road_network(self, parameters, context, store, feedback)
                snapshot, client = live_sensors(self, parameters, context, feedback)
                feedback.setProgressText(tr("Checking roadworks {id}").format(id=roadworks_id))
                report = check_roadworks(
                    store, roadworks_id, self.parameterAsDouble(parameters, "BUFFER", context),
                    self.parameterAsInt(parameters, "DURATION_H", context),
                    self.parameterAsDouble(parameters, "SENSOR_DISTANCE", context), snapshot, client, network,
                    CRITERIA[self.parameterAsEnum(parameters, "CRITERION", context)])
                feedback.setProgress(40)
                feedback.setProgressText(tr("Rendering the panorama views"))
                views = render_snapshots(
                    store, report.works.geometry, workdir, report.works.start,
                    self.parameterAsInt(parameters, "SNAPSHOTS", context),
                    image_root=self.parameterAsString(parameters, "IMAGE_ROOT", context) or None,
                    authcfg=self.parameterAsString(parameters, "IMAGE_AUTHCFG", context),
                    timeout_s=float(SettingsManager().get("network_timeout_s")),
                    log=lambda text: feedback.reportError(text, False))
            except SiteNotFound:
                raise QgsProcessingException(tr("There are no roadworks with id {id} in the store.").format(id=roadworks_id))
            except StoreError as error:
                raise QgsProcessingException(tr("Reading the store failed: {error}").format(error=error))
            finally:
                store.close()
            if report.detour is not None and layer is not None:
                for one in report.detour.directions:
                    if one.route is not None:
                        one.streets = route_street_names(layer, road_fields(self, parameters, context),
                                                         list(one.route.coords))
            feedback.setProgress(70)
            feedback.setProgressText(tr("Writing the PDF"))
            try:
                pages = write_report(report, Path(output), layer, views, workdir=workdir)
            except OSError as error:
                raise QgsProcessingException(str(error))
            feedback.setProgress(100)
            return {"OUTPUT": output, "PAGES": pages}
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
