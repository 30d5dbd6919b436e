"""Set up a shared PostGIS database: extension, schema, tables and the group roles.

Group roles (NOLOGIN; an administrator grants them to login users):
    hd_viewer    read everything
    hd_reviewer  viewer + record reviews/annotations, create assets, edit assets and the
                 review columns of detections, claim and release review leases; never
                 DELETE anything else
    hd_planner   viewer + create/edit roadworks and append their history
    hd_admin     everything but changing the append-only audit tables (review_event,
                 roadworks_history); see store/audit.py for the server-side guards
Re-running is safe: roles are created only if missing and grants are reset to exactly
the list below. Identifiers come from schema.py (psycopg2.sql.Identifier); values are
parameters.
"""
from typing import List, Tuple

from .ddl import GEOM, META_TABLE
from .schema import TABLES, TABLES_BY_NAME
from .postgis import PostGISStore

VIEWER, REVIEWER, PLANNER, ADMIN = "hd_viewer", "hd_reviewer", "hd_planner", "hd_admin"
ROLES = (VIEWER, REVIEWER, PLANNER, ADMIN)

# (role, privilege, table, columns or None) on top of hd_viewer's SELECT.
_WRITE_GRANTS = (
    (REVIEWER, "INSERT", "review_event", None),
    (REVIEWER, "INSERT", "annotation", None),
    (REVIEWER, "INSERT", "asset", None),
    (REVIEWER, "UPDATE", "asset", "non-key"),
    (REVIEWER, "UPDATE", "detection", ("status", "asset_id", GEOM)),
    (REVIEWER, "INSERT", "review_lease", None),
    (REVIEWER, "UPDATE", "review_lease", None),
    (REVIEWER, "DELETE", "review_lease", None),
    (REVIEWER, "UPDATE", "register_change", ("decision", "decided_by", "decided_at", "version")),
    (REVIEWER, "UPDATE", "register_entry", "non-key"),
    (PLANNER, "INSERT", "roadworks", None),
    (PLANNER, "UPDATE", "roadworks", None),
    (PLANNER, "INSERT", "roadworks_history", None),
)


def _columns(table, spec):
    if spec == "non-key":
        t = TABLES_BY_NAME[table]
        return [c.name for c in t.columns if c.kind != "pk"] + ([GEOM] if t.geometry_type else [])
    return list(spec)


def role_statements(schema: str = "public", sequences=None) -> List[Tuple[object, tuple]]:
    """(psycopg2.sql statement, params) pairs creating the roles and their grants.

    ``sequences`` maps table -> qualified identity sequence name (from the catalog).
    """
    from psycopg2 import sql
    ident = sql.Identifier
    s = ident(schema)
    tables = [t.name for t in TABLES] + [META_TABLE]
    stmts = []
    for role in ROLES:
        # A DO block: CREATE ROLE has no IF NOT EXISTS; duplicate_object covers a concurrent run.
        stmts.append((sql.SQL(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) THEN "
            "CREATE ROLE {} NOLOGIN; END IF; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        ).format(ident(role)), (role,)))
    for role in (REVIEWER, PLANNER):
        stmts.append((sql.SQL("GRANT {} TO {}").format(ident(VIEWER), ident(role)), ()))
    # Start from nothing so a re-run also removes grants an older version made.
    for table in tables:
        stmts.append((sql.SQL("REVOKE ALL ON {}.{} FROM {}").format(
            s, ident(table), sql.SQL(", ").join(ident(r) for r in ROLES)), ()))
    for role in ROLES:
        stmts.append((sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(s, ident(role)), ()))
    for table in tables:
        stmts.append((sql.SQL("GRANT SELECT ON {}.{} TO {}").format(s, ident(table), ident(VIEWER)), ()))
        stmts.append((sql.SQL("GRANT ALL PRIVILEGES ON {}.{} TO {}").format(s, ident(table), ident(ADMIN)), ()))
        if table in TABLES_BY_NAME and TABLES_BY_NAME[table].append_only:
            # The audit tables stay append-only for hd_admin too (triggers in store/audit.py back this up).
            stmts.append((sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {}.{} FROM {}").format(
                s, ident(table), ident(ADMIN)), ()))
    inserting = {}
    for role, privilege, table, cols in _WRITE_GRANTS:
        target = sql.SQL("{}.{}").format(s, ident(table))
        if cols is None:
            stmts.append((sql.SQL("GRANT {} ON {} TO {}").format(sql.SQL(privilege), target, ident(role)), ()))
        else:
            col_list = sql.SQL(", ").join(ident(c) for c in _columns(table, cols))
            stmts.append((sql.SQL("GRANT {} ({}) ON {} TO {}").format(
                sql.SQL(privilege), col_list, target, ident(role)), ()))
        if privilege == "INSERT":
            inserting.setdefault(table, set()).add(role)
    for table, seq in sorted((sequences or {}).items()):
        # seq is the catalog's own quoted, schema-qualified name.
        stmts.append((sql.SQL("GRANT ALL PRIVILEGES ON SEQUENCE {} TO {}").format(sql.SQL(seq), ident(ADMIN)), ()))
        for role in sorted(inserting.get(table, ())):
            stmts.append((sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(sql.SQL(seq), ident(role)), ()))
    stmts.append((sql.SQL("GRANT USAGE, CREATE ON SCHEMA {} TO {}").format(s, ident(ADMIN)), ()))
    return stmts


def _identity_sequences(store):
    out = {}
    for t in TABLES:
        seq = store._execute("SELECT pg_get_serial_sequence(%s, 'id')", (store.table_ref(t.name),)).fetchone()[0]
        if seq:
            out[t.name] = seq
    return out


def setup_shared_database(conninfo: str, create_roles: bool = True, schema: str = "public") -> int:
    """Create or upgrade the Herzlich Digital tables (and roles) in a PostGIS database.

    Needs a user allowed to create the postgis extension, the schema and (with
    ``create_roles``) roles. Returns the schema version of the database.
    """
    with PostGISStore(conninfo, create=True, schema=schema) as store:
        if create_roles:
            with store.transaction():
                for stmt, params in role_statements(schema, _identity_sequences(store)):
                    store._execute(stmt, params)
        return store.schema_version
