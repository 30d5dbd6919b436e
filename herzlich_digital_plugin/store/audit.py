"""Database-side guards of the audit trail (schema 3): the database, not the client, vouches for who and when.

PostGIS (every login, whatever its grants):
- ``review_event`` and ``roadworks_history`` are append-only: UPDATE, DELETE and TRUNCATE raise, for hd_admin
  and the owner too. Their ``login`` (``session_user``) and ``recorded_at`` (``now()``) are set by a trigger on
  insert, whatever the client sent; ``actor`` stays the display name.
- ``detection.status`` / ``asset_id`` can only change together with a review event: at commit the detection
  must match the last event that carries a status (the rule of review/consistency.py), else the transaction
  fails. An hd_admin / superuser / owner login is the maintenance path for repairs (it is exempt).
- A roadworks row can only be changed by a transaction that also appends its history row (same version,
  stamped in this transaction); a history row must name the roadworks' version at the moment it is
  written, so no history for versions that are not the current one. Maintenance logins are exempt.
- A live review lease can be changed or deleted only by the login that holds it (or a maintenance login);
  an expired one by anyone.
GeoPackage (one desk, no logins): triggers refuse UPDATE and DELETE on the append-only tables.

Maintenance path for the append-only tables (documented in docs/review_design.md): the table owner runs,
in one transaction, ``ALTER TABLE review_event DISABLE TRIGGER review_event_append_only``, the repair,
and ``ALTER TABLE review_event ENABLE TRIGGER review_event_append_only``.
Identifiers come from schema.py and pass quote_ident; nothing here takes a value. No '%' in the SQL: the
statements run through the driver's parameter formatting.
"""
from .identifiers import pg_table_ref, quote_ident
from .schema import TABLES

STAMPED = ("review_event", "roadworks_history")  # login + recorded_at set by the server


def _append_only_tables():
    return [t.name for t in TABLES if t.append_only]


def gpkg_audit_triggers():
    stmts = []
    for name in _append_only_tables():
        t = quote_ident(name)
        for op in ("UPDATE", "DELETE"):
            trigger = quote_ident(f"{name}_no_{op.lower()}")
            stmts.append(f"CREATE TRIGGER IF NOT EXISTS {trigger} BEFORE {op} ON {t} BEGIN "
                         f"SELECT RAISE(ABORT, '{name} is append-only: rows are never changed or deleted'); END")
    return [(sql, ()) for sql in stmts]


