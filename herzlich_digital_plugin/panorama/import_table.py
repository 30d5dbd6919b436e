"""Import panoramas from vendor pose tables: Ladybug, Trimble, or any table with a field mapping.

Formats (coordinates in EPSG:25832 here; the Processing wrapper transforms other CRSs first):
- Ladybug: tab-separated, header ``Filename X Y Z Pan Tilt Roll TimeStamp``. Pan is read as the
  compass bearing of the image's centre column, Tilt as pitch (positive up).
- Trimble CSV: ``gps_seconds, panorama_file_name, x, y, altitude, roll, pitch, heading`` (header
  optional; unit suffixes like ``x[m]`` are ignored). ``gps_seconds`` is accepted as
  * seconds since the GPS epoch 1980-01-06 (values ≥ 1e9, i.e. from September 2011 on),
  * Adjusted Standard GPS time, GPS seconds − 1e9 as in LAS files (604800 ≤ value < 1e9),
  * seconds of the GPS week (value < 604800), which needs ``gps_week``.
  GPS time runs ahead of UTC by the leap seconds since 1980: 18 s since 2017 (table below).
- any table (a QGIS layer, WFS included): rows as dicts plus a mapping of our names (x, y, z,
  heading, pitch, roll, time, image, id) to field names.

Heights: z / altitude is the camera's height, as vendors record it; the store keeps the ground
point, ``z - camera_height`` (docs/conventions.md). Naive times are taken as UTC (GNSS time).

Images: ``image_root`` + the file name, or a ``url_template`` such as ``https://host/pano/{filename}``
(``{filename}``, ``{stem}``, ``{id}``). SECURITY: a file name that is absolute, contains ``..`` or
resolves outside ``image_root`` (through a link) is refused and never opened.
"""
import csv
import datetime as dt
import io
import math
import re
from pathlib import Path, PurePosixPath
from typing import Callable, Dict, Iterable, List, Optional
from urllib.parse import quote, urlparse

from ..core.definitions import PANORAMA_TABLE_FORMATS as FORMATS
from ..core.gpano import PanoMetadataError, read_metadata
from .import_common import ImportReport, Progress, image_uri_for, store_candidates, store_folder, tr
from .import_common import X_RANGE, Y_RANGE
from .import_folder import check_image, truncation_reason

__all__ = ["PoseFormatError", "FORMATS", "detect_format", "read_ladybug", "read_trimble", "records_from_table",
           "import_poses", "import_pose_file", "gps_to_utc", "safe_image_path", "DEFAULT_MAPPING"]

DEFAULT_MAPPING = {"x": "x", "y": "y", "z": "z", "heading": "heading", "pitch": "pitch", "roll": "roll",
                   "time": "time", "image": "image", "id": "id"}
REQUIRED = ("image", "x", "y", "heading")

LADYBUG_COLUMNS = {"filename": "image", "x": "x", "y": "y", "z": "z", "pan": "heading", "tilt": "pitch",
                   "roll": "roll", "timestamp": "time"}
LADYBUG_REQUIRED = ("filename", "x", "y", "z", "pan")
TRIMBLE_COLUMNS = ("gps_seconds", "panorama_file_name", "x", "y", "altitude", "roll", "pitch", "heading")
TRIMBLE_NAMES = {"gps_seconds": "gps_seconds", "panorama_file_name": "image", "x": "x", "y": "y",
                 "altitude": "z", "roll": "roll", "pitch": "pitch", "heading": "heading"}
TRIMBLE_REQUIRED = ("gps_seconds", "panorama_file_name", "x", "y", "altitude", "heading")

