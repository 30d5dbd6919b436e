"""Latest value of every datastream against the strict server: correct values, O(pages) requests, bad input."""
import math
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from herzlich_digital_plugin.core.geodesy import wgs84_to_utm32  # noqa: E402
from herzlich_digital_plugin.core.sensorthings import (FRESH, NO_DATA, STALE, FetchCancelled,  # noqa: E402
                                                       component_observation, marked_stale,
                                                       RequestsTransport, StaClient, StaError, aged, fetch_latest,
                                                       parse_observation, with_observation)
from herzlich_digital_plugin.democity.sensors import STATIONS, STREAMS, station_position  # noqa: E402
from sta_fixtures import demo_strict_server, expected_latest  # noqa: E402
from sta_strict_server import StrictSta  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 7, 30, tzinfo=timezone.utc)
UTC = timezone.utc


@pytest.fixture(scope="module")
def demo_server():
    sta = demo_strict_server(NOW, days=1.0)
    sta.start()
    yield sta
    sta.stop()


def _client(url, **options):
    return StaClient(url, RequestsTransport(timeout_s=20), **options)


def test_latest_values_of_the_demo_city(demo_server):
    now = demo_server.seeded_until + timedelta(minutes=5)
    snapshot = fetch_latest(_client(demo_server.url), now=now)
    assert len(snapshot.rows) == len(STREAMS) and snapshot.complete and not snapshot.notices
    assert snapshot.requests == 5  # root, Datastreams, MultiDatastreams, Things, ObservedProperties
    stations = {s.key: s for s in STATIONS}
    by_id = {row.datastream_id: row for row in snapshot.rows}
    for stream in STREAMS:
        row = by_id[demo_server.stream_ids[stream.key]]
        when, value = expected_latest(stream, demo_server.seeded_until)
        station = stations[stream.station]
        assert (row.time, row.value, row.result_kind) == (when, value, "numeric")
        assert (row.thing, row.datastream, row.observed_property, row.unit) == (
            station.name, stream.name, stream.observed_property, stream.unit)
        assert row.status == FRESH and row.age_s == pytest.approx(300.0)
        x, y = station_position(station)
        assert math.hypot(row.x - x, row.y - y) < 0.05  # lon/lat rounded to 1e-7° on the way, then projected back
        assert row.location_flag is None and row.collection == "Datastreams" and row.component is None


def test_status_turns_stale_with_age(demo_server):
    snapshot = fetch_latest(_client(demo_server.url), now=demo_server.seeded_until + timedelta(hours=2),
                            stale_after_s=3600)
    assert {row.status for row in snapshot.rows} == {STALE}
    assert all(row.age_s == pytest.approx(7200.0) for row in snapshot.rows)


def test_observed_property_filter(demo_server):
    snapshot = fetch_latest(_client(demo_server.url), observed_property="speed", now=NOW)
    assert sorted(row.datastream for row in snapshot.rows) == sorted(
        s.name for s in STREAMS if s.observed_property == "speed")
    assert {row.observed_property for row in snapshot.rows} == {"speed"}
    assert snapshot.requests == 4  # the filter names the property: no ObservedProperties request
    assert fetch_latest(_client(demo_server.url), observed_property="nothing").rows == []


def test_order_fallback_to_result_time_is_reported_and_remembered(demo_server):
    fault = demo_server.add_fault("status", path="Datastreams", query="phenomenonTime desc", status=500)
    try:
        client = _client(demo_server.url)
        snapshot = fetch_latest(client, now=NOW)
        assert snapshot.order_field == "resultTime"
        assert [n.code for n in snapshot.notices] == ["order_fallback"]
        assert "resultTime is used instead" in str(snapshot.notices[0])
        stream = STREAMS[0]
        row = next(r for r in snapshot.rows if r.datastream_id == demo_server.stream_ids[stream.key])
        assert (row.time, row.value) == expected_latest(stream, demo_server.seeded_until)
        hits = fault.hits
        again = fetch_latest(client, now=NOW)
        assert fault.hits == hits and again.requests == 4  # no second failing request; root is cached
    finally:
        demo_server.faults.remove(fault)


def test_errors_leave_no_snapshot(demo_server):
    fault = demo_server.add_fault("status", path="Things", status=500)
    try:
        with pytest.raises(StaError) as error:
            fetch_latest(_client(demo_server.url), now=NOW)
        assert error.value.status == 500
    finally:
        demo_server.faults.remove(fault)


