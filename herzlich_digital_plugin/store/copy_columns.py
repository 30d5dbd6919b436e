"""Triggers for ``copy_of`` columns (schema.py): a copy of a column of the row a foreign key references.

The copy lets an index answer a filter without a join (detection.campaign_id, the panorama's campaign, for the
review counts). The triggers keep it right on every write, the plugin's, QGIS's or anyone else's: on insert,
when the foreign key or the copy itself is edited, and when the source row's column changes. Identifiers come
from schema.py and pass ``quote_ident``; nothing here takes a value.
"""
from .identifiers import pg_table_ref, quote_ident
from .schema import TABLES_BY_NAME


def _copied_columns(table):
    """(column, fk column, source table, source column) of each ``copy_of`` column of ``table``."""
    out = []
    for col in table.columns:
        if col.copy_of:
            fk, source_col = col.copy_source
            source = next(c for c in table.columns if c.name == fk).references
            out.append((col.name, fk, TABLES_BY_NAME[source].name, source_col))
    return out


def gpkg_copy_triggers(table):
    """SQLite triggers keeping ``copy_of`` columns equal to their source, on any writer's insert or update.

    SQLite cannot assign NEW in a BEFORE trigger, so the row is corrected after the write, and only when
    it differs (a writer that filled the column right pays just the lookup).
    """
    stmts = []
    t = quote_ident(table.name)
    for col, fk, source, source_col in _copied_columns(table):
        c, f, s, sc = quote_ident(col), quote_ident(fk), quote_ident(source), quote_ident(source_col)
        value = f'(SELECT {sc} FROM {s} WHERE "id" = NEW.{f})'  # nosec B608
        fix = f'UPDATE {t} SET {c} = {value} WHERE "id" = NEW."id"'  # nosec B608
        stmts.append(f"CREATE TRIGGER {quote_ident(f'{table.name}_{col}_on_insert')} AFTER INSERT ON {t} "
                     f"WHEN NEW.{c} IS NOT {value} BEGIN {fix}; END")
        stmts.append(f"CREATE TRIGGER {quote_ident(f'{table.name}_{col}_on_update')} AFTER UPDATE OF {f}, {c} "
                     f"ON {t} WHEN NEW.{c} IS NOT {value} BEGIN {fix}; END")
        stmts.append(f"CREATE TRIGGER {quote_ident(f'{source}_{source_col}_to_{table.name}')} "  # nosec B608
                     f"AFTER UPDATE OF {sc} ON {s} WHEN NEW.{sc} IS NOT OLD.{sc} "
                     f'BEGIN UPDATE {t} SET {c} = NEW.{sc} WHERE {f} = NEW."id"; END')
    return [(sql, ()) for sql in stmts]


