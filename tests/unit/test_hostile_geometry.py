"""Impossible positions never reach a layer: folder-import GPS plausibility (as the table import checks) and
non-finite coordinates refused wherever the store writes a geometry."""
import datetime as dt

import pytest
from shapely.geometry import LineString, Point, Polygon

from herzlich_digital_plugin.core import gpano
from herzlich_digital_plugin.panorama.import_folder import import_folder
from herzlich_digital_plugin.store import GeometryError
from panorama_import_demo import small_jpeg

T = dt.datetime(2024, 5, 6, 10, 0, 0, tzinfo=dt.timezone.utc)


def _jpeg(lat, lon):
    return small_jpeg(64, 32, gpano.PanoMeta(lat=lat, lon=lon, altitude=240.0, heading=90.0, pitch=0.0, roll=0.0,
                                             captured_at=T))


@pytest.mark.parametrize("lat, lon, words", [
    (0.0, 0.0, "without a GPS fix"),
    (90.0, 7.76, "outside the valid range"),
    (49.44, 99.0, "too far from UTM zone 32"),
    (40.71, -74.0, "too far from UTM zone 32"),  # New York into a Kaiserslautern store
])
def test_folder_import_rejects_impossible_gps_positions(store, tmp_path, lat, lon, words):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.jpg").write_bytes(_jpeg(lat, lon))
    (folder / "good.jpg").write_bytes(_jpeg(49.4447, 7.7690))
    report = import_folder(store, folder, "GPS")
    reasons = dict(report.rejected)
    assert report.imported == 1 and words in reasons["bad.jpg"], reasons
    assert [r["image_uri"].rsplit("/", 1)[-1] for r in store.select("panorama")] == ["good.jpg"]


@pytest.mark.parametrize("geom", [Point(float("inf"), float("nan"), 0.0), Point(float("nan"), 5480000.0, 240.0),
                                  LineString([(0, 0), (float("inf"), 1)])])
def test_non_finite_coordinates_are_refused_by_the_store(store, geom):
    campaign = store.insert("campaign", {"name": "x"})
    row = {"campaign_id": campaign, "image_uri": "a.jpg", "heading": 0.0, "width": 64, "height": 32}
    if geom.geom_type == "Point":
        with pytest.raises(GeometryError, match="not finite"):
            store.insert("panorama", dict(row, geom=geom))
        assert store.count("panorama") == 0
    else:
        from herzlich_digital_plugin.store.geometry import check_geometry
        with pytest.raises(GeometryError, match="not finite"):
            check_geometry(geom, "LINESTRING")
    check = Polygon([(0, 0), (1, 0), (1, 1)])
    from herzlich_digital_plugin.store.geometry import check_geometry
    check_geometry(check, "POLYGON")  # finite ones still pass
