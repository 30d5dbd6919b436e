"""herzlich_digital:exportassets: the asset inventory to GeoPackage, GeoJSON or CSV."""
from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterAuthConfig,
                       QgsProcessingParameterEnum, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterString)

from ..review.export_assets import FORMATS, STATUSES
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from .import_panorama_common import open_store_parameter
from ..review.export_assets import export_assets
from ..store import StoreError


class ExportAssetsAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "exportassets"

    def displayName(self) -> str:
        return tr("Export assets")

    def shortHelpString(self) -> str:
        return tr(
            "Writes the asset inventory with VzKat codes, German names, status, condition and position quality. "
            "STATUS: all; accepted (confirmed by at least one accepted detection); or the lifecycle status "
            "existing, planned, removed, withdrawn (withdrawn: the decision that created it was undone). "
            "GeoPackage and CSV are in EPSG:25832 (the CSV also has lon/lat), GeoJSON in WGS 84.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "STORE", tr("Store (GeoPackage path, PostgreSQL connection name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterEnum("STATUS", tr("Status"), options=list(STATUSES),
                                                     defaultValue="accepted", usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterEnum("FORMAT", tr("Format"), options=list(FORMATS),
                                                     defaultValue="gpkg", usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Output file"),
            fileFilter=tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV files (*.csv)")))
        self.addOutput(QgsProcessingOutputNumber("COUNT", tr("Exported assets")))

    def processAlgorithm(self, parameters, context, feedback):
        status = self.parameterAsEnumString(parameters, "STATUS", context) or "accepted"
        fmt = self.parameterAsEnumString(parameters, "FORMAT", context) or "gpkg"
        path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        suffix = {"gpkg": ".gpkg", "geojson": ".geojson", "csv": ".csv"}[fmt]
        if not path.lower().endswith(suffix):
            path = path.rsplit(".", 1)[0] + suffix if "." in path.rsplit("/", 1)[-1] else path + suffix
        store = open_store_parameter(self, parameters, context)
        try:
            count = export_assets(store, path, status, fmt)
        except (ValueError, OSError, StoreError) as error:
            raise QgsProcessingException(str(error))
        finally:
            store.close()
        feedback.pushInfo(tr("{count} assets exported to {path}.").format(count=count, path=path))
        return {"OUTPUT": path, "COUNT": count}
