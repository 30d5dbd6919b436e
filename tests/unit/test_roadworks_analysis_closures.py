"""Closed stretches and the A* search on a hand-built network (arrays only, no QGIS).

    D(0,100) ---- C(100,100)
      |              |
    A(0,0) ------ B(100,0)      spurs A-W(-50,0) and B-E(150,0) make A and B junctions
"""
import numpy as np
import pytest
from shapely.geometry import LineString, Polygon

from herzlich_digital_plugin.roadworks.detour_closures import Closure, stretch_of
from herzlich_digital_plugin.roadworks.detour_errors import NoDetourError, NotOnNetworkError
from herzlich_digital_plugin.roadworks.detour_network import RoadNetwork
from herzlich_digital_plugin.roadworks.detour_search import shortest_path

XY = {"A": (0, 0), "B": (100, 0), "C": (100, 100), "D": (0, 100), "W": (-50, 0), "E": (150, 0), "M": (50, 0)}


def network(segments, oneway=()):
    """segments: vertex-name pairs (both directions unless in ``oneway``)."""
    names = sorted({n for s in segments for n in s})
    index = {n: i for i, n in enumerate(names)}
    edges = []
    for a, b in segments:
        edges.append((index[a], index[b]))
        if (a, b) not in oneway:
            edges.append((index[b], index[a]))
    xy = np.array([XY[n] for n in names], dtype=float)
    fr = np.array([e[0] for e in edges])
    to = np.array([e[1] for e in edges])
    length = np.hypot(*(xy[to] - xy[fr]).T)
    return RoadNetwork(xy, fr, to, length, length / (50 / 3.6)), index


RING = [("A", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("W", "A"), ("B", "E")]


def path_length(net, path):
    return float(net.length_m[path.edges].sum())


def test_full_closure_of_one_edge_leaves_the_rest_of_the_ring():
    net, ix = network(RING)
    stretch = stretch_of(net, Closure(LineString([(10, 0), (90, 0)]), "full_closure"))
    assert (stretch.start, stretch.end) == (ix["A"], ix["B"])  # grown to the junctions
    assert stretch.length_m == pytest.approx(100.0)
    assert len(stretch.blocked) == 2  # A->B and B->A
    detour = shortest_path(net, stretch.start, stretch.end, blocked=stretch.blocked)
    assert path_length(net, detour) == pytest.approx(300.0)  # A-D-C-B, by hand
    assert shortest_path(net, ix["A"], ix["B"], blocked=stretch.blocked, astar=False).edges == detour.edges


def test_closure_grows_through_a_vertex_with_two_neighbours():
    net, ix = network([("A", "M"), ("M", "B"), ("B", "C"), ("C", "D"), ("D", "A"), ("W", "A"), ("B", "E")])
    stretch = stretch_of(net, Closure(LineString([(60, 0), (80, 0)]), "full_closure"))
    assert (stretch.start, stretch.end) == (ix["A"], ix["B"]) and len(stretch.blocked) == 4


def test_one_direction_closure_blocks_only_the_drawn_direction():
    net, ix = network(RING)
    forward = stretch_of(net, Closure(LineString([(10, 0), (90, 0)]), "lanes_one_direction"))
    assert [(int(net.edge_from[e]), int(net.edge_to[e])) for e in forward.blocked] == [(ix["A"], ix["B"])]
    backward = stretch_of(net, Closure(LineString([(90, 0), (10, 0)]), "lanes_one_direction"))
    assert [(int(net.edge_from[e]), int(net.edge_to[e])) for e in backward.blocked] == [(ix["B"], ix["A"])]
    assert (backward.start, backward.end) == (ix["B"], ix["A"])
    flipped = stretch_of(net, Closure(LineString([(10, 0), (90, 0)]), "lanes_one_direction", "backward"))
    assert flipped.blocked == backward.blocked


def test_lane_closures_remove_nothing():
    net, _ = network(RING)
    stretch = stretch_of(net, Closure(LineString([(10, 0), (90, 0)]), "one_lane"))
    assert not stretch.blocks and "not_blocking" in stretch.notes and stretch.length_m == pytest.approx(100.0)


def test_one_way_street_is_respected():
    net, ix = network(RING, oneway={("C", "D")})  # C -> D only: the ring cannot be driven D -> C
    stretch = stretch_of(net, Closure(LineString([(10, 0), (90, 0)]), "full_closure"))
    assert shortest_path(net, stretch.start, stretch.end, blocked=stretch.blocked) is None
    net2, ix2 = network(RING, oneway={("D", "C")})
    detour = shortest_path(net2, ix2["A"], ix2["B"], blocked=stretch_of(
        net2, Closure(LineString([(10, 0), (90, 0)]), "full_closure")).blocked)
    assert path_length(net2, detour) == pytest.approx(300.0)


def test_dead_end_and_off_network_closures_are_refused():
    net, _ = network(RING)
    with pytest.raises(NoDetourError) as caught:
        stretch_of(net, Closure(LineString([(110, 0), (140, 0)]), "full_closure"))  # the spur B-E
    assert caught.value.reason == "dead_end" and "dead end" in str(caught.value)
    with pytest.raises(NotOnNetworkError) as off:
        stretch_of(net, Closure(LineString([(30, 40), (70, 40)]), "full_closure"))
    assert off.value.distance_m == pytest.approx(30.0)  # to D-A


def test_polygon_closes_every_edge_inside():
    net, ix = network(RING)
    stretch = stretch_of(net, Closure(Polygon([(20, -10), (80, -10), (80, 10), (20, 10)]), "full_closure"))
    assert {stretch.start, stretch.end} == {ix["A"], ix["B"]} and len(stretch.blocked) == 2


def test_crossing_streets_are_not_closed():
    net, ix = network(RING)
    stretch = stretch_of(net, Closure(LineString([(0, 20), (0, 80)]), "full_closure"))  # along D-A
    # D and C have two neighbours each, so the stretch runs on to the junction B; W-A and A-B stay open
    assert {stretch.start, stretch.end} == {ix["A"], ix["B"]}
    closed = {frozenset((int(net.edge_from[e]), int(net.edge_to[e]))) for e in stretch.blocked}
    assert closed == {frozenset((ix["A"], ix["D"])), frozenset((ix["D"], ix["C"])), frozenset((ix["C"], ix["B"]))}
    assert stretch.length_m == pytest.approx(300.0)
