"""Capture campaigns: panoramas every 5 m in the right-hand lane, heading along the road, plausible times."""
from datetime import timedelta, timezone

import numpy as np
import pytest

from herzlich_digital_plugin.democity.capture import SPEED_KMH, capture, lane_offset, street_path
from herzlich_digital_plugin.democity.geometry import polyline_length, right_vector, sample
from herzlich_digital_plugin.democity.sizes import RERUN_FRACTION, size_spec
from herzlich_digital_plugin.democity.streets import build_network
from herzlich_digital_plugin.store.schema import table

SEED = 7239


@pytest.fixture(scope="module")
def demo():
    net = build_network(size_spec("demo"), SEED)
    return net, capture(net, size_spec("demo"), SEED)


def _angle_diff(a, b):
    return np.abs((np.asarray(a) - np.asarray(b) + 180.0) % 360.0 - 180.0)


def _sequences(cap):
    for seq in np.unique(cap.sequence):
        idx = np.flatnonzero(cap.sequence == seq)
        yield idx[np.argsort(cap.rank[idx])]


@pytest.mark.parametrize("size,target,tolerance", [("test", 150, 0.15), ("demo", 1500, 0.10)])
def test_panorama_counts_follow_the_size(size, target, tolerance):
    net = build_network(size_spec(size), SEED)
    cap = capture(net, size_spec(size), SEED)
    assert abs(len(cap) - target) / target < tolerance
    assert cap.width == 2048 and cap.height == 1024


def test_second_campaign_redrives_about_30_percent(demo):
    _net, cap = demo
    share = (cap.campaign == 1).sum() / (cap.campaign == 0).sum()
    assert abs(share - RERUN_FRACTION) < 0.1
    # 2021 covers every street, 2023 only some of them.
    assert set(cap.street[cap.campaign == 0]) == set(range(len(_net.streets)))
    assert set(cap.street[cap.campaign == 1]) < set(range(len(_net.streets)))


def test_panoramas_are_5_m_apart_along_a_sequence(demo):
    _net, cap = demo
    gaps = []
    for idx in _sequences(cap):
        assert np.array_equal(cap.rank[idx], np.arange(len(idx)))
        gaps.append(np.hypot(np.diff(cap.x[idx]), np.diff(cap.y[idx])))
    gaps = np.concatenate(gaps)
    assert gaps.max() <= 5.0 + 1e-6
    assert gaps.min() > 4.0  # chords across bends are a little shorter than the 5 m driven
    assert np.median(gaps) == pytest.approx(5.0, abs=1e-6)


def test_heading_follows_the_road(demo):
    net, cap = demo
    ahead = []
    for idx in _sequences(cap):
        dx, dy = np.diff(cap.x[idx]), np.diff(cap.y[idx])
        bearing = np.degrees(np.arctan2(dx, dy)) % 360.0
        ahead.append(_angle_diff(cap.heading[idx[:-1]], bearing))
    ahead = np.concatenate(ahead)
    assert np.percentile(ahead, 95) < 5.0
    assert ahead.max() < 30.0
    assert cap.heading.min() >= 0.0 and cap.heading.max() < 360.0


def test_camera_rides_in_the_right_hand_lane_in_the_permitted_direction(demo):
    net, cap = demo
    for k, st in enumerate(net.streets):
        path = street_path(net, st)
        s = np.linspace(0.0, polyline_length(path), 2000)
        pts, bearing = sample(path, s)
        for i in np.flatnonzero(cap.street == k):
            j = int(np.argmin(np.hypot(pts[:, 0] - cap.x[i], pts[:, 1] - cap.y[i])))
            if s[j] < 15 or s[j] > s[-1] - 15:
                continue  # ends of streets: mitred offsets
            forward = _angle_diff(cap.heading[i], bearing[j]) < 90
            if st.oneway:
                assert forward, st.name
            lateral = np.dot(np.array([cap.x[i], cap.y[i]]) - pts[j], right_vector(cap.heading[i]))
            assert lateral == pytest.approx(lane_offset(net, st), abs=0.6), st.name


def test_timestamps_are_plausible(demo):
    _net, cap = demo
    cest = timezone(timedelta(hours=2))
    for idx in _sequences(cap):
        dt = np.diff(cap.time[idx])
        assert np.all(dt > 0)
        speed_kmh = 5.0 / dt * 3.6
        assert np.all(speed_kmh > SPEED_KMH[0] * 0.5) and np.all(speed_kmh < SPEED_KMH[1] * 2.0)
    for k, (year, month) in enumerate([(2021, 10), (2023, 6)]):
        for i in np.flatnonzero(cap.campaign == k)[::25]:
            local = cap.captured_at(i).astimezone(cest)
            assert (local.year, local.month) == (year, month)
            assert local.weekday() < 5 and 8 <= local.hour < 17


def test_rows_fit_the_panorama_table(demo):
    _net, cap = demo
    columns = set(table("panorama").column_names) | {"geom"}
    rows = list(cap.rows([11, 12]))
    assert len(rows) == len(cap)
    first = rows[0]
    assert set(first) <= columns
    assert first["captured_at"].tzinfo is not None
    assert first["geom"].has_z and first["camera_height"] == 2.5
    assert {r["campaign_id"] for r in rows} == {11, 12}
    assert rows[0]["image_uri"] == f"images/kaiserslautern-2021/{rows[0]['sequence_id']}_0.jpg"
    assert len({r["image_uri"] for r in rows}) == len(rows)
