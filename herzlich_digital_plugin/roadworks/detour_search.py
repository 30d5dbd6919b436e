"""Shortest path on a ``RoadNetwork`` with some edges removed and some made dearer: A* with a straight-line
estimate (admissible: scaled by the network's lowest cost per metre), so a local detour only looks at the
streets around the site instead of the whole city. Pure Python over lists prepared once per network.
"""
from dataclasses import dataclass
from heapq import heappop, heappush
from math import hypot, inf
from typing import Collection, Dict, List, Optional

from .detour_network import DISTANCE, RoadNetwork


@dataclass
class Path:
    edges: List[int]  # directed edge ids, source to target
    cost: float  # in the criterion's unit, penalties included
    visited: int  # vertices settled (how much of the network the search looked at)


def shortest_path(network: RoadNetwork, source: int, target: int, criterion: str = DISTANCE,
                  blocked: Collection[int] = frozenset(), penalty: Optional[Dict[int, float]] = None,
                  allowed: Optional[Collection[int]] = None, astar: bool = True) -> Optional[Path]:
    """The cheapest path source → target avoiding ``blocked`` edges (None if there is none).

    ``penalty``: {edge: factor ≥ 1} multiplies an edge's cost. ``allowed``: only these edges may be used.
    """
    indptr, out_edges, to = network.out_lists()
    cost = network.cost_list(criterion)
    xs, ys = network.xy_lists()
    scale = network.heuristic_scale(criterion) if astar else 0.0
    tx, ty = xs[target], ys[target]
    best = {source: 0.0}
    parent = {source: -1}
    heap = [(scale * hypot(xs[source] - tx, ys[source] - ty), 0.0, source)]
    settled = set()
    penalty = penalty or {}
    while heap:
        _, g, v = heappop(heap)
        if v in settled:
            continue
        if v == target:
            break
        settled.add(v)
        for k in range(indptr[v], indptr[v + 1]):
            e = out_edges[k]
            if e in blocked or (allowed is not None and e not in allowed):
                continue
            w = to[e]
            c = g + cost[e] * penalty.get(e, 1.0)
            if c < best.get(w, inf):
                best[w] = c
                parent[w] = e
                heappush(heap, (c + scale * hypot(xs[w] - tx, ys[w] - ty), c, w))
    else:
        return None
    edges = []
    v = target
    edge_from = network.edge_from
    while parent[v] != -1:
        e = parent[v]
        edges.append(e)
        v = int(edge_from[e])
    edges.reverse()
    return Path(edges, best[target], len(settled))
