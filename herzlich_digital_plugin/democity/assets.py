"""Ground-truth traffic signs, road markings and traffic lights, placed where a German city puts them.

Junctions first: the widest road has priority (306 on its approaches, sometimes), minor approaches get 205 or
206 with a give-way or stop line; junctions of main roads get traffic lights and stop lines; equal residential
junctions are mostly right-before-left, otherwise 301/205. One-way streets get 220 at the entry and 267 at the
exit, side streets off main roads 274.1. Then signs and markings are added along the roads (283, 286, 274,
314, 224, zebra crossings with 350, lane lines, arrows…) until the size's densities (``sizes.SIGNS_PER_KM``,
``sizes.MARKINGS_PER_KM``) are reached.

Signs and lights stand at the pavement edge on the right of the traffic they address and face it; markings lie
on that traffic's lane. Ids run 1..n in generation order.
"""
from typing import List, Optional

import numpy as np

from .catalogue import KINDS, Kind
from .geometry import PolylineSet, right_vector
from .randomness import rng_for
from .scene_model import SceneAsset
from .sizes import MARKINGS_PER_KM, SIGNS_PER_KM
from .spatial import densify_segments, pairs_within
from .streets import CLASS_RANK, Network

SIGN_CENTRE_Z = (2.0, 2.5)
LIGHT_CENTRE_Z = (2.6, 3.0)
MARKING_Z = 0.0
KERB_OFFSET = (0.3, 0.7)  # pole distance outside the carriageway edge
MIN_SIGN_SPACING = 3.0  # metres between two poles
MIN_MARKING_SPACING = 1.5  # metres between the centres of two markings
PRIORITY_SIGN_SHARE = 0.45  # 306 on a major approach
STOP_SHARE = 0.25  # 206 instead of 205 on a minor approach
RIGHT_BEFORE_LEFT_SHARE = 0.65  # equal residential junctions without signs
ZONE_ENTRY_SHARE = 0.7  # 274.1 where a residential street leaves a main road
ZEBRA_AT_MINOR_SHARE = 0.15

_L = {k.code + ("-" + k.value if k.value else "") + ("" if k.asset_class != "marking" else "m"): k.vendor_label
      for k in KINDS.values() if k.code}
LIGHT = next(k for k in KINDS.values() if k.asset_class == "light")

# Signs added along the roads: (kind key, weight) per road class; "zebra" adds 350 + 293.
_SIGN_MIX = {
    "primary": [("283", 35), ("274-50", 12), ("306", 15), ("222", 10), ("224", 10), ("240", 10), ("314", 5),
                ("286", 3)],
    "secondary": [("283", 15), ("286", 18), ("274-50", 9), ("274-30", 7), ("136", 5), ("306", 10), ("314", 10),
                  ("224", 10), ("zebra", 8), ("240", 5), ("239", 3)],
    "residential": [("286", 30), ("283", 10), ("314", 25), ("239", 10), ("250", 4), ("136", 6), ("zebra", 5),
                    ("224", 5), ("102", 5)],
}
_MARKING_MIX = {
    "primary": [("340m", 40), ("295m", 20), ("297m", 25), ("299m", 5), ("237m", 10)],
    "secondary": [("340m", 40), ("295m", 15), ("297m", 20), ("299m", 10), ("237m", 15)],
    "residential": [("297m", 30), ("237m", 30), ("299m", 15), ("341m", 10), ("340m", 15)],
}


