"""Geometry encodings: GeoPackage binary (header + ISO WKB) and PostGIS hex EWKB.

WKB is written and read here in pure Python (struct) instead of through shapely, so
the bytes are identical with shapely 1.8 and 2.x (1.8 can only write EWKB-flavoured
Z types, which the GeoPackage spec does not allow) and points stay fast.
"""
import math
import struct

from shapely.geometry import (GeometryCollection, LineString, MultiLineString, MultiPoint,
                              MultiPolygon, Point, Polygon)
from shapely.geometry.base import BaseGeometry

from .errors import GeometryError
from .schema import SRID

_CODES = {"Point": 1, "LineString": 2, "LinearRing": 2, "Polygon": 3, "MultiPoint": 4,
          "MultiLineString": 5, "MultiPolygon": 6, "GeometryCollection": 7}
_EWKB_Z, _EWKB_M, _EWKB_SRID = 0x80000000, 0x40000000, 0x20000000
_NAN = float("nan")

# GeoPackage header flags: bit 0 little endian, bits 1-3 envelope kind, bit 4 empty.
_GP_FLAGS_XY_ENVELOPE = 0b00000011
_GP_FLAGS_EMPTY = 0b00010001
_GP_ENVELOPE_SIZE = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}

# Which shapely types a column of each declared geometry type accepts.
_ACCEPTS = {"POINT": ("Point",), "POINTZ": ("Point",), "LINESTRING": ("LineString",),
            "POLYGON": ("Polygon",), "GEOMETRY": None}


def column_dims(geometry_type):
    """2 or 3: the coordinate dimension a declared geometry type stores."""
    return 3 if geometry_type.endswith("Z") else 2


def check_geometry(geom, geometry_type):
    """Raise GeometryError unless ``geom`` fits a column declared as ``geometry_type``."""
    if not isinstance(geom, BaseGeometry):
        raise GeometryError(f"expected a shapely geometry, got {type(geom).__name__}")
    accepted = _ACCEPTS[geometry_type]
    if accepted is not None and geom.geom_type not in accepted:
        raise GeometryError(f"a {geometry_type} column cannot store a {geom.geom_type}")
    if column_dims(geometry_type) == 3 and not geom.is_empty and not geom.has_z:
        raise GeometryError(f"a {geometry_type} column needs coordinates with z")
    if not geom.is_empty and not _finite(geom):
        # (inf, nan) from a transform of an impossible position would corrupt the layer extent
        raise GeometryError("the geometry has coordinates that are not finite numbers (inf or NaN)")


def _finite(geom) -> bool:
    if geom.geom_type == "Point":  # the bulk of all rows: no array needed
        return all(math.isfinite(v) for v in geom.coords[0])
    import numpy as np
    import shapely

    if hasattr(shapely, "get_coordinates"):
        return bool(np.isfinite(shapely.get_coordinates(geom, include_z=geom.has_z)).all())
    return all(math.isfinite(v) for v in geom.bounds)


# --------------------------------------------------------------------------- writing

def to_wkb(geom, dims, srid=None):
    """Little-endian WKB with ``dims`` (2 or 3) coordinates.

    ISO type codes (1001 = Point Z) when ``srid`` is None, otherwise EWKB with the SRID
    embedded (the form PostGIS reads as text input).
    """
    out = []
    _write(geom, dims, out, srid)
    return b"".join(out)


def _write(geom, dims, out, srid):
    code = _CODES.get(geom.geom_type)
    if code is None:
        raise GeometryError(f"unsupported geometry type {geom.geom_type}")
    if srid is None:
        out.append(struct.pack("<BI", 1, code + (1000 if dims == 3 else 0)))
    else:
        flags = (_EWKB_Z if dims == 3 else 0) | (_EWKB_SRID if srid else 0)
        out.append(struct.pack("<BI", 1, code | flags))
        if srid:
            out.append(struct.pack("<I", srid))
    if code == 1:
        coords = (_NAN,) * dims if geom.is_empty else _fit(geom.coords[0], dims)
        out.append(struct.pack("<%dd" % dims, *coords))
    elif code == 2:
        _write_sequence(geom.coords, dims, out)
    elif code == 3:
        rings = [] if geom.is_empty else [geom.exterior, *geom.interiors]
        out.append(struct.pack("<I", len(rings)))
        for ring in rings:
            _write_sequence(ring.coords, dims, out)
    else:
        parts = [] if geom.is_empty else list(geom.geoms)
        out.append(struct.pack("<I", len(parts)))
        for part in parts:
            # Parts of EWKB collections carry dimension flags but no SRID.
            _write(part, dims, out, None if srid is None else 0)


def _fit(coord, dims):
    if len(coord) < dims:
        raise GeometryError("geometry has no z coordinate")
    return coord[:dims]


