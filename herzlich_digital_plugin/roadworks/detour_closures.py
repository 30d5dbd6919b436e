"""Which edges of a ``RoadNetwork`` a closure blocks, and where traffic has to leave and rejoin the road.

1. The edges along the closure: more of the edge than ``tolerance_m`` + 1 m lies within ``tolerance_m`` of
   the geometry, and (for a line) the edge runs parallel to it there; for a polygon every edge inside it.
2. They grow along the street to the next junctions (vertices with other than two neighbours): traffic cannot
   leave a closed road between junctions, so the closed stretch runs junction to junction. Growth also stops
   where the street ends (another name, or another feature where both are unnamed): a corner drawn as a plain
   vertex joins two streets, and the next street is not closed.
3. The stretch's outermost junctions along the closure are its ends; the travel direction runs from the
   start end to the other (the geometry's digitising direction; ``direction="backward"`` turns it round; a
   one-way stretch is travelled the way it allows).
4. The restriction decides what is removed: ``full_closure`` both directions, ``lanes_one_direction`` the
   travel direction only, ``one_lane``/``shoulder``/``none`` nothing (the stretch is reported all the same).
Pure numpy + shapely.
"""
import hashlib
from dataclasses import dataclass, field
from heapq import heappop, heappush
from typing import Dict, Iterable, List, Optional, Set, Tuple

import numpy as np
from shapely.geometry import LineString, Point

from .detour_errors import NoDetourError, NotOnNetworkError
from .detour_network import RoadNetwork
from .detour_search import shortest_path

ON_ROAD_TOLERANCE_M = 3.0
PARALLEL_COS = 0.9  # |cos| between an edge and the closure line for the edge to run along it (25°)
OVERLAP_MARGIN_M = 1.0
FULL, ONE_DIRECTION = "full_closure", "lanes_one_direction"
BLOCKING = (FULL, ONE_DIRECTION)


@dataclass(frozen=True)
class Closure:
    geom: object  # shapely LineString/Polygon (or multi), EPSG:25832
    restriction: str = FULL
    direction: str = "both"  # both, forward, backward (relative to the digitising direction)
    label: str = ""

    @classmethod
    def from_works(cls, works) -> "Closure":
        return cls(works.geometry, works.restriction or "none", works.direction or "both", works.title or "")

    def digest(self) -> str:
        """Content hash: the cache key of everything derived from the closure."""
        text = f"{self.geom.wkb_hex}|{self.restriction}|{self.direction}"
        return hashlib.sha1(text.encode("ascii"), usedforsecurity=False).hexdigest()


@dataclass
class Stretch:
    """What one closure does to the network."""
    closure: Closure
    start: int  # vertex where traffic leaves the road (travel direction start → end)
    end: int
    edges: Set[int]  # every directed edge of the closed stretch (both directions)
    blocked: Set[int]  # the directed edges removed
    path: List[int]  # the stretch from start to end in travel direction (empty if no traffic may pass)
    length_m: float  # of that path
    time_s: float
    notes: List[str] = field(default_factory=list)  # codes: "not_blocking", "no_traffic_in_direction"
    reverse_path: List[int] = field(default_factory=list)  # end → start, when traffic may pass that way too

    @property
    def blocks(self) -> bool:
        return bool(self.blocked)


def _lines(geom) -> List:
    if geom.geom_type in ("LineString", "LinearRing"):
        return [geom]
    if geom.geom_type == "MultiLineString":
        return list(geom.geoms)
    if geom.geom_type == "GeometryCollection":
        return [g for part in geom.geoms for g in _lines(part)]
    return []


def _is_area(geom) -> bool:
    return geom.geom_type in ("Polygon", "MultiPolygon")


