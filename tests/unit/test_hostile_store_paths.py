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
