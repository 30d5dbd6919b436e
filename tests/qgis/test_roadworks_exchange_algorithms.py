"""importroadworks / exportroadworks through processing.run, on GeoPackage and PostGIS stores."""
import csv
import json
import xml.etree.ElementTree as ET  # noqa: S405 - only to inspect our own output in tests
from pathlib import Path

import pytest
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry,
                       QgsProcessingException, QgsProject)
from shapely import wkt as shapely_wkt
from shapely.geometry import LineString

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.democity.roadworks import roadworks_rows
from herzlich_digital_plugin.democity.streets import core_street_coords
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.roadworks import repository as repo
from herzlich_digital_plugin.store import open_store

DATEX = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "datex2"
MDM_FILE = DATEX / "situation_2959413-4272241-4272242-4272245.xml"


@pytest.fixture(scope="module")
def provider(qgis_processing):
    registry = QgsApplication.processingRegistry()
    ours = registry.providerById(PROVIDER_ID)
    if ours is None:
        ours = HerzlichDigitalProvider()
        registry.addProvider(ours)
        yield ours
        registry.removeProvider(ours)
    else:
        yield ours


@pytest.fixture
def store_uri(request, backend, tmp_path):
    if backend == "gpkg":
        return str(tmp_path / "store.gpkg")
    return request.getfixturevalue("postgis_db")()


def run(algorithm, params):
    from qgis import processing
    return processing.run(f"{PROVIDER_ID}:{algorithm}", params)


