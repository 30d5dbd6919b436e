"""Panoramax (the STAC API of a GeoVisio server) as a panorama source: search an area, one campaign per
collection (a Panoramax sequence), the images stay on the server and are read through the download cache.

Bearings, as GeoVisio serves them: ``view:azimuth`` is the picture's heading (GPSImgDirection, or computed from
the sequence when the camera had none); ``pers:yaw`` is the GPano pose (PoseHeadingDegrees), the bearing of the
image's centre column. The centre is what the store keeps, so a non-zero ``pers:yaw`` wins; GoPro cameras write
the pose as a 0 placeholder, so 0 falls back to ``view:azimuth`` (the same rule as core/gpano.py for files).
"""
import json
import math
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterator, List, Optional
from urllib.parse import urlencode, urljoin, urlsplit

from ..core.geodesy import wgs84_to_utm32
from ..toolbelt.i18n import tr

QUALITIES = ("sd", "hd")  # the server's 2048-px-wide copy, or the full-resolution one
PAGE_LIMIT = 100
MAX_PAGES = 1000  # 100,000 pictures: a runaway server's paging ends here


class PanoramaxError(Exception):
    """The server cannot be used; the message is for the user."""


@dataclass
class PanoramaxPicture:
    id: str
    collection: str
    lon: float
    lat: float
    captured_at: Optional[str]
    heading: Optional[float]
    heading_source: str
    pitch: float
    roll: float
    width: Optional[int]
    height: Optional[int]
    image_url: str
    altitude: Optional[float] = None  # metres above sea level (EXIF GPSAltitude as the server keeps it)
    rank: Optional[int] = None
    prev_id: Optional[str] = None
    next_id: Optional[str] = None
    warnings: List[str] = field(default_factory=list)


def _origin(url: str):
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port


def _number(value) -> Optional[float]:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def picture_from_item(item: dict, quality: str = "sd") -> PanoramaxPicture:
    """A STAC item of GeoVisio as a picture; PanoramaxError when it has no position or no image."""
    if quality not in QUALITIES:
        raise PanoramaxError(tr("Unknown image quality '{quality}'. Accepted: {accepted}").format(
            quality=quality, accepted=", ".join(QUALITIES)))
    props = item.get("properties") or {}
    coords = (item.get("geometry") or {}).get("coordinates") or []
    lon, lat = (_number(coords[0]), _number(coords[1])) if len(coords) >= 2 else (None, None)
    if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise PanoramaxError(tr("Picture {id} has no valid position.").format(id=item.get("id")))
    assets = item.get("assets") or {}
    asset = assets.get(quality) or assets.get("hd") or assets.get("sd") or {}
    url = asset.get("href") or props.get("geovisio:image")
    if not url or urlsplit(url).scheme not in ("http", "https"):
        raise PanoramaxError(tr("Picture {id} has no http(s) image address.").format(id=item.get("id")))
    warnings = []
    yaw, azimuth = _number(props.get("pers:yaw")), _number(props.get("view:azimuth"))
    if yaw is not None and yaw != 0.0:
        heading, source = yaw % 360.0, "pers:yaw"
        if azimuth is not None and abs((yaw - azimuth + 180) % 360 - 180) > 1.0:
            warnings.append(tr("Picture {id}: the image centre (pers:yaw {yaw:.1f}°) is used, not the picture's "
                               "heading (view:azimuth {azimuth:.1f}°).").format(id=item.get("id"), yaw=yaw,
                                                                                azimuth=azimuth))
    elif azimuth is not None:
        heading, source = azimuth % 360.0, "view:azimuth"
    else:
        heading, source = None, ""
    size = _sensor_size(props)
    width, height = (size if quality == "hd" or size is None else _sd_size(size))
    links = {link.get("rel"): link for link in item.get("links") or [] if isinstance(link, dict)}
    rank = props.get("geovisio:rank_in_collection")
    return PanoramaxPicture(
        id=str(item.get("id")), collection=str(item.get("collection") or ""), lon=lon, lat=lat,
        captured_at=props.get("datetime"), heading=heading, heading_source=source,
        pitch=_number(props.get("pers:pitch")) or 0.0, roll=_number(props.get("pers:roll")) or 0.0,
        width=width, height=height, image_url=url, altitude=_exif_altitude(props.get("exif") or {}),
        rank=int(rank) if isinstance(rank, int) else None,
        prev_id=(links.get("prev") or {}).get("id"), next_id=(links.get("next") or {}).get("id"),
        warnings=warnings)


