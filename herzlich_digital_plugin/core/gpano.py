"""Read and write panorama metadata in JPEG headers: GPano XMP and EXIF (time, GPS).

Pure Python. Only the header segments up to the start of scan (SOS) are read;
pixels are never decoded. Reading is lenient: problems become ``warnings``, and
``PanoMetadataError`` is raised only when the file is not a readable JPEG at all.
"""
import datetime as dt
import io
import math
import os
import re
import struct
from xml.parsers import expat
from dataclasses import dataclass, field
from typing import List, Optional

__all__ = ["PanoMeta", "PanoMetadataError", "inject_metadata", "read_metadata"]

GPANO_NS = "http://ns.google.com/photos/1.0/panorama/"
EXIF_XMP_NS = "http://ns.adobe.com/exif/1.0/"  # EXIF tags written as XMP (Adobe tools, GIMP, mapillary_tools)
DJI_NS = "http://www.dji.com/drone-dji/1.0/"  # DJI drones: pose only here (GimbalYawDegree, FlightYawDegree)
XMP_NAMESPACES = {"GPano": GPANO_NS, "exif": EXIF_XMP_NS, "drone-dji": DJI_NS}
XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXT_ID = b"http://ns.adobe.com/xmp/extension/\x00"
EXIF_ID = b"Exif\x00\x00"

SOI, EOI, SOS, APP0, APP1 = 0xD8, 0xD9, 0xDA, 0xE0, 0xE1
SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
STANDALONE_MARKERS = {0x01} | set(range(0xD0, 0xD8))

# EXIF tags used here
TAG_EXIF_IFD, TAG_GPS_IFD = 0x8769, 0x8825
TAG_EXIF_VERSION, TAG_DATETIME_ORIGINAL, TAG_OFFSET_TIME_ORIGINAL = 0x9000, 0x9003, 0x9011
TAG_SUBSEC_ORIGINAL = 0x9291
GPS_VERSION, GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 0x00, 0x01, 0x02, 0x03, 0x04
GPS_ALT_REF, GPS_ALT, GPS_TIME, GPS_DIR_REF, GPS_DIR, GPS_DATE = 0x05, 0x06, 0x07, 0x10, 0x11, 0x1D
BYTE, ASCII, SHORT, LONG, RATIONAL, UNDEFINED, SLONG, SRATIONAL = 1, 2, 3, 4, 5, 7, 9, 10
TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}

LOCAL_ZONE = "Europe/Berlin"  # assumed for camera times without a time zone


class PanoMetadataError(Exception):
    """The file cannot be read as a JPEG at all."""


@dataclass
class PanoMeta:
    lat: Optional[float] = None
    lon: Optional[float] = None
    altitude: Optional[float] = None  # metres above sea level
    heading: Optional[float] = None  # bearing of the image centre column
    pitch: Optional[float] = None
    roll: Optional[float] = None
    captured_at: Optional[dt.datetime] = None  # timezone-aware
    width: Optional[int] = None
    height: Optional[int] = None
    projection: Optional[str] = None
    # where the heading came from: "gpano", "exif", "xmp-exif", "dji", or "track" (set by the importer)
    heading_source: Optional[str] = None
    # a partial panorama (GPano CroppedArea*): (full width, full height, left, top) in this JPEG's pixels
    crop: Optional[tuple] = None
    warnings: List[str] = field(default_factory=list)


# -- JPEG segments ------------------------------------------------------------------

class _Truncated(Exception):
    pass


def _read_exact(stream, n):
    data = stream.read(n)
    if len(data) != n:
        raise _Truncated()
    return data


