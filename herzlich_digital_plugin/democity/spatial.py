"""Vectorised "which points lie near which" with a uniform grid (numpy only, no spatial index library)."""
import numpy as np

_SPAN = np.int64(1 << 31)


def _cell_keys(ix, iy):
    return (ix.astype(np.int64) + (1 << 30)) * _SPAN + (iy.astype(np.int64) + (1 << 30))


def pairs_within(a: np.ndarray, b: np.ndarray, radius: float, chunk: int = 100_000):
    """Index pairs (ia, ib) with |a[ia] - b[ib]| <= radius, plus those distances.

    ``a`` (n, 2) and ``b`` (m, 2); pairs are grouped by ia in increasing order.
    """
    a = np.asarray(a, dtype=float).reshape(-1, 2)
    b = np.asarray(b, dtype=float).reshape(-1, 2)
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    if len(a) == 0 or len(b) == 0:
        return empty
    origin = np.minimum(a.min(axis=0), b.min(axis=0)) - radius
    bx = np.floor((b[:, 0] - origin[0]) / radius).astype(np.int64)
    by = np.floor((b[:, 1] - origin[1]) / radius).astype(np.int64)
    bkeys = _cell_keys(bx, by)
    order = np.argsort(bkeys, kind="stable")
    sorted_keys = bkeys[order]
    out_a, out_b, out_d = [], [], []
    r2 = radius * radius
    for start in range(0, len(a), chunk):
        pa = a[start:start + chunk]
        ax = np.floor((pa[:, 0] - origin[0]) / radius).astype(np.int64)
        ay = np.floor((pa[:, 1] - origin[1]) / radius).astype(np.int64)
        ia_parts, ib_parts = [], []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                keys = _cell_keys(ax + dx, ay + dy)
                lo = np.searchsorted(sorted_keys, keys, side="left")
                hi = np.searchsorted(sorted_keys, keys, side="right")
                counts = hi - lo
                total = int(counts.sum())
                if total == 0:
                    continue
                ia = np.repeat(np.arange(len(pa)), counts)
                offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
                ib = order[np.repeat(lo, counts) + offsets]
                ia_parts.append(ia)
                ib_parts.append(ib)
        if not ia_parts:
            continue
        ia = np.concatenate(ia_parts)
        ib = np.concatenate(ib_parts)
        d2 = np.sum((pa[ia] - b[ib]) ** 2, axis=1)
        keep = d2 <= r2
        ia, ib, d2 = ia[keep], ib[keep], d2[keep]
        srt = np.lexsort((ib, ia))
        out_a.append(ia[srt] + start)
        out_b.append(ib[srt])
        out_d.append(np.sqrt(d2[srt]))
    if not out_a:
        return empty
    return np.concatenate(out_a), np.concatenate(out_b), np.concatenate(out_d)


def densify_segments(coords_list, step: float):
    """Points every ~``step`` metres along many polylines, with the index of the polyline each came from."""
    pts, owner = [], []
    for k, coords in enumerate(coords_list):
        seg = np.diff(coords, axis=0)
        n = np.maximum(1, np.ceil(np.hypot(seg[:, 0], seg[:, 1]) / step).astype(int))
        i = np.repeat(np.arange(len(seg)), n)
        t = (np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)) / np.repeat(n, n)
        p = np.vstack([coords[i] + seg[i] * t[:, None], coords[-1:]])
        pts.append(p)
        owner.append(np.full(len(p), k))
    if not pts:
        return np.zeros((0, 2)), np.zeros(0, np.int64)
    return np.concatenate(pts), np.concatenate(owner)
