"""Vendor pose tables (Ladybug, Trimble, mapped tables): poses come back; bad rows and unsafe paths are refused."""
import datetime as dt
import math
import shutil
from pathlib import Path

import pytest

from herzlich_digital_plugin.panorama import import_table
from herzlich_digital_plugin.panorama.import_common import ImportReport
from herzlich_digital_plugin.panorama.import_table import (PoseFormatError, detect_format, gps_to_utc, import_pose_file,
                                                            import_poses, read_ladybug, records_from_table)
from panorama_import_demo import demo_city

GPS_EPOCH = dt.datetime(1980, 1, 6, tzinfo=dt.timezone.utc)
LADYBUG_HEADER = "Filename\tX\tY\tZ\tPan\tTilt\tRoll\tTimeStamp"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_city(tmp_path_factory)


def _rel(result, row):
    return row["image_uri"][len("images/"):]  # demo URIs are images/<campaign>/<file>


def _ladybug_line(name, x, y, z, pan, t, tilt="0", roll="0"):
    return "\t".join([name, repr(x), repr(y), repr(z), repr(pan), tilt, roll, t])


def _write_ladybug(path, result, truth, limit=None):
    lines = [LADYBUG_HEADER]
    for row in list(truth.values())[:limit]:
        g = row["geom"]
        t = row["captured_at"].astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        lines.append(_ladybug_line(_rel(result, row), g.x, g.y, g.z + 2.5, row["heading"], t))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check_against_truth(store, truth, n):
    rows = store.select("panorama")
    assert len(rows) == n
    for row in rows:
        want = truth[Path(row["image_uri"]).name]
        g, w = row["geom"], want["geom"]
        assert math.hypot(g.x - w.x, g.y - w.y) <= 0.01 and abs(g.z - w.z) <= 0.01
        assert abs((row["heading"] - want["heading"] + 180) % 360 - 180) <= 1e-6
        assert abs((row["captured_at"] - want["captured_at"]).total_seconds()) <= 0.001
        assert (row["width"], row["height"]) == (want["width"], want["height"])
    return rows


def test_ladybug_file_of_the_demo_city_imports(store, tmp_path, demo):
    result, truth = demo
    pose_file = _write_ladybug(tmp_path / "poses.txt", result, truth)
    assert detect_format(pose_file) == "ladybug"
    report = import_pose_file(store, pose_file, "Ladybug", image_root=result.image_folder)
    assert report.rejected == [] and report.imported == len(truth)
    rows = _check_against_truth(store, truth, len(truth))
    assert all(Path(r["image_uri"]).is_file() for r in rows)
    assert len(report.sequences) == len({w["sequence_id"] for w in truth.values()})


def test_trimble_csv_of_the_demo_city_imports(store, tmp_path, demo):
    result, truth = demo
    lines = ["gps_seconds[s],panorama_file_name,x[m],y[m],altitude[m],roll[deg],pitch[deg],heading[deg]"]
    for row in truth.values():
        g = row["geom"]
        gps = (row["captured_at"] - GPS_EPOCH).total_seconds() + 18  # GPS runs 18 s ahead of UTC since 2017
        lines.append(f"{gps:.3f},{_rel(result, row)},{g.x!r},{g.y!r},{g.z + 2.5!r},0.0,0.0,{row['heading']!r}")
    pose_file = tmp_path / "trimble.csv"
    pose_file.write_text("\n".join(lines), encoding="utf-8")
    assert detect_format(pose_file) == "trimble"
    report = import_pose_file(store, pose_file, "Trimble", image_root=result.image_folder)
    assert report.rejected == [] and report.imported == len(truth)
    _check_against_truth(store, truth, len(truth))
    # the same without a header, seconds of week + GPS week
    row = next(iter(truth.values()))
    gps = (row["captured_at"] - GPS_EPOCH).total_seconds() + 18
    week, sow = divmod(gps, 604800)
    headerless = tmp_path / "sow.csv"
    g = row["geom"]
    headerless.write_text(f"{sow:.3f},{_rel(result, row)},{g.x},{g.y},{g.z + 2.5},0,0,{row['heading']}\n")
    assert detect_format(headerless) == "trimble"
    records = import_table.read_trimble(headerless, gps_week=int(week))
    assert abs((records[0]["time"] - row["captured_at"]).total_seconds()) < 1e-3
    assert "GPS week" in import_table.read_trimble(headerless)[0]["error"]


