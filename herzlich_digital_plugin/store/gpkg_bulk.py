"""GeoPackage bulk path of insert_many: the per-row trigger and index work done once per insert.

Row by row, every detection costs SQLite the rtree trigger (five SQL functions, Python ones here), the copy
trigger's lookup and six B-tree index updates; for 250,000 rows that was 15 s of a 17 s insert. Inside our
write transaction (BEGIN IMMEDIATE: nobody else writes; readers keep seeing the committed file) this path

- drops the rtree insert trigger and the copy-column insert triggers, gives the rows explicit ids and fills
  the rtree from the blob headers, and the copy columns in one query per batch (``fill_copies``);
- once the insert has written as many rows as the table held before (and at least ``INDEX_REBUILD_MIN_ROWS``),
  drops the table's secondary indexes and builds them again after the last row: a sorted build instead of
  random inserts;
- at the end checks the copy columns of the inserted id range in one UPDATE (what the copy trigger would have
  done row by row) and restores every trigger and index exactly as it was (their SQL from sqlite_master).

After an error everything set aside is restored as well; at top level the rollback undoes it anyway.
"""
import struct

from . import ddl
from .copy_columns import _copied_columns, fill_copies
from .errors import StoreError
from .geometry import gpkg_envelope
from .schema import TABLES_BY_NAME

BULK_MIN_ROWS = 500  # below this the trigger path is as fast and simpler
INDEX_REBUILD_MIN_ROWS = 20_000
BULK_CACHE_KIB = -131072  # negative: KiB (128 MiB at most)
_read_envelope = struct.Struct("<4d").unpack_from


class GpkgBulk:
    def __init__(self, store, table):
        self.store, self.table = store, table
        self.ref = ddl.quote_ident(table)
        self.active = False
        self.saved_triggers = []  # (name, sql)
        self.saved_indexes = []  # (name, sql)
        self.written = 0
        self.copy_cache = {}
        self.existing = None
        self.next_id = None
        self.id_range = None  # [lo, hi] of the ids this insert wrote on the bulk path

    # ------------------------------------------------------------------ per batch

    def write(self, cols, rows):
        s = self.store
        cols, rows = fill_copies(s, self.table, list(cols), rows, self.copy_cache)
        if not self.active and len(rows) < BULK_MIN_ROWS:
            s._bulk_insert(self.table, cols, rows)
            s._after_write(self.table, cols, rows, "id" in cols)
            return
        if not self.active:
            self._start()
        cols, rows, ids = self._with_ids(cols, rows)
        s._executemany(s._insert_sql(self.table, cols), rows)
        if ddl.GEOM in cols and self._rtree_trigger_dropped():
            gi = cols.index(ddl.GEOM)
            entries = []
            for i, row in zip(ids, rows):
                e = _envelope(row[gi])
                if e is not None:
                    entries.append((i, *e))
            s._executemany(f'INSERT OR REPLACE INTO "{ddl.rtree_name(self.table)}" VALUES (?, ?, ?, ?, ?)',
                           entries)
        s._after_write(self.table, cols, rows, True)
        lo, hi = min(ids), max(ids)
        self.id_range = [lo, hi] if self.id_range is None else [min(lo, self.id_range[0]), max(hi, self.id_range[1])]
        self.written += len(rows)
        if not self.saved_indexes and self.written >= max(INDEX_REBUILD_MIN_ROWS, self.existing):
            self._drop_indexes()

    def _with_ids(self, cols, rows):
        """Explicit ids as SQLite's AUTOINCREMENT would pick them (max of sequence and rows, plus one)."""
        if self.next_id is None:
            self.next_id = self.store._execute(
                f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), "  # nosec B608
                f"coalesce((SELECT max(\"id\") FROM {self.ref}), 0)) + 1", (self.table,)).fetchone()[0]
        nxt = self.next_id
        ids = []
        if "id" in cols:
            ii = cols.index("id")
            out = []
            for r in rows:
                i = r[ii]
                if i is None:
                    i = nxt
                    r = r[:ii] + (i,) + r[ii + 1:]
                nxt = max(nxt, i + 1)
                ids.append(i)
                out.append(r)
            rows = out
        else:
            ids = range(nxt, nxt + len(rows))
            nxt += len(rows)
            cols = ["id", *cols]
            rows = [(i, *r) for i, r in zip(ids, rows)]
        self.next_id = nxt
        return cols, rows, ids

    # ------------------------------------------------------------------ set aside, put back

    def _start(self):
        s = self.store
        self.active = True
        # The rtree's nodes of a 250,000-row table are ~20 MB; with SQLite's default 2 MB page cache every
        # random insert reads its node back from the OS (8.5 s instead of 2 s). Only pages in use are allocated.
        self.cache_size = s._execute("PRAGMA cache_size").fetchone()[0]
        s._execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
        self.existing = int(s._execute(f"SELECT count(*) FROM {self.ref}").fetchone()[0])  # nosec B608
        names = [f"{self.table}_{col}_on_insert" for col, *_ in _copied_columns(TABLES_BY_NAME[self.table])]
        if TABLES_BY_NAME[self.table].geometry_type:
            names.append(ddl.rtree_name(self.table) + "_insert")
        for name in names:
            row = s._execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)).fetchone()
            if row is not None:
                s._execute(f"DROP TRIGGER {ddl.quote_ident(name)}")
                self.saved_triggers.append((name, row[0]))

    def _rtree_trigger_dropped(self):
        return any(name == ddl.rtree_name(self.table) + "_insert" for name, _ in self.saved_triggers)

    def _drop_indexes(self):
        s = self.store
        rows = s._execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                          "AND sql IS NOT NULL", (self.table,)).fetchall()
        for name, sql in rows:
            s._execute(f"DROP INDEX {ddl.quote_ident(name)}")
            self.saved_indexes.append((name, sql))

    def finish(self, ok):
        if not self.active:
            return
        s = self.store
        try:
            for _, sql in self.saved_indexes:
                s._execute(sql)
            if ok and self.id_range is not None:
                self._check_copies()
            for _, sql in self.saved_triggers:
                s._execute(sql)
        except StoreError:
            if ok:
                raise
            # After an error the caller rolls back; do not hide the first error behind this one.
        s._execute(f"PRAGMA cache_size = {int(self.cache_size)}")
        self.saved_indexes, self.saved_triggers, self.active = [], [], False

    def _check_copies(self):
        """The copy triggers' work for the whole insert: one UPDATE of the rows whose copy is not right."""
        for col, fk, source, source_col in _copied_columns(TABLES_BY_NAME[self.table]):
            c, f = ddl.quote_ident(col), ddl.quote_ident(fk)
            value = f'(SELECT {ddl.quote_ident(source_col)} FROM {ddl.quote_ident(source)} WHERE "id" = {self.ref}.{f})'  # nosec B608 - quoted identifiers
            self.store._execute(f'UPDATE {self.ref} SET {c} = {value} '  # nosec B608
                                f'WHERE "id" BETWEEN ? AND ? AND {c} IS NOT {value}', self.id_range)


def _envelope(blob):
    """(minx, maxx, miny, maxy) of a geometry blob, None for NULL or empty."""
    if blob is None:
        return None
    if blob[3] == 0x03:  # our own blobs: little endian with an xy envelope
        return _read_envelope(blob, 8)
    return gpkg_envelope(blob)