def _iter_segments(stream):
    """Yield (marker, payload) of the header segments, ending with (SOS, b"") or (EOI, b"").

    Raises PanoMetadataError if the stream does not start like a JPEG, _Truncated at the end of data.
    """
    head = stream.read(2)
    if head != b"\xff\xd8":
        raise PanoMetadataError("Not a JPEG file (it does not start with the JPEG SOI marker).")
    while True:
        byte = _read_exact(stream, 1)
        if byte != b"\xff":
            raise ValueError("expected a JPEG marker, found byte 0x%02x" % byte[0])
        marker = 0xFF
        while marker == 0xFF:  # fill bytes
            marker = _read_exact(stream, 1)[0]
        if marker in STANDALONE_MARKERS:
            continue
        if marker in (SOS, EOI):
            yield marker, b""
            return
        (length,) = struct.unpack(">H", _read_exact(stream, 2))
        if length < 2:
            raise ValueError("invalid length %d in JPEG segment 0x%02x" % (length, marker))
        yield marker, _read_exact(stream, length - 2)


def _sof_size(payload):
    if len(payload) < 5:
        raise ValueError("JPEG frame header is too short")
    height, width = struct.unpack(">HH", payload[1:5])
    return width, height


# -- reading ------------------------------------------------------------------------

def read_metadata(path_or_bytes) -> PanoMeta:
    """Read GPano XMP, EXIF time/GPS and the image size from a JPEG file path or bytes."""
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return _read_stream(io.BytesIO(bytes(path_or_bytes)))
    try:
        with open(os.fspath(path_or_bytes), "rb") as fh:
            return _read_stream(fh)
    except OSError as exc:
        raise PanoMetadataError("Cannot open %s: %s" % (path_or_bytes, exc.strerror or exc)) from exc


def _read_stream(stream):
    meta = PanoMeta()
    exif_payloads, xmp_payloads = [], []
    have_sof = False
    try:
        for marker, payload in _iter_segments(stream):
            if marker in SOF_MARKERS and not have_sof:
                meta.width, meta.height = _sof_size(payload)
                have_sof = True
            elif marker == APP1 and payload.startswith(EXIF_ID):
                exif_payloads.append(payload[len(EXIF_ID):])
            elif marker == APP1 and payload.startswith(XMP_ID):
                xmp_payloads.append(payload[len(XMP_ID):])
            elif marker == EOI:
                meta.warnings.append("The JPEG ends before any image data.")
    except _Truncated:
        if not have_sof:
            raise PanoMetadataError("The JPEG file is truncated before its frame header (SOF).")
        meta.warnings.append("The JPEG file is truncated.")
    except ValueError as exc:
        if not have_sof:
            raise PanoMetadataError("The JPEG header is corrupt: %s." % exc)
        meta.warnings.append("The JPEG header is corrupt after the frame header: %s." % exc)
    if not have_sof:
        raise PanoMetadataError("The JPEG has no frame header (SOF) before its image data.")

    exif = {}
    for payload in exif_payloads[:1]:
        exif = _parse_exif(payload, meta.warnings)
    xmp = {}
    for payload in xmp_payloads[:1]:
        xmp = _parse_xmp(payload, meta.warnings)
    _apply_exif(meta, exif)
    _apply_xmp_exif(meta, xmp.get("exif", {}))
    _apply_dji(meta, xmp.get("drone-dji", {}))
    _apply_gpano(meta, xmp.get("GPano", {}))
    if meta.lat is None or meta.lon is None:
        meta.warnings.append("No GPS position in the EXIF metadata.")
    return meta


def _parse_exif(tiff, warnings):
    """Return {"exif": {tag: value}, "gps": {tag: value}} from a TIFF-structured EXIF block."""
    out = {"exif": {}, "gps": {}}
    order = {b"II": "<", b"MM": ">"}.get(bytes(tiff[:2]))
    if len(tiff) < 8 or order is None or struct.unpack(order + "H", tiff[2:4])[0] != 42:
        warnings.append("EXIF metadata could not be read: bad TIFF header.")
        return out
    (ifd0,) = struct.unpack(order + "I", tiff[4:8])
    visited = set()
    try:
        root = _parse_ifd(tiff, ifd0, order, visited)
    except (ValueError, struct.error) as exc:
        warnings.append("EXIF metadata could not be read: %s." % exc)
        return out
    for key, tag in (("exif", TAG_EXIF_IFD), ("gps", TAG_GPS_IFD)):
        pointer = root.get(tag)
        if isinstance(pointer, tuple) and pointer:
            try:
                out[key] = _parse_ifd(tiff, int(pointer[0]), order, visited)
            except (ValueError, struct.error) as exc:
                warnings.append("EXIF %s block could not be read: %s." % (key.upper(), exc))
    return out


