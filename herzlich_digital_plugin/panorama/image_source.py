"""Where a panorama's image is: resolve ``image_uri`` safely, download remote images, ask registered resolvers.

``image_uri`` may be an absolute path, a path relative to the store's folder (or to the image root), a
``file://`` URI or an ``http(s)://`` URL. With an image root configured (a folder or an http(s) base URL),
nothing outside it is ever read: ``..``, absolute paths elsewhere and symlinks leading out are refused.
Downloads and resolvers block: call ``image_file`` on a worker thread, never the GUI thread.
"""
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urljoin, urlsplit

from ..toolbelt.i18n import tr
from .image_errors import ImageError
from .image_resolvers import scheme_resolver
from ..toolbelt.network import QgisHttpClient, NetworkError

HTTP_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class ImageLocation:
    """A resolved image: a local ``path`` or a remote ``url``; ``base`` is the folder a relative path used."""
    path: Optional[Path] = None
    url: Optional[str] = None
    base: Optional[Path] = None

    @property
    def is_remote(self) -> bool:
        return self.url is not None


def _is_url(text: str) -> bool:
    return urlsplit(text).scheme.lower() in HTTP_SCHEMES


def _is_file_uri(text: str) -> bool:
    return text[:7].lower() == "file://"


def _file_uri_path(uri: str) -> Path:
    parts = urlsplit(uri)
    if parts.netloc not in ("", "localhost"):
        raise ImageError(tr("File addresses on other computers are not supported: {uri}").format(uri=uri),
                         "unsupported")
    return Path(unquote(parts.path))


def _inside(path: Path, root: Path) -> bool:
    path, root = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives on Windows
        return False


def _outside_root(uri: str) -> ImageError:
    return ImageError(tr("The image path '{uri}' points outside the configured image folder; it is not read.")
                      .format(uri=uri), "outside_root")


def _normalised_url(url: str, decode: bool = False) -> str:
    """The URL with '.' and '..' segments of its path resolved (as a server would); ``decode`` first
    undoes %-escapes, so escaped dots count too (for checking only: it may change what is requested)."""
    parts = urlsplit(url)
    path = posixpath.normpath((unquote(parts.path) if decode else parts.path) or "/")
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    return parts._replace(path=path).geturl()


def _url_inside(url: str, root: str) -> bool:
    a, b = urlsplit(_normalised_url(url, True)), urlsplit(_normalised_url(root, True))
    root_path = b.path if b.path.endswith("/") else b.path + "/"
    return (a.scheme.lower(), a.netloc.lower()) == (b.scheme.lower(), b.netloc.lower()) and \
        a.path.startswith(root_path)


def locate(image_uri, store_folder=None, image_root=None, panorama_id=None) -> ImageLocation:
    """Resolve an ``image_uri``; raises ImageError (translated) when it is empty or not allowed.

    ``image_root``: a folder or an http(s) base URL. Relative URIs are taken relative to it, else to
    ``store_folder``. A root URL may be a template with ``{id}`` and ``{image_uri}``.
    """
    uri = (image_uri or "").strip()
    if not uri:
        raise ImageError(tr("Panorama {id} has no image.").format(id=panorama_id), "no_uri")
    root = str(image_root).strip() if image_root else ""
    if root and _is_url(root):
        return _locate_under_url_root(uri, root, panorama_id)

    if _is_url(uri):
        if root:
            raise _outside_root(uri)
        return ImageLocation(url=uri)
    if "://" in uri and not _is_file_uri(uri):
        raise ImageError(tr("Unsupported image address: {uri}").format(uri=uri), "unsupported")
    path = _file_uri_path(uri) if _is_file_uri(uri) else Path(uri)
    if path.is_absolute():
        if root and not _inside(path, Path(root)):
            raise _outside_root(uri)
        return ImageLocation(path=path)
    base = Path(root) if root else (Path(store_folder) if store_folder else None)
    if base is None:
        raise ImageError(tr("The image path '{uri}' is relative, but the store has no folder to resolve it "
                            "against.").format(uri=uri), "no_folder")
    full = base / path
    if root and not _inside(full, base):
        raise _outside_root(uri)
    return ImageLocation(path=full, base=base)


