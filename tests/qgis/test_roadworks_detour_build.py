"""The numpy build of the road graph (detour_build) against QgsVectorLayerDirector + QgsGraphBuilder itself: the
same vertices in the same order, the same directed edges, lengths and travel times."""
import random

import numpy as np
import pytest
from qgis.analysis import (QgsGraphBuilder, QgsNetworkDistanceStrategy, QgsNetworkSpeedStrategy,
                           QgsVectorLayerDirector)
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsFeedback, QgsGeometry, QgsVectorLayer

from herzlich_digital_plugin.roadworks.detour_build import RTreeLookup, join_vertices
from herzlich_digital_plugin.roadworks.detour_errors import RoadLayerError
from herzlich_digital_plugin.roadworks.detour_fields import RoadFields, check_fields, direction_spellings
from herzlich_digital_plugin.roadworks.detour_graph import build_network, clear_cache, network_for

X0, Y0 = 400000.0, 5400000.0
# (WKT offsets from X0/Y0, oneway, speed): a one-way street each way, NULL and 0 speeds, line ends 0.05 m apart
# (across a 0.1 m grid line: 100.08 / 100.13), a chain of points 0.08 m apart (which vertex a point joins
# depends on the reading order) and a multi-line.
ROADS = [
    ("LineString(0 0, 50 0, 100.08 0)", 0, 50),
    ("LineString(100.13 0.02, 100 100)", 1, 30),  # one-way along the digitising direction
    ("LineString(100 100, 0 100)", -1, None),  # one-way against it, NULL speed
    ("LineString(0 100, 0 0.04)", 0, 0),  # ends 0.04 m from (0, 0)
    ("LineString(0 100, -0.08 100, -0.16 100, -0.24 100, -50 100)", 0, 50),
    ("MultiLineString((100 100, 150 150), (150 150.06, 200 100, 100.1 0.1))", 0, 70),
    ("LineString(-50 100, -50 100)", 0, 50),  # a line of one point: no edge
]


def road_layer(roads=ROADS, crs="EPSG:25832"):
    layer = QgsVectorLayer(f"MultiLineString?crs={crs}&field=name:string&field=oneway:integer"
                           "&field=speed_limit:integer", "roads", "memory")
    features = []
    for n, (wkt, oneway, speed) in enumerate(roads):
        geometry = QgsGeometry.fromWkt(wkt)
        if crs == "EPSG:25832":
            geometry.translate(X0, Y0)
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes([f"road {n}", oneway, speed])
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def director_graph(layer, tolerance_m=0.1, default_speed_kmh=50.0):
    """What the detour used before detour_build: the director's QgsGraph."""
    fields = RoadFields()
    index = check_fields(layer, fields)
    forward, backward, mixed = direction_spellings(layer, index["oneway"], fields)
    assert not mixed
    director = QgsVectorLayerDirector(layer, index["oneway"], forward or "\u0000", backward or "\u0000", "",
                                      QgsVectorLayerDirector.Direction.DirectionBoth)
    director.addStrategy(QgsNetworkDistanceStrategy())
    director.addStrategy(QgsNetworkSpeedStrategy(index["speed"], default_speed_kmh, 1.0 / 3.6))
    crs = QgsCoordinateReferenceSystem("EPSG:25832")
    builder = QgsGraphBuilder(crs, layer.crs() != crs, tolerance_m, "NONE")
    director.makeGraph(builder, [])
    return builder.graph()


def graph_arrays(graph, default_speed_kmh=50.0):
    xy = np.array([[graph.vertex(i).point().x(), graph.vertex(i).point().y()] for i in range(graph.vertexCount())])
    edges = [graph.edge(k) for k in range(graph.edgeCount())]
    ends = np.array([[e.fromVertex(), e.toVertex()] for e in edges], dtype=np.int64).reshape(-1, 2)
    length = np.array([e.cost(0) for e in edges])
    seconds = np.array([e.cost(1) for e in edges])
    bad = ~np.isfinite(seconds) | (seconds <= 0)  # the speed strategy's NULL/0 speed: the default speed
    seconds[bad] = length[bad] / (default_speed_kmh / 3.6)
    return xy, ends, length, seconds


