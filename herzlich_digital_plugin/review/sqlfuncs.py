"""Spatial SQL for the review queries on both backends.

PostGIS has ST_X / ST_Intersects. sqlite has no spatial functions, so the GeoPackage connection
gets three small ones (the store registers its rtree helpers the same way):
    hd_x(geom), hd_y(geom)       coordinates of a point blob (from its header envelope)
    hd_in_area(geom, token)      point inside a polygon registered with ``area_token``
Their results feed SQL (WHERE, GROUP BY), so counts stay in SQL.
"""
import struct
import threading
import uuid

from shapely import wkt as shapely_wkt
from shapely.geometry import Point
from shapely.prepared import prep

from ..store.ddl import rtree_name
from ..store.errors import StoreError
from ..store.geometry import gpkg_decode, gpkg_envelope
from ..store.schema import SRID
from .text import tr

_read_xy = struct.Struct("<d8xd").unpack_from  # minx, miny of a little-endian xy envelope
_AREAS = {}
_AREAS_LOCK = threading.Lock()
_INSTALLED_ATTR = "_hd_review_sqlfuncs"


def _point_xy(blob):
    if blob is None:
        return None
    if blob[3] == 0x03:  # our own blobs: little endian, xy envelope; a point's minx/miny is its x/y
        return _read_xy(blob, 8)
    env = gpkg_envelope(blob)
    return None if env is None else (env[0], env[2])


def _hd_x(blob):
    xy = _point_xy(blob)
    return None if xy is None else xy[0]


def _hd_y(blob):
    xy = _point_xy(blob)
    return None if xy is None else xy[1]


def _hd_in_area(blob, token):
    xy = _point_xy(blob)
    area = _AREAS.get(token)
    if xy is None or area is None:
        return 0
    return 1 if area.intersects(Point(xy)) else 0


def install(store) -> None:
    """Prepare a GeoPackage store's connection for the review queries (no-op on PostGIS).

    Registers hd_x / hd_y / hd_in_area, and gathers planner statistics once if the file has
    none: without them sqlite picks the status index for "status = 'new' ORDER BY score" and
    sorts a quarter of a million rows (ANALYZE takes ~0.2 s at city scale and is kept in the file).
    """
    if store.backend != "gpkg" or getattr(store, _INSTALLED_ATTR, False):
        return
    conn = store._conn  # the sqlite3 connection; functions live per connection
    conn.create_function("hd_x", 1, _hd_x, deterministic=True)
    conn.create_function("hd_y", 1, _hd_y, deterministic=True)
    conn.create_function("hd_in_area", 2, _hd_in_area)
    setattr(store, _INSTALLED_ATTR, True)
    try:
        has_stats = store.query("SELECT 1 AS x FROM sqlite_master WHERE name = 'sqlite_stat1'") and store.query(
            "SELECT 1 AS x FROM sqlite_stat1 WHERE tbl = 'detection' LIMIT 1")
        if not has_stats and not store.in_transaction:
            store.execute("ANALYZE")
    except StoreError:  # read-only or busy file: the queries still work, only slower
        pass


def area_token(polygon_wkt: str):
    """(token, bounds) for a polygon used by hd_in_area; ValueError for text that is not a polygon."""
    try:
        geom = shapely_wkt.loads(polygon_wkt)
    except Exception as exc:  # shapely raises WKTReadingError (1.8) / GEOSException (2.x)
        raise ValueError(tr("The area is not a WKT geometry: {error}").format(error=exc)) from exc
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(tr("The area must be a polygon."))
    token = uuid.uuid4().hex
    with _AREAS_LOCK:
        if len(_AREAS) > 256:  # areas are per filter; keep the registry small
            _AREAS.clear()
        _AREAS[token] = prep(geom)
    return token, geom.bounds


def x_expr(store, column: str) -> str:
    return f"ST_X({column})" if store.backend == "postgis" else f"hd_x({column})"


def y_expr(store, column: str) -> str:
    return f"ST_Y({column})" if store.backend == "postgis" else f"hd_y({column})"


def bbox_condition(store, table: str, alias: str, bounds):
    """(SQL, params): the point column of ``alias`` lies in bounds (xmin, ymin, xmax, ymax), edges included."""
    xmin, ymin, xmax, ymax = (float(v) for v in bounds)
    if store.backend == "postgis":
        env = f"ST_MakeEnvelope(%s, %s, %s, %s, {SRID})"  # && alone compares float4-rounded boxes
        return (f"{alias}.geom && {env} AND ST_Intersects({alias}.geom, {env})", [xmin, ymin, xmax, ymax] * 2)
    install(store)
    rtree = f'"{rtree_name(table)}"'
    sql = (f"{alias}.id IN (SELECT id FROM {rtree} WHERE minx <= %s AND maxx >= %s AND miny <= %s "  # nosec B608
           f"AND maxy >= %s) AND hd_x({alias}.geom) BETWEEN %s AND %s AND hd_y({alias}.geom) BETWEEN %s AND %s")
    return sql, [xmax, xmin, ymax, ymin, xmin, xmax, ymin, ymax]


def area_condition(store, table: str, alias: str, polygon_wkt: str):
    """(SQL, params): the point column of ``alias`` lies inside a WKT polygon (EPSG:25832)."""
    if store.backend == "postgis":
        return (f"ST_Intersects({alias}.geom, ST_GeomFromText(%s, {SRID}))", [polygon_wkt])
    token, bounds = area_token(polygon_wkt)
    sql, params = bbox_condition(store, table, alias, bounds)
    return f"{sql} AND hd_in_area({alias}.geom, %s) = 1", params + [token]


def decode_point(value):
    """A shapely point from a query value (already shapely on PostGIS, a blob on GeoPackage)."""
    if value is None or hasattr(value, "geom_type"):
        return value
    return gpkg_decode(value)
