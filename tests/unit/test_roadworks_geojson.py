"""GeoJSON: [lon, lat] in EPSG:4326 with every field, back into the store; other CRSs named in the file."""
import json
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from shapely.geometry import LineString, Polygon, mapping
from shapely.ops import transform

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.roadworks import repository as repo
from herzlich_digital_plugin.roadworks.exchange_geo import to_wgs84
from herzlich_digital_plugin.roadworks.exchange_io import ExchangeError, export_roadworks, import_roadworks_file
from herzlich_digital_plugin.roadworks.geojson import GeoJsonError, export_geojson, import_geojson, read_geojson
from herzlich_digital_plugin.roadworks.model import Roadworks

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 7, 0, tzinfo=CET)
LINE = LineString([(411000.0, 5479000.0), (411100.0, 5479020.0), (411200.0, 5479030.0)])
DETOUR = LineString([(411000.0, 5479000.0), (411000.0, 5479200.0), (411200.0, 5479200.0)])


def works(**changes):
    base = Roadworks(title="Kanalsanierung", geometry=LINE, planned_start=T0, planned_end=T0 + timedelta(days=9),
                     actual_start=T0 + timedelta(hours=1), status="active", restriction="lanes_one_direction",
                     direction="backward", lanes_closed=2, speed_limit=30, description="Beschreibung",
                     road_name="Pariser Straße", responsible_body="Stadt", contractor="Becker", contact="0631 1",
                     order_number="VRA-1", notes="Notiz", detour=DETOUR.wkt, external_id="ext-1")
    return base.replace(**changes)


def test_export_is_lon_lat_with_every_field(store):
    stored = repo.create(store, works(), actor="planer")
    collection = export_geojson([stored])
    assert "crs" not in collection  # RFC 7946: WGS84 lon/lat
    (feature,) = collection["features"]
    lon, lat = utm32_to_wgs84(411000.0, 5479000.0)
    assert feature["geometry"]["type"] == "LineString"
    assert feature["geometry"]["coordinates"][0] == pytest.approx([lon, lat], abs=1e-8)
    props = feature["properties"]
    assert props["planned_start"] == "2026-11-02T06:00:00.000Z" and props["status"] == "active"
    assert props["order_number"] == "VRA-1" and props["direction"] == "backward" and props["version"] == 1
    assert props["detour"]["type"] == "LineString"
    assert props["detour"]["coordinates"][-1] == pytest.approx(list(utm32_to_wgs84(411200.0, 5479200.0)), abs=1e-8)
    json.dumps(collection)  # plain JSON


def test_round_trip_through_the_store(store, tmp_path):
    originals = [repo.create(store, works(), actor="p"),
                 repo.create(store, works(title="Platz", external_id="ext-2", detour=None, geometry=Polygon(
                     [(410500, 5478500), (410560, 5478500), (410560, 5478540), (410500, 5478540)])), actor="p")]
    result = export_roadworks(store, "geojson", tmp_path / "out.geojson")
    assert result.count == 2
    from herzlich_digital_plugin.store import open_store
    with open_store(str(tmp_path / "copy.gpkg")) as other:
        report = import_roadworks_file(other, tmp_path / "out.geojson", actor="import")
        assert (report.imported, report.rejected) == (2, [])
        for original in originals:
            back = repo.find_by_external_id(other, original.external_id)
            for name in ("title", "planned_start", "planned_end", "actual_start", "status", "restriction",
                         "direction", "lanes_closed", "speed_limit", "description", "road_name", "responsible_body",
                         "contractor", "contact", "order_number", "notes"):
                assert getattr(back, name) == getattr(original, name), name
            assert back.geometry.hausdorff_distance(original.geometry) < 0.1
            if original.detour:
                from shapely import wkt
                assert wkt.loads(back.detour).hausdorff_distance(DETOUR) < 0.1
        # Importing the same file again updates nothing.
        again = import_roadworks_file(other, tmp_path / "out.geojson", actor="import")
        assert (again.imported, again.unchanged) == (0, 2)


def _feature_collection(geom, crs=None, **props):
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": mapping(geom), "properties": dict(
        {"title": "Baustelle", "planned_start": "2026-11-02T07:00:00+01:00"}, **props)}]}
    if crs:
        fc["crs"] = {"type": "name", "properties": {"name": crs}}
    return fc


def _lonlat_line():
    return to_wgs84(LINE)


@pytest.mark.parametrize("crs, geom", [
    (None, _lonlat_line()),
    ("urn:ogc:def:crs:OGC:1.3:CRS84", _lonlat_line()),
    ("urn:ogc:def:crs:EPSG::4326", _lonlat_line()),  # still x = lon in GeoJSON
    ("EPSG:25832", LINE),
    ("http://www.opengis.net/def/crs/EPSG/0/25832", LINE),
    ("urn:ogc:def:crs:EPSG::4647", transform(lambda x, y: (np.asarray(x) + 32_000_000.0, y), LINE)),
    ("EPSG:3857", transform(lambda x, y: (np.radians(x) * 6378137.0,
                                          np.log(np.tan(np.pi / 4 + np.radians(y) / 2)) * 6378137.0),
                            _lonlat_line())),
])
def test_crs_named_in_the_file(crs, geom):
    (candidate,) = read_geojson(_feature_collection(geom, crs))
    assert candidate.works is not None, candidate.reason
    assert candidate.works.geometry.hausdorff_distance(LINE) < 0.01


def test_unknown_crs_needs_a_transform():
    collection = _feature_collection(LINE, "EPSG:31467")
    with pytest.raises(GeoJsonError, match="EPSG:31467"):
        read_geojson(collection)
    seen = []

    def factory(name):
        seen.append(name)
        return lambda g: transform(lambda x, y: (np.asarray(x) - 3_089_000.0, y), g)
    shifted = transform(lambda x, y: (np.asarray(x) + 3_089_000.0, y), LINE)
    (candidate,) = read_geojson(_feature_collection(shifted, "EPSG:31467"), crs_transform=factory)
    assert seen == ["EPSG:31467"]
    assert candidate.works.geometry.hausdorff_distance(LINE) < 1e-6


def test_bad_features_are_rejected_with_reasons_and_nothing_half_saved(store):
    good = _feature_collection(_lonlat_line())["features"][0]
    naive = dict(good, properties=dict(good["properties"], planned_start="2026-11-02T07:00:00"))
    no_geometry = dict(good, geometry=None)
    bowtie = dict(good, geometry=mapping(to_wgs84(Polygon(
        [(411000, 5479000), (411100, 5479100), (411100, 5479000), (411000, 5479100)]))))
    bad_number = dict(good, properties=dict(good["properties"], lanes_closed=1.5))
    data = {"type": "FeatureCollection", "features": [good, naive, no_geometry, bowtie, bad_number]}
    report = import_geojson(store, json.dumps(data).encode(), actor="import")
    assert report.imported == 1
    reasons = [reason for _, reason in report.rejected]
    assert len(reasons) == 4
    assert "time zone" in reasons[0] and "no geometry" in reasons[1]
    assert "crosses itself" in reasons[2] and "whole number" in reasons[3]
    assert store.count("roadworks") == 1 and store.count("roadworks_history") == 1


def test_not_geojson():
    with pytest.raises(GeoJsonError):
        read_geojson(b"{not json")
    with pytest.raises(GeoJsonError):
        read_geojson({"type": "Topology"})
    with pytest.raises(ExchangeError):
        import_roadworks_file(None, b"name;x;y\n", actor="import")
