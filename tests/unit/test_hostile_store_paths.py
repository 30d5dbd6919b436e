"""Store locations that cannot work, and GeoPackages of other applications: a clear StoreError, nothing written."""
import sqlite3

import pytest

from herzlich_digital_plugin.store import ForeignStoreError, StoreError, open_store


def test_a_store_below_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "hostname"
    blocker.write_text("kl\n")
    with pytest.raises(StoreError, match="cannot be created"):
        open_store(str(blocker / "x.gpkg"))
    assert blocker.read_text() == "kl\n"


def test_a_folder_named_gpkg_is_a_clear_error(tmp_path):
    folder = tmp_path / "daten.gpkg"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder, not a GeoPackage"):
        open_store(str(folder))
    assert list(folder.iterdir()) == []


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path):
    path = tmp_path / "kaputt.gpkg"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        open_store(str(path))
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_a_nul_in_the_path_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="NUL"):
        open_store(str(tmp_path / "a\x00b.gpkg"))


def _foreign_geopackage(path):
    """A GeoPackage as GDAL (or QGIS) writes it: one point layer."""
    from osgeo import ogr, osr

    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    layer = source.CreateLayer("flurstuecke", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("nummer", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("nummer", "12/3")
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (410000 5480000)"))
    layer.CreateFeature(feature)
    source = None


def _tables(path):
    with sqlite3.connect(path) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    connection.close()
    return names


def test_a_geopackage_of_another_application_is_not_changed_without_asking(tmp_path):
    path = tmp_path / "kataster.gpkg"
    _foreign_geopackage(path)
    before = _tables(path)
    with pytest.raises(ForeignStoreError, match="another application.*flurstuecke"):
        open_store(str(path))
    assert _tables(path) == before
    with open_store(str(path), adopt=True) as store:  # the user confirmed
        assert store.schema_version >= 1
    assert "panorama" in _tables(path) and "flurstuecke" in _tables(path)
    with open_store(str(path)) as store:  # from now on it is a plugin store
        assert store.count("panorama") == 0


def test_new_and_empty_geopackages_still_open(tmp_path):
    with open_store(str(tmp_path / "neu" / "a.gpkg")) as store:
        assert store.count("panorama") == 0
    empty = tmp_path / "leer.gpkg"
    sqlite3.connect(empty).close()
    with open_store(str(empty)) as store:
        assert store.count("campaign") == 0


def test_a_megabyte_text_is_refused_and_nothing_written(store, tmp_path):
    import csv

    from herzlich_digital_plugin.review.import_detections import FieldMapping, import_detections
    from review_demo import write_city
    with pytest.raises(ValueError, match="longer than the limit of 65,536"):
        store.insert("campaign", {"name": "x" * 1_000_000})
    assert store.count("campaign") == 0
    write_city(store, "test")
    pano = store.get("panorama", 5)
    path = tmp_path / "det.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "label", "score", "panorama_id", "xmin", "ymin", "xmax", "ymax"])
        w.writerow(["c1", "regulatory--no-entry--g1" + "x" * 100_000, "0.9", pano["id"], "300", "420", "330", "450"])
    mapping = FieldMapping(id="id", label="label", score="score", panorama="panorama_id", xmin="xmin", ymin="ymin",
                           xmax="xmax", ymax="ymax")
    before = store.count("detection")
    with pytest.raises(ValueError, match="longer than the limit"):
        import_detections(store, path, "csv", mapping)
    assert store.count("detection") == before
    with open(path, "a", newline="", encoding="utf-8") as fh:  # over csv's own field limit: a message too
        csv.writer(fh).writerow(["c2", "x" * 1_000_000, "0.9", pano["id"], "300", "420", "330", "450"])
    with pytest.raises(ValueError, match="could not be read"):
        import_detections(store, path, "csv", mapping)
    assert store.count("detection") == before