def _locate_under_url_root(uri, root, panorama_id) -> ImageLocation:
    if "{" in root:  # template: the allowed prefix is the root up to its last "/" before the first field
        url = root.replace("{id}", str(panorama_id)).replace("{image_uri}", uri.lstrip("/"))
        prefix = root.split("{", 1)[0].rsplit("/", 1)[0] + "/"
    elif _is_url(uri):
        url, prefix = uri, root
    elif _is_file_uri(uri) or "://" in uri or Path(uri).is_absolute():
        raise _outside_root(uri)
    else:
        url, prefix = urljoin(root if root.endswith("/") else root + "/", uri), root
    if not _url_inside(url, prefix):
        raise _outside_root(uri)
    return ImageLocation(url=_normalised_url(url))


# ---------------------------------------------------------------------------- downloads

def _suffix(url: str) -> str:
    ext = posixpath.splitext(urlsplit(url).path)[1].lower()
    return ext if ext in (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp") else ".img"


def _http_client(authcfg, timeout_s):
    return QgisHttpClient(authcfg=authcfg or "", timeout_s=timeout_s)


def download(url: str, disk_cache, authcfg: str = "", timeout_s: float = 20.0) -> Path:
    """The image at ``url`` in the disk cache, downloaded first if needed (QGIS proxy and authcfg apply)."""
    if disk_cache is None:
        raise ImageError(tr("Remote panorama images need a download cache."), "unsupported")
    suffix = _suffix(url)
    cached = disk_cache.get(url, suffix)
    if cached is not None:
        return cached

    try:
        response = _http_client(authcfg, timeout_s).get(url)
    except NetworkError as error:
        if error.timed_out:
            raise ImageError(tr("The image server did not answer within {seconds} s: {url}")
                             .format(seconds=round(timeout_s, 1), url=url), "timeout") from error
        raise ImageError(tr("The panorama image could not be downloaded from {url}: {error}")
                         .format(url=url, error=error), "network") from error
    if response.status == 404:
        raise ImageError(tr("The panorama image was not found on the server (HTTP 404): {url}").format(url=url),
                         "http", 404)
    if response.status == 401 or response.status == 403:
        raise ImageError(tr("The image server refused access (HTTP {status}): check the authentication for "
                            "{url}").format(status=response.status, url=url), "http", response.status)
    if not 200 <= response.status < 300:
        raise ImageError(tr("The image server reported an error (HTTP {status}): {url}")
                         .format(status=response.status, url=url), "http", response.status)
    if not response.content:
        raise ImageError(tr("The image server sent an empty file: {url}").format(url=url), "http",
                         response.status)
    try:
        return disk_cache.put(url, response.content, suffix)
    except OSError as error:
        raise ImageError(tr("The downloaded image could not be stored in the cache: {error}").format(error=error),
                         "network") from error


# ---------------------------------------------------------------------------- all together

def image_file(panorama_row: dict, store_folder=None, image_root=None, resolver=None, disk_cache=None,
               authcfg: str = "", timeout_s: float = 20.0) -> Path:
    """Local path of a panorama's image: resolved, downloaded or handed to a registered resolver.

    ``resolver``: the store's resolver for missing files (image_resolvers.resolver_for_store/_for_path), or
    None. An image URI whose scheme has a registered resolver goes to that resolver. Blocks; raises ImageError.
    """
    pid = panorama_row.get("id")
    by_scheme = scheme_resolver(panorama_row.get("image_uri"))
    if by_scheme is not None:
        return _resolved(lambda: by_scheme(str(panorama_row["image_uri"]), panorama_row))
    loc = locate(panorama_row.get("image_uri"), store_folder, image_root, pid)
    if loc.is_remote:
        return download(loc.url, disk_cache, authcfg, timeout_s)
    if loc.path.is_file():
        return loc.path
    if resolver is not None and loc.base is not None:
        return _resolved(lambda: resolver(loc.base, panorama_row))
    raise ImageError(tr("The image file of panorama {id} is missing: {path}").format(id=pid, path=loc.path),
                     "missing")


def _resolved(resolve) -> Path:
    """A resolver's answer; its failures become the ImageError the viewer shows (reason "resolver")."""
    try:
        return Path(resolve())
    except ImageError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ImageError(tr("The panorama image could not be produced: {error}").format(error=error),
                         "resolver") from error
