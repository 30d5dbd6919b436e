"""The review crop: a narrow perspective view at the box bearing, with the box drawn on it.

Thread-safe and store-free (``CropSource`` only needs the image folder), so crops are rendered on worker
threads. Only the crop's pixels are sampled (bilinear, from ``source_coordinates``): no full-panorama
packing, so a crop of an 8K panorama costs its decode plus a few milliseconds.
"""
import math
import threading
from collections import OrderedDict

import numpy as np
from qgis.PyQt.QtCore import QPointF, Qt
from qgis.PyQt.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from ..core.perspective import PerspectiveRenderer
from ..panorama.image_cache import default_disk_cache
from ..panorama.image_decode import MAX_HEIGHT, MAX_WIDTH, decode, new_frame
from ..panorama.image_resolvers import resolver_for_path
from ..panorama.image_source import image_file
from ..panorama.overlays import View, detection_boxes

CROP_SIZE = (320, 240)
THUMB_SIZE = (96, 72)
MIN_FOV, MAX_FOV = 3.0, 90.0
BOX_MARGIN = 2.6  # the crop shows this many times the box's angular size
STATUS_COLOURS = {"new": QColor(255, 214, 0), "accepted": QColor(40, 200, 90), "rejected": QColor(230, 40, 40),
                  "relabeled": QColor(60, 130, 255)}
_KEEP_PANORAMAS = 3  # decoded panoramas kept: consecutive items often share one

_local = threading.local()
_cache_lock = threading.Lock()
_cache = OrderedDict()  # (folder, uri, id) -> decoded array


def panorama_row(item) -> dict:
    """The item's panorama as a store-like row (with ``geom``), as the image and overlay helpers want it."""
    from shapely.geometry import Point

    pano = dict(item.panorama)
    if pano.get("x") is not None:
        z = pano.get("z")
        pano["geom"] = Point(pano["x"], pano["y"], z) if z is not None else Point(pano["x"], pano["y"])
    return pano


def crop_view(item, width: int, height: int, margin: float = BOX_MARGIN) -> View:
    """A view centred on the box, wide enough to show ``margin`` times its larger angular side."""
    pano = item.panorama
    w, h = float(pano.get("width") or 0), float(pano.get("height") or 0)
    xmin, ymin, xmax, ymax = (float(c) for c in item.bbox)
    if xmax < xmin and w:  # crosses the seam
        xmax += w
    ang_w = (xmax - xmin) / w * 360.0 if w else 10.0
    ang_h = (ymax - ymin) / h * 180.0 if h else 10.0
    fov = max(ang_w, ang_h * width / float(height)) * margin
    fov = min(MAX_FOV, max(MIN_FOV, fov))
    yaw = item.bearing if item.bearing is not None else float(pano.get("heading") or 0.0)
    pitch = item.elevation if item.elevation is not None else 0.0
    return View(float(yaw), float(pitch), fov, int(width), int(height))


def sample_view(equi: np.ndarray, pano: dict, view: View) -> QImage:
    """Bilinear perspective sampling of an (H, W, 4) RGB32 array into a new RGB32 QImage."""
    renderer = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = PerspectiveRenderer()
    src_h, src_w = equi.shape[:2]
    u, v = renderer.source_coordinates(src_w, src_h, view.yaw, view.pitch, view.fov, view.width, view.height,
                                       float(pano.get("heading") or 0.0), float(pano.get("pitch") or 0.0),
                                       float(pano.get("roll") or 0.0))
    u0 = np.floor(u)
    v0 = np.clip(np.floor(v), 0, src_h - 1)
    fu = (u - u0)[..., None]
    fv = np.clip(v - v0, 0.0, 1.0)[..., None]
    x0 = u0.astype(np.int64) % src_w
    x1 = (x0 + 1) % src_w
    y0 = v0.astype(np.int64)
    y1 = np.minimum(y0 + 1, src_h - 1)
    top = equi[y0, x0] * (1.0 - fu) + equi[y0, x1] * fu
    bottom = equi[y1, x0] * (1.0 - fu) + equi[y1, x1] * fu
    pixels = top * (1.0 - fv) + bottom * fv
    image, out = new_frame(view.width, view.height)
    out[...] = np.clip(pixels + 0.5, 0, 255).astype(np.uint8)
    out[..., 3] = 255
    return image


def draw_box(image: QImage, item, pano: dict, view: View, width: float = 2.0) -> None:
    """The detection's box outline (status colour on a dark halo)."""
    if not pano.get("width") or not pano.get("height"):
        return
    xmin, ymin, xmax, ymax = item.bbox
    row = {"id": item.detection_id, "bbox_xmin": xmin, "bbox_ymin": ymin, "bbox_xmax": xmax, "bbox_ymax": ymax,
           "vzkat_code": item.vzkat_code, "status": item.status}
    boxes = detection_boxes([row], pano, view)
    if not boxes:
        return
    points = boxes[0].points
    polygon = QPolygonF([QPointF(float(x), float(y)) for x, y in points if math.isfinite(x) and math.isfinite(y)])
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(0, 0, 0, 170), width + 2.0))
        painter.drawPolyline(polygon)
        pen = QPen(STATUS_COLOURS.get(item.status, STATUS_COLOURS["new"]), width)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.drawPolyline(polygon)
    finally:
        painter.end()


class CropSource:
    """Renders crops of items from their panorama images (any thread)."""

    def __init__(self, image_folder=None, store_path=None, image_root=None, disk_cache=None, authcfg: str = "",
                 timeout_s: float = 20.0, max_size=(MAX_WIDTH, MAX_HEIGHT)):
        self.image_folder = image_folder
        self.image_root = image_root
        self.authcfg = authcfg
        self.timeout_s = float(timeout_s)
        self.max_size = tuple(max_size)
        self._disk_cache = disk_cache
        self._resolver = resolver_for_path(store_path)

    def equirect(self, pano: dict) -> np.ndarray:
        """The decoded panorama (kept for the next few calls); raises ImageError."""
        key = (str(self.image_folder or ""), str(pano.get("image_uri") or ""), int(pano["id"]))
        with _cache_lock:
            hit = _cache.get(key)
            if hit is not None:
                _cache.move_to_end(key)
                return hit
        uri = str(pano.get("image_uri") or "")
        disk = self._disk_cache
        if disk is None and "://" in uri and not uri.startswith("file:"):
            disk = self._disk_cache = default_disk_cache()
        path = image_file(pano, self.image_folder, self.image_root, resolver=self._resolver, disk_cache=disk,
                          authcfg=self.authcfg, timeout_s=self.timeout_s)
        array = decode(path, *self.max_size).array
        with _cache_lock:
            _cache[key] = array
            while len(_cache) > _KEEP_PANORAMAS:
                _cache.popitem(last=False)
        return array

    def render(self, item, width: int, height: int, box: bool = True) -> QImage:
        """The crop of one item as a QImage; raises ImageError when its image cannot be read."""
        pano = panorama_row(item)
        equi = self.equirect(pano)
        if not pano.get("width") or not pano.get("height"):
            pano["height"], pano["width"] = equi.shape[:2]
        view = crop_view(item, width, height)
        image = sample_view(equi, pano, view)
        if box:
            draw_box(image, item, pano, view)
        return image

