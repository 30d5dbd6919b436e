"""Errors raised by the store, the same for both backends.

Driver errors (sqlite3, psycopg2) are translated into these so callers never
need to import a database driver; the original error is kept as ``__cause__``.
"""


class StoreError(Exception):
    """Base class of every store error."""


class SchemaVersionError(StoreError):
    """The store's schema is newer than this code understands (or cannot be upgraded)."""


class ConflictError(StoreError):
    """An optimistic-lock update lost: somebody else changed the row first."""

    def __init__(self, current_row, message=None):
        self.current_row = current_row
        if message is None:
            message = ("The row was changed by someone else in the meantime "
                       f"(now at version {current_row.get('version')}).")
        super().__init__(message)


class AppendOnlyError(StoreError):
    """Rows of audit tables are never updated or deleted."""


class ForeignStoreError(StoreError):
    """A GeoPackage made by another application: the plugin schema is added only when asked to (adopt)."""


class NotFoundError(StoreError, LookupError):
    """No row with that id."""


class InvalidNameError(StoreError, ValueError):
    """A table or column name that schema.py does not declare."""


class GeometryError(StoreError, ValueError):
    """A geometry that does not fit the column (type, dimension) or cannot be decoded."""


class IntegrityError(StoreError):
    """A constraint failed (NOT NULL, foreign key, unique)."""


class PermissionDeniedError(StoreError):
    """The database user lacks the privilege (PostGIS roles)."""


class StoreBusyError(StoreError):
    """The database stayed locked by another writer for longer than the busy timeout."""
