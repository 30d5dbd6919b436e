"""Forward-only schema migrations, applied when a store is opened.

Rules for adding one:
- append ``Migration(N, "what", fn)`` with N = previous + 1, raise ``schema.SCHEMA_VERSION``
  to N and change the declarations in schema.py to the new state;
- ``fn(store)`` upgrades a store at version N-1 (use ``store.execute`` and branch on
  ``store.backend`` where the dialects differ).
A brand-new store is created straight from schema.py (migration 1) and stamped with the
latest version: schema.py already describes the result of every later migration.
"""
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, List

from . import ddl
from .audit import audit_triggers
from .copy_columns import copy_triggers, pg_drop_copy_triggers
from .errors import PermissionDeniedError, SchemaVersionError, StoreError
from .schema import DETECTION_COUNT_INDEX, table


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable  # (store) -> None; runs inside the migration transaction


def _create_everything(store):
    store._create_schema()


def _detection_campaign(store):
    """detection.campaign_id, a trigger-kept copy of its panorama's: campaign filters read the index alone."""
    detection = table("detection")
    schema = getattr(store, "schema", None)
    statements = ddl.add_column(store.backend, detection, "campaign_id", schema)
    for sql, params in statements:
        store.execute(sql, params)
    d, p = store.table_ref("detection"), store.table_ref("panorama")
    store.execute(f'UPDATE {d} SET "campaign_id" = (SELECT p."campaign_id" FROM {p} p '  # nosec B608
                  f'WHERE p."id" = {d}."panorama_id")')
    for sql, params in copy_triggers(store.backend, detection, schema):
        store.execute(sql, params)
    for sql, params in ddl.replace_index(store.backend, detection, DETECTION_COUNT_INDEX[:-1],
                                         DETECTION_COUNT_INDEX, schema):
        store.execute(sql, params)
    # Statistics for the new index: without them SQLite plans the review queue's claim on it and takes a
    # second per item at city scale (0.2 s, once).
    store.execute(f"ANALYZE {d}")


def _audit_trail(store):
    """login / recorded_at stamped by the server, lease holders, append-only and status guards (store/audit.py)."""
    schema = getattr(store, "schema", None)
    for name, columns in (("review_event", ("login", "recorded_at")), ("review_lease", ("login",)),
                          ("roadworks_history", ("login", "recorded_at"))):
        present = _column_names(store, name)
        for column in columns:
            if column in present:  # a store patched by hand or half-downgraded: add only what is missing
                continue
            for sql, params in ddl.add_column(store.backend, table(name), column, schema):
                store.execute(sql, params)
    for sql, params in audit_triggers(store.backend, schema):
        store.execute(sql, params)


def _column_names(store, name):
    if store.backend == "gpkg":
        return {r["name"] for r in store.query(f"SELECT name FROM pragma_table_info('{name}')")}  # nosec B608
    return {r["column_name"] for r in store.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s",
        (store.schema, name))}


REGISTER_TABLES = ("register_entry", "register_compare", "register_change")


def _register_tables(store):
    """The sign register, its comparison runs and their changes (schema 4), on both backends."""
    for name in REGISTER_TABLES:
        if _column_names(store, name):  # already there (a store upgraded by hand): keep it
            continue
        if store.backend == "gpkg":
            statements = ddl.gpkg_table(table(name))
        else:
            statements = ddl.pg_table(table(name), store.schema)
        for sql, params in statements:
            store._execute(sql, params)



def _copy_trigger_per_statement(store):
    """PostGIS: the copy column of inserted rows fixed by one statement-level trigger instead of one PL/pgSQL
    call per row (a 250,000-row COPY paid 1.4 s for it). GeoPackage: nothing to change (SQLite has no
    statement triggers; its bulk path does the same work once per insert)."""
    if store.backend != "postgis":
        return
    detection = table("detection")
    for sql, params in pg_drop_copy_triggers(detection, store.schema) + copy_triggers("postgis", detection,
                                                                                      store.schema):
        store.execute(sql, params)


MIGRATIONS: List[Migration] = [
    Migration(1, "create all tables from schema.py", _create_everything),
    Migration(2, "detection.campaign_id copied from the panorama; counts index with it", _detection_campaign),
    Migration(3, "audit trail: server-side login and time, append-only and status guards", _audit_trail),
    Migration(4, "sign register: register_entry, register_compare, register_change", _register_tables),
    Migration(5, "PostGIS: detection.campaign_id of inserted rows set once per statement", _copy_trigger_per_statement),
]


def latest_version() -> int:
    """The newest schema version this code can read and write."""
    return max(m.version for m in MIGRATIONS)


def newer_schema_message(where: str, found: int, known: int) -> str:
    return (f"{where} was created by a newer Herzlich Digital (schema {found}); "
            f"this version understands up to {known}. Please update the plugin.")


def migrate(store, create: bool) -> int:
    """Bring ``store`` to ``latest_version()`` in one transaction; returns the version."""
    latest = latest_version()
    current = store._read_version()
    _check_not_newer(store, current, latest)
    if current == latest:
        store.schema_version = current
        return current
    if current is None and not create:
        raise StoreError(f"{store.describe()} holds no Herzlich Digital data (open it with create=True "
                         "or set up the shared database first)")
    try:
        with store.transaction():
            store._lock_for_migration()
            current = store._read_version()  # another process may have migrated meanwhile
            _check_not_newer(store, current, latest)
            if current is None:
                if store._has_user_tables():
                    raise StoreError(f"{store.describe()} has Herzlich Digital tables but no schema_meta; "
                                     "it was not created by this plugin")
                MIGRATIONS[0].apply(store)
                # schema.py already includes every later migration.
                for m in sorted(MIGRATIONS, key=lambda m: m.version):
                    _stamp(store, m)
            else:
                store.schema_version = current  # migrations may look at the version they start from
                for m in sorted(MIGRATIONS, key=lambda m: m.version):
                    if m.version > current:
                        m.apply(store)
                        _stamp(store, m)
                        store.schema_version = m.version
    except PermissionDeniedError as exc:
        raise SchemaVersionError(
            f"{store.describe()} is at schema {current or 0} but this version of Herzlich Digital needs "
            f"schema {latest}, and this database user may not upgrade it. Ask an administrator to run "
            f"'Set up shared database'. ({exc})") from exc
    store.schema_version = latest
    return latest


def _check_not_newer(store, current, latest):
    if current is not None and current > latest:
        raise SchemaVersionError(newer_schema_message(store.describe(), current, latest))


def _stamp(store, migration):
    store.execute(f"INSERT INTO {store._table_ref_meta()} (version, applied_at, description) "  # nosec B608
                  "VALUES (%s, %s, %s)",
                  (migration.version, datetime.now(timezone.utc), migration.description))