GPS_EPOCH = dt.datetime(1980, 1, 6, tzinfo=dt.timezone.utc)
SECONDS_PER_WEEK = 604800
ADJUSTED_GPS_OFFSET = 1e9  # LAS "Adjusted Standard GPS Time" = GPS seconds - 1e9
# (UTC date from which on, GPS - UTC in seconds): IERS leap seconds since the GPS epoch
LEAP_SECONDS = ((dt.date(1981, 7, 1), 1), (dt.date(1982, 7, 1), 2), (dt.date(1983, 7, 1), 3),
                (dt.date(1985, 7, 1), 4), (dt.date(1988, 1, 1), 5), (dt.date(1990, 1, 1), 6),
                (dt.date(1991, 1, 1), 7), (dt.date(1992, 7, 1), 8), (dt.date(1993, 7, 1), 9),
                (dt.date(1994, 7, 1), 10), (dt.date(1996, 1, 1), 11), (dt.date(1997, 7, 1), 12),
                (dt.date(1999, 1, 1), 13), (dt.date(2006, 1, 1), 14), (dt.date(2009, 1, 1), 15),
                (dt.date(2012, 7, 1), 16), (dt.date(2015, 7, 1), 17), (dt.date(2017, 1, 1), 18))
MAX_LINE = 1 << 16  # longer "lines" mean a binary file


class PoseFormatError(ValueError):
    """The file or table is not in the expected format; the message is meant for the user."""


# ------------------------------------------------------------------ times

def gps_to_utc(seconds: float, gps_week: Optional[int] = None) -> dt.datetime:
    """UTC of a GPS time (see the module docstring for the accepted forms). ValueError if unusable."""
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(tr("GPS seconds must be a number ≥ 0."))
    if seconds < SECONDS_PER_WEEK:
        if gps_week is None:
            raise ValueError(tr("GPS seconds of week need the GPS week number."))
        seconds = gps_week * SECONDS_PER_WEEK + seconds
    elif seconds < ADJUSTED_GPS_OFFSET:
        seconds += ADJUSTED_GPS_OFFSET
    gps = GPS_EPOCH + dt.timedelta(seconds=seconds)
    leap = 0
    for day, offset in LEAP_SECONDS:  # a few seconds around a leap second may be off by one: no matter here
        if (gps - dt.timedelta(seconds=offset)).date() >= day:
            leap = offset
    return gps - dt.timedelta(seconds=leap)


def parse_time(value) -> Optional[dt.datetime]:
    """Aware datetime of an ISO 8601 text, a datetime or POSIX seconds/ms/µs; None if empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        t = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(tr("The time is not a number."))
        seconds = value if abs(value) < 1e11 else value / 1e3 if abs(value) < 1e14 else value / 1e6
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
    else:
        text = str(value).strip()
        if re.fullmatch(r"-?\d+(\.\d*)?", text):
            return parse_time(float(text))
        try:
            t = dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        except ValueError:
            raise ValueError(tr("'{value}' is not an ISO 8601 time.").format(value=text[:40])) from None
    return t if t.tzinfo is not None and t.utcoffset() is not None else t.replace(tzinfo=dt.timezone.utc)


# ------------------------------------------------------------------ reading files

def _read_lines(path) -> List[str]:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise PoseFormatError(tr("Cannot read {path}: {error}").format(path=path, error=error.strerror or error))
    if b"\x00" in raw[:4096]:
        raise PoseFormatError(tr("{name} is a binary file, not a pose table.").format(name=Path(path).name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.splitlines()


def _data_lines(lines):
    """(line number, text) of the lines that are not blank or # comments."""
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _normalise_header(name: str) -> str:
    name = re.sub(r"[\[(].*?[\])]", "", name.strip().lower())  # x[m], heading (deg)
    return re.sub(r"\s+", "_", name.strip())


def _split_ladybug(line: str) -> List[str]:
    return line.split("\t") if "\t" in line else line.split()


def _looks_headerless_trimble(fields: List[str]) -> bool:
    if len(fields) != len(TRIMBLE_COLUMNS):
        return False
    try:
        float(fields[0])
    except ValueError:
        return False
    return fields[1].strip().lower().endswith((".jpg", ".jpeg"))