def pg_copy_triggers(table, schema):
    """PL/pgSQL triggers for ``copy_of`` columns: set on update, fixed set-wise after each insert statement,
    pushed on a source change.

    Inserts are corrected by one statement-level trigger over the statement's new rows (a transition table):
    a COPY of 250,000 detections runs one join instead of 250,000 PL/pgSQL calls (schema 3). Rows that arrive
    right (the bulk path fills the copy itself) are not touched.
    """
    stmts = []
    t = pg_table_ref(schema, table.name)
    for col, fk, source, source_col in _copied_columns(table):
        c, f, sc = quote_ident(col), quote_ident(fk), quote_ident(source_col)
        s = pg_table_ref(schema, source)
        set_fn = pg_table_ref(schema, f"hd_{table.name}_{col}_copy")
        fix_fn = pg_table_ref(schema, f"hd_{table.name}_{col}_copy_inserted")
        push_fn = pg_table_ref(schema, f"hd_{source}_{source_col}_to_{table.name}")
        stmts.append(f"CREATE OR REPLACE FUNCTION {set_fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "  # nosec B608
                     f'NEW.{c} := (SELECT {sc} FROM {s} WHERE "id" = NEW.{f}); RETURN NEW; END $$')
        stmts.append(f"CREATE TRIGGER {quote_ident(f'{table.name}_{col}_copy')} BEFORE UPDATE OF "
                     f"{f}, {c} ON {t} FOR EACH ROW EXECUTE FUNCTION {set_fn}()")
        stmts.append(f"CREATE OR REPLACE FUNCTION {fix_fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "  # nosec B608
                     f'UPDATE {t} AS d SET {c} = w.v FROM (SELECT n."id", s.{sc} AS v FROM hd_new n '
                     f'LEFT JOIN {s} s ON s."id" = n.{f} WHERE n.{c} IS DISTINCT FROM s.{sc}) w '
                     f'WHERE d."id" = w."id"; RETURN NULL; END $$')
        stmts.append(f"CREATE TRIGGER {quote_ident(f'{table.name}_{col}_copy_inserted')} AFTER INSERT ON {t} "
                     f"REFERENCING NEW TABLE AS hd_new FOR EACH STATEMENT EXECUTE FUNCTION {fix_fn}()")
        stmts.append(f"CREATE OR REPLACE FUNCTION {push_fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "  # nosec B608
                     f'UPDATE {t} SET {c} = NEW.{sc} WHERE {f} = NEW."id"; RETURN NULL; END $$')
        stmts.append(f"CREATE TRIGGER {quote_ident(f'{source}_{source_col}_to_{table.name}')} AFTER UPDATE OF "
                     f"{sc} ON {s} FOR EACH ROW WHEN (OLD.{sc} IS DISTINCT FROM NEW.{sc}) "
                     f"EXECUTE FUNCTION {push_fn}()")
    return [(sql, ()) for sql in stmts]


def pg_drop_copy_triggers(table, schema):
    """DROP TRIGGER IF EXISTS for every trigger pg_copy_triggers makes (migration 3 recreates them)."""
    stmts = []
    for col, fk, source, source_col in _copied_columns(table):
        for name, on in ((f"{table.name}_{col}_copy", table.name), (f"{table.name}_{col}_copy_inserted", table.name),
                         (f"{source}_{source_col}_to_{table.name}", source)):
            stmts.append((f"DROP TRIGGER IF EXISTS {quote_ident(name)} ON {pg_table_ref(schema, on)}", ()))
    return stmts


def copy_triggers(backend, table, schema=None):
    return gpkg_copy_triggers(table) if backend == "gpkg" else pg_copy_triggers(table, schema)


def fill_copies(store, table, cols, rows, cache=None):
    """(cols, rows) with each ``copy_of`` column filled from its source rows, read in one query per batch.

    For SQLite's bulk path: its triggers correct a missing or wrong copy with one UPDATE per row, which made a
    250,000-detection insert half again as slow; a row that arrives right costs the trigger only its check.
    ``cache`` (a dict kept by the caller for one insert, inside its transaction) saves looking up the same
    source rows again in every batch.
    """
    for col, fk, source, source_col in _copied_columns(TABLES_BY_NAME[table]):
        if fk not in cols:
            continue
        fi = cols.index(fk)
        found = {} if cache is None else cache.setdefault((col, source), {})
        keys = sorted({r[fi] for r in rows if r[fi] is not None} - found.keys())
        for start in range(0, len(keys), 900):  # SQLite's default limit on bound parameters is 999
            part = keys[start:start + 900]
            found.update((r["id"], r[source_col]) for r in store.query(
                f"SELECT \"id\", {quote_ident(source_col)} FROM {store.table_ref(source)} "  # nosec B608
                f"WHERE \"id\" IN ({', '.join(['%s'] * len(part))})", part))
        if col in cols:
            ci = cols.index(col)
            rows = [r[:ci] + (found.get(r[fi]),) + r[ci + 1:] for r in rows]
        else:
            cols = [*cols, col]
            rows = [(*r, found.get(r[fi])) for r in rows]
    return cols, rows