def test_gps_time_conversion():
    # GPS second 1,000,000,000 was 2011-09-14 01:46:25 UTC (15 leap seconds then)
    assert gps_to_utc(1e9) == dt.datetime(2011, 9, 14, 1, 46, 25, tzinfo=dt.timezone.utc)
    adjusted = 3.5e8  # LAS adjusted standard GPS time
    assert gps_to_utc(adjusted) == gps_to_utc(adjusted + 1e9)
    mid_2016 = dt.datetime(2016, 6, 1, tzinfo=dt.timezone.utc)
    assert gps_to_utc((mid_2016 - GPS_EPOCH).total_seconds() + 17) == mid_2016
    assert gps_to_utc(100.0, gps_week=2000) == gps_to_utc(2000 * 604800 + 100.0)
    for bad in (float("nan"), -1.0):
        with pytest.raises(ValueError):
            gps_to_utc(bad)


@pytest.fixture
def spy(monkeypatch):
    """Records every path the table importer opens for reading."""
    opened = []
    real_read, real_trunc = import_table.read_metadata, import_table.truncation_reason

    def read(path):
        opened.append(Path(path).resolve())
        return real_read(path)

    def trunc(path):
        opened.append(Path(path).resolve())
        return real_trunc(path)
    monkeypatch.setattr(import_table, "read_metadata", read)
    monkeypatch.setattr(import_table, "truncation_reason", trunc)
    return opened


def test_names_leaving_the_image_root_are_refused_and_never_opened(store, tmp_path, demo, spy):
    result, truth = demo
    rows = list(truth.values())
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    inside, outside = rows[0], rows[1]
    shutil.copy(result.store_path.parent / inside["image_uri"], root / "inside.jpg")
    outside_file = tmp_path / "outside.jpg"
    shutil.copy(result.store_path.parent / outside["image_uri"], outside_file)
    (root / "link.jpg").symlink_to(outside_file)
    g, o = inside["geom"], outside["geom"]

    def line(name):
        return _ladybug_line(name, o.x, o.y, o.z + 2.5, outside["heading"], outside["captured_at"].isoformat())
    unsafe = ["../outside.jpg", str(outside_file), "sub/../../outside.jpg", "..\\outside.jpg",
              "C:\\data\\outside.jpg", "link.jpg", "sub/../inside.jpg", "file:///etc/passwd"]
    pose_file = tmp_path / "poses.txt"
    pose_file.write_text("\n".join([LADYBUG_HEADER, _ladybug_line("inside.jpg", g.x, g.y, g.z + 2.5, inside["heading"],
                                                                  inside["captured_at"].isoformat())]
                                   + [line(n) for n in unsafe]) + "\n")
    report = import_pose_file(store, pose_file, "Unsafe", image_root=root)
    assert report.imported == 1 and store.count("panorama") == 1
    reasons = [r for _, r in report.rejected]
    assert len(reasons) == len(unsafe)
    assert all("Refused" in r for r in reasons), reasons
    assert sum("'..'" in r for r in reasons) == 4 and sum("absolute" in r for r in reasons) == 3
    assert "outside the image root" in reasons[unsafe.index("link.jpg")]
    assert outside_file.resolve() not in spy and spy  # the good row was read, the outside file never
    # the outside file itself is a perfectly good panorama: refused only for where it lies
    again = import_pose_file(store, _write_one(tmp_path / "p2.txt", "outside.jpg", outside), "Control",
                             image_root=tmp_path)
    assert again.imported == 1 and outside_file.resolve() in spy


def _write_one(path, name, row):
    g = row["geom"]
    path.write_text(LADYBUG_HEADER + "\n" + _ladybug_line(name, g.x, g.y, g.z + 2.5, row["heading"],
                                                          row["captured_at"].isoformat()) + "\n")
    return path


