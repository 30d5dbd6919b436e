"""Bounded caches: decoded panoramas in memory (LRU by bytes) and downloaded images on disk (LRU by mtime)."""
import ctypes
import ctypes.util
import hashlib
import os
import sys
import threading
from collections import OrderedDict
from pathlib import Path

MB = 1024 * 1024


class ImageCache:
    """Thread-safe LRU of decoded images (numpy arrays), bounded by their total size in bytes.

    Each entry may carry a ``tag`` (e.g. where the image came from): ``get`` with a tag only hits an
    entry stored with the same tag, so a panorama id reused by another store is not mixed up.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max(0, int(max_bytes))
        self._items = OrderedDict()  # key -> (value, nbytes, tag)
        self._bytes = 0
        self._lock = threading.Lock()
        self.evictions = 0  # entries dropped to make room, so far

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self):
        return len(self._items)

    def __contains__(self, key):
        return key in self._items

    def keys(self):
        with self._lock:
            return list(self._items)

    def get(self, key, tag=None):
        """The value (marked most recently used), or None. With ``tag``, only an entry stored with it."""
        with self._lock:
            item = self._items.get(key)
            if item is None or (tag is not None and item[2] != tag):
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key, value, nbytes=None, tag=None) -> bool:
        """Store a value, evicting the least recently used ones; False if it alone exceeds the bound."""
        nbytes = int(value.nbytes if nbytes is None else nbytes)
        with self._lock:
            self._discard(key)
            if nbytes > self.max_bytes:
                return False
            self._items[key] = (value, nbytes, tag)
            self._bytes += nbytes
            while self._bytes > self.max_bytes:
                _, (_, size, _) = self._items.popitem(last=False)
                self._bytes -= size
                self.evictions += 1
            return True

    def discard(self, key) -> None:
        with self._lock:
            self._discard(key)

    def _discard(self, key):
        item = self._items.pop(key, None)
        if item is not None:
            self._bytes -= item[1]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def resize(self, max_bytes: int) -> None:
        """Change the bound, evicting at once if it shrank."""
        with self._lock:
            self.max_bytes = max(0, int(max_bytes))
            while self._bytes > self.max_bytes and self._items:
                _, (_, size, _) = self._items.popitem(last=False)
                self._bytes -= size


_malloc_trim = None


def trim_heap() -> None:
    """Give freed heap memory back to the system (glibc only; elsewhere nothing happens).

    Decoded images of a few MB come from malloc's heaps, which keep freed blocks: without this, RSS
    stays well above what the cache holds after evictions. Takes well under a millisecond usually.
    """
    global _malloc_trim
    if _malloc_trim is None:
        _malloc_trim = False
        if sys.platform.startswith("linux"):
            try:
                _malloc_trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
            except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
                pass
    if _malloc_trim:
        _malloc_trim(0)


class DiskCache:
    """Files keyed by a string (a URL) in one folder, bounded in total size; the oldest mtime goes first.

    A hit touches the file, so the modification time works as the last-use time (atime is often
    disabled by ``noatime`` mounts). Writes are atomic (temporary file + rename).
    """

    def __init__(self, folder, max_bytes: int):
        self.folder = Path(folder)
        self.max_bytes = max(0, int(max_bytes))
        self._lock = threading.Lock()

    def path_for(self, key: str, suffix: str = "") -> Path:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
        return self.folder / f"{digest}{suffix}"

    def get(self, key: str, suffix: str = ""):
        """Path of the cached file (touched), or None."""
        path = self.path_for(key, suffix)
        try:
            os.utime(path)
        except OSError:
            return None
        return path

    def put(self, key: str, data: bytes, suffix: str = "") -> Path:
        path = self.path_for(key, suffix)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        self.prune(keep=path)
        return path

    def total_bytes(self) -> int:
        return sum(size for _, _, size in self._entries())

    def clear(self) -> tuple:
        """Delete every cached file; returns (files, bytes) removed. Files being written are left alone."""
        files = removed = 0
        with self._lock:
            for _, path, size in self._entries():
                try:
                    os.remove(path)
                except OSError:
                    continue
                files, removed = files + 1, removed + size
        return files, removed

    def _entries(self):
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        out = []
        for name in names:
            if name.startswith("."):  # files being written
                continue
            try:
                st = os.stat(self.folder / name)
            except OSError:
                continue
            out.append((st.st_mtime, self.folder / name, st.st_size))
        return out

    def prune(self, keep=None) -> int:
        """Delete least recently used files until the total fits; returns how many were deleted."""
        with self._lock:
            entries = sorted(self._entries(), key=lambda e: e[0])
            total = sum(size for _, _, size in entries)
            removed = 0
            for _, path, size in entries:
                if total <= self.max_bytes:
                    break
                if keep is not None and path == keep:
                    continue
                try:
                    os.remove(path)
                except OSError:
                    continue
                total -= size
                removed += 1
            return removed


def default_disk_cache(max_mb=None) -> DiskCache:
    """The plugin's download cache under the QGIS profile (size from the settings unless given)."""
    from qgis.core import QgsApplication

    if max_mb is None:
        from ..toolbelt.settings import SettingsManager
        max_mb = SettingsManager().load().panorama_disk_cache_mb
    folder = Path(QgsApplication.qgisSettingsDirPath()) / "cache" / "herzlich_digital" / "panoramas"
    return DiskCache(folder, int(max_mb) * MB)

