"""Small polyline helpers for the generator (planar EPSG:25832 metres, compass bearings)."""
import numpy as np

from ..core.equirect import bearing_between


def cumulative_length(coords: np.ndarray) -> np.ndarray:
    """Arc length at each vertex, starting at 0."""
    d = np.hypot(*np.diff(coords, axis=0).T)
    return np.concatenate([[0.0], np.cumsum(d)])


def polyline_length(coords: np.ndarray) -> float:
    return float(np.hypot(*np.diff(coords, axis=0).T).sum())


def segment_bearings(coords: np.ndarray) -> np.ndarray:
    return np.atleast_1d(bearing_between(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1]))


def right_vector(bearing) -> np.ndarray:
    """Unit vector(s) pointing to the right of travel along a bearing."""
    b = np.radians(np.asarray(bearing, dtype=float))
    return np.stack([np.cos(b), -np.sin(b)], axis=-1)


def forward_vector(bearing) -> np.ndarray:
    b = np.radians(np.asarray(bearing, dtype=float))
    return np.stack([np.sin(b), np.cos(b)], axis=-1)


def sample(coords: np.ndarray, s) -> tuple:
    """Points (n, 2) and segment bearings (n,) at arc lengths s (clipped to the line)."""
    cum = cumulative_length(coords)
    s = np.clip(np.atleast_1d(np.asarray(s, dtype=float)), 0.0, cum[-1])
    i = np.clip(np.searchsorted(cum, s, side="right") - 1, 0, len(coords) - 2)
    seg = cum[i + 1] - cum[i]
    t = np.where(seg > 0, (s - cum[i]) / np.where(seg > 0, seg, 1.0), 0.0)
    pts = coords[i] + (coords[i + 1] - coords[i]) * t[:, None]
    pts[s >= cum[-1]] = coords[-1]  # exact end points, so junctions stay shared exactly
    pts[s <= 0.0] = coords[0]
    return pts, segment_bearings(coords)[i]


def offset_polyline(coords: np.ndarray, distance: float) -> np.ndarray:
    """The polyline moved ``distance`` metres to the right of its direction (mitred joints)."""
    if distance == 0:
        return coords.copy()
    normals = right_vector(segment_bearings(coords))  # (n-1, 2)
    vertex_n = np.empty((len(coords), 2))
    vertex_n[0], vertex_n[-1] = normals[0], normals[-1]
    if len(coords) > 2:
        mid = normals[:-1] + normals[1:]
        norm = np.linalg.norm(mid, axis=1, keepdims=True)
        mid = mid / np.maximum(norm, 1e-9)
        cos_half = np.sum(mid * normals[1:], axis=1, keepdims=True)
        vertex_n[1:-1] = mid / np.maximum(cos_half, 0.5)  # limit the mitre at sharp turns
    return coords + distance * vertex_n


def resample(coords: np.ndarray, step: float) -> np.ndarray:
    """Points every ``step`` metres from the start (the end itself is not added)."""
    length = polyline_length(coords)
    s = np.arange(0.0, length + 1e-9, step)
    return sample(coords, s)[0]


def clip_to_circle(coords: np.ndarray, centre, radius: float) -> list:
    """Pieces of a polyline inside a circle, as (n, 2) arrays; piece ends are exact to about 0.5 m."""
    vertex_s = cumulative_length(coords)
    length = vertex_s[-1]
    s = np.linspace(0.0, length, max(2, int(np.ceil(length / 0.5)) + 1))
    pts = sample(coords, s)[0]
    inside = np.hypot(pts[:, 0] - centre[0], pts[:, 1] - centre[1]) <= radius
    pieces = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.astype(np.int8), [0]])))
    for first, stop in zip(edges[0::2], edges[1::2]):
        s0, s1 = s[first], s[stop - 1]
        if s1 - s0 < 1.0:
            continue
        inner = vertex_s[(vertex_s > s0) & (vertex_s < s1)]
        pieces.append(sample(coords, np.concatenate([[s0], inner, [s1]]))[0])
    return pieces


def segments_cross(a1, a2, b1, b2, eps=1e-9) -> np.ndarray:
    """True where segment a1-a2 properly crosses b1-b2 (touching at an endpoint does not count).

    All arguments broadcast to (..., 2).
    """
    def orient(p, q, r):
        return (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0])
    o1 = orient(a1, a2, b1)
    o2 = orient(a1, a2, b2)
    o3 = orient(b1, b2, a1)
    o4 = orient(b1, b2, a2)
    return (o1 * o2 < -eps) & (o3 * o4 < -eps)


def point_segment_distance(p, a, b) -> np.ndarray:
    """Distance from points p to segments a-b (all broadcast to (..., 2))."""
    ab = b - a
    denom = np.maximum(np.sum(ab * ab, axis=-1), 1e-12)
    t = np.clip(np.sum((p - a) * ab, axis=-1) / denom, 0.0, 1.0)
    proj = a + ab * t[..., None]
    return np.hypot(p[..., 0] - proj[..., 0], p[..., 1] - proj[..., 1])


class PolylineSet:
    """Many polylines sampled in one vectorised call: ``sample(line_index, s)``."""

    def __init__(self, lines):
        self.lines = [np.asarray(c, dtype=float) for c in lines]
        counts = np.array([len(c) for c in self.lines])
        self.first = np.concatenate([[0], np.cumsum(counts)[:-1]])
        self.last = self.first + counts - 1
        self.verts = np.vstack(self.lines) if self.lines else np.zeros((0, 2))
        cums = [cumulative_length(c) for c in self.lines]
        self.lengths = np.array([c[-1] for c in cums])
        # Lines laid end to end on one axis, 1 m apart, so one searchsorted finds every segment.
        self.base = np.concatenate([[0.0], np.cumsum(self.lengths + 1.0)[:-1]])
        self.keys = np.concatenate([b + c for b, c in zip(self.base, cums)]) if cums else np.zeros(0)
        d = np.diff(self.verts, axis=0)
        self.seg_bearing = np.concatenate([np.atleast_1d(bearing_between(0.0, 0.0, d[:, 0], d[:, 1])), [0.0]]) \
            if len(self.verts) > 1 else np.zeros(len(self.verts))

    def sample(self, line, s):
        """Points (n, 2) and segment bearings (n,) at arc lengths s along lines ``line``."""
        line = np.atleast_1d(np.asarray(line, dtype=np.int64))
        s = np.clip(np.atleast_1d(np.asarray(s, dtype=float)), 0.0, self.lengths[line])
        g = self.base[line] + s
        i = np.searchsorted(self.keys, g, side="right") - 1
        i = np.clip(i, self.first[line], self.last[line] - 1)
        seg = self.keys[i + 1] - self.keys[i]
        t = np.where(seg > 0, (g - self.keys[i]) / np.where(seg > 0, seg, 1.0), 0.0)
        pts = self.verts[i] + (self.verts[i + 1] - self.verts[i]) * t[:, None]
        end = s >= self.lengths[line]
        pts[end] = self.verts[self.last[line][end]]
        start = s <= 0.0
        pts[start] = self.verts[self.first[line][start]]
        return pts, self.seg_bearing[i]
