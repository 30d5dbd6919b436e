"""Load panoramas in the background: a quick preview first, then the full resolution, with a memory cache.

All file, network, rendering and decoding work runs on the loader's own QThreadPool; results come back to
the thread the loader lives in (the GUI thread) through queued signals. Each ``load`` supersedes the
previous one: results of older requests are never delivered (full images still go into the cache).

Remote images load on a pool of their own, so a slow image server can hold up only other downloads, never a
local file; and a watchdog in the loader's thread fails the visible request when no image has come within
the timeout (plus a margin), whatever the network layer does, so the viewer never stays at "loading".
"""
import itertools
import threading

from qgis.PyQt.QtCore import QObject, QThreadPool, QTimer, Qt, pyqtSignal

from ..toolbelt.i18n import tr
from .image_cache import MB, ImageCache, default_disk_cache, trim_heap
from .image_decode import MAX_HEIGHT, MAX_WIDTH, PREVIEW_WIDTH, decode, decode_preview, image_size
from .image_errors import ImageError
from .image_packing import packed_for, prepack
from .image_resolvers import resolver_for_path
from .image_source import image_file

PACK_ON_WORKER_BYTES = 32 * MB  # cached images larger than this are packed on the worker before delivery
WATCHDOG_MARGIN_S = 5.0  # beyond the request timeout: time to decode what did arrive
NETWORK_THREADS = 4  # downloads at once: superseded slow ones must not keep the current one waiting


class _Job:
    """One request; ``cancelled`` is polled by the worker between stages."""

    __slots__ = ("token", "panorama_id", "row", "store_folder", "image_root", "store_uri", "tag", "cancelled")

    def __init__(self, token, row, store_folder, image_root, store_uri):
        self.token = token
        self.panorama_id = int(row["id"])
        self.row = dict(row)
        self.store_folder = store_folder
        self.image_root = image_root
        self.store_uri = store_uri
        self.tag = _tag(row, store_folder, image_root)
        self.cancelled = False


_network_pool = None


def network_pool() -> QThreadPool:
    """The download pool every loader shares; not owned by a loader, so closing a viewer never waits for it."""
    global _network_pool
    if _network_pool is None:
        _network_pool = QThreadPool()
        _network_pool.setMaxThreadCount(NETWORK_THREADS)
    return _network_pool


def _is_remote(row, image_root) -> bool:
    return "://" in str(row.get("image_uri") or "") or "://" in str(image_root or "")


def _tag(row, store_folder, image_root):
    """What identifies an image beyond the panorama id (ids repeat across stores)."""
    return (str(store_folder or ""), str(image_root or ""), str(row.get("image_uri") or ""))


