"""Hostile and unusual input files: JSON nested 200,000 deep (detections, roadworks, SensorThings answers),
Windows-1252 detection CSVs, UTF-16 DATEX II. A clear message or a correct import, never a traceback."""
import csv
import json

import pytest

from herzlich_digital_plugin.core.json_limits import JsonTooDeepError, check_json_depth, json_depth
from herzlich_digital_plugin.core.sensorthings import StaError
from herzlich_digital_plugin.core.sensorthings.client import parse_json
from herzlich_digital_plugin.review.import_detections import FieldMapping, import_detections
from herzlich_digital_plugin.roadworks.exchange_io import ExchangeError, import_roadworks_file
from herzlich_digital_plugin.roadworks.geojson import GeoJsonError
from review_demo import write_city
from shared_fixtures import shared_fixture

DEEP = "[" * 200000 + "]" * 200000


def _deep_geojson():
    return '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"x": ' + DEEP + \
        '}, "geometry": null}]}'


def test_json_depth_skips_strings_and_counts_levels():
    assert json_depth('{"a": [1, {"b": "[[[[[[[["}]}') == 3
    assert json_depth(b'"\\"[[["') == 0 and json_depth("") == 0
    assert json_depth(DEEP) == 200000
    with pytest.raises(JsonTooDeepError):
        check_json_depth(DEEP)


def test_detections_nested_too_deep_are_a_message_and_nothing_written(store, tmp_path):
    path = tmp_path / "deep.geojson"
    path.write_text(_deep_geojson())
    before = store.count("detection")
    with pytest.raises(ValueError, match="nests deeper than 200 levels"):
        import_detections(store, path, "mapillary-geojson")
    assert store.count("detection") == before and store.count("model_run") == 0


def test_roadworks_nested_too_deep_are_a_message_and_nothing_written(store, tmp_path):
    path = tmp_path / "deep.geojson"
    path.write_text(_deep_geojson())
    with pytest.raises(GeoJsonError, match="nests deeper than 200 levels"):
        import_roadworks_file(store, path, "test")
    assert store.count("roadworks") == 0


def test_a_sensorthings_answer_nested_too_deep_is_a_message():
    with pytest.raises(StaError) as caught:
        parse_json('{"value": ' + DEEP + "}", "http://sta.example/v1.1/Things")
    assert caught.value.code == "truncated_json" and "deeper than 200" in caught.value.text()


def test_a_windows_1252_detection_csv_is_read(store, tmp_path):
    write_city(store, "test")
    pano = store.get("panorama", 5)
    path = tmp_path / "excel.csv"
    with open(path, "w", newline="", encoding="cp1252") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["id", "label", "score", "panorama_id", "xmin", "ymin", "xmax", "ymax", "bemerkung"])
        w.writerow(["ü1", "regulatory--no-entry--g1", "0,91", pano["id"], "300", "420", "330", "450",
                    "Straße gesperrt – 5 €"])
    mapping = FieldMapping(id="id", label="label", score="score", panorama="panorama_id", xmin="xmin",
                           ymin="ymin", xmax="xmax", ymax="ymax")
    report = import_detections(store, path, "csv", mapping, model_run="excel")
    assert report.imported == 1, report.rejected
    assert [r["external_id"] for r in store.select("detection", {"external_id": ["ü1"]})] == ["ü1"]


def test_a_utf16_datex2_publication_imports_like_its_utf8_original(store):
    original = shared_fixture("datex2", "situation_2959413-4272241-4272242-4272245.xml").read_bytes()
    text = original.decode("utf-8")
    declaration_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?>' + text[declaration_end:]).encode("utf-16")
    assert utf16[:2] in (b"\xff\xfe", b"\xfe\xff")
    report = import_roadworks_file(store, utf16, "import")
    assert (report.imported, len(report.rejected)) == (12, 0)


def test_garbage_is_still_neither_format(store):
    with pytest.raises(ExchangeError, match="neither"):
        import_roadworks_file(store, "¿qué?".encode("utf-16"), "import")
    assert json.loads("[1]") == [1]
