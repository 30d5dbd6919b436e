"""Render the store's panorama images: all missing ones in threads, or one on first view.

Image files live at ``image_uri`` relative to the GeoPackage's folder; an existing file is
never rendered again, so a half-done run resumes where it stopped.
"""
import threading
import weakref
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from ..store import open_store
from .render import render_panorama
from .render_io import pano_meta_for_row, write_panorama_jpeg
from .render_scene import RenderScene, prepare_scene

_prepared_lock = threading.Lock()
_prepared = {}  # id(scene) -> (weakref to the scene, RenderScene); scenes are not hashable


def prepared(scene) -> RenderScene:
    """prepare_scene, remembered per Scene object (the demo scene is built once and not changed)."""
    if isinstance(scene, RenderScene):
        return scene
    with _prepared_lock:
        hit = _prepared.get(id(scene))
        if hit is not None and hit[0]() is scene:
            return hit[1]
        rs = prepare_scene(scene)
        _prepared.clear()  # keep one: only one demo city is open at a time
        _prepared[id(scene)] = (weakref.ref(scene), rs)
        return rs


def store_folder(store) -> Path:
    """Folder the image URIs are relative to: the GeoPackage's folder."""
    if isinstance(store, (str, Path)):
        return Path(store).parent
    path = getattr(store, "path", None) or (store.uri if getattr(store, "backend", "gpkg") == "gpkg" else None)
    if not path:
        raise ValueError("panorama images are stored next to a GeoPackage; this store has no file path")
    return Path(str(path).split("|")[0]).parent


def image_path(folder, row) -> Path:
    uri = row.get("image_uri")
    if not uri:
        raise ValueError(f"panorama {row.get('id')} has no image_uri")
    return Path(folder) / uri


def render_row(folder, scene, row, width=None, height=None) -> Path:
    """Render and write one panorama's image (overwrites)."""
    rs = prepared(scene)
    w = int(width or row.get("width") or 2048)
    h = int(height or row.get("height") or w // 2)
    geom = row["geom"]
    ground_z = geom.z if geom.has_z else rs.ground_z
    camera_height = row.get("camera_height")
    rgb = render_panorama(rs, geom.x, geom.y, ground_z, 2.5 if camera_height is None else camera_height,
                          row.get("heading") or 0.0, w, h)
    return write_panorama_jpeg(image_path(folder, row), rgb, pano_meta_for_row(row, w, h))


def ensure_image(store_folder_path, scene, panorama_row) -> Path:
    """Path of a panorama's image, rendered now if the file does not exist yet."""
    path = image_path(store_folder_path, panorama_row)
    if path.exists():
        return path
    return render_row(store_folder_path, scene, panorama_row)


def _open(store_or_path):
    if isinstance(store_or_path, (str, Path)):
        return open_store(str(store_or_path)), True
    return store_or_path, False


def render_all(store_path_or_store, scene, width=None, height=None, progress=None, cancelled=None, threads=2,
               only_ids=None) -> int:
    """Render every panorama (or those in only_ids) whose image file is missing; returns how many were written.

    ``progress(percent, message)`` is called from the calling thread; ``cancelled()`` is polled
    between images and stops the run (images already written stay). width/height default to
    each row's own size.
    """
    store, owned = _open(store_path_or_store)
    try:
        folder = store_folder(store_path_or_store if owned else store)
        where = {"id": sorted(int(i) for i in only_ids)} if only_ids is not None else None
        rows = store.select("panorama", where) if where is None or where["id"] else []
    finally:
        if owned:
            store.close()
    todo = [r for r in rows if r.get("image_uri") and not image_path(folder, r).exists()]
    rs = prepared(scene)
    total = len(todo)
    if progress:
        progress(100.0 if total == 0 else 0.0, f"{total} panorama images to render")
    done = 0
    pending = set()
    it = iter(todo)
    stop = False
    with ThreadPoolExecutor(max_workers=max(1, int(threads))) as pool:
        while True:
            # Keep a small window of work queued: memory stays bounded and cancelling is quick.
            while not stop and len(pending) < 2 * max(1, int(threads)):
                row = next(it, None)
                if row is None:
                    break
                pending.add(pool.submit(render_row, folder, rs, row, width, height))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                fut.result()  # re-raise render/write errors in the caller
                done += 1
            if progress:
                progress(100.0 * done / total, f"{done} / {total} panorama images rendered")
            if cancelled is not None and cancelled():
                stop = True
    return done
