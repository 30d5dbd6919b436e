"""The backend-neutral Store API. GeoPackage and PostGIS subclasses fill in the hooks.

Rows are dicts keyed by the column names of schema.py plus ``geom`` (shapely, EPSG:25832)
for tables with a geometry. Table and column names are validated against schema.py;
values always travel as query parameters. SQL text is only ever assembled from
identifiers that passed ``quote_ident`` (hence the ``# nosec B608`` marks).

Portable SQL for ``execute``/``query``: write psycopg2-style placeholders (``%s`` or
``%(name)s``, ``%%`` for a literal percent sign); the GeoPackage backend rewrites them
to sqlite's ``?``/``:name``.
"""
import re
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import values as V
from .bulk_encode import encode_rows
from .ddl import GEOM, quote_ident
from .errors import (AppendOnlyError, ConflictError, InvalidNameError, NotFoundError, StoreError)
from .geometry import check_geometry, column_dims
from .schema import TABLES_BY_NAME

Row = Dict[str, Any]
Where = Optional[Dict[str, Any]]

# Portable placeholders, read exactly as psycopg2 reads them (also inside quotes).
_PORTABLE_TOKEN = re.compile(r"%%|%s|%\((\w+)\)s")
_ORDER = re.compile(r"^\s*(-)?\s*([a-z_][a-z0-9_]*)\s*(?:\s(asc|desc))?\s*$", re.IGNORECASE)


def portable_to_qmark(sql):
    """Rewrite ``%s``/``%(name)s``/``%%`` to sqlite's ``?``/``:name``/``%``."""
    styles = set()

    def repl(m):
        tok = m.group(0)
        if tok == "%%":
            return "%"
        if tok == "%s":
            styles.add("positional")
            return "?"
        styles.add("named")
        return ":" + m.group(1)

    out = _PORTABLE_TOKEN.sub(repl, sql)
    if len(styles) > 1:
        raise ValueError("mix of %s and %(name)s placeholders in one statement")
    return out


