"""The detour around a closure: the cheapest route between the closed stretch's ends on the network without
the edges the closure (and the other closures to avoid) removes.

Two engines give the same route: ``astar`` searches the extracted arrays (fast: only the streets around the
site are looked at) and ``qgis`` runs QgsGraphAnalyzer.dijkstra on a QgsGraph without the removed edges
(that graph is cached per network and set of closures). Other works restricting lanes and roads reported
as jammed stay usable but cost more (``LANE_PENALTY``, ``JAM_PENALTY``). Lengths and times reported are the
real ones, without penalties.
"""
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import numpy as np
from shapely.geometry import LineString

from ..core.definitions import DETOUR_ENGINES as ENGINES
from .detour_closures import (ON_ROAD_TOLERANCE_M, Closure, Stretch, avoidance, closures_digest, penalised_near,
                              stretch_of)
from .detour_errors import NoDetourError
from .detour_network import DISTANCE, TIME, RoadNetwork
from .detour_search import shortest_path

ASTAR, QGIS = ENGINES
LANE_PENALTY = 2.0  # another site narrowing the road: usable, but avoided when there is a fair alternative
JAM_PENALTY = 10.0
JAM_TOLERANCE_M = 15.0
QGIS_GRAPH_CACHE = 4


@dataclass
class DetourResult:
    route: Optional[LineString]  # start → end, EPSG:25832
    closed: Optional[LineString]  # the closed stretch in travel direction (or the normal route between the ends)
    length_m: float
    time_s: float
    closed_length_m: float
    closed_time_s: float
    start_xy: Tuple[float, float]
    end_xy: Tuple[float, float]
    blocked: bool  # the closure removes edges (False for one_lane, shoulder, none)
    restriction: str
    criterion: str
    engine: str
    edges: List[int] = field(default_factory=list, repr=False)
    visited: int = 0
    avoided: int = 0  # other closures taken into account
    notes: List[str] = field(default_factory=list)  # codes: not_blocking, no_traffic_in_direction
    streets: List[str] = field(default_factory=list)  # names along the route, when a layer was given

    @property
    def extra_m(self) -> float:
        return self.length_m - self.closed_length_m

    @property
    def extra_time_s(self) -> float:
        return self.time_s - self.closed_time_s

    def to_dict(self) -> dict:
        return {"route_wkt": self.route.wkt if self.route is not None else None,
                "length_m": round(self.length_m, 1), "extra_m": round(self.extra_m, 1),
                "time_s": round(self.time_s, 1), "extra_time_s": round(self.extra_time_s, 1),
                "closed_length_m": round(self.closed_length_m, 1), "closed_time_s": round(self.closed_time_s, 1),
                "start": [round(v, 2) for v in self.start_xy], "end": [round(v, 2) for v in self.end_xy],
                "blocked": self.blocked, "restriction": self.restriction, "criterion": self.criterion,
                "engine": self.engine, "avoided": self.avoided, "notes": list(self.notes),
                "streets": list(self.streets)}