def edges_along(network: RoadNetwork, geom, tolerance_m: float = ON_ROAD_TOLERANCE_M) -> Set[int]:
    """Directed edges lying along ``geom`` (step 1): more of the edge than the tolerance (plus a metre) lies
    within ``tolerance_m`` of it (a crossing or touching street does not), and for a line the edge runs
    parallel to it there."""
    xmin, ymin, xmax, ymax = geom.bounds
    candidates = network.edges_in_box(xmin - tolerance_m, ymin - tolerance_m, xmax + tolerance_m,
                                      ymax + tolerance_m)
    if not len(candidates):
        return set()
    zone = geom.buffer(tolerance_m)
    area = _is_area(geom)
    found = set()
    for e in candidates.tolist():
        a, b = network.xy[network.edge_from[e]], network.xy[network.edge_to[e]]
        vec = b - a
        norm = float(np.hypot(*vec))
        if norm < 1e-9:
            continue
        inside = LineString([a, b]).intersection(zone)
        if inside.length <= tolerance_m + OVERLAP_MARGIN_M:
            continue
        if area:
            found.add(e)
            continue
        mid = inside.interpolate(0.5, normalized=True) if inside.geom_type == "LineString" else inside.centroid
        s = geom.project(mid)
        p0, p1 = geom.interpolate(max(0.0, s - 1.0)), geom.interpolate(min(geom.length, s + 1.0))
        tangent = np.array([p1.x - p0.x, p1.y - p0.y])
        t_norm = float(np.hypot(*tangent))
        if t_norm < 1e-9 or abs(float(vec @ tangent)) / (norm * t_norm) >= PARALLEL_COS:
            found.add(e)
    return found


SAME_PLACE_M = 1.0  # streets this much farther from the drawn line than the nearest one are beside it, not on it


def _nearest_streets(network: RoadNetwork, geom, along: Set[int]) -> Set[int]:
    """The edges of the street(s) the line is drawn on: a parallel street or service road a few metres beside it
    (another name, or another unnamed feature) is within the tolerance too, but not what the closure means."""
    if network.edge_street is None:
        return along
    groups: Dict[tuple, List[int]] = {}
    for e in along:
        street = int(network.edge_street[e])
        key = ("name", street) if street >= 0 else ("way", int(network.edge_way[e]) if network.edge_way is not None
                                                    else -1)
        groups.setdefault(key, []).append(e)
    if len(groups) < 2:
        return along
    distance = {key: sum(geom.distance(LineString([network.xy[network.edge_from[e]], network.xy[network.edge_to[e]]]))
                         for e in edges) / len(edges) for key, edges in groups.items()}
    best = min(distance.values())
    return {e for key, edges in groups.items() if distance[key] <= best + SAME_PLACE_M for e in edges}


def _carriageway(network: RoadNetwork, geom, along: Set[int], direction: str) -> Set[int]:
    """The edges of the carriageway the closure means: one-way edges running against the closure's direction
    (``forward``: the drawn one, ``backward``: the opposite) are an opposite carriageway nearby and stay open;
    with ``both`` and one-way edges both ways, the carriageway nearer to the drawn line is closed."""
    two_way, groups = set(), {1: set(), -1: set()}
    for e in along:
        u, v = int(network.edge_from[e]), int(network.edge_to[e])
        if network.edges_between(v, u):
            two_way.add(e)
            continue
        a, b = network.xy[u], network.xy[v]
        s0, s1 = geom.project(Point(a)), geom.project(Point(b))
        groups[1 if s1 >= s0 else -1].add(e)
    if not groups[1] or not groups[-1]:
        keep = {1: groups[1], -1: groups[-1]}
        wanted = {"forward": 1, "backward": -1}.get(direction)
        if wanted is not None and keep[wanted]:
            return two_way | keep[wanted]
        return along
    wanted = {"forward": 1, "backward": -1}.get(direction)
    if wanted is None:
        def mean_distance(edges):
            return sum(geom.distance(LineString([network.xy[network.edge_from[e]], network.xy[network.edge_to[e]]]))
                       for e in edges) / len(edges)
        wanted = 1 if mean_distance(groups[1]) <= mean_distance(groups[-1]) else -1
    return two_way | groups[wanted]


def _pairs(network: RoadNetwork, edges: Iterable[int]) -> Set[Tuple[int, int]]:
    out = set()
    for e in edges:
        u, v = int(network.edge_from[e]), int(network.edge_to[e])
        if u != v:
            out.add((min(u, v), max(u, v)))
    return out


