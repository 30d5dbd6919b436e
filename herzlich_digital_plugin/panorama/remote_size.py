"""The pixel size of a panorama on an image server, read from the first bytes of its JPEG (a Range request):
pose tables with a URL template name images the import never downloads, yet detections need the size."""
from typing import Callable, List, Optional

from ..core.gpano import PanoMetadataError, read_metadata
from ..toolbelt.i18n import tr
from .image_errors import ImageError

HEAD_BYTES = (128 << 10, 2 << 20)  # the frame header follows EXIF/XMP (and a thumbnail): try more if needed


def probe_size(url: str, http) -> tuple:
    """(width, height) of the JPEG at ``url``; ImageError with a message when the server or file says no."""
    for size in HEAD_BYTES:
        response = http.get(url, {"Range": "bytes=0-%d" % (size - 1)})
        if response.status not in (200, 206):
            raise ImageError(tr("The image server answered HTTP {status} for {url}").format(
                status=response.status, url=url), "http", response.status)
        try:
            meta = read_metadata(response.content)
        except PanoMetadataError:
            if response.status == 200:  # the whole file came and has no frame header
                break
            continue
        return int(meta.width), int(meta.height)
    raise ImageError(tr("The image at {url} is not a readable JPEG.").format(url=url), "corrupt")


def fill_sizes(candidates: List[dict], probe: Callable[[str], tuple], report,
               max_probes: int = 1000) -> None:
    """Give candidates without a size the size their server reports. A campaign's camera is one model, so the
    first and last image are probed; only when they differ is every image probed (up to ``max_probes``)."""
    missing = [c for c in candidates if not c.get("width") or not c.get("height")]
    if not missing:
        return
    try:
        first, last = probe(missing[0]["image_uri"]), probe(missing[-1]["image_uri"])
    except ImageError as error:
        report.warn(missing[0]["source"], tr("The image size could not be read from the server ({error}): "
                                             "detections cannot be imported for these panoramas until it is "
                                             "known.").format(error=error))
        return
    if first == last:
        for cand in missing:
            cand["width"], cand["height"] = first
        report.warn(missing[0]["source"], tr("Image size {width} × {height} read from the server for all {count} "
                                             "panoramas.").format(width=first[0], height=first[1],
                                                                  count=len(missing)))
        return
    for cand in missing[:max_probes]:
        try:
            cand["width"], cand["height"] = probe(cand["image_uri"])
        except ImageError as error:
            report.warn(cand["source"], str(error))


def http_probe(authcfg: str = "", timeout_s: float = 20.0) -> Optional[Callable[[str], tuple]]:
    from ..toolbelt.network import NetworkError, QgisHttpClient

    http = QgisHttpClient(authcfg, timeout_s)

    def probe(url):
        try:
            return probe_size(url, http)
        except NetworkError as error:
            raise ImageError(str(error), "network") from error
    return probe
