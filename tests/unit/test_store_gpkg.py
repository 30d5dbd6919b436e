"""GeoPackage-only: a real GeoPackage that GDAL reads and writes, and concurrent writers."""
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

import pytest
from shapely.geometry import LineString, Point

from herzlich_digital_plugin.store import StoreBusyError, open_store
from herzlich_digital_plugin.store.gpkg import GeoPackageStore

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
T0 = datetime(2024, 5, 17, 8, 30, tzinfo=timezone.utc)


@pytest.fixture
def city(tmp_path):
    """A small GeoPackage with rows in every geometry flavour; returns its path."""
    path = str(tmp_path / "city.gpkg")
    with open_store(path) as s:
        cid = s.insert("campaign", {"name": "c", "started_at": T0})
        pid = s.insert("panorama", {"campaign_id": cid, "geom": Point(410000, 5479000, 231.5), "captured_at": T0})
        s.insert_many("detection", [{"panorama_id": pid, "geom": Point(410000 + i, 5479000 + 2 * i), "score": 0.5}
                                    for i in range(250)])
        s.insert("road", {"name": "Marktstraße", "geom": LineString([(409990, 5478990), (410300, 5479600)])})
        s.insert("review_event", {"actor": "a", "action": "accept", "decided_at": T0, "new_value": {"x": 1}})
    return path


def test_file_header_and_journal(city):
    with open(city, "rb") as f:
        head = f.read(100)
    assert head[68:72] == b"GPKG"
    assert int.from_bytes(head[60:64], "big") == 10300
    with GeoPackageStore(city) as s:
        assert s.query("PRAGMA journal_mode")[0]["journal_mode"] == "delete"
        srs = {r["srs_id"] for r in s.query("SELECT srs_id FROM gpkg_spatial_ref_sys")}
        assert {-1, 0, 4326, 25832} <= srs
        ext = s.query("SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index' "
                      "ORDER BY table_name")
        assert [r["table_name"] for r in ext] == ["asset", "detection", "panorama", "register_change",
                                                  "register_entry", "road", "roadworks", "sensor_station"]


def test_opening_never_switches_the_journal_mode(tmp_path):
    """QGIS holds its own connections to the file; a journal-mode switch under them breaks their reads."""
    import sqlite3

    path = str(tmp_path / "w.gpkg")
    GeoPackageStore(path).close()
    other = sqlite3.connect(path)
    assert other.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"  # somebody else chose WAL
    with GeoPackageStore(path) as s:
        assert s.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
    other.execute("PRAGMA journal_mode = DELETE")
    with GeoPackageStore(path) as s:
        assert s.query("PRAGMA journal_mode")[0]["journal_mode"] == "delete"
    other.close()


def test_gdal_validator_accepts_it(city):
    validate = pytest.importorskip("osgeo_utils.samples.validate_gpkg")
    assert validate.check(city, extra_checks=True, warning_as_error=True, warning_msg=False) == []


def test_ogrinfo_reads_layers_counts_and_extent(city):
    if not shutil.which("ogrinfo"):
        pytest.skip("ogrinfo (gdal-bin) not installed")
    out = subprocess.run(["ogrinfo", "-ro", "-so", city, "detection"], capture_output=True, text=True,
                         check=True).stdout
    assert "Geometry: Point" in out and "Feature Count: 250" in out
    assert "Extent: (410000.000000, 5479000.000000) - (410249.000000, 5479498.000000)" in out
    assert "FID Column = id" in out and "Geometry Column = geom" in out
    out = subprocess.run(["ogrinfo", "-ro", "-so", city, "panorama"], capture_output=True, text=True,
                         check=True).stdout
    assert "3D Point" in out and "Feature Count: 1" in out and "captured_at: DateTime" in out
    out = subprocess.run(["ogrinfo", "-ro", "-so", city, "review_event"], capture_output=True, text=True,
                         check=True).stdout
    assert "new_value: String(JSON)" in out
    listing = subprocess.run(["ogrinfo", "-ro", "-q", city], capture_output=True, text=True, check=True).stdout
    assert "road (Line String)" in listing and "sensor_observation (None)" in listing


def test_gdal_edits_are_read_back(city):
    ogr = pytest.importorskip("osgeo.ogr")
    ds = ogr.Open(city, 1)
    layer = ds.GetLayerByName("detection")
    feat = ogr.Feature(layer.GetLayerDefn())
    feat.SetField("panorama_id", 1)
    feat.SetField("vzkat_code", "205")
    feat.SetGeometry(ogr.CreateGeometryFromWkt("POINT (410500.5 5479700.25)"))
    assert layer.CreateFeature(feat) == 0
    new_id = feat.GetFID()
    ds = None  # closes and flushes
    with open_store(city) as s:
        row = s.get("detection", new_id)
        assert row["vzkat_code"] == "205" and (row["geom"].x, row["geom"].y) == (410500.5, 5479700.25)
        # GDAL's rtree triggers ran with GDAL's functions: the new point is indexed.
        assert [r["id"] for r in s.in_bbox("detection", 410500, 5479700, 410501, 5479701)] == [new_id]
        assert s.nearest("detection", 410500, 5479700)[0][0]["id"] == new_id


def test_busy_timeout_waits_for_the_other_writer(tmp_path):
    path = str(tmp_path / "shared.gpkg")
    a = GeoPackageStore(path)
    b = GeoPackageStore(path, busy_timeout=0.2)
    try:
        with a.transaction():
            a.insert("campaign", {"name": "a"})
            with pytest.raises(StoreBusyError):
                b.insert("campaign", {"name": "b"})
        patient = GeoPackageStore(path, busy_timeout=10)

        def hold_lock():
            with a.transaction():
                a.insert("campaign", {"name": "a2"})
                time.sleep(0.5)

        t = threading.Thread(target=hold_lock)
        t.start()
        time.sleep(0.1)
        patient.insert("campaign", {"name": "waited"})  # blocks until the other commit
        t.join()
        assert [r["name"] for r in patient.select("campaign")] == ["a", "a2", "waited"]
        patient.close()
    finally:
        a.close()
        b.close()


def test_several_processes_write_at_once(tmp_path):
    path = str(tmp_path / "multi.gpkg")
    open_store(path).close()
    code = (
        "import sys\n"
        "from shapely.geometry import Point\n"
        "from herzlich_digital_plugin.store import open_store\n"
        "s = open_store(sys.argv[1])\n"
        "for i in range(40):\n"
        "    with s.transaction():\n"
        "        s.insert_many('sensor_station', [{'name': sys.argv[2], 'geom': Point(i, j)} for j in range(5)])\n"
        "s.close()\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, path, f"p{n}"], cwd=ROOT) for n in range(3)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    with open_store(path) as s:
        assert s.count("sensor_station") == 600
        assert all(s.count("sensor_station", {"name": f"p{n}"}) == 200 for n in range(3))
        assert s.query("SELECT count(*) AS n FROM rtree_sensor_station_geom")[0]["n"] == 600