def assert_same(network, graph, exact=True):
    xy, ends, length, seconds = graph_arrays(graph)
    assert (network.vertex_count, network.edge_count) == (len(xy), len(ends))
    if exact:
        assert np.array_equal(network.xy, xy)
    else:
        assert np.allclose(network.xy, xy, rtol=0, atol=1e-6)
    assert np.array_equal(np.column_stack([network.edge_from, network.edge_to]), ends)
    assert np.allclose(network.length_m, length, rtol=1e-12, atol=1e-9)
    assert np.allclose(network.time_s, seconds, rtol=1e-12, atol=1e-9)
    qgis = network.qgis_graph
    assert (qgis.vertexCount(), qgis.edgeCount()) == (len(xy), len(ends))
    assert [qgis.edge(k).cost(0) for k in range(qgis.edgeCount())] == network.length_m.tolist()


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.mark.parametrize("tolerance", [0.1, 0.05, 0.0])
def test_same_graph_as_the_director(tolerance):
    layer = road_layer()
    network = build_network(layer, tolerance_m=tolerance)
    assert_same(network, director_graph(layer, tolerance))
    forward = network.length_m[network.edge_from < network.edge_to].sum()
    backward = network.length_m[network.edge_from > network.edge_to].sum()
    assert forward != backward  # the one-way streets count once


def test_tolerance_joins_line_ends():
    network = build_network(road_layer())
    start = network.nearest_vertex(X0 + 100.13, Y0 + 0.02)[0]
    assert network.xy[start].tolist() == [X0 + 100.08, Y0]  # 0.05 m apart: joined
    one_way = network.edges_between(start, network.nearest_vertex(X0 + 100, Y0 + 100)[0])
    assert len(one_way) == 1 and not network.edges_between(network.nearest_vertex(X0 + 100, Y0 + 100)[0], start)
    assert network.time_s[one_way[0]] == pytest.approx(network.length_m[one_way[0]] / (30 / 3.6))
    null_speed = network.edges_between(network.nearest_vertex(X0, Y0 + 100)[0],
                                       network.nearest_vertex(X0 + 100, Y0 + 100)[0])
    assert network.time_s[null_speed[0]] == pytest.approx(100.0 / (50 / 3.6))  # NULL: the default speed


def test_same_graph_as_the_director_on_the_demo_network():
    from herzlich_digital_plugin.democity.sizes import size_spec
    from herzlich_digital_plugin.democity.streets import build_network as demo_streets

    # float(): under numpy 2 the repr of a numpy float is "np.float64(...)", no WKT
    roads = [("LineString(" + ", ".join(f"{float(x - X0)!r} {float(y - Y0)!r}" for x, y in road.coords) + ")",
              road.oneway, road.speed_limit) for road in demo_streets(size_spec("demo"), 7239).roads]
    layer = road_layer(roads)
    assert_same(build_network(layer), director_graph(layer))


def test_layer_in_another_crs_matches_the_director():
    layer = road_layer([("LineString(8.40 48.90, 8.41 48.90, 8.41 48.91)", 1, 50),
                        ("LineString(8.41 48.91, 8.40 48.90)", 0, None)], crs="EPSG:4326")
    assert_same(build_network(layer), director_graph(layer), exact=False)


def test_line_ends_within_reach_of_several_vertices_go_where_the_director_puts_them():
    rng = random.Random(5)  # a 25 x 25 grid whose line ends miss the junctions by up to 6 cm each way
    roads = []
    for i in range(25):
        for k in range(25):
            for di, dk in ((1, 0), (0, 1)):
                if i + di < 25 and k + dk < 25:
                    ends = [(10.0 * (i + d), 10.0 * (k + e)) for d, e in ((0, 0), (di, dk))]
                    wkt = ", ".join(f"{x + rng.uniform(-0.06, 0.06)!r} {y + rng.uniform(-0.06, 0.06)!r}"
                                    for x, y in ends)
                    roads.append((f"LineString({wkt})", rng.choice([0, 0, 1, -1]), rng.choice([30, 50, None])))
    layer = road_layer(roads)
    assert_same(build_network(layer), director_graph(layer))
    points = [(p.x(), p.y()) for f in layer.getFeatures() for p in f.geometry().asPolyline()]
    x, y = np.array(points).T
    earliest = join_vertices(x, y, 0.1)[0]
    assert not np.array_equal(earliest, join_vertices(x, y, 0.1, RTreeLookup(0.1))[0])  # the R-tree matters here


def test_join_vertices_keeps_reading_order():
    x = np.array([0.15, 0.0, 0.06, 0.0, 5.0])
    y = np.zeros(5)
    vertex_of, vx, vy = join_vertices(x, y, 0.1)
    assert vertex_of.tolist() == [0, 1, 0, 1, 2]  # 0.06 joins the earliest vertex in reach, not the nearest
    assert vx.tolist() == [0.15, 0.0, 5.0]


def test_progress_and_cancel():
    layer = road_layer()
    feedback = QgsFeedback()
    seen = []
    feedback.progressChanged.connect(seen.append)
    network_for(layer, feedback=feedback)
    assert seen[-1] == 100.0
    cancelled = QgsFeedback()
    cancelled.cancel()
    with pytest.raises(RoadLayerError):  # nothing read: no roads (the director gave an empty graph too)
        build_network(layer, feedback=cancelled)
