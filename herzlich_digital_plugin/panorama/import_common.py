"""What the panorama importers share: the report, campaigns, image URIs, duplicates, writing rows.

Pure Python + store (QGIS only for translating messages, when it is there). A *candidate* is a
checked panorama ready to be written::

    {"source": str, "x": float, "y": float, "z": float (ground point), "heading": float,
     "pitch": float, "roll": float, "captured_at": aware datetime | None,
     "width": int | None, "height": int | None, "image_uri": str}
"""
import csv
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional, Tuple

from ..core.import_steps import ImportCancelled, Steps
from .sequences import campaign_slug, split_sequences

# plausible EPSG:25832 coordinates: Europe north of 31° N, zone 32 widened into its neighbours. Catches
# degrees given as if they were EPSG:25832 metres (table import) and far-away GPS fixes (folder import).
X_RANGE = (-300000.0, 1300000.0)
Y_RANGE = (3500000.0, 9400000.0)

try:  # translated inside QGIS; plain English where QGIS is missing
    from ..toolbelt.i18n import tr
except ImportError:  # pragma: no cover - exercised only without QGIS
    def tr(text: str) -> str:
        return text

__all__ = ["ImportReport", "tr", "store_folder", "image_uri_for", "store_candidates", "Progress"]

Progress = Optional[Callable[[float, str], None]]
POSITION_DECIMALS = 3  # mm: positions compared for duplicates at this precision


@dataclass
class ImportReport:
    """Outcome of an import: rows written, rows refused with their reasons, non-fatal warnings."""
    imported: int = 0
    rejected: List[Tuple[str, str]] = field(default_factory=list)  # (source, reason)
    warnings: List[Tuple[str, str]] = field(default_factory=list)  # (source, message)
    campaign_id: Optional[int] = None
    sequences: List[str] = field(default_factory=list)
    cancelled: bool = False

    def reject(self, source: str, reason: str) -> None:
        self.rejected.append((str(source), reason))

    def warn(self, source: str, message: str) -> None:
        self.warnings.append((str(source), message))

    def write_report(self, path, include_warnings: bool = False) -> Path:
        """Write the rejected rows as CSV (columns source, reason; UTF-8 with BOM for spreadsheets).

        ``include_warnings``: a third column ``kind`` (rejected / warning) and the warnings after the rejected
        rows (e.g. unknown labels of a detection import, imported but without a class)."""
        path = Path(path)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            if include_warnings:
                writer.writerow(["source", "reason", "kind"])
                writer.writerows((s, r, tr("rejected")) for s, r in self.rejected)
                writer.writerows((s, m, tr("warning")) for s, m in self.warnings)
            else:
                writer.writerow(["source", "reason"])
                writer.writerows(self.rejected)
        return path


def store_folder(store) -> Optional[Path]:
    """Folder relative image URIs are resolved against: the GeoPackage's folder; None for PostGIS."""
    if getattr(store, "backend", "") != "gpkg":
        return None
    path = getattr(store, "path", None) or getattr(store, "uri", None)
    return Path(str(path).split("|")[0]).resolve().parent if path else None


def image_uri_for(path: Path, folder: Optional[Path]) -> str:
    """Relative (forward slashes) when the image lies below the store's folder, else absolute."""
    path = Path(path).resolve()
    if folder is not None:
        try:
            return path.relative_to(folder).as_posix()
        except ValueError:
            pass
    return str(path)


def _uri_key(uri: str, folder: Optional[Path]) -> str:
    """The same image written as a relative or an absolute URI compares equal."""
    if "://" in uri or folder is None or os.path.isabs(uri):
        return os.path.normpath(uri) if "://" not in uri else uri
    return os.path.normpath(str(folder / uri))


def _position_key(x, y, t):
    if t is None:
        return None
    return (round(float(x), POSITION_DECIMALS), round(float(y), POSITION_DECIMALS),
            t.astimezone(dt.timezone.utc).isoformat())


def _find_campaign(store, name: str) -> Optional[dict]:
    rows = store.select("campaign", {"name": name}, limit=1)
    return rows[0] if rows else None


