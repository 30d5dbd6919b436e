"""The data store: one API over a GeoPackage file or a shared PostGIS database.

    from herzlich_digital_plugin.store import open_store
    with open_store("/data/city.gpkg") as store:
        pano_id = store.insert("panorama", {"geom": Point(x, y, z), ...})

No QGIS imports here; layers are built from ``store.layer_uri(table)``.
"""
import os

from .base import Store
from .errors import (AppendOnlyError, ConflictError, ForeignStoreError, GeometryError, IntegrityError, InvalidNameError,
                     NotFoundError, PermissionDeniedError, SchemaVersionError, StoreBusyError,
                     StoreError)

__all__ = ["open_store", "is_postgis_uri", "Store", "StoreError", "SchemaVersionError", "ConflictError",
           "AppendOnlyError", "NotFoundError", "InvalidNameError", "GeometryError", "IntegrityError",
           "PermissionDeniedError", "StoreBusyError", "ForeignStoreError"]


def is_postgis_uri(uri: str) -> bool:
    """True for ``postgresql://`` URIs and libpq conninfo strings (``dbname=… host=…``)."""
    uri = uri.strip()
    return uri.startswith(("postgresql://", "postgres://")) or ("=" in uri and not uri.lower().endswith(".gpkg"))


def open_store(uri, create: bool = True, schema: str = "public", adopt: bool = False) -> Store:
    """Open (and with ``create``, create) a store, upgrading an older schema.

    ``uri``: a path ending in ``.gpkg``, a ``postgresql://`` URI or a libpq conninfo
    string (the password, if any, is only passed through to libpq). ``schema`` is the
    PostgreSQL schema. Raises SchemaVersionError for a store made by a newer plugin, ForeignStoreError for a
    GeoPackage of another application unless ``adopt`` (the user confirmed adding the plugin's tables).
    """
    uri = os.fspath(uri)
    if is_postgis_uri(uri):
        from .postgis import PostGISStore
        return PostGISStore(uri, create=create, schema=schema)
    if uri.lower().endswith(".gpkg"):
        from .gpkg import GeoPackageStore
        return GeoPackageStore(uri, create=create, adopt=adopt)
    raise StoreError(f"not a store location: {uri!r} (expected a .gpkg path or a PostgreSQL connection)")
