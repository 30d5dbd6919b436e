"""Turn what a user types or picks into a store URI, with credentials from the QGIS auth database.

A store is a GeoPackage path, a ``postgresql://`` URI / libpq conninfo, or the name of a QGIS PostgreSQL
connection. Passwords are only ever held in memory: they come from an authcfg and never reach settings or logs.
"""
import re

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsProviderRegistry

from .i18n import tr


class ConnectionError_(Exception):  # noqa: N801 - avoid shadowing the builtin ConnectionError
    """The connection text or authcfg cannot be used; the message is meant for the user."""


def is_postgres(text: str) -> bool:
    text = (text or "").strip()
    return text.startswith(("postgresql://", "postgres://")) or bool(re.search(r"\b(dbname|service)=", text))


def _credentials(authcfg: str):
    config = QgsAuthMethodConfig()
    if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True):
        raise ConnectionError_(tr("The authentication configuration '{id}' could not be loaded.").format(id=authcfg))
    return config.config("username"), config.config("password")


def _quote(value: str) -> str:
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _conninfo_from_qgis_uri(uri: QgsDataSourceUri) -> str:
    parts = []
    for key, value in (("host", uri.host()), ("port", uri.port()), ("dbname", uri.database()),
                       ("user", uri.username()), ("password", uri.password()), ("service", uri.service())):
        if value:
            parts.append(f"{key}={_quote(value)}")
    if uri.sslMode() == QgsDataSourceUri.SslMode.SslRequire:
        parts.append("sslmode=require")
    return " ".join(parts)


def resolve_store(text: str, authcfg: str = "") -> str:
    """A GeoPackage path stays as it is; a PostgreSQL target becomes a libpq conninfo with credentials."""
    text = (text or "").strip()
    if not text:
        raise ConnectionError_(tr("No store given: choose a GeoPackage file or a PostgreSQL connection."))
    if text.lower().endswith(".gpkg"):
        return text
    if is_postgres(text):
        conninfo = text
    else:
        metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
        try:
            connection = metadata.findConnection(text)
        except Exception:  # QgsProviderConnectionException: not a saved connection name
            connection = None
        if connection is None:
            raise ConnectionError_(
                tr("'{name}' is neither a GeoPackage (.gpkg) nor a known PostgreSQL connection.").format(name=text))
        uri = QgsDataSourceUri(connection.uri())
        authcfg = authcfg or uri.authConfigId()
        conninfo = _conninfo_from_qgis_uri(uri)
    if authcfg:
        user, password = _credentials(authcfg)
        if conninfo.startswith(("postgresql://", "postgres://")):
            conninfo = _uri_to_conninfo(conninfo)
        conninfo = f"{conninfo} user={_quote(user)} password={_quote(password)}"
    return conninfo


def _uri_to_conninfo(uri: str) -> str:
    """psycopg2 accepts both forms, but credentials can only be appended to the key=value form."""
    from urllib.parse import parse_qsl, unquote, urlparse

    parsed = urlparse(uri)
    parts = []
    if parsed.hostname:
        parts.append(f"host={_quote(parsed.hostname)}")
    if parsed.port:
        parts.append(f"port={parsed.port}")
    if parsed.path.strip("/"):
        parts.append(f"dbname={_quote(unquote(parsed.path.strip('/')))}")
    for key, value in parse_qsl(parsed.query):
        parts.append(f"{key}={_quote(value)}")
    return " ".join(parts)
