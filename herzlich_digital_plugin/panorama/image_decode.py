"""Decode panorama images with QImageReader, bounded in size, into numpy arrays without copies.

Arrays are (h, w, 4) uint8 views of a QImage in ``Format_RGB32`` (bytes B, G, R, 255 on little-endian
machines): that is what Qt's JPEG reader produces, what ``PerspectiveRenderer.prepare`` packs fastest
(4-byte pixels, no repacking) and what goes back into a QImage for display without conversion.
Large JPEGs are decoded already shrunk (libjpeg's scaled DCT via ``setScaledSize``), so a 16K image never
exists at full size in memory.
"""
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtGui import QColor, QImage, QImageIOHandler, QImageReader, QPainter

from ..core.gpano import PanoMetadataError, read_metadata
from ..toolbelt.i18n import tr
from .image_errors import ImageError

PREVIEW_WIDTH = 2048
MAX_WIDTH, MAX_HEIGHT = 8192, 4096
ALLOCATION_LIMIT_MB = 256  # Qt >= 6 refuses larger decodes; a bounded 8192 x 4096 RGB32 image is 128 MB
UNSCALABLE_LIMIT = 1 << 30  # formats Qt cannot decode shrunk are refused above this many bytes
_JPEG_TAIL = 1 << 16
PARTIAL_FILL = QColor(96, 96, 96)  # the part of the sphere a partial panorama does not show
_SUPPORTS_ALLOCATION_LIMIT = hasattr(QImageReader, "setAllocationLimit")
if _SUPPORTS_ALLOCATION_LIMIT:  # pragma: no cover - Qt 6
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)


@dataclass
class DecodedImage:
    array: np.ndarray  # (h, w, 4) uint8, Format_RGB32 memory order; keeps its QImage alive
    source_width: int  # size of the image file
    source_height: int
    warning: str = ""  # translated, e.g. "not 2:1"

    @property
    def width(self) -> int:
        return self.array.shape[1]

    @property
    def height(self) -> int:
        return self.array.shape[0]

    @property
    def nbytes(self) -> int:
        return self.array.nbytes


class _QImageMemory:
    """Exposes a QImage's pixels through the numpy array interface and keeps the QImage alive."""

    def __init__(self, image: QImage, writable: bool):
        self.image = image
        ptr = image.bits() if writable else image.constBits()  # bits() detaches: the memory is ours
        h, w, bpl = image.height(), image.width(), image.bytesPerLine()
        self.__array_interface__ = {
            "version": 3, "typestr": "|u1", "shape": (h, w, 4), "strides": (bpl, 4, 1),
            "data": (int(ptr), not writable),
        }


def qimage_to_array(image: QImage, writable: bool = False) -> np.ndarray:
    """(h, w, 4) uint8 view of an RGB32 QImage's pixels (no copy); other formats are converted first
    (with alpha dropped: RGB32 must have opaque pixels)."""
    if image.format() != QImage.Format.Format_RGB32:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    return np.asarray(_QImageMemory(image, writable))


def array_image(array: np.ndarray):
    """The QImage an array from ``qimage_to_array``/``new_frame`` views, or None for other arrays."""
    base = array
    while base is not None:
        if isinstance(base, _QImageMemory):
            return base.image
        base = getattr(base, "base", None)
    return None


def new_frame(width: int, height: int):
    """(QImage, writable (h, w, 4) array view of it): render straight into an image for display."""
    image = QImage(int(width), int(height), QImage.Format.Format_RGB32)
    return image, qimage_to_array(image, writable=True)


def array_to_qimage(array: np.ndarray) -> QImage:
    """A QImage (own copy) of an (h, w, 4) RGB32-order or (h, w, 3) RGB uint8 array."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    h, w, ch = array.shape
    fmt = QImage.Format.Format_RGB32 if ch == 4 else QImage.Format.Format_RGB888
    return QImage(array.data, w, h, ch * w, fmt).copy()


def rgb(array: np.ndarray) -> np.ndarray:
    """RGB view (h, w, 3) of an RGB32-order array (for analysis; no copy)."""
    if sys.byteorder == "little":
        return array[..., 2::-1]
    return array[..., 1:4]


def _fit(width, height, max_width, max_height):
    """Largest size with the same aspect that fits (never enlarges)."""
    scale = min(1.0, max_width / width, max_height / height)
    return max(1, int(round(width * scale))), max(1, int(round(height * scale)))


def _is_truncated_jpeg(path: Path) -> bool:
    """No end-of-image marker near the end: Qt would silently decode the rest as grey."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - _JPEG_TAIL))
        return b"\xff\xd9" not in fh.read()


