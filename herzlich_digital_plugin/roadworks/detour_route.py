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
from shapely.geometry import LineString, Point

from ..core.definitions import DETOUR_ENGINES as ENGINES
from .detour_closures import (FULL, ON_ROAD_TOLERANCE_M, Closure, Stretch, avoidance, closures_digest,
                              penalised_near, stretch_of)
from .detour_errors import NoDetourError, SnapError
from .detour_network import DISTANCE, TIME, RoadNetwork
from .detour_search import shortest_path

ASTAR, QGIS = ENGINES
LANE_PENALTY = 2.0  # another site narrowing the road: usable, but avoided when there is a fair alternative
JAM_PENALTY = 10.0
JAM_TOLERANCE_M = 15.0
QGIS_GRAPH_CACHE = 4
SNAP_DISTANCE_M = 50.0  # START/END farther than this from a usable junction are refused


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
    notes: List[str] = field(default_factory=list)  # codes: not_blocking, no_traffic_in_direction, no_detour
    streets: List[str] = field(default_factory=list)  # names along the route, when a layer was given
    direction: str = "forward"  # travel relative to the closure's drawn direction
    opposite: Optional["DetourResult"] = field(default=None, repr=False)  # the other direction of a full closure
    error: str = ""  # why this direction has no detour (then route is None)
    snapped: List[dict] = field(default_factory=list)  # START/END: {"which", "distance_m", "xy"}

    @property
    def directions(self) -> List["DetourResult"]:
        """Every direction that needs a detour, the first one first."""
        return [self] + ([self.opposite] if self.opposite is not None else [])

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
                "streets": list(self.streets), "direction": self.direction, "error": self.error,
                "snapped": list(self.snapped),
                "opposite": self.opposite.to_dict() if self.opposite is not None else None}


def find_detour(network: RoadNetwork, closure: Closure, others: Iterable[Closure] = (), jammed: Sequence = (),
                criterion: str = DISTANCE, start: Optional[Tuple[float, float]] = None,
                end: Optional[Tuple[float, float]] = None, engine: str = ASTAR,
                tolerance_m: float = ON_ROAD_TOLERANCE_M, snap_m: float = SNAP_DISTANCE_M) -> DetourResult:
    """The detour around ``closure``; NoDetourError when none can exist, NotOnNetworkError when the closure
    is not on the network. ``start``/``end``: EPSG:25832 points replacing the stretch's ends (snapped to the
    nearest vertex outside the closed stretch, at most ``snap_m`` away, else SnapError; ``snapped`` says how
    far). ``jammed``: geometries of congested roads (points: sensors).

    A full closure of a two-way street needs a detour for each direction: the result is the first direction
    (from the stretch's start, or START), ``opposite`` the other one (a result without ``route`` and with the
    reason in ``error`` when that direction has none)."""
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
    snapped: List[dict] = []
    if start is not None:
        source = _snap(network, "START", start, interior, snap_m, snapped)
    if end is not None:
        target = _snap(network, "END", end, interior, snap_m, snapped)
    custom_ends = start is not None or end is not None
    if custom_ends and source == target:
        raise SnapError("same", snap_m, xy=_fmt(network.xy[source]))
    key = (closure.digest(), other_key, tuple(sorted(penalty.items())))

    def one_way(a, b, closed_edges, direction):
        if not stretch.blocks and not custom_ends:
            path_edges, visited = list(closed_edges), 0  # nothing removed: traffic passes the site itself
        else:
            path_edges, visited = _search(network, a, b, criterion, blocked, penalty, engine, key)
        if custom_ends:
            normal = shortest_path(network, a, b, criterion)
            closed_edges = normal.edges if normal is not None else []
        result = DetourResult(
            _line(network, path_edges, a), _line(network, closed_edges, a),
            float(network.length_m[path_edges].sum()) if path_edges else 0.0,
            float(network.time_s[path_edges].sum()) if path_edges else 0.0,
            float(network.length_m[closed_edges].sum()) if closed_edges else 0.0,
            float(network.time_s[closed_edges].sum()) if closed_edges else 0.0,
            tuple(network.xy[a].tolist()), tuple(network.xy[b].tolist()), stretch.blocks,
            closure.restriction, criterion, engine, path_edges, visited, len(other_stretches), list(stretch.notes))
        result.direction, result.snapped = direction, list(snapped)
        return result

    first_direction = _travel_direction(network, closure.geom, stretch.start, stretch.end)
    second_direction = "backward" if first_direction == "forward" else "forward"
    first, first_error = _attempt(lambda: one_way(source, target, stretch.path, first_direction))
    if not (stretch.blocks and closure.restriction == FULL and stretch.reverse_path):
        if first_error is not None:
            raise first_error
        return first  # one direction only: a one-way street or one closed carriageway
    second, second_error = _attempt(lambda: one_way(target, source, stretch.reverse_path, second_direction))
    if first_error is not None and second_error is not None:
        raise first_error
    if first_error is not None:  # the direction that has a detour comes first
        second.opposite = _none_for(network, source, target, stretch.path, first_direction, first_error, second)
        return second
    first.opposite = (second if second_error is None else
                      _none_for(network, target, source, stretch.reverse_path, second_direction, second_error,
                                first))
    return first


