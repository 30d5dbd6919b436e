"""Importing a folder of 360° JPEGs: the demo city's poses come back; every bad file is refused with a reason."""
import csv
import datetime as dt
import math
import os
import shutil
from pathlib import Path

import pytest

from herzlich_digital_plugin.core import gpano
from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.panorama.import_common import ImportReport
from herzlich_digital_plugin.panorama.import_folder import import_folder
from herzlich_digital_plugin.store import open_store
from panorama_import_demo import copy_images, demo_city, demo_images, small_jpeg

T = dt.datetime(2024, 5, 6, 10, 0, 0, 250000, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_city(tmp_path_factory)


def _angle_diff(a, b):
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _meta(**kw):
    lon, lat = utm32_to_wgs84(410400.0, 5477600.0)
    values = dict(lat=float(lat), lon=float(lon), altitude=240.0, heading=90.0, pitch=0.0, roll=0.0, captured_at=T)
    values.update(kw)
    return gpano.PanoMeta(**values)


def _reasons(report):
    return {source: reason for source, reason in report.rejected}


def test_demo_city_images_come_back_with_their_poses(store, demo):
    result, truth = demo
    calls = []
    report = import_folder(store, result.image_folder, "Import 2021+2023", camera_height=2.5,
                           progress=lambda p, m="": calls.append(p))
    assert report.rejected == []
    assert report.imported == len(truth) == store.count("panorama")
    assert calls and calls == sorted(calls)
    rows = store.select("panorama")
    assert {r["campaign_id"] for r in rows} == {report.campaign_id}
    for row in rows:
        want = truth[Path(row["image_uri"]).name]
        assert Path(row["image_uri"]).is_absolute() and Path(row["image_uri"]).is_file()  # store lives elsewhere
        g, w = row["geom"], want["geom"]
        assert math.hypot(g.x - w.x, g.y - w.y) <= 0.01
        assert abs(g.z - w.z) <= 0.01  # ground point: GPS altitude minus camera height
        assert _angle_diff(row["heading"], want["heading"]) <= 1e-3
        assert row["captured_at"] == want["captured_at"]
        assert (row["width"], row["height"], row["camera_height"]) == (want["width"], want["height"], 2.5)
        assert row["pitch"] == 0.0 and row["roll"] == 0.0
    # the demo's drives are recovered as sequences, in the same order
    ours, theirs = {}, {}
    for row in rows:
        name = Path(row["image_uri"]).name
        ours.setdefault(row["sequence_id"], []).append((row["sequence_rank"], name))
        theirs.setdefault(truth[name]["sequence_id"], []).append((truth[name]["sequence_rank"], name))
    assert sorted([n for _, n in sorted(v)] for v in ours.values()) == \
        sorted([n for _, n in sorted(v)] for v in theirs.values())
    campaign = store.get("campaign", report.campaign_id)
    assert campaign["name"] == "Import 2021+2023"
    assert campaign["started_at"] == min(w["captured_at"] for w in truth.values())
    assert campaign["ended_at"] == max(w["captured_at"] for w in truth.values())


def test_images_below_the_store_folder_get_relative_uris(tmp_path, demo):
    result, truth = demo
    copies = copy_images(result, tmp_path / "images" / "drive 1", 4)
    with open_store(str(tmp_path / "city.gpkg")) as store:
        report = import_folder(store, tmp_path / "images", "Kaiserslautern Süd")
        assert report.imported == 4
        uris = sorted(r["image_uri"] for r in store.select("panorama"))
    assert uris == sorted(f"images/drive 1/{p.name}" for p in copies)
    assert all(not os.path.isabs(u) and "\\" not in u for u in uris)
    assert report.sequences and all(s.startswith("kaiserslautern-sued_") for s in report.sequences)


def _break_xmp(data: bytes) -> bytes:
    """Same length, but neither well-formed XML nor any GPano property left."""
    start = data.index(gpano.XMP_ID)
    end = data.index(b"</x:xmpmeta>", start)
    packet = data[start:end].replace(b"GPano:", b"GPaXo:").replace(b"</rdf:Description>", b"</rdf:Descriptio!>")
    return data[:start] + packet + data[end:]


def _bad_folder(folder: Path, demo_result) -> dict:
    """Write one file per kind of bad input (plus good ones); returns {file name: expected reason part}."""
    folder.mkdir(parents=True, exist_ok=True)
    good = demo_images(demo_result)[:3]
    for path in good:
        shutil.copy(path, folder / path.name)
    data = good[0].read_bytes()
    (folder / "random.jpg").write_bytes(os.urandom(3000))
    (folder / "cut_header.jpg").write_bytes(data[:300])
    (folder / "cut_pixels.jpg").write_bytes(data[:len(data) // 2])
    (folder / "wide.jpg").write_bytes(small_jpeg(96, 32, _meta()))
    (folder / "no_gps.jpg").write_bytes(small_jpeg(64, 32, _meta(lat=None, lon=None)))
    (folder / "no_heading.jpg").write_bytes(small_jpeg(64, 32, _meta(heading=None)))
    (folder / "broken_xmp_no_heading.jpg").write_bytes(_break_xmp(small_jpeg(64, 32, _meta(heading=None))))
    (folder / "cylinder.jpg").write_bytes(small_jpeg(64, 32, _meta(projection="cylindrical")))
    (folder / "notes.txt").write_text("not an image")
    # broken XMP, but EXIF GPSImgDirection still gives the heading: imported with a warning
    (folder / "sub").mkdir()
    (folder / "sub" / "broken_xmp.jpg").write_bytes(_break_xmp(small_jpeg(64, 32, _meta(heading=123.5))))
    return {"random.jpg": "not a readable JPEG", "cut_header.jpg": "not a readable JPEG",
            "cut_pixels.jpg": "truncated", "wide.jpg": "96 × 32", "no_gps.jpg": "No GPS",
            "no_heading.jpg": "No heading", "broken_xmp_no_heading.jpg": "No heading",
            "cylinder.jpg": "cylindrical"}


def test_bad_files_are_refused_with_reasons_and_good_ones_kept(store, tmp_path, demo):
    result, truth = demo
    expected = _bad_folder(tmp_path / "in", result)
    report = import_folder(store, tmp_path / "in", "Mixed")
    reasons = _reasons(report)
    assert set(reasons) == set(expected)
    for name, part in expected.items():
        assert part in reasons[name], (name, reasons[name])
    assert report.imported == 4 == store.count("panorama")
    rows = {Path(r["image_uri"]).name: r for r in store.select("panorama")}
    assert rows["broken_xmp.jpg"]["heading"] == pytest.approx(123.5)
    assert any(src == "sub/broken_xmp.jpg" and "XMP" in msg for src, msg in report.warnings)
    assert "notes.txt" not in reasons


def test_duplicates_are_refused_per_campaign(store, tmp_path, demo):
    result, _ = demo
    copies = copy_images(result, tmp_path / "a", 4, start=10)
    assert import_folder(store, tmp_path / "a", "C1").imported == 4
    again = import_folder(store, tmp_path / "a", "C1")
    assert again.imported == 0 and len(again.rejected) == 4
    assert all("already in the campaign" in reason for _, reason in again.rejected)
    # a copy of one image elsewhere: same place and time
    (tmp_path / "b").mkdir()
    shutil.copy(copies[0], tmp_path / "b" / "copy.jpg")
    copied = import_folder(store, tmp_path / "b", "C1")
    assert copied.imported == 0 and "same place and time" in copied.rejected[0][1]
    # another campaign may hold the same images
    assert import_folder(store, tmp_path / "a", "C2").imported == 4
    assert store.count("campaign") == 2 and store.count("panorama") == 8


def test_missing_altitude_and_time_are_imported_with_warnings(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(small_jpeg(64, 32, _meta(altitude=None, captured_at=None, lat=49.44)))
    (folder / "b.jpg").write_bytes(small_jpeg(64, 32, _meta(altitude=None, captured_at=None, lat=49.44001)))
    report = import_folder(store, folder, "No time")
    assert report.imported == 2 and not report.rejected
    rows = store.select("panorama", order_by="image_uri")
    assert [r["geom"].z for r in rows] == [0.0, 0.0]
    assert all(r["captured_at"] is None for r in rows)
    assert len({r["sequence_id"] for r in rows}) == 1  # 1.1 m apart, chained in file order
    assert [r["sequence_rank"] for r in rows] == [0, 1]
    assert sum("altitude" in m for _, m in report.warnings) == 2
    assert store.get("campaign", report.campaign_id)["started_at"] is None


def test_cancel_writes_nothing_and_report_csv(store, tmp_path, demo):
    result, _ = demo
    copy_images(result, tmp_path / "in", 3)
    report = import_folder(store, tmp_path / "in", "Cancelled", cancelled=lambda: True)
    assert report.cancelled and report.imported == 0
    assert store.count("panorama") == 0 and store.count("campaign") == 0

    bad = ImportReport(rejected=[("a.jpg", "No GPS position, sorry"), ("b/ü.jpg", 'Quote "x"')])
    path = bad.write_report(tmp_path / "out" / "report.csv")
    with open(path, newline="", encoding="utf-8-sig") as fh:
        assert list(csv.reader(fh)) == [["source", "reason"], ["a.jpg", "No GPS position, sorry"],
                                        ["b/ü.jpg", 'Quote "x"']]


def test_bad_arguments(store, tmp_path):
    with pytest.raises(ValueError):
        import_folder(store, tmp_path / "missing", "X")
    with pytest.raises(ValueError):
        import_folder(store, tmp_path, "X", camera_height=float("nan"))
    (tmp_path / "a.jpg").write_bytes(small_jpeg(64, 32, _meta()))
    with pytest.raises(ValueError):
        import_folder(store, tmp_path, "   ")


def test_importers_run_without_qgis(tmp_path, demo):
    """The importers are pure Python + store: they work where qgis cannot even be imported."""
    import subprocess
    import sys

    result, _ = demo
    copy_images(result, tmp_path / "in", 3)
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from herzlich_digital_plugin.panorama.import_folder import import_folder\n"
        "from herzlich_digital_plugin.panorama.import_table import import_pose_file\n"
        "from herzlich_digital_plugin.store import open_store\n"
        f"with open_store({str(tmp_path / 's.gpkg')!r}) as store:\n"
        f"    report = import_folder(store, {str(tmp_path / 'in')!r}, 'No QGIS')\n"
        "print(report.imported, len(report.rejected), any(m.startswith('qgis') for m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["3", "0", "False"]
