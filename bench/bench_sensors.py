"""Benchmark: SensorThings latest values and the typical-week profile.

Figures:
- the latest value of 2,000 datastreams from the strict test server (FROST-like paging: 100 by default, $top up
  to 1000), end to end over HTTP on 127.0.0.1 (root, Datastreams with the latest observation expanded, Things
  with Locations, ObservedProperties, MultiDatastreams), against the naive approach in the same run: list the
  datastreams, then one request per datastream for its latest observation;
- the requests both need (bound for ours: ceil(N / page) per collection);
- the weekday × hour profile (median and p90) of a year of 15-minute values (35,040), against numpy.percentile
  per cell.
"""
import math
import os
import statistics
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for path in (ROOT, os.path.join(ROOT, "tests")):
    if path not in sys.path:
        sys.path.insert(0, path)

from herzlich_digital_plugin.core.sensorthings import (RequestsTransport, StaClient, fetch_latest,  # noqa: E402
                                                       typical_profile)
from herzlich_digital_plugin.core.sensorthings.profile import weekday_hour  # noqa: E402
from sta_strict_server import StrictSta  # noqa: E402

N_DATASTREAMS = 2000
PER_THING = 4
PAGE = 1000  # the strict server's maxTop, as FROST's default
PROPERTIES = ("traffic_volume", "speed", "occupancy", "no2")
RUNS = 5


def _server() -> StrictSta:
    sta = StrictSta(default_top=100, max_top=PAGE)
    now = time.time()
    times = [now - 900 * k for k in range(24, 0, -1)]
    for t in range(N_DATASTREAMS // PER_THING):
        thing = sta.add_thing(f"Zählstelle {t}", (7.70 + 0.0002 * (t % 50), 49.42 + 0.0002 * (t // 50)))
        for k, prop in enumerate(PROPERTIES[:PER_THING]):
            stream = sta.add_datastream(thing, f"Zählstelle {t} / {prop}", prop, "u")
            sta.add_observations(stream, times, [float(t + k + i) for i in range(len(times))])
    return sta


def _ours(url):
    client = StaClient(url, RequestsTransport(), page_size=PAGE)
    started = time.perf_counter()
    snapshot = fetch_latest(client)
    seconds = time.perf_counter() - started
    assert len(snapshot.rows) == N_DATASTREAMS and snapshot.complete
    return seconds, snapshot.requests


def _naive(url):
    client = StaClient(url, RequestsTransport(), page_size=PAGE)
    started = time.perf_counter()
    ids = [item["@iot.id"] for item in client.collect("Datastreams", [("$select", "id")]).items]
    values = {}
    for datastream_id in ids:
        path = client.entity_path("Datastreams", datastream_id, "Observations")
        body = client.get_json(client.url(path, [("$orderby", "phenomenonTime desc"), ("$top", "1")]))
        values[datastream_id] = body["value"][0]["result"] if body["value"] else None
    seconds = time.perf_counter() - started
    assert len(values) == N_DATASTREAMS
    return seconds, client.requests


def _profile_naive(t, v):
    weekday, hour = weekday_hour(t)
    median, p90 = np.full((7, 24), np.nan), np.full((7, 24), np.nan)
    for day in range(7):
        for h in range(24):
            cell = v[(weekday == day) & (hour == h)]
            median[day, h], p90[day, h] = np.percentile(cell, [50, 90])
    return median, p90


def _best(fn, *args, runs=RUNS):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run():
    sta = _server()
    with sta.serve() as url:
        _ours(url)  # warm-up: imports, connection set-up
        ours = [_ours(url) for _ in range(RUNS)]
        naive_seconds, naive_requests = _naive(url)
    seconds = statistics.median(s for s, _ in ours)
    requests = ours[0][1]
    bound = 1 + sum(math.ceil(n / PAGE) for n in (N_DATASTREAMS, 1, N_DATASTREAMS // PER_THING, len(PROPERTIES)))

    rng = np.random.default_rng(1)
    t = np.arange(1_730_000_000, 1_730_000_000 + 35040 * 900, 900, dtype=np.float64)
    v = rng.gamma(2.0, 60.0, t.size)
    profile_seconds, profile = _best(typical_profile, t, v)
    naive_profile_seconds, (median, p90) = _best(_profile_naive, t, v)
    assert np.allclose(profile.median, median) and np.allclose(profile.p90, p90)

    return [
        {"name": f"sensors: latest values of {N_DATASTREAMS:,} datastreams, end to end (strict server, HTTP)",
         "value": seconds, "unit": "s", "peer": "naive: one request per datastream", "peer_value": naive_seconds},
        {"name": f"sensors: HTTP requests for {N_DATASTREAMS:,} datastreams (bound {bound}: ceil(N/{PAGE}) per "
                 "collection + root)",
         "value": float(requests), "unit": "requests", "peer": "naive: one request per datastream",
         "peer_value": float(naive_requests)},
        {"name": "sensors: weekday × hour profile (median, p90) of 35,040 values",
         "value": profile_seconds * 1000.0, "unit": "ms", "peer": "numpy.percentile per cell",
         "peer_value": naive_profile_seconds * 1000.0},
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure)
