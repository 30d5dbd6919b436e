"""Import a folder (recursively) of 360° JPEGs that carry their pose in EXIF GPS and GPano XMP.

Per image: position from EXIF GPS (else XMP exif:GPS*, else DJI XMP; WGS84, converted to EPSG:25832);
heading from GPano PoseHeadingDegrees, else EXIF GPSImgDirection (true north; GoPro's placeholder 0 loses to
it), else DJI GimbalYawDegree, else derived from the track (bearing to the next capture); pitch/roll from
GPano; time from EXIF; size from the JPEG frame header, or the full sphere of a partial panorama (GPano
CroppedArea, scaled to the JPEG). Only headers are read, never pixels.

Heights: EXIF GPSAltitude is the camera's height above sea level. The store keeps the ground
point under the camera, so ``z = GPS altitude - camera_height`` (docs/conventions.md).

Refused, with a reason in the report: unreadable/truncated JPEGs, images without GPS, without a
heading (none in the file and no neighbour on the track), not 2:1, not equirectangular, and duplicates of
images already in the campaign.
Pure Python + store: runs without QGIS.
"""
import math
import os
from pathlib import Path
from typing import Callable, Optional

from ..core.geodesy import initial_bearing, wgs84_to_utm32
from ..core.gpano import PanoMetadataError, read_metadata
from .import_common import (X_RANGE, Y_RANGE, ImportReport, Progress, image_uri_for, store_candidates,
                            store_folder, tr)

__all__ = ["import_folder", "find_images", "check_image", "truncation_reason", "IMAGE_SUFFIXES"]

IMAGE_SUFFIXES = (".jpg", ".jpeg")
EOI = b"\xff\xd9"
TRACK_MAX_GAP_S = 60.0  # a heading is derived only from a neighbour this close in time ...
TRACK_MIN_STEP_M = 1.0  # ... and at least this far away (GPS noise of a standing camera says nothing)
TAIL_SEARCH = 4 << 20  # some cameras append a trailer after the end-of-image marker: look this far back
HEADER_SKIP = 64 << 10  # an EXIF thumbnail's own end marker sits in the header: never count that one