def _parse_ifd(tiff, offset, order, visited):
    if offset in visited or offset + 2 > len(tiff):
        raise ValueError("bad IFD offset %d" % offset)
    visited.add(offset)
    (count,) = struct.unpack(order + "H", tiff[offset:offset + 2])
    if offset + 2 + 12 * count > len(tiff):
        raise ValueError("IFD runs past the end of the EXIF block")
    entries = {}
    for i in range(count):
        pos = offset + 2 + 12 * i
        tag, typ, n = struct.unpack(order + "HHI", tiff[pos:pos + 8])
        size = TYPE_SIZES.get(typ)
        if size is None or n > 1 << 20:
            continue  # unknown type or absurd count: skip the entry
        nbytes = size * n
        if nbytes <= 4:
            raw = tiff[pos + 8:pos + 8 + nbytes]
        else:
            (ptr,) = struct.unpack(order + "I", tiff[pos + 8:pos + 12])
            if ptr + nbytes > len(tiff):
                continue  # value outside the block: skip
            raw = tiff[ptr:ptr + nbytes]
        entries[tag] = _decode_value(raw, typ, n, order)
    return entries


def _decode_value(raw, typ, n, order):
    if typ == ASCII:
        return bytes(raw).split(b"\x00", 1)[0].decode("ascii", "replace").strip()
    if typ in (BYTE, UNDEFINED, 6):
        return tuple(raw)
    if typ in (RATIONAL, SRATIONAL):
        fmt = order + ("I" if typ == RATIONAL else "i") * (2 * n)
        vals = struct.unpack(fmt, raw)
        return tuple((a / b) if b else float("nan") for a, b in zip(vals[::2], vals[1::2]))
    fmt = {SHORT: "H", LONG: "I", SLONG: "i", 8: "h", 11: "f", 12: "d"}[typ]
    return struct.unpack(order + fmt * n, raw)


def _parse_xmp(packet, warnings):
    """{namespace name: {property: text}} for XMP_NAMESPACES from an XMP packet (elements or attributes)."""
    text = bytes(packet).decode("utf-8", "replace")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        warnings.append("XMP metadata ignored: it contains a DOCTYPE, which XMP never has.")
        return {}
    try:
        return _xmp_from_xml(text.strip().strip("\x00"))
    except (expat.ExpatError, ValueError) as exc:
        found = _scan_xmp(text)
        warnings.append("XMP metadata is not well-formed XML (%s); read %d GPano value(s) from it anyway."
                        % (exc, len(found.get("GPano", {}))))
        return found


def _xmp_from_xml(text):
    """Attributes and simple elements of XMP_NAMESPACES, via expat with DTDs and entities refused."""
    prefixes = {uri + "}": name for name, uri in XMP_NAMESPACES.items()}
    found, texts = {name: {} for name in XMP_NAMESPACES}, []

    def split(qualified):
        uri, sep, local = qualified.rpartition("}")
        name = prefixes.get(uri + sep) if sep else None
        return name, local

    def start(name, attrs):
        for key, value in attrs.items():
            space, local = split(key)
            if space:
                found[space][local] = value.strip()
        texts.append([])

    def end(name):
        content = "".join(texts.pop())
        space, local = split(name)
        if space and content.strip():
            found[space][local] = content.strip()

    def chars(data):
        if texts:
            texts[-1].append(data)

    def refuse(*_args):
        raise ValueError("DTD declarations are not allowed in XMP")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, chars
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = refuse
    parser.Parse(text, True)
    return found


def _scan_xmp(text):
    """Salvage values from broken XML by pattern (each namespace's prefix as declared, else its usual one)."""
    found = {}
    for space, uri in XMP_NAMESPACES.items():
        match = re.search(r'xmlns:([\w.-]+)\s*=\s*["\']' + re.escape(uri), text)
        prefix = re.escape(match.group(1) if match else space)
        values = {}
        for m in re.finditer(r"%s:(\w+)\s*=\s*[\"']([^\"'<>]*)[\"']" % prefix, text):
            values[m.group(1)] = m.group(2).strip()
        for m in re.finditer(r"<%s:(\w+)>([^<]*)</%s:\1>" % (prefix, prefix), text):
            values[m.group(1)] = m.group(2).strip()
        found[space] = values
    return found