def _write_sequence(coords, dims, out):
    flat = [v for c in coords for v in _fit(c, dims)]
    out.append(struct.pack("<I%dd" % len(flat), len(flat) // dims, *flat))


def gpkg_encode(geom, dims, srid=SRID):
    """GeoPackage binary: 'GP' header, srs id, xy envelope (none if empty), ISO WKB."""
    if geom.is_empty:
        return struct.pack("<2sBBi", b"GP", 0, _GP_FLAGS_EMPTY, srid) + to_wkb(geom, dims)
    if geom.geom_type == "Point":  # fast path: the bulk of all rows are points
        c = _fit(geom.coords[0], dims)
        x, y = c[0], c[1]
        return struct.pack("<2sBBi4dBI%dd" % dims, b"GP", 0, _GP_FLAGS_XY_ENVELOPE, srid,
                           x, x, y, y, 1, 1001 if dims == 3 else 1, *c)
    minx, miny, maxx, maxy = geom.bounds
    return (struct.pack("<2sBBi4d", b"GP", 0, _GP_FLAGS_XY_ENVELOPE, srid, minx, maxx, miny, maxy)
            + to_wkb(geom, dims))


def gpkg_point_encoder(dims, srid=SRID):
    """(x, y[, z]) -> the same GeoPackage blob ``gpkg_encode`` writes for that point (bulk path)."""
    pack = struct.Struct("<2sBBi4dBI%dd" % dims).pack
    code = 1001 if dims == 3 else 1
    return lambda c: pack(b"GP", 0, _GP_FLAGS_XY_ENVELOPE, srid, c[0], c[0], c[1], c[1], 1, code, *c)


def ewkb_point_hex_encoder(dims, srid=SRID):
    """(x, y[, z]) -> the same hex EWKB ``ewkb_hex`` writes for that point (bulk path)."""
    pack = struct.Struct("<BII%dd" % dims).pack
    code = 1 | (_EWKB_Z if dims == 3 else 0) | _EWKB_SRID
    return lambda c: pack(1, code, srid, *c).hex()


def ewkb_hex(geom, dims, srid=SRID):
    """Hex EWKB with SRID: PostGIS accepts it as a geometry literal and in COPY."""
    return to_wkb(geom, dims, srid).hex()


# --------------------------------------------------------------------------- reading

def from_wkb(data, offset=0):
    """A shapely geometry from ISO or EWKB bytes (either byte order); M is dropped."""
    try:
        geom, _ = _read(data, offset)
    except (struct.error, IndexError, ValueError) as exc:
        raise GeometryError(f"cannot decode WKB: {exc}") from exc
    return geom


def _read(buf, off):
    endian = "<" if buf[off] == 1 else ">"
    (code,) = struct.unpack_from(endian + "I", buf, off + 1)
    off += 5
    if code & _EWKB_SRID:
        off += 4
    has_z = bool(code & _EWKB_Z)
    has_m = bool(code & _EWKB_M)
    code &= 0x0FFFFFFF
    base, iso = code % 1000, code // 1000
    has_z = has_z or iso in (1, 3)
    has_m = has_m or iso in (2, 3)
    n = 2 + has_z + has_m
    keep = 3 if has_z else 2
    if base == 1:
        coords = struct.unpack_from(endian + "%dd" % n, buf, off)
        off += 8 * n
        if all(math.isnan(v) for v in coords):
            return Point(), off
        return Point(*coords[:keep]), off
    if base == 2:
        coords, off = _read_sequence(buf, off, endian, n, keep)
        return (LineString(coords) if coords else LineString()), off
    if base == 3:
        (count,) = struct.unpack_from(endian + "I", buf, off)
        off += 4
        rings = []
        for _ in range(count):
            ring, off = _read_sequence(buf, off, endian, n, keep)
            rings.append(ring)
        return (Polygon(rings[0], rings[1:]) if rings else Polygon()), off
    if base in (4, 5, 6, 7):
        (count,) = struct.unpack_from(endian + "I", buf, off)
        off += 4
        parts = []
        for _ in range(count):
            part, off = _read(buf, off)
            parts.append(part)
        cls = {4: MultiPoint, 5: MultiLineString, 6: MultiPolygon, 7: GeometryCollection}[base]
        return (cls(parts) if parts else cls()), off
    raise ValueError(f"unsupported WKB type {code}")


def _read_sequence(buf, off, endian, n, keep):
    (count,) = struct.unpack_from(endian + "I", buf, off)
    off += 4
    flat = struct.unpack_from(endian + "%dd" % (count * n), buf, off)
    off += 8 * n * count
    return [flat[i:i + keep] for i in range(0, count * n, n)], off


def _gpkg_header(blob):
    """(wkb offset, envelope kind, empty flag, byte order prefix) of a GeoPackage blob."""
    if len(blob) < 8 or blob[0:2] != b"GP":
        raise GeometryError("not a GeoPackage geometry blob")
    flags = blob[3]
    envelope = (flags >> 1) & 0b111
    if envelope not in _GP_ENVELOPE_SIZE:
        raise GeometryError(f"invalid GeoPackage envelope indicator {envelope}")
    return 8 + _GP_ENVELOPE_SIZE[envelope], envelope, bool(flags & 0b10000), \
        "<" if flags & 1 else ">"


def is_gpkg_blob(value):
    return isinstance(value, (bytes, bytearray, memoryview)) and bytes(value[0:2]) == b"GP"


def gpkg_decode(blob):
    """A shapely geometry from a GeoPackage binary geometry."""
    start, _, _, _ = _gpkg_header(blob)
    return from_wkb(blob, start)


def gpkg_envelope(blob):
    """(minx, maxx, miny, maxy) of a GeoPackage geometry, None when empty.

    Reads the header envelope when present (our writer always adds one); GDAL omits
    it for points, so then the geometry itself is decoded.
    """
    start, envelope, empty, endian = _gpkg_header(blob)
    if empty:
        return None
    if envelope:
        return struct.unpack_from(endian + "4d", blob, 8)
    geom = from_wkb(blob, start)
    if geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return minx, maxx, miny, maxy


def gpkg_is_empty(blob):
    """True for an empty geometry (header flag, or a NaN point written without it)."""
    start, envelope, empty, _ = _gpkg_header(blob)
    if empty:
        return True
    if envelope:
        return False
    return from_wkb(blob, start).is_empty


def ewkb_hex_decode(text):
    """A shapely geometry from PostGIS' hex EWKB output."""
    try:
        data = bytes.fromhex(text)
    except ValueError as exc:
        raise GeometryError(f"not hex EWKB: {exc}") from exc
    return from_wkb(data)
