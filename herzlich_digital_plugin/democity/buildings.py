"""Building façades along the roads: a few metres behind the pavement, junction corners left free."""
from typing import List

import numpy as np

from .geometry import PolylineSet, offset_polyline
from .randomness import rng_for
from .scene_model import Facade
from .spatial import densify_segments, pairs_within
from .sizes import CENTRE
from .streets import Network

HEIGHT_RANGE = (8.0, 20.0)
FRONT_WIDTH_RANGE = (8.0, 24.0)  # one building's street front
SETBACK_RANGE = (1.0, 4.0)  # from the back of the pavement to the façade
GAP_SHARE = 0.25  # share of buildings followed by a passage or yard
GAP_RANGE = (3.0, 10.0)
JUNCTION_CLEARANCE = 8.0  # metres kept free beyond the crossing road's pavement
MIN_CLEARANCE = 0.5  # a façade keeps this distance behind any pavement

# Plaster and sandstone colours of Palatinate towns.
_PALETTE = np.array([
    (236, 224, 196), (214, 190, 150), (240, 226, 160), (200, 200, 196), (235, 235, 230), (222, 170, 140),
    (170, 85, 60), (180, 192, 200), (205, 160, 90), (225, 190, 185), (180, 100, 80), (190, 205, 180),
], dtype=float)


def build_facades(network: Network, seed: int) -> List[Facade]:
    """Façades on both sides of every edge (deterministic for a seed)."""
    rng = rng_for(seed, "buildings")
    degree = network.degrees()
    inc = network.incident_edges()
    half = np.array([r.width / 2.0 for r in network.roads])
    pave = np.array([r.pavement_width for r in network.roads])
    # Free length at each node: the widest crossing road plus its pavement plus a margin.
    node_clear = np.array([
        (JUNCTION_CLEARANCE + max(half[e] + pave[e] for e in inc[n])) if degree[n] >= 3 else
        (1.0 if degree[n] == 2 else 0.0)
        for n in range(len(network.nodes))])

    lines, line_s, line_f = [], [], []
    for e, road in enumerate(network.roads):
        for side in (1.0, -1.0):  # line 2e is right of the edge's direction, 2e + 1 left
            setback = rng.uniform(*SETBACK_RANGE)
            lines.append(offset_polyline(road.coords, side * (half[e] + pave[e] + setback)))
    polys = PolylineSet(lines)
    for k, length in enumerate(polys.lengths):
        a, b = network.edge_nodes[k // 2]
        s0, s1 = node_clear[a], length - node_clear[b]
        if s1 - s0 < FRONT_WIDTH_RANGE[0]:
            continue
        n_max = int((s1 - s0) / FRONT_WIDTH_RANGE[0]) + 1
        widths = rng.uniform(*FRONT_WIDTH_RANGE, n_max)
        gaps = np.where(rng.random(n_max) < GAP_SHARE, rng.uniform(*GAP_RANGE, n_max), 0.0)
        first = s0 + np.concatenate([[0.0], np.cumsum(widths + gaps)[:-1]])
        last = first + widths
        ok = last <= s1
        line_s.append(np.column_stack([first[ok], last[ok]]))
        line_f.append(np.full(ok.sum(), k))
    if not line_s:
        return []
    se = np.vstack(line_s)
    which = np.concatenate(line_f)
    p0 = polys.sample(which, se[:, 0])[0]
    p1 = polys.sample(which, se[:, 1])[0]
    left = which % 2 == 1  # keep every façade's (x1, y1) -> (x2, y2) with the road on its left
    p0[left], p1[left] = p1[left].copy(), p0[left].copy()
    keep = _clear_of_roads(network, p0, p1, half, pave)
    p0, p1 = p0[keep], p1[keep]
    n = len(p0)
    mid = 0.5 * (p0 + p1)
    central = np.hypot(mid[:, 0] - CENTRE[0], mid[:, 1] - CENTRE[1]) < 700.0
    # Taller houses in the centre, lower ones in the districts.
    u = rng.random(n)
    heights = np.where(central, 11.0 + u * 9.0, HEIGHT_RANGE[0] + u ** 1.5 * 9.0)
    heights = np.clip(heights, *HEIGHT_RANGE)
    colours = _PALETTE[rng.integers(0, len(_PALETTE), n)] + rng.uniform(-8.0, 8.0, (n, 3))
    colours = np.clip(np.rint(colours), 0, 255).astype(int)
    return [Facade(float(a[0]), float(a[1]), float(b[0]), float(b[1]), float(round(h, 2)), tuple(int(c) for c in col))
            for a, b, h, col in zip(p0, p1, heights, colours)]


def _clear_of_roads(network: Network, p0, p1, half, pave) -> np.ndarray:
    """False for façades that reach into any road or pavement (acute junctions, inner bends)."""
    road_pts, owner = densify_segments([r.coords for r in network.roads], 2.0)
    need = half[owner] + pave[owner] + MIN_CLEARANCE
    t = np.linspace(0.0, 1.0, 5)
    probe = (p0[:, None, :] + (p1 - p0)[:, None, :] * t[None, :, None]).reshape(-1, 2)
    ia, ib, d = pairs_within(probe, road_pts, float(need.max()))
    bad_probe = np.zeros(len(probe), bool)
    bad_probe[ia[d < need[ib] - 0.3]] = True  # 0.3 m slack: road points are 2 m apart
    return ~bad_probe.reshape(len(p0), len(t)).any(axis=1)
