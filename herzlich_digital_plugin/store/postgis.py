"""PostGIS backend (psycopg2): the shared multi-user store."""
from datetime import date, datetime
from typing import List, Optional, Tuple

from shapely.geometry.base import BaseGeometry

from . import ddl
from . import values as V
from .base import Row, Store, Where
from .errors import IntegrityError, PermissionDeniedError, StoreBusyError, StoreError
from .geometry import ewkb_hex, ewkb_hex_decode, ewkb_point_hex_encoder
from .migrations import migrate
from .postgis_bulk import PostgisBulk, copy_rows
from .schema import SRID

try:
    import psycopg2
    import psycopg2.errors
    import psycopg2.extensions
    import psycopg2.extras
except ImportError:  # only needed when a PostGIS store is opened
    psycopg2 = None

_CONN_KEYS = ("service", "host", "hostaddr", "port", "dbname", "user", "sslmode")
CONNECT_TIMEOUT_S = 10


class _EWKB:
    """A geometry parameter: rendered as ``'<hex ewkb>'::geometry`` (hex digits only)."""
    __slots__ = ("hex",)

    def __init__(self, hex_text):
        self.hex = hex_text

    def __conform__(self, proto):
        return self if proto is psycopg2.extensions.ISQLQuote else None

    def getquoted(self):
        return f"'{self.hex}'::geometry".encode("ascii")


