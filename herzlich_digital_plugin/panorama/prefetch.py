"""Offline use: download the images of every panorama in an area into the disk cache, ahead of a site visit.

The viewer and the snapshots read remote images through the same cache (image_source.download), so what is
prefetched opens without a network. Local images need nothing; they are counted as available.
"""
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

from ..toolbelt.i18n import tr
from .image_errors import ImageError
from .image_source import _suffix, download, locate


@dataclass
class PrefetchReport:
    downloaded: int = 0  # fetched now
    cached: int = 0  # already in the cache, or local files
    failed: List[Tuple[int, str]] = field(default_factory=list)  # (panorama id, message)
    cancelled: bool = False


def panoramas_in_area(store, extent, campaign_id: Optional[int] = None) -> list:
    """Panorama rows in (xmin, ymin, xmax, ymax) of EPSG:25832, optionally of one campaign."""
    where = {"campaign_id": int(campaign_id)} if campaign_id is not None else None
    return store.in_bbox("panorama", *extent, where=where)


def prefetch(rows, disk_cache, store_folder=None, image_root=None, authcfg: str = "", timeout_s: float = 20.0,
             progress: Callable[[float, str], None] = None,
             cancelled: Callable[[], bool] = None) -> PrefetchReport:
    """Download each row's remote image into ``disk_cache`` (one after another: a city server is shared)."""
    report = PrefetchReport()
    total = max(1, len(rows))
    for n, row in enumerate(rows):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(100.0 * n / total, tr("Panorama {n} of {total}").format(n=n + 1, total=len(rows)))
        try:
            loc = locate(row.get("image_uri"), store_folder, image_root, row.get("id"))
            if not loc.is_remote:
                report.cached += 1
                continue
            if disk_cache.get(loc.url, _suffix(loc.url)) is not None:
                report.cached += 1
                continue
            download(loc.url, disk_cache, authcfg, timeout_s)
            report.downloaded += 1
        except ImageError as error:
            report.failed.append((int(row["id"]), str(error)))
    if progress is not None and not report.cancelled:
        progress(100.0, tr("Done"))
    return report

