"""PostGIS bulk path of insert_many: COPY, copy columns filled per batch, indexes rebuilt after a big load.

- Each batch goes to the table with one ``COPY FROM STDIN``, its text rendered column by column.
- Copy columns (detection.campaign_id) are filled from their source in one query per batch
  (``fill_copies``); the statement-level trigger of schema 3 then checks the whole COPY in one join.
- Once an insert has written as many rows as the table held (and at least ``INDEX_REBUILD_MIN_ROWS``), the
  table's plain secondary indexes (not unique, not constraints) are dropped and built again after the last
  row: GiST and B-tree builds over sorted input instead of 250,000 random inserts each. That needs the
  table's owner and a short exclusive lock: with ``lock_timeout`` of ``LOCK_TIMEOUT`` in a savepoint, and if
  either is missing (other users reading, not the owner) the indexes simply stay and are maintained row by row.
"""
import io

from .copy_columns import fill_copies
from .errors import StoreError
from .identifiers import quote_ident

INDEX_REBUILD_MIN_ROWS = 20_000
LOCK_TIMEOUT = "2s"


class PostgisBulk:
    def __init__(self, store, table):
        self.store, self.table = store, table
        self.written = 0
        self.copy_cache = {}
        self.existing = None
        self.saved_indexes = []  # CREATE INDEX statements (pg_indexes.indexdef)
        self.tried_indexes = False

    def write(self, cols, rows):
        s = self.store
        cols, rows = fill_copies(s, self.table, list(cols), rows, self.copy_cache)
        copy_rows(s, self.table, cols, rows)
        s._after_write(self.table, cols, rows, "id" in cols)
        self.written += len(rows)
        if not self.tried_indexes and self.written >= INDEX_REBUILD_MIN_ROWS:
            self.tried_indexes = True
            if self.written >= self._rows_before():
                self._drop_indexes()

    def _rows_before(self):
        # The planner's estimate is enough to tell "an empty or small table" from "a big one".
        n = self.store._execute("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass",
                                (self.store._table_ref(self.table),)).fetchone()[0]
        return int(n or 0)

    def _drop_indexes(self):
        s = self.store
        rows = s._execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            (s._table_ref(self.table),)).fetchall()
        if not rows:
            return
        previous = s._execute("SELECT current_setting('lock_timeout')").fetchone()[0]
        s._execute("SAVEPOINT hd_bulk_indexes")
        try:
            s._execute("SELECT set_config('lock_timeout', %s, true)", (LOCK_TIMEOUT,))
            for name, _ in rows:
                s._execute(f"DROP INDEX {name}")  # regclass text: already quoted and schema-qualified
        except StoreError:
            s._execute("ROLLBACK TO SAVEPOINT hd_bulk_indexes")
            rows = []
        s._execute("RELEASE SAVEPOINT hd_bulk_indexes")
        s._execute("SELECT set_config('lock_timeout', %s, true)", (previous,))
        self.saved_indexes = [sql for _, sql in rows]

    def finish(self, ok):
        try:
            for sql in self.saved_indexes:
                self.store._execute(sql)
        except StoreError:
            if ok:
                raise
            # After an error the transaction is rolled back anyway; keep the first error visible.
        self.saved_indexes = []


def copy_rows(store, table, cols, rows):
    """COPY encoded rows into ``table``: the text is built per column (a few C-level joins per batch)."""
    if not rows:
        return
    columns = []
    for values in zip(*rows):
        columns.append([_copy_text(v, store.copy_field) for v in values])
    buf = io.StringIO("\n".join(map("\t".join, zip(*columns))) + "\n")
    store.copy_expert(f"COPY {store._table_ref(table)} ({', '.join(quote_ident(c) for c in cols)}) FROM STDIN", buf)


def _copy_text(v, slow):
    t = type(v)
    if v is None:
        return "\\N"
    if t is float and v - v == 0.0:  # finite
        return repr(v)
    if t is int:
        return str(v)
    if t is str and "\\" not in v and "\t" not in v and "\n" not in v and "\r" not in v:
        return v
    return slow(v)
