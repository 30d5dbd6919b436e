"""Crops rendered ahead on a thread pool, so the next review item is on screen the moment it is needed.

Results come back to the prefetcher's thread (the GUI thread) through a queued signal and are kept in a small
dict by (detection id, kind); ``ready`` tells the queue a crop it waits for has arrived.
"""
from collections import OrderedDict

from qgis.PyQt.QtCore import QObject, QRunnable, QThreadPool, Qt, pyqtSignal

from ..panorama.image_errors import ImageError
from ..toolbelt.i18n import tr
from .review_crop import CROP_SIZE, THUMB_SIZE

SIZES = {"crop": CROP_SIZE, "thumb": THUMB_SIZE}
KEEP = 64  # rendered images kept (a crop is ~400 kB)


class _Job(QRunnable):

    def __init__(self, prefetcher, item, kind, generation):
        super().__init__()
        self.prefetcher, self.item, self.kind, self.generation = prefetcher, item, kind, generation

    def run(self):
        p = self.prefetcher
        if p.stopped or self.generation != p.generation:
            return
        width, height = SIZES[self.kind]
        try:
            image, error = p.source.render(self.item, width, height), ""
        except ImageError as exc:
            image, error = None, str(exc)
        except Exception as exc:  # the queue must go on whatever one image does
            image, error = None, tr("The crop could not be rendered: {error}").format(error=exc)
        try:
            p._done.emit(self.item.detection_id, self.kind, image, error, self.generation)
        except RuntimeError:  # the prefetcher was deleted meanwhile
            pass


class CropPrefetcher(QObject):
    """``request(item)`` renders in the background; ``get`` returns what is ready; ``render_now`` blocks."""

    ready = pyqtSignal(int, str, object)  # detection id, kind ("crop"/"thumb"), QImage
    failed = pyqtSignal(int, str, str)  # detection id, kind, translated message
    _done = pyqtSignal(int, str, object, str, int)

    def __init__(self, source, threads: int = 2, parent=None):
        super().__init__(parent)
        self.source = source
        self.stopped = False
        self.generation = 0
        self._images = OrderedDict()  # (id, kind) -> QImage
        self._errors = {}
        self._pending = set()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, int(threads)))
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def get(self, detection_id: int, kind: str = "crop"):
        image = self._images.get((int(detection_id), kind))
        if image is not None:
            self._images.move_to_end((int(detection_id), kind))
        return image

    def error(self, detection_id: int, kind: str = "crop"):
        return self._errors.get((int(detection_id), kind))

    def request(self, item, kind: str = "crop", priority: int = 0) -> bool:
        """Queue a render unless it is ready or on its way; True when a job was started."""
        key = (int(item.detection_id), kind)
        if self.stopped or key in self._images or key in self._pending:
            return False
        self._pending.add(key)
        self._errors.pop(key, None)
        self._pool.start(_Job(self, item, kind, self.generation), priority)
        return True

    def render_now(self, item, kind: str = "crop"):
        """Render on the calling thread (no prefetch); the image is kept like a prefetched one."""
        width, height = SIZES[kind]
        image = self.source.render(item, width, height)
        self._keep((int(item.detection_id), kind), image)
        return image

    def wait(self, msecs: int = -1) -> bool:
        """Block until the workers are idle (tests and benchmarks); results still need the event loop."""
        return self._pool.waitForDone(msecs)

    def reset(self, source=None) -> None:
        """Forget everything (another store); jobs under way are dropped when they finish."""
        self.generation += 1
        self._pool.clear()
        self._images.clear()
        self._errors.clear()
        self._pending.clear()
        if source is not None:
            self.source = source

    def shutdown(self) -> None:
        self.stopped = True
        self._pool.clear()
        self._pool.waitForDone()
        self._images.clear()

    def _keep(self, key, image):
        self._images[key] = image
        self._images.move_to_end(key)
        while len(self._images) > KEEP:
            self._images.popitem(last=False)

    def _on_done(self, detection_id, kind, image, error, generation):
        if generation != self.generation or self.stopped:
            return
        key = (detection_id, kind)
        self._pending.discard(key)
        if image is None:
            self._errors[key] = error
            self.failed.emit(detection_id, kind, error)
            return
        self._keep(key, image)
        self.ready.emit(detection_id, kind, image)