def _number(values, name, warnings, what):
    """A finite float from XMP text ("12.5", "+1.5", "1763/10"), None when absent; warns when unreadable."""
    value = values.get(name)
    if value is None:
        return None
    text = str(value).strip()
    try:
        if "/" in text:
            num, den = text.split("/", 1)
            number = float(num) / float(den)
        else:
            number = float(text)
    except (ValueError, ZeroDivisionError):
        number = float("nan")
    if not math.isfinite(number):
        warnings.append("%s %s is not a number: %r." % (what, name, value))
        return None
    return number


def _apply_gpano(meta, gpano):
    if not gpano:
        meta.warnings.append("No GPano XMP metadata: projection and camera pose are unknown.")
    meta.projection = gpano.get("ProjectionType") or None

    def number(name):
        return _number(gpano, name, meta.warnings, "GPano")

    pose_heading = number("PoseHeadingDegrees")
    meta.pitch = number("PosePitchDegrees")
    meta.roll = number("PoseRollDegrees")
    _choose_heading(meta, pose_heading)
    _apply_gpano_size(meta, number)


def _choose_heading(meta, pose_heading):
    """GPano PoseHeadingDegrees is the bearing of the image centre and wins, with one exception: GoPro (and
    other stitchers) write PoseHeadingDegrees 0 as a placeholder and the compass in GPSImgDirection."""
    if pose_heading is None:
        if meta.heading is None:
            meta.warnings.append("No heading (neither GPano PoseHeadingDegrees nor EXIF GPSImgDirection).")
        return
    if meta.heading is not None and abs((pose_heading - meta.heading + 180) % 360 - 180) > 1.0:
        if pose_heading == 0.0:
            meta.warnings.append("GPano PoseHeadingDegrees is 0 while EXIF GPSImgDirection is %.1f (as GoPro "
                                 "cameras write it): using GPSImgDirection." % meta.heading)
            return
        meta.warnings.append("GPano PoseHeadingDegrees (%.1f) and EXIF GPSImgDirection (%.1f) differ; "
                             "using PoseHeadingDegrees." % (pose_heading, meta.heading))
    meta.heading = pose_heading % 360.0
    meta.heading_source = "gpano"


def _apply_gpano_size(meta, number):
    """GPano sizes are in the pixels of the image as stitched; phones store a smaller JPEG with the original
    values (Pixel: FullPanoWidthPixels 8704 in a 1024-wide file), so they are scaled to this JPEG first."""
    full_w, crop_w = number("FullPanoWidthPixels"), number("CroppedAreaImageWidthPixels")
    full_h, crop_h = number("FullPanoHeightPixels"), number("CroppedAreaImageHeightPixels")
    left, top = number("CroppedAreaLeftPixels") or 0.0, number("CroppedAreaTopPixels") or 0.0
    if meta.projection and meta.projection != "equirectangular":
        meta.warnings.append("Projection is %r, not equirectangular." % meta.projection)
    if not meta.width or not meta.height:
        return
    crop_w = crop_w or full_w
    crop_h = crop_h or full_h
    if not crop_w or not crop_h:
        return
    scale = meta.width / crop_w
    if abs(crop_h * scale - meta.height) > 1.0 + 0.01 * meta.height:
        meta.warnings.append("GPano image size (%d × %d) does not match the JPEG size (%d × %d) in proportion: "
                             "the GPano crop values are ignored." % (crop_w, crop_h, meta.width, meta.height))
        return
    if scale != 1.0:
        meta.warnings.append("GPano sizes are for a %d px wide image; scaled to this %d px wide JPEG."
                             % (crop_w, meta.width))
    full_w = full_w or crop_w
    full_h = full_h or full_w / 2.0
    if crop_w < full_w or crop_h < full_h:
        meta.crop = (int(round(full_w * scale)), int(round(full_h * scale)),
                     int(round(left * scale)), int(round(top * scale)))
        meta.warnings.append("The panorama is partial: it covers %d × %d of a %d × %d sphere (GPano CroppedArea)."
                             % (meta.width, meta.height, meta.crop[0], meta.crop[1]))


