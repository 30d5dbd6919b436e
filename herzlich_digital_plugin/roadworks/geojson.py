"""GeoJSON: every roadworks field as properties, geometry in EPSG:4326 [lon, lat] (RFC 7946).

Export writes no ``crs`` member (RFC 7946 means WGS84 lon/lat); times are ISO 8601 UTC; the
detour is a nested GeoJSON geometry. Import reads that back, and any FeatureCollection whose
``crs`` member (GeoJSON 2008) names EPSG:4326/4258/CRS84, 25832, 32632, 4647 or 3857; any other
CRS needs ``crs_transform`` (the Processing algorithm passes one built on QGIS). Positions are
always x/y = lon/lat, also under urn:ogc:def:crs:EPSG::4326 (as GeoJSON and GDAL define it).
"""
import json
import math
import re
from datetime import datetime
from typing import Callable, List, Optional

from shapely import wkt as shapely_wkt
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, transform

from ..core.json_limits import JsonTooDeepError, check_json_depth
from ..store.values import datetime_text
from .datex2 import POINT_RADIUS_M
from .exchange_geo import from_wgs84, geojson_geometry, to_wgs84
from .exchange_import import Candidate, ImportReport, store_candidates
from .exchange_text import tr
from .model import DATETIME_FIELDS, FIELDS, Roadworks

CrsTransform = Callable[[str], Optional[Callable[[BaseGeometry], BaseGeometry]]]

PROPERTY_FIELDS = [f for f in FIELDS if f not in ("geometry",)]
_EPSG = re.compile(r"EPSG(?::[\d.]*)*:+(\d+)$|/EPSG/[\d.]+/(\d+)$", re.IGNORECASE)
_EARTH_RADIUS = 6378137.0


class GeoJsonError(ValueError):
    """The file is not GeoJSON we can read; the message is meant for the user."""


# ============================================================================ export

def export_geojson(works_list, now: Optional[datetime] = None) -> dict:
    """A FeatureCollection with one feature per roadworks (all fields, plus id, version, updated_at)."""
    features = []
    for works in works_list:
        props = {"id": works.id, "version": works.version,
                 "updated_at": datetime_text(works.updated_at) if works.updated_at else None}
        for name in PROPERTY_FIELDS:
            value = getattr(works, name)
            if name in DATETIME_FIELDS and value is not None:
                value = datetime_text(value)
            elif name == "detour" and value:
                value = geojson_geometry(to_wgs84(shapely_wkt.loads(value)))
            props[name] = value
        features.append({"type": "Feature", "id": works.id,
                         "geometry": geojson_geometry(to_wgs84(works.geometry)), "properties": props})
    collection = {"type": "FeatureCollection", "name": "roadworks", "features": features}
    if now is not None:
        collection["generated_at"] = datetime_text(now)
    return collection


# ============================================================================ import

def read_geojson(data, crs_transform: Optional[CrsTransform] = None) -> List[Candidate]:
    """Candidates from GeoJSON text/bytes or a parsed dict. GeoJsonError for a file we cannot read."""
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(check_json_depth(data))
        except JsonTooDeepError as error:
            raise GeoJsonError(tr("The file nests deeper than {limit} levels; it is not read.").format(
                limit=error.limit)) from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise GeoJsonError(tr("The file is not valid JSON: {error}").format(error=error)) from error
    if not isinstance(data, dict):
        raise GeoJsonError(tr("The file is not a GeoJSON object."))
    if data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise GeoJsonError(tr("The FeatureCollection has no features list."))
    elif data.get("type") == "Feature":
        features = [data]
    else:
        raise GeoJsonError(tr("The file is not a GeoJSON Feature or FeatureCollection."))
    to_store = _crs_transform(_crs_name(data), crs_transform)
    return [_candidate(i, feature, to_store) for i, feature in enumerate(features, start=1)]


def import_geojson(store, data, actor: str, crs_transform: Optional[CrsTransform] = None) -> ImportReport:
    report = ImportReport(format="geojson")
    return store_candidates(store, read_geojson(data, crs_transform), report, actor)


def _crs_name(data: dict) -> Optional[str]:
    crs = data.get("crs")
    if not isinstance(crs, dict):
        return None
    props = crs.get("properties") or {}
    return props.get("name") if isinstance(props, dict) else None


