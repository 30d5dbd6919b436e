"""A Thing's position from its Locations: GeoJSON only, longitude/latitude order checked."""
import json
import math
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence, Tuple

GEOJSON_TYPES = ("application/geo+json", "application/vnd.geo+json", "application/geojson")
MISSING, NOT_GEOJSON, OUT_OF_RANGE, SWAPPED = "missing", "not_geojson", "out_of_range", "swapped"
IMPLAUSIBLE = "implausible"  # a valid position far outside the area of the data: kept, but flagged
MIN_POSITIONS_FOR_AREA = 3
BBox = Tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


@dataclass(frozen=True)
class Position:
    lon: Optional[float]
    lat: Optional[float]
    flag: Optional[str] = None  # None: fine; SWAPPED: corrected; IMPLAUSIBLE: kept, far away;
    # MISSING/NOT_GEOJSON/OUT_OF_RANGE: no position
    raw: str = ""  # a short excerpt of what the server sent, for messages

    @property
    def usable(self) -> bool:
        return self.lon is not None and self.lat is not None


def thing_position(locations: Sequence[dict], expected: Optional[BBox] = None) -> Position:
    """The first usable position among a Thing's Locations; else the most telling problem."""
    problem = None
    for entity in locations or ():
        position = location_position(entity, expected)
        if position.usable:
            return position
        problem = problem or position
    return problem or Position(None, None, MISSING)


def location_position(entity: dict, expected: Optional[BBox] = None) -> Position:
    if not isinstance(entity, dict):
        return Position(None, None, NOT_GEOJSON, _excerpt(entity))
    location = entity.get("location")
    encoding = str(entity.get("encodingType") or "").lower()
    raw = _excerpt(location)
    if encoding and encoding not in GEOJSON_TYPES and not isinstance(location, dict):
        return Position(None, None, NOT_GEOJSON, raw)
    point = representative_point(location)
    if point is None:
        return Position(None, None, NOT_GEOJSON, raw)
    lon, lat = point
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        return Position(None, None, OUT_OF_RANGE, raw)
    if expected is not None and not _inside(lon, lat, expected):
        if _inside(lat, lon, expected):
            return Position(lat, lon, SWAPPED, raw)
        return Position(lon, lat, IMPLAUSIBLE, raw)
    return Position(lon, lat, None, raw)


def data_area(points: Sequence[Tuple[float, float]], margin: float = 0.5) -> Optional[BBox]:
    """The area where the data lies, for a project without a default view (always under qgis_process): the
    median position ± (margin + 3 × the median distance from it) degrees. A few swapped or stray positions move
    neither the median nor the spread. None with fewer than MIN_POSITIONS_FOR_AREA positions."""
    if len(points) < MIN_POSITIONS_FOR_AREA:
        return None
    lons = sorted(p[0] for p in points)
    lats = sorted(p[1] for p in points)
    lon, lat = _median(lons), _median(lats)
    spread = _median(sorted(max(abs(p[0] - lon), abs(p[1] - lat)) for p in points))
    half = margin + 3.0 * spread
    return lon - half, lat - half, lon + half, lat + half


def _median(values: Sequence[float]) -> float:
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2.0


def representative_point(geojson) -> Optional[Tuple[float, float]]:
    """A Point's position, or the centre of the bounding box of any other GeoJSON geometry/feature."""
    if not isinstance(geojson, dict):
        return None
    kind = geojson.get("type")
    if kind == "Feature":
        return representative_point(geojson.get("geometry"))
    if kind == "FeatureCollection":
        for feature in geojson.get("features") or ():
            point = representative_point(feature)
            if point is not None:
                return point
        return None
    if kind == "GeometryCollection":
        for geometry in geojson.get("geometries") or ():
            point = representative_point(geometry)
            if point is not None:
                return point
        return None
    if kind not in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"):
        return None
    positions = list(_positions(geojson.get("coordinates")))
    if not positions:
        return None
    if kind == "Point":
        return positions[0]
    lons, lats = [p[0] for p in positions], [p[1] for p in positions]
    return (min(lons) + max(lons)) / 2.0, (min(lats) + max(lats)) / 2.0


def _positions(coordinates) -> Iterable[Tuple[float, float]]:
    if not isinstance(coordinates, (list, tuple)) or not coordinates:
        return
    if all(_number(c) for c in coordinates[:2]) and len(coordinates) >= 2:
        x, y = float(coordinates[0]), float(coordinates[1])
        if math.isfinite(x) and math.isfinite(y):
            yield x, y
        return
    for child in coordinates:
        yield from _positions(child)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _inside(lon: float, lat: float, box: BBox) -> bool:
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def _excerpt(value, length: int = 80) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= length else text[:length - 1] + "…"