def _apply_exif(meta, exif):
    gps, ex = exif.get("gps", {}), exif.get("exif", {})

    def first(tag):
        val = gps.get(tag)
        return val[0] if isinstance(val, tuple) and val else None

    meta.lat = _dms(gps.get(GPS_LAT), gps.get(GPS_LAT_REF), "SN", meta.warnings, "latitude")
    meta.lon = _dms(gps.get(GPS_LON), gps.get(GPS_LON_REF), "WE", meta.warnings, "longitude")
    if meta.lat is None or meta.lon is None:
        meta.lat = meta.lon = None
    alt = first(GPS_ALT)
    if alt is not None and math.isfinite(alt):
        meta.altitude = -alt if first(GPS_ALT_REF) == 1 else alt
    _direction(meta, first(GPS_DIR), gps.get(GPS_DIR_REF), "exif", "EXIF")
    meta.captured_at = _capture_time(ex, gps, meta.warnings)


def _direction(meta, direction, ref, source, what):
    """GPSImgDirection as the heading, if it is a true bearing. A magnetic one (ref M) is off by the local
    declination, which this reader does not know: it is not used (the importer derives one from the track)."""
    if direction is None or not math.isfinite(direction) or meta.heading is not None:
        return
    if isinstance(ref, str) and ref.strip().upper() == "M":
        meta.warnings.append("%s GPSImgDirection %.1f is a magnetic bearing (GPSImgDirectionRef M): not used as "
                             "the heading, which must be a bearing from true north." % (what, direction))
        return
    meta.heading = direction % 360.0
    meta.heading_source = source


def _apply_xmp_exif(meta, values):
    """EXIF GPS written as XMP (exif:GPSLatitude "49,26.5N" or "49,26,30N"): used where the EXIF block has none."""
    if meta.lat is None or meta.lon is None:
        lat = _xmp_coordinate(values.get("GPSLatitude"), "SN", meta.warnings, "latitude")
        lon = _xmp_coordinate(values.get("GPSLongitude"), "WE", meta.warnings, "longitude")
        if lat is not None and lon is not None:
            meta.lat, meta.lon = lat, lon
            meta.warnings.append("GPS position read from XMP (exif:GPSLatitude/GPSLongitude), not from EXIF.")
    if meta.altitude is None:
        alt = _number(values, "GPSAltitude", meta.warnings, "XMP exif")
        if alt is not None:
            meta.altitude = -alt if str(values.get("GPSAltitudeRef", "0")).strip() == "1" else alt
    _direction(meta, _number(values, "GPSImgDirection", meta.warnings, "XMP exif"),
               values.get("GPSImgDirectionRef"), "xmp-exif", "XMP exif")