def test_cancelled_between_requests(demo_server):
    with pytest.raises(FetchCancelled):
        fetch_latest(_client(demo_server.url), cancelled=lambda: True)


def test_requests_grow_with_pages_not_datastreams():
    sta = StrictSta(max_top=100)
    now = time.time()
    for t in range(500):
        thing = sta.add_thing(f"T{t}", (7.7, 49.4))
        for k, prop in enumerate(("traffic_volume", "speed", "occupancy", "no2")):
            stream = sta.add_datastream(thing, f"D{t}/{k}", prop, "u")
            sta.add_observations(stream, [now - 60], [float(t * 4 + k)])
    with sta.serve() as url:
        snapshot = fetch_latest(_client(url, page_size=1000))
    assert len(snapshot.rows) == 2000 and snapshot.complete
    assert sorted(row.value for row in snapshot.rows) == [float(i) for i in range(2000)]
    # root + 20 pages of Datastreams + 1 MultiDatastreams + 5 pages of Things + 1 ObservedProperties
    # + 4 × 5 pages for the four properties' truncated lists of 500 datastreams (read from their navigation paths)
    assert snapshot.requests == 1 + 20 + 1 + 5 + 1 + 20
    assert sta.requests_to("/Observations") == 0  # never one request per datastream


def test_multidatastream_components_become_rows():
    sta = StrictSta()
    thing = sta.add_thing("Radar", (7.75, 49.44))
    multi = sta.add_multidatastream(thing, "Radar MD", [("speed", "km/h"), ("traffic_volume", "veh/15min")])
    sta.add_observations(multi, [NOW.timestamp() - 900, NOW.timestamp()], [[48.0, 120], [51.5, 131]],
                         collection="MultiDatastreams")
    plain = sta.add_datastream(thing, "Temperatur", "air_temperature", "degC")
    sta.add_observations(plain, [NOW.timestamp()], [4.5])
    with sta.serve() as url:
        snapshot = fetch_latest(_client(url), now=NOW)
        speed_only = fetch_latest(_client(url), observed_property="speed", now=NOW)
    rows = {(r.collection, r.component): r for r in snapshot.rows}
    assert set(rows) == {("Datastreams", None), ("MultiDatastreams", 0), ("MultiDatastreams", 1)}
    assert (rows[("MultiDatastreams", 0)].value, rows[("MultiDatastreams", 0)].unit,
            rows[("MultiDatastreams", 0)].observed_property) == (51.5, "km/h", "speed")
    assert (rows[("MultiDatastreams", 1)].value, rows[("MultiDatastreams", 1)].unit) == (131.0, "veh/15min")
    assert rows[("MultiDatastreams", 1)].thing == "Radar"
    assert [(r.collection, r.component, r.value) for r in speed_only.rows] == [("MultiDatastreams", 0, 51.5)]


def test_interval_phenomenon_times():
    sta = StrictSta()
    stream = sta.add_datastream(sta.add_thing("Zähler", (7.7, 49.4)), "Q", "traffic_volume", "veh/15min")
    end = NOW.timestamp()
    sta.add_observations(stream, [end - 900, end], [10, 12], interval_s=900)
    with sta.serve() as url:
        row = fetch_latest(_client(url), now=NOW).rows[0]
    assert row.time == NOW.replace(microsecond=0) and row.time_start == row.time - timedelta(minutes=15)
    assert row.value == 12.0


def test_odd_results_are_kept_as_text_and_reported():
    sta = StrictSta()
    thing = sta.add_thing("Station", (7.7, 49.4))
    t = NOW.timestamp() - 60
    for name, result in (("text", "Sensor offline"), ("null", None), ("array", [1, 2]), ("number", "17.5"),
                         ("empty", "__none__")):
        stream = sta.add_datastream(thing, name, "x", "u")
        if result != "__none__":
            sta.add_observations(stream, [t], [result])
    with sta.serve() as url:
        snapshot = fetch_latest(_client(url), now=NOW)
    rows = {row.datastream: row for row in snapshot.rows}
    assert (rows["text"].value, rows["text"].result, rows["text"].result_kind) == (None, "Sensor offline", "text")
    assert (rows["array"].value, rows["array"].result, rows["array"].result_kind) == (None, "[1, 2]", "array")
    assert rows["number"].value == 17.5 and rows["number"].status == FRESH
    assert (rows["null"].value, rows["null"].status) == (None, NO_DATA) and rows["null"].time is not None
    assert (rows["empty"].value, rows["empty"].status, rows["empty"].time) == (None, NO_DATA, None)
    notice = next(n for n in snapshot.notices if n.code == "result_not_numeric")
    assert notice.params["count"] == 2


