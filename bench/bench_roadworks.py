"""Benchmark: roadworks detours and the impact check.

Detours on the `city` demo network (its GeoPackage is made once into build/bench-cache/democity/) and on a
synthetic grid of about 80,000 segments: the graph build (the QgsGraph and arrays the director + QgsGraphBuilder
would make, by detour_build), and the median time per route for sites closed at random (full closure of the middle of a road
segment; the closed stretch is found anew for each), against networkx's bidirectional Dijkstra on the same
graph without the same edges (its graph built beforehand, so only the search is timed). QgsGraphAnalyzer.
dijkstra on the QgsGraph without the closed edges is timed too. Last, the whole impact check of one site on
the city store (conflicts, assets incl. 250,000 detections, sensors, window, detour with the graph cached).
Conformance on a real OSM network (tests/roadworks_conformance.py): 200 single-segment full closures of the
Helsinki extract, every direction against networkx and QGIS's native:shortestpathpointtopoint (disagreements
beyond 1 m), with the time per closure beside networkx's Dijkstra on its own graph.
"""
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEED = 7239
CACHE = ROOT / "build" / "bench-cache" / "democity"
GRID_N = 200  # 200 x 200 nodes: 2 * 200 * 199 = 79,600 segments
GRID_STEP = 100.0
ROUTES = 40


def _qgis():
    from qgis.core import QgsApplication
    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], False)
        app.initQgis()
    return app


def city_store_path() -> Path:
    """The city GeoPackage with the ground-truth assets in its asset table (made once)."""
    path = CACHE / "herzlich_digital_city.gpkg"
    if path.is_file():
        return path
    from shapely.geometry import Point

    from herzlich_digital_plugin.democity.build import build_demo_city, build_scene
    from herzlich_digital_plugin.store import open_store

    CACHE.mkdir(parents=True, exist_ok=True)
    work = CACHE / "city-build"
    result = build_demo_city("city", SEED, work)
    scene, _ = build_scene("city", SEED)
    with open_store(str(result.store_path), create=False) as store:
        store.insert_many("asset", ({"asset_class": a.asset_class, "vzkat_code": a.vzkat_code,
                                     "vzkat_value": a.vzkat_value, "lifecycle_status": "existing",
                                     "position_source": "ground_truth", "geom": Point(a.x, a.y)}
                                    for a in scene.assets))
    os.replace(result.store_path, path)
    return path


def grid_layer():
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer("LineString?crs=EPSG:25832&field=name:string&field=oneway:integer"
                           "&field=speed_limit:integer", "grid", "memory")
    rng = random.Random(SEED)
    features = []
    x0, y0 = 400000.0, 5400000.0
    for i in range(GRID_N):
        for j in range(GRID_N):
            for di, dj in ((1, 0), (0, 1)):
                if i + di >= GRID_N or j + dj >= GRID_N:
                    continue
                feature = QgsFeature(layer.fields())
                feature.setGeometry(QgsGeometry.fromPolylineXY([
                    QgsPointXY(x0 + i * GRID_STEP, y0 + j * GRID_STEP),
                    QgsPointXY(x0 + (i + di) * GRID_STEP, y0 + (j + dj) * GRID_STEP)]))
                arterial = (i % 10 == 0 and dj) or (j % 10 == 0 and di)
                feature.setAttributes([f"g{i}_{j}", 1 if rng.random() < 0.05 else 0, 50 if arterial else 30])
                features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _closures(layer, count, rng):
    """Full closures of the middle of random road segments, as shapely lines in EPSG:25832."""
    from shapely import wkb
    from shapely.ops import substring

    from herzlich_digital_plugin.roadworks.detour_closures import Closure

    geometries = [f.geometry() for f in layer.getFeatures()]
    out = []
    for geometry in rng.sample(geometries, min(len(geometries), count * 3)):
        line = wkb.loads(bytes(geometry.asWkb()))
        if line.geom_type == "MultiLineString":
            line = line.geoms[0]
        if line.length < 20:
            continue
        out.append(Closure(substring(line, 0.3, 0.7, normalized=True), "full_closure"))
    return out


def _nx_graph(network):
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_weighted_edges_from(zip(network.edge_from.tolist(), network.edge_to.tolist(),
                                      network.length_m.tolist()), weight="length")
    return graph