def _crs_transform(name: Optional[str], factory: Optional[CrsTransform]):
    """geometry in the file's CRS → EPSG:25832."""
    if name is None:
        return from_wgs84
    upper = name.strip().upper()
    if upper.endswith("CRS84"):
        return from_wgs84
    match = _EPSG.search(name.strip())
    code = int(match.group(1) or match.group(2)) if match else None
    builtin = {4326: from_wgs84, 4258: from_wgs84, 25832: lambda g: g,
               32632: lambda g: g,  # WGS84 / UTM 32N: under a metre from ETRS89 / UTM 32N
               4647: lambda g: transform(lambda x, y, z=None: (_minus_zone(x), y), g),
               3857: lambda g: from_wgs84(transform(_inverse_mercator, g))}
    if code in builtin:
        return builtin[code]
    converter = factory(name) if factory is not None else None
    if converter is None:
        raise GeoJsonError(tr("The file's coordinate system {crs} cannot be converted here; save it in EPSG:4326 "
                              "(the GeoJSON standard) or EPSG:25832.").format(crs=name))
    return converter


def _minus_zone(x):
    """EPSG:4647 eastings carry the zone number in front (32 500 000 → 500 000)."""
    try:
        return [v - 32_000_000.0 for v in x]
    except TypeError:
        return x - 32_000_000.0


def _inverse_mercator(x, y, z=None):
    xs = list(x) if not isinstance(x, (int, float)) else [x]
    ys = list(y) if not isinstance(y, (int, float)) else [y]
    lons = [math.degrees(v / _EARTH_RADIUS) for v in xs]
    lats = [math.degrees(2 * math.atan(math.exp(v / _EARTH_RADIUS)) - math.pi / 2) for v in ys]
    if isinstance(x, (int, float)):
        return lons[0], lats[0]
    return lons, lats


def _candidate(index: int, feature, to_store) -> Candidate:
    if not isinstance(feature, dict):
        return Candidate(source=tr("feature {n}").format(n=index), reason=tr("Not a GeoJSON feature."))
    props = feature.get("properties") or {}
    source = str(props.get("external_id") or feature.get("id") or tr("feature {n}").format(n=index))
    candidate = Candidate(source=source)
    try:
        geometry = shape(feature["geometry"]) if feature.get("geometry") else None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        candidate.reason = tr("The geometry cannot be read: {error}").format(error=error)
        return candidate
    if geometry is None or geometry.is_empty:
        candidate.reason = tr("The feature has no geometry.")
        return candidate
    if geometry.geom_type == "MultiLineString":
        geometry = linemerge(geometry)
    if geometry.geom_type in ("MultiLineString", "MultiPolygon") and len(geometry.geoms) == 1:
        geometry = geometry.geoms[0]
    try:
        geometry = to_store(geometry)
    except Exception as error:  # noqa: BLE001 - a CRS transform of QGIS or ours failed on this geometry
        candidate.reason = tr("The geometry cannot be converted to EPSG:25832: {error}").format(error=error)
        return candidate
    if geometry.geom_type == "Point":
        geometry = geometry.buffer(POINT_RADIUS_M, 16)
        candidate.warnings.append(tr("Only a point is known: stored as a circle of {radius:.0f} m around it.").format(
            radius=POINT_RADIUS_M))
    values = {}
    problems = []
    for name in PROPERTY_FIELDS:
        if name not in props or props[name] is None:
            continue
        value = props[name]
        try:
            values[name] = _property(name, value, to_store)
        except (TypeError, ValueError) as error:
            problems.append(tr("{field}: {error}").format(field=name, error=error))
    if problems:
        candidate.reason = " ".join(problems)
        return candidate
    values.setdefault("title", props.get("name") or "")
    candidate.works = Roadworks(geometry=geometry, **values)
    return candidate


def _property(name: str, value, to_store):
    if name in DATETIME_FIELDS:
        if not isinstance(value, str):
            raise TypeError(tr("expected an ISO 8601 date and time"))
        text = value.strip()
        parsed = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        return parsed  # a missing time zone is reported by the validation
    if name in ("lanes_closed", "speed_limit"):
        number = float(value)
        if not number.is_integer():
            raise ValueError(tr("expected a whole number, got {value}").format(value=value))
        return int(number)
    if name == "detour":
        if isinstance(value, dict):
            return to_store(shape(value)).wkt
        return str(value)
    return value if isinstance(value, str) else str(value)