def _grow_to_junctions(network: RoadNetwork, pairs: Set[Tuple[int, int]]) -> Set[Tuple[int, int]]:
    """Extend the stretch through vertices with exactly two neighbours on the same street (step 2)."""
    pairs = set(pairs)
    touched: Dict[int, int] = {}
    for u, v in pairs:
        touched[u] = touched.get(u, 0) + 1
        touched[v] = touched.get(v, 0) + 1
    frontier = [v for v, n in touched.items() if n == 1]
    while frontier:
        v = frontier.pop()
        if network.degree(v) != 2:
            continue
        inside = [w for w in network.neighbours_of(v).tolist() if (min(v, w), max(v, w)) in pairs]
        for w in network.neighbours_of(v).tolist():
            pair = (min(v, w), max(v, w))
            if pair not in pairs:
                if inside and not network.same_street(network.edge_between(v, inside[0]),
                                                      network.edge_between(v, w)):
                    continue  # the street ends here (a corner into the next one)
                pairs.add(pair)
                touched[v] = touched.get(v, 0) + 1
                touched[w] = touched.get(w, 0) + 1
                if touched[w] == 1:
                    frontier.append(w)
    return pairs


def _position(geom, xy) -> float:
    """Distance along a lineal closure of the point nearest to ``xy``."""
    return float(geom.project(Point(xy))) if _lines(geom) and not _is_area(geom) else 0.0


def _ends(network: RoadNetwork, geom, pairs: Set[Tuple[int, int]]) -> Tuple[int, int]:
    """The two outermost junctions (or street ends) of the stretch along the closure (step 3)."""
    vertices = {v for pair in pairs for v in pair}
    inner: Dict[int, int] = {}
    for u, v in pairs:
        inner[u], inner[v] = inner.get(u, 0) + 1, inner.get(v, 0) + 1
    ends = [v for v in vertices if network.degree(v) != 2 or inner[v] == 1]
    if len(ends) < 2:
        raise NoDetourError("no_ends")
    if _is_area(geom) or not _lines(geom):
        pts = network.xy[ends]
        d = np.hypot(pts[:, None, 0] - pts[None, :, 0], pts[:, None, 1] - pts[None, :, 1])
        i, j = np.unravel_index(int(np.argmax(d)), d.shape)
        first, last = (ends[i], ends[j]) if i <= j else (ends[j], ends[i])
        return first, last
    line = _lines(geom)[0]
    start_pt, end_pt = Point(line.coords[0]), Point(line.coords[-1])

    def key_start(v):
        return (_position(geom, network.xy[v]), start_pt.distance(Point(network.xy[v])))

    def key_end(v):
        return (-_position(geom, network.xy[v]), end_pt.distance(Point(network.xy[v])))
    first = min(ends, key=key_start)
    last = min((v for v in ends if v != first), key=key_end)
    return first, last


def _stretch_edges(network: RoadNetwork, pairs: Set[Tuple[int, int]]) -> Set[int]:
    out = set()
    for u, v in pairs:
        out.update(network.edges_between(u, v))
        out.update(network.edges_between(v, u))
    return out


def _order(network: RoadNetwork, start: int, pairs: Set[Tuple[int, int]]) -> Dict[int, float]:
    """Distance of every stretch vertex from ``start`` along the stretch (either direction of travel)."""
    adjacency: Dict[int, List[Tuple[int, float]]] = {}
    for u, v in pairs:
        length = float(np.hypot(*(network.xy[u] - network.xy[v])))
        adjacency.setdefault(u, []).append((v, length))
        adjacency.setdefault(v, []).append((u, length))
    dist = {start: 0.0}
    heap = [(0.0, start)]
    while heap:
        d, v = heappop(heap)
        if d > dist[v]:
            continue
        for w, length in adjacency.get(v, ()):
            if d + length < dist.get(w, float("inf")):
                dist[w] = d + length
                heappush(heap, (d + length, w))
    return dist


