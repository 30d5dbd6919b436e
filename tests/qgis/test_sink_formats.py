"""Every FeatureSink algorithm writes all its features in every output format, through processing.run and through
the real qgis_process binary (issue 13/17: a caught error's traceback kept processAlgorithm's frame, and with it
the sink, alive, so a GeoPackage stayed empty)."""
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsVectorLayer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from herzlich_digital_plugin.democity.sensors import STREAMS  # noqa: E402
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider  # noqa: E402
from qgis_process_runner import QgisProcess, qgis_process_binary  # noqa: E402
from sta_fixtures import demo_strict_server  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 7, 30, tzinfo=timezone.utc)
FORMATS = ("gpkg", "sqlite", "geojson", "csv")
ROADS = """{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:25832"}},
"features": [
{"type": "Feature",
 "properties": {"name": "Nord", "oneway": 0, "speed_limit": 50}, "geometry": {"type": "LineString", "coordinates": [[0, 100], [100, 100]]}},
{"type": "Feature",
 "properties": {"name": "West", "oneway": 0, "speed_limit": 50}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [0, 100]]}},
{"type": "Feature",
 "properties": {"name": "Ost", "oneway": 0, "speed_limit": 50}, "geometry": {"type": "LineString", "coordinates": [[100, 0], [100, 100]]}},
{"type": "Feature",
 "properties": {"name": "Sued", "oneway": 0, "speed_limit": 50}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [100, 0]]}},
{"type": "Feature",
 "properties": {"name": "Zufahrt", "oneway": 0, "speed_limit": 50}, "geometry": {"type": "LineString", "coordinates": [[-100, 0], [0, 0]]}},
{"type": "Feature",
 "properties": {"name": "Abfahrt", "oneway": 0, "speed_limit": 50}, "geometry": {"type": "LineString", "coordinates": [[100, 0], [200, 0]]}}
]}"""
CLOSURE = """{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:25832"}},
"features": [{"type": "Feature", "properties": {"restriction": "full_closure"},
"geometry": {"type": "LineString", "coordinates": [[10, 0], [90, 0]]}}]}"""


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


@pytest.fixture(scope="module")
def slash_server():
    """A strict SensorThings server whose root answers only with a trailing slash (404 without)."""
    sta = demo_strict_server(NOW, days=1.0)
    sta.start()
    sta.add_fault("status", path=re.escape(sta.base_path) + "$", status=404)
    yield sta
    sta.stop()


@pytest.fixture(scope="module")
def qgis_process(tmp_path_factory):
    if qgis_process_binary() is None:
        pytest.skip("qgis_process is not installed")
    return QgisProcess(tmp_path_factory.mktemp("qgis_process"))


def _cases(server, folder: Path):
    """(algorithm, parameters without OUTPUT, expected feature count)."""
    stream = STREAMS[0]
    end = server.seeded_until
    (folder / "roads.geojson").write_text(ROADS, encoding="utf-8")
    (folder / "closure.geojson").write_text(CLOSURE, encoding="utf-8")
    return [
        ("fetchsensors", {"URL": server.url}, len(server.stream_ids)),
        ("sensorhistory", {"URL": server.url, "DATASTREAM": str(server.stream_ids[stream.key]),
                           "START": (end - timedelta(hours=6)).isoformat(), "END": end.isoformat()}, None),
        ("detourroute", {"ROADS": str(folder / "roads.geojson"), "CLOSURES": str(folder / "closure.geojson"),
                         "AVOID_OTHER_WORKS": "false"}, 4),  # closed stretch + detour, for both directions
    ]


def _count(path: str) -> int:
    layer = QgsVectorLayer(path, "out", "ogr")
    if not layer.isValid() and path.endswith(".sqlite"):
        # GDAL lists a table without geometry in a SQLite file only by name
        layer = QgsVectorLayer(f"{path}|layername={Path(path).stem}", "out", "ogr")
    assert layer.isValid(), f"{path} is not a readable layer"
    return layer.featureCount()


def _expected(algorithm, expected, result):
    if expected is not None:
        return expected
    return int(result["COUNT"])  # sensorhistory: as many as it reports


@pytest.mark.parametrize("fmt", FORMATS + ("memory",))
def test_every_sink_format_through_processing_run(provider, slash_server, tmp_path, fmt):
    from qgis import processing

    for algorithm, parameters, expected in _cases(slash_server, tmp_path):
        output = "memory:" if fmt == "memory" else str(tmp_path / f"{algorithm}.{fmt}")
        result = processing.run(f"herzlich_digital:{algorithm}", dict(parameters, OUTPUT=output))
        wanted = _expected(algorithm, expected, result)
        assert wanted > 0, algorithm
        if fmt == "memory":
            assert result["OUTPUT"].featureCount() == wanted, algorithm
        else:
            assert _count(result["OUTPUT"]) == wanted, f"{algorithm} → {fmt}"


@pytest.mark.slow
def test_every_sink_format_through_qgis_process(slash_server, qgis_process, tmp_path):
    for algorithm, parameters, expected in _cases(slash_server, tmp_path):
        for fmt in FORMATS + ("memory",):
            output = "TEMPORARY_OUTPUT" if fmt == "memory" else str(tmp_path / f"{algorithm}.{fmt}")
            code, answer, stderr = qgis_process.run(algorithm, dict(parameters, OUTPUT=output))
            assert code == 0 and answer, f"{algorithm} → {fmt}: {stderr[-2000:]}"
            results = answer["results"]
            wanted = _expected(algorithm, expected, results)
            assert wanted > 0, algorithm
            if fmt == "memory":  # qgis_process answers with the id of a layer that ends with the process
                assert results.get("DATASTREAMS", results.get("COUNT", wanted)) == wanted, algorithm
                continue
            assert _count(results["OUTPUT"]) == wanted, f"{algorithm} → {fmt} under qgis_process"