class PostGISStore(Store):
    backend = "postgis"
    _ph = "%s"

    def __init__(self, conninfo: str, create: bool = True, schema: str = "public"):
        if psycopg2 is None:
            raise StoreError("PostGIS stores need the psycopg2 module (Debian: python3-psycopg2)")
        ddl.quote_ident(schema)  # validates
        self.schema = schema
        self.conninfo = conninfo
        super().__init__(conninfo)
        extra = {"application_name": "herzlich_digital"}
        if "connect_timeout" not in _dsn_parts(conninfo):
            extra["connect_timeout"] = CONNECT_TIMEOUT_S  # never hang QGIS on an unreachable server
        try:
            self._conn = psycopg2.connect(conninfo, **extra)
        except psycopg2.Error as exc:
            raise _translate(exc) from exc
        try:
            self._conn.autocommit = True  # transactions are explicit BEGIN/COMMIT (see transaction())
            self._execute("SET TIME ZONE 'UTC'")
            self._set_search_path()
            self._register_types()
            migrate(self, create)
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ connection plumbing

    def _set_search_path(self):
        # Our schema first (portable SQL uses bare table names), then where PostGIS lives.
        row = self._execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                            "ON n.oid = e.extnamespace WHERE e.extname = 'postgis'").fetchone()
        path = [self.schema] + [n for n in (row[0] if row else None, "public") if n and n != self.schema]
        self._execute("SELECT set_config('search_path', %s, false)",
                      (", ".join('"' + p.replace('"', '""') + '"' for p in dict.fromkeys(path)),))

    def _register_types(self):
        """Geometries arrive as shapely, NUMERIC as float (as sqlite would return)."""
        oids = tuple(r[0] for r in self._execute("SELECT oid FROM pg_type WHERE typname = 'geometry'"))
        if oids:
            geom = psycopg2.extensions.new_type(
                oids, "HD_GEOMETRY", lambda v, cur: None if v is None else ewkb_hex_decode(v))
            psycopg2.extensions.register_type(geom, self._conn)
        dec = psycopg2.extensions.new_type(
            psycopg2.extensions.DECIMAL.values, "HD_DEC2FLOAT", lambda v, cur: None if v is None else float(v))
        psycopg2.extensions.register_type(dec, self._conn)

    def _execute(self, sql, params=None):
        try:
            cur = self._conn.cursor()
            cur.execute(sql, params)
        except psycopg2.Error as exc:
            raise _translate(exc) from exc
        return cur

    def _executemany(self, sql, seq):
        try:
            cur = self._conn.cursor()
            cur.executemany(sql, seq)
        except psycopg2.Error as exc:
            raise _translate(exc) from exc
        return cur

    def _close(self):
        self._conn.close()

    def _table_ref(self, table):
        return ddl.pg_table_ref(self.schema, table)

    def _native_sql(self, sql):
        return sql

    def _adapt_params(self, params):
        adapted = super()._adapt_params(params)
        # psycopg2 only turns %% into % when parameters are given: always give some.
        return adapted if adapted else ({} if isinstance(params, dict) else ())

    def _adapt_param(self, value):
        if isinstance(value, BaseGeometry):
            return _EWKB(ewkb_hex(value, 3 if value.has_z else 2))
        if isinstance(value, datetime):
            return V.aware_utc(value)
        if isinstance(value, (dict, list)):
            return psycopg2.extras.Json(value, dumps=V.json_text)
        if type(value).__module__ == "numpy" and hasattr(value, "item"):
            return value.item()
        return value

    # ------------------------------------------------------------------ values

    def _geom_writer(self, dims):
        return lambda geom: _EWKB(ewkb_hex(geom, dims))

    def _point_writer(self, dims):
        encode = ewkb_point_hex_encoder(dims)
        return lambda c: _EWKB(encode(c))

    def _kind_reader(self, kind):
        # jsonb and booleans arrive as Python values already; geometries via the caster.
        if kind == "datetime":
            return V.parse_datetime
        if kind == "geometry":
            return lambda v: v if isinstance(v, BaseGeometry) else ewkb_hex_decode(v)
        return None

    # ------------------------------------------------------------------ writes

    def _insert_row(self, table, cols, values):
        return self._execute(self._insert_sql(table, cols) + ' RETURNING "id"', values).fetchone()[0]

    def _bulk_insert(self, table, cols, rows):
        """COPY FROM STDIN: several times faster than INSERT batches."""
        copy_rows(self, table, cols, rows)

    @staticmethod
    def copy_field(value):
        """One value as COPY text (postgis_bulk encodes the rest itself)."""
        return _copy_field(value)

    def copy_expert(self, sql, buf):
        try:
            self._conn.cursor().copy_expert(sql, buf)
        except psycopg2.Error as exc:
            raise _translate(exc) from exc

    def _bulk_session(self, table):
        return PostgisBulk(self, table)

    def _after_write(self, table, cols, rows, explicit_ids):
        # Rows inserted with explicit ids do not advance the identity sequence.
        if explicit_ids:
            self._execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # nosec B608
                          f"(SELECT max(\"id\") FROM {self._table_ref(table)}))",
                          (self._table_ref(table),))

    # ------------------------------------------------------------------ spatial

    _POINT = f"ST_SetSRID(ST_MakePoint(%s, %s), {SRID})"

    def in_bbox(self, table, xmin, ymin, xmax, ymax, where: Where = None) -> List[Row]:
        self._check_spatial(table)
        env = f"ST_MakeEnvelope(%s, %s, %s, %s, {SRID})"
        sql = (f"SELECT {self._select_list(table)} FROM {self._table_ref(table)} "  # nosec B608
               f'WHERE "geom" && {env} AND ST_Intersects("geom", {env})')
        params = [xmin, ymin, xmax, ymax] * 2
        cond, wparams = self._where(table, where)
        if cond:
            sql += " AND " + cond
            params += wparams
        sql += ' ORDER BY "id"'
        return [self._decode_row(table, r) for r in self._execute(sql, params).fetchall()]

    def nearest(self, table, x, y, k=1, max_distance=None, where: Where = None) -> List[Tuple[Row, float]]:
        """KNN through the GiST index (``<->``), ties broken by id.

        Two indexed queries: the k-th smallest distance first (``ORDER BY geom <-> p``
        alone, since a second sort key makes the planner give up the KNN index scan),
        then the rows within that distance ordered by (distance, id).
        """
        self._check_spatial(table)
        if k <= 0:
            return []
        p = self._POINT
        filters = ['"geom" IS NOT NULL', 'NOT ST_IsEmpty("geom")']
        fparams = []
        if max_distance is not None:
            filters.append(f'ST_DWithin("geom", {p}, %s)')
            fparams += [x, y, max_distance]
        cond, wparams = self._where(table, where)
        if cond:
            filters.append(cond)
            fparams += wparams
        base = f"FROM {self._table_ref(table)} WHERE " + " AND ".join(filters)
        dists = self._execute(f'SELECT "geom" <-> {p} {base} ORDER BY "geom" <-> {p} LIMIT %s',
                              [x, y, *fparams, x, y, int(k)]).fetchall()
        if not dists:
            return []
        reach = float(dists[-1][0])
        reach += 1e-9 * max(1.0, reach)  # <-> and ST_DWithin may differ in the last bit
        sql = (f"SELECT {self._select_list(table)}, ST_Distance(\"geom\", {p}) AS hd_distance {base} "
               f'AND ST_DWithin("geom", {p}, %s) ORDER BY hd_distance, "id" LIMIT %s')
        out = []
        for raw in self._execute(sql, [x, y, *fparams, x, y, reach, int(k)]).fetchall():
            out.append((self._decode_row(table, raw[:-1]), float(raw[-1])))
        return out

    # ------------------------------------------------------------------ migrations

    def describe(self):
        info = _dsn_parts(self.conninfo)
        return (f"The PostGIS database {info.get('dbname', '?')} on {info.get('host', 'localhost')}"
                f" (schema {self.schema})")

    def _regclass(self, table):
        return self._execute("SELECT to_regclass(%s)", (ddl.pg_table_ref(self.schema, table),)).fetchone()[0]

    def _read_version(self) -> Optional[int]:
        if self._regclass(ddl.META_TABLE) is None:
            return None
        return self._execute(f"SELECT max(version) FROM {self._table_ref_meta()}").fetchone()[0]  # nosec B608

    def _has_user_tables(self):
        return any(self._regclass(name) is not None for name in self._kinds)

    def _lock_for_migration(self):
        self._execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ("herzlich_digital:" + self.schema,))

    def _create_schema(self):
        if self._execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (self.schema,)).fetchone() is None:
            self._execute(f"CREATE SCHEMA {ddl.quote_ident(self.schema)}")
        if self._execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone() is None:
            self._execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")
            self._set_search_path()
            self._register_types()
        for sql, params in ddl.create_all("postgis", self.schema):
            self._execute(sql, params)

    def _table_ref_meta(self):
        return ddl.pg_table_ref(self.schema, ddl.META_TABLE)

    # ------------------------------------------------------------------ QGIS

    def layer_uri(self, table, authcfg: Optional[str] = None, geometry_type: Optional[str] = None):
        """("postgres", "<conninfo without password> key='id' srid=… type=… table=… (geom)").

        ``authcfg`` adds a QGIS authentication config id; ``geometry_type`` (QGIS
        spelling, e.g. "Polygon") picks one type for tables declared GEOMETRY.
        """
        t = self._check_table(table)
        info = _dsn_parts(self.conninfo)
        parts = [f"{k}={info[k] if k == 'port' and info[k].isdigit() else _uri_quote(info[k])}"
                 for k in _CONN_KEYS if info.get(k)]
        if authcfg:
            parts.append(f"authcfg={_uri_quote(authcfg)}")
        parts.append("key='id'")
        ref = f'"{self.schema}"."{table}"'
        if t.geometry_type:
            parts.append(f"srid={SRID}")
            gtype = geometry_type or (None if t.geometry_type == "GEOMETRY" else ddl.pg_geometry_type(t.geometry_type))
            if gtype:
                parts.append(f"type={gtype}")
            parts.append(f"table={ref} ({ddl.GEOM})")
        else:
            parts.append(f"table={ref}")
        return "postgres", " ".join(parts)


def _dsn_parts(conninfo):
    try:
        return psycopg2.extensions.parse_dsn(conninfo)
    except psycopg2.Error:
        return {}


def _uri_quote(value):
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _copy_field(value):
    """One value in COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = (value.replace("\\", "\\\\").replace("\t", "\\t")
                     .replace("\n", "\\n").replace("\r", "\\r"))
        return value
    if isinstance(value, _EWKB):
        return value.hex
    if isinstance(value, float):
        return repr(value) if value == value and abs(value) != float("inf") else \
            ("NaN" if value != value else ("Infinity" if value > 0 else "-Infinity"))
    if isinstance(value, (int, date)):
        return str(value)
    raise TypeError(f"cannot COPY a {type(value).__name__}")


def _translate(exc):
    msg = (exc.pgerror or str(exc)).strip() if hasattr(exc, "pgerror") else str(exc)
    if isinstance(exc, psycopg2.errors.InsufficientPrivilege):
        return PermissionDeniedError(msg)
    if isinstance(exc, psycopg2.IntegrityError):
        return IntegrityError(msg)
    if isinstance(exc, (psycopg2.errors.LockNotAvailable, psycopg2.errors.DeadlockDetected)):
        return StoreBusyError(msg)
    return StoreError(msg)