def _trimble_delimiter(line: str) -> str:
    return ";" if line.count(";") > line.count(",") else ","


def detect_format(path) -> str:
    """'ladybug' or 'trimble' from the first line; PoseFormatError for anything else."""
    for _, line in _data_lines(_read_lines(path)):
        if len(line) > MAX_LINE:
            break
        tokens = {_normalise_header(t) for t in re.split(r"[\t,;]|\s+", line) if t.strip()}
        if {"filename", "pan"} <= tokens:
            return "ladybug"
        if "gps_seconds" in tokens or "panorama_file_name" in tokens:
            return "trimble"
        fields = next(csv.reader([line], delimiter=_trimble_delimiter(line)))
        if _looks_headerless_trimble(fields):
            return "trimble"
        break
    raise PoseFormatError(_wrong_format(path))


def _wrong_format(path) -> str:
    return tr("{name} is neither a Ladybug pose file (tab-separated, header 'Filename X Y Z Pan Tilt Roll "
              "TimeStamp') nor a Trimble CSV (gps_seconds, panorama_file_name, x, y, altitude, roll, pitch, "
              "heading).").format(name=Path(path).name)


def _missing_columns(path, missing) -> PoseFormatError:
    return PoseFormatError(tr("{name} lacks the column(s) {columns}.").format(
        name=Path(path).name, columns=", ".join(missing)))


def read_ladybug(path) -> List[dict]:
    """Records (see import_poses) of a Ladybug pose file. PoseFormatError if it is not one."""
    lines = list(_data_lines(_read_lines(path)))
    if not lines:
        raise PoseFormatError(tr("{name} is empty.").format(name=Path(path).name))
    header = [_normalise_header(h) for h in _split_ladybug(lines[0][1])]
    if len(lines[0][1]) > MAX_LINE or ("filename" not in header and "pan" not in header):
        raise PoseFormatError(_wrong_format(path))
    missing = [c for c in LADYBUG_REQUIRED if c not in header]
    if missing:
        raise _missing_columns(path, missing)
    name = Path(path).name
    records = []
    for number, line in lines[1:]:
        fields = _split_ladybug(line)
        record = {"source": f"{name}:{number}"}
        if len(fields) != len(header):
            record["error"] = tr("The line has {found} columns, the header {expected}.").format(
                found=len(fields), expected=len(header))
        for column, value in zip(header, fields):
            if column in LADYBUG_COLUMNS:
                record[LADYBUG_COLUMNS[column]] = value.strip()
        records.append(record)
    return records


def read_trimble(path, gps_week: Optional[int] = None) -> List[dict]:
    """Records (see import_poses) of a Trimble panorama CSV; times converted from GPS to UTC."""
    lines = list(_data_lines(_read_lines(path)))
    if not lines:
        raise PoseFormatError(tr("{name} is empty.").format(name=Path(path).name))
    delimiter = _trimble_delimiter(lines[0][1])
    rows = list(csv.reader(io.StringIO("\n".join(line for _, line in lines)), delimiter=delimiter))
    numbers = [n for n, _ in lines]
    first = [f.strip() for f in rows[0]]
    if _looks_headerless_trimble(first):
        header, start = list(TRIMBLE_COLUMNS), 0
    else:
        header, start = [_normalise_header(h) for h in first], 1
        if "gps_seconds" not in header and "panorama_file_name" not in header:
            raise PoseFormatError(_wrong_format(path))
        missing = [c for c in TRIMBLE_REQUIRED if c not in header]
        if missing:
            raise _missing_columns(path, missing)
    name = Path(path).name
    records = []
    for number, fields in zip(numbers[start:], rows[start:]):
        record = {"source": f"{name}:{number}"}
        if len(fields) != len(header):
            record["error"] = tr("The line has {found} columns, the header {expected}.").format(
                found=len(fields), expected=len(header))
        for column, value in zip(header, fields):
            if column in TRIMBLE_NAMES:
                record[TRIMBLE_NAMES[column]] = value.strip()
        seconds, reason = _number(record.pop("gps_seconds", None), "gps_seconds")
        if reason is None:
            try:
                record["time"] = gps_to_utc(seconds, gps_week)
            except (ValueError, OverflowError) as error:
                reason = tr("Bad gps_seconds {value}: {error}").format(value=seconds, error=error)
        if reason and "error" not in record:
            record["error"] = reason
        records.append(record)
    return records


