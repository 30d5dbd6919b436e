"""SensorThings client, pure parts: addresses and ids, times, results, locations, messages."""
from datetime import datetime, timedelta, timezone

import pytest

from herzlich_digital_plugin.core.sensorthings import MESSAGES, Notice, StaError, parse_id
from herzlich_digital_plugin.core.sensorthings.locations import (NOT_GEOJSON, OUT_OF_RANGE, SWAPPED,
                                                                 location_position, thing_position)
from herzlich_digital_plugin.core.sensorthings.observations import (ARRAY, NULL, NUMERIC, OBJECT, TEXT, format_time,
                                                                    numeric_result, parse_observation,
                                                                    parse_phenomenon_time, parse_time)
from herzlich_digital_plugin.core.sensorthings.urls import (build_url, clean_next_link, entity_path, format_id,
                                                            normalise_root)

UTC = timezone.utc


def test_entity_paths_quote_string_ids_and_not_integer_ids():
    assert entity_path("Datastreams", 5, "Observations") == "Datastreams(5)/Observations"
    assert entity_path("Datastreams", "5") == "Datastreams('5')"
    assert entity_path("Things", "0189-ab") == "Things('0189-ab')"
    assert format_id("o'brien") == "'o''brien'"
    with pytest.raises(TypeError):
        format_id(True)


@pytest.mark.parametrize("text, expected", [("5", 5), ("'5'", "5"), ("abc-1", "abc-1"), ("'o''b'", "o'b"),
                                            (" 12 ", 12)])
def test_ids_typed_by_a_user(text, expected):
    assert parse_id(text) == expected and type(parse_id(text)) is type(expected)


def test_service_root_is_normalised_without_trailing_slash():
    assert normalise_root("http://h:8080/FROST-Server/v1.1/") == "http://h:8080/FROST-Server/v1.1"
    assert normalise_root(" https://h/v1.1?x=1 ") == "https://h/v1.1"
    for bad in ("ftp://h/v1.1", "h/v1.1", ""):
        with pytest.raises(ValueError):
            normalise_root(bad)


def test_query_values_are_encoded_but_odata_syntax_stays_readable():
    url = build_url("http://h/v1.1", "Datastreams", [("$filter", "phenomenonTime ge 2026-01-01T00:00:00+01:00"),
                                                     ("$expand", "Observations($top=1;$orderby=a desc)")])
    assert url == ("http://h/v1.1/Datastreams?$filter=phenomenonTime%20ge%202026-01-01T00:00:00%2B01:00"
                   "&$expand=Observations($top=1;$orderby=a%20desc)")


def test_next_links_stay_opaque_except_stray_spaces():
    current = "http://h/api/v1.1/Things?$top=100"
    raw = "http://h/api/v1.1/Things?$expand=Datastreams($orderby=name desc)&$top=100&$skip=100&x=%2B1"
    assert clean_next_link(raw, current) == (
        "http://h/api/v1.1/Things?$expand=Datastreams($orderby=name%20desc)&$top=100&$skip=100&x=%2B1")
    assert clean_next_link("Things?$skip=5", current) == "http://h/api/v1.1/Things?$skip=5"


def test_phenomenon_time_instant_and_interval():
    start, end = parse_phenomenon_time("2026-11-20T10:00:00Z/2026-11-20T10:15:00.500Z")
    assert start == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 20, 10, 15, 0, 500000, tzinfo=UTC)
    assert parse_phenomenon_time("2026-11-20T11:00:00+01:00") == (datetime(2026, 11, 20, 10, tzinfo=UTC),) * 2
    assert parse_time("2026-11-20T10:00:00") == datetime(2026, 11, 20, 10, tzinfo=UTC)  # no zone: UTC
    assert parse_phenomenon_time("yesterday") == (None, None) and parse_phenomenon_time(None) == (None, None)


def test_format_time_is_utc_with_z_and_never_a_plus():
    when = datetime(2026, 3, 29, 3, 0, tzinfo=timezone(timedelta(hours=2)))
    assert format_time(when) == "2026-03-29T01:00:00Z"
    assert format_time(datetime(2026, 1, 1, 0, 0, 0, 250000, tzinfo=UTC)) == "2026-01-01T00:00:00.250Z"


