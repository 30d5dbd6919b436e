"""Ground-truth signs, markings and lights: the right kinds, where and how a German city puts them."""
from collections import Counter

import numpy as np
import pytest

from herzlich_digital_plugin.democity.assets import build_assets
from herzlich_digital_plugin.democity.catalogue import KINDS
from herzlich_digital_plugin.democity.geometry import point_segment_distance, right_vector
from herzlich_digital_plugin.democity.sizes import MARKINGS_PER_KM, SIGNS_PER_KM, size_spec
from herzlich_digital_plugin.democity.streets import CLASS_RANK, build_network

SEED = 7239


@pytest.fixture(scope="module")
def demo():
    net = build_network(size_spec("demo"), SEED)
    return net, build_assets(net, SEED)


def _nearest_on_road(road, x, y):
    """(distance, nearest point, bearing of that segment) from a point to a road's centreline."""
    a, b = road.coords[:-1], road.coords[1:]
    d = point_segment_distance(np.array([x, y])[None, :], a, b)
    i = int(np.argmin(d))
    ab = b[i] - a[i]
    t = np.clip(np.dot([x, y] - a[i], ab) / np.dot(ab, ab), 0, 1)
    return d[i], a[i] + t * ab, np.degrees(np.arctan2(ab[0], ab[1])) % 360.0


def _angle_diff(a, b):
    return abs((a - b + 180.0) % 360.0 - 180.0)


def test_every_object_looks_like_its_kind(demo):
    _net, assets = demo
    ids = [a.asset_id for a in assets]
    assert ids == list(range(1, len(assets) + 1))
    for a in assets:
        kind = KINDS[a.label]
        assert (a.asset_class, a.vzkat_code, a.vzkat_value, a.shape, a.colour) == (
            kind.asset_class, kind.code, kind.value, kind.shape, kind.colour)
        if a.asset_class == "sign":
            assert 2.0 <= a.centre_z <= 2.5 and 0.6 <= a.size <= 0.9
        elif a.asset_class == "marking":
            assert a.centre_z == 0.0 and a.colour == (245, 245, 240) and a.length > 0
        else:
            assert a.shape == "light" and a.face_height > a.size


def test_the_usual_codes_are_all_there(demo):
    _net, assets = demo
    signs = Counter(a.vzkat_code for a in assets if a.asset_class == "sign")
    for code in ("206", "205", "274", "274.1", "283", "286", "250", "267", "306", "301", "350", "220"):
        assert signs[code] > 0, code
    assert {a.vzkat_value for a in assets if a.vzkat_code == "274"} == {"30", "50"}
    markings = Counter(a.vzkat_code for a in assets if a.asset_class == "marking")
    for code in ("294", "341", "293", "297", "340"):
        assert markings[code] > 0, code
    assert any(a.asset_class == "light" for a in assets)
    shapes = {a.vzkat_code: (a.shape, a.colour) for a in assets if a.asset_class == "sign"}
    assert shapes["206"][0] == "octagon" and shapes["205"][0] == "triangle_down"
    assert shapes["306"][0] == "diamond" and shapes["306"][1][2] < 50  # yellow
    assert shapes["350"][1][2] > 120  # blue


def test_poles_stand_at_the_kerb_on_the_right_facing_the_traffic(demo):
    net, assets = demo
    for a in assets:
        if a.asset_class == "marking":
            continue
        road = net.roads[a.road_id - 1]
        if np.hypot(*(road.coords[1:-1] - (a.x, a.y)).T).min(initial=np.inf) < 6.0:
            continue  # beside a bend the nearest centreline segment is not the one the pole was placed on
        dist, foot, bearing = _nearest_on_road(road, a.x, a.y)
        assert road.width / 2 + 0.25 <= dist <= road.width / 2 + 0.75, a  # at the kerb
        traffic = (a.facing + 180.0) % 360.0
        # The face looks along the road, at the traffic on whose right the pole stands.
        assert min(_angle_diff(a.facing, bearing), _angle_diff(a.facing, bearing + 180.0)) < 15.0, a
        if road.oneway and a.vzkat_code == "350":
            continue  # a one-way street's zebra has a 350 on each kerb, both facing the one direction
        assert np.dot(np.array([a.x, a.y]) - foot, right_vector(traffic)) > 0, a
        if road.oneway and a.vzkat_code != "267":  # 267 faces the drivers who may not enter
            assert _angle_diff(traffic, bearing) < 15.0, a