def records_from_table(rows: Iterable[dict], mapping: Dict[str, Optional[str]], fields: Optional[List[str]] = None,
                       report: Optional[ImportReport] = None, source=None) -> List[dict]:
    """Records of generic rows (dicts) through ``mapping`` {our name: field name or None}.

    With ``fields`` (the table's field names) a required field (x, y, heading, image) that the
    table lacks raises PoseFormatError; a missing optional one is dropped with a warning.
    ``source(i, row)`` names a row in the report (default: "row <n>").
    """
    mapping = {k: v for k, v in mapping.items() if v}
    if fields is not None:
        missing = [f"{key} ({name})" for key, name in mapping.items() if name not in fields and key in REQUIRED]
        unmapped = [key for key in REQUIRED if key not in mapping]
        if missing or unmapped:
            raise PoseFormatError(tr("The table lacks the field(s) {fields}.").format(
                fields=", ".join(missing + unmapped)))
        for key, name in list(mapping.items()):
            if name not in fields:
                if report is not None:
                    report.warn(tr("table"), tr("The table has no field '{field}': {key} is not read.").format(
                        field=name, key=key))
                del mapping[key]
    records = []
    for i, row in enumerate(rows):
        record = {"source": source(i, row) if source else tr("row {n}").format(n=i + 1)}
        for key, name in mapping.items():
            record[key] = row.get(name)
        records.append(record)
    return records


# ------------------------------------------------------------------ checking records

