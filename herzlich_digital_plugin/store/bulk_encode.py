"""Encoding a batch of rows column by column: what ``insert_many`` spends its Python time on.

``Store._encode_row`` calls one writer per value; for 250,000 detections that is 3 million calls, and reading a
point's coordinates through shapely 1.8 costs 4 µs each. Here each column is converted in one comprehension and
point coordinates are read for the whole batch at once (shapely 2: ``get_coordinates``; shapely 1.8: the WKB
of one GeometryCollection of the batch, a single GEOS call). Anything unusual in a batch (an empty or 3D/2D
mixed point, a non-point, a value a writer refuses) sends that batch through ``_encode_row`` unchanged, so
values and error messages stay exactly those of the row path.
"""
import operator
import struct

from shapely.geometry import GeometryCollection, Point

from .geometry import column_dims
from .schema import TABLES_BY_NAME
from .values import MAX_TEXT_CHARS

try:  # shapely >= 2 (QGIS 3.40 on Debian trixie and newer)
    import numpy as _np
    from shapely import get_coordinates as _get_coordinates
except ImportError:  # shapely 1.8 (Debian bookworm)
    _np, _get_coordinates = None, None

_WKB_POINT_2D = struct.Struct("<BI2d")
_WKB_POINT_3D = struct.Struct("<BI3d")


class _Fallback(Exception):
    """This batch needs the row-by-row encoder."""


def point_coords(geoms, dims):
    """[(x, y) or (x, y, z)] of shapely Points, or None when the batch holds anything else.

    None for: not exactly a Point, empty, or (dims 3) a point without z; the row path then checks and
    reports each value as always.
    """
    for g in geoms:
        if type(g) is not Point:
            return None
    if not geoms:
        return []
    if _get_coordinates is not None:
        xyz = _get_coordinates(_np.asarray(geoms, dtype=object), include_z=dims == 3)
        if len(xyz) != len(geoms) or _np.isnan(xyz).any():  # empty points, 2D points in a 3D column
            return None
        return [tuple(c) for c in xyz.tolist()]
    wkb = GeometryCollection(geoms).wkb
    n = len(geoms)
    # Collection header: byte order, type, count; then one WKB point per part.
    size = _WKB_POINT_3D.size if len(wkb) == 9 + n * _WKB_POINT_3D.size else _WKB_POINT_2D.size
    if len(wkb) != 9 + n * size or (dims == 3) != (size == _WKB_POINT_3D.size):
        return None
    unpack = (_WKB_POINT_3D if size == _WKB_POINT_3D.size else _WKB_POINT_2D).unpack_from
    out = []
    for off in range(9, len(wkb), size):
        part = unpack(wkb, off)
        if part[0] != 1 or (part[1] & 0xFF) != 1:
            return None
        coords = part[2:]
        if coords[0] != coords[0] or coords[1] != coords[1] or (dims == 3 and coords[2] != coords[2]):
            return None  # NaN: an empty point, or a 2D point GEOS widened
        out.append(coords)
    return out


def _none_or(fn, values):
    return [None if v is None else fn(v) for v in values]


def _text(values):
    for v in values:
        if v is not None and (type(v) is not str or len(v) > MAX_TEXT_CHARS):
            raise _Fallback()  # the row path refuses it with its own message
    return values


_FAST = {"real": lambda vals: _none_or(float, vals), "int": lambda vals: _none_or(operator.index, vals),
         "pk": lambda vals: _none_or(operator.index, vals), "text": _text}


def encode_rows(store, table, cols, rows):
    """The rows (dicts with the keys ``cols``) as tuples of database values, as ``_encode_row`` makes them."""
    try:
        return _encode_columns(store, table, cols, rows)
    except (_Fallback, TypeError, ValueError, OverflowError):
        return [store._encode_row(table, cols, r) for r in rows]


def _encode_columns(store, table, cols, rows):
    kinds, writers = store._kinds[table], store._writers[table]
    columns = []
    for c in cols:
        values = [r[c] for r in rows]
        kind = kinds[c]
        if kind == "geometry":
            columns.append(_geometry_column(store, table, values, writers[c]))
        elif kind in _FAST:
            columns.append(_FAST[kind](values))
        else:
            columns.append(_none_or(writers[c], values))
    return list(zip(*columns))


def _geometry_column(store, table, values, writer):
    gtype = TABLES_BY_NAME[table].geometry_type
    present = [g for g in values if g is not None]
    dims = column_dims(gtype)
    coords = point_coords(present, dims) if gtype in ("POINT", "POINTZ", "GEOMETRY") else None
    if coords is None:
        return _none_or(writer, values)
    encode = store._point_writer(dims)
    it = iter(coords)
    return [None if g is None else encode(next(it)) for g in values]
