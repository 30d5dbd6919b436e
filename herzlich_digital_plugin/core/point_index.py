"""In-memory 2-D nearest-neighbour index over (x, y) points with ids: numpy only. The sign register matches
its entries with it (register/matching.py); bench/bench_nearest.py measures it beside brute force.

Sorted-cell scheme: points are bucketed into square cells, sorted by cell key, and the
occupied cells kept in a sorted key array (memory O(n), however sparse the points are).
A query visits cells ring by ring around its own cell and stops as soon as no unvisited
cell can hold anything closer. Distances are ``np.hypot(xs - x, ys - y)`` exactly as a
brute-force search computes them, and ties go to the point given first, so results equal
a brute-force ``argmin`` / stable sort.
"""
import math

import numpy as np

__all__ = ["PointIndex"]

POINTS_PER_CELL = 6.0  # target mean occupancy of occupied cells: few cells per query, few points per cell
MAX_RING_CELLS = 4096  # a query that would visit more cells than this scans all points instead
_KEY_SHIFT = 32  # key = iy << 32 | ix with cell indices in [0, 2**31)


def _python(value):
    return value.item() if isinstance(value, np.generic) else value


class PointIndex:
    """Nearest / k-nearest / radius queries over fixed points (build once, query often)."""

    def __init__(self, xs, ys, ids=None, cell_size=None):
        self.xs = np.ascontiguousarray(xs, dtype=float).ravel()
        self.ys = np.ascontiguousarray(ys, dtype=float).ravel()
        if self.xs.shape != self.ys.shape:
            raise ValueError("xs and ys must have the same length")
        n = len(self.xs)
        self.ids = np.arange(n) if ids is None else np.asarray(ids)
        if len(self.ids) != n:
            raise ValueError("ids must have one entry per point")
        if n and not (np.isfinite(self.xs).all() and np.isfinite(self.ys).all()):
            raise ValueError("coordinates must be finite numbers")
        self._build(cell_size)

    def __len__(self):
        return len(self.xs)

    # ------------------------------------------------------------------ build

    def _build(self, cell_size):
        n = len(self.xs)
        if n == 0:
            self.cell, self.x0, self.y0 = 1.0, 0.0, 0.0
            self._keys = np.zeros(0, np.int64)
            self._starts = np.zeros(1, np.int64)
            self._order = np.zeros(0, np.int64)
            self._nx = self._ny = 0
            return
        self.x0, self.y0 = float(self.xs.min()), float(self.ys.min())
        width = float(self.xs.max()) - self.x0
        height = float(self.ys.max()) - self.y0
        if cell_size is None:
            cell_size = self._choose_cell(width, height)
        # cell indices must fit 31 bits
        self.cell = max(float(cell_size), max(width, height) / float(2 ** 30), 1e-9)
        ix = np.floor((self.xs - self.x0) / self.cell).astype(np.int64)
        iy = np.floor((self.ys - self.y0) / self.cell).astype(np.int64)
        self._nx, self._ny = int(ix.max()) + 1, int(iy.max()) + 1
        keys = (iy << _KEY_SHIFT) | ix
        self._order = np.argsort(keys, kind="stable")  # stable: within a cell, input order
        sorted_keys = keys[self._order]
        self._keys, first = np.unique(sorted_keys, return_index=True)
        self._starts = np.append(first, n).astype(np.int64)
        # point coordinates in cell order: one contiguous slice per cell
        self._sx, self._sy = self.xs[self._order], self.ys[self._order]

    def _choose_cell(self, width, height):
        """Cell size giving about POINTS_PER_CELL points per occupied cell (points often lie on lines)."""
        n = len(self.xs)
        extent = max(width, height)
        if extent == 0.0:
            return 1.0
        area = max(width, extent * 1e-6) * max(height, extent * 1e-6)
        cell = math.sqrt(area * POINTS_PER_CELL / n)
        for _ in range(3):  # clustered data occupies fewer cells than uniform data: shrink towards the target
            ix = np.floor((self.xs - self.xs.min()) / cell).astype(np.int64)
            iy = np.floor((self.ys - self.ys.min()) / cell).astype(np.int64)
            occupied = len(np.unique((iy << _KEY_SHIFT) | ix))
            per_cell = n / occupied
            if per_cell <= POINTS_PER_CELL * 1.5 or cell <= extent / 2 ** 20:
                break
            # for points on lines occupancy grows with the cell's side, for areas with its square
            cell *= max(0.25, POINTS_PER_CELL / per_cell)
        return cell

    # ------------------------------------------------------------------ cell helpers

    def _cell_of(self, x, y):
        return (math.floor((x - self.x0) / self.cell), math.floor((y - self.y0) / self.cell))

    def _gather(self, ix, iy):
        """Positions (in cell order) of the points in cells (ix, iy) (arrays; out-of-grid cells dropped)."""
        ok = (ix >= 0) & (ix < self._nx) & (iy >= 0) & (iy < self._ny)
        if not ok.all():
            ix, iy = ix[ok], iy[ok]
        if len(ix) == 0:
            return np.zeros(0, np.int64)
        keys = (iy.astype(np.int64) << _KEY_SHIFT) | ix.astype(np.int64)
        found = self._found(keys, np.searchsorted(self._keys, keys))
        if len(found) == 0:
            return np.zeros(0, np.int64)
        starts, ends = self._starts[found], self._starts[found + 1]
        if len(found) == 1:
            return np.arange(starts[0], ends[0])
        lengths = ends - starts
        total = int(lengths.sum())
        # concatenated aranges without a Python loop
        offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        return np.arange(total) + offsets

    def _found(self, keys, pos):
        """Indices into the occupied-cell arrays of those keys that are occupied."""
        inside = pos < len(self._keys)
        pos, keys = pos[inside], keys[inside]
        return pos[self._keys[pos] == keys]

    def _ring(self, cx, cy, r):
        """Cell indices of the square ring at Chebyshev distance r around (cx, cy), clipped to the grid."""
        if r == 0:
            return np.array([cx]), np.array([cy])
        x_lo, x_hi = max(cx - r, 0), min(cx + r, self._nx - 1)
        y_lo, y_hi = max(cy - r, 0), min(cy + r, self._ny - 1)
        if x_lo > x_hi or y_lo > y_hi:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        xs_parts, ys_parts = [], []
        span_x = np.arange(x_lo, x_hi + 1)
        for row in (cy - r, cy + r):  # top and bottom rows, full width
            if 0 <= row < self._ny:
                xs_parts.append(span_x)
                ys_parts.append(np.full(len(span_x), row))
        inner_lo, inner_hi = max(cy - r + 1, 0), min(cy + r - 1, self._ny - 1)
        if inner_lo <= inner_hi:
            span_y = np.arange(inner_lo, inner_hi + 1)
            for col in (cx - r, cx + r):  # left and right columns without the corners
                if 0 <= col < self._nx:
                    xs_parts.append(np.full(len(span_y), col))
                    ys_parts.append(span_y)
        if not xs_parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(xs_parts), np.concatenate(ys_parts)

    def _first_ring(self, cx, cy):
        """Smallest ring that touches the grid (queries outside the points' extent skip empty rings)."""
        dx = max(0 - cx, cx - (self._nx - 1), 0)
        dy = max(0 - cy, cy - (self._ny - 1), 0)
        return max(dx, dy)

    def _ring_bound(self, x, y, cx, cy, r):
        """A lower bound of the distance from (x, y) to any point in rings ≥ r (conservative)."""
        if r <= 0:
            return 0.0
        fx = x - (self.x0 + cx * self.cell)
        fy = y - (self.y0 + cy * self.cell)
        edge = min(fx, self.cell - fx, fy, self.cell - fy)
        bound = (r - 1) * self.cell + max(edge, 0.0)
        return bound * (1 - 1e-9) - 1e-9  # float slack: never stop early

    # ------------------------------------------------------------------ queries

    def _brute(self, x, y):
        return np.hypot(self.xs - x, self.ys - y)

    def _candidates(self, x, y, k, max_distance):
        """Positions (original order) and distances of candidate points that surely contain the answer."""
        cx, cy = self._cell_of(x, y)
        r = self._first_ring(cx, cy)
        if max_distance is not None and self._ring_bound(x, y, cx, cy, r) > max_distance:
            return np.zeros(0, np.int64), np.zeros(0)
        parts, dists = [], []
        count, visited = 0, 0
        limit = max(self._nx, self._ny) + 1
        while r <= limit + self._first_ring(cx, cy):
            rx, ry = self._ring(cx, cy, r)
            visited += len(rx)
            if visited > MAX_RING_CELLS:
                idx = np.arange(len(self.xs))
                return idx, self._brute(x, y)
            pos = self._gather(rx, ry)
            if len(pos):
                idx = self._order[pos]
                d = np.hypot(self._sx[pos] - x, self._sy[pos] - y)
                parts.append(idx)
                dists.append(d)
                count += len(idx)
            bound_next = self._ring_bound(x, y, cx, cy, r + 1)
            if max_distance is not None and bound_next > max_distance:
                break
            if count >= k:
                all_d = np.concatenate(dists)
                kth = np.partition(all_d, k - 1)[k - 1] if k < len(all_d) else all_d.max()
                if kth < bound_next:
                    break
            r += 1
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0)
        return np.concatenate(parts), np.concatenate(dists)

    @staticmethod
    def _rank(idx, d, k, max_distance):
        if max_distance is not None:
            keep = d <= max_distance
            idx, d = idx[keep], d[keep]
        order = np.lexsort((idx, d))[:k]  # by distance, ties by input order
        return idx[order], d[order]

    def nearest(self, x, y, max_distance=None):
        """(id, distance) of the point nearest to (x, y), or None (no points, or none within max_distance)."""
        found = self.k_nearest(x, y, 1, max_distance)
        return found[0] if found else None

    def k_nearest(self, x, y, k, max_distance=None):
        """Up to k (id, distance) pairs, nearest first; equal distances in input order."""
        k = int(k)
        if k <= 0 or len(self.xs) == 0 or not (math.isfinite(x) and math.isfinite(y)):
            return []
        x, y = float(x), float(y)
        idx, d = self._candidates(x, y, k, max_distance)
        idx, d = self._rank(idx, d, k, max_distance)
        return [(_python(self.ids[i]), float(di)) for i, di in zip(idx, d)]

    def within(self, x, y, radius):
        """All (id, distance) pairs with distance ≤ radius, nearest first; equal distances in input order."""
        if len(self.xs) == 0 or radius < 0 or not (math.isfinite(x) and math.isfinite(y)):
            return []
        x, y, radius = float(x), float(y), float(radius)
        lo_x, lo_y = self._cell_of(x - radius, y - radius)
        hi_x, hi_y = self._cell_of(x + radius, y + radius)
        # one cell of margin: x ± radius is rounded, a point exactly on the circle must not be missed
        lo_x, lo_y = max(lo_x - 1, 0), max(lo_y - 1, 0)
        hi_x, hi_y = min(hi_x + 1, self._nx - 1), min(hi_y + 1, self._ny - 1)
        if lo_x > hi_x or lo_y > hi_y:
            return []
        if (hi_x - lo_x + 1) * (hi_y - lo_y + 1) > MAX_RING_CELLS:
            idx = np.arange(len(self.xs))
            d = self._brute(x, y)
        else:
            gx, gy = np.meshgrid(np.arange(lo_x, hi_x + 1), np.arange(lo_y, hi_y + 1))
            pos = self._gather(gx.ravel(), gy.ravel())
            idx = self._order[pos]
            d = np.hypot(self._sx[pos] - x, self._sy[pos] - y)
        idx, d = self._rank(idx, d, len(idx), radius)
        return [(_python(self.ids[i]), float(di)) for i, di in zip(idx, d)]
