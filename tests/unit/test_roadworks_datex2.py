"""DATEX II: the two real MDM publications (Baden-Württemberg, DATEX II 2.0, "lat lon" posLists) with known
answers, DATEX II 3 input, unknown record types, unusable locations, XML attacks, and export → import."""
import re
import xml.etree.ElementTree as ET  # noqa: S405 - only to inspect our own output in tests
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from shapely.geometry import LineString, Polygon

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.democity.roadworks import roadworks_rows
from herzlich_digital_plugin.roadworks import repository as repo
from herzlich_digital_plugin.roadworks.datex2 import export_datex2, import_datex2, read_datex2
from herzlich_digital_plugin.roadworks.exchange_geo import to_wgs84
from herzlich_digital_plugin.roadworks.exchange_xml import XmlError
from herzlich_digital_plugin.roadworks.model import Roadworks

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "datex2"
FILE_1 = FIXTURES / "situation_1487640.xml"
FILE_2 = FIXTURES / "situation_2959413-4272241-4272242-4272245.xml"
CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))


def lonlat(works):
    geom = to_wgs84(works.geometry)
    coords = geom.exterior.coords if geom.geom_type == "Polygon" else geom.coords
    return np.array(coords)


def by_id(doc):
    return {c.source: c for c in doc.candidates}


# ---------------------------------------------------------------------------- the real MDM files

def test_mdm_file_1_known_answers():
    doc = read_datex2(FILE_1.read_bytes())
    assert doc.version == 2
    assert doc.publication_time == datetime(2024, 2, 26, 15, 30, 32, 364000, tzinfo=CET)
    # 4 records: 2 MaintenanceWorks (one per direction) and their 2 road closures, merged into them.
    assert sorted(by_id(doc)) == ["1487640-1487641-1487644-3508083", "1487640-1487641-1487644-3508083-gegen"]
    assert doc.merged == 2 and not doc.skipped_types
    works = by_id(doc)["1487640-1487641-1487644-3508083"].works
    assert works.title == "Bauphase"
    assert works.road_name == "L154 Albbruck-St. Blasien"
    assert works.planned_start == datetime(2015, 6, 1, 0, 0, tzinfo=CEST)
    assert works.planned_end == datetime(2030, 12, 31, 23, 59, tzinfo=CET)
    assert works.restriction == "full_closure"  # roadClosed of the "-sperrung" record
    assert works.lanes_closed == 1 and works.direction == "forward"
    assert works.status == "active"  # "requested" in the file; running at publication time
    assert works.description == "Sonstiges"
    assert works.notes.count("Recommended route:") == 2
    assert works.responsible_body.startswith("DE-MDM-Straßenbauverwaltung Baden-Württemberg")
    assert works.external_id == "1487640-1487641-1487644-3508083"
    # "lat lon" order: the first posList pair is 47.606283 8.110689, the last 47.622449 8.089138.
    coords = lonlat(works)
    assert len(coords) == 102
    assert coords[0] == pytest.approx([8.110689, 47.606283], abs=1e-7)
    assert coords[-1] == pytest.approx([8.089138, 47.622449], abs=1e-7)
    gegen = by_id(doc)["1487640-1487641-1487644-3508083-gegen"].works
    assert lonlat(gegen)[0] == pytest.approx([8.089138, 47.622449], abs=1e-7)  # the other direction, reversed
    assert gegen.road_name == "L154 St. Blasien-Albbruck"
    assert gegen.planned_end == datetime(2024, 12, 31, 23, 59, tzinfo=CET)


def test_mdm_file_2_known_answers():
    doc = read_datex2(FILE_2.read_bytes())
    records = by_id(doc)
    # 22 records: 10 ConstructionWorks, 2 MaintenanceWorks, 10 RoadOrCarriagewayOrLaneManagement.
    assert len(records) == 12 and doc.merged == 10 and not doc.skipped_types
    assert all(c.works is not None for c in doc.candidates)
    truck_ban = records["2959413-4272241-4272242-4272245"].works
    assert truck_ban.title == "L409 Lkw-Verbot"
    assert truck_ban.road_name == "L409 B294/L409 Krähenhart-B462/L409 Klosterreichenbach"
    assert truck_ban.planned_start == datetime(2024, 2, 19, 7, 0, tzinfo=CET)
    assert truck_ban.planned_end == datetime(2024, 5, 3, 17, 0, tzinfo=CEST)
    assert truck_ban.restriction == "none" and truck_ban.lanes_closed == 0  # no lane restricted
    assert truck_ban.status == "active"  # published 2024-03-05
    closure = records["2959413-2959414-2959417-3570981"].works
    assert closure.title == "BA1" and closure.restriction == "full_closure"
    assert closure.status == "completed"  # ended 2022-12-15, published 2024
    assert records["2959413-4272228-4272229-4272234"].works.road_name == "B462 Freudenstadt-Baiersbronn"
    kinds = {c.works.description for c in doc.candidates}
    assert kinds == {"Straßenausbau", "Sonstiges"}