def _csv(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def test_import_mdm_datex_with_unknown_types(provider, store_uri, tmp_path):
    data = MDM_FILE.read_bytes().replace(
        b"<situationRecord ", b'<situationRecord xsi:type="Accident" id="acc-1" version="1"/>'
                              b'<situationRecord xsi:type="PoorEnvironmentConditions" id="fog-1" version="1"/>'
                              b"<situationRecord ", 1)
    source = tmp_path / "publication.xml"
    source.write_bytes(data)
    report = tmp_path / "report.csv"
    out = run("importroadworks", {"INPUT": str(source), "STORE": store_uri, "REPORT": str(report),
                                  "ACTOR": "mdm-import"})
    assert (out["IMPORTED"], out["REJECTED"], out["SKIPPED"], out["UPDATED"]) == (12, 0, 2, 0)
    rows = _csv(report)
    assert rows[0] == ["source", "outcome", "reason"]
    assert {(r[0], r[1]) for r in rows[1:] if r[1] == "skipped"} == {("Accident", "skipped"),
                                                                    ("PoorEnvironmentConditions", "skipped")}
    with open_store(store_uri) as store:
        works = repo.find_by_external_id(store, "2959413-4272241-4272242-4272245")
        assert works.title == "L409 Lkw-Verbot"
        assert repo.history(store, works.id)[0].actor == "mdm-import"
        lon, lat = utm32_to_wgs84(*works.geometry.coords[0])
        assert 7.5 < lon < 10.5 and 47.5 < lat < 49.8
    again = run("importroadworks", {"INPUT": str(source), "STORE": store_uri})
    assert (again["IMPORTED"], again["UPDATED"]) == (0, 0)


def test_import_refuses_files_it_cannot_read(provider, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    with pytest.raises(QgsProcessingException):
        run("importroadworks", {"INPUT": str(bad), "STORE": str(tmp_path / "s.gpkg")})
    with open_store(str(tmp_path / "s.gpkg")) as store:
        assert store.count("roadworks") == 0


def test_import_geojson_in_a_crs_only_qgis_knows(provider, tmp_path):
    """EPSG:31467 (DHDN / Gauß-Krüger 3) needs a datum shift: the import uses the QGIS transform."""
    line = LineString([(411000.0, 5479000.0), (411200.0, 5479030.0)])
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:25832"),
                                       QgsCoordinateReferenceSystem("EPSG:31467"), QgsProject.instance())
    gk = QgsGeometry.fromWkt(line.wkt)
    gk.transform(transform)
    gk_line = shapely_wkt.loads(gk.asWkt(6))
    assert gk_line.hausdorff_distance(line) > 1000  # really another CRS
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::31467"}}
    collection = {"type": "FeatureCollection", "crs": crs,
                  "features": [{"type": "Feature", "geometry": {"type": "LineString",
                                                                "coordinates": [list(c) for c in gk_line.coords]},
                                "properties": {"title": "Gauß-Krüger", "planned_start": "2026-11-02T07:00:00+01:00"}}]}
    source = tmp_path / "gk.geojson"
    source.write_text(json.dumps(collection))
    out = run("importroadworks", {"INPUT": str(source), "STORE": str(tmp_path / "s.gpkg")})
    assert (out["IMPORTED"], out["REJECTED"]) == (1, 0)
    with open_store(str(tmp_path / "s.gpkg")) as store:
        (works,) = repo.list_roadworks(store)
    assert works.geometry.hausdorff_distance(line) < 0.5


def test_export_every_format(provider, store_uri, tmp_path):
    with open_store(store_uri) as store:
        store.insert_many("roadworks", roadworks_rows())
        # The demo roadworks carry no road name: the exports take it from the road table.
        store.insert_many("road", [{"name": name, "geom": LineString(coords)}
                                   for name, coords in core_street_coords().items()])
    counts = {}
    for index, fmt in enumerate(("wzdx", "datex2", "cifs", "geojson")):
        out = run("exportroadworks", {"STORE": store_uri, "FORMAT": index, "OUTPUT": str(tmp_path / f"out_{fmt}")})
        counts[fmt] = out["COUNT"]
        assert Path(out["OUTPUT"]).is_file()
    # Demo: 2 active, 1 approved, 2 planned, 1 completed.
    assert counts == {"wzdx": 3, "datex2": 6, "cifs": 3, "geojson": 6}
    wzdx = json.loads((tmp_path / "out_wzdx.geojson").read_text(encoding="utf-8"))
    assert wzdx["feed_info"]["version"] == "4.2"
    lon, lat = wzdx["features"][0]["geometry"]["coordinates"][0]
    assert 7.6 < lon < 7.9 and 49.3 < lat < 49.5  # Kaiserslautern, [lon, lat]
    cifs = json.loads((tmp_path / "out_cifs.json").read_text(encoding="utf-8"))
    lat, lon = (float(v) for v in cifs["incidents"][0]["polyline"].split()[:2])
    assert 7.6 < lon < 7.9 and 49.3 < lat < 49.5  # "lat lon"
    assert {i["street"] for i in cifs["incidents"]} == {"Pariser Straße", "Mannheimer Straße", "Schillerstraße"}
    assert {f["properties"]["core_details"]["road_names"][0] for f in wzdx["features"]} == {
        "Pariser Straße", "Mannheimer Straße", "Schillerstraße"}
    root = ET.parse(tmp_path / "out_datex2.xml").getroot()  # noqa: S314 - our own output
    pos = root.find(".//{http://datex2.eu/schema/3/locationReferencing}posList").text.split()
    assert 49.3 < float(pos[0]) < 49.5 and 7.6 < float(pos[1]) < 7.9  # "lat lon"
    # DATEX II goes back in through our own importer.
    back = run("importroadworks", {"INPUT": str(tmp_path / "out_datex2.xml"), "STORE": str(tmp_path / "b.gpkg")})
    assert (back["IMPORTED"], back["REJECTED"]) == (6, 0)


def test_export_status_filter(provider, tmp_path):
    uri = str(tmp_path / "s.gpkg")
    with open_store(uri) as store:
        store.insert_many("roadworks", roadworks_rows())
    out = run("exportroadworks", {"STORE": uri, "FORMAT": 3, "STATUS": [0, 3], "OUTPUT": str(tmp_path / "x.geojson")})
    assert out["COUNT"] == 3  # 2 planned + 1 completed
    statuses = {f["properties"]["status"] for f in json.loads(Path(out["OUTPUT"]).read_text())["features"]}
    assert statuses == {"planned", "completed"}