def find_detour(network: RoadNetwork, closure: Closure, others: Iterable[Closure] = (), jammed: Sequence = (),
                criterion: str = DISTANCE, start: Optional[Tuple[float, float]] = None,
                end: Optional[Tuple[float, float]] = None, engine: str = ASTAR,
                tolerance_m: float = ON_ROAD_TOLERANCE_M) -> DetourResult:
    """The detour around ``closure``; NoDetourError when none can exist, NotOnNetworkError when the closure
    is not on the network. ``start``/``end``: EPSG:25832 points replacing the stretch's ends (snapped to the
    nearest vertex outside the closed stretch). ``jammed``: geometries of congested roads (points: sensors)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {ENGINES}")
    network.cost(criterion)  # validates the criterion
    stretch = _cached(network, ("stretch", closure.digest(), tolerance_m),
                      lambda: stretch_of(network, closure, tolerance_m))
    others = [c for c in others if c is not None and c.digest() != closure.digest()]
    other_key = ("avoid", closures_digest(others), tolerance_m)
    other_blocked, penalty, other_stretches = _cached(
        network, other_key, lambda: avoidance(network, others, LANE_PENALTY, tolerance_m))
    penalty = dict(penalty)
    for e, factor in penalised_near(network, jammed, JAM_PENALTY, JAM_TOLERANCE_M).items():
        penalty[e] = max(penalty.get(e, 1.0), factor)
    blocked = stretch.blocked | other_blocked

    source, target = stretch.start, stretch.end
    interior = _interior(network, stretch)
    if start is not None:
        source, _ = network.nearest_vertex(start[0], start[1], exclude=interior)
    if end is not None:
        target, _ = network.nearest_vertex(end[0], end[1], exclude=interior)
    custom_ends = start is not None or end is not None
    notes = list(stretch.notes)

    if not stretch.blocks and not custom_ends:
        path_edges, visited = list(stretch.path), 0  # nothing removed: traffic passes the site itself
    else:
        path_edges, visited = _search(network, source, target, criterion, blocked, penalty, engine,
                                      (closure.digest(), other_key, tuple(sorted(penalty.items()))))
    if custom_ends:
        normal = shortest_path(network, source, target, criterion)
        closed_edges = normal.edges if normal is not None else []
    else:
        closed_edges = stretch.path
    return DetourResult(
        _line(network, path_edges, source), _line(network, closed_edges, source),
        float(network.length_m[path_edges].sum()) if path_edges else 0.0,
        float(network.time_s[path_edges].sum()) if path_edges else 0.0,
        float(network.length_m[closed_edges].sum()) if closed_edges else 0.0,
        float(network.time_s[closed_edges].sum()) if closed_edges else 0.0,
        tuple(network.xy[source].tolist()), tuple(network.xy[target].tolist()), stretch.blocks,
        closure.restriction, criterion, engine, path_edges, visited, len(other_stretches), notes)


def _search(network, source, target, criterion, blocked, penalty, engine, key) -> Tuple[List[int], int]:
    if engine == ASTAR:
        path = shortest_path(network, source, target, criterion, blocked, penalty)
        found = None if path is None else (path.edges, path.visited)
    else:
        found = _qgis_search(network, source, target, criterion, blocked, penalty, key)
    if found is None:
        raise NoDetourError("no_path", start=_fmt(network.xy[source]), end=_fmt(network.xy[target]))
    return found


def _fmt(xy) -> str:
    return f"({xy[0]:.1f}, {xy[1]:.1f})"


def _line(network: RoadNetwork, edges: List[int], start: int) -> Optional[LineString]:
    if not edges:
        return None
    return LineString(network.path_coords(edges, start))


def _interior(network: RoadNetwork, stretch: Stretch) -> Set[int]:
    vertices = {int(network.edge_from[e]) for e in stretch.edges} | {int(network.edge_to[e]) for e in stretch.edges}
    return vertices - {stretch.start, stretch.end}


def _cached(network: RoadNetwork, key, make):
    cache = network._cache.setdefault("closures", OrderedDict())
    if key not in cache:
        cache[key] = make()
        while len(cache) > 64:
            cache.popitem(last=False)
    return cache[key]


# ---------------------------------------------------------------------------------------- QGIS engine

def qgis_graph_without(network: RoadNetwork, blocked: Set[int], penalty: Dict[int, float], key) -> tuple:
    """(QgsGraph without ``blocked``, its edge → network edge map), cached per network and closures."""
    cache = network._cache.setdefault("qgis_graphs", OrderedDict())
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    from qgis.analysis import QgsGraph
    from qgis.core import QgsPointXY

    graph = QgsGraph()
    add_vertex, add_edge = graph.addVertex, graph.addEdge
    for x, y in network.xy.tolist():
        add_vertex(QgsPointXY(x, y))
    keep = np.ones(network.edge_count, dtype=bool)
    if blocked:
        keep[list(blocked)] = False
    kept = np.nonzero(keep)[0]
    factor = np.ones(network.edge_count)
    for e, f in penalty.items():
        factor[e] = f
    length, seconds = network.length_m * factor, network.time_s * factor
    for e, u, v, a, b in zip(kept.tolist(), network.edge_from[kept].tolist(), network.edge_to[kept].tolist(),
                             length[kept].tolist(), seconds[kept].tolist()):
        add_edge(u, v, [a, b])
    cache[key] = (graph, kept)
    while len(cache) > QGIS_GRAPH_CACHE:
        cache.popitem(last=False)
    return cache[key]


def _qgis_search(network, source, target, criterion, blocked, penalty, key):
    from qgis.analysis import QgsGraphAnalyzer

    graph, kept = qgis_graph_without(network, blocked, penalty, key)
    tree, _cost = QgsGraphAnalyzer.dijkstra(graph, source, 0 if criterion == DISTANCE else 1)
    if source != target and tree[target] == -1:
        return None
    edges, v = [], target
    while v != source:
        new_edge = tree[v]
        edges.append(int(kept[new_edge]))
        v = graph.edge(new_edge).fromVertex()
    edges.reverse()
    return edges, graph.vertexCount()  # Dijkstra settles the whole graph


__all__ = ["ASTAR", "QGIS", "ENGINES", "DetourResult", "find_detour", "qgis_graph_without", "DISTANCE", "TIME"]