@pytest.mark.parametrize("path", [FILE_1, FILE_2], ids=["1487640", "2959413"])
def test_mdm_coordinates_are_read_lat_lon(path):
    """Both files lie in Baden-Württemberg: lat 47.5-49.8, lon 7.5-10.5. Read the other way round, every
    "longitude" would be 47-49 and fail this."""
    doc = read_datex2(path.read_bytes())
    for candidate in doc.candidates:
        coords = lonlat(candidate.works)
        assert ((coords[:, 0] > 7.5) & (coords[:, 0] < 10.5)).all(), candidate.source
        assert ((coords[:, 1] > 47.5) & (coords[:, 1] < 49.8)).all(), candidate.source
        assert candidate.works.geometry.length > 100  # metres in EPSG:25832, not degrees


def test_import_into_the_store(store):
    report = import_datex2(store, FILE_2.read_bytes(), actor="import")
    assert (report.imported, report.updated, report.unchanged, len(report.rejected)) == (12, 0, 0, 0)
    assert store.count("roadworks") == 12 and store.count("roadworks_history") == 12
    assert {h.action for w in repo.list_roadworks(store) for h in repo.history(store, w.id)} == {"import"}
    # The same file again changes nothing; a newer publication updates through the lifecycle.
    again = import_datex2(store, FILE_2.read_bytes(), actor="import")
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 12)
    assert store.count("roadworks") == 12 and store.count("roadworks_history") == 12


def test_reimport_updates_with_history(store):
    import_datex2(store, FILE_1.read_bytes(), actor="import")
    newer = FILE_1.read_bytes().replace(b"2030-12-31T23:59:00.000+01:00", b"2031-06-30T23:59:00.000+02:00")
    report = import_datex2(store, newer, actor="import2")
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 1)
    works = repo.find_by_external_id(store, "1487640-1487641-1487644-3508083")
    assert works.planned_end == datetime(2031, 6, 30, 23, 59, tzinfo=CEST) and works.version == 2
    last = repo.history(store, works.id)[-1]
    assert (last.actor, last.action) == ("import2", "import")
    assert last.old == {"planned_end": "2030-12-31T22:59:00.000Z"}


# ---------------------------------------------------------------------------- unknown types, bad locations

def _inject(data: bytes, records: str) -> bytes:
    return data.replace(b"<situationRecord ", records.encode() + b"<situationRecord ", 1)


def test_unknown_record_types_are_skipped_and_counted(store):
    extra = ('<situationRecord xsi:type="Accident" id="acc-1" version="1"/>'
             '<situationRecord xsi:type="Accident" id="acc-2" version="1"/>'
             '<situationRecord xsi:type="AbnormalTraffic" id="jam-1" version="1"/>'
             '<situationRecord xsi:type="SpeedManagement" id="speed-alone" version="1"/>')
    report = import_datex2(store, _inject(FILE_2.read_bytes(), extra), actor="import")
    assert report.imported == 12 and not report.rejected
    # The SpeedManagement names no works and its situation has several: not roadworks on its own.
    assert dict(report.skipped_types) == {"Accident": 2, "AbnormalTraffic": 1, "SpeedManagement": 1}
    assert "Accident × 2" in report.summary() and "AbnormalTraffic × 1" in report.summary()


def test_records_without_usable_location_are_rejected_with_the_reason(store):
    data = FILE_1.read_bytes().decode()
    # Record 1: only ALERT-C codes. Record 2 (-gegen): no location at all. Their closures stay merged.
    alert_c = ("<groupOfLocations xsi:type=\"Linear\"><alertCLinear xsi:type=\"AlertCMethod4Linear\">"
               "<alertCLocationCountryCode>D</alertCLocationCountryCode>"
               "<alertCLocationTableNumber>1</alertCLocationTableNumber></alertCLinear></groupOfLocations>")
    parts = re.split(r"(<groupOfLocations xsi:type=\"Linear\">.*?</groupOfLocations>)", data, flags=re.S)
    locations = [i for i, p in enumerate(parts) if p.startswith("<groupOfLocations")]
    parts[locations[0]] = alert_c
    parts[locations[2]] = ""
    report = import_datex2(store, "".join(parts).encode(), actor="import")
    reasons = dict(report.rejected)
    assert report.imported == 0 and store.count("roadworks") == 0
    assert "ALERT-C" in reasons["1487640-1487641-1487644-3508083"]
    assert "no location" in reasons["1487640-1487641-1487644-3508083-gegen"]