def test_bad_locations_are_flagged_and_swaps_corrected_inside_an_expected_area():
    sta = StrictSta()
    things = {
        "good": sta.add_thing("good", (7.76, 49.44)),
        "text": sta.add_thing("text", location="49.44,7.76", encoding="text/plain"),
        "wkt": sta.add_thing("wkt", location="POINT(7.76 49.44)"),
        "far": sta.add_thing("far", location={"type": "Point", "coordinates": [49.44, 107.76]}),
        "swapped": sta.add_thing("swapped", location={"type": "Point", "coordinates": [49.44, 7.76]}),
        "none": sta.add_thing("none"),
    }
    for name, thing in things.items():
        stream = sta.add_datastream(thing, name, "x", "u")
        sta.add_observations(stream, [NOW.timestamp()], [1.0])
    with sta.serve() as url:
        snapshot = fetch_latest(_client(url), now=NOW, expected_bbox=(7.5, 49.3, 8.0, 49.6))
    rows = {row.datastream: row for row in snapshot.rows}
    assert rows["good"].has_position and rows["good"].location_flag is None
    assert (rows["swapped"].lon, rows["swapped"].lat, rows["swapped"].location_flag) == (7.76, 49.44, "swapped")
    x, y = wgs84_to_utm32(7.76, 49.44)
    assert rows["swapped"].x == pytest.approx(float(x)) and rows["swapped"].y == pytest.approx(float(y))
    for name, flag in (("text", "not_geojson"), ("wkt", "not_geojson"), ("far", "out_of_range"), ("none", "missing")):
        assert not rows[name].has_position and rows[name].x is None and rows[name].location_flag == flag
    codes = {n.code: n.params["count"] for n in snapshot.notices}
    assert codes == {"location_not_geojson": 2, "location_out_of_range": 1, "location_swapped": 1}


def test_nested_lists_truncated_by_the_server_are_read_in_full():
    sta = StrictSta(max_top=100)
    thing = sta.add_thing("Viele", (7.7, 49.4))
    for i in range(150):
        sta.add_datastream(thing, f"D{i}", "traffic_volume", "veh")
    with sta.serve() as url:
        snapshot = fetch_latest(_client(url), now=NOW)
    assert len(snapshot.rows) == 150 and {row.thing for row in snapshot.rows} == {"Viele"}
    assert {row.observed_property for row in snapshot.rows} == {"traffic_volume"}
    assert sta.requests_to("/Things(1)/Datastreams") == 2 and not snapshot.notices


def test_datastreams_without_a_listed_thing_are_reported():
    sta = StrictSta()
    thing = sta.add_thing("T", (7.7, 49.4))
    kept, lost = sta.add_datastream(thing, "kept", "x", "u"), sta.add_datastream(thing, "lost", "x", "u")
    sta.entities["Things"][thing]["datastreams"].remove(lost)
    with sta.serve() as url:
        snapshot = fetch_latest(_client(url), now=NOW)
    rows = {row.datastream_id: row for row in snapshot.rows}
    assert rows[kept].thing == "T" and rows[lost].thing == "" and not rows[lost].has_position
    assert [(n.code, n.params["count"]) for n in snapshot.notices] == [("no_thing", 1)]


@pytest.mark.slow
def test_fifty_thousand_datastreams_are_capped_with_a_warning():
    sta = StrictSta(max_top=10000)
    for t in range(5001):
        thing = sta.add_thing(f"T{t}", (7.7, 49.4))
        for k in range(10):
            sta.add_datastream(thing, f"D{t}/{k}", "traffic_volume", "veh")
    with sta.serve() as url:
        started = time.perf_counter()
        snapshot = fetch_latest(_client(url, page_size=10000), now=NOW)
        seconds = time.perf_counter() - started
    assert len(snapshot.rows) == 50000 and not snapshot.complete
    capped = [n for n in snapshot.notices if n.code == "capped"]
    assert capped and capped[0].params == {"limit": 50000, "collection": "Datastreams"}
    assert "only the first 50000 are used" in str(capped[0])
    assert seconds < 60