def _xmp_coordinate(text, neg_pos, warnings, what):
    """XMP GPSCoordinate: "DDD,MM,SSk" or "DDD,MM.mmk" with k one of N/S (E/W)."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?\s*([NSEW])\s*", str(text))
    if not m or m.group(4).upper() not in neg_pos:
        warnings.append("XMP exif GPS %s is malformed: %r." % (what, text))
        return None
    deg = float(m.group(1)) + float(m.group(2)) / 60 + (float(m.group(3)) / 3600 if m.group(3) else 0.0)
    if deg > (90 if what == "latitude" else 180) or float(m.group(2)) >= 60:
        warnings.append("XMP exif GPS %s is out of range: %r." % (what, text))
        return None
    return -deg if m.group(4).upper() == neg_pos[0] else deg


def _apply_dji(meta, values):
    """DJI drones keep their pose in their own XMP: position (GpsLatitude/GpsLongitude, AbsoluteAltitude) where
    EXIF has none, and the heading as GimbalYawDegree (the camera's, true north), else FlightYawDegree."""
    if not values:
        return
    number = lambda name: _number(values, name, meta.warnings, "DJI XMP")  # noqa: E731
    if meta.lat is None or meta.lon is None:
        lat, lon = number("GpsLatitude"), number("GpsLongitude")
        if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
            meta.lat, meta.lon = lat, lon
    if meta.altitude is None:
        meta.altitude = number("AbsoluteAltitude")
    if meta.heading is None:
        for name in ("GimbalYawDegree", "FlightYawDegree"):
            yaw = number(name)
            if yaw is not None:
                meta.heading, meta.heading_source = yaw % 360.0, "dji"
                meta.warnings.append("Heading from DJI XMP %s (%.1f)." % (name, yaw))
                break


def _dms(values, ref, neg_pos, warnings, what):
    if values is None:
        return None
    if not isinstance(values, tuple) or not values or not all(math.isfinite(v) for v in values):
        warnings.append("EXIF GPS %s is malformed." % what)
        return None
    deg = values[0] + (values[1] / 60 if len(values) > 1 else 0) + (values[2] / 3600 if len(values) > 2 else 0)
    if deg > (90 if what == "latitude" else 180):
        warnings.append("EXIF GPS %s is out of range: %r." % (what, deg))
        return None
    if isinstance(ref, str) and ref[:1].upper() == neg_pos[0]:
        deg = -deg
    elif not (isinstance(ref, str) and ref[:1].upper() == neg_pos[1]):
        warnings.append("EXIF GPS %s reference is missing; assumed %s." % (what, neg_pos[1]))
    return deg


def _capture_time(ex, gps, warnings):
    original = ex.get(TAG_DATETIME_ORIGINAL)
    offset = ex.get(TAG_OFFSET_TIME_ORIGINAL)
    local = None
    if isinstance(original, str) and original:
        try:
            local = dt.datetime.strptime(original[:19], "%Y:%m:%d %H:%M:%S")
        except ValueError:
            warnings.append("EXIF DateTimeOriginal is malformed: %r." % original)
    subsec = ex.get(TAG_SUBSEC_ORIGINAL)
    if local is not None and isinstance(subsec, str) and subsec.isdigit():
        local = local.replace(microsecond=int((subsec + "000000")[:6]))
    if local is not None and isinstance(offset, str) and offset:
        m = re.fullmatch(r"([+-])(\d\d):(\d\d)", offset.strip())
        if m and int(m.group(2)) <= 14 and int(m.group(3)) < 60:
            delta = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
            return local.replace(tzinfo=dt.timezone(-delta if m.group(1) == "-" else delta))
        warnings.append("EXIF OffsetTimeOriginal is malformed: %r." % offset)
    gps_time = _gps_datetime(gps)
    if gps_time is not None:
        return gps_time
    if local is None:
        warnings.append("No capture time in the EXIF metadata.")
        return None
    try:
        from zoneinfo import ZoneInfo
        zone = ZoneInfo(LOCAL_ZONE)
    except Exception:  # no time zone database: fall back to UTC
        warnings.append("EXIF DateTimeOriginal has no time zone; assumed UTC.")
        return local.replace(tzinfo=dt.timezone.utc)
    warnings.append("EXIF DateTimeOriginal has no time zone; assumed %s." % LOCAL_ZONE)
    return local.replace(tzinfo=zone)


def _gps_datetime(gps):
    date, time = gps.get(GPS_DATE), gps.get(GPS_TIME)
    if not isinstance(date, str) or not isinstance(time, tuple) or len(time) != 3:
        return None
    try:
        day = dt.datetime.strptime(date, "%Y:%m:%d")
        secs = time[0] * 3600 + time[1] * 60 + time[2]
        return (day + dt.timedelta(seconds=secs)).replace(tzinfo=dt.timezone.utc)
    except (ValueError, OverflowError):
        return None


# -- writing ------------------------------------------------------------------------

def inject_metadata(jpeg_bytes: bytes, meta: PanoMeta) -> bytes:
    """Return the JPEG with fresh EXIF (time, GPS) and GPano XMP segments.

    Existing EXIF and XMP segments are removed; the new ones go right after SOI
    (after a leading JFIF APP0, as common tools do). Image data is copied untouched.
    Sizes default to the JPEG's own frame size.
    """
    stream = io.BytesIO(bytes(jpeg_bytes))
    segments = []
    width = height = None
    try:
        for marker, payload in _iter_segments(stream):
            if marker in (SOS, EOI):
                break
            if marker in SOF_MARKERS and width is None:
                width, height = _sof_size(payload)
            if marker == APP1 and payload.startswith((EXIF_ID, XMP_ID, XMP_EXT_ID)):
                continue
            segments.append(bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload)
    except (_Truncated, ValueError) as exc:
        raise PanoMetadataError("Cannot add metadata: the JPEG header is truncated or corrupt.") from exc
    if width is None:
        raise PanoMetadataError("Cannot add metadata: the JPEG has no frame header (SOF).")
    rest = bytes(jpeg_bytes)[stream.tell() - 2:]  # from the SOS (or EOI) marker on
    exif = _segment(APP1, EXIF_ID + _build_exif(meta))
    xmp = _segment(APP1, XMP_ID + _build_xmp(meta, width, height))
    lead = []
    if segments and segments[0][1] == APP0 and segments[0][4:9] == b"JFIF\x00":
        lead = [segments.pop(0)]
    return b"".join([b"\xff\xd8"] + lead + [exif, xmp] + segments + [rest])


def _segment(marker, payload):
    if len(payload) + 2 > 0xFFFF:
        raise ValueError("metadata segment too large for a JPEG")
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _fmt(x):
    return ("%.6f" % x).rstrip("0").rstrip(".")


def _build_xmp(meta, width, height):
    w = int(meta.width or width)
    h = int(meta.height or height)
    props = [("ProjectionType", meta.projection or "equirectangular"), ("UsePanoramaViewer", "True")]
    for name, value in (("PoseHeadingDegrees", meta.heading), ("PosePitchDegrees", meta.pitch),
                        ("PoseRollDegrees", meta.roll)):
        if value is not None:
            props.append((name, _fmt(value % 360.0 if name == "PoseHeadingDegrees" else value)))
    props += [("FullPanoWidthPixels", str(w)), ("FullPanoHeightPixels", str(h)),
              ("CroppedAreaImageWidthPixels", str(w)), ("CroppedAreaImageHeightPixels", str(h)),
              ("CroppedAreaLeftPixels", "0"), ("CroppedAreaTopPixels", "0")]
    body = "\n".join("    <GPano:%s>%s</GPano:%s>" % (k, v, k) for k, v in props)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="" xmlns:GPano="%s">\n%s\n'
        '  </rdf:Description>\n'
        ' </rdf:RDF>\n'
        '</x:xmpmeta>\n'
        '<?xpacket end="w"?>' % (GPANO_NS, body))
    return packet.encode("utf-8")