def test_xml_with_entities_is_refused_and_nothing_is_imported(store):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<d2LogicalModel xmlns="http://datex2.eu/schema/2/2_0">&b;</d2LogicalModel>')
    with pytest.raises(XmlError, match="DTD or entities"):
        import_datex2(store, bomb, actor="import")
    with pytest.raises(XmlError, match="not a DATEX II"):
        import_datex2(store, b"<kml xmlns='http://www.opengis.net/kml/2.2'/>", actor="import")
    with pytest.raises(XmlError, match="not well-formed"):
        import_datex2(store, FILE_1.read_bytes()[:500], actor="import")
    assert store.count("roadworks") == 0


# ---------------------------------------------------------------------------- DATEX II 3 input

DATEX3 = """<?xml version="1.0" encoding="UTF-8"?>
<mc:messageContainer xmlns:mc="http://datex2.eu/schema/3/messageContainer" xmlns:sit="http://datex2.eu/schema/3/situation"
    xmlns:loc="http://datex2.eu/schema/3/locationReferencing" xmlns:com="http://datex2.eu/schema/3/common"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" modelBaseVersion="3">
  <mc:payload xsi:type="sit:SituationPublication" lang="de">
    <com:publicationTime>2026-07-05T19:15:00Z</com:publicationTime>
    <sit:situation id="S1">
      <sit:situationRecord xsi:type="sit:ConstructionWorks" id="S1-works" version="2">
        <sit:validity><com:validityTimeSpecification>
          <com:overallStartTime>2026-07-13T07:00:00Z</com:overallStartTime>
          <com:overallEndTime>2026-07-15T14:00:00Z</com:overallEndTime>
        </com:validityTimeSpecification></sit:validity>
        <sit:generalPublicComment><sit:comment><com:values><com:value lang="de">Brückensanierung</com:value>
          </com:values></sit:comment><sit:commentType>roadworksName</sit:commentType></sit:generalPublicComment>
        <sit:locationReference xsi:type="loc:LocationGroupByList">
          <loc:locationContainedInGroup xsi:type="loc:LinearLocation">
            <loc:gmlLineString srsName="urn:ogc:def:crs:OGC:1.3:CRS84"><loc:posList>7.7700 49.4400 7.7710 49.4405</loc:posList></loc:gmlLineString>
          </loc:locationContainedInGroup>
          <loc:locationContainedInGroup xsi:type="loc:LinearLocation">
            <loc:gmlLineString><loc:posList>49.4405 7.7710 49.4410 7.7725</loc:posList></loc:gmlLineString>
          </loc:locationContainedInGroup>
        </sit:locationReference>
        <sit:operatorActionStatus>approved</sit:operatorActionStatus>
      </sit:situationRecord>
      <sit:situationRecord xsi:type="sit:SpeedManagement" id="S1-speed" version="2">
        <sit:cause xsi:type="sit:ManagedCause"><sit:managedCause targetClass="sit:SituationRecord" id="S1-works" version="2"/></sit:cause>
        <sit:speedManagementType>speedRestrictionInOperation</sit:speedManagementType>
        <sit:temporarySpeedLimit>40.0</sit:temporarySpeedLimit>
      </sit:situationRecord>
    </sit:situation>
    <sit:situation id="S2">
      <sit:situationRecord xsi:type="sit:MaintenanceWorks" id="S2-works" version="1">
        <sit:validity><com:validityTimeSpecification>
          <com:overallStartTime>2026-07-01T05:00:00+02:00</com:overallStartTime>
        </com:validityTimeSpecification></sit:validity>
        <sit:locationReference xsi:type="loc:PointLocation">
          <loc:pointByCoordinates><loc:pointCoordinates><loc:latitude>49.4450</loc:latitude>
            <loc:longitude>7.7600</loc:longitude></loc:pointCoordinates></loc:pointByCoordinates>
        </sit:locationReference>
      </sit:situationRecord>
    </sit:situation>
  </mc:payload>
</mc:messageContainer>"""