class _Builder:
    def __init__(self, network: Network, rng):
        self.net = network
        self.rng = rng
        self.assets: List[SceneAsset] = []
        self.lines = PolylineSet([r.coords for r in network.roads])
        self.half = np.array([r.width / 2.0 for r in network.roads])
        self.road_pts, self.road_owner = densify_segments([r.coords for r in network.roads], 2.0)

    def drop_conflicts(self, start=0):
        self.assets = _drop_conflicts(self, self.assets, start)

    def length(self, e):
        return self.lines.lengths[e]

    def place(self, kind: Kind, e: int, s_along: float, forward: bool, lateral: float,
              size: Optional[float] = None):
        """Put one object on edge e at arc length s_along for traffic travelling forward/backward.

        ``lateral`` is metres to the right of that traffic's direction, from the centreline.
        """
        if not 0.0 <= s_along <= self.length(e):
            return None
        pt, bearing = self.lines.sample(e, s_along)
        travel = float(bearing[0]) if forward else (float(bearing[0]) + 180.0) % 360.0
        xy = pt[0] + right_vector(travel) * lateral
        size = float(size) if size is not None else float(self.rng.uniform(*kind.size_range))
        return self.add(kind, e, xy, travel, size)

    def add(self, kind: Kind, e: int, xy, travel: float, size: float):
        rng = self.rng
        road = self.net.roads[e]
        if kind.asset_class == "marking":
            centre_z, face_h, length = MARKING_Z, None, round(size * kind.aspect, 3)
        else:
            zr = LIGHT_CENTRE_Z if kind.asset_class == "light" else SIGN_CENTRE_Z
            centre_z, face_h, length = float(rng.uniform(*zr)), round(size * kind.aspect, 3), None
        a = SceneAsset(0, kind.asset_class, kind.code, kind.value, float(xy[0]), float(xy[1]),
                       (travel + 180.0) % 360.0, round(centre_z, 3), round(size, 3), kind.shape, kind.colour,
                       road.road_id, face_height=face_h, length=length, label=kind.vendor_label)
        self.assets.append(a)
        return a

    def kerb(self, e):
        return self.half[e] + float(self.rng.uniform(*KERB_OFFSET))

    def lane_centre(self, e, lane=0):
        """Lateral offset of the centre of the lane-th lane (0 = rightmost) of traffic on edge e."""
        road = self.net.roads[e]
        if road.oneway:
            return self.half[e] - (lane + 0.5) * road.lane_width
        per_dir = max(1, road.lanes // 2)
        return (per_dir - lane - 0.5) * road.lane_width

    def approach(self, kind, e, node, s_back, lateral, size=None):
        """Before the node, for traffic arriving at it along e."""
        fwd = self.net.edge_nodes[e][1] == node
        s = self.length(e) - s_back if fwd else s_back
        return self.place(kind, e, s, fwd, lateral, size)

    def departure(self, kind, e, node, s_from, lateral, size=None):
        """After the node, for traffic leaving it along e."""
        fwd = self.net.edge_nodes[e][0] == node
        s = s_from if fwd else self.length(e) - s_from
        return self.place(kind, e, s, fwd, lateral, size)


def _arrives(net, e, node):
    a, b = net.edge_nodes[e]
    return b == node or (a == node and not net.roads[e].oneway)


def _leaves(net, e, node):
    a, b = net.edge_nodes[e]
    return a == node or (b == node and not net.roads[e].oneway)


def _bearing_at(net, e, node):
    """Bearing pointing from the node into edge e."""
    c = net.roads[e].coords
    if net.edge_nodes[e][0] == node:
        d = c[1] - c[0]
    else:
        d = c[-2] - c[-1]
    return np.degrees(np.arctan2(d[0], d[1])) % 360.0


def _turn(net, node, e1, e2):
    """Angle between two edges at a node: 180 for a straight continuation."""
    return abs((_bearing_at(net, e1, node) - _bearing_at(net, e2, node) + 180) % 360 - 180)


def _straightest_pair(net, node, edges):
    best, pair = -1.0, None
    for i in range(len(edges)):
        for j in range(i + 1, len(edges)):
            diff = _turn(net, node, edges[i], edges[j])
            if diff > best:
                best, pair = diff, (edges[i], edges[j])
    return pair


def build_assets(network: Network, seed: int) -> List[SceneAsset]:
    """All true objects of the network (deterministic for a seed)."""
    rng = rng_for(seed, "assets")
    b = _Builder(network, rng)
    _junction_assets(b)
    _oneway_assets(b)
    km = network.total_length / 1000.0
    b.drop_conflicts()
    _fill(b, "sign", int(round(SIGNS_PER_KM * km)), _SIGN_MIX)
    _fill(b, "marking", int(round(MARKINGS_PER_KM * km)), _MARKING_MIX)
    assets = b.assets
    for i, a in enumerate(assets, start=1):
        a.asset_id = i
    return assets


def _junction_assets(b: _Builder):
    net, rng = b.net, b.rng
    inc = net.incident_edges()
    degree = net.degrees()
    for node in range(len(net.nodes)):
        if degree[node] < 3:
            continue
        edges = inc[node]
        rank = {e: CLASS_RANK[net.roads[e].road_class] for e in edges}
        top = max(rank.values())
        clear = max(b.half[e] for e in edges) + 1.5
        approaches = [e for e in edges if _arrives(net, e, node)]
        main_approaches = [e for e in approaches if rank[e] >= 2]
        if top >= 2 and len(main_approaches) >= 3:
            _signalised(b, node, approaches, clear)
            continue
        tops = [e for e in edges if rank[e] == top]
        if len(tops) >= 2:
            major = set(_straightest_pair(net, node, tops))
        elif top >= 2:  # the main road continues into the straightest of the others
            main = tops[0]
            others = [e for e in edges if e != main]
            major = {main, max(others, key=lambda e: (rank[e], _turn(net, node, main, e)))}
        else:
            major = set()
        if top == 1:
            if rng.random() < RIGHT_BEFORE_LEFT_SHARE:
                if rng.random() < 0.15:
                    for e in approaches:
                        b.approach(KINDS[_L["102"]], e, node, clear + rng.uniform(20, 40), b.kerb(e))
                continue
            major = set(_straightest_pair(net, node, edges))
        for e in approaches:
            if b.length(e) < clear + 6:
                continue
            if e in major:
                if rank[e] == 1:  # residential streets announce their priority junction by junction
                    code = "301" if top == 1 or rng.random() < PRIORITY_SIGN_SHARE else None
                else:
                    code = "306" if rng.random() < PRIORITY_SIGN_SHARE else None
                if code:
                    s = min(clear + rng.uniform(10, 40), b.length(e) - 3)
                    b.approach(KINDS[_L[code]], e, node, s, b.kerb(e))
                continue
            stop = rng.random() < STOP_SHARE
            b.approach(KINDS[_L["206" if stop else "205"]], e, node, clear + rng.uniform(1, 4), b.kerb(e))
            line = KINDS[_L["294m" if stop else "341m"]]
            width = net.roads[e].width if net.roads[e].oneway else net.roads[e].width / 2
            b.approach(line, e, node, clear + 0.5, width / 2 if not net.roads[e].oneway else 0.0, size=width)
            if rng.random() < ZEBRA_AT_MINOR_SHARE and b.length(e) > clear + 15:
                _zebra(b, e, node, clear + 6)
        if top >= 2:  # side streets off a main road start a 30 zone
            for e in edges:
                if rank[e] == 1 and _leaves(net, e, node) and rng.random() < ZONE_ENTRY_SHARE \
                        and b.length(e) > clear + 12:
                    b.departure(KINDS[_L["274.1-30"]], e, node, clear + rng.uniform(2, 8), b.kerb(e))


def _signalised(b: _Builder, node, approaches, clear):
    net, rng = b.net, b.rng
    for e in approaches:
        if b.length(e) < clear + 10:
            continue
        road = net.roads[e]
        b.approach(LIGHT, e, node, clear + 1.0, b.kerb(e))
        width = road.width if road.oneway else road.width / 2
        b.approach(KINDS[_L["294m"]], e, node, clear + 2.5, 0.0 if road.oneway else width / 2, size=width)
        per_dir = road.lanes if road.oneway else max(1, road.lanes // 2)
        for lane in range(per_dir):
            if per_dir > 1 or rng.random() < 0.6:
                if b.length(e) > clear + 12:
                    b.approach(KINDS[_L["297m"]], e, node, clear + 8.0, b.lane_centre(e, lane))
        if not road.oneway and rng.random() < 0.5 and b.length(e) > clear + 25:
            b.approach(KINDS[_L["295m"]], e, node, clear + 10.0, 0.0)


def _zebra(b: _Builder, e, node, s_back):
    road = b.net.roads[e]
    zebra = b.approach(KINDS[_L["293m"]], e, node, s_back, 0.0, size=road.width)
    if zebra is None:
        return
    sign = KINDS[_L["350"]]
    b.approach(sign, e, node, s_back + 1.0, b.kerb(e))
    # The other side: for two-way roads the opposite traffic, for one-way roads the left kerb.
    if road.oneway:
        b.approach(sign, e, node, s_back + 1.0, -b.kerb(e))
    else:
        b.departure(sign, e, node, s_back - 1.0, b.kerb(e))


def _oneway_assets(b: _Builder):
    net, rng = b.net, b.rng
    degree = net.degrees()
    for e, road in enumerate(net.roads):
        if not road.oneway or b.length(e) < 20:
            continue
        start, end = net.edge_nodes[e]
        if degree[start] >= 3 and rng.random() < 0.8:
            b.departure(KINDS[_L["220"]], e, start, rng.uniform(4, 9), b.kerb(e))
        if degree[end] >= 3:
            # Faces drivers who would turn in at the exit: stands on their right, i.e. our left.
            s = b.length(e) - rng.uniform(3, 7)
            b.place(KINDS[_L["267"]], e, s, False, b.kerb(e))


def _fill(b: _Builder, asset_class: str, target: int, mix):
    """Add objects along the roads until the class has about ``target`` objects (a few rounds, since
    candidates too close to an existing pole are dropped)."""
    net, rng = b.net, b.rng
    degree = net.degrees()
    margin = np.array([12.0 if degree[a] >= 3 else 3.0 for a, _ in net.edge_nodes])
    margin_end = np.array([12.0 if degree[z] >= 3 else 3.0 for _, z in net.edge_nodes])
    lengths = b.lines.lengths
    usable = np.maximum(0.0, lengths - margin - margin_end)
    if usable.sum() <= 0:
        return
    cdf = np.cumsum(usable / usable.sum())
    oneway = np.array([r.oneway for r in net.roads], bool)
    tables = {cls: ([k for k, _ in m], np.cumsum([w for _, w in m]) / sum(w for _, w in m)) for cls, m in mix.items()}
    classes = sorted(tables)
    edge_class = np.array([classes.index(r.road_class) for r in net.roads])
    for _round in range(5):
        missing = target - sum(1 for a in b.assets if a.asset_class == asset_class)
        if missing <= 0.001 * target:
            break
        first_new = len(b.assets)
        e = np.minimum(np.searchsorted(cdf, rng.random(missing)), len(cdf) - 1)
        s = margin[e] + rng.random(missing) * usable[e]
        fwd = oneway[e] | (rng.random(missing) < 0.5)
        pick = rng.random(missing)
        keys = np.empty(missing, dtype=object)
        for c, cls in enumerate(classes):
            mask = edge_class[e] == c
            names, cum = tables[cls]
            keys[mask] = np.array(names, dtype=object)[np.minimum(np.searchsorted(cum, pick[mask]), len(names) - 1)]
        pts, bearing = b.lines.sample(e, s)
        travel = np.where(fwd, bearing, (bearing + 180.0) % 360.0)
        lateral = b.half[e] + rng.uniform(*KERB_OFFSET, missing)
        for i in np.flatnonzero(keys == "zebra"):
            ei = int(e[i])
            node = net.edge_nodes[ei][1] if fwd[i] else net.edge_nodes[ei][0]
            _zebra(b, ei, node, (lengths[ei] - s[i]) if fwd[i] else s[i])
        for i in range(missing):
            key = keys[i]
            if key == "zebra":
                continue
            kind = KINDS[_L[key]]
            if kind.asset_class == "marking":
                lateral[i] = np.nan if (m := _marking_lateral(b, int(e[i]), key)) is None else m
        xy = pts + right_vector(travel) * lateral[:, None]
        sizes = rng.random(missing)
        for i in np.flatnonzero((keys != "zebra") & np.isfinite(lateral)):
            kind = KINDS[_L[keys[i]]]
            lo, hi = kind.size_range
            b.add(kind, int(e[i]), xy[i], float(travel[i]), lo + (hi - lo) * float(sizes[i]))
        b.drop_conflicts(first_new)


def _marking_lateral(b: _Builder, e, key):
    road = b.net.roads[e]
    rng = b.rng
    if key in ("340m", "295m"):
        if road.lanes < 2:
            return None
        if road.oneway:
            return b.lane_centre(e, 0) - road.lane_width / 2
        per_dir = max(1, road.lanes // 2)
        return float(rng.integers(0, per_dir)) * road.lane_width  # centre line or lane divider
    if key == "297m":
        per_dir = road.lanes if road.oneway else max(1, road.lanes // 2)
        return b.lane_centre(e, int(rng.integers(0, per_dir)))
    if key in ("237m", "299m"):
        return b.half[e] - 0.9
    if key == "341m":
        return b.lane_centre(e, 0)
    return 0.0


def _drop_conflicts(b: _Builder, assets: List[SceneAsset], start: int = 0) -> List[SceneAsset]:
    """Remove new objects (from ``start`` on) that stand on another road or too close to an earlier one.

    Poles keep MIN_SIGN_SPACING from each other, markings MIN_MARKING_SPACING.
    """
    if len(assets) <= start:
        return assets
    new = assets[start:]
    xy_all = np.array([(a.x, a.y) for a in assets])
    pole_all = np.array([a.asset_class != "marking" for a in assets])
    xy, pole = xy_all[start:], pole_all[start:]
    rid = np.array([a.road_id - 1 for a in new])
    owner, half = b.road_owner, b.half
    ia, ib, d = pairs_within(xy, b.road_pts, float(half.max()) + 0.2)
    on_road = pole[ia] & (owner[ib] != rid[ia]) & (d < half[owner[ib]] + 0.2)
    bad = np.zeros(len(new), bool)
    bad[ia[on_road]] = True
    ia, ib, d = pairs_within(xy, xy_all, MIN_SIGN_SPACING)
    close = (ib < ia + start) & (pole[ia] == pole_all[ib]) & (pole[ia] | (d < MIN_MARKING_SPACING))
    # The later of two close objects goes, unless the earlier one is itself going.
    for i, j in zip(ia[close], ib[close]):
        if j < start or not bad[j - start]:
            bad[i] = True
    return assets[:start] + [a for a, x in zip(new, bad) if not x]
