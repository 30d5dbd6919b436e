"""GeoPackage backend (sqlite3): a real GeoPackage 1.3 that GDAL and QGIS open directly."""
import math
import os
import sqlite3
import struct
from datetime import date, datetime
from typing import List, Optional, Tuple

from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from . import ddl
from . import values as V
from .base import Row, Store, Where, portable_to_qmark
from .errors import ForeignStoreError, IntegrityError, StoreBusyError, StoreError
from .geometry import gpkg_decode, gpkg_encode, gpkg_envelope, gpkg_is_empty, gpkg_point_encoder, is_gpkg_blob
from .gpkg_bulk import GpkgBulk
from .migrations import migrate

BUSY_TIMEOUT_S = 30.0
_NEAREST_START_RADIUS = 25.0  # metres; grows x4 until k rows are found
_read_envelope = struct.Struct("<4d").unpack_from


class GeoPackageStore(Store):
    backend = "gpkg"
    _ph = "?"
    # Take the write lock up front: a deferred transaction that reads and then writes
    # can fail at once with SQLITE_BUSY instead of waiting for the busy timeout.
    _begin_sql = "BEGIN IMMEDIATE"

    def __init__(self, path: str, create: bool = True, busy_timeout: float = BUSY_TIMEOUT_S, adopt: bool = False):
        """``adopt``: add the plugin's tables to a GeoPackage another application made (never silently)."""
        path = os.path.abspath(os.fspath(path))
        if "\x00" in path:
            raise StoreError("The GeoPackage path contains a NUL character")
        if os.path.isdir(path):
            raise StoreError(f"{path} is a folder, not a GeoPackage file")
        if not os.path.exists(path):
            if not create:
                raise StoreError(f"GeoPackage {path} does not exist")
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
            except OSError as exc:  # a file where a folder should be, no permission, ...
                raise StoreError(f"The folder of {path} cannot be created: {exc.strerror or exc}") from exc
        self.path = path
        self._env_blob, self._env_value = None, None
        self._extent = {}  # table -> [minx, miny, maxx, maxy] known to be in gpkg_contents
        super().__init__(path)
        try:
            self._conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"The GeoPackage {path} cannot be opened: {exc}") from exc
        try:
            if create and not adopt:
                foreign = self._foreign_tables()
                if foreign:
                    raise ForeignStoreError(
                        f"The GeoPackage {path} was made by another application (it holds "
                        f"{', '.join(foreign[:5])}{' …' if len(foreign) > 5 else ''}) and has no Herzlich Digital "
                        "data; the plugin's tables are added to it only when you confirm it (adopt).")
            self._register_functions()
            self._execute("PRAGMA foreign_keys = ON")
            # No WAL: QGIS keeps its own connections to the same file open, and switching the journal mode under
            # them breaks their reads ("unable to open database file"). Rollback journal + busy timeout it is.
            self._execute("PRAGMA synchronous = NORMAL")
            migrate(self, create)
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ sqlite plumbing

    def _register_functions(self):
        """The SQL functions the standard rtree triggers call (GDAL/QGIS bring their own).

        They run five times per inserted row, so the common case (our own blobs:
        little endian, xy envelope, not empty, flags byte 0x03) reads the header directly.
        """
        env = self._envelope
        read_double = struct.Struct("<d").unpack_from

        def is_empty(blob):
            if blob is None:
                return None
            return 0 if blob[3] == 0x03 else int(gpkg_is_empty(blob))

        def part(i):
            offset = 8 + 8 * i

            def fn(blob):
                if blob is None:
                    return None
                if blob[3] == 0x03:
                    return read_double(blob, offset)[0]
                e = env(blob)
                return None if e is None else e[i]
            return fn

        for name, fn in (("ST_IsEmpty", is_empty), ("ST_MinX", part(0)), ("ST_MaxX", part(1)),
                         ("ST_MinY", part(2)), ("ST_MaxY", part(3))):
            self._conn.create_function(name, 1, fn, deterministic=True)

    def _envelope(self, blob):
        # The insert trigger asks for four parts of the same blob in a row: parse it once.
        if blob is None:
            return None
        if blob != self._env_blob:
            self._env_value = gpkg_envelope(blob)
            self._env_blob = blob
        return self._env_value

    def _execute(self, sql, params=()):
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc

    def _executemany(self, sql, seq):
        try:
            return self._conn.executemany(sql, seq)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc

    def _close(self):
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        self._conn.close()

    def _table_ref(self, table):
        return ddl.quote_ident(table)

    def _native_sql(self, sql):
        return portable_to_qmark(sql)

    # ------------------------------------------------------------------ values

    def _geom_writer(self, dims):
        return lambda geom: gpkg_encode(geom, dims)

    def _point_writer(self, dims):
        return gpkg_point_encoder(dims)

    def _kind_reader(self, kind):
        return {"geometry": gpkg_decode, "json": V.json_value, "datetime": V.parse_datetime,
                "bool": bool}.get(kind)

    def _query_reader(self, kind):
        fn = self._kind_reader(kind) if kind else None
        if fn is not None:
            return fn
        return lambda v: gpkg_decode(v) if is_gpkg_blob(v) else v

    def _adapt_param(self, value):
        if isinstance(value, BaseGeometry):
            return gpkg_encode(value, 3 if value.has_z else 2)
        if isinstance(value, datetime):
            return V.datetime_text(value)
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, (dict, list)):
            return V.json_text(value)
        if type(value).__module__ == "numpy" and hasattr(value, "item"):
            return value.item()
        return value

    # ------------------------------------------------------------------ writes

    def _insert_row(self, table, cols, values):
        return self._execute(self._insert_sql(table, cols), values).lastrowid

    def _bulk_session(self, table):
        return GpkgBulk(self, table)

    def _after_write(self, table, cols, rows, explicit_ids):
        """Grow the layer extent in gpkg_contents (GDAL/QGIS read it as the layer extent)."""
        if ddl.GEOM not in cols:
            return
        gi = cols.index(ddl.GEOM)
        minx = miny = math.inf
        maxx = maxy = -math.inf
        for row in rows:
            e = _blob_envelope(row[gi])
            if e is None:
                continue
            minx, maxx = min(minx, e[0]), max(maxx, e[1])
            miny, maxy = min(miny, e[2]), max(maxy, e[3])
        if minx == math.inf:
            return
        known = self._extent.get(table)
        if known and known[0] <= minx and known[1] <= miny and known[2] >= maxx and known[3] >= maxy:
            return
        self._execute(
            "UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?), ?), min_y = min(coalesce(min_y, ?), ?), "
            "max_x = max(coalesce(max_x, ?), ?), max_y = max(coalesce(max_y, ?), ?), "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
            (minx, minx, miny, miny, maxx, maxx, maxy, maxy, table))
        row = self._execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                            (table,)).fetchone()
        self._extent[table] = list(row)

    # ------------------------------------------------------------------ spatial

    def _rtree_query(self, table, where, bounds):
        """Rows whose rtree box overlaps ``bounds`` (None: all rows with a geometry)."""
        cols = ", ".join("t." + ddl.quote_ident(c) for c in self._kinds[table])
        rtree = ddl.quote_ident(ddl.rtree_name(table))
        sql = f"SELECT {cols} FROM {self._table_ref(table)} AS t JOIN {rtree} AS r ON t.\"id\" = r.id"  # nosec B608
        conds, params = [], []
        if bounds is not None:
            xmin, ymin, xmax, ymax = bounds
            conds.append("r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?")
            params += [xmax, xmin, ymax, ymin]
        cond, wparams = self._where(table, where, prefix="t.")
        if cond:
            conds.append(cond)
            params += wparams
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        sql += ' ORDER BY t."id"'
        return [self._decode_row(table, r) for r in self._execute(sql, params).fetchall()]

    def in_bbox(self, table, xmin, ymin, xmax, ymax, where: Where = None) -> List[Row]:
        t = self._check_spatial(table)
        rows = self._rtree_query(table, where, (xmin, ymin, xmax, ymax))
        # The rtree stores float32 boxes rounded outwards: always check exactly.
        if t.geometry_type.startswith("POINT"):
            return [r for r in rows if xmin <= r["geom"].x <= xmax and ymin <= r["geom"].y <= ymax]
        rect = box(xmin, ymin, xmax, ymax)
        return [r for r in rows if rect.intersects(r["geom"])]

    def nearest(self, table, x, y, k=1, max_distance=None, where: Where = None) -> List[Tuple[Row, float]]:
        """k nearest rows: rtree window queries growing until k rows lie within the radius."""
        t = self._check_spatial(table)
        if k <= 0:
            return []
        dist = _point_distance(x, y) if t.geometry_type.startswith("POINT") else _geom_distance(x, y)
        extent = self._execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                               (table,)).fetchone()
        if extent is not None and None in extent:
            extent = None  # unknown extent (another writer did not record it): scan everything
        radius = max_distance if max_distance is not None else _NEAREST_START_RADIUS
        while True:
            covers_all = extent is None or (x - radius <= extent[0] and y - radius <= extent[1]
                                            and x + radius >= extent[2] and y + radius >= extent[3])
            bounds = None if covers_all else (x - radius, y - radius, x + radius, y + radius)
            found = [(r, dist(r["geom"])) for r in self._rtree_query(table, where, bounds)]
            limit = radius if max_distance is None else min(radius, max_distance)
            within = sorted(((r, d) for r, d in found if d <= limit), key=lambda rd: (rd[1], rd[0]["id"]))
            done = (len(within) >= k or covers_all
                    or (max_distance is not None and radius >= max_distance))
            if done:
                if covers_all and max_distance is None:
                    within = sorted(found, key=lambda rd: (rd[1], rd[0]["id"]))
                return within[:k]
            radius *= 4

    # ------------------------------------------------------------------ migrations

    def describe(self):
        return f"The GeoPackage {self.path}"

    def _read_version(self) -> Optional[int]:
        if not self._table_exists(ddl.META_TABLE):
            return None
        return self._execute(f"SELECT max(version) FROM {ddl.META_TABLE}").fetchone()[0]  # nosec B608

    def _table_exists(self, name):
        return self._execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                             (name,)).fetchone() is not None

    def _foreign_tables(self):
        """Tables of another application in a file without our schema (GeoPackage system tables aside)."""
        try:
            if self._read_version() is not None:
                return []
            names = [row[0] for row in self._execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").fetchall()]
        except StoreError:
            return []  # not a database at all: migrate() says so
        return [name for name in names if not name.startswith(("gpkg_", "rtree_", "sqlite_")) and name not in self._kinds]

    def _has_user_tables(self):
        return any(self._table_exists(name) for name in self._kinds)

    def _create_schema(self):
        self._execute(f"PRAGMA application_id = {ddl.GPKG_APPLICATION_ID}")
        self._execute(f"PRAGMA user_version = {ddl.GPKG_USER_VERSION}")
        for sql, params in ddl.create_all("gpkg"):
            self._execute(sql, params)

    def _table_ref_meta(self):
        return ddl.META_TABLE

    # ------------------------------------------------------------------ QGIS

    def layer_uri(self, table, geometry_type=None, **kwargs):
        """("ogr", "<path>|layername=<table>"); ``geometry_type`` (e.g. "Polygon") picks one type of a
        GEOMETRY table, as the PostGIS variant does."""
        self._check_table(table)
        uri = f"{self.path}|layername={table}"
        return "ogr", uri + (f"|geometrytype={geometry_type}" if geometry_type else "")


def _blob_envelope(blob):
    """(minx, maxx, miny, maxy) of a geometry blob, None for NULL or empty."""
    if blob is None:
        return None
    if blob[3] == 0x03:  # our own blobs: little endian with an xy envelope
        return _read_envelope(blob, 8)
    return gpkg_envelope(blob)


def _point_distance(x, y):
    return lambda g: math.hypot(g.x - x, g.y - y)


def _geom_distance(x, y):
    from shapely.geometry import Point
    p = Point(x, y)
    return lambda g: g.distance(p)


def _translate(exc, path):
    msg = str(exc)
    if isinstance(exc, sqlite3.IntegrityError):
        return IntegrityError(msg)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in msg or "busy" in msg):
        return StoreBusyError(f"{path} is locked by another writer: {msg}")
    return StoreError(msg)