class Store:
    """A Herzlich Digital data store. Use ``open_store`` to get one.

    Not thread-safe: open one store per thread (several processes may share a store).
    """

    backend = ""  # "gpkg" or "postgis"

    def __init__(self, uri: str):
        self.uri = uri
        self.schema_version = 0
        self._tx_depth = 0
        self._closed = False
        self._kinds = {}  # table -> {column: kind}; the geometry column has kind "geometry"
        self._writers = {}  # table -> {column: python value -> db value}
        self._readers = {}  # table -> [(column, db value -> python value or None)]
        for name, table in TABLES_BY_NAME.items():
            kinds = {c.name: c.kind for c in table.columns}
            if table.geometry_type:
                kinds[GEOM] = "geometry"
            self._kinds[name] = kinds
            self._writers[name] = {c: self._make_writer(table, k) for c, k in kinds.items()}
            self._readers[name] = [(c, self._make_reader(k)) for c, k in kinds.items()]

    # ------------------------------------------------------------------ backend hooks

    _ph = "?"  # native placeholder

    def _execute(self, sql: str, params: Sequence = ()):
        """Run native SQL and return the cursor; driver errors become StoreError subclasses."""
        raise NotImplementedError

    def _executemany(self, sql: str, seq: Iterable[Sequence]):
        raise NotImplementedError

    def _table_ref(self, table: str) -> str:
        raise NotImplementedError

    def _geom_writer(self, dims: int):
        raise NotImplementedError

    def _kind_reader(self, kind: str):
        raise NotImplementedError

    def _native_sql(self, sql: str) -> str:
        return sql

    def _adapt_param(self, value):
        return value

    def _close(self):
        raise NotImplementedError

    def _insert_row(self, table: str, cols: List[str], values: list) -> int:
        raise NotImplementedError

    def _point_writer(self, dims: int):
        """(x, y[, z]) -> the database value of that point, as the geometry writer makes it (bulk path)."""
        raise NotImplementedError

    def _bulk_insert(self, table: str, cols: List[str], rows: List[tuple]):
        self._executemany(self._insert_sql(table, cols), rows)

    def _after_write(self, table: str, cols: List[str], rows: List[tuple], explicit_ids: bool):
        """Bookkeeping after encoded rows were written (GeoPackage extent, PostGIS sequences)."""

    # Used by migrations.py:
    def describe(self) -> str:
        """Human-readable name of the store for messages."""
        raise NotImplementedError

    def _read_version(self) -> Optional[int]:
        """Schema version recorded in schema_meta, None for a store without one."""
        raise NotImplementedError

    def _has_user_tables(self) -> bool:
        raise NotImplementedError

    def _lock_for_migration(self):
        """Serialise concurrent openers inside the migration transaction."""

    def _create_schema(self):
        raise NotImplementedError

    def _table_ref_meta(self) -> str:
        raise NotImplementedError

    # ------------------------------------------------------------------ value conversion

    def _make_writer(self, table, kind):
        if kind == "geometry":
            gtype = table.geometry_type
            encode = self._geom_writer(column_dims(gtype))

            def write_geom(geom):
                check_geometry(geom, gtype)
                return encode(geom)
            return write_geom
        return {"pk": V.to_int, "int": V.to_int, "real": V.to_float, "text": V.to_text,
                "bool": self._bool_writer, "json": self._json_writer,
                "datetime": self._datetime_writer}[kind]

    def _make_reader(self, kind):
        return self._kind_reader(kind)

    _bool_writer = staticmethod(V.to_bool)
    _json_writer = staticmethod(V.json_text)
    _datetime_writer = staticmethod(V.datetime_text)

    def _check_table(self, table: str):
        if table not in TABLES_BY_NAME:
            raise InvalidNameError(f"unknown table {table!r}")
        return TABLES_BY_NAME[table]

    def _check_columns(self, table: str, columns: Iterable[str]):
        kinds = self._kinds[table]
        for c in columns:
            if c not in kinds:
                raise InvalidNameError(f"table {table!r} has no column {c!r}")

    def _encode_row(self, table: str, cols: List[str], row: Row) -> tuple:
        writers = self._writers[table]
        try:
            return tuple(None if row[c] is None else writers[c](row[c]) for c in cols)
        except (TypeError, ValueError) as exc:
            raise type(exc)(f"{table}: {exc}") from exc

    def _decode_row(self, table: str, raw: Sequence) -> Row:
        return {c: (v if fn is None or v is None else fn(v))
                for (c, fn), v in zip(self._readers[table], raw)}

    def _select_list(self, table: str) -> str:
        return ", ".join(quote_ident(c) for c in self._kinds[table])

    def _insert_sql(self, table: str, cols: List[str]) -> str:
        return (f"INSERT INTO {self._table_ref(table)} ({', '.join(quote_ident(c) for c in cols)}) "  # nosec B608
                f"VALUES ({', '.join([self._ph] * len(cols))})")

    def _where(self, table: str, where: Where, prefix: str = "") -> Tuple[str, list]:
        """SQL condition (without WHERE) and parameters for an equality filter."""
        if not where:
            return "", []
        self._check_columns(table, where)
        parts, params = [], []
        writers, kinds = self._writers[table], self._kinds[table]
        for col, value in where.items():
            if kinds[col] in ("geometry", "json"):
                raise InvalidNameError(f"cannot filter {table}.{col} by equality")
            ref = prefix + quote_ident(col)
            if value is None:
                parts.append(f"{ref} IS NULL")
            elif isinstance(value, (list, tuple, set, frozenset)):
                items = [writers[col](v) for v in value]
                if not items:
                    parts.append("1 = 0")
                else:
                    parts.append(f"{ref} IN ({', '.join([self._ph] * len(items))})")
                    params.extend(items)
            else:
                parts.append(f"{ref} = {self._ph}")
                params.append(writers[col](value))
        return " AND ".join(parts), params

    def _order_by(self, table: str, order_by) -> str:
        if order_by is None:
            return ' ORDER BY "id"'
        items = [order_by] if isinstance(order_by, str) else list(order_by)
        out = []
        for item in items:
            m = _ORDER.match(item)
            if not m:
                raise InvalidNameError(f"invalid order_by {item!r}")
            self._check_columns(table, [m.group(2)])
            desc = m.group(1) or (m.group(3) or "").lower() == "desc"
            out.append(quote_ident(m.group(2)) + (" DESC" if desc else ""))
        return " ORDER BY " + ", ".join(out) if out else ""

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the connection (uncommitted work is rolled back)."""
        if not self._closed:
            self._closed = True
            self._close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    @property
    def in_transaction(self) -> bool:
        return self._tx_depth > 0

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """Commit on success, roll back on an exception.

        A nested call joins the outer transaction through a savepoint: nothing is
        committed before the outermost block ends, and an exception leaving the inner
        block undoes only the inner block's work.
        """
        if self._tx_depth == 0:
            self._execute(self._begin_sql)
            self._tx_depth = 1
            try:
                yield self
            except BaseException:
                self._tx_depth = 0
                self._safe_rollback()
                raise
            self._tx_depth = 0
            try:
                self._execute("COMMIT")
            except BaseException:
                self._safe_rollback()
                raise
        else:
            name = f"hd_sp_{self._tx_depth}"
            self._execute(f"SAVEPOINT {name}")
            self._tx_depth += 1
            try:
                yield self
            except BaseException:
                self._tx_depth -= 1
                self._execute(f"ROLLBACK TO SAVEPOINT {name}")
                self._execute(f"RELEASE SAVEPOINT {name}")
                raise
            self._tx_depth -= 1
            self._execute(f"RELEASE SAVEPOINT {name}")

    _begin_sql = "BEGIN"

    def _safe_rollback(self):
        try:
            self._execute("ROLLBACK")
        except StoreError:
            pass

    @contextmanager
    def _atomic(self):
        """Group our own statements: a transaction at top level, else join the caller's."""
        if self._tx_depth:
            yield
        else:
            with self.transaction():
                yield

    # ------------------------------------------------------------------ CRUD

    def insert(self, table: str, row: Row) -> int:
        """Insert one row; returns its id."""
        self._check_table(table)
        cols = list(row)
        self._check_columns(table, cols)
        values = self._encode_row(table, cols, row)
        with self._atomic():
            new_id = self._insert_row(table, cols, list(values))
            self._after_write(table, cols, [values], "id" in row)
        return new_id

    def insert_many(self, table: str, rows: Iterable[Row], batch: int = 5000,
                    on_batch: Optional[Callable[[int], None]] = None) -> int:
        """Bulk insert in one transaction (a savepoint inside a caller's); returns the number of rows inserted.

        Consecutive rows with the same keys are sent together in batches of ``batch``; ``rows`` is consumed
        lazily (a generator streams). ``on_batch(n)`` is called after each batch with the number of rows written
        so far: for progress, and an exception raised there (a cancel) ends the insert like any error, so the
        transaction leaves nothing behind. Large inserts take the backend's bulk path (bulk_session): the same
        rows, ids, copy columns and indexes as row by row, with the per-row trigger and index work done once.
        """
        self._check_table(table)
        total = 0
        with self.transaction():  # inside a caller's transaction a savepoint: all rows or none
            session = self._bulk_session(table)
            ok = False
            try:
                cols, pending = None, []

                def flush():
                    nonlocal total
                    if pending:
                        session.write(cols, encode_rows(self, table, cols, pending))
                        total += len(pending)
                        pending.clear()
                        if on_batch is not None:
                            on_batch(total)

                for row in rows:
                    keys = list(row)
                    if keys != cols:
                        flush()
                        self._check_columns(table, keys)
                        cols = keys
                    pending.append(row)
                    if len(pending) >= batch:
                        flush()
                flush()
                ok = True
            finally:
                session.finish(ok)
        return total

    def _bulk_session(self, table: str):
        """The object insert_many hands its encoded batches to (backends override it)."""
        return RowBatches(self, table)

    def get(self, table: str, id: int) -> Optional[Row]:
        """The row with this id, or None."""
        rows = self.select(table, {"id": id}, limit=1)
        return rows[0] if rows else None

    def select(self, table: str, where: Where = None, order_by: Union[str, Sequence[str], None] = None,
               limit: Optional[int] = None, offset: Optional[int] = None) -> List[Row]:
        """Rows matching an equality filter (a list/tuple value means IN, None means IS NULL).

        ``order_by``: a column, ``"-column"`` or ``"column DESC"``, or a list of those;
        default is by id.
        """
        self._check_table(table)
        cond, params = self._where(table, where)
        sql = f"SELECT {self._select_list(table)} FROM {self._table_ref(table)}"  # nosec B608
        if cond:
            sql += " WHERE " + cond
        sql += self._order_by(table, order_by)
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        if offset is not None:
            sql += f" OFFSET {int(offset)}"
        cur = self._execute(sql, params)
        return [self._decode_row(table, r) for r in cur.fetchall()]

    def iter_select(self, table: str, where: Where = None, chunk: int = 10000) -> Iterator[Row]:
        """Like select (ordered by id), fetched page by page for very large tables."""
        self._check_table(table)
        last = None
        cond, params = self._where(table, where)
        base = f"SELECT {self._select_list(table)} FROM {self._table_ref(table)}"  # nosec B608
        while True:
            parts = [cond] if cond else []
            p = list(params)
            if last is not None:
                parts.append(f'"id" > {self._ph}')
                p.append(last)
            sql = base + (" WHERE " + " AND ".join(parts) if parts else "") + f' ORDER BY "id" LIMIT {int(chunk)}'
            rows = [self._decode_row(table, r) for r in self._execute(sql, p).fetchall()]
            yield from rows
            if len(rows) < chunk:
                return
            last = rows[-1]["id"]

    def count(self, table: str, where: Where = None) -> int:
        """Number of rows matching the filter."""
        self._check_table(table)
        cond, params = self._where(table, where)
        sql = f"SELECT count(*) FROM {self._table_ref(table)}" + (" WHERE " + cond if cond else "")  # nosec B608
        return int(self._execute(sql, params).fetchone()[0])

    def update(self, table: str, id: int, values: Row, expected_version: Optional[int] = None) -> Row:
        """Change columns of one row; returns the row as stored afterwards.

        On tables with a ``version`` column the version is incremented on every update.
        With ``expected_version`` the update only happens if the stored version still
        matches (optimistic locking); otherwise ``ConflictError(current_row)``.
        """
        t = self._check_table(table)
        if t.append_only:
            raise AppendOnlyError(f"{table} is append-only: rows are never changed")
        cols = [c for c in values if c != "id"]
        self._check_columns(table, cols)
        versioned = "version" in self._kinds[table]
        if expected_version is not None and not versioned:
            raise ValueError(f"{table} has no version column for optimistic locking")
        encoded = self._encode_row(table, cols, values)
        sets = [f"{quote_ident(c)} = {self._ph}" for c in cols]
        params = list(encoded)
        if versioned and "version" not in values:
            sets.append('"version" = "version" + 1')
        sql = f"UPDATE {self._table_ref(table)} SET {', '.join(sets)} WHERE \"id\" = {self._ph}"  # nosec B608
        params.append(V.to_int(id))
        if expected_version is not None:
            sql += f' AND "version" = {self._ph}'
            params.append(V.to_int(expected_version))
        with self._atomic():
            if sets:
                changed = self._execute(sql, params).rowcount
            else:
                changed = 1 if self.get(table, id) else 0
            if changed == 0:
                current = self.get(table, id)
                if current is None:
                    raise NotFoundError(f"{table} has no row with id {id}")
                raise ConflictError(current)
            if GEOM in cols:
                self._after_write(table, cols, [encoded], False)
            row = self.get(table, id)
        return row

    def delete(self, table: str, id: int) -> bool:
        """Delete one row; False if there was none. Refused on append-only tables."""
        t = self._check_table(table)
        if t.append_only:
            raise AppendOnlyError(f"{table} is append-only: rows are never deleted")
        sql = f'DELETE FROM {self._table_ref(table)} WHERE "id" = {self._ph}'  # nosec B608
        cur = self._execute(sql, [V.to_int(id)])
        return cur.rowcount > 0

    # ------------------------------------------------------------------ spatial

    def in_bbox(self, table: str, xmin: float, ymin: float, xmax: float, ymax: float,
                where: Where = None) -> List[Row]:
        """Rows whose geometry intersects the rectangle (edges included), by id."""
        raise NotImplementedError

    def nearest(self, table: str, x: float, y: float, k: int = 1, max_distance: Optional[float] = None,
                where: Where = None) -> List[Tuple[Row, float]]:
        """Up to ``k`` rows nearest to (x, y) with their 2D distance, nearest first."""
        raise NotImplementedError

    def _check_spatial(self, table):
        t = self._check_table(table)
        if not t.geometry_type:
            raise InvalidNameError(f"{table} has no geometry")
        return t

    # ------------------------------------------------------------------ escape hatch

    def execute(self, sql: str, params: Union[Sequence, Dict[str, Any], None] = None) -> int:
        """Run portable SQL (``%s``/``%(name)s`` placeholders); returns the row count."""
        cur = self._execute(self._native_sql(sql), self._adapt_params(params))
        return cur.rowcount

    def query(self, sql: str, params: Union[Sequence, Dict[str, Any], None] = None,
              decode_as: Union[str, Dict[str, str], None] = None) -> List[Row]:
        """Run a portable SELECT and return rows as dicts.

        Geometries come back as shapely on both backends. ``decode_as`` (a table name,
        or ``{column: kind}``) converts json/datetime/bool columns like ``select`` does,
        which GeoPackage needs since sqlite does not know those types.
        """
        cur = self._execute(self._native_sql(sql), self._adapt_params(params))
        if cur.description is None:  # not a statement that returns rows
            return []
        names = [d[0] for d in cur.description]
        if isinstance(decode_as, str):
            self._check_table(decode_as)
            kinds = self._kinds[decode_as]
        else:
            kinds = decode_as or {}
        readers = [self._query_reader(kinds.get(n)) for n in names]
        return [{n: (v if v is None else fn(v)) for n, fn, v in zip(names, readers, r)}
                for r in cur.fetchall()]

    def _query_reader(self, kind):
        fn = self._kind_reader(kind) if kind else None
        return fn or (lambda v: v)

    def _adapt_params(self, params):
        if params is None:
            return ()
        if isinstance(params, dict):
            return {k: self._adapt_param(v) for k, v in params.items()}
        return [self._adapt_param(v) for v in params]

    def table_ref(self, table: str) -> str:
        """The quoted (schema-qualified on PostGIS) name of a schema.py table, for portable SQL."""
        self._check_table(table)
        return self._table_ref(table)

    # ------------------------------------------------------------------ QGIS

    def layer_uri(self, table: str, **kwargs) -> Tuple[str, str]:
        """(provider key, data source URI) for QgsVectorLayer."""
        raise NotImplementedError

    def __repr__(self):
        return f"<{type(self).__name__} {self.backend} schema {self.schema_version}>"


class RowBatches:
    """insert_many's plain path: each batch inserted as it is (executemany or COPY) with its bookkeeping."""

    def __init__(self, store: Store, table: str):
        self.store, self.table = store, table

    def write(self, cols: List[str], rows: List[tuple]) -> None:
        self.store._bulk_insert(self.table, cols, rows)
        self.store._after_write(self.table, cols, rows, "id" in cols)

    def finish(self, ok: bool) -> None:
        """After the last batch (``ok``) or after an error: put back what write() set aside."""