def test_bad_rows_get_reasons_and_good_rows_are_kept(store, tmp_path, demo):
    result, truth = demo
    good = list(truth.values())[:2]
    lines = [LADYBUG_HEADER]
    for row in good:
        g = row["geom"]
        lines.append(_ladybug_line(_rel(result, row), g.x, g.y, g.z + 2.5, row["heading"], "2021-10-04 08:00:00+02:00"))
    name = _rel(result, good[0])
    bad = {
        "nan x": ("\t".join([name, "nan", "5477600", "237", "10", "0", "0", ""]), "x is not a finite number"),
        "text heading": ("\t".join([name, "410400", "5477600", "237", "north", "0", "0", ""]),
                         "heading is not a number"),
        "heading 400": ("\t".join([name, "410400", "5477600", "237", "400", "0", "0", ""]), "outside -360"),
        "pitch 95": ("\t".join([name, "410400", "5477600", "237", "10", "95", "0", ""]), "outside -90"),
        "empty z": ("\t".join([name, "410400", "5477600", "", "10", "0", "0", ""]), "z is missing"),
        "short line": ("\t".join([name, "410400", "5477600"]), "3 columns"),
        "lon/lat": ("\t".join([name, "7.77", "49.44", "237", "10", "0", "0", ""]), "wrong CRS"),
        "bad time": ("\t".join([name, "410400", "5477600", "237", "10", "0", "0", "yesterday"]), "ISO 8601"),
        "no image": ("\t".join(["", "410400", "5477600", "237", "10", "0", "0", ""]), "No image"),
        "missing file": ("\t".join(["nope.jpg", "410400", "5477600", "237", "10", "0", "0", ""]), "does not exist"),
        "not 2:1": ("\t".join(["wide.jpg", "410400", "5477600", "237", "10", "0", "0", ""]), "not 2:1"),
    }
    lines += [text for text, _ in bad.values()]
    pose_file = tmp_path / "poses.txt"
    pose_file.write_text("\n".join(lines) + "\n")
    root = tmp_path / "root"
    shutil.copytree(result.image_folder, root)
    from panorama_import_demo import small_jpeg
    (root / "wide.jpg").write_bytes(small_jpeg(96, 32))
    report = import_pose_file(store, pose_file, "Bad rows", image_root=root)
    assert report.imported == 2
    assert [s for s, _ in report.rejected] == [f"poses.txt:{n}" for n in range(4, 4 + len(bad))]
    for (_, reason), (label, (_, part)) in zip(report.rejected, bad.items()):
        assert part in reason, (label, reason)


def test_wrong_formats_raise_one_clear_error(tmp_path, store):
    (tmp_path / "hello.txt").write_text("hello world\nnothing here\n")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    (tmp_path / "empty.txt").write_text("\n# only a comment\n")
    (tmp_path / "no_pan.txt").write_text("Filename\tX\tY\tZ\tTilt\n")
    (tmp_path / "trimble.csv").write_text("gps_seconds,panorama_file_name,x,y\n1,a.jpg,1,2\n")
    for name in ("hello.txt", "binary.txt", "empty.txt"):
        with pytest.raises(PoseFormatError):
            import_pose_file(store, tmp_path / name, "X")
    with pytest.raises(PoseFormatError, match="lacks the column"):
        read_ladybug(tmp_path / "no_pan.txt")
    with pytest.raises(PoseFormatError, match="altitude, heading"):
        import_pose_file(store, tmp_path / "trimble.csv", "X")
    with pytest.raises(PoseFormatError, match="neither a Ladybug"):
        import_pose_file(store, tmp_path / "trimble.csv", "X", fmt="ladybug")
    assert store.count("campaign") == 0


def test_mapped_table_with_url_template(store):
    rows = [{"bild": "2021/a b.jpg", "e": 410400.0, "n": 5477600.0, "h": 241.0, "richtung": 350.0, "nr": 7,
             "zeit": "2021-10-04T08:00:00+02:00"},
            {"bild": "2021/c.jpg", "e": 410401.0, "n": 5477600.0, "h": 241.0, "richtung": -10.0, "nr": 8,
             "zeit": dt.datetime(2021, 10, 4, 6, 0, 1)},
            {"bild": "../x.jpg", "e": 410402.0, "n": 5477600.0, "h": 241.0, "richtung": 0.0, "nr": 9}]
    mapping = {"x": "e", "y": "n", "z": "h", "heading": "richtung", "pitch": "pitch", "roll": None,
               "time": "zeit", "image": "bild", "id": "nr"}
    report = ImportReport()
    records = records_from_table(rows, mapping, fields=list(rows[0]), report=report)
    assert any("pitch" in m for _, m in report.warnings)  # optional field missing: warned, not fatal
    import_poses(store, records, "WFS", url_template="https://pano.example.org/{filename}?id={id}", report=report)
    assert report.imported == 2 and "'..'" in report.rejected[0][1]
    got = store.select("panorama", order_by="image_uri")
    assert [r["image_uri"] for r in got] == ["https://pano.example.org/2021/a%20b.jpg?id=7",
                                             "https://pano.example.org/2021/c.jpg?id=8"]
    assert [r["heading"] for r in got] == [350.0, 350.0]
    assert got[0]["geom"].z == pytest.approx(238.5) and got[0]["width"] is None
    assert got[1]["captured_at"] == dt.datetime(2021, 10, 4, 6, 0, 1, tzinfo=dt.timezone.utc)  # naive = UTC
    assert len({r["sequence_id"] for r in got}) == 1
    with pytest.raises(PoseFormatError, match="heading"):
        records_from_table(rows, dict(mapping, heading="kurs"), fields=list(rows[0]))
    with pytest.raises(ValueError):
        import_poses(store, records, "WFS", url_template="ftp://host/{filename}")
    with pytest.raises(ValueError):
        import_poses(store, records, "WFS")  # neither image root nor URL template
