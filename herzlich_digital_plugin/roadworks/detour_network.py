"""A routable road network as arrays: what the QGIS graph builder produced, extracted once.

Vertices have EPSG:25832 coordinates; every directed edge has a length (m) and a travel time (s). The search
structures (out-edge lists, undirected neighbours) are built on first use and kept. Pure numpy.
"""
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import numpy as np

from ..core.definitions import DETOUR_CRITERIA as CRITERIA

DISTANCE, TIME = CRITERIA


@dataclass
class RoadNetwork:
    xy: np.ndarray  # (V, 2) float64
    edge_from: np.ndarray  # (E,) int64
    edge_to: np.ndarray  # (E,) int64
    length_m: np.ndarray  # (E,) float64
    time_s: np.ndarray  # (E,) float64
    key: tuple = ()  # what it was built from (the cache key)
    build_s: float = 0.0
    qgis_graph: object = field(default=None, repr=False)  # the QgsGraph it came from, if any
    # which feature (way) and street name id each edge belongs to (-1: no name): a closed stretch ends where
    # its street does; None for networks built without a layer (every vertex of degree 2 is passed through)
    edge_way: Optional[np.ndarray] = field(default=None, repr=False)
    edge_street: Optional[np.ndarray] = field(default=None, repr=False)
    street_names: List[str] = field(default_factory=list, repr=False)
    crossings: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)), repr=False)  # lines crossing unnoded
    noded: bool = False  # crossings were given a vertex
    warnings: List[str] = field(default_factory=list)  # what the build had to assume (translated)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def vertex_count(self) -> int:
        return int(len(self.xy))

    @property
    def edge_count(self) -> int:
        return int(len(self.edge_from))

    def cost(self, criterion: str) -> np.ndarray:
        if criterion not in CRITERIA:
            raise ValueError(f"unknown criterion {criterion!r}; use one of {CRITERIA}")
        return self.length_m if criterion == DISTANCE else self.time_s

    # ------------------------------------------------------------------ search structures

    def prepare(self) -> "RoadNetwork":
        """Build every search structure now (part of building the network, not of the first route)."""
        self.out_lists()
        self.xy_lists()
        self.neighbours()
        self.edges_in_box(0.0, 0.0, 0.0, 0.0)
        for criterion in CRITERIA:
            self.cost_list(criterion)
            self.heuristic_scale(criterion)
        return self

    def out_lists(self) -> Tuple[List[int], List[int], List[int]]:
        """(indptr, edge ids ordered by their start vertex, edge_to) as Python lists for the search loop."""
        if "out" not in self._cache:
            order = np.argsort(self.edge_from, kind="stable")
            indptr = np.searchsorted(self.edge_from[order], np.arange(self.vertex_count + 1))
            self._cache["out"] = (indptr.tolist(), order.tolist(), self.edge_to.tolist())
        return self._cache["out"]

    def cost_list(self, criterion: str) -> List[float]:
        name = "cost_" + criterion
        if name not in self._cache:
            self._cache[name] = self.cost(criterion).tolist()
        return self._cache[name]

    def xy_lists(self) -> Tuple[List[float], List[float]]:
        if "xy" not in self._cache:
            self._cache["xy"] = (self.xy[:, 0].tolist(), self.xy[:, 1].tolist())
        return self._cache["xy"]

    def heuristic_scale(self, criterion: str) -> float:
        """Lowest cost per metre of straight line over all edges: keeps the A* estimate admissible."""
        name = "scale_" + criterion
        if name not in self._cache:
            straight = np.hypot(*(self.xy[self.edge_to] - self.xy[self.edge_from]).T)
            ok = straight > 1e-9
            cost = self.cost(criterion)
            self._cache[name] = float(np.min(cost[ok] / straight[ok])) if ok.any() else 0.0
        return self._cache[name]

    def neighbours(self) -> Tuple[np.ndarray, np.ndarray]:
        """Undirected adjacency (indptr, neighbour vertex ids), each neighbour once."""
        if "undirected" not in self._cache:
            a = np.minimum(self.edge_from, self.edge_to)
            b = np.maximum(self.edge_from, self.edge_to)
            keep = a != b
            pairs = np.unique(np.column_stack([a[keep], b[keep]]), axis=0) if keep.any() else np.zeros((0, 2), int)
            src = np.concatenate([pairs[:, 0], pairs[:, 1]])
            dst = np.concatenate([pairs[:, 1], pairs[:, 0]])
            order = np.argsort(src, kind="stable")
            indptr = np.searchsorted(src[order], np.arange(self.vertex_count + 1))
            self._cache["undirected"] = (indptr, dst[order])
        return self._cache["undirected"]

    def same_street(self, e1: int, e2: int) -> bool:
        """Whether two edges belong to one street: the same name, or (both unnamed) the same feature."""
        if self.edge_street is None:
            return True
        s1, s2 = int(self.edge_street[e1]), int(self.edge_street[e2])
        if s1 >= 0 or s2 >= 0:
            return s1 == s2
        return self.edge_way is None or int(self.edge_way[e1]) == int(self.edge_way[e2])

    def edge_between(self, u: int, v: int) -> int:
        """A directed edge u → v, else v → u (-1 if neither)."""
        found = self.edges_between(u, v) or self.edges_between(v, u)
        return int(found[0]) if found else -1

    def degree(self, vertex: int) -> int:
        indptr, _ = self.neighbours()
        return int(indptr[vertex + 1] - indptr[vertex])

    def neighbours_of(self, vertex: int) -> np.ndarray:
        indptr, nbr = self.neighbours()
        return nbr[indptr[vertex]:indptr[vertex + 1]]

    def edges_between(self, u: int, v: int) -> List[int]:
        """Directed edges u → v."""
        indptr, order, to = self.out_lists()
        return [order[k] for k in range(indptr[u], indptr[u + 1]) if to[order[k]] == v]

    def nearest_vertex(self, x: float, y: float, exclude=None) -> Tuple[int, float]:
        """The vertex nearest to (x, y) and its distance; ``exclude``: vertex ids not to snap to."""
        d2 = (self.xy[:, 0] - x) ** 2 + (self.xy[:, 1] - y) ** 2
        if exclude:
            d2 = d2.copy()
            d2[list(exclude)] = np.inf
        i = int(np.argmin(d2))
        return i, float(np.sqrt(d2[i]))

    def edges_in_box(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Edges whose bounding box meets the rectangle."""
        if "box" not in self._cache:
            a, b = self.xy[self.edge_from], self.xy[self.edge_to]
            self._cache["box"] = (np.minimum(a[:, 0], b[:, 0]), np.minimum(a[:, 1], b[:, 1]),
                                  np.maximum(a[:, 0], b[:, 0]), np.maximum(a[:, 1], b[:, 1]))
        x0, y0, x1, y1 = self._cache["box"]
        return np.nonzero((x1 >= xmin) & (x0 <= xmax) & (y1 >= ymin) & (y0 <= ymax))[0]

    def path_coords(self, edges: List[int], start: Optional[int] = None) -> np.ndarray:
        """Vertex coordinates along a path of edges (or the start vertex alone for an empty path)."""
        if not edges:
            return self.xy[[start]] if start is not None else np.zeros((0, 2))
        vertices = [int(self.edge_from[edges[0]])] + [int(self.edge_to[e]) for e in edges]
        return self.xy[vertices]