def pg_audit_triggers(schema):
    s = lambda name: pg_table_ref(schema, name)  # noqa: E731 - a short local helper
    maint = s("hd_is_maintainer")
    stmts = [
        # superuser, a member of hd_admin, or a member of the table's owner role
        f"CREATE OR REPLACE FUNCTION {maint}(rel oid) RETURNS boolean LANGUAGE sql STABLE AS $$ "  # nosec B608 - names quoted by pg_table_ref, no user input
        "SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND r.rolsuper) "
        "OR EXISTS (SELECT 1 FROM pg_roles a WHERE a.rolname = 'hd_admin' "
        "AND pg_has_role(session_user, a.oid, 'MEMBER')) "
        "OR pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = rel), 'MEMBER') $$",
        f"CREATE OR REPLACE FUNCTION {s('hd_append_only')}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = TG_TABLE_NAME || ' is append-only: rows are never '"
        " || 'changed or deleted (maintenance: see docs/review_design.md)'; END $$",
        f"CREATE OR REPLACE FUNCTION {s('hd_stamp_login')}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "NEW.login := session_user; NEW.recorded_at := now(); RETURN NEW; END $$",
        f"CREATE OR REPLACE FUNCTION {s('hd_lease_guard')}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' AND OLD.login IS NOT NULL AND OLD.login <> session_user "
        f"AND OLD.expires_at > now() AND NOT {maint}(TG_RELID) THEN "
        "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'the review lease on detection ' || OLD.id "
        "|| ' belongs to the login ' || OLD.login; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; NEW.login := session_user; RETURN NEW; END $$",
        f"CREATE OR REPLACE FUNCTION {s('hd_detection_guard')}() RETURNS trigger LANGUAGE plpgsql AS $$ "  # nosec B608 - names quoted by pg_table_ref, no user input
        "DECLARE cur record; ev jsonb; BEGIN "
        f"IF {maint}(TG_RELID) THEN RETURN NULL; END IF; "
        f"SELECT status, asset_id INTO cur FROM {s('detection')} WHERE id = NEW.id; "
        "IF NOT FOUND THEN RETURN NULL; END IF; "
        f"SELECT e.new_value INTO ev FROM {s('review_event')} e WHERE e.detection_id = NEW.id "
        "AND e.new_value ? 'status' ORDER BY e.id DESC LIMIT 1; "
        "IF (ev IS NULL AND coalesce(cur.status, 'new') = 'new' AND cur.asset_id IS NULL) OR "
        "(ev IS NOT NULL AND coalesce(cur.status, 'new') = ev ->> 'status' "
        "AND cur.asset_id IS NOT DISTINCT FROM (ev ->> 'asset_id')::bigint) THEN RETURN NULL; END IF; "
        "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'detection ' || NEW.id || ': status and asset '"
        " || 'change only with a review event (record a decision instead of writing the columns)'; END $$",
        f"CREATE OR REPLACE FUNCTION {s('hd_roadworks_guard')}() RETURNS trigger LANGUAGE plpgsql AS $$ "  # nosec B608 - names quoted by pg_table_ref, no user input
        "DECLARE v integer; BEGIN "
        f"IF {maint}(TG_RELID) THEN RETURN NULL; END IF; "
        f"SELECT version INTO v FROM {s('roadworks')} WHERE id = NEW.id; "
        "IF NOT FOUND OR EXISTS (SELECT 1 FROM "
        f"{s('roadworks_history')} h WHERE h.roadworks_id = NEW.id AND h.version = v AND h.recorded_at = now() "
        "AND h.login = session_user) THEN RETURN NULL; END IF; "
        "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'roadworks ' || NEW.id || ' changed without its '"
        " || 'history row (save it through the plugin)'; END $$",
        f"CREATE OR REPLACE FUNCTION {s('hd_history_guard')}() RETURNS trigger LANGUAGE plpgsql AS $$ "  # nosec B608 - names quoted by pg_table_ref, no user input
        "BEGIN "
        f"IF {maint}(TG_RELID) OR EXISTS (SELECT 1 FROM {s('roadworks')} w WHERE w.id = NEW.roadworks_id "
        "AND w.version IS NOT DISTINCT FROM NEW.version) THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'a history row must describe the current version '"
        " || 'of roadworks ' || NEW.roadworks_id; END $$",
    ]
    for name in _append_only_tables():
        t = s(name)
        trigger = quote_ident(f"{name}_append_only")
        stmts.append(f"DROP TRIGGER IF EXISTS {trigger} ON {t}")
        stmts.append(f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {t} FOR EACH ROW "
                     f"EXECUTE FUNCTION {s('hd_append_only')}()")
        truncate = quote_ident(f"{name}_no_truncate")
        stmts.append(f"DROP TRIGGER IF EXISTS {truncate} ON {t}")
        stmts.append(f"CREATE TRIGGER {truncate} BEFORE TRUNCATE ON {t} FOR EACH STATEMENT "
                     f"EXECUTE FUNCTION {s('hd_append_only')}()")
    for name in STAMPED:
        trigger = quote_ident(f"{name}_stamp_login")
        stmts.append(f"DROP TRIGGER IF EXISTS {trigger} ON {s(name)}")
        stmts.append(f"CREATE TRIGGER {trigger} BEFORE INSERT ON {s(name)} FOR EACH ROW "
                     f"EXECUTE FUNCTION {s('hd_stamp_login')}()")
    guards = (
        ("review_lease", "review_lease_holder", "BEFORE INSERT OR UPDATE OR DELETE", "hd_lease_guard", None),
        ("detection", "detection_needs_event", "AFTER UPDATE OF status, asset_id", "hd_detection_guard",
         "OLD.status IS DISTINCT FROM NEW.status OR OLD.asset_id IS DISTINCT FROM NEW.asset_id"),
        ("roadworks", "roadworks_needs_history", "AFTER UPDATE", "hd_roadworks_guard", None),
        ("roadworks_history", "roadworks_history_current", "BEFORE INSERT", "hd_history_guard", None),
    )
    for table, trigger, when, fn, condition in guards:
        stmts.append(f"DROP TRIGGER IF EXISTS {quote_ident(trigger)} ON {s(table)}")
        deferred = when.startswith("AFTER")  # checked at commit: the event / history may come later
        head = "CREATE CONSTRAINT TRIGGER" if deferred else "CREATE TRIGGER"
        tail = " DEFERRABLE INITIALLY DEFERRED" if deferred else ""
        cond = f" WHEN ({condition})" if condition else ""
        stmts.append(f"{head} {quote_ident(trigger)} {when} ON {s(table)}{tail} FOR EACH ROW{cond} "
                     f"EXECUTE FUNCTION {s(fn)}()")
    return [(sql, ()) for sql in stmts]


def audit_triggers(backend, schema=None):
    return gpkg_audit_triggers() if backend == "gpkg" else pg_audit_triggers(schema)