def test_datex3_line_groups_points_crs84_and_speed():
    doc = read_datex2(DATEX3.encode())
    assert doc.version == 3
    records = by_id(doc)
    works = records["S1-works"].works
    assert works.title == "Brückensanierung" and works.status == "approved" and works.speed_limit == 40
    # CRS84 (lon lat) and default (lat lon) lines join into one line of three points.
    assert lonlat(works) == pytest.approx(np.array([[7.77, 49.44], [7.771, 49.4405], [7.7725, 49.441]]), abs=1e-7)
    point = records["S2-works"]
    assert point.works.planned_end is None and point.works.status == "active"
    assert point.works.geometry.geom_type == "Polygon"
    assert point.works.geometry.area == pytest.approx(np.pi * 20 ** 2, rel=0.01)
    centre = utm32_to_wgs84(point.works.geometry.centroid.x, point.works.geometry.centroid.y)
    assert centre == pytest.approx((7.76, 49.445), abs=1e-6)
    assert "circle of 20 m" in point.warnings[0]


# ---------------------------------------------------------------------------- export → import

def _stored(store):
    works = [
        Roadworks(title="Kanalsanierung Pariser Straße", description="Erneuerung DN 800 & Hausanschlüsse <neu>",
                  geometry=LineString([(411000.0, 5479000.0), (411080.5, 5479020.25), (411160.0, 5479090.0)]),
                  planned_start=datetime(2026, 9, 14, 7, tzinfo=CEST), planned_end=datetime(2026, 12, 18, 17, tzinfo=CET),
                  actual_start=datetime(2026, 9, 14, 7, 30, tzinfo=CEST), status="active", restriction="one_lane",
                  direction="backward", lanes_closed=1, speed_limit=30, road_name="Pariser Straße",
                  responsible_body="Stadtentwässerung Kaiserslautern AöR", contractor="Tiefbau Becker GmbH",
                  contact="Herr Becker, 0631 123456", order_number="VRA-2026-0412", notes="Anlieger frei"),
        Roadworks(title="Platzumbau Stiftsplatz", geometry=Polygon(
            [(410500, 5478500), (410560, 5478500), (410560, 5478540), (410500, 5478540)],
            [[(410520, 5478510), (410530, 5478510), (410530, 5478520), (410520, 5478520)]]),
            planned_start=datetime(2027, 3, 1, 6, tzinfo=CET), planned_end=datetime(2027, 6, 1, 16, tzinfo=CEST),
            status="planned", restriction="full_closure", responsible_body="Referat Tiefbau"),
        Roadworks(title="Glasfaser Schillerstraße", geometry=LineString([(410900, 5478900), (411000, 5478950)]),
                  planned_start=datetime(2026, 10, 5, 7, tzinfo=CEST), planned_end=datetime(2026, 12, 4, 16, tzinfo=CET),
                  status="approved", restriction="shoulder", responsible_body="Referat Tiefbau"),
    ]
    return [repo.create(store, w, actor="planer") for w in works]


COMPARED = ("title", "description", "planned_start", "planned_end", "actual_start", "actual_end", "status",
            "restriction", "direction", "lanes_closed", "speed_limit", "road_name", "responsible_body", "contractor",
            "contact", "order_number", "notes")


def _same_geometry(a, b):
    """Two roadworks' geometries agree within 1e-6° at every vertex and 0.1 m anywhere."""
    assert a.geometry.geom_type == b.geometry.geom_type
    ca, cb = lonlat(a), lonlat(b)
    assert ca.shape == cb.shape
    assert np.abs(ca - cb).max() < 1e-6  # degrees
    assert a.geometry.hausdorff_distance(b.geometry) < 0.1  # metres
    if a.geometry.geom_type == "Polygon":
        assert len(a.geometry.interiors) == len(b.geometry.interiors)


def test_export_import_round_trip(store, tmp_path):
    originals = _stored(store)
    text = export_datex2(originals, now=datetime(2026, 11, 1, tzinfo=timezone.utc))
    from herzlich_digital_plugin.store import open_store
    with open_store(str(tmp_path / "other.gpkg")) as other:
        report = import_datex2(other, text.encode(), actor="import")
        assert (report.imported, len(report.rejected), report.merged, report.skipped) == (3, 0, 4, 0)
        for original in originals:
            back = repo.find_by_external_id(other, "hd-roadworks-%d" % original.id)
            for name in COMPARED:
                assert getattr(back, name) == getattr(original, name), name
            _same_geometry(back, original)