def _attempt(compute):
    try:
        return compute(), None
    except NoDetourError as error:
        return None, error


def _none_for(network, a, b, closed_edges, direction, error, like: DetourResult) -> DetourResult:
    """The result of a direction without a detour (``route`` None, the reason in ``error``)."""
    closed = _line(network, closed_edges, a)
    result = DetourResult(None, closed, 0.0, 0.0, float(network.length_m[closed_edges].sum()) if closed_edges else 0.0,
                          float(network.time_s[closed_edges].sum()) if closed_edges else 0.0,
                          tuple(network.xy[a].tolist()), tuple(network.xy[b].tolist()), like.blocked,
                          like.restriction, like.criterion, like.engine, [], 0, like.avoided, ["no_detour"])
    result.direction, result.error, result.snapped = direction, str(error), list(like.snapped)
    return result


def _travel_direction(network: RoadNetwork, geom, start: int, end: int) -> str:
    """forward when traffic from ``start`` to ``end`` runs along the closure's drawn direction."""
    if geom.geom_type not in ("LineString", "MultiLineString"):
        return "forward"
    a, b = (geom.project(Point(network.xy[v])) for v in (start, end))
    return "forward" if a <= b else "backward"


def _snap(network: RoadNetwork, which: str, point, interior, snap_m: float, snapped: List[dict]) -> int:
    """The junction nearest to ``point`` outside the closed stretch, when the point lies within ``snap_m`` of a
    road; SnapError otherwise. What was done goes into ``snapped``."""
    x, y = float(point[0]), float(point[1])
    road_m = _distance_to_road(network, x, y, snap_m)
    vertex, distance = network.nearest_vertex(x, y, exclude=interior)
    if road_m > snap_m:
        raise SnapError("far", snap_m, which=which, distance=distance,
                        xy=_fmt(network.xy[vertex]))
    snapped.append({"which": which, "road_m": round(road_m, 2), "distance_m": round(distance, 2),
                    "xy": [round(v, 2) for v in network.xy[vertex].tolist()]})
    return vertex


def _distance_to_road(network: RoadNetwork, x: float, y: float, within_m: float) -> float:
    """Distance from (x, y) to the nearest edge, inf when none lies within ``within_m``."""
    near = network.edges_in_box(x - within_m, y - within_m, x + within_m, y + within_m)
    if not len(near):
        return float("inf")
    a, b = network.xy[network.edge_from[near]], network.xy[network.edge_to[near]]
    d = b - a
    lengths2 = np.maximum((d * d).sum(axis=1), 1e-18)
    t = np.clip(((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / lengths2, 0.0, 1.0)
    px, py = a[:, 0] + t * d[:, 0], a[:, 1] + t * d[:, 1]
    return float(np.min(np.hypot(px - x, py - y)))


def _search(network, source, target, criterion, blocked, penalty, engine, key) -> Tuple[List[int], int]:
    if engine == ASTAR:
        path = shortest_path(network, source, target, criterion, blocked, penalty)
        found = None if path is None else (path.edges, path.visited)
    else:
        found = _qgis_search(network, source, target, criterion, blocked, penalty, key)
    if found is None:
        connected, side = _connected(network, source, target, blocked)
        if not connected and all(network.degree(v) <= 2 for v in side):
            raise NoDetourError("dead_end")  # the far side is a plain road reached only through the site
        raise NoDetourError("no_path", start=_fmt(network.xy[source]), end=_fmt(network.xy[target]))
    return found


def _connected(network: RoadNetwork, source: int, target: int, blocked: Set[int]) -> Tuple[bool, Set[int]]:
    """(whether target and source are joined by roads outside ``blocked``, ignoring one-way rules; the
    vertices reached from target)."""
    indptr, out_edges, to = network.out_lists()
    incoming = network._cache.get("in")
    if incoming is None:
        order = np.argsort(network.edge_to, kind="stable")
        incoming = network._cache["in"] = (np.searchsorted(network.edge_to[order], np.arange(network.vertex_count + 1))
                                           .tolist(), order.tolist(), network.edge_from.tolist())
    in_ptr, in_edges, frm = incoming
    seen, stack = {target}, [target]
    while stack:
        v = stack.pop()
        if v == source:
            return True, seen
        for k in range(indptr[v], indptr[v + 1]):
            e = out_edges[k]
            if e not in blocked and to[e] not in seen:
                seen.add(to[e])
                stack.append(to[e])
        for k in range(in_ptr[v], in_ptr[v + 1]):
            e = in_edges[k]
            if e not in blocked and frm[e] not in seen:
                seen.add(frm[e])
                stack.append(frm[e])
    return False, seen


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


__all__ = ["ASTAR", "QGIS", "ENGINES", "SNAP_DISTANCE_M", "DetourResult", "find_detour", "qgis_graph_without", "DISTANCE", "TIME"]