def stretch_of(network: RoadNetwork, closure: Closure, tolerance_m: float = ON_ROAD_TOLERANCE_M,
               check_ends: bool = True) -> Stretch:
    """The closed stretch of ``closure`` and the edges it removes (steps 1-4).

    ``check_ends``: raise NoDetourError when an end is a dead end (for the closure being detoured; other
    closures to avoid are taken as they are).
    """
    geom = closure.geom
    along = edges_along(network, geom, tolerance_m)
    if not along:
        raise NotOnNetworkError(_distance_to_network(network, geom), tolerance_m)
    if not _is_area(geom) and _lines(geom):
        along = _carriageway(network, geom, _nearest_streets(network, geom, along), closure.direction)
    pairs = _grow_to_junctions(network, _pairs(network, along))
    start, end = _ends(network, geom, pairs)
    blocking = closure.restriction in BLOCKING
    if check_ends and blocking and (network.degree(start) < 2 or network.degree(end) < 2):
        raise NoDetourError("dead_end")
    edges = _stretch_edges(network, pairs)
    if closure.direction == "backward":
        start, end = end, start
    pos = _order(network, start, pairs)
    forward = {e for e in edges if pos.get(int(network.edge_to[e]), 0.0) > pos.get(int(network.edge_from[e]), 0.0)}
    notes = []
    path = shortest_path(network, start, end, allowed=forward)
    if path is None and closure.restriction == FULL and closure.direction == "both":
        # a one-way stretch against the drawing direction: traffic comes from the other end
        start, end = end, start
        pos = _order(network, start, pairs)
        forward = {e for e in edges
                   if pos.get(int(network.edge_to[e]), 0.0) > pos.get(int(network.edge_from[e]), 0.0)}
        path = shortest_path(network, start, end, allowed=forward)
    if path is None:
        notes.append("no_traffic_in_direction")
    if closure.restriction == FULL:
        blocked = set(edges)
    elif closure.restriction == ONE_DIRECTION:
        blocked = set(forward)
    else:
        blocked = set()
        notes.append("not_blocking")
    path_edges = path.edges if path is not None else []
    length = float(network.length_m[path_edges].sum()) if path_edges else 0.0
    time = float(network.time_s[path_edges].sum()) if path_edges else 0.0
    reverse = shortest_path(network, end, start, allowed=set(edges) - forward) if path is not None else None
    return Stretch(closure, start, end, edges, blocked, path_edges, length, time, notes,
                   reverse.edges if reverse is not None else [])


def _distance_to_network(network: RoadNetwork, geom, search_m: float = 500.0) -> float:
    xmin, ymin, xmax, ymax = geom.bounds
    near = network.edges_in_box(xmin - search_m, ymin - search_m, xmax + search_m, ymax + search_m)
    if not len(near):
        probe = geom.representative_point()
        return network.nearest_vertex(probe.x, probe.y)[1]
    return min(geom.distance(LineString([network.xy[network.edge_from[e]], network.xy[network.edge_to[e]]]))
               for e in near.tolist())


def avoidance(network: RoadNetwork, closures: Iterable[Closure], lane_penalty: float,
              tolerance_m: float = ON_ROAD_TOLERANCE_M) -> Tuple[Set[int], Dict[int, float], List[Stretch]]:
    """(blocked edges, penalties, stretches) of other closures the detour should avoid. Closures off the
    network are skipped; lane restrictions make their stretch dearer instead of removing it."""
    blocked: Set[int] = set()
    penalty: Dict[int, float] = {}
    stretches = []
    for closure in closures:
        try:
            stretch = stretch_of(network, closure, tolerance_m, check_ends=False)
        except (NotOnNetworkError, NoDetourError):
            continue
        stretches.append(stretch)
        blocked |= stretch.blocked
        if closure.restriction not in BLOCKING:
            for e in stretch.edges:
                penalty[e] = max(penalty.get(e, 1.0), lane_penalty)
    return blocked, penalty, stretches


def penalised_near(network: RoadNetwork, geoms: Iterable, factor: float, tolerance_m: float) -> Dict[int, float]:
    """{edge: factor} for the edges along any of ``geoms`` (e.g. jammed roads)."""
    out: Dict[int, float] = {}
    for geom in geoms:
        if geom is None or geom.is_empty:
            continue
        if geom.geom_type in ("Point", "MultiPoint"):
            geom = geom.buffer(tolerance_m)
        for e in edges_along(network, geom, tolerance_m):
            out[e] = max(out.get(e, 1.0), factor)
    return out


def closures_digest(closures: Iterable[Optional[Closure]]) -> str:
    return hashlib.sha1("|".join(c.digest() for c in closures if c is not None).encode("ascii"),
                        usedforsecurity=False).hexdigest()
