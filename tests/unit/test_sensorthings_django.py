"""The client against an STA server someone else wrote: django-ogc-sensorthings 1.2.0 on SQLite, over HTTP.

Its known gaps (HTTP 500 for $orderby=phenomenonTime, $top > 100 rejected, malformed nested next links, raw
spaces in next links, UUID ids, no MultiDatastream, root only with a trailing slash) must not change the
results: the values are compared with the demo city's series the server was seeded from.
"""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo.sta_server.feeder import Feeder, live_value  # noqa: E402
from demo.sta_server.seed import station_lonlat  # noqa: E402
from herzlich_digital_plugin.core.sensorthings import (RequestsTransport, StaClient, fetch_history,  # noqa: E402
                                                       fetch_latest)
from herzlich_digital_plugin.democity.randomness import DEFAULT_SEED  # noqa: E402
from herzlich_digital_plugin.democity.sensors import STATIONS, STREAMS, stream_values  # noqa: E402
import sta_fixtures  # noqa: E402
from sta_fixtures import EXTRA_DATASTREAMS, expected_latest  # noqa: E402

django_sta = sta_fixtures.django_sta  # the session fixture

pytestmark = pytest.mark.slow


def _client(url, **options):
    return StaClient(url, RequestsTransport(timeout_s=60), **options)


def test_the_server_has_the_gaps_the_client_works_around(django_sta):
    root = django_sta.url
    assert requests.get(root, timeout=10).status_code == 404  # the root needs its trailing slash
    assert requests.get(f"{root}/Observations?$orderby=phenomenonTime desc", timeout=10).status_code == 500
    assert requests.get(f"{root}/Things?$top=1000", timeout=10).status_code == 422
    link = requests.get(f"{root}/Datastreams?$filter=name ne 'x'", timeout=10).json()["@iot.nextLink"]
    assert " " in link  # unencoded spaces
    assert "'" in requests.get(f"{root}/Things?$top=1", timeout=10).json()["value"][0]["@iot.selfLink"]


def test_service_root_without_the_slash_is_found(django_sta):
    client = _client(django_sta.url)
    info = client.service()
    assert info.root == django_sta.url and info.has("Datastreams") and not info.multidatastream
    assert client.requests == 2


def test_latest_values_equal_the_seeded_series(django_sta):
    client = _client(django_sta.url)
    snapshot = fetch_latest(client, now=django_sta.seeded_until + timedelta(minutes=1))
    assert len(snapshot.rows) == len(STREAMS) + EXTRA_DATASTREAMS and snapshot.complete
    assert snapshot.order_field == "resultTime"
    assert [n.code for n in snapshot.notices] == ["order_fallback"]
    by_id = {row.datastream_id: row for row in snapshot.rows}
    stations = {s.key: s for s in STATIONS}
    for stream in STREAMS:
        row = by_id[django_sta.ids[stream.key]]
        assert isinstance(row.datastream_id, str) and len(row.datastream_id) == 36  # UUIDs
        assert (row.time, row.value) == expected_latest(stream, django_sta.seeded_until)
        station = stations[stream.station]
        assert (row.thing, row.datastream, row.observed_property, row.unit) == (
            station.name, stream.name, stream.observed_property, stream.unit)
        assert (row.lon, row.lat) == station_lonlat(station) and row.status == "fresh"
    extra = [row for row in snapshot.rows if row.thing == "Teststrecke"]
    assert len(extra) == EXTRA_DATASTREAMS  # the Thing's expanded list was cut at 100: read in full
    assert {row.observed_property for row in extra} == {"test_count"}
    assert sorted(row.value for row in extra) == [float(i) for i in range(EXTRA_DATASTREAMS)]
    # root ×2, Datastreams: rejected $top, 500 for phenomenonTime twice (a refusal is confirmed, #17), 2 pages;
    # Things 1 + 2 for the cut list; ObservedProperties 1 + 2 for test_count's cut list
    assert snapshot.requests <= 13


def test_a_second_refresh_skips_the_requests_that_failed(django_sta):
    client = _client(django_sta.url)
    fetch_latest(client)
    again = fetch_latest(client)
    assert again.requests == 2 + 1 + 2 + 1 + 2  # Datastreams 2 pages, Things 1 + 2, ObservedProperties 1 + 2
    assert len(again.rows) == len(STREAMS) + EXTRA_DATASTREAMS


def test_observed_property_filter(django_sta):
    snapshot = fetch_latest(_client(django_sta.url), observed_property="occupancy")
    assert sorted(row.datastream_id for row in snapshot.rows) == sorted(
        django_sta.ids[s.key] for s in STREAMS if s.observed_property == "occupancy")
    assert {row.observed_property for row in snapshot.rows} == {"occupancy"}


def test_history_pages_through_next_links_with_spaces(django_sta):
    stream = next(s for s in STREAMS if s.key == "radar_v")
    end = django_sta.seeded_until
    start = end - timedelta(hours=30)
    history = fetch_history(_client(django_sta.url), django_sta.ids[stream.key], start, end)
    times, values = stream_values(stream, start, end, DEFAULT_SEED)
    assert len(history) == 121 and history.complete
    assert np.array_equal(history.times, times.astype(float)) and np.array_equal(history.values, values)
    assert history.requests >= 1 + 2  # root, and the observations on two pages of 100


def test_feeder_posts_live_values_that_the_client_reads(django_sta):
    when = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(minutes=20)  # after every seeded slot
    posted = Feeder(django_sta.url, django_sta.ids).feed_once(when)
    assert len(posted) == len(STREAMS)
    snapshot = fetch_latest(_client(django_sta.url), now=when)
    by_id = {row.datastream_id: row for row in snapshot.rows}
    for stream in STREAMS:
        row = by_id[django_sta.ids[stream.key]]
        assert row.time == when and row.value == posted[stream.key] == live_value(stream, when)
        assert row.age_s == 0.0
