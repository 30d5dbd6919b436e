"""Import vendor detections: Mapillary-style GeoJSON or CSV with pixel boxes and panorama ids.

Mapillary-style GeoJSON: a FeatureCollection, one feature per detection::

    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]} | null,
     "properties": {"id": "…", "value": "regulatory--maximum-speed-limit-30--g1", "score": 0.87,
                    "image_key": "KL2021_0001_3" | 17,
                    "shape": {"type": "Polygon", "coordinates": [[[u, v], …]]} | [xmin, ymin, xmax, ymax]}}

The shape is in the image: normalised 0..1 (Mapillary) or pixels (``units``: auto decides by the
values). The point, if any, is the vendor's position estimate in the file's CRS (a legacy "crs"
member; EPSG:4326 by default, EPSG:25832 accepted). CSV: one row per detection with id, label,
score, panorama and the pixel box xmin, ymin, xmax, ymax (optional x, y in EPSG:25832).

The panorama is given by its store id or its image file name (with or without extension).
Labels are mapped to VzKat codes by ``vzkat.vendor_class``; an unknown label is kept verbatim
(its asset class from the prefix, no code) with a warning, so reviewers can relabel it.
Rows with a bad box, a wrong CRS, a duplicate id, a missing/NaN/out-of-range score or an unknown
panorama are rejected with the reason; the good rows are imported in one transaction. Every value
reaches the database as a query parameter, whatever text it holds.
"""
import csv
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple

from shapely.geometry import Point

from ..core.definitions import DETECTION_BOX_UNITS as UNITS
from ..core.definitions import DETECTION_FORMATS as FORMATS
from ..core.geodesy import wgs84_to_utm32
from ..core.json_limits import JsonTooDeepError, check_json_depth
from ..core.vector_tile import VectorTileError, normalized_bounds
from ..core.import_steps import ImportCancelled, Steps
from ..panorama.import_common import ImportReport
from . import vzkat
from .items import utc_now
from .text import tr
from .triangulation import Observation, single_view

MAX_DISTANCE_TO_PANORAMA_M = 150.0  # a vendor position farther than this from its panorama: wrong CRS
UTM32_RANGE = ((100_000.0, 900_000.0), (5_000_000.0, 6_500_000.0))  # plausible EPSG:25832 for Germany
NORMALIZED_LIMIT = 1.5  # |values| up to this: a normalised box (auto units)
MAX_NORMALIZED_WIDTH = 0.5  # a detection box never spans more than half the panorama (180°)


@dataclass
class FieldMapping:
    """Which property / column holds what. Defaults: Mapillary names, and the CSV names after '/'."""
    id: str = "id"
    label: str = "value"
    score: str = "score"
    panorama: str = "image_key"
    shape: str = "shape"  # GeoJSON: polygon or [xmin, ymin, xmax, ymax]
    xmin: str = "xmin"  # CSV pixel box
    ymin: str = "ymin"
    xmax: str = "xmax"
    ymax: str = "ymax"
    x: str = "x"  # CSV position (EPSG:25832), optional
    y: str = "y"


CSV_DEFAULTS = {"label": ("label", "value", "class"), "panorama": ("panorama_id", "panorama", "image_key", "image"),
                "id": ("id", "detection_id", "external_id"), "score": ("score", "confidence")}


class _Reject(Exception):
    pass