def _exif_altitude(exif):
    text = str(exif.get("Exif.GPSInfo.GPSAltitude") or "")
    num, _, den = text.partition("/")
    value = _number(num) if not den else (_number(num) / _number(den) if _number(den) else None)
    if value is None:
        return None
    return -value if str(exif.get("Exif.GPSInfo.GPSAltitudeRef", "0")).strip() == "1" else value


def _sensor_size(props):
    """Full image size: pers:interior_orientation.sensor_array_dimensions, else the tile matrix."""
    dims = (props.get("pers:interior_orientation") or {}).get("sensor_array_dimensions")
    if isinstance(dims, list) and len(dims) == 2 and all(isinstance(d, int) and d > 0 for d in dims):
        return int(dims[0]), int(dims[1])
    for matrix_set in (props.get("tiles:tile_matrix_sets") or {}).values():
        for matrix in matrix_set.get("tileMatrix") or []:
            try:
                return (int(matrix["matrixWidth"]) * int(matrix["tileWidth"]),
                        int(matrix["matrixHeight"]) * int(matrix["tileHeight"]))
            except (KeyError, TypeError, ValueError):
                continue
    return None


def _sd_size(size):
    """GeoVisio's SD copy is 2048 px wide (never enlarged), same aspect."""
    width, height = size
    if width <= 2048:
        return width, height
    return 2048, int(round(height * 2048 / width))


