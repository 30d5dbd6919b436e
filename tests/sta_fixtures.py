"""Fixtures for the SensorThings tests: the independent Django server, mosquitto, and seeded strict servers.

Import the fixtures into a test module (``from sta_fixtures import django_sta  # noqa: F401``). The processes
are started once per test session even when several modules import them (module-level cache).
"""
import os
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Dict

import pytest
import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

from demo.sta_server.processes import MosquittoProcess, StaServerProcess  # noqa: E402
from demo.sta_server.seed import Seeder, last_slot, seed, station_lonlat  # noqa: E402
from herzlich_digital_plugin.democity.randomness import DEFAULT_SEED  # noqa: E402
from herzlich_digital_plugin.democity.sensors import SLOT_S, STATIONS, STREAMS, stream_values  # noqa: E402
from sta_strict_server import StrictSta  # noqa: E402

SEED_DAYS = 2
EXTRA_DATASTREAMS = 130  # one Thing with more datastreams than this server's page (100): paging and truncation
_RUNNING: Dict[str, object] = {}


@dataclass
class DjangoSta:
    url: str  # service root, .../sensorthings/v1.1
    ids: Dict[str, object]  # stream key -> datastream id (UUID strings)
    extra_ids: Dict[int, object]  # extra datastream index -> id
    seeded_until: datetime  # the last 15-minute slot seeded
    process: StaServerProcess


def _finalise(request, key, stop):
    def finish():
        if _RUNNING.pop(key, None) is not None:
            stop()
    request.session.config.add_cleanup(finish)


@pytest.fixture(scope="session")
def django_sta(request, tmp_path_factory) -> DjangoSta:
    """django-ogc-sensorthings 1.2.0 on SQLite at 127.0.0.1, seeded through its API: the demo city's 17
    datastreams (two days of 15-minute values) and a test Thing with 130 more datastreams."""
    if "django" in _RUNNING:
        return _RUNNING["django"]
    process = StaServerProcess(tmp_path_factory.mktemp("sta_django")).start()
    try:
        now = datetime.now(timezone.utc)
        ids = seed(process.url, days=SEED_DAYS, now=now)
        extra = _seed_extra(process.url, now)
    except Exception:
        process.stop()
        raise
    server = DjangoSta(process.url, ids, extra, last_slot(now), process)
    _RUNNING["django"] = server
    _finalise(request, "django", process.stop)
    return server


def _seed_extra(url: str, now: datetime) -> Dict[int, object]:
    seeder = Seeder(url)
    seeder._post("ObservedProperties", {"name": "test_count", "definition": "urn:test", "description": "test"})
    prop = seeder._ids_by("ObservedProperties", lambda e: e.get("name"))["test_count"]
    sensor = next(iter(seeder._ids_by("Sensors", lambda e: e.get("name")).values()))
    seeder._post("Things", {
        "name": "Teststrecke", "description": "many datastreams", "properties": {"hd_key": "test"},
        "Locations": [{"name": "Teststrecke", "description": "test", "encodingType": "application/geo+json",
                       "location": {"type": "Point", "coordinates": [7.75, 49.45]}}],
        "Datastreams": [{"name": f"Test {i:03d}", "description": "test",
                         "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                         "unitOfMeasurement": {"name": "count", "symbol": "n", "definition": "urn:test:n"},
                         "properties": {"hd_key": f"test_{i:03d}"},
                         "ObservedProperty": {"@iot.id": prop}, "Sensor": {"@iot.id": sensor}}
                        for i in range(EXTRA_DATASTREAMS)]})
    by_key = seeder._ids_by("Datastreams", lambda e: (e.get("properties") or {}).get("hd_key"))
    extra = {i: by_key[f"test_{i:03d}"] for i in range(EXTRA_DATASTREAMS)}
    when = (last_slot(now) - timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    seeder._flush([{"Datastream": {"@iot.id": extra[i]}, "components": ["phenomenonTime", "result"],
                    "dataArray": [[when, float(i)]]} for i in range(EXTRA_DATASTREAMS)])
    return extra


@pytest.fixture(scope="session")
def mosquitto(request, tmp_path_factory) -> MosquittoProcess:
    """A real mosquitto broker on a free port of 127.0.0.1 (FAILS when the Debian package is missing)."""
    if "mosquitto" in _RUNNING:
        return _RUNNING["mosquitto"]
    if MosquittoProcess.binary() is None:
        pytest.fail("mosquitto is not installed: `make deps` installs the Debian package", pytrace=False)
    broker = MosquittoProcess(tmp_path_factory.mktemp("mosquitto")).start()
    _RUNNING["mosquitto"] = broker
    _finalise(request, "mosquitto", broker.stop)
    return broker


# ----------------------------------------------------------------------------------------------- strict server

def expected_latest(stream, until: datetime, seed_value: int = DEFAULT_SEED):
    """(time, value) of a demo stream's last slot at or before ``until``."""
    times, values = stream_values(stream, until - timedelta(seconds=SLOT_S), until, seed_value)
    return datetime.fromtimestamp(int(times[-1]), tz=timezone.utc), float(values[-1])


def demo_strict_server(now: datetime, days: float = 1.0, **options) -> StrictSta:
    """A strict server with the demo city's stations and ``days`` of 15-minute values up to ``now``."""
    sta = StrictSta(**options)
    end = last_slot(now)
    start = end - timedelta(days=days) + timedelta(seconds=SLOT_S)
    things = {}
    for station in STATIONS:
        things[station.key] = sta.add_thing(station.name, station_lonlat(station))
    sta.stream_ids = {}
    for stream in STREAMS:
        did = sta.add_datastream(things[stream.station], stream.name, stream.observed_property, stream.unit)
        times, values = stream_values(stream, start, end, DEFAULT_SEED)
        sta.add_observations(did, times.tolist(), values.tolist())
        sta.stream_ids[stream.key] = did
    sta.seeded_until = end
    return sta


def http_ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False


__all__ = ["django_sta", "mosquitto", "demo_strict_server", "expected_latest", "DjangoSta", "SEED_DAYS",
           "EXTRA_DATASTREAMS", "os"]
