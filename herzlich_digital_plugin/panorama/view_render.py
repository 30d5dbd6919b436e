"""One perspective view of a panorama with its overlays, synchronously (renderpanoramaview, snapshots).

The viewer draws with the same pieces: ``PanoramaRenderer`` (image_packing), ``render_frame`` and
``overlay_primitives`` + ``overlay_painter.paint_overlays``.
"""
import threading
from pathlib import Path

from qgis.PyQt.QtGui import QImage, QPainter

from ..toolbelt.i18n import tr
from .image_cache import default_disk_cache
from .image_decode import MAX_HEIGHT, MAX_WIDTH, DecodedImage, decode, new_frame
from .image_errors import ImageError
from .image_packing import PanoramaRenderer
from .image_resolvers import resolver_for_store
from .image_source import image_file
from .overlay_painter import OverlayPrimitives, OverlayToggles, compass_labels, paint_overlays
from .overlays import View, camera_centre, detection_boxes, geometry_lines, horizon_grid, project_assets, project_lines
from .image_decode import array_to_qimage

OVERLAY_DISTANCE_M = 60.0

_local = threading.local()


def thread_renderer() -> PanoramaRenderer:
    """This thread's renderer (renderers are not thread-safe; each keeps its buffers and packed copy)."""
    renderer = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = PanoramaRenderer()
    return renderer


def render_frame(renderer, equi, pano: dict, view: View) -> QImage:
    """The perspective view as a QImage, rendered straight into the image's memory (RGB32 arrays)."""
    if equi.shape[2] == 4:
        image, out = new_frame(view.width, view.height)
        renderer.render(equi, view.yaw, view.pitch, view.fov, view.width, view.height,
                        float(pano.get("heading") or 0.0), float(pano.get("pitch") or 0.0),
                        float(pano.get("roll") or 0.0), out=out)
        return image
    return array_to_qimage(renderer.render(equi, view.yaw, view.pitch, view.fov, view.width, view.height,
                                           float(pano.get("heading") or 0.0), float(pano.get("pitch") or 0.0),
                                           float(pano.get("roll") or 0.0)))


def store_folder(store):
    """The folder of a GeoPackage store (relative image URIs start there); None for PostGIS."""
    path = getattr(store, "path", None)
    return Path(str(path).split("|")[0]).parent if path else None


def panorama_row(store, panorama_id: int) -> dict:
    row = store.get("panorama", int(panorama_id))
    if row is None:
        raise ImageError(tr("There is no panorama with id {id} in the store.").format(id=panorama_id), "unknown")
    return row


def load_image(store, pano: dict, image_root=None, authcfg: str = "", timeout_s: float = 20.0,
               disk_cache=None, max_size=(MAX_WIDTH, MAX_HEIGHT)) -> DecodedImage:
    """Find (download, or ask the store's resolver) and decode a panorama's image, blocking; raises ImageError."""
    uri = str(pano.get("image_uri") or "")
    if disk_cache is None and ("://" in uri or "://" in str(image_root or "")) and not uri.startswith("file:"):
        disk_cache = default_disk_cache()
    path = image_file(pano, store_folder(store), image_root, resolver=resolver_for_store(store),
                      disk_cache=disk_cache, authcfg=authcfg, timeout_s=timeout_s)
    return decode(path, *max_size)


def overlay_primitives(store, pano: dict, view: View, toggles: OverlayToggles = None,
                       max_distance: float = OVERLAY_DISTANCE_M) -> OverlayPrimitives:
    """Read what is near the panorama from the store and project it into the view."""
    toggles = toggles or OverlayToggles()
    prims = OverlayPrimitives()
    centre, ground = camera_centre(pano)
    x, y, d = float(centre[0]), float(centre[1]), float(max_distance)
    if toggles.detections:
        prims.boxes = detection_boxes(store.select("detection", {"panorama_id": int(pano["id"])}), pano, view)
    if toggles.assets:
        prims.markers = project_assets(store.in_bbox("asset", x - d, y - d, x + d, y + d), pano, view, d)
    if toggles.roadworks:
        works = store.in_bbox("roadworks", x - d, y - d, x + d, y + d)
        lines = [line for row in works for line in geometry_lines(row.get("geom"), ground)]
        prims.roadworks = project_lines(lines, pano, view)
        points = [{"geom": row["geom"], "kind": "roadworks", "label": row.get("title"), "id": row.get("id")}
                  for row in works if row.get("geom") is not None and row["geom"].geom_type == "Point"]
        prims.markers += project_assets(points, pano, view, d)
    if toggles.grid:
        prims.grid = horizon_grid(pano, view, labels=compass_labels())
    return prims


def draw_overlays(image: QImage, view: View, primitives: OverlayPrimitives, toggles: OverlayToggles = None,
                  selected_id=None) -> QImage:
    painter = QPainter(image)
    try:
        paint_overlays(painter, view, primitives, toggles, selected_id)
    finally:
        painter.end()
    return image


def render_view(store, panorama_id: int, yaw: float, pitch: float, fov: float, width: int, height: int,
                overlays: bool = True, image_root=None, authcfg: str = "", timeout_s: float = 20.0,
                toggles: OverlayToggles = None) -> QImage:
    """A (width x height) perspective view of a panorama of ``store``, with overlays if asked; headless.

    Raises ImageError (translated) for an unknown panorama or a missing/corrupt/unreachable image.
    """
    pano = dict(panorama_row(store, panorama_id))
    decoded = load_image(store, pano, image_root, authcfg, timeout_s)
    if not pano.get("width") or not pano.get("height"):  # detection boxes are in the file's pixels
        pano["width"], pano["height"] = decoded.source_width, decoded.source_height
    view = View(float(yaw), float(pitch), float(fov), int(width), int(height))
    renderer = thread_renderer()
    try:
        image = render_frame(renderer, decoded.array, pano, view)
    finally:
        renderer.invalidate()  # do not keep a packed copy of a one-off panorama
    if overlays:
        draw_overlays(image, view, overlay_primitives(store, pano, view, toggles), toggles)
    return image
