"""Files in, files out: the entry points the Processing algorithms and the GUI call.

    report = import_roadworks_file(store, "baustellen.xml", actor="m.muster")   # DATEX II or GeoJSON
    result = export_roadworks(store, "wzdx", "feed.geojson")
"""
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from ..core.definitions import ROADWORKS_EXPORT_FORMATS as EXPORT_FORMATS
from .cifs import export_cifs
from .datex2 import export_datex2, import_datex2
from .exchange_geo import road_name_lookup
from .exchange_import import ImportReport
from .exchange_text import tr
from .geojson import CrsTransform, export_geojson, import_geojson
from .model import STATUSES, Roadworks
from .repository import list_roadworks
from .wzdx import export_wzdx

FILE_FILTERS = {"wzdx": "*.geojson *.json", "datex2": "*.xml", "cifs": "*.json", "geojson": "*.geojson *.json"}
# Public feeds carry what is decided and not over; the exchange formats carry everything.
DEFAULT_STATUSES = {"wzdx": ("approved", "active"), "cifs": ("approved", "active"), "datex2": STATUSES,
                    "geojson": STATUSES}
MAX_IMPORT_BYTES = 256 * 1024 * 1024


class ExchangeError(ValueError):
    """A file cannot be imported or exported; the message is meant for the user."""


@dataclass
class ExportResult:
    path: Path
    format: str
    count: int  # roadworks written
    warnings: List[Tuple[str, str]] = field(default_factory=list)  # (roadworks, message): not exported and why


def export_roadworks(store, fmt: str, path, statuses: Optional[Sequence[str]] = None, publisher: str =
                     "Stadt Kaiserslautern", now: Optional[datetime] = None) -> ExportResult:
    """Write the store's roadworks (of ``statuses``, default per format) as ``fmt`` to ``path``."""
    if fmt not in EXPORT_FORMATS:
        raise ExchangeError(tr("Unknown export format '{format}'; choose one of {formats}.").format(
            format=fmt, formats=", ".join(EXPORT_FORMATS)))
    now = now or datetime.now(timezone.utc)
    works = list_roadworks(store, status=list(statuses or DEFAULT_STATUSES[fmt]))
    names = road_name_lookup(store)

    def road(w: Roadworks):
        return names(w.geometry)

    warnings: List[Tuple[str, str]] = []
    if fmt == "datex2":
        text = export_datex2(works, publisher=publisher, now=now)
        count = len(works)
    elif fmt == "geojson":
        text = _json(export_geojson(works, now=now))
        count = len(works)
    elif fmt == "wzdx":
        feed, warnings = export_wzdx(works, publisher=publisher, road_names=road, now=now)
        text = _json(feed)
        count = len(works) - len(warnings)  # every WZDx warning is a roadworks left out
    else:
        feed, warnings = export_cifs(works, publisher=publisher, road_names=road, now=now)
        text = _json(feed)
        count = len(feed["incidents"])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return ExportResult(path=path, format=fmt, count=count, warnings=warnings)


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def detect_format(data: bytes) -> str:
    """"datex2" for XML, "geojson" for JSON; ExchangeError otherwise."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte order mark: expat reads it as it is
        head = data[:4096].decode("utf-16", errors="ignore").lstrip(" \t\r\n").encode("utf-8")
    if head.startswith(b"<"):
        return "datex2"
    if head.startswith(b"{"):
        return "geojson"
    raise ExchangeError(tr("The file is neither DATEX II XML nor GeoJSON."))


def import_roadworks_file(store, source, actor: str, crs_transform: Optional[CrsTransform] = None,
                          now: Optional[datetime] = None) -> ImportReport:
    """Import a DATEX II SituationPublication (2.0 or 3) or a GeoJSON file (path or bytes)."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                raise ExchangeError(tr("The file is larger than {mb} MB.").format(mb=MAX_IMPORT_BYTES // 2 ** 20))
            data = path.read_bytes()
        except OSError as error:
            raise ExchangeError(tr("The file cannot be read: {error}").format(error=error)) from error
    fmt = detect_format(data)
    if fmt == "datex2":
        return import_datex2(store, data, actor, now=now)
    return import_geojson(store, data, actor, crs_transform=crs_transform)
