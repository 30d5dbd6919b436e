"""History of a datastream (paged, over real HTTP) and its typical weekday × hour profile."""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from herzlich_digital_plugin.core.sensorthings import (RequestsTransport, StaClient, berlin_utc_offset_s,  # noqa
                                                       fetch_history, typical_profile)
from herzlich_digital_plugin.core.sensorthings.profile import weekday_hour  # noqa: E402
from herzlich_digital_plugin.democity.randomness import DEFAULT_SEED  # noqa: E402
from herzlich_digital_plugin.democity.sensors import STREAMS, stream_values  # noqa: E402
from sta_fixtures import demo_strict_server  # noqa: E402
from sta_strict_server import StrictSta  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 7, 30, tzinfo=timezone.utc)
UTC = timezone.utc


@pytest.fixture(scope="module")
def demo_server():
    sta = demo_strict_server(NOW, days=3.0)
    sta.start()
    yield sta
    sta.stop()


def test_history_over_a_range_is_paged_and_exact(demo_server):
    stream = STREAMS[0]
    end = demo_server.seeded_until
    start = end - timedelta(hours=36)
    client = StaClient(demo_server.url, RequestsTransport(), page_size=50)
    history = fetch_history(client, demo_server.stream_ids[stream.key], start, end)
    times, values = stream_values(stream, start, end, DEFAULT_SEED)
    assert len(history) == len(times) == 145 and history.complete and not history.notices
    assert np.array_equal(history.times, times.astype(float)) and np.array_equal(history.values, values)
    assert history.requests == 1 + 3  # root + 145 / 50 pages
    rows = history.rows()
    assert rows[0]["time"] == start and rows[-1]["time"] == end and rows[-1]["value"] == float(values[-1])


def test_history_with_range_given_backwards_and_in_another_zone(demo_server):
    stream = STREAMS[3]
    berlin = ZoneInfo("Europe/Berlin")
    end = demo_server.seeded_until.astimezone(berlin)
    history = fetch_history(StaClient(demo_server.url, RequestsTransport()), demo_server.stream_ids[stream.key],
                            end, end - timedelta(hours=2))
    assert len(history) == 9 and history.times[-1] == end.timestamp()


def test_history_falls_back_to_result_time_ordering(demo_server):
    fault = demo_server.add_fault("status", path="Observations", query="phenomenonTime asc", status=500)
    try:
        end = demo_server.seeded_until
        history = fetch_history(StaClient(demo_server.url, RequestsTransport()),
                                demo_server.stream_ids[STREAMS[1].key], end - timedelta(hours=5), end)
    finally:
        demo_server.faults.remove(fault)
    assert len(history) == 21 and np.all(np.diff(history.times) == 900)
    assert [n.code for n in history.notices] == ["order_fallback"] and history.order_field == "resultTime"


def test_history_keeps_odd_results_as_text_and_interval_starts():
    sta = StrictSta(id_style="str")
    stream = sta.add_datastream(sta.add_thing("T", (7.7, 49.4)), "Q", "x", "u")
    t0 = NOW.timestamp()
    sta.add_observations(stream, [t0 - 1800, t0 - 900, t0], [3, "defekt", None], interval_s=900)
    with sta.serve() as url:
        history = fetch_history(StaClient(url, RequestsTransport()), stream, NOW - timedelta(hours=1), NOW)
    assert history.results == ["3", "defekt", ""]
    assert np.isnan(history.values[1:]).all() and history.values[0] == 3.0
    assert np.array_equal(history.times - history.starts, [900.0] * 3)
    assert [row["value"] for row in history.rows()] == [3.0, None, None]


def test_history_cap_is_reported(demo_server):
    end = demo_server.seeded_until
    history = fetch_history(StaClient(demo_server.url, RequestsTransport(), page_size=10),
                            demo_server.stream_ids[STREAMS[2].key], end - timedelta(days=1), end, max_observations=25)
    assert len(history) == 25 and not history.complete
    assert {n.code for n in history.notices} == {"capped", "history_truncated"}


# ---------------------------------------------------------------------------------------------- profile

def test_berlin_offset_matches_the_time_zone_database():
    t = np.arange(datetime(2024, 1, 1, tzinfo=UTC).timestamp(), datetime(2027, 1, 1, tzinfo=UTC).timestamp(),
                  1800.0 * 7)
    berlin = ZoneInfo("Europe/Berlin")
    expected = [datetime.fromtimestamp(x, tz=UTC).astimezone(berlin).utcoffset().total_seconds() for x in t]
    assert np.array_equal(berlin_utc_offset_s(t), expected)


def test_weekday_and_hour_are_local():
    summer_noon = datetime(2026, 7, 15, 12, 0, tzinfo=ZoneInfo("Europe/Berlin")).timestamp()  # a Wednesday
    winter_night = datetime(2026, 11, 22, 23, 30, tzinfo=ZoneInfo("Europe/Berlin")).timestamp()  # a Sunday
    weekday, hour = weekday_hour([summer_noon, winter_night])
    assert weekday.tolist() == [2, 6] and hour.tolist() == [12, 23]


def test_profile_equals_numpy_percentiles_per_cell():
    rng = np.random.default_rng(3)
    t = np.arange(datetime(2025, 11, 1, tzinfo=UTC).timestamp(), datetime(2026, 11, 1, tzinfo=UTC).timestamp(), 900.0)
    values = rng.gamma(2.0, 50.0, t.size)
    values[rng.random(t.size) < 0.02] = np.nan
    profile = typical_profile(t, values)
    weekday, hour = weekday_hour(t)
    for day in (0, 4, 6):
        for h in (0, 8, 17, 23):
            cell = values[(weekday == day) & (hour == h)]
            cell = cell[~np.isnan(cell)]
            assert profile.count[day, h] == cell.size
            assert profile.median[day, h] == pytest.approx(np.percentile(cell, 50))
            assert profile.p90[day, h] == pytest.approx(np.percentile(cell, 90))
    assert profile.count.sum() == np.count_nonzero(~np.isnan(values))


def test_profile_of_a_demo_stream_has_rush_hours_and_a_quiet_sunday():
    stream = next(s for s in STREAMS if s.key == "nt_west_ost")
    t, v = stream_values(stream, datetime(2025, 11, 1, tzinfo=UTC), datetime(2026, 10, 31, 23, 45, tzinfo=UTC),
                         DEFAULT_SEED)
    profile = typical_profile(t, v)
    assert profile.count.sum() == 35040
    assert profile.median[1, 7] > 2 * profile.median[1, 3]  # Tuesday 07:00 against 03:00
    assert profile.median[6, 7] < 0.5 * profile.median[1, 7]  # Sunday morning is quiet
    assert np.all(profile.p90 >= profile.median)
    median, p90 = profile.band([t[100], t[200]])
    day, h = weekday_hour([t[100], t[200]])
    assert median.tolist() == profile.median[day, h].tolist() and p90.tolist() == profile.p90[day, h].tolist()


def test_profile_of_nothing_is_all_missing():
    profile = typical_profile([], [])
    assert profile.median.shape == (7, 24) and np.isnan(profile.median).all() and profile.count.sum() == 0