def _routes(name, layer):
    """Figures for one network: build, route times (ours, networkx's, QgsGraphAnalyzer's)."""
    import networkx as nx
    from qgis.analysis import QgsGraphAnalyzer

    from herzlich_digital_plugin.roadworks.detour_errors import DetourError
    from herzlich_digital_plugin.roadworks.detour_graph import clear_cache, network_for
    from herzlich_digital_plugin.roadworks.detour_route import find_detour, qgis_graph_without
    from herzlich_digital_plugin.roadworks.detour_search import shortest_path

    clear_cache()
    started = time.perf_counter()
    network = network_for(layer)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    graph = _nx_graph(network)
    nx_build_s = time.perf_counter() - started
    rng = random.Random(SEED)
    routes, search, peers, qgis_dijkstra, qgis_copy, mismatches = [], [], [], [], [], 0
    for closure in _closures(layer, ROUTES * 2, rng):
        if len(routes) >= ROUTES:
            break
        started = time.perf_counter()
        try:
            result = find_detour(network, closure)  # finds the closed stretch, then searches
        except DetourError:
            continue
        routes.append(time.perf_counter() - started)
        stretch = network._cache["closures"][("stretch", closure.digest(), 3.0)]
        source, target = stretch.start, stretch.end
        started = time.perf_counter()
        shortest_path(network, source, target, blocked=stretch.blocked)
        search.append(time.perf_counter() - started)
        blocked = {(int(network.edge_from[e]), int(network.edge_to[e])) for e in stretch.blocked}

        def weight(u, v, data, blocked=blocked):
            return None if (u, v) in blocked else data["length"]
        started = time.perf_counter()
        length, _path = nx.bidirectional_dijkstra(graph, source, target, weight=weight)
        peers.append(time.perf_counter() - started)
        mismatches += abs(length - result.length_m) > 1e-6
        if len(qgis_dijkstra) < 5:  # a graph copy per closure is costly on the grid: a few samples
            started = time.perf_counter()
            qgs, _kept = qgis_graph_without(network, stretch.blocked, {}, ("bench", closure.digest()))
            qgis_copy.append(time.perf_counter() - started)
            started = time.perf_counter()
            QgsGraphAnalyzer.dijkstra(qgs, source, 0)
            qgis_dijkstra.append(time.perf_counter() - started)
    long_ours, long_nx, long_nx_astar = _long_routes(network, graph, rng)
    ms = 1000.0
    med = statistics.median
    return [
        {"name": f"detour graph build, {name} ({layer.featureCount():,} segments)", "value": build_s, "unit": "s",
         "peer": "budget", "peer_value": 2.0},
        {"name": f"detour graph build, {name}: networkx DiGraph from the same arrays", "value": nx_build_s,
         "unit": "s", "peer": None, "peer_value": None},
        {"name": f"detour route, {name}: closed stretch + A* (median of {len(routes)})", "value": med(routes) * ms,
         "unit": "ms", "peer": "budget", "peer_value": 30.0},
        {"name": f"detour route, {name}: slowest", "value": max(routes) * ms, "unit": "ms", "peer": "budget",
         "peer_value": 30.0},
        {"name": f"detour route, {name}: A* search alone", "value": med(search) * ms, "unit": "ms",
         "peer": "networkx bidirectional Dijkstra", "peer_value": med(peers) * ms},
        {"name": f"detour route, {name}: QgsGraphAnalyzer.dijkstra (whole graph)",
         "value": med(qgis_dijkstra) * ms, "unit": "ms", "peer": "budget", "peer_value": 30.0},
        {"name": f"detour route, {name}: QgsGraph copy without the closure (once per closure)",
         "value": med(qgis_copy), "unit": "s", "peer": None, "peer_value": None},
        {"name": f"detour route, {name}: routes differing from networkx", "value": mismatches, "unit": "count",
         "peer": None, "peer_value": None},
        {"name": f"long route, {name}: A* (median of {len(long_ours)})", "value": med(long_ours) * ms, "unit": "ms",
         "peer": "networkx bidirectional Dijkstra", "peer_value": med(long_nx) * ms},
        {"name": f"long route, {name}: A*", "value": med(long_ours) * ms, "unit": "ms",
         "peer": "networkx A* (same heuristic)", "peer_value": med(long_nx_astar) * ms},
    ]


