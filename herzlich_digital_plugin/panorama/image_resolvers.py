"""Image resolvers: who supplies a panorama image that is neither a file on disk nor an http(s) URL.

Two kinds of registration, both empty in the product itself:
- a ``store_info`` key: a GeoPackage store that records this key gets its *missing* image files from the
  resolver (the demo city records ``democity`` = {"size", "seed"} and renders the image on first view);
- an image URI scheme (``scheme://...``): every image URI with that scheme is resolved by the resolver.

The demo city registers its resolver when one of its entry points imports it (democity/image_resolver.py),
so the product never imports the demo. A store is recognised only by what it records, never by its file name.
Resolvers block (rendering, building a scene): call them on a worker thread, as ``image_file`` is.
"""
import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Optional
from urllib.parse import urlsplit

# resolve(folder: Path, value, panorama_row: dict) -> Path; value is the parsed store_info value
StoreInfoResolve = Callable[[Path, object, dict], Path]
# resolve(uri: str, panorama_row: dict) -> Path
SchemeResolve = Callable[[str, dict], Path]

_lock = threading.Lock()
_by_key: Dict[str, StoreInfoResolve] = {}
_by_scheme: Dict[str, SchemeResolve] = {}
_found_by_path = {}  # (path, mtime_ns, registered keys) -> StoreResolver or None


@dataclass(frozen=True)
class StoreResolver:
    """The resolver a store asks for: its ``store_info`` key and value, and the registered function."""
    key: str
    value: object
    resolve: StoreInfoResolve

    def __call__(self, folder, panorama_row: dict) -> Path:
        return self.resolve(Path(folder), self.value, panorama_row)


def register_store_info_resolver(key: str, resolve: StoreInfoResolve) -> None:
    with _lock:
        _by_key[str(key)] = resolve
        _found_by_path.clear()


def register_scheme_resolver(scheme: str, resolve: SchemeResolve) -> None:
    scheme = str(scheme).lower()
    if scheme in ("http", "https", "file"):  # these are the product's own, never handed away
        raise ValueError(f"the scheme {scheme} cannot be given to a resolver")
    with _lock:
        _by_scheme[scheme] = resolve


def unregister(key_or_scheme: str) -> None:
    with _lock:
        _by_key.pop(key_or_scheme, None)
        _by_scheme.pop(str(key_or_scheme).lower(), None)
        _found_by_path.clear()


def scheme_resolver(uri) -> Optional[SchemeResolve]:
    """The resolver registered for the scheme of ``uri``, or None."""
    text = str(uri or "")
    if "://" not in text:
        return None
    with _lock:
        return _by_scheme.get(urlsplit(text).scheme.lower())


def _parse(value):
    if isinstance(value, (bytes, str)):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _keys():
    with _lock:
        return dict(_by_key)


def resolver_for_store(store) -> Optional[StoreResolver]:
    """The resolver an open GeoPackage store asks for through its ``store_info``, else None."""
    keys = _keys()
    if not keys or getattr(store, "backend", "") != "gpkg":
        return None
    try:
        if not store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'store_info'"):
            return None
        for key, resolve in sorted(keys.items()):
            rows = store.query('SELECT "value" FROM "store_info" WHERE "key" = %s', [key])
            if rows:
                return StoreResolver(key, _parse(rows[0]["value"]), resolve)
    except Exception:  # a store we cannot read like this simply has no resolver
        return None
    return None


def resolver_for_path(gpkg_path) -> Optional[StoreResolver]:
    """Like resolver_for_store for a GeoPackage path (read-only; remembered until the file changes)."""
    keys = _keys()
    if not keys or not gpkg_path:
        return None
    path = os.path.abspath(str(gpkg_path).split("|")[0])
    if not path.lower().endswith(".gpkg"):
        return None
    try:
        cache_key = (path, os.stat(path).st_mtime_ns, tuple(sorted(keys)))
    except OSError:
        return None
    with _lock:
        if cache_key in _found_by_path:
            return _found_by_path[cache_key]
    found = _read(path, keys)
    with _lock:
        _found_by_path[cache_key] = found
    return found


def _read(path, keys) -> Optional[StoreResolver]:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_info'").fetchone():
            return None
        for key, resolve in sorted(keys.items()):
            row = conn.execute('SELECT "value" FROM "store_info" WHERE "key" = ?', (key,)).fetchone()
            if row:
                return StoreResolver(key, _parse(row[0]), resolve)
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return None