def _aspect_warning(width, height) -> str:
    if height > 0 and abs(width / height - 2.0) <= 0.01:
        return ""
    return tr("The image is {width} × {height} pixels, not 2:1: it may not be an equirectangular panorama "
              "and is shown stretched.").format(width=width, height=height)


def image_size(path) -> tuple:
    """(width, height) from the file header; raises ImageError."""
    reader = _reader(path)
    size = reader.size()
    if not size.isValid():
        raise _unreadable(path, reader)
    return size.width(), size.height()


def _reader(path) -> QImageReader:
    path = Path(path)
    if not path.is_file():
        raise ImageError(tr("The image file is missing: {path}").format(path=path), "missing")
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    return reader


def _unreadable(path, reader, can_read=None) -> ImageError:
    if not (reader.canRead() if can_read is None else can_read):
        return ImageError(tr("The file is not an image Qt can read (corrupt or unsupported format): {path}")
                          .format(path=path), "corrupt")
    return ImageError(tr("The image is corrupt and could not be decoded: {path} ({error})")
                      .format(path=path, error=reader.errorString()), "corrupt")


def decode(path, max_width: int = MAX_WIDTH, max_height: int = MAX_HEIGHT) -> DecodedImage:
    """Decode an image, shrunk to fit max_width x max_height; raises ImageError with a translated message."""
    path = Path(path)
    reader = _reader(path)
    size = reader.size()
    can_read = reader.canRead()  # asked before reading: afterwards the reader forgets
    if not size.isValid():
        raise _unreadable(path, reader, can_read)
    src_w, src_h = size.width(), size.height()
    fmt = bytes(reader.format()).decode("ascii", "replace").lower()
    if fmt in ("jpg", "jpeg") and _is_truncated_jpeg(path):
        raise ImageError(tr("The image file is truncated (incomplete download or copy?): {path}").format(path=path),
                         "truncated")
    crop = _partial_crop(path, src_w, src_h) if fmt in ("jpg", "jpeg") else None
    if crop is not None:
        return _decode_partial(path, reader, can_read, src_w, src_h, crop, max_width, max_height)
    target = _fit(src_w, src_h, max_width, max_height)
    scale_after = False
    if target != (src_w, src_h):
        if reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize):
            reader.setScaledSize(QSize(*target))
        elif src_w * src_h * 4 > UNSCALABLE_LIMIT:
            raise ImageError(tr("The image is too large to open ({width} × {height} pixels): {path}")
                             .format(width=src_w, height=src_h, path=path), "too_large")
        else:
            scale_after = True
    image = reader.read()
    if image.isNull():
        raise _unreadable(path, reader, can_read)
    if scale_after:
        image = image.scaled(QSize(*target), Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return DecodedImage(qimage_to_array(image), src_w, src_h, _aspect_warning(src_w, src_h))


def _partial_crop(path, width, height):
    """GPano crop (full width, full height, left, top) of a partial 2:1 sphere, else None (headers only)."""
    try:
        crop = read_metadata(path).crop
    except PanoMetadataError:
        return None
    if crop is None or crop[0] != 2 * crop[1] or crop[2] + width > crop[0] or crop[3] + height > crop[1]:
        return None
    return crop


def _decode_partial(path, reader, can_read, src_w, src_h, crop, max_width, max_height) -> DecodedImage:
    """A partial panorama (phone photospheres, GPano CroppedArea) placed where it belongs on the full sphere,
    so every view, overlay and pixel coordinate works as for a full one; the rest is plain grey."""
    full_w, full_h, left, top = crop
    target_w, target_h = _fit(full_w, full_h, max_width, max_height)
    scale = target_w / full_w
    part = (max(1, int(round(src_w * scale))), max(1, int(round(src_h * scale))))
    if part != (src_w, src_h) and reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize):
        reader.setScaledSize(QSize(*part))
    image = reader.read()
    if image.isNull():
        raise _unreadable(path, reader, can_read)
    canvas = QImage(target_w, target_h, QImage.Format.Format_RGB32)
    canvas.fill(PARTIAL_FILL)
    painter = QPainter(canvas)
    try:
        painter.drawImage(int(round(left * scale)), int(round(top * scale)),
                          image.scaled(QSize(*part), Qt.AspectRatioMode.IgnoreAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation))
    finally:
        painter.end()
    warning = tr("Partial panorama: it covers {width} × {height} of a {full_width} × {full_height} sphere; the "
                 "rest is shown grey.").format(width=src_w, height=src_h, full_width=full_w, full_height=full_h)
    return DecodedImage(qimage_to_array(canvas), full_w, full_h, warning)


def decode_preview(path, width: int = PREVIEW_WIDTH) -> DecodedImage:
    """A quick reduced decode (≤ width x width/2), for showing something at once."""
    return decode(path, width, max(1, width // 2))