def _long_routes(network, graph, rng, count: int = 15, min_m: float = 2000.0):
    """Routes between random vertices at least ``min_m`` apart (a detour far round, or a START/END pair)."""
    import math

    import networkx as nx

    from herzlich_digital_plugin.roadworks.detour_search import shortest_path

    xs, ys = network.xy_lists()
    vertices = list(range(network.vertex_count))
    ours, peers, peers_astar = [], [], []
    attempts = 0
    while len(ours) < count and attempts < count * 20:
        attempts += 1
        a, b = rng.choice(vertices), rng.choice(vertices)
        if math.hypot(xs[a] - xs[b], ys[a] - ys[b]) < min_m:
            continue
        started = time.perf_counter()
        path = shortest_path(network, a, b)
        elapsed = time.perf_counter() - started
        if path is None:
            continue
        ours.append(elapsed)
        started = time.perf_counter()
        nx.bidirectional_dijkstra(graph, a, b, weight="length")
        peers.append(time.perf_counter() - started)

        def heuristic(u, v):
            return math.hypot(xs[u] - xs[v], ys[u] - ys[v])
        started = time.perf_counter()
        nx.astar_path_length(graph, a, b, heuristic=heuristic, weight="length")
        peers_astar.append(time.perf_counter() - started)
    return ours, peers, peers_astar


def _impact(store_path):
    from herzlich_digital_plugin.roadworks.analysis_impact import check_roadworks
    from herzlich_digital_plugin.roadworks.detour_graph import layer_from_store, network_for
    from herzlich_digital_plugin.store import open_store

    with open_store(str(store_path), create=False) as store:
        works = next(r["id"] for r in store.select("roadworks") if r["title"].startswith("Fahrbahnerneuerung"))
        started = time.perf_counter()
        network = network_for(layer_from_store(store))
        network_s = time.perf_counter() - started
        check_roadworks(store, works, network=network)  # warm: imports, the sqlite page cache
        times = []
        for _ in range(5):
            started = time.perf_counter()
            report = check_roadworks(store, works, network=network)
            times.append(time.perf_counter() - started)
        counts = (len(report.conflicts), len(report.assets), len(report.sensors))
    return [
        {"name": f"impact check of one site, city store (conflicts/assets/sensors {counts})",
         "value": statistics.median(times), "unit": "s", "peer": "budget", "peer_value": 1.0},
        {"name": "impact check: city road graph build (once, then cached)", "value": network_s, "unit": "s",
         "peer": None, "peer_value": None},
    ]


def _helsinki() -> list:
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    import roadworks_conformance

    Processing.initialize()
    out = roadworks_conformance.compare(200)
    ms = 1000.0
    per = max(1, out["directions"])
    return [
        {"name": f"Helsinki OSM: disagreements in {out['directions']} directions of {out['closures']} closures "
                 f"({out['no_detour']} without a detour)", "value": len(out["disagreements"]), "unit": "count",
         "peer": "networkx + native:shortestpathpointtopoint", "peer_value": 0},
        {"name": "Helsinki OSM: detour per direction (closed stretch + both directions' A*)",
         "value": out["product_s"] / per * ms, "unit": "ms", "peer": "networkx Dijkstra (search only)",
         "peer_value": out["networkx_s"] / per * ms},
        {"name": "Helsinki OSM: detour per direction", "value": out["product_s"] / per * ms, "unit": "ms",
         "peer": "native:shortestpathpointtopoint (graph build + search)", "peer_value": out["qgis_s"] / per * ms},
        {"name": f"Helsinki OSM: graph build ({out['edges']:,} edges, EPSG:3067 layer)", "value": out["build_s"],
         "unit": "s", "peer": None, "peer_value": None},
    ]


def run() -> list:
    _qgis()
    from herzlich_digital_plugin.roadworks.detour_graph import layer_from_store
    from herzlich_digital_plugin.store import open_store

    store_path = city_store_path()
    with open_store(str(store_path), create=False) as store:
        city_roads = layer_from_store(store, "city roads")
    figures = _routes("city", city_roads)
    figures += _routes("synthetic grid", grid_layer())
    figures += _impact(store_path)
    figures += _helsinki()
    return figures


if __name__ == "__main__":
    for row in run():
        print(row)