def test_rows_update_from_newer_observations_only():
    sta = StrictSta()
    stream = sta.add_datastream(sta.add_thing("T", (7.7, 49.4)), "Q", "x", "u")
    sta.add_observations(stream, [NOW.timestamp() - 600], [5.0])
    with sta.serve() as url:
        fetch_row = fetch_latest(_client(url), now=NOW).rows[0]
    newer = parse_observation({"phenomenonTime": "2026-11-20T09:07:00Z", "result": 9})
    older = parse_observation({"phenomenonTime": "2026-11-20T08:00:00Z", "result": 1})
    row = with_observation(fetch_row, newer, NOW)
    assert (row.value, row.time, row.age_s, row.status) == (9.0, datetime(2026, 11, 20, 9, 7, tzinfo=UTC), 30.0,
                                                            FRESH)
    assert with_observation(row, older, NOW) is row
    assert aged(row, NOW + timedelta(hours=3)).status == STALE
    assert replace(row, value=1.0).key == row.key == ("Datastreams", str(stream), -1)


def test_a_failed_refresh_marks_rows_stale_but_keeps_values():
    sta = StrictSta()
    thing = sta.add_thing("T", (7.7, 49.4))
    with_data, without = sta.add_datastream(thing, "a", "x", "u"), sta.add_datastream(thing, "b", "x", "u")
    sta.add_observations(with_data, [NOW.timestamp()], [4.0])
    with sta.serve() as url:
        rows = {row.datastream_id: row for row in fetch_latest(_client(url), now=NOW).rows}
    kept = marked_stale(rows[with_data])
    assert (kept.value, kept.time, kept.status) == (4.0, rows[with_data].time, STALE)
    assert marked_stale(rows[without]).status == NO_DATA


def test_multidatastream_messages_split_into_components():
    observation = parse_observation({"phenomenonTime": "2026-11-20T09:00:00Z", "result": [48.5, "x"]})
    assert component_observation(observation, 0).value == 48.5
    assert component_observation(observation, 1).kind == "text" and component_observation(observation, 7).kind == "null"


def test_without_an_expected_area_the_area_of_the_data_catches_swaps_and_strays():
    """#17 defect 5: under qgis_process there is no default view; the other sensors tell where the data lies."""
    sta = StrictSta()
    for i in range(5):
        thing = sta.add_thing(f"Zählstelle {i}", (7.74 + 0.01 * i, 49.43 + 0.005 * i))
        sta.add_observations(sta.add_datastream(thing, f"ok{i}", "x", "u"), [NOW.timestamp()], [1.0])
    swapped = sta.add_thing("Vertauscht", location={"type": "Point", "coordinates": [49.44, 7.76]})
    stray = sta.add_thing("Berlin", (13.40, 52.52))
    for name, thing in (("swapped", swapped), ("stray", stray)):
        sta.add_observations(sta.add_datastream(thing, name, "x", "u"), [NOW.timestamp()], [1.0])
    with sta.serve() as url:
        snapshot = fetch_latest(_client(url), now=NOW)
    rows = {row.datastream: row for row in snapshot.rows}
    assert (rows["swapped"].lon, rows["swapped"].lat, rows["swapped"].location_flag) == (7.76, 49.44, "swapped")
    assert (rows["stray"].lon, rows["stray"].lat, rows["stray"].location_flag) == (13.40, 52.52, "implausible")
    assert all(rows[f"ok{i}"].location_flag is None for i in range(5))
    codes = {n.code: n.params["count"] for n in snapshot.notices}
    assert codes == {"location_swapped": 1, "location_implausible": 1}


def test_two_positions_are_no_area_to_judge_by():
    sta = StrictSta()
    for name, position in (("a", (7.76, 49.44)), ("b", (49.44, 7.76))):
        sta.add_observations(sta.add_datastream(sta.add_thing(name, position), name, "x", "u"), [NOW.timestamp()], [1])
    with sta.serve() as url:
        snapshot = fetch_latest(_client(url), now=NOW)
    assert {row.location_flag for row in snapshot.rows} == {None} and not snapshot.notices
