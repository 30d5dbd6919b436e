"""Rendered panoramas become camera-like JPEGs, rendered in batches or lazily from the store."""
import os
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.PyQt.QtGui import QImage  # noqa: E402
from shapely.geometry import Point  # noqa: E402

from herzlich_digital_plugin.core import gpano  # noqa: E402
from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84  # noqa: E402
from herzlich_digital_plugin.democity import render, render_batch, render_io  # noqa: E402
from herzlich_digital_plugin.democity.scene_model import RoadSegment, Scene, SceneAsset  # noqa: E402

X0, Y0, GZ = 410400.0, 5477600.0, 235.0
WHEN = datetime(2023, 5, 17, 9, 30, 12, tzinfo=timezone(timedelta(hours=2)))


def small_scene():
    road = RoadSegment(1, "Marktstraße", "secondary", np.array([[X0 - 200, Y0], [X0 + 200, Y0]]), 2, 50, 0)
    stop = SceneAsset(1, "sign", "206", None, X0 + 8, Y0 + 4.5, 270.0, 2.3, 0.6, "octagon", (200, 20, 35), 1)
    return Scene(GZ, [road], [], [stop])


def test_encode_jpeg_reads_back_with_qt():
    rgb = render.render_panorama(small_scene(), X0, Y0 - 1.6, GZ, 2.5, 90.0)
    data = render_io.encode_jpeg(rgb, quality=88)
    assert data[:3] == b"\xff\xd8\xff"
    image = QImage.fromData(data, "JPEG")
    assert (image.width(), image.height()) == (2048, 1024)
    # The zenith stays blue and the nadir grey after compression.
    top = image.pixelColor(1024, 2)
    bottom = image.pixelColor(1024, 1021)
    assert top.blue() > top.red() + 60
    assert abs(bottom.red() - bottom.blue()) < 15 and bottom.red() < 120
    # Higher quality gives more bytes.
    assert len(render_io.encode_jpeg(rgb, quality=95)) > len(render_io.encode_jpeg(rgb, quality=50))


def test_encode_jpeg_rejects_a_wrong_shape():
    with pytest.raises(ValueError):
        render_io.encode_jpeg(np.zeros((10, 20), np.uint8))


def test_written_jpeg_carries_gpano_and_gps(tmp_path):
    rgb = render.render_panorama(small_scene(), X0, Y0 - 1.6, GZ, 2.5, 123.4)
    row = {"id": 1, "geom": Point(X0, Y0 - 1.6, GZ), "heading": 123.4, "pitch": 0.0, "roll": 0.0,
           "camera_height": 2.5, "captured_at": WHEN, "image_uri": "img/p1.jpg"}
    meta = render_io.pano_meta_for_row(row, 2048, 1024)
    path = render_io.write_panorama_jpeg(tmp_path / "img" / "p1.jpg", rgb, meta)
    assert path.exists() and not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    data = path.read_bytes()
    image = QImage.fromData(data, "JPEG")
    assert (image.width(), image.height()) == (2048, 1024)
    back = gpano.read_metadata(data)
    lon, lat = utm32_to_wgs84(X0, Y0 - 1.6)
    assert back.heading == pytest.approx(123.4, abs=0.01)
    assert back.lat == pytest.approx(lat, abs=1e-6) and back.lon == pytest.approx(lon, abs=1e-6)
    assert 49.3 < back.lat < 49.6 and 7.6 < back.lon < 7.9  # Kaiserslautern
    assert back.altitude == pytest.approx(GZ + 2.5, abs=0.1)
    assert back.captured_at == WHEN
    assert (back.width, back.height) == (2048, 1024)


class _Store:
    """Just what render_all reads from a store: a GeoPackage path and panorama rows."""
    backend = "gpkg"

    def __init__(self, path, rows):
        self.path = str(path)
        self.rows = rows
        self.selects = []

    def select(self, table, where=None, *args, **kwargs):
        assert table == "panorama"
        self.selects.append(where)
        if where is None:
            return list(self.rows)
        return [r for r in self.rows if r["id"] in where["id"]]


def pano_rows(n):
    return [{"id": i + 1, "geom": Point(X0 - 10 + 5 * i, Y0 - 1.6, GZ), "heading": 90.0, "pitch": 0.0,
             "roll": 0.0, "camera_height": 2.5, "width": 256, "height": 128, "captured_at": WHEN,
             "image_uri": f"panoramas/seq1/{i + 1:06d}.jpg"} for i in range(n)]


def test_render_all_writes_missing_images_only(tmp_path):
    store = _Store(tmp_path / "demo.gpkg", pano_rows(5))
    calls = []
    n = render_batch.render_all(store, small_scene(), progress=lambda p, msg: calls.append(p), threads=2)
    assert n == 5
    files = sorted((tmp_path / "panoramas" / "seq1").iterdir())
    assert [f.name for f in files] == [f"{i:06d}.jpg" for i in range(1, 6)]
    assert QImage(str(files[0])).width() == 256  # the row's own size
    meta = gpano.read_metadata(str(files[4]))
    assert meta.heading == pytest.approx(90.0) and (meta.width, meta.height) == (256, 128)
    assert calls[0] == 0.0 and calls[-1] == 100.0 and calls == sorted(calls)
    # A second run finds everything on disk.
    mtimes = [f.stat().st_mtime_ns for f in files]
    assert render_batch.render_all(store, small_scene()) == 0
    assert [f.stat().st_mtime_ns for f in files] == mtimes
    # only_ids renders just those (after deleting one), at the size asked for.
    files[2].unlink()
    files[3].unlink()
    assert render_batch.render_all(store, small_scene(), width=512, height=256, only_ids=[3]) == 1
    assert QImage(str(files[2])).width() == 512 and not files[3].exists()
    assert store.selects[-1] == {"id": [3]}


def test_render_all_stops_when_cancelled(tmp_path):
    store = _Store(tmp_path / "demo.gpkg", pano_rows(12))
    seen = []
    n = render_batch.render_all(store, small_scene(), progress=lambda p, msg: seen.append(p),
                          cancelled=lambda: len(seen) > 2, threads=1)
    written = list((tmp_path / "panoramas" / "seq1").iterdir())
    assert 1 <= n < 12 and len(written) == n


def test_ensure_image_renders_once_and_reuses_the_file(tmp_path):
    row = pano_rows(1)[0]
    scene = small_scene()
    path = render_batch.ensure_image(tmp_path, scene, row)
    assert path == tmp_path / row["image_uri"] and path.exists()
    before = path.stat().st_mtime_ns
    assert render_batch.ensure_image(tmp_path, scene, row) == path
    assert path.stat().st_mtime_ns == before


def test_render_all_with_a_real_geopackage(tmp_path):
    from herzlich_digital_plugin import store as store_mod
    gpkg = tmp_path / "demo.gpkg"
    with store_mod.open_store(str(gpkg)) as store:
        for row in pano_rows(3):
            store.insert("panorama", {k: v for k, v in row.items() if k != "id"})
    assert render_batch.render_all(str(gpkg), small_scene(), threads=2) == 3
    assert len(list((tmp_path / "panoramas" / "seq1").iterdir())) == 3
