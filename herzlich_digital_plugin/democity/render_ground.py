"""The ground plane: carriageways, kerbs, pavements and grass, lane lines and painted markings.

A ground point seen in row v, column u is camera + r[v] * (sin b[u], cos b[u]); in a road's or a
marking's local frame its coordinates are s0 + r[v] * A[u] and n0 + r[v] * B[u] (outer products).
"""
from dataclasses import dataclass

import numpy as np

from . import render_palette as pal
from .render_rays import Footprint, RayTable, rows_for_distances, slab

DASH_PERIOD = 9.0  # in-town lane line (Leitlinie): 3 m line, 6 m gap
DASH_LENGTH = 3.0
LINE_WIDTH = 0.15
EDGE_INSET = 0.30  # edge line's outer side, from the kerb
KERB_WIDTH = 0.15
STD_PAVEMENT = 2.5  # pavement widths are normalised to this in the distance buffer
FAR = np.float32(1e6)


@dataclass
class LocalFrame:
    """A ground frame seen from the camera: s along ``d``, n along the right-hand normal."""
    s0: float
    n0: float
    a: np.ndarray  # (W,) float32: ds/dr per column
    b: np.ndarray  # (W,) float32: dn/dr per column

    @classmethod
    def make(cls, cx, cy, ox, oy, dx, dy, sb, cb):
        nx, ny = dy, -dx
        return cls(float((cx - ox) * dx + (cy - oy) * dy), float((cx - ox) * nx + (cy - oy) * ny),
                   (sb * dx + cb * dy).astype(np.float32), (sb * nx + cb * ny).astype(np.float32))

    def footprint(self, table: RayTable, cam_h, s_lo, s_hi, n_lo, n_hi, r_max):
        """Rows/columns whose ground point falls in the local rectangle, within r_max of the camera."""
        a = self.a.astype(float)
        b = self.b.astype(float)
        s_min, s_max = slab(self.s0, a, s_lo, s_hi)
        n_min, n_max = slab(self.n0, b, n_lo, n_hi)
        r_lo = np.maximum(np.maximum(s_min, n_min), 0.0)
        r_hi = np.minimum(np.minimum(s_max, n_max), r_max)
        valid = r_lo <= r_hi
        start, end = rows_for_distances(table, cam_h, np.where(valid, r_lo, 0.0), np.where(valid, r_hi, 0.0))
        return Footprint(start, end, valid)

    def coords(self, rr, u0, u1):
        return self.s0 + rr * self.a[u0:u1], self.n0 + rr * self.b[u0:u1]


@dataclass
class GroundSegment:
    frame: LocalFrame
    length: float
    half_width: float
    pav_scale: float
    lanes: int
    lane_width: float
    dash_phase: float
    edge_lines: bool
    two_way: bool
    road_id: int
    surface: Footprint  # carriageway plus pavement
    carriageway: Footprint


@dataclass
class GroundMarking:
    frame: LocalFrame
    kind: str
    width: float
    length: float
    category: int
    footprint: Footprint


def _marking_kind(code):
    code = (code or "").strip()
    for prefix, kind in (("293", "zebra"), ("294", "stop_line"), ("297", "arrow"), ("341", "give_way_line"),
                         ("299", "zigzag"), ("237", "bicycle")):
        if code.startswith(prefix):
            return kind
    return "patch"  # solid lines (295, 340 pieces) and anything unknown: the plain rectangle


def marking_mask(kind, s, n, width, length):
    """Painted area of a marking in its local frame: s along ``facing`` (towards the traffic it
    addresses), n across; ``width`` across and ``length`` along are the marking's extents."""
    an = np.abs(n)
    hw, hl = width / 2.0, length / 2.0
    box = (np.abs(s) <= hl) & (an <= hw)
    if kind == "zebra":  # bars along the road, 0.5 m wide with 0.5 m gaps, one centred
        return box & (np.mod(n + 0.25, 1.0) < 0.5)
    if kind == "give_way_line":  # 0.5 m dashes across the lane
        return box & (np.mod(n + 0.25, 0.75) < 0.5)
    if kind == "arrow":  # points the way the traffic goes, i.e. against ``facing``
        t = -s
        head = length * 0.3
        shaft = (t >= -hl) & (t < hl - head) & (an < 0.12 * width)
        tip = (t >= hl - head) & (t <= hl) & (an < hw * (hl - t) / head)
        return shaft | tip
    if kind == "zigzag":  # 299: a zigzag line across the width, crossing the axis at the centre
        period = 1.5
        wave = (4.0 * np.abs(np.mod(s / period + 0.25, 1.0) - 0.5) - 1.0) * (hw - 0.1)
        return (np.abs(s) <= hl) & (np.abs(n - wave) < 0.18)
    if kind == "bicycle":  # two wheels and a frame through the centre
        r = 0.2 * length
        ring = np.zeros(np.broadcast(s, n).shape, bool)
        for c in (-0.27 * length, 0.27 * length):
            d = np.sqrt((s - c) ** 2 + n * n)
            ring |= np.abs(d - r) < 0.035 * length
        frame = (np.abs(s) <= 0.27 * length) & (an < 0.03 * length)
        return box & (ring | frame)
    return box


