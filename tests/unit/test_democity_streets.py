"""Demo city road network: real names in their real directions, a routable network of exactly shared nodes."""
import numpy as np
import pytest

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84
from herzlich_digital_plugin.democity.geometry import polyline_length, segments_cross
from herzlich_digital_plugin.democity.sizes import CENTRE, size_spec
from herzlich_digital_plugin.democity.spatial import pairs_within
from herzlich_digital_plugin.democity.streets import build_network

SEED = 7239


@pytest.fixture(scope="module")
def networks():
    return {size: build_network(size_spec(size), SEED) for size in ("test", "demo", "city")}


def _street_centre(net, name):
    pts = np.vstack([r.coords for r in net.roads if r.name == name])
    return pts.mean(axis=0) - CENTRE


def test_centre_is_kaiserslautern():
    lon, lat = utm32_to_wgs84(*CENTRE)
    assert 49.42 < lat < 49.46 and 7.74 < lon < 7.80


def test_demo_has_real_street_names_within_2_km(networks):
    net = networks["demo"]
    names = {r.name for r in net.roads}
    for name in ("Pariser Straße", "Mannheimer Straße", "Fackelstraße", "Burgstraße", "Maxstraße",
                 "Eisenbahnstraße", "Berliner Straße", "Marktstraße", "Schillerstraße", "Rathausplatz",
                 "Nordtangente"):
        assert name in names
    pts = np.vstack([r.coords for r in net.roads])
    assert np.hypot(*(pts - CENTRE).T).max() < 2000.0


def test_streets_run_in_their_real_directions(networks):
    net = networks["demo"]
    x, y = _street_centre(net, "Pariser Straße")
    assert x < -200 and abs(y) < 150  # west
    x, y = _street_centre(net, "Mannheimer Straße")
    assert x > 100 and y > 100  # north-east
    x, y = _street_centre(net, "Eisenbahnstraße")
    assert y < -150 and abs(x) < 150  # south, towards the station
    x, y = _street_centre(net, "Nordtangente")
    assert y > 500  # north
    nordtangente = [r for r in net.roads if r.name == "Nordtangente"]
    assert all(r.road_class == "primary" and r.lanes == 4 for r in nordtangente)
    assert max(r.lanes for r in net.roads if r.road_class == "residential") <= 2


@pytest.mark.parametrize("size", ["test", "demo", "city"])
def test_edges_share_their_end_nodes_exactly_and_connect(networks, size):
    net = networks[size]
    for e, road in enumerate(net.roads):
        a, b = net.edge_nodes[e]
        assert tuple(road.coords[0]) == tuple(net.nodes[a])
        assert tuple(road.coords[-1]) == tuple(net.nodes[b])
        assert road.road_id == e + 1
    # No near-miss: distinct nodes are metres apart, so ends either coincide exactly or clearly not at all.
    ia, ib, d = pairs_within(net.nodes, net.nodes, 1.0)
    assert not np.any(ia != ib)
    # One connected network.
    adj = [[] for _ in net.nodes]
    for a, b in net.edge_nodes:
        adj[a].append(b)
        adj[b].append(a)
    seen, todo = {0}, [0]
    while todo:
        for m in adj[todo.pop()]:
            if m not in seen:
                seen.add(m)
                todo.append(m)
    assert len(seen) == len(net.nodes)
    assert (net.degrees() >= 3).sum() >= 1  # there are junctions


@pytest.mark.parametrize("size", ["test", "demo", "city"])
def test_roads_only_cross_at_junctions(networks, size):
    net = networks[size]
    segs = np.vstack([np.column_stack([r.coords[:-1], r.coords[1:]]) for r in net.roads])
    mid = 0.5 * (segs[:, :2] + segs[:, 2:])
    half_len = 0.5 * np.hypot(*(segs[:, 2:] - segs[:, :2]).T)
    ia, ib, _ = pairs_within(mid, mid, 2 * float(half_len.max()))
    ia, ib = ia[ia < ib], ib[ia < ib]
    crossing = segments_cross(segs[ia, :2], segs[ia, 2:], segs[ib, :2], segs[ib, 2:])
    assert not crossing.any()


def test_one_way_streets_exist(networks):
    demo = networks["demo"]
    oneway = {r.name for r in demo.roads if r.oneway}
    assert {"Fackelstraße", "Marktstraße"} <= oneway
    city = networks["city"]
    share = sum(polyline_length(r.coords) for r in city.roads if r.oneway) / city.total_length
    assert 0.03 < share < 0.3


def test_road_length_follows_the_size(networks):
    for size in ("test", "city"):
        target = size_spec(size).target_road_length
        assert abs(networks[size].total_length - target) / target < 0.03
    demo = networks["demo"].total_length
    assert abs(demo - size_spec("demo").target_road_length) / demo < 0.08


def test_test_size_is_a_piece_of_the_demo_centre(networks):
    test_names = {r.name for r in networks["test"].roads}
    assert test_names <= {r.name for r in networks["demo"].roads}
    pts = np.vstack([r.coords for r in networks["test"].roads])
    assert np.hypot(*(pts - CENTRE).T).max() < 300.0


def test_city_districts_depend_on_the_seed(networks):
    again = build_network(size_spec("city"), SEED)
    assert [r.name for r in again.roads] == [r.name for r in networks["city"].roads]
    assert all(np.array_equal(a.coords, b.coords) for a, b in zip(again.roads, networks["city"].roads))
    other = build_network(size_spec("city"), SEED + 1)
    assert len(other.roads) != len(again.roads) or any(
        not np.array_equal(a.coords, b.coords) for a, b in zip(other.roads, again.roads))