def detect_format(path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "mapillary-geojson"
    return "csv"


def import_detections(store, path, fmt: str = "auto", mapping: Optional[FieldMapping] = None,
                      model_run: str = "imported", model_version: Optional[str] = None, units: str = "auto",
                      progress=None, cancelled=None, campaign=None) -> ImportReport:
    """Read a detection file and write its good rows into the store's detection table.

    ``campaign`` (name or id): look the image keys up in that campaign only; without it a key found in
    several campaigns is rejected as ambiguous.
    """
    if fmt not in FORMATS:
        raise ValueError(tr("Unknown format '{format}'; use one of: {formats}.").format(
            format=fmt, formats=", ".join(FORMATS)))
    if units not in UNITS:
        raise ValueError(tr("Unknown box units '{units}'; use one of: {all}.").format(units=units, all=", ".join(UNITS)))
    report = ImportReport()
    path = os.fspath(path)
    auto = fmt == "auto"
    if auto:
        fmt = detect_format(path)
    campaign_id = _campaign_id(store, campaign)
    run_name = (model_run or "").strip() or "imported"
    known_ids = _existing_external_ids(store, run_name)
    if fmt == "csv":
        records = _csv_records(path, mapping, report)
        to_utm = None
    else:
        data = _read_json(path)
        if fmt == "mapillary-v4" or (auto and isinstance(data, dict) and isinstance(data.get("data"), list)
                                     and "type" not in data):
            fmt = "mapillary-v4"
            records, to_utm = _v4_records(data), None
        else:
            records, to_utm = _geojson_records(data, mapping or FieldMapping(), report)
    # Mapillary image ids are the vendor's keys: they name images, never the store's panorama ids.
    panoramas = _Panoramas(store, campaign_id, match_ids=fmt != "mapillary-v4")
    rows, seen = [], set()
    checking = Steps(progress, cancelled, total=len(records), start=0.0, end=60.0, text=tr("Checking detections"))
    try:
        for n, (source, rec) in enumerate(records):
            checking.done(n)
            try:
                rows.append(_check(rec, panoramas, to_utm, units, seen, known_ids, report, source))
            except _Reject as exc:
                report.reject(source, str(exc))
        if rows:
            writing = Steps(progress, cancelled, total=len(rows), start=60.0, end=99.0,
                            text=tr("Writing {count} detections").format(count=len(rows)))
            with store.transaction():  # one transaction: a cancel while writing leaves nothing behind
                run_id = _model_run_id(store, run_name, model_version)
                for row in rows:
                    row["model_run_id"] = run_id
                # Batches of at most half a percent of the span: progress steps stay <= 1 %.
                store.insert_many("detection", rows, batch=max(1, min(5000, len(rows) // 80)),
                                  on_batch=writing.done)
    except ImportCancelled:
        report.cancelled = True
        return report
    report.imported = len(rows)
    return report


# --------------------------------------------------------------------------- reading

def _read_json(path):
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
        return json.loads(check_json_depth(text))
    except JsonTooDeepError as exc:
        raise ValueError(tr("The GeoJSON file nests deeper than {limit} levels; it is not read.").format(
            limit=exc.limit)) from exc
    except (OSError, ValueError, RecursionError) as exc:
        raise ValueError(tr("The GeoJSON file could not be read: {error}").format(error=exc)) from exc


def _v4_records(data):
    """Mapillary API v4 ``detections`` responses: {"data": [{id, value, geometry: base64 tile, image: {id}}]}."""
    out = []
    for i, det in enumerate(data["data"], 1):
        source = tr("detection {n}").format(n=i)
        if not isinstance(det, dict):
            out.append((source, {"_error": tr("the entry is not an object")}))
            continue
        image = det.get("image")
        rec = {"id": det.get("id"), "label": det.get("value"), "score": det.get("score"), "score_optional": True,
               "panorama": image.get("id") if isinstance(image, dict) else image, "units": "normalized",
               "geometry": None}
        try:
            geometry = det.get("geometry")
            if not isinstance(geometry, str):
                raise VectorTileError(tr("no geometry"))
            rec["shape"] = list(normalized_bounds(geometry))
        except VectorTileError as exc:
            rec = {"_error": tr("the geometry is not a readable vector tile: {error}").format(error=exc)}
        out.append((source, rec))
    return out


def _geojson_records(data, mapping: FieldMapping, report):
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise ValueError(tr("The file is not a GeoJSON FeatureCollection."))
    epsg = _geojson_epsg(data.get("crs"))
    if epsg == 4326:
        to_utm = _from_wgs84
    elif epsg == 25832:
        to_utm = _from_utm32
    else:
        to_utm = _unsupported(epsg)
    out = []
    for i, feature in enumerate(data["features"], 1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        source = tr("feature {n}").format(n=i)
        if not isinstance(props, dict):
            out.append((source, {"_error": tr("the feature has no properties")}))
            continue
        rec = {"id": props.get(mapping.id, feature.get("id")), "label": props.get(mapping.label),
               "score": props.get(mapping.score), "panorama": props.get(mapping.panorama),
               "shape": props.get(mapping.shape), "geometry": feature.get("geometry")}
        out.append((source, rec))
    return out, to_utm


def _decoded(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV" in Germany), else Latin-1: as the
    pose-table import reads its files."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def _geojson_epsg(crs) -> Optional[int]:
    if crs is None:
        return 4326  # RFC 7946
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else str(crs)
    if "CRS84" in name.upper():
        return 4326
    digits = name.rsplit(":", 1)[-1]
    return int(digits) if digits.isdigit() else -1


def _csv_records(path, mapping: Optional[FieldMapping], report):
    try:
        text = _decoded(Path(path).read_bytes())
    except OSError as exc:
        raise ValueError(tr("The CSV file could not be read: {error}").format(error=exc.strerror or exc)) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise ValueError(tr("The CSV file could not be read: {error}").format(error=exc)) from exc
    m = mapping or FieldMapping()
    names = {}
    for key in ("id", "label", "score", "panorama", "xmin", "ymin", "xmax", "ymax", "x", "y"):
        wanted = getattr(m, key)
        if mapping is None and key in CSV_DEFAULTS:
            wanted = next((c for c in CSV_DEFAULTS[key] if c in header), CSV_DEFAULTS[key][0])
        names[key] = wanted
    missing = [names[k] for k in ("id", "label", "score", "panorama", "xmin", "ymin", "xmax", "ymax")
               if names[k] not in header]
    if missing:
        raise ValueError(tr("The CSV file lacks the columns: {columns}").format(columns=", ".join(missing)))
    try:
        return _csv_rows(reader, names, dialect.delimiter != ",")
    except csv.Error as exc:  # a field over csv's limit (128 KiB), a broken quote
        raise ValueError(tr("The CSV file could not be read: {error}").format(error=exc)) from exc


def _csv_rows(reader, names, decimal_comma):
    out = []
    for i, raw in enumerate(reader, 2):
        raw = {(k or "").strip(): v for k, v in raw.items()}
        rec = {k: raw.get(names[k]) for k in ("id", "label", "score", "panorama")}
        rec["shape"] = [_csv_number(raw.get(names[k]), decimal_comma) for k in ("xmin", "ymin", "xmax", "ymax")]
        if names["x"] in raw and names["y"] in raw and (raw.get(names["x"]) or raw.get(names["y"])):
            rec["position"] = (_csv_number(raw.get(names["x"]), decimal_comma),
                               _csv_number(raw.get(names["y"]), decimal_comma))
        if rec["score"] is not None:
            rec["score"] = _csv_number(rec["score"], decimal_comma)
        out.append((tr("line {n}").format(n=i), rec))
    return out


def _csv_number(text, decimal_comma):
    if text is None:
        return None
    text = text.strip()
    if decimal_comma:
        text = text.replace(",", ".")
    return text


# --------------------------------------------------------------------------- checking

class _Panoramas:
    """Image name (with or without extension) or store id → panorama pose, loaded once.

    A name shared by panoramas of several campaigns is ambiguous (give CAMPAIGN); a key that is the name of
    one panorama and the id of another is ambiguous too. ``match_ids`` False: names only (vendor image ids).
    """

    def __init__(self, store, campaign_id: Optional[int] = None, match_ids: bool = True):
        self.by_id: Dict[str, dict] = {}
        self.by_name: Dict[str, list] = {}
        self.match_ids = match_ids
        sql = (f"SELECT id, campaign_id, image_uri, heading, pitch, roll, camera_height, width, height, geom "  # nosec B608
               f"FROM {store.table_ref('panorama')}")
        params = ()
        if campaign_id is not None:
            sql += " WHERE campaign_id = %s"
            params = (int(campaign_id),)
        for r in store.query(sql, params):
            self.by_id[str(r["id"])] = r
            if r["image_uri"]:
                name = r["image_uri"].replace("\\", "/").rsplit("/", 1)[-1]
                for key in {name, os.path.splitext(name)[0]}:
                    self.by_name.setdefault(key, []).append(r)
        self.campaigns = {r["id"]: r["name"] for r in store.query(
            f"SELECT id, name FROM {store.table_ref('campaign')}")}  # nosec B608

    def get(self, key) -> Optional[dict]:
        if key is None or isinstance(key, bool):
            return None
        if isinstance(key, float) and key.is_integer():
            key = int(key)
        key = str(key).strip()
        named = self.by_name.get(key, [])
        if len(named) > 1:
            names = sorted({self.campaigns.get(r["campaign_id"], str(r["campaign_id"])) for r in named})
            raise _Reject(tr("image '{key}' exists {count} times (campaigns: {campaigns}): choose the campaign "
                             "(CAMPAIGN)").format(key=_clip(key), count=len(named), campaigns=", ".join(names)))
        by_id = self.by_id.get(key) if self.match_ids else None
        if named and by_id is not None and by_id["id"] != named[0]["id"]:
            raise _Reject(tr("'{key}' is the image name of panorama {named} and the id of panorama {other}: "
                             "ambiguous, use the image name with its extension").format(
                key=_clip(key), named=named[0]["id"], other=by_id["id"]))
        return named[0] if named else by_id


def _campaign_id(store, campaign) -> Optional[int]:
    """The id of a campaign given by name or id; ValueError listing the campaigns when there is none such."""
    if campaign is None or str(campaign).strip() == "":
        return None
    text = str(campaign).strip()
    rows = store.query(f"SELECT id, name FROM {store.table_ref('campaign')} ORDER BY id")  # nosec B608
    for r in rows:
        if r["name"] == text:
            return r["id"]
    for r in rows:
        if text.isdigit() and r["id"] == int(text):
            return r["id"]
    raise ValueError(tr("Unknown campaign '{campaign}'; the store has: {campaigns}.").format(
        campaign=_clip(text), campaigns=", ".join(r["name"] for r in rows[:30]) or "–"))


def _existing_external_ids(store, run_name):
    sql = (f"SELECT d.external_id FROM {store.table_ref('detection')} d JOIN "  # nosec B608
           f"{store.table_ref('model_run')} m ON m.id = d.model_run_id WHERE m.name = %s AND d.external_id IS NOT NULL")
    return {r["external_id"] for r in store.query(sql, (run_name,))}


def _number(value, what) -> float:
    if value is None or value == "" or isinstance(value, bool):
        raise _Reject(tr("{what} is missing").format(what=what))
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise _Reject(tr("{what} is not a number: {value}").format(what=what, value=_clip(value))) from None
    if not math.isfinite(f):
        raise _Reject(tr("{what} is not a finite number: {value}").format(what=what, value=_clip(value)))
    return f


def _clip(value, n=60):
    text = str(value)
    return text if len(text) <= n else text[:n] + "…"


def _check(rec, panoramas, to_utm, units, seen, known_ids, report, source) -> dict:
    if "_error" in rec:
        raise _Reject(rec["_error"])
    ext = rec.get("id")
    if ext is None or str(ext).strip() == "":
        raise _Reject(tr("the detection has no id"))
    ext = str(ext).strip()
    if ext in seen:
        raise _Reject(tr("duplicate id {id} in the file").format(id=_clip(ext)))
    if ext in known_ids:
        raise _Reject(tr("id {id} was already imported for this model run").format(id=_clip(ext)))
    label = rec.get("label")
    if label is None or not str(label).strip():
        raise _Reject(tr("the detection has no label"))
    label = str(label).strip()
    if rec.get("score_optional") and rec.get("score") is None:
        score = None  # Mapillary API v4 gives no score
    else:
        score = _number(rec.get("score"), tr("the score"))
        if not 0.0 <= score <= 1.0:
            raise _Reject(tr("the score {score} is outside 0 … 1").format(score=score))
    pano = panoramas.get(rec.get("panorama"))
    if pano is None:
        raise _Reject(tr("unknown panorama '{key}'").format(key=_clip(rec.get("panorama"))))
    if not pano.get("width") or not pano.get("height"):
        raise _Reject(tr("panorama {id} has no image size to place the box in").format(id=pano["id"]))
    box = _box(rec.get("shape"), rec.get("units") or units, pano["width"], pano["height"])
    key = vzkat.vendor_class(label)
    if key is None:
        key = (vzkat.vendor_asset_class(label), None, None)
        report.warn(source, tr("unknown label '{label}': imported without a VzKat code").format(label=_clip(label)))
    cam = pano["geom"]
    position = _position(rec, to_utm, cam)
    if position is None:
        obs = Observation(cam.x, cam.y, pano["heading"] or 0.0, int(pano["width"]), int(pano["height"]), box,
                          pano["camera_height"] or 2.5, pano["pitch"] or 0.0, pano["roll"] or 0.0)
        position = single_view(obs, key[0] or "sign") if pano["heading"] is not None else None
    seen.add(ext)
    return {"panorama_id": pano["id"], "external_id": ext, "bbox_xmin": box[0], "bbox_ymin": box[1],
            "bbox_xmax": box[2], "bbox_ymax": box[3], "vendor_label": label, "asset_class": key[0],
            "vzkat_code": key[1], "vzkat_value": key[2], "score": score, "status": "new",
            "geom": None if position is None else Point(round(position[0], 3), round(position[1], 3))}


def _box(shape, units, width, height) -> Tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) in pixels from a polygon or a 4-number box."""
    if shape is None:
        raise _Reject(tr("the detection has no box"))
    if isinstance(shape, str):
        try:
            shape = json.loads(shape)
        except ValueError:
            raise _Reject(tr("the box is not valid JSON: {value}").format(value=_clip(shape))) from None
    if isinstance(shape, dict):
        coords = shape.get("coordinates")
        if shape.get("type") != "Polygon" or not isinstance(coords, list) or not coords or not isinstance(
                coords[0], list):
            raise _Reject(tr("the box must be a Polygon or [xmin, ymin, xmax, ymax]"))
        ring = coords[0]
        if len(ring) < 3 or not all(isinstance(p, (list, tuple)) and len(p) >= 2 for p in ring):
            raise _Reject(tr("the box polygon needs at least three points"))
        us = [_number(p[0], tr("a box coordinate")) for p in ring]
        vs = [_number(p[1], tr("a box coordinate")) for p in ring]
        box = [min(us), min(vs), max(us), max(vs)]
    elif isinstance(shape, (list, tuple)) and len(shape) == 4:
        box = [_number(v, tr("a box coordinate")) for v in shape]
    else:
        raise _Reject(tr("the box must be a Polygon or [xmin, ymin, xmax, ymax]"))
    if units == "auto":
        # No real pixel box lies within 1.5 pixels of the corner: such values are normalised, also when u runs
        # a little past 1 (across the seam) - never a 0.3-pixel box.
        units = "normalized" if all(-NORMALIZED_LIMIT <= v <= NORMALIZED_LIMIT for v in box) else "pixels"
    if units == "normalized":
        box = _normalized_box(box, width, height)
        return tuple(round(v, 2) for v in box)
    if not (box[0] < box[2] and box[1] < box[3]):
        raise _Reject(tr("the box is empty or inverted ({box})").format(box=", ".join(f"{v:g}" for v in box)))
    if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
        raise _Reject(tr("the box lies outside the {width} × {height} image").format(width=width, height=height))
    return tuple(round(v, 2) for v in box)


def _normalized_box(box, width, height):
    """Pixels from a normalised box. u may run past 1 (or start below 0) when the box crosses the 0/360° seam
    of a full panorama: it is then stored with xmin in the image and xmax beyond its width (the bearings wrap)."""
    u0, v0, u1, v1 = box
    if not (u0 < u1 and v0 < v1):
        raise _Reject(tr("the box is empty or inverted ({box})").format(box=", ".join(f"{v:g}" for v in box)))
    if not (0.0 <= v0 and v1 <= 1.0):
        raise _Reject(tr("normalised box rows must lie in 0 … 1 (v {v0:g} … {v1:g})").format(v0=v0, v1=v1))
    if u0 < 0.0:  # starts left of the seam: the same box seen from the other side
        u0, u1 = u0 + 1.0, u1 + 1.0
    if u1 - u0 > MAX_NORMALIZED_WIDTH:
        raise _Reject(tr("the normalised box (u {u0:g} … {u1:g}) is wider than half the panorama: not a box "
                         "in normalised units?").format(u0=box[0], u1=box[2]))
    if u1 > 1.0 and not (u0 <= 1.0 and width >= 2 * height):
        raise _Reject(tr("normalised box coordinates must lie in 0 … 1 (u {u0:g} … {u1:g}); only a full 360° "
                         "panorama has a seam to cross").format(u0=box[0], u1=box[2]))
    return [u0 * width, v0 * height, u1 * width, v1 * height]


def _position(rec, to_utm, cam) -> Optional[Tuple[float, float]]:
    """The vendor's position in EPSG:25832, None when there is none; _Reject for a wrong CRS."""
    if "position" in rec:
        xy = (_number(rec["position"][0], "x"), _number(rec["position"][1], "y"))
        utm = _from_utm32(*xy)
    else:
        geom = rec.get("geometry")
        if geom is None:
            return None
        if not isinstance(geom, dict) or geom.get("type") != "Point":
            raise _Reject(tr("the feature geometry must be a Point (the estimated position) or null"))
        coords = geom.get("coordinates")
        if not isinstance(coords, (list, tuple)) or len(coords) < 2:
            raise _Reject(tr("the point has no coordinates"))
        utm = to_utm(_number(coords[0], tr("a coordinate")), _number(coords[1], tr("a coordinate")))
    if cam is not None and math.hypot(utm[0] - cam.x, utm[1] - cam.y) > MAX_DISTANCE_TO_PANORAMA_M:
        raise _Reject(tr("the position is {distance:.0f} m from its panorama: wrong coordinates or CRS?").format(
            distance=math.hypot(utm[0] - cam.x, utm[1] - cam.y)))
    return utm


def _from_wgs84(lon, lat):
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise _Reject(tr("coordinates ({x:g}, {y:g}) are not longitude/latitude (EPSG:4326): wrong CRS?").format(
            x=lon, y=lat))
    x, y = wgs84_to_utm32(lon, lat)
    return float(x), float(y)


def _from_utm32(x, y):
    (x0, x1), (y0, y1) = UTM32_RANGE
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        raise _Reject(tr("coordinates ({x:g}, {y:g}) are not EPSG:25832 (ETRS89 / UTM 32N): wrong CRS?").format(
            x=x, y=y))
    return float(x), float(y)


def _unsupported(epsg):
    def fail(x, y):
        raise _Reject(tr("the file's CRS (EPSG:{epsg}) is not supported; use EPSG:4326 or EPSG:25832").format(
            epsg=epsg if epsg and epsg > 0 else "?"))
    return fail


def _model_run_id(store, name, version) -> int:
    rows = store.select("model_run", {"name": name}, order_by="id")
    for r in rows:
        if version is None or r["version"] == version:
            return r["id"]
    return store.insert("model_run", {"name": name, "version": version, "created_at": utc_now()})