def test_markings_lie_on_their_road(demo):
    net, assets = demo
    for a in assets:
        if a.asset_class == "marking":
            dist, _foot, _b = _nearest_on_road(net.roads[a.road_id - 1], a.x, a.y)
            assert dist <= net.roads[a.road_id - 1].width / 2 + 1e-6, a


def test_give_way_and_stop_signs_guard_minor_approaches(demo):
    net, assets = demo
    inc = net.incident_edges()
    junctions = np.flatnonzero(net.degrees() >= 3)
    for a in assets:
        if a.vzkat_code not in ("205", "206"):
            continue
        d = np.hypot(net.nodes[junctions, 0] - a.x, net.nodes[junctions, 1] - a.y)
        node = junctions[int(np.argmin(d))]
        assert d.min() < 25.0, a
        ranks = [CLASS_RANK[net.roads[e].road_class] for e in inc[node]]
        own = CLASS_RANK[net.roads[a.road_id - 1].road_class]
        assert own < max(ranks) or own == 1, a


def test_priority_signs_on_main_roads_and_crossings_signed(demo):
    net, assets = demo
    for a in assets:
        if a.vzkat_code == "306":
            assert net.roads[a.road_id - 1].road_class in ("primary", "secondary")
    xy350 = np.array([(a.x, a.y) for a in assets if a.vzkat_code == "350"])
    zebras = [a for a in assets if a.vzkat_code == "293"]
    assert zebras
    for z in zebras:
        near = np.hypot(xy350[:, 0] - z.x, xy350[:, 1] - z.y)
        assert (near < net.roads[z.road_id - 1].width / 2 + 3.0).sum() == 2


def test_lights_only_at_junctions_of_main_roads(demo):
    net, assets = demo
    inc = net.incident_edges()
    junctions = np.flatnonzero(net.degrees() >= 3)
    for a in assets:
        if a.asset_class != "light":
            continue
        d = np.hypot(net.nodes[junctions, 0] - a.x, net.nodes[junctions, 1] - a.y)
        node = junctions[int(np.argmin(d))]
        assert d.min() < 20.0
        assert sum(CLASS_RANK[net.roads[e].road_class] >= 2 for e in inc[node]) >= 3


def test_poles_keep_apart_and_off_other_roads(demo):
    net, assets = demo
    poles = [a for a in assets if a.asset_class != "marking"]
    xy = np.array([(a.x, a.y) for a in poles])
    d = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(d, np.inf)
    assert d.min() >= 3.0
    for a in poles:
        for road in net.roads:
            if road.road_id != a.road_id:
                assert _nearest_on_road(road, a.x, a.y)[0] > road.width / 2, a


def test_density_matches_the_size(demo):
    net, assets = demo
    km = net.total_length / 1000.0
    counts = Counter(a.asset_class for a in assets)
    assert counts["sign"] == pytest.approx(SIGNS_PER_KM * km, rel=0.02)
    assert counts["marking"] == pytest.approx(MARKINGS_PER_KM * km, rel=0.02)


def test_same_seed_same_objects_other_seed_others(demo):
    net, assets = demo
    again = build_assets(net, SEED)
    assert [(a.label, a.x, a.y, a.facing, a.size) for a in again] == [(a.label, a.x, a.y, a.facing, a.size)
                                                                       for a in assets]
    other = build_assets(net, SEED + 1)
    assert [(a.x, a.y) for a in other] != [(a.x, a.y) for a in assets]


@pytest.mark.slow
def test_city_has_about_22000_signs_and_21500_markings():
    net = build_network(size_spec("city"), SEED)
    counts = Counter(a.asset_class for a in build_assets(net, SEED))
    assert counts["sign"] == pytest.approx(22_000, rel=0.03)
    assert counts["marking"] == pytest.approx(21_500, rel=0.03)
    assert counts["light"] > 50
