"""Coordinates for the exchange formats: EPSG:25832 ↔ WGS84 and each format's axis order.

Axis orders (the point of this module): GeoJSON and WZDx write [lon, lat]; DATEX II posList and
Waze CIFS polylines write "lat lon" pairs (DATEX II 3 and the German MDM profile of 2.0 alike).
"""
import math
from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np
from shapely.geometry import LineString, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform

from ..core.geodesy import utm32_to_wgs84, wgs84_to_utm32

DEGREE_DECIMALS = 8  # 1e-8° ≈ 1 mm: round trips stay far inside 0.1 m


def to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    """EPSG:25832 geometry → lon/lat degrees (x = lon, y = lat)."""
    return transform(lambda x, y, z=None: utm32_to_wgs84(np.asarray(x), np.asarray(y)), geom)


def from_wgs84(geom: BaseGeometry) -> BaseGeometry:
    """lon/lat degrees (x = lon, y = lat) → EPSG:25832."""
    return transform(lambda x, y, z=None: wgs84_to_utm32(np.asarray(x), np.asarray(y)), geom)


def check_lonlat(pairs: Sequence[Tuple[float, float]]) -> Optional[str]:
    """Why (lon, lat) pairs cannot be degrees (None if they can)."""
    for lon, lat in pairs:
        if not (math.isfinite(lon) and math.isfinite(lat)):
            return "not a number"
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            return "lat %.6f, lon %.6f out of range" % (lat, lon)
    return None


def parse_pos_list(text: str, lon_first: bool = False, dimension: int = 2) -> List[Tuple[float, float]]:
    """(lon, lat) pairs from a GML posList / CIFS polyline ("lat lon lat lon …" unless ``lon_first``).

    ValueError if the numbers do not come in whole tuples of ``dimension``.
    """
    values = [float(v) for v in text.replace(",", " ").split()]
    if dimension < 2 or len(values) % dimension:
        raise ValueError("%d numbers do not form %d-tuples" % (len(values), dimension))
    pairs = []
    for i in range(0, len(values), dimension):
        a, b = values[i], values[i + 1]
        pairs.append((a, b) if lon_first else (b, a))
    return pairs


def format_lat_lon(lonlat_coords, decimals: int = DEGREE_DECIMALS) -> str:
    """"lat lon lat lon …" (DATEX II posList, CIFS polyline) from (lon, lat) coordinates."""
    return " ".join("%.*f %.*f" % (decimals, lat, decimals, lon) for lon, lat in
                    ((c[0], c[1]) for c in lonlat_coords))


def geojson_geometry(geom_wgs84: BaseGeometry, decimals: int = DEGREE_DECIMALS) -> dict:
    """A GeoJSON geometry object ([lon, lat] positions) rounded to ``decimals``."""
    return _round_positions(mapping(geom_wgs84), decimals)


def _round_positions(obj, decimals):
    if isinstance(obj, dict):
        return {k: _round_positions(v, decimals) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        if obj and all(isinstance(v, (int, float)) for v in obj):
            return [round(float(v), decimals) for v in obj]
        return [_round_positions(v, decimals) for v in obj]
    return obj


def geometry_from_geojson(obj: dict) -> BaseGeometry:
    return shape(obj)


def bearing(line: LineString) -> float:
    """Compass bearing (0 = north, clockwise) from the first to the last vertex, in EPSG:25832."""
    (x0, y0), (x1, y1) = line.coords[0][:2], line.coords[-1][:2]
    return math.degrees(math.atan2(x1 - x0, y1 - y0)) % 360.0


def cardinal(bearing_deg: float) -> str:
    """WZDx direction of travel for a bearing: northbound, eastbound, southbound or westbound."""
    return ("northbound", "eastbound", "southbound", "westbound")[int(((bearing_deg + 45.0) % 360.0) // 90.0)]


def reversed_line(line: LineString) -> LineString:
    return LineString(list(line.coords)[::-1])


def point_area(lon: float, lat: float, radius_m: float) -> Polygon:
    """A circle of ``radius_m`` around a point, EPSG:25832 (point locations become small areas)."""
    from shapely.geometry import Point
    x, y = wgs84_to_utm32(lon, lat)
    return Point(float(x), float(y)).buffer(radius_m, 16)


def road_name_lookup(store, max_distance: float = 15.0) -> Callable[[BaseGeometry], Optional[str]]:
    """A function naming the road (store table ``road``) a roadworks geometry runs along, or None.

    The road with the longest stretch within ``max_distance`` of the geometry wins.
    """
    def lookup(geom: BaseGeometry) -> Optional[str]:
        if geom is None or geom.is_empty:
            return None
        xmin, ymin, xmax, ymax = geom.buffer(max_distance).bounds
        try:
            rows = store.in_bbox("road", xmin, ymin, xmax, ymax)
        except Exception:  # noqa: BLE001 - a store without roads simply has no names to offer
            return None
        zone = geom.buffer(max_distance)
        best, best_length = None, 0.0
        for row in rows:
            if not row.get("name") or row.get("geom") is None:
                continue
            length = row["geom"].intersection(zone).length
            if length > best_length:
                best, best_length = row["name"], length
        return best
    return lookup