@pytest.mark.parametrize("result, value, kind", [
    (12, 12.0, NUMERIC), (12.5, 12.5, NUMERIC), ("12,5", 12.5, NUMERIC), (" 7 ", 7.0, NUMERIC), (True, 1.0, NUMERIC),
    (None, None, NULL), ("stau", None, TEXT), ("", None, TEXT), ("nan", None, TEXT), ([1, 2], None, ARRAY),
    ({"a": 1}, None, OBJECT), (float("inf"), None, TEXT)])
def test_results_become_numbers_only_when_they_are_numbers(result, value, kind):
    assert numeric_result(result) == (value, kind)


def test_observation_uses_the_end_of_an_interval_and_components_of_arrays():
    entity = {"phenomenonTime": "2026-11-20T10:00:00Z/2026-11-20T10:15:00Z", "result": [51.5, "x", None]}
    whole = parse_observation(entity)
    assert whole.time == datetime(2026, 11, 20, 10, 15, tzinfo=UTC) and whole.kind == ARRAY
    assert whole.start == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert parse_observation(entity, 0).value == 51.5
    assert parse_observation(entity, 1).kind == TEXT and parse_observation(entity, 2).kind == NULL
    assert parse_observation(entity, 5).kind == NULL
    only_result_time = parse_observation({"resultTime": "2026-11-20T09:00:00Z", "result": 3})
    assert only_result_time.time == datetime(2026, 11, 20, 9, tzinfo=UTC)


def test_location_geojson_point_feature_and_polygon():
    point = location_position({"encodingType": "application/geo+json",
                               "location": {"type": "Point", "coordinates": [7.76, 49.44, 240.0]}})
    assert (point.lon, point.lat, point.flag) == (7.76, 49.44, None)
    feature = location_position({"encodingType": "application/vnd.geo+json", "location": {
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [7.7, 49.4]}}})
    assert (feature.lon, feature.lat) == (7.7, 49.4)
    polygon = location_position({"location": {"type": "Polygon", "coordinates": [
        [[7.0, 49.0], [8.0, 49.0], [8.0, 50.0], [7.0, 49.0]]]}})
    assert (polygon.lon, polygon.lat) == (7.5, 49.5)


@pytest.mark.parametrize("entity", [
    {"encodingType": "text/plain", "location": "49.44, 7.76"},
    {"encodingType": "application/geo+json", "location": "POINT (7.76 49.44)"},
    {"encodingType": "application/geo+json", "location": {"type": "Point", "coordinates": ["7.7", "49.4"]}},
    {"encodingType": "application/geo+json", "location": {"lat": 49.44, "lon": 7.76}},
    "not an entity"])
def test_location_not_geojson_is_flagged(entity):
    position = location_position(entity)
    assert position.flag == NOT_GEOJSON and not position.usable


def test_swapped_coordinates_out_of_range_are_flagged_and_in_range_corrected_with_an_area():
    out = location_position({"location": {"type": "Point", "coordinates": [49.44, 107.76]}})
    assert out.flag == OUT_OF_RANGE and not out.usable
    kaiserslautern = (7.5, 49.3, 8.0, 49.6)
    swapped = location_position({"location": {"type": "Point", "coordinates": [49.44, 7.76]}}, kaiserslautern)
    assert (swapped.lon, swapped.lat, swapped.flag) == (7.76, 49.44, SWAPPED)
    unknown_area = location_position({"location": {"type": "Point", "coordinates": [49.44, 7.76]}})
    assert unknown_area.flag is None  # without an expected area, an in-range swap cannot be told apart


def test_thing_position_takes_the_first_usable_location():
    bad = {"encodingType": "text/plain", "location": "x"}
    good = {"location": {"type": "Point", "coordinates": [7.7, 49.4]}}
    assert thing_position([bad, good]).lon == 7.7
    assert thing_position([bad]).flag == NOT_GEOJSON
    assert thing_position([]).flag == "missing"


def test_messages_translate_and_survive_broken_translations():
    error = StaError("server_error", 500, url="http://h/v1.1/Things", detail="boom")
    assert "HTTP 500" in str(error) and "boom" in str(error)
    assert error.text(lambda s: s.replace("failed", "versagte")).startswith("The SensorThings server versagte")
    assert error.text(lambda s: "{nonsense}") == str(error)
    notice = Notice("capped", {"limit": 5, "collection": "Datastreams"})
    assert str(notice) == "The server has more than 5 Datastreams: only the first 5 are used."
    assert all("{" not in key for key in MESSAGES)
