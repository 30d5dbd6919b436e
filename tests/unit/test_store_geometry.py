"""Geometry encodings: GeoPackage binary and (E)WKB, independent of a database."""
import math
import struct

import pytest
from shapely.geometry import (GeometryCollection, LineString, MultiLineString, MultiPoint,
                              MultiPolygon, Point, Polygon)

from herzlich_digital_plugin.store.errors import GeometryError
from herzlich_digital_plugin.store.geometry import (check_geometry, ewkb_hex, ewkb_hex_decode, from_wkb,
                                                    gpkg_decode, gpkg_encode, gpkg_envelope, gpkg_is_empty,
                                                    to_wkb)

POLY = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)], [[(2, 2), (3, 2), (3, 3)]])
SAMPLES_2D = [
    Point(412345.25, 5478123.5),
    LineString([(0, 0), (1, 2), (3, 5)]),
    POLY,
    MultiPoint([(1, 2), (3, 4)]),
    MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3)]]),
    MultiPolygon([POLY, Polygon([(20, 20), (21, 20), (21, 21)])]),
    GeometryCollection([Point(1, 1), LineString([(0, 0), (5, 5)])]),
]
SAMPLES_3D = [
    Point(412345.25, 5478123.5, 241.75),
    LineString([(0, 0, 1), (1, 2, 3)]),
    MultiPoint([(1, 2, 3), (4, 5, 6)]),
]


def _same(a, b):
    return a.geom_type == b.geom_type and a.has_z == b.has_z and a.equals_exact(b, 0)


@pytest.mark.parametrize("geom", SAMPLES_2D, ids=lambda g: g.geom_type)
def test_gpkg_roundtrip_2d(geom):
    blob = gpkg_encode(geom, 2)
    assert blob[:2] == b"GP"
    assert struct.unpack_from("<i", blob, 4)[0] == 25832
    assert _same(gpkg_decode(blob), geom)
    minx, miny, maxx, maxy = geom.bounds
    assert gpkg_envelope(blob) == (minx, maxx, miny, maxy)
    assert not gpkg_is_empty(blob)


@pytest.mark.parametrize("geom", SAMPLES_3D, ids=lambda g: g.geom_type)
def test_gpkg_roundtrip_keeps_z(geom):
    back = gpkg_decode(gpkg_encode(geom, 3))
    assert back.has_z and _same(back, geom)


def test_iso_wkb_type_codes():
    # ISO WKB (what the GeoPackage spec requires): 1001 for Point Z, no EWKB flag bits.
    wkb = to_wkb(Point(1, 2, 3), 3)
    assert struct.unpack_from("<I", wkb, 1)[0] == 1001
    blob = gpkg_encode(Point(1, 2, 3), 3)
    assert blob[3] == 0b11  # little endian, xy envelope
    assert struct.unpack_from("<I", blob, 8 + 32 + 1)[0] == 1001


def test_dims_2_drops_z():
    back = gpkg_decode(gpkg_encode(Point(1, 2, 3), 2))
    assert not back.has_z and (back.x, back.y) == (1, 2)


def test_empty_geometries():
    for geom in (Point(), LineString(), Polygon()):
        blob = gpkg_encode(geom, 2)
        assert blob[3] & 0b10000  # empty flag
        assert gpkg_is_empty(blob) and gpkg_envelope(blob) is None
        assert gpkg_decode(blob).is_empty


def test_gdal_style_point_without_envelope():
    # GDAL writes points without an envelope, sometimes big endian: both must read.
    wkb = struct.pack(">BIddd", 0, 1001, 5.0, 6.0, 7.0)
    blob = struct.pack(">2sBBi", b"GP", 0, 0, 25832) + wkb
    geom = gpkg_decode(blob)
    assert (geom.x, geom.y, geom.z) == (5.0, 6.0, 7.0)
    assert gpkg_envelope(blob) == (5.0, 5.0, 6.0, 6.0)
    assert not gpkg_is_empty(blob)


def test_ewkb_hex_roundtrip_and_postgis_flags():
    hex_text = ewkb_hex(Point(1, 2, 3), 3)
    code, srid = struct.unpack_from("<II", bytes.fromhex(hex_text), 1)
    assert code == 0x80000000 | 0x20000000 | 1 and srid == 25832
    for geom in SAMPLES_2D:
        assert _same(ewkb_hex_decode(ewkb_hex(geom, 2).upper()), geom)
    for geom in SAMPLES_3D:
        assert _same(ewkb_hex_decode(ewkb_hex(geom, 3)), geom)


def test_wkb_with_m_drops_m():
    wkb = struct.pack("<BI4d", 1, 3001, 1, 2, 3, 4)  # ISO Point ZM
    g = from_wkb(wkb)
    assert (g.x, g.y, g.z) == (1, 2, 3)


def test_check_geometry():
    check_geometry(Point(1, 2, 3), "POINTZ")
    check_geometry(POLY, "GEOMETRY")
    with pytest.raises(GeometryError, match="needs coordinates with z"):
        check_geometry(Point(1, 2), "POINTZ")
    with pytest.raises(GeometryError, match="LineString"):
        check_geometry(LineString([(0, 0), (1, 1)]), "POINT")
    with pytest.raises(GeometryError):
        check_geometry("POINT (1 2)", "POINT")


def test_garbage_is_a_geometry_error():
    with pytest.raises(GeometryError):
        gpkg_decode(b"XX\x00\x01")
    with pytest.raises(GeometryError):
        from_wkb(b"\x01\x01\x00")


def test_nan_point_reads_as_empty():
    # Empty points are NaN coordinates in WKB (shapely 1.8 cannot build an empty Point itself).
    nan = float("nan")
    assert from_wkb(struct.pack("<BIdd", 1, 1, nan, nan)).is_empty
    if Point().geom_type == "Point":  # shapely 2
        assert math.isnan(struct.unpack_from("<d", to_wkb(Point(), 2), 5)[0])