def find_images(folder) -> list:
    """JPEG files below ``folder`` (recursive, symlinked folders not followed), sorted by relative path."""
    folder = Path(folder)
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.lower().endswith(IMAGE_SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def truncation_reason(path: Path) -> Optional[str]:
    """A reason if the JPEG's image data is cut off (no end-of-image marker), else None."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size >= 2:
                fh.seek(size - 2)
                if fh.read(2) == EOI:
                    return None
            start = max(min(HEADER_SKIP, size), size - TAIL_SEARCH)
            fh.seek(start)
            if EOI in fh.read():
                return None
    except OSError as error:
        return tr("The file cannot be read: {error}").format(error=error.strerror or error)
    return tr("The JPEG is truncated: its image data has no end marker.")


def check_image(meta) -> Optional[str]:
    """Reason to refuse an image with this size and projection as a 360° panorama, or None."""
    if not meta.width or not meta.height:
        return tr("The JPEG has no image size.")
    if getattr(meta, "crop", None) is not None:  # a partial panorama: its full sphere must be 2:1
        width, height = meta.crop[0], meta.crop[1]
        if width != 2 * height:
            return tr("The partial panorama's full sphere is {width} × {height} pixels, not 2:1.").format(
                width=width, height=height)
    elif meta.width != 2 * meta.height and not meta.projection:
        return tr("The image is {width} × {height} pixels, not 2:1, and has no panorama metadata (GPano): a "
                  "photo, not a 360° panorama.").format(width=meta.width, height=meta.height)
    elif meta.width != 2 * meta.height:
        return tr("The image is {width} × {height} pixels, not 2:1 as a 360° equirectangular panorama is."
                  ).format(width=meta.width, height=meta.height)
    if meta.projection and meta.projection != "equirectangular":
        return tr("The panorama's projection is '{projection}', not equirectangular.").format(
            projection=meta.projection)
    return None


def import_folder(store, folder, campaign: str, camera_height: float = 2.5, vendor: Optional[str] = None,
                  progress: Progress = None, cancelled: Optional[Callable[[], bool]] = None) -> ImportReport:
    """Import every 360° JPEG below ``folder`` into ``campaign`` (created by name if missing).

    ``progress(percent, message)`` is called as files are read; ``cancelled()`` is polled per file and
    stops the import before anything is written. Raises ValueError for a missing folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(tr("The folder {folder} does not exist.").format(folder=folder))
    if not math.isfinite(camera_height) or not 0 <= camera_height <= 20:
        raise ValueError(tr("The camera height must be between 0 and 20 m."))
    report = ImportReport()
    files = find_images(folder)
    target = store_folder(store)
    candidates = []
    for n, path in enumerate(files):
        if cancelled is not None and cancelled():
            report.cancelled = True
            return report
        if progress and n % 25 == 0:
            progress(85.0 * n / max(1, len(files)),
                     tr("Reading image {n} of {total}").format(n=n + 1, total=len(files)))
        source = path.relative_to(folder).as_posix()
        cand = _candidate(path, source, camera_height, target, report)
        if cand is not None:
            candidates.append(cand)
    if cancelled is not None and cancelled():
        report.cancelled = True
        return report
    candidates = derive_track_headings(candidates, report)
    return store_candidates(store, candidates, campaign, report, camera_height, vendor, progress, cancelled)


def gps_reason(lat, lon) -> Optional[str]:
    """Why an EXIF GPS position cannot be a capture position (None when it can)."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return tr("The GPS position is not a number.")
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return tr("The GPS position is not a finite number.")
    if lat == 0.0 and lon == 0.0:
        return tr("The GPS position is 0° N 0° E, the value cameras write without a GPS fix.")
    if not (-90.0 < lat < 90.0 and -180.0 <= lon <= 180.0):
        return tr("The GPS position {lat}° N, {lon}° E is outside the valid range (latitude -90…90°, "
                  "longitude -180…180°).").format(lat=lat, lon=lon)
    return None


def _candidate(path: Path, source: str, camera_height: float, target, report: ImportReport) -> Optional[dict]:
    try:
        meta = read_metadata(path)
    except PanoMetadataError as error:
        report.reject(source, tr("The file is not a readable JPEG: {error}").format(error=error))
        return None
    if meta.lat is None or meta.lon is None:
        report.reject(source, tr("No GPS position in the EXIF metadata."))
        return None
    reason = gps_reason(meta.lat, meta.lon) or check_image(meta) or truncation_reason(path)
    if reason:
        report.reject(source, reason)
        return None
    for message in meta.warnings:
        report.warn(source, message)
    x, y = wgs84_to_utm32(meta.lon, meta.lat)
    if not (math.isfinite(x) and math.isfinite(y) and X_RANGE[0] <= x <= X_RANGE[1]
            and Y_RANGE[0] <= y <= Y_RANGE[1]):  # the table import's check: far outside UTM zone 32
        report.reject(source, tr("The GPS position {lat}° N, {lon}° E lies too far from UTM zone 32 "
                                 "(EPSG:25832) to be stored.").format(lat=meta.lat, lon=meta.lon))
        return None
    if meta.altitude is None:
        report.warn(source, tr("No GPS altitude: the panorama's height is set to 0 m."))
        z = 0.0
    else:
        z = float(meta.altitude) - camera_height
    if meta.captured_at is None:
        report.warn(source, tr("No capture time: the panorama is put into a sequence by file order."))
    heading = meta.heading if meta.heading is not None and math.isfinite(meta.heading) else None
    width, height = (meta.crop[0], meta.crop[1]) if meta.crop is not None else (meta.width, meta.height)
    return {"source": source, "x": float(x), "y": float(y), "z": z,
            "heading": None if heading is None else float(heading) % 360.0,
            "pitch": float(meta.pitch or 0.0), "roll": float(meta.roll or 0.0), "captured_at": meta.captured_at,
            "width": int(width), "height": int(height), "image_uri": image_uri_for(path, target),
            "lat": meta.lat, "lon": meta.lon}


def derive_track_headings(candidates: list, report: ImportReport) -> list:
    """Cameras without a compass: the heading is the bearing (from true north) to the next capture of the
    track, or from the previous one at its end, assuming the camera faces the direction of travel. Each such
    heading is reported as derived; an image with no usable neighbour is rejected."""
    if all(c["heading"] is not None for c in candidates):
        return candidates
    timed = sorted((c for c in candidates if c["captured_at"] is not None), key=lambda c: c["captured_at"])
    index = {id(c): n for n, c in enumerate(timed)}
    kept = []
    for cand in candidates:
        if cand["heading"] is None:
            bearing = _track_bearing(cand, timed, index.get(id(cand)))
            if bearing is None:
                report.reject(cand["source"], tr("No heading: neither GPano PoseHeadingDegrees nor EXIF "
                                                 "GPSImgDirection, and no capture of the same track within "
                                                 "{seconds:.0f} s to derive it from.").format(
                                                     seconds=TRACK_MAX_GAP_S))
                continue
            cand["heading"] = bearing
            report.warn(cand["source"], tr("Heading {heading:.1f}° derived from the track (direction to the "
                                           "neighbouring capture): the camera has no compass.").format(
                                               heading=bearing))
        kept.append(cand)
    return kept


def _track_bearing(cand, timed, n):
    if n is None:
        return None
    for step in (1, -1):  # towards the next capture, else from the previous one
        k = n + step
        while 0 <= k < len(timed):
            other = timed[k]
            gap = abs((other["captured_at"] - cand["captured_at"]).total_seconds())
            if gap > TRACK_MAX_GAP_S:
                break
            if math.hypot(other["x"] - cand["x"], other["y"] - cand["y"]) >= TRACK_MIN_STEP_M:
                first, second = (cand, other) if step == 1 else (other, cand)
                return initial_bearing(first["lon"], first["lat"], second["lon"], second["lat"])
            k += step
    return None
