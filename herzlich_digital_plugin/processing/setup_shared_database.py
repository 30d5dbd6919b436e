"""herzlich_digital:setupshareddatabase: create or upgrade the shared PostGIS store and its roles."""
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from ..toolbelt.db_connection import ConnectionError_, is_postgres, resolve_store
from ..toolbelt.i18n import tr
from .base import HdAlgorithm
from ..store import StoreError
from ..store.postgis_setup import setup_shared_database
from ..store.errors import PermissionDeniedError


class SetupSharedDatabaseAlgorithm(HdAlgorithm):
    ALGORITHM_ID = "setupshareddatabase"

    def displayName(self) -> str:
        return tr("Set up shared database")

    def shortHelpString(self) -> str:
        return tr(
            "Creates the Herzlich Digital schema in a PostgreSQL/PostGIS database, or upgrades it to the "
            "current version, and (optionally) the group roles hd_viewer, hd_reviewer, hd_planner and hd_admin. "
            "Give a QGIS PostgreSQL connection name or a postgresql:// address, and the credentials of a "
            "database administrator as an authentication configuration.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(
            "CONNECTION", tr("PostgreSQL connection (name or postgresql:// address)")))
        self.addParameter(QgsProcessingParameterAuthConfig("AUTHCFG", tr("Authentication"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean("CREATE_ROLES", tr("Create roles"), defaultValue=True))
        self.addOutput(QgsProcessingOutputNumber("SCHEMA_VERSION", tr("Schema version")))

    def processAlgorithm(self, parameters, context, feedback):
        text = self.parameterAsString(parameters, "CONNECTION", context)
        authcfg = self.parameterAsString(parameters, "AUTHCFG", context)
        create_roles = self.parameterAsBoolean(parameters, "CREATE_ROLES", context)
        try:
            conninfo = resolve_store(text, authcfg)
        except ConnectionError_ as error:
            raise QgsProcessingException(str(error))
        if not is_postgres(conninfo) and not conninfo.startswith(("host=", "dbname=")) and "dbname=" not in conninfo:
            raise QgsProcessingException(tr("A shared database must be PostgreSQL, not a GeoPackage."))
        try:
            version = setup_shared_database(conninfo, create_roles=create_roles)
        except PermissionDeniedError as error:
            # "must have admin option on role hd_viewer", "permission denied for schema public", ...
            raise QgsProcessingException(tr(
                "Only a database administrator can set up the shared database: the user of this connection may "
                "not create the tables, roles or grants. Ask an administrator (a superuser, or a user with "
                "CREATEROLE who owns the database) to run it, or choose the administrator's authentication. "
                "The database said: {error}").format(error=_first_line(error)))
        except StoreError as error:
            raise QgsProcessingException(tr("Setting up the shared database failed: {error}").format(error=error))
        feedback.pushInfo(tr("Schema version {version} is in place.").format(version=version))
        return {"SCHEMA_VERSION": version}


def _first_line(error) -> str:
    return (str(error).strip().splitlines() or [""])[0][:200]
