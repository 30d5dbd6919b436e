"""Lines that cross (or end on another line) without a shared vertex: found, and noded on request.

Many municipal road layers draw a street as one long line across all its junctions; the graph then has no
junction there and every closure "reaches a dead end". OSM instead shares a vertex at every junction, and its
crossings without one are bridges and tunnels, which must not become junctions. ``count_crossings`` finds them;
``node_crossings`` inserts a vertex into both lines at each crossing (and into a line where another ends on it).
Pure numpy: candidate pairs from a grid of cells, then the segment-intersection formula, vectorised.
"""
from typing import Tuple

import numpy as np

MAX_CELLS_PER_SEGMENT = 4096
NEAR_END_M = 0.5  # a crossing this close to a segment's end is that end (a near-miss of the tolerance)


def _segments(x, y, part_sizes):
    """Index of each segment's first point (segments never span two parts)."""
    ends = np.cumsum(part_sizes)
    last = np.zeros(len(x), dtype=bool)
    last[ends[part_sizes > 0] - 1] = True
    return np.nonzero(~last)[0]


def _candidate_pairs(x0, y0, x1, y1) -> Tuple[np.ndarray, np.ndarray]:
    n = len(x0)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lengths = np.hypot(x1 - x0, y1 - y0)
    cell = max(float(np.median(lengths)) * 2.0, 1.0)
    ox, oy = min(x0.min(), x1.min()), min(y0.min(), y1.min())
    cx0 = np.floor((np.minimum(x0, x1) - ox) / cell).astype(np.int64)
    cx1 = np.floor((np.maximum(x0, x1) - ox) / cell).astype(np.int64)
    cy0 = np.floor((np.minimum(y0, y1) - oy) / cell).astype(np.int64)
    cy1 = np.floor((np.maximum(y0, y1) - oy) / cell).astype(np.int64)
    wx, wy = cx1 - cx0 + 1, cy1 - cy0 + 1
    count = np.minimum(wx * wy, MAX_CELLS_PER_SEGMENT)
    seg = np.repeat(np.arange(n), count)
    k = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    ix, iy = cx0[seg] + k % wx[seg], cy0[seg] + k // wx[seg]
    key = ix * (int(cy1.max()) + 2) + iy
    order = np.lexsort((seg, key))
    key, seg = key[order], seg[order]
    a_all, b_all = [], []
    step = 1
    while True:
        same = key[step:] == key[:-step] if step < len(key) else np.zeros(0, dtype=bool)
        if not same.any():
            break
        a_all.append(seg[:-step][same])
        b_all.append(seg[step:][same])
        step += 1
    if not a_all:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pairs = np.unique(np.column_stack([np.concatenate(a_all), np.concatenate(b_all)]), axis=0)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return pairs[:, 0], pairs[:, 1]


def find_crossings(x, y, part_sizes, tolerance_m: float):
    """(segment start index, parameter t along it, x, y) of every point where a segment must get a vertex:
    another segment crosses it, or ends on it, farther than the tolerance from its own ends."""
    starts = _segments(x, y, part_sizes)
    x0, y0, x1, y1 = x[starts], y[starts], x[starts + 1], y[starts + 1]
    a, b = _candidate_pairs(x0, y0, x1, y1)
    if not len(a):
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0), np.zeros(0)
    rx, ry = x1[a] - x0[a], y1[a] - y0[a]
    sx, sy = x1[b] - x0[b], y1[b] - y0[b]
    denom = rx * sy - ry * sx
    qx, qy = x0[b] - x0[a], y0[b] - y0[a]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qx * sy - qy * sx) / denom
        u = (qx * ry - qy * rx) / denom
    ok = (np.abs(denom) > 1e-12) & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)
    a, b, t, u = a[ok], b[ok], t[ok], u[ok]
    px, py = x0[a] + t * (x1[a] - x0[a]), y0[a] + t * (y1[a] - y0[a])
    len_a = np.hypot(x1[a] - x0[a], y1[a] - y0[a])
    len_b = np.hypot(x1[b] - x0[b], y1[b] - y0[b])
    tol = max(float(tolerance_m), NEAR_END_M)
    inner_a = (t * len_a > tol) & ((1 - t) * len_a > tol)
    inner_b = (u * len_b > tol) & ((1 - u) * len_b > tol)
    seg = np.concatenate([starts[a][inner_a], starts[b][inner_b]])
    par = np.concatenate([t[inner_a], u[inner_b]])
    return seg, par, np.concatenate([px[inner_a], px[inner_b]]), np.concatenate([py[inner_a], py[inner_b]])


def count_crossings(x, y, part_sizes, tolerance_m: float) -> np.ndarray:
    """Where lines cross or meet without a shared vertex: an (N, 2) array of points (each place once)."""
    _, _, px, py = find_crossings(x, y, part_sizes, tolerance_m)
    if not len(px):
        return np.zeros((0, 2))
    return np.unique(np.round(np.column_stack([px, py]), 3), axis=0)


def node_crossings(x, y, part_sizes, tolerance_m: float):
    """(x, y, part sizes, crossing points) with a vertex inserted at every crossing found."""
    seg, par, px, py = find_crossings(x, y, part_sizes, tolerance_m)
    crossings = count_crossings(x, y, part_sizes, tolerance_m) if len(seg) else np.zeros((0, 2))
    if not len(seg):
        return x, y, part_sizes, crossings
    key = np.concatenate([np.arange(len(x), dtype=np.float64), seg + par])
    order = np.argsort(key, kind="stable")
    new_x, new_y = np.concatenate([x, px])[order], np.concatenate([y, py])[order]
    part_of_point = np.repeat(np.arange(len(part_sizes)), part_sizes)
    added = np.bincount(part_of_point[seg], minlength=len(part_sizes))
    return new_x, new_y, part_sizes + added, crossings
