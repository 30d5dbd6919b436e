"""Pack panoramas for the perspective renderer ahead of time, on the loader's worker thread.

``PerspectiveRenderer.prepare`` copies a panorama into column strips (about 120 ms for 8192 x 4096) on
first use; done in the GUI thread that would freeze the viewer just when the full resolution arrives.
The loader packs with a throw-away renderer on its worker thread and remembers the result here;
``PanoramaRenderer`` (use it in the viewer) picks it up instead of packing again.
"""
import threading
import weakref
from collections import OrderedDict

from ..core.perspective import PerspectiveRenderer

KEEP = 2  # packed copies held (4 bytes a pixel each): the current panorama and the one before

_lock = threading.Lock()
_packed = OrderedDict()  # id(array) -> (weakref to the array, packed)


def prepack(array) -> None:
    """Pack ``array`` now (any thread) so the first frame of a PanoramaRenderer needs no packing."""
    packed = PerspectiveRenderer().prepare(array)
    key = id(array)

    def forget(_ref, key=key):
        with _lock:
            item = _packed.get(key)
            if item is not None and item[0]() is None:
                del _packed[key]

    with _lock:
        _packed[key] = (weakref.ref(array, forget), packed)
        _packed.move_to_end(key)
        while len(_packed) > KEEP:
            _packed.popitem(last=False)


def packed_for(array):
    """The packed copy made by ``prepack`` for this very array object, or None."""
    with _lock:
        item = _packed.get(id(array))
        if item is None or item[0]() is not array:
            return None
        _packed.move_to_end(id(array))
        return item[1]


def forget_all() -> None:
    with _lock:
        _packed.clear()


class PanoramaRenderer(PerspectiveRenderer):
    """The viewer's renderer: uses copies packed by ``prepack`` on a worker thread when there is one."""

    def prepare(self, equi):
        packed = packed_for(equi)
        if packed is not None:
            return packed
        return super().prepare(equi)