def prepare_ground(rs, idx_segments, markings, table, cx, cy, cam_h, sb, cb, road_radius):
    segs = rs.segments
    out = []
    for i in idx_segments:
        length = float(segs.length[i])
        dx = (segs.bx[i] - segs.ax[i]) / length
        dy = (segs.by[i] - segs.ay[i]) / length
        frame = LocalFrame.make(cx, cy, segs.ax[i], segs.ay[i], dx, dy, sb, cb)
        hw = float(segs.half_width[i])
        pav = float(segs.pavement[i])
        ext = hw + pav + 0.05
        surface = frame.footprint(table, cam_h, -ext, length + ext, -ext, ext, road_radius)
        if surface.empty:
            continue
        carriage = frame.footprint(table, cam_h, 0.0, length, -hw, hw, road_radius)
        out.append(GroundSegment(
            frame, length, hw, STD_PAVEMENT / pav if pav > 0 else 1.0, int(segs.lanes[i]),
            float(segs.lane_width[i]), float(segs.offset[i] % DASH_PERIOD), bool(segs.edge_lines[i]),
            not bool(segs.oneway[i]), int(segs.road_id[i]), surface, carriage))
    marks = []
    for m in markings:
        f = np.radians(m.facing)
        frame = LocalFrame.make(cx, cy, m.x, m.y, np.sin(f), np.cos(f), sb, cb)
        width = max(float(m.size or 0.0), 0.05)
        length = max(float(m.length if m.length is not None else width), 0.05)
        fp = frame.footprint(table, cam_h, -length / 2, length / 2, -width / 2, width / 2, road_radius)
        if fp.empty:
            continue
        c = tuple(m.colour or (255, 255, 255))
        yellow = c[0] > 180 and c[1] > 120 and c[2] < 100
        marks.append(GroundMarking(frame, _marking_kind(m.vzkat_code), width, length,
                                   pal.MARK_YELLOW if yellow else pal.MARK_WHITE, fp))
    return out, marks


def _lane_lines(seg: GroundSegment, s, n):
    """Lane dividers (dashed; solid double-road centre on 4+ lanes) and edge lines, as a mask."""
    hw, lw = seg.half_width, seg.lane_width
    inside = (s >= 0.0) & (s <= seg.length)
    marks = None
    if seg.lanes >= 2:
        q = (n + hw) * (1.0 / lw)
        k = np.rint(q)
        near = (np.abs(q - k) < (LINE_WIDTH / 2.0 / lw)) & (k >= 1) & (k <= seg.lanes - 1)
        dashed = np.mod(s + seg.dash_phase, DASH_PERIOD) < DASH_LENGTH
        if seg.two_way and seg.lanes >= 4:
            dashed |= k == seg.lanes // 2
        marks = near & dashed
    if seg.edge_lines:
        an = np.abs(n)
        edge = (an > hw - EDGE_INSET - LINE_WIDTH) & (an < hw - EDGE_INSET)
        marks = edge if marks is None else marks | edge
    return None if marks is None else marks & inside


def ground_categories(segments, markings, r32, v0, g0, g1, width):
    """(g1 - g0, width) uint8 ground categories for absolute ground rows [g0, g1)."""
    rows = g1 - g0
    ebuf = np.full((rows, width), FAR, np.float32)
    owner = np.full((rows, width), -1, np.int32)
    multi = np.zeros((rows, width), bool)
    lane = np.zeros((rows, width), bool)
    for seg in segments:
        for b0, b1, u0, u1 in seg.surface.blocks(g0, g1):
            rr = r32[b0 - v0:b1 - v0, None]
            s, n = seg.frame.coords(rr, u0, u1)
            over = np.maximum(-s, s - seg.length)
            np.maximum(over, 0.0, out=over)
            e = np.sqrt(over * over + n * n) - seg.half_width
            if seg.pav_scale != 1.0:
                e = np.where(e > 0, e * seg.pav_scale, e)
            sl = (slice(b0 - g0, b1 - g0), slice(u0, u1))
            np.minimum(ebuf[sl], e, out=ebuf[sl])
            cov = e < 0
            ob = owner[sl]
            multi[sl] |= cov & (ob >= 0) & (ob != seg.road_id)
            np.copyto(ob, seg.road_id, where=cov)
        if seg.lanes < 2 and not seg.edge_lines:
            continue
        for b0, b1, u0, u1 in seg.carriageway.blocks(g0, g1):
            s, n = seg.frame.coords(r32[b0 - v0:b1 - v0, None], u0, u1)
            m = _lane_lines(seg, s, n)
            if m is not None:
                lane[b0 - g0:b1 - g0, u0:u1] |= m
    cat = (ebuf < STD_PAVEMENT).view(np.uint8) + (ebuf < KERB_WIDTH).view(np.uint8)
    cat += (ebuf < 0).view(np.uint8)
    lane &= ~multi  # no lane lines across another road at a junction
    cat[lane] = pal.MARK_WHITE
    for m in markings:
        for b0, b1, u0, u1 in m.footprint.blocks(g0, g1):
            s, n = m.frame.coords(r32[b0 - v0:b1 - v0, None], u0, u1)
            hit = marking_mask(m.kind, s, n, m.width, m.length)
            cat[b0 - g0:b1 - g0, u0:u1][hit] = m.category
    return cat