def _number(value, what, required=True):
    """(float or None, reason or None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, (tr("{what} is missing.").format(what=what) if required else None)
    if isinstance(value, str):
        value = value.strip()
        if value.count(",") == 1 and "." not in value:  # decimal comma (German spreadsheets)
            value = value.replace(",", ".")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None, tr("{what} is not a number: '{value}'.").format(what=what, value=str(value)[:30])
    if not math.isfinite(number):
        return None, tr("{what} is not a finite number: '{value}'.").format(what=what, value=str(value)[:30])
    return number, None


def _unsafe_name_reason(name: str) -> Optional[str]:
    """Why an image name may not be used at all (checked before touching the file system)."""
    if "\x00" in name:
        return tr("The image name contains a NUL character.")
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm) or "://" in norm:
        return tr("Refused: the image name '{name}' is an absolute path or URL; names must be relative to the "
                  "image root.").format(name=name[:200])
    if ".." in PurePosixPath(norm).parts:
        return tr("Refused: the image name '{name}' contains '..' (it would leave the image root).").format(
            name=name[:200])
    return None


def safe_image_path(root, name: str):
    """(Path inside ``root``, None) or (None, reason). Never reads the file; refuses escapes."""
    reason = _unsafe_name_reason(name)
    if reason:
        return None, reason
    root = Path(root).resolve()
    candidate = (root / name.replace("\\", "/")).resolve()
    if candidate != root and root not in candidate.parents:
        return None, tr("Refused: the image '{name}' resolves outside the image root (through a link).").format(
            name=name[:200])
    return candidate, None


def check_url_template(template: str) -> str:
    parsed = urlparse(template)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError(tr("The URL template must start with http:// or https://."))
    if not any(p in template for p in ("{filename}", "{stem}", "{id}")):
        raise ValueError(tr("The URL template needs {filename}, {stem} or {id}."))
    return template


def _url(template, name, ident):
    stem = PurePosixPath(name.replace("\\", "/")).stem
    return (template.replace("{filename}", quote(name.replace("\\", "/"), safe="/"))
            .replace("{stem}", quote(stem, safe="")).replace("{id}", quote(str(ident), safe="")))


def _check_record(record, transform, has_z):
    """A partial candidate (pose) or a reason to reject."""
    if record.get("error"):
        return None, record["error"]
    image = record.get("image")
    image = "" if image is None else str(image).strip()
    if not image:
        return None, tr("No image file name.")
    x, reason = _number(record.get("x"), "x")
    if reason:
        return None, reason
    y, reason = _number(record.get("y"), "y")
    if reason:
        return None, reason
    if has_z:
        z, reason = _number(record.get("z"), "z")
        if reason:
            return None, reason
    else:
        z = 0.0
    heading, reason = _number(record.get("heading"), "heading")
    if reason:
        return None, reason
    if not -360.0 <= heading <= 360.0:
        return None, tr("The heading {value} is outside -360…360°.").format(value=heading)
    pitch, reason = _number(record.get("pitch"), "pitch", required=False)
    if reason:
        return None, reason
    roll, reason = _number(record.get("roll"), "roll", required=False)
    if reason:
        return None, reason
    if pitch is not None and not -90.0 <= pitch <= 90.0:
        return None, tr("The pitch {value} is outside -90…90°.").format(value=pitch)
    if roll is not None and not -180.0 <= roll <= 180.0:
        return None, tr("The roll {value} is outside -180…180°.").format(value=roll)
    try:
        captured_at = parse_time(record.get("time"))
    except (ValueError, OverflowError, OSError) as error:
        return None, tr("Bad time: {error}").format(error=error)
    if transform is not None:
        try:
            x, y = transform(x, y)
        except Exception as error:  # any CRS library error: the row cannot be placed
            return None, tr("The position could not be transformed to EPSG:25832: {error}").format(error=error)
    if not (X_RANGE[0] <= x <= X_RANGE[1] and Y_RANGE[0] <= y <= Y_RANGE[1]):
        return None, tr("The position ({x}, {y}) is not an EPSG:25832 coordinate: wrong CRS?").format(
            x=round(x, 3), y=round(y, 3))
    return {"image": image, "x": float(x), "y": float(y), "z_camera": z, "heading": heading % 360.0,
            "pitch": pitch or 0.0, "roll": roll or 0.0, "captured_at": captured_at, "id": record.get("id")}, None


# ------------------------------------------------------------------ importing

def import_poses(store, records: Iterable[dict], campaign: str, camera_height: float = 2.5,
                 image_root=None, url_template: Optional[str] = None,
                 transform: Optional[Callable[[float, float], tuple]] = None, vendor: Optional[str] = None,
                 progress: Progress = None, cancelled: Optional[Callable[[], bool]] = None,
                 report: Optional[ImportReport] = None,
                 size_probe: Optional[Callable[[str], tuple]] = None) -> ImportReport:
    """Check pose records and write the good ones into ``campaign`` (created by name if missing).

    A record is a dict: ``source`` (for the report), ``image`` (file name), ``x``, ``y`` (EPSG:25832
    unless ``transform(x, y)`` maps them there), ``z`` (camera altitude; records without a ``z`` key
    get 0 with a warning), ``heading``, optional ``pitch``, ``roll``, ``time``, ``id``, and ``error``
    (a reason found while reading). Values may be text or numbers. With ``image_root`` the images
    must exist below it (their size is read from the JPEG header); with ``url_template`` they are
    not fetched, but ``size_probe(url) -> (width, height)`` (panorama.remote_size) reads their size from the
    server. Nothing is written if cancelled.
    """
    report = report if report is not None else ImportReport()
    if not math.isfinite(camera_height) or not 0 <= camera_height <= 20:
        raise ValueError(tr("The camera height must be between 0 and 20 m."))
    if (image_root is None) == (url_template is None):
        raise ValueError(tr("Give either an image root folder or a URL template."))
    if url_template is not None:
        check_url_template(url_template)
    elif not Path(image_root).is_dir():
        raise ValueError(tr("The image root {folder} does not exist.").format(folder=image_root))
    records = list(records)
    target = store_folder(store)
    has_z_warned = False
    candidates = []
    for n, record in enumerate(records):
        if cancelled is not None and cancelled():
            report.cancelled = True
            return report
        if progress and n % 200 == 0:
            progress(85.0 * n / max(1, len(records)),
                     tr("Checking row {n} of {total}").format(n=n + 1, total=len(records)))
        source = record.get("source") or tr("row {n}").format(n=n + 1)
        has_z = "z" in record
        if not has_z and not has_z_warned:
            report.warn(source, tr("No z values: panorama heights are set to 0 m."))
            has_z_warned = True
        pose, reason = _check_record(record, transform, has_z)
        if reason is None:
            reason = _resolve_image(pose, image_root, url_template, target)
        if reason:
            report.reject(source, reason)
            continue
        candidates.append({"source": source, "x": pose["x"], "y": pose["y"],
                           "z": pose["z_camera"] - camera_height if has_z else 0.0,
                           "heading": pose["heading"], "pitch": pose["pitch"], "roll": pose["roll"],
                           "captured_at": pose["captured_at"], "width": pose["width"], "height": pose["height"],
                           "image_uri": pose["image_uri"]})
    if cancelled is not None and cancelled():
        report.cancelled = True
        return report
    if url_template is not None and size_probe is not None and candidates:
        from .remote_size import fill_sizes
        fill_sizes(candidates, size_probe, report)
    return store_candidates(store, candidates, campaign, report, camera_height, vendor, progress, cancelled)


def _resolve_image(pose, image_root, url_template, target) -> Optional[str]:
    """Fill image_uri, width, height into ``pose``; a reason if the image cannot be used."""
    name = pose["image"]
    if url_template is not None:
        reason = _unsafe_name_reason(name)
        if reason:
            return reason
        ident = pose.get("id")
        if "{id}" in url_template and (ident is None or str(ident).strip() == ""):
            ident = PurePosixPath(name.replace("\\", "/")).stem
        pose.update(image_uri=_url(url_template, name, ident), width=None, height=None)
        return None
    path, reason = safe_image_path(image_root, name)
    if reason:
        return reason
    if not path.is_file():
        return tr("The image file {name} does not exist below the image root.").format(name=name[:200])
    try:
        meta = read_metadata(path)
    except PanoMetadataError as error:
        return tr("The file is not a readable JPEG: {error}").format(error=error)
    reason = check_image(meta) or truncation_reason(path)
    if reason:
        return reason
    pose.update(image_uri=image_uri_for(path, target), width=int(meta.width), height=int(meta.height))
    return None


def import_pose_file(store, path, campaign: str, fmt: str = "auto", camera_height: float = 2.5,
                     image_root=None, url_template: Optional[str] = None, gps_week: Optional[int] = None,
                     transform=None, vendor: Optional[str] = None, progress: Progress = None,
                     cancelled=None) -> ImportReport:
    """Read a Ladybug or Trimble pose file (``fmt`` auto/ladybug/trimble) and import it.

    Without ``image_root`` and ``url_template`` the images are looked up next to the pose file.
    Raises PoseFormatError (one message) for a file in the wrong format.
    """
    if fmt not in ("auto", "ladybug", "trimble"):
        raise PoseFormatError(tr("Unknown pose file format '{format}'.").format(format=fmt))
    if fmt == "auto":
        fmt = detect_format(path)
    records = read_ladybug(path) if fmt == "ladybug" else read_trimble(path, gps_week)
    if image_root is None and url_template is None:
        image_root = Path(path).resolve().parent
    return import_poses(store, records, campaign, camera_height, image_root, url_template, transform,
                        vendor, progress, cancelled)