class PanoramaLoader(QObject):
    """Background loader of one viewer. Signals arrive in the loader's thread.

    Arrays are (h, w, 4) uint8 in QImage Format_RGB32 memory order (see image_decode); render them with
    image_packing.PanoramaRenderer, which finds the copies this loader already packed on its worker thread.
    """

    previewReady = pyqtSignal(int, object)  # panorama id, ndarray (h, w, 4) uint8, reduced resolution
    fullReady = pyqtSignal(int, object)  # panorama id, ndarray full resolution (≤ 8192 x 4096)
    failed = pyqtSignal(int, str)  # panorama id, translated user message
    warning = pyqtSignal(int, str)  # panorama id, translated message: shown, but something is odd (not 2:1)

    # worker -> loader thread (queued): token, panorama id, payload
    _gotPreview = pyqtSignal(int, int, object)
    _gotFull = pyqtSignal(int, int, object)
    _gotError = pyqtSignal(int, int, str)
    _gotWarning = pyqtSignal(int, int, str)

    def __init__(self, cache_mb: int = 320, parent=None, *, preview_width: int = PREVIEW_WIDTH,
                 max_size=(MAX_WIDTH, MAX_HEIGHT), disk_cache=None, authcfg: str = "", timeout_s: float = 20.0,
                 threads: int = 2, prepack_images: bool = True, watchdog_s: float = None):
        super().__init__(parent)
        self.cache = ImageCache(int(cache_mb) * MB)
        self.preview_width = int(preview_width)
        self.max_size = tuple(max_size)
        self.authcfg = authcfg
        self.timeout_s = float(timeout_s)
        self.prepack_images = prepack_images
        self._disk_cache = disk_cache
        self._disk_cache_lock = threading.Lock()
        self._tokens = itertools.count(1)
        self._current = None  # the _Job whose results are delivered
        self._warnings = {}  # panorama id -> warning text of its cached image
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, int(threads)))
        self._net_pool = network_pool()
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.setInterval(int(1000 * (self.timeout_s + WATCHDOG_MARGIN_S if watchdog_s is None
                                               else watchdog_s)))
        self._watchdog.timeout.connect(self._on_watchdog)
        for sig, slot in ((self._gotPreview, self._on_preview), (self._gotFull, self._on_full),
                          (self._gotError, self._on_error), (self._gotWarning, self._on_warning)):
            sig.connect(slot, Qt.ConnectionType.QueuedConnection)

    # ------------------------------------------------------------------ public

    def load(self, panorama_row: dict, store_folder, image_root=None, store_uri=None) -> None:
        """Start loading a panorama (a store ``panorama`` row); supersedes every earlier request.

        ``store_folder``: folder relative image URIs are resolved against (the GeoPackage's folder).
        ``image_root``: optional folder or http(s) base URL nothing may be read outside of.
        ``store_uri``: the store's GeoPackage path: a store that records a registered resolver key in its
        ``store_info`` (the demo city) gets its missing images from that resolver (image_resolvers).
        """
        row = dict(panorama_row)
        pid = int(row["id"])
        tag = _tag(row, store_folder, image_root)
        current = self._current
        if current is not None and not current.cancelled and current.panorama_id == pid and current.tag == tag:
            return  # the same request is already on its way
        if current is not None:
            current.cancelled = True
        job = _Job(next(self._tokens), row, store_folder, image_root, store_uri)
        self._current = job
        hit = self.cache.get(pid, tag)
        if hit is not None:  # delivered from the event loop like any other result
            warning = self._warnings.get(pid, "")
            if warning:
                self._gotWarning.emit(job.token, pid, warning)
            if self.prepack_images and hit.nbytes > PACK_ON_WORKER_BYTES and packed_for(hit) is None:
                self._pool.start(lambda: self._pack_then_deliver(job, hit))  # keep the GUI thread free
            else:
                self._gotFull.emit(job.token, pid, hit)
            return
        if _is_remote(row, image_root):
            self._watchdog.start()
            self._net_pool.start(lambda: self._work(job))
        else:
            self._watchdog.stop()
            self._pool.start(lambda: self._work(job))

    def cancel(self, panorama_id: int) -> None:
        """Stop delivering (and, where possible, working on) the request for this panorama."""
        job = self._current
        if job is not None and job.panorama_id == int(panorama_id):
            job.cancelled = True
            self._current = None
            self._watchdog.stop()

    def cached(self, panorama_id: int):
        """The full-resolution array if it is in the memory cache, else None."""
        return self.cache.get(int(panorama_id))

    def clear_cache(self) -> None:
        self.cache.clear()
        self._warnings.clear()
        self._pool.start(trim_heap)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker threads are idle (tests, headless use). Signals still need the event loop."""
        return self._pool.waitForDone(msecs) and self._net_pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Cancel everything and wait for the workers (call before the loader is destroyed)."""
        if self._current is not None:
            self._current.cancelled = True
        self._current = None
        self._watchdog.stop()
        self._pool.clear()
        self._pool.waitForDone()
        # downloads are not waited for: a stuck server would freeze the closing viewer. Their jobs are
        # cancelled, so nothing is delivered; the shared pool outlives this loader.

    # ------------------------------------------------------------------ worker thread

    def _disk(self):
        with self._disk_cache_lock:
            if self._disk_cache is None:
                self._disk_cache = default_disk_cache()
            return self._disk_cache

    def _resolver(self, job):
        """The resolver the job's store asks for (its missing files come from there), else None."""
        if not job.store_uri or not job.row.get("image_uri") or "://" in str(job.row["image_uri"]):
            return None
        return resolver_for_path(job.store_uri)

    def _work(self, job: _Job) -> None:
        try:
            self._stages(job)
        except ImageError as error:
            self._emit(self._gotError, job, str(error))
        except Exception as error:  # the viewer must stay usable whatever goes wrong
            self._emit(self._gotError, job, tr("The panorama could not be loaded: {error}").format(error=error))

    def _stages(self, job: _Job) -> None:
        if job.cancelled:
            return
        needs_disk = _is_remote(job.row, job.image_root)
        path = image_file(job.row, job.store_folder, job.image_root, resolver=self._resolver(job),
                          disk_cache=self._disk() if needs_disk else None, authcfg=self.authcfg,
                          timeout_s=self.timeout_s)
        if job.cancelled:
            return
        width, _ = image_size(path)
        if width > self.preview_width:
            preview = decode_preview(path, self.preview_width)
            self._warn(job, preview.warning)
            self._pack(preview.array)
            self._emit(self._gotPreview, job, preview.array)
            if job.cancelled:
                return
            full = decode(path, *self.max_size)
        else:
            full = decode(path, *self.max_size)
            self._warn(job, full.warning)
            self._pack(full.array)
            self._emit(self._gotPreview, job, full.array)
        self._pack(full.array)
        self._emit(self._gotFull, job, (full.array, full.warning, job.tag))

    def _pack_then_deliver(self, job, array):
        if not job.cancelled:
            prepack(array)
        self._emit(self._gotFull, job, array)

    def _pack(self, array):
        if self.prepack_images:
            prepack(array)

    def _warn(self, job, text):
        if text:
            self._emit(self._gotWarning, job, text)

    @staticmethod
    def _emit(signal, job, payload):
        try:
            signal.emit(job.token, job.panorama_id, payload)
        except RuntimeError:  # the loader was deleted while this worker ran
            pass

    # ------------------------------------------------------------------ loader thread

    def _on_watchdog(self):
        job = self._current
        if job is None or job.cancelled:
            return
        job.cancelled = True  # a late answer still lands in the disk cache, but is not shown
        self._current = None
        self.failed.emit(job.panorama_id, tr("The image server did not deliver the panorama within {seconds} s. "
                                             "Open it again to retry.").format(
                                                 seconds=round(self.timeout_s + WATCHDOG_MARGIN_S)))

    def _is_current(self, token):
        job = self._current
        return job is not None and job.token == token and not job.cancelled

    def _on_preview(self, token, pid, array):
        if self._is_current(token):
            self.previewReady.emit(pid, array)

    def _on_full(self, token, pid, payload):
        if isinstance(payload, tuple):  # fresh from a worker: cached even when superseded meanwhile
            array, warning, tag = payload
            evictions = self.cache.evictions
            self.cache.put(pid, array, tag=tag)
            if self.cache.evictions != evictions:
                self._pool.start(trim_heap)
            if warning:
                self._warnings[pid] = warning
            else:
                self._warnings.pop(pid, None)
        else:  # a cache hit
            array = payload
        if self._is_current(token):
            self._current = None
            self._watchdog.stop()
            self.fullReady.emit(pid, array)

    def _on_error(self, token, pid, message):
        if self._is_current(token):
            self._current = None
            self._watchdog.stop()
            self.failed.emit(pid, message)

    def _on_warning(self, token, pid, message):
        if self._is_current(token):
            self.warning.emit(pid, message)
