"""The demo city's image resolver: a demo store's missing panorama image is rendered on first view.

A demo store records ``store_info`` key ``democity`` = {"size": …, "seed": …}. Importing the democity package
registers this resolver with panorama/image_resolvers.py, which only the demo's entry points do (see
tests/unit/test_code_layout.py DEMO_ENTRY_POINTS). The scene is rebuilt from (size, seed), which takes seconds,
so the last few are kept.
"""
import threading
from collections import OrderedDict
from pathlib import Path

from ..panorama.image_errors import ImageError
from ..panorama.image_resolvers import register_store_info_resolver
from ..toolbelt.i18n import tr
from .build import DEMOCITY_INFO_KEY, build_scene
from .randomness import DEFAULT_SEED
from .render_batch import ensure_image
from .sizes import SIZES

STORE_INFO_KEY = DEMOCITY_INFO_KEY
_SCENES_KEPT = 2

_scene_lock = threading.Lock()
_scenes = OrderedDict()  # (size, seed) -> Scene


def demo_info(value):
    """(size, seed) from the ``store_info`` value, or None when it does not describe a known demo size."""
    if not isinstance(value, dict) or str(value.get("size", "")) not in SIZES:
        return None
    try:
        return str(value["size"]), int(value.get("seed", DEFAULT_SEED))
    except (TypeError, ValueError):
        return None


def demo_scene(size: str, seed: int):
    """The demo city's ground-truth scene, built once per (size, seed) and kept."""
    key = (size, int(seed))
    with _scene_lock:  # building twice at the same time would only waste seconds of CPU
        scene = _scenes.get(key)
        if scene is None:
            scene = build_scene(size, int(seed))[0]
            _scenes[key] = scene
            while len(_scenes) > _SCENES_KEPT:
                _scenes.popitem(last=False)
        _scenes.move_to_end(key)
        return scene


def render_missing_image(folder: Path, value, panorama_row: dict) -> Path:
    """Render a demo panorama's missing image into ``folder / image_uri`` (done once, then on disk)."""
    info = demo_info(value)
    if info is None:
        raise ImageError(tr("The demo store's description is not understood: {value}").format(value=value),
                         "resolver")
    try:
        return ensure_image(folder, demo_scene(*info), panorama_row)
    except (OSError, ValueError, KeyError) as error:
        raise ImageError(tr("The demo panorama image could not be rendered: {error}").format(error=error),
                         "resolver") from error


def register() -> None:
    register_store_info_resolver(STORE_INFO_KEY, render_missing_image)
