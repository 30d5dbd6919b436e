"""Test data shared by the panorama import tests (unit and Processing): built once per test session.

The 'test' demo city with rendered JPEGs (real GPano XMP + EXIF GPS), its ground-truth panorama rows,
and small hand-made JPEGs for bad-input cases. Never modify the demo folder in a test: copy from it.
"""
import shutil
from pathlib import Path

SEED = 7239
_CACHE = {}


def demo_city(tmp_path_factory):
    """(DemoCityResult, ground-truth rows keyed by image file name) of the rendered 'test' demo city."""
    if "demo" not in _CACHE:
        from herzlich_digital_plugin.democity.build import build_demo_city
        from herzlich_digital_plugin.store import open_store

        result = build_demo_city("test", SEED, tmp_path_factory.mktemp("pano_demo"), images=True)
        with open_store(str(result.store_path)) as store:
            rows = store.select("panorama")
        truth = {Path(r["image_uri"]).name: r for r in rows}
        assert len(truth) == len(rows) == result.counts["images"] > 100
        _CACHE["demo"] = (result, truth)
    return _CACHE["demo"]


def demo_images(result):
    return sorted(Path(result.image_folder).rglob("*.jpg"))


def copy_images(result, target: Path, count: int, start: int = 0):
    """Copy ``count`` demo images into ``target`` (flat); returns the copies."""
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for path in demo_images(result)[start:start + count]:
        out.append(Path(shutil.copy(path, target / path.name)))
    return out


def small_jpeg(width: int, height: int, meta=None) -> bytes:
    """A tiny real JPEG (Qt encoder) with the given metadata injected (core.gpano.PanoMeta)."""
    import numpy as np

    from herzlich_digital_plugin.core import gpano
    from herzlich_digital_plugin.democity.render_io import encode_jpeg

    rgb = np.zeros((height, width, 3), np.uint8)
    rgb[:, :, 1] = np.linspace(0, 255, width, dtype=np.uint8)[None, :]
    data = encode_jpeg(rgb, 80)
    return gpano.inject_metadata(data, meta) if meta is not None else data