def _rational(x, denominator):
    return (int(round(x * denominator)), denominator)


def _dms_rationals(value):
    value = abs(value)
    deg = int(value)
    minutes_f = (value - deg) * 60
    minutes = int(minutes_f)
    micro_seconds = int(round((minutes_f - minutes) * 60 * 1000000))
    if micro_seconds >= 60 * 1000000:  # rounding carried into the next minute
        micro_seconds -= 60 * 1000000
        minutes += 1
        if minutes == 60:
            minutes, deg = 0, deg + 1
    return [(deg, 1), (minutes, 1), (micro_seconds, 1000000)]


def _build_exif(meta):
    """A little-endian TIFF block: IFD0 -> Exif IFD (times) and GPS IFD."""
    exif_entries, gps_entries = [], []
    t = meta.captured_at
    if t is not None:
        if t.tzinfo is None or t.utcoffset() is None:
            raise ValueError("captured_at must be a timezone-aware datetime")
        off = int(t.utcoffset().total_seconds() // 60)
        sign = "-" if off < 0 else "+"
        exif_entries += [
            (TAG_EXIF_VERSION, UNDEFINED, b"0232"),
            (TAG_DATETIME_ORIGINAL, ASCII, t.strftime("%Y:%m:%d %H:%M:%S")),
            (TAG_OFFSET_TIME_ORIGINAL, ASCII, "%s%02d:%02d" % (sign, abs(off) // 60, abs(off) % 60)),
        ]
        if t.microsecond:
            exif_entries.append((TAG_SUBSEC_ORIGINAL, ASCII, "%06d" % t.microsecond))
        utc = t.astimezone(dt.timezone.utc)
        gps_entries += [
            (GPS_TIME, RATIONAL, [(utc.hour, 1), (utc.minute, 1),
                                  _rational(utc.second + utc.microsecond / 1e6, 1000)]),
            (GPS_DATE, ASCII, utc.strftime("%Y:%m:%d")),
        ]
    if meta.lat is not None and meta.lon is not None:
        gps_entries += [
            (GPS_LAT_REF, ASCII, "N" if meta.lat >= 0 else "S"),
            (GPS_LAT, RATIONAL, _dms_rationals(meta.lat)),
            (GPS_LON_REF, ASCII, "E" if meta.lon >= 0 else "W"),
            (GPS_LON, RATIONAL, _dms_rationals(meta.lon)),
        ]
    if meta.altitude is not None:
        gps_entries += [(GPS_ALT_REF, BYTE, bytes([1 if meta.altitude < 0 else 0])),
                        (GPS_ALT, RATIONAL, [_rational(abs(meta.altitude), 1000)])]
    if meta.heading is not None:
        gps_entries += [(GPS_DIR_REF, ASCII, "T"),
                        (GPS_DIR, RATIONAL, [_rational(meta.heading % 360.0, 100)])]
    if gps_entries:
        gps_entries.append((GPS_VERSION, BYTE, bytes([2, 3, 0, 0])))

    # layout: header | IFD0 | Exif IFD | GPS IFD, each IFD followed by its own out-of-line values
    ifd0_tags = []
    if exif_entries:
        ifd0_tags.append((TAG_EXIF_IFD, LONG, [0]))
    if gps_entries:
        ifd0_tags.append((TAG_GPS_IFD, LONG, [0]))
    offset = 8
    ifd0_size = _ifd_size(ifd0_tags)
    exif_at = offset + ifd0_size
    gps_at = exif_at + (_ifd_size(exif_entries) if exif_entries else 0)
    ifd0_tags = [(tag, LONG, [exif_at if tag == TAG_EXIF_IFD else gps_at]) for tag, _, _ in ifd0_tags]
    out = b"II*\x00" + struct.pack("<I", offset)
    out += _pack_ifd(ifd0_tags, offset)
    if exif_entries:
        out += _pack_ifd(exif_entries, exif_at)
    if gps_entries:
        out += _pack_ifd(gps_entries, gps_at)
    return out


def _value_bytes(typ, value):
    if typ == ASCII:
        return value.encode("ascii") + b"\x00"
    if typ in (BYTE, UNDEFINED):
        return bytes(value)
    if typ == LONG:
        return struct.pack("<%dI" % len(value), *value)
    if typ == RATIONAL:
        return b"".join(struct.pack("<II", a, b) for a, b in value)
    raise ValueError("unsupported EXIF type %d" % typ)


def _ifd_size(entries):
    extra = 0
    for typ_value in ((typ, value) for _, typ, value in entries):
        n = len(_value_bytes(*typ_value))
        if n > 4:
            extra += n + (n & 1)
    return 2 + 12 * len(entries) + 4 + extra


def _pack_ifd(entries, at):
    entries = sorted(entries, key=lambda e: e[0])
    table, data = [], b""
    data_at = at + 2 + 12 * len(entries) + 4
    for tag, typ, value in entries:
        raw = _value_bytes(typ, value)
        count = len(raw) // TYPE_SIZES[typ]
        if len(raw) <= 4:
            field_ = raw.ljust(4, b"\x00")
        else:
            field_ = struct.pack("<I", data_at + len(data))
            data += raw + (b"\x00" if len(raw) & 1 else b"")
        table.append(struct.pack("<HHI", tag, typ, count) + field_)
    return struct.pack("<H", len(entries)) + b"".join(table) + struct.pack("<I", 0) + data
