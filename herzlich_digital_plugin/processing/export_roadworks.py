"""herzlich_digital:exportroadworks: the store's roadworks as WZDx 4.2, DATEX II 3, Waze CIFS or GeoJSON."""
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.definitions import ROADWORKS_STATUSES as STATUSES
from ..core.definitions import ROADWORKS_EXPORT_FORMATS as FORMATS
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from ..roadworks.exchange_io import ExchangeError, export_roadworks
from ..store import StoreError
from .import_panorama_common import open_store_parameter

SUFFIXES = {"wzdx": ".geojson", "datex2": ".xml", "cifs": ".json", "geojson": ".geojson"}


class ExportRoadworksAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "exportroadworks"

    def displayName(self) -> str:
        return tr("Export roadworks")

    def shortHelpString(self) -> str:
        return tr(
            "Writes the store's roadworks as a WZDx 4.2 work zone feed (GeoJSON, lon/lat), a DATEX II 3 "
            "SituationPublication (posList in lat lon order), a Waze CIFS JSON feed (polylines in lat lon order) "
            "or GeoJSON with every field (EPSG:4326). Without STATUS, WZDx and CIFS carry approved and active "
            "roadworks, DATEX II and GeoJSON all. WZDx and CIFS need a line along the road: roadworks drawn as "
            "polygons are left out and named in the log. COUNT is the number of roadworks written.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            "FORMAT", tr("Format"), options=[tr("WZDx 4.2 (GeoJSON)"), tr("DATEX II 3 (XML)"),
                                             tr("Waze CIFS (JSON)"), tr("GeoJSON (all fields)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            "STATUS", tr("Statuses to export (empty: depends on the format)"),
            options=[tr("planned"), tr("approved"), tr("active"), tr("completed"), tr("cancelled")],
            allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "PUBLISHER", tr("Publisher named in the feed"), defaultValue="Stadt Kaiserslautern"))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Output file"),
            fileFilter=tr("GeoJSON (*.geojson);;XML (*.xml);;JSON (*.json)")))
        self.addOutput(QgsProcessingOutputNumber("COUNT", tr("Roadworks written")))

    def processAlgorithm(self, parameters, context, feedback):
        fmt = FORMATS[self.parameterAsEnum(parameters, "FORMAT", context)]
        statuses = None  # QGIS 3.22 reads an absent optional multiple enum as [0]: look at the raw value
        if parameters.get("STATUS") not in (None, "", []):
            statuses = [STATUSES[i] for i in self.parameterAsEnums(parameters, "STATUS", context)] or None
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not output.lower().endswith((".geojson", ".json", ".xml")):
            output += SUFFIXES[fmt]
        publisher = self.parameterAsString(parameters, "PUBLISHER", context) or "Stadt Kaiserslautern"
        store = open_store_parameter(self, parameters, context)
        try:
            result = export_roadworks(store, fmt, output, statuses=statuses, publisher=publisher)
        except ExchangeError as error:
            raise QgsProcessingException(str(error))
        except StoreError as error:
            raise QgsProcessingException(tr("Reading the store failed: {error}").format(error=error))
        except OSError as error:
            raise QgsProcessingException(tr("The file could not be written: {error}").format(error=error))
        finally:
            store.close()
        for works, message in result.warnings:
            feedback.pushInfo(tr("Warning: {source}: {message}").format(source=works, message=message))
        feedback.pushInfo(tr("{count} roadworks written to {path}.").format(count=result.count, path=result.path))
        feedback.setProgress(100)
        return {"OUTPUT": str(result.path), "COUNT": result.count}
