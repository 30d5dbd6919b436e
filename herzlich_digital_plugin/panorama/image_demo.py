"""Demo-city stores: recognise them and render a missing panorama image on first view.

A demo store records ``store_info`` key ``democity`` = {"size": …, "seed": …}. Stores made before that
table existed are recognised by their file name ``herzlich_digital_<size>.gpkg`` (with the default seed).
The scene is rebuilt from (size, seed), which takes seconds, so it is kept per (size, seed).
"""
import json
import os
import re
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

from .image_errors import ImageError

_FILE_NAME = re.compile(r"^herzlich_digital_(\w+)\.gpkg$", re.IGNORECASE)
_SCENES_KEPT = 2

_scene_lock = threading.Lock()
_scenes = OrderedDict()  # (size, seed) -> Scene
_info_lock = threading.Lock()
_info_by_path = {}  # (path, mtime) -> (size, seed) or None


def _parse_info(value):
    if isinstance(value, (bytes, str)):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, dict) or not value.get("size"):
        return None
    from ..democity.randomness import DEFAULT_SEED
    return str(value["size"]), int(value.get("seed", DEFAULT_SEED))


def _from_file_name(path):
    """(size, default seed) for ``herzlich_digital_<size>.gpkg`` if the demo generator is there, else None."""
    match = _FILE_NAME.match(Path(str(path).split("|")[0]).name)
    if not match:
        return None
    try:
        from ..democity.build import build_scene  # noqa: F401  (only its presence matters)
        from ..democity.randomness import DEFAULT_SEED
        from ..democity.sizes import SIZES
    except ImportError:
        return None
    size = match.group(1).lower()
    return (size, DEFAULT_SEED) if size in SIZES else None


def demo_info_for_store(store):
    """(size, seed) if ``store`` (an open Store) is a demo city, else None."""
    if getattr(store, "backend", "") != "gpkg":
        return None
    try:
        found = store.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'store_info'")
        if found:
            rows = store.query('SELECT "value" FROM "store_info" WHERE "key" = %s', ["democity"])
            return _parse_info(rows[0]["value"]) if rows else None
    except Exception:  # a store we cannot read like this is simply not treated as a demo
        return None
    return _from_file_name(getattr(store, "path", "") or store.uri)


def demo_info_for_path(gpkg_path):
    """(size, seed) if the GeoPackage at this path is a demo city, else None (read-only, remembered)."""
    path = os.path.abspath(str(gpkg_path).split("|")[0])
    try:
        key = (path, os.stat(path).st_mtime_ns)
    except OSError:
        return None
    with _info_lock:
        if key in _info_by_path:
            return _info_by_path[key]
    info = _read_info(path)
    with _info_lock:
        _info_by_path[key] = info
    return info


def _read_info(path):
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return _from_file_name(path)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_info'").fetchone()
        if has_table:
            row = conn.execute('SELECT "value" FROM "store_info" WHERE "key" = ?', ("democity",)).fetchone()
            return _parse_info(row[0]) if row else None
    except sqlite3.Error:
        pass
    finally:
        conn.close()
    return _from_file_name(path)


def find_demo_store(folder):
    """The one ``herzlich_digital_<size>.gpkg`` in ``folder`` (None if there is none or several)."""
    try:
        names = [n for n in os.listdir(folder) if _FILE_NAME.match(n)]
    except OSError:
        return None
    return Path(folder) / names[0] if len(names) == 1 else None


def demo_scene(size: str, seed: int):
    """The demo city's ground-truth scene, built once per (size, seed) and kept."""
    key = (size, int(seed))
    with _scene_lock:  # building twice at the same time would only waste seconds of CPU
        scene = _scenes.get(key)
        if scene is None:
            from ..democity.build import build_scene
            scene = build_scene(size, int(seed))[0]
            _scenes[key] = scene
            while len(_scenes) > _SCENES_KEPT:
                _scenes.popitem(last=False)
        _scenes.move_to_end(key)
        return scene


def render_demo_image(folder, info, panorama_row) -> Path:
    """Render a demo panorama's missing image into ``folder / image_uri`` (done once, then on disk)."""
    from ..democity.render_batch import ensure_image
    from ..toolbelt.i18n import tr

    size, seed = info
    try:
        return ensure_image(folder, demo_scene(size, seed), panorama_row)
    except (OSError, ValueError, KeyError) as error:
        raise ImageError(tr("The demo panorama image could not be rendered: {error}").format(error=error),
                         "demo") from error
