"""Ordering of "latest" and of the history: a temporary error never switches to resultTime for good (#17)."""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from herzlich_digital_plugin.core.sensorthings import (RequestsTransport, StaClient, StaError,  # noqa: E402
                                                       fetch_history, fetch_latest)
from herzlich_digital_plugin.core.sensorthings import latest as latest_module  # noqa: E402
from sta_strict_server import StrictSta  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def _late_correction_server():
    """Five datastreams; each has its newest measurement (phenomenonTime NOW-60 s, value 10+i) and a late
    correction of an hour-old measurement written afterwards (resultTime NOW-10 s, value 99)."""
    sta = StrictSta(max_top=2)
    thing = sta.add_thing("Zählstelle", (7.76, 49.44))
    streams = []
    for i in range(5):
        stream = sta.add_datastream(thing, f"Q{i}", "traffic_volume", "Kfz/15 min")
        sta.add_observations(stream, [NOW.timestamp() - 60], [10 + i])
        oid = sta._new_id("Observations")
        sta.observations[("Datastreams", stream)].add(oid, NOW.timestamp() - 3600, None,
                                                      NOW.timestamp() - 10, 99)
        sta.observation_index[oid] = ("Datastreams", stream)
        streams.append(stream)
    return sta, streams


def _client(url):
    return StaClient(url, RequestsTransport(timeout_s=20), page_size=2)


def _values(snapshot):
    return sorted(row.value for row in snapshot.rows)


def test_a_500_on_a_later_page_fails_the_refresh_and_keeps_phenomenon_time():
    sta, _ = _late_correction_server()
    with sta.serve() as url:
        client = _client(url)
        fault = sta.add_fault("status", path="Datastreams", query="$skip=2", status=500, count=1)
        with pytest.raises(StaError) as error:
            fetch_latest(client, now=NOW)
        assert error.value.status == 500 and error.value.page == 2 and fault.hits == 1
        assert client.order_fallback_status is None
        again = fetch_latest(client, now=NOW)
    assert again.order_field == "phenomenonTime" and not again.notices
    assert _values(again) == [10, 11, 12, 13, 14]  # never the late correction 99


def test_a_single_500_on_the_first_page_is_retried_not_taken_as_a_refusal():
    sta, _ = _late_correction_server()
    with sta.serve() as url:
        client = _client(url)
        fault = sta.add_fault("status", path="Datastreams", query="phenomenonTime desc", status=500, count=1)
        snapshot = fetch_latest(client, now=NOW)
    assert fault.hits == 1 and snapshot.order_field == "phenomenonTime" and not snapshot.notices
    assert _values(snapshot) == [10, 11, 12, 13, 14] and client.order_fallback_status is None


def test_an_outage_of_every_query_is_no_refusal():
    sta, _ = _late_correction_server()
    with sta.serve() as url:
        client = _client(url)
        client.service()
        fault = sta.add_fault("status", path="Datastreams", status=500)
        with pytest.raises(StaError):
            fetch_latest(client, now=NOW)
        assert fault.hits == 3 and client.order_fallback_status is None  # twice phenomenonTime, once resultTime
        sta.faults.remove(fault)
        assert fetch_latest(client, now=NOW).order_field == "phenomenonTime"


def test_a_confirmed_refusal_falls_back_and_phenomenon_time_is_tried_again_later(monkeypatch):
    sta, _ = _late_correction_server()
    with sta.serve() as url:
        client = _client(url)
        fault = sta.add_fault("status", path="Datastreams", query="phenomenonTime desc", status=500)
        snapshot = fetch_latest(client, now=NOW)
        assert snapshot.order_field == "resultTime" and [n.code for n in snapshot.notices] == ["order_fallback"]
        assert fault.hits == 2 and client.order_fallback_status == 500
        hits = fault.hits
        assert fetch_latest(client, now=NOW).order_field == "resultTime" and fault.hits == hits  # remembered
        sta.faults.remove(fault)  # the server was repaired
        monkeypatch.setattr(latest_module, "ORDER_RETRY_S", 0.0)
        recovered = fetch_latest(client, now=NOW)
    assert recovered.order_field == "phenomenonTime" and not recovered.notices
    assert _values(recovered) == [10, 11, 12, 13, 14] and client.order_fallback_status is None


def test_history_a_later_page_error_is_raised_and_the_next_read_orders_by_phenomenon_time():
    sta, streams = _late_correction_server()
    stream = streams[0]
    sta.add_observations(stream, [NOW.timestamp() - 900 * k for k in range(2, 8)], list(range(6)))
    with sta.serve() as url:
        client = _client(url)
        fault = sta.add_fault("status", path="Observations", query="$skip=2", status=500, count=1)
        with pytest.raises(StaError):
            fetch_history(client, stream, NOW - timedelta(hours=3), NOW)
        assert client.order_fallback_status is None and fault.hits == 1
        history = fetch_history(client, stream, NOW - timedelta(hours=3), NOW)
    assert history.order_field == "phenomenonTime" and len(history) == 8