def test_standard_datex_part_round_trips_without_our_extension(store):
    originals = _stored(store)
    text = export_datex2(originals)
    plain = re.sub(r"<sit:_situationRecordExtension>.*?</sit:_situationRecordExtension>", "", text, flags=re.S)
    assert "hd:" not in plain.split("?>", 1)[1].replace('xmlns:hd=', "")
    doc = read_datex2(plain.encode(), now=datetime(2026, 11, 1, tzinfo=timezone.utc))
    records = by_id(doc)
    for original in originals:
        back = records["hd-roadworks-%d" % original.id].works
        for name in ("title", "description", "notes", "restriction", "lanes_closed", "speed_limit",
                     "responsible_body"):
            assert getattr(back, name) == getattr(original, name), name
        # the standard validity is the effective period: the actual start of a running site (issue 14)
        assert (back.planned_start, back.planned_end) == (original.start, original.end)
        _same_geometry(back, original)
    # Without our extension the status comes from operatorActionStatus (planned is "requested" → by time).
    assert records["hd-roadworks-%d" % originals[0].id].works.status == "active"
    assert records["hd-roadworks-%d" % originals[2].id].works.status == "approved"


def test_a_chosen_detour_is_published_as_rerouting_and_read_back(store, tmp_path):
    detour = LineString([(411000, 5479000), (411000, 5479100), (411160, 5479100), (411160, 5479090)])
    works = repo.create(store, Roadworks(
        title="Vollsperrung Pariser Straße", geometry=LineString([(411000.0, 5479000.0), (411160.0, 5479090.0)]),
        planned_start=datetime(2026, 9, 14, 7, tzinfo=CEST), planned_end=datetime(2026, 12, 18, 17, tzinfo=CET),
        status="approved", restriction="full_closure", detour=detour.wkt), actor="planer")
    text = export_datex2([works])
    assert 'xsi:type="sit:ReroutingManagement"' in text and "loc:ItineraryByIndexedLocations" in text
    from herzlich_digital_plugin.store import open_store
    with open_store(str(tmp_path / "other.gpkg")) as other:
        report = import_datex2(other, text.encode(), actor="import")
        assert (report.imported, report.skipped) == (1, 0)
        back = repo.find_by_external_id(other, "hd-roadworks-%d" % works.id)
        from shapely import wkt
        assert wkt.loads(back.detour).hausdorff_distance(detour) < 0.1


def test_validity_uses_the_actual_start_of_active_works(store):
    originals = _stored(store)
    active = next(w for w in originals if w.status == "active")
    assert active.actual_start != active.planned_start
    text = export_datex2(originals)
    record = text.split('id="hd-roadworks-%d"' % active.id, 2)[2]
    start = re.search(r"<com:overallStartTime>([^<]+)</com:overallStartTime>", record).group(1)
    assert datetime.fromisoformat(start.replace("Z", "+00:00")) == active.actual_start


def test_export_axis_order_and_structure(store):
    originals = _stored(store)
    root = ET.fromstring(export_datex2(originals))  # noqa: S314 - our own output
    ns = {"sit": "http://datex2.eu/schema/3/situation", "loc": "http://datex2.eu/schema/3/locationReferencing"}
    assert root.tag == "{http://datex2.eu/schema/3/d2Payload}payload"
    records = root.findall(".//sit:situationRecord", ns)
    types = [r.get("{http://www.w3.org/2001/XMLSchema-instance}type") for r in records]
    assert types.count("sit:MaintenanceWorks") == 3 and types.count("sit:SpeedManagement") == 1
    first = root.find(".//sit:situationRecord/sit:locationReference/loc:gmlLineString", ns)
    assert first.get("srsName") == "EPSG:4326"
    values = [float(v) for v in first.find("loc:posList", ns).text.split()]
    lon, lat = utm32_to_wgs84(411000.0, 5479000.0)
    assert values[:2] == pytest.approx([lat, lon], abs=1e-8)  # "lat lon"
    assert 49 < values[0] < 50 and 7 < values[1] < 8
    area = root.find(".//loc:gmlMultiPolygon/loc:gmlPolygon", ns)
    assert area is not None and len(area.findall("loc:interior", ns)) == 1


def test_demo_city_roadworks_round_trip(store, tmp_path):
    store.insert_many("roadworks", roadworks_rows())
    originals = repo.list_roadworks(store)
    assert len(originals) == 6
    from herzlich_digital_plugin.store import open_store
    with open_store(str(tmp_path / "copy.gpkg")) as other:
        report = import_datex2(other, export_datex2(originals).encode(), actor="import")
        assert report.imported == 6 and not report.rejected
        for original in originals:
            back = repo.find_by_external_id(other, "hd-roadworks-%d" % original.id)
            for name in COMPARED:
                assert getattr(back, name) == getattr(original, name), (original.title, name)
            _same_geometry(back, original)