class PanoramaxClient:
    """Reads a GeoVisio API (base URL such as https://panoramax.example/api) with any ``get(url)`` client."""

    def __init__(self, base_url: str, http):
        base = (base_url or "").strip()
        if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).hostname:
            raise PanoramaxError(tr("Not a valid http(s) address of a Panoramax API: {url}").format(url=base_url))
        if urlsplit(base).username or urlsplit(base).password:
            raise PanoramaxError(tr("The address contains a user name or password; use an authentication "
                                    "configuration instead."))
        self.base = base.rstrip("/") + "/"
        self.http = http

    def _get_json(self, url: str) -> dict:
        response = self.http.get(url, {"Accept": "application/geo+json, application/json"})
        if response.status in (401, 403):
            raise PanoramaxError(tr("Access denied by the Panoramax server (HTTP {status}): check the "
                                    "authentication.").format(status=response.status))
        if not 200 <= response.status < 300:
            raise PanoramaxError(tr("The Panoramax server answered HTTP {status} for {url}").format(
                status=response.status, url=url))
        try:
            return json.loads(response.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise PanoramaxError(tr("The Panoramax server sent no readable JSON: {error}").format(error=error))

    def search(self, bbox, collections=None, cancelled: Callable[[], bool] = None) -> Iterator[dict]:
        """STAC items in bbox (lon/lat: xmin, ymin, xmax, ymax), following ``next`` links of the same server."""
        query = {"bbox": ",".join("%.7f" % v for v in bbox), "limit": PAGE_LIMIT}
        if collections:
            query["collections"] = ",".join(collections)
        url = urljoin(self.base, "search") + "?" + urlencode(query)
        origin = _origin(self.base)
        for _ in range(MAX_PAGES):
            if cancelled is not None and cancelled():
                return
            page = self._get_json(url)
            for item in page.get("features") or []:
                if isinstance(item, dict):
                    yield item
            nxt = next((link.get("href") for link in page.get("links") or []
                        if isinstance(link, dict) and link.get("rel") == "next"), None)
            if not nxt:
                return
            nxt = urljoin(url, nxt)
            if _origin(nxt) != origin:  # data and credentials stay with the server the user chose
                raise PanoramaxError(tr("The Panoramax server pointed to another server for the next page "
                                        "({url}); stopped.").format(url=nxt))
            url = nxt
        raise PanoramaxError(tr("The Panoramax server keeps sending further pages; stopped after {pages}.")
                             .format(pages=MAX_PAGES))

    def collection_title(self, collection_id: str) -> str:
        try:
            data = self._get_json(urljoin(self.base, "collections/" + collection_id))
        except PanoramaxError:
            return collection_id
        return str(data.get("title") or collection_id)


def candidates(pictures: List[PanoramaxPicture], report, camera_height: float = 2.5) -> Dict[str, List[dict]]:
    """Store candidates (import_common.store_candidates) per collection; rejected pictures go to the report."""
    out: Dict[str, List[dict]] = {}
    for pic in pictures:
        for message in pic.warnings:
            report.warn(pic.id, message)
        if pic.heading is None:
            report.reject(pic.id, tr("No heading: the server gives neither pers:yaw nor view:azimuth."))
            continue
        if not pic.width or not pic.height:
            report.reject(pic.id, tr("The server gives no image size for this picture."))
            continue
        x, y = wgs84_to_utm32(pic.lon, pic.lat)
        if pic.altitude is None:
            report.warn(pic.id, tr("No GPS altitude: the panorama's height is set to 0 m."))
        out.setdefault(pic.collection, []).append({
            "source": pic.id, "x": float(x), "y": float(y),
            "z": 0.0 if pic.altitude is None else pic.altitude - camera_height, "heading": pic.heading,
            "pitch": pic.pitch, "roll": pic.roll, "captured_at": _time(pic.captured_at),
            "width": pic.width, "height": pic.height, "image_uri": pic.image_url})
    return out


def _time(text):
    import datetime as dt

    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def import_area(store, client: PanoramaxClient, bbox, quality: str = "sd", campaign_prefix: str = "Panoramax",
                camera_height: float = 2.5, progress=None, cancelled=None):
    """Import every picture in bbox (lon/lat) into one campaign per collection; returns (report, collections)."""
    from .import_common import ImportReport, store_candidates

    report = ImportReport()
    pictures = []
    try:
        for item in client.search(bbox, cancelled=cancelled):
            try:
                pictures.append(picture_from_item(item, quality))
            except PanoramaxError as error:
                report.reject(str(item.get("id")), str(error))
            if progress is not None and len(pictures) % 100 == 0:
                progress(min(80.0, len(pictures) / 100.0), tr("{count} pictures found").format(count=len(pictures)))
    except PanoramaxError as error:
        if not pictures:
            raise
        report.warn(client.base, str(error))  # what came before the bad page is still imported
    if cancelled is not None and cancelled():
        report.cancelled = True
        return report, []
    groups = candidates(pictures, report, camera_height)
    titles = {collection: client.collection_title(collection) for collection in groups}  # before writing
    names = []
    try:
        with store.transaction():  # all collections or none
            for n, (collection, cands) in enumerate(sorted(groups.items())):
                if cancelled is not None and cancelled():
                    raise _Cancelled()
                name = "%s %s" % (campaign_prefix.strip() or "Panoramax", titles[collection])
                if list(titles.values()).count(titles[collection]) > 1:  # same title, another sequence
                    name += " (%s)" % collection[:8]
                store_candidates(store, cands, name, report, camera_height, vendor="Panoramax")
                names.append(name)
                if progress is not None:
                    progress(80.0 + 20.0 * (n + 1) / max(1, len(groups)), name)
    except _Cancelled:
        report.cancelled, report.imported, names = True, 0, []
    return report, names


class _Cancelled(Exception):
    pass
