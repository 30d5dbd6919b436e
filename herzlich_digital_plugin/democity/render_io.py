"""Rendered panoramas to JPEG files with GPano XMP and EXIF GPS, like a real camera's (Qt, no PIL)."""
import os
import threading
from pathlib import Path

import numpy as np
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice
from qgis.PyQt.QtGui import QImage

from ..core import gpano
from ..core.geodesy import utm32_to_wgs84


def encode_jpeg(rgb, quality=88) -> bytes:
    """JPEG bytes of an (h, w, 3) uint8 RGB image."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    if rgb.ndim != 3 or rgb.shape[2] != 3:
        raise ValueError(f"expected an (h, w, 3) image, got shape {rgb.shape}")
    h, w = rgb.shape[:2]
    data = rgb.tobytes()  # QImage only borrows the buffer: keep it referenced until saved
    image = QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888)
    out = QByteArray()
    buf = QBuffer(out)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buf, "JPEG", int(quality))
    buf.close()
    if not ok:
        raise OSError("Qt could not encode the JPEG (is the qjpeg image format plugin installed?)")
    return bytes(out)


def write_bytes_atomically(path, data: bytes):
    """Write to a temporary file next to ``path`` and rename it, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_panorama_jpeg(path, rgb, meta, quality=88) -> Path:
    """Encode, add GPano/EXIF metadata (``meta``: core.gpano.PanoMeta) and write atomically."""
    data = gpano.inject_metadata(encode_jpeg(rgb, quality), meta)
    write_bytes_atomically(path, data)
    return Path(path)


def pano_meta_for_row(row, width, height):
    """PanoMeta of a panorama row of the store (geom: PointZ of the camera's ground point, EPSG:25832)."""
    geom = row["geom"]
    lon, lat = utm32_to_wgs84(geom.x, geom.y)  # note the (lon, lat) order
    ground = geom.z if geom.has_z else 0.0
    return gpano.PanoMeta(
        lat=float(lat), lon=float(lon),
        altitude=float(ground) + float(row.get("camera_height") or 0.0),
        heading=float(row.get("heading") or 0.0), pitch=float(row.get("pitch") or 0.0),
        roll=float(row.get("roll") or 0.0), captured_at=row.get("captured_at"),
        width=int(width), height=int(height))