def _existing_keys(store, campaign_id: Optional[int], folder: Optional[Path]):
    uris, positions = set(), set()
    if campaign_id is None:
        return uris, positions
    for row in store.iter_select("panorama", {"campaign_id": campaign_id}):
        if row.get("image_uri"):
            uris.add(_uri_key(row["image_uri"], folder))
        geom = row.get("geom")
        if geom is not None and not geom.is_empty:
            positions.add(_position_key(geom.x, geom.y, row.get("captured_at")))
    return uris, positions


def store_candidates(store, candidates: List[dict], campaign: str, report: ImportReport,
                     camera_height: float, vendor: Optional[str] = None, progress: Progress = None,
                     cancelled: Optional[Callable[[], bool]] = None) -> ImportReport:
    """Drop duplicates, assign sequences and write the rest in one transaction (creating the campaign).

    Writing reports progress from 90 to 99 % in steps of at most 1 %; a cancel while writing rolls the whole
    transaction back (nothing written, ``report.cancelled``).
    """
    campaign = (campaign or "").strip()
    if not campaign:
        raise ValueError(tr("No campaign name given."))
    folder = store_folder(store)
    found = _find_campaign(store, campaign)
    uris, positions = _existing_keys(store, found["id"] if found else None, folder)
    fresh = []
    for cand in candidates:
        uri_key = _uri_key(cand["image_uri"], folder)
        pos_key = _position_key(cand["x"], cand["y"], cand["captured_at"])
        if uri_key in uris:
            report.reject(cand["source"], tr("Duplicate: this image is already in the campaign."))
            continue
        if pos_key is not None and pos_key in positions:
            report.reject(cand["source"], tr("Duplicate: the campaign already has a panorama taken at the same "
                                             "place and time (a copy of this image?)."))
            continue
        uris.add(uri_key)
        if pos_key is not None:
            positions.add(pos_key)
        fresh.append(cand)
    if not fresh:
        report.campaign_id = found["id"] if found else None
        return report

    slug = campaign_slug(campaign)
    ranks = split_sequences([(c["x"], c["y"], c["captured_at"]) for c in fresh], slug,
                            names=[c["image_uri"] for c in fresh])
    writing = Steps(progress, cancelled, total=len(fresh), start=90.0, end=99.0,
                    text=tr("Writing {count} panoramas").format(count=len(fresh)))
    times = [c["captured_at"] for c in fresh if c["captured_at"] is not None]
    imported_before = report.imported
    try:
        writing.done(0)
        _write_fresh(store, fresh, ranks, campaign, vendor, found, camera_height, times, report, writing)
    except ImportCancelled:
        report.cancelled = True
        report.imported = imported_before
        return report
    report.sequences = sorted({seq for seq, _ in ranks})
    return report


def _write_fresh(store, fresh, ranks, campaign, vendor, found, camera_height, times, report, writing):
    from shapely.geometry import Point

    with store.transaction():
        if found is None:
            campaign_id = store.insert("campaign", {"name": campaign, "vendor": vendor})
            found = {"id": campaign_id, "started_at": None, "ended_at": None}
        campaign_id = found["id"]
        rows = ({"campaign_id": campaign_id, "sequence_id": seq, "sequence_rank": rank,
                 "captured_at": c["captured_at"], "heading": c["heading"], "pitch": c["pitch"], "roll": c["roll"],
                 "camera_height": camera_height, "width": c["width"], "height": c["height"],
                 "image_uri": c["image_uri"], "geom": Point(c["x"], c["y"], c["z"])}
                for c, (seq, rank) in zip(fresh, ranks))
        # Batches of at most half a percent of the span: progress steps stay <= 1 %.
        report.imported += store.insert_many("panorama", rows, batch=max(1, min(5000, len(fresh) // 20)),
                                             on_batch=writing.done)
        if times:
            started = min([t for t in (found.get("started_at"), min(times)) if t is not None])
            ended = max([t for t in (found.get("ended_at"), max(times)) if t is not None])
            store.update("campaign", campaign_id, {"started_at": started, "ended_at": ended})
    report.campaign_id = campaign_id
