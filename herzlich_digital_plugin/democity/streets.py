"""The road network: real streets around Kaiserslautern's centre, plus generated districts for the city size.

Streets are chains of edges; every edge ends at a node shared *exactly* (same float pair) with the edges it
meets, so the network is routable as it is. An edge's coordinates run in its street's direction, which is
also the permitted direction of one-way streets (``oneway`` = 1).
"""
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

import numpy as np

from .geometry import clip_to_circle, polyline_length, segments_cross
from .randomness import rng_for
from .scene_model import RoadSegment
from .sizes import CENTRE, SizeSpec

CLASS_RANK = {"residential": 1, "secondary": 2, "primary": 3}

# Junctions of the real centre, metres east/north of CENTRE (the layout follows the real directions).
_CORE_NODES = {
    "R": (-250.0, 0.0),  # Rathausplatz: Pariser / Burg / Fruchthall / Lauter
    "RF": (-100.0, -5.0),  # Fruchthallstraße / Rathausplatz
    "B1": (-220.0, 250.0),  # Burgstraße / Maxstraße (radar)
    "MX": (-90.0, 252.0),  # Maxstraße / Rathausplatz
    "F": (50.0, 250.0),  # Fackelrondell
    "M": (50.0, 0.0),  # Marktstraße / Fackelstraße / Eisenbahnstraße
    "S": (250.0, 20.0),  # Stiftsplatz
    "E1": (30.0, -300.0),  # Eisenbahnstraße / Lauterstraße / Schillerstraße
    "NB": (-200.0, 655.0),  # Nordtangente / Burgstraße
    "NM": (480.0, 622.0),  # Nordtangente / Mannheimer Straße
}

# name, class, lanes, speed limit, oneway, points (junction names or (east, north) offsets)
_CORE_STREETS = (
    ("Nordtangente", "primary", 4, 50, 0, [(-380.0, 650.0), "NB", (150.0, 645.0), "NM", (530.0, 612.0)]),
    ("Mannheimer Straße", "secondary", 2, 50, 0, ["F", (200.0, 360.0), (330.0, 470.0), "NM"]),
    ("Pariser Straße", "primary", 4, 50, 0, ["R", (-470.0, 25.0), (-520.0, 38.0)]),
    ("Burgstraße", "secondary", 2, 50, 0, ["R", "B1", (-210.0, 450.0), "NB"]),
    ("Maxstraße", "residential", 2, 30, 0, [(-360.0, 272.0), "B1", "MX", "F"]),
    ("Rathausplatz", "residential", 2, 30, 0, ["RF", (-100.0, 120.0), "MX"]),
    ("Fackelstraße", "residential", 1, 30, 1, ["F", (48.0, 130.0), "M"]),
    ("Marktstraße", "residential", 1, 30, 1, ["M", (150.0, 8.0), "S"]),
    ("Fruchthallstraße", "secondary", 2, 50, 0, ["R", "RF", "M"]),
    ("Spittelstraße", "residential", 1, 30, 1, ["S", (190.0, 160.0), "F"]),
    ("Eisenbahnstraße", "secondary", 2, 50, 0, ["M", (45.0, -150.0), "E1", (0.0, -480.0), (-3.0, -500.0)]),
    ("Lauterstraße", "residential", 2, 30, 0, ["R", (-160.0, -170.0), "E1"]),
    ("Schillerstraße", "residential", 2, 30, 0, ["E1", (140.0, -270.0), (250.0, -250.0), (330.0, -243.0)]),
    ("Berliner Straße", "secondary", 2, 50, 0, ["S", (430.0, 5.0), (480.0, -5.0)]),
)

CORE_STREET_NAMES = tuple(s[0] for s in _CORE_STREETS)

# Names for the generated districts (real Kaiserslautern names for the through roads).
_ARTERIAL_NAMES = (
    "Kaiserstraße", "Trippstadter Straße", "Hohenecker Straße", "Merkurstraße", "Mainzer Straße",
    "Königstraße", "Pirmasenser Straße", "Zollamtstraße", "Richard-Wagner-Straße", "Kantstraße",
    "Donnersbergstraße", "Vogelwoogstraße", "Logenstraße", "Mühlstraße", "Rudolf-Breitscheid-Straße",
    "Barbarossastraße", "Friedrich-Karl-Straße", "Karl-Marx-Straße", "Altenwoogstraße", "Hilgardring",
)
_NAME_STEMS = (
    "Ahorn", "Akazien", "Amsel", "Birken", "Buchen", "Distel", "Dorn", "Eichen", "Eichendorff", "Enzian",
    "Erlen", "Eschen", "Falken", "Fasanen", "Fichten", "Finken", "Flieder", "Forst", "Garten", "Ginster",
    "Goethe", "Hasel", "Heide", "Heinrich-Heine-", "Herder", "Hölderlin", "Holunder", "Kastanien", "Kiefern",
    "Kirsch", "Kleist", "Lärchen", "Lessing", "Linden", "Lilien", "Meisen", "Mozart", "Nelken", "Nuss",
    "Pappel", "Quellen", "Rosen", "Schlehen", "Schubert", "Schwalben", "Sonnen", "Stein", "Tannen", "Tulpen",
    "Uhland", "Ulmen", "Veilchen", "Wacholder", "Wald", "Weiden", "Wiesen", "Zedern", "Brahms", "Bach",
    "Beethoven", "Haydn", "Händel", "Schumann", "Mendelssohn", "Wieland", "Fontane", "Storm", "Raabe",
    "Mörike", "Busch", "Rückert", "Gellert", "Kerner", "Hebel", "Keller", "Reuter", "Arndt", "Jahn",
    "Kepler", "Galilei", "Humboldt", "Leibniz", "Gauß", "Planck", "Röntgen", "Diesel", "Benz", "Daimler",
    "Otto", "Zeppelin", "Bunsen", "Liebig", "Mergenthaler", "Pfalz", "Hunsrück", "Westrich", "Sickinger",
    "Lauter", "Glan", "Alsenz", "Eisbach", "Otterbach", "Erfenbach", "Siegelbach", "Mölschbach",
    "Dansenberg", "Hohenecken", "Erzhütten", "Morlauter", "Wiesenthal", "Bännjerrück", "Lämmchesberg",
    "Betzenberg", "Galgenberg", "Kotten", "Buchenloch", "Rotenberg", "Hagelgrube", "Am Fischerrück",
    "Apfel", "Birnen", "Brunnen", "Burg", "Dahlien", "Efeu", "Elster", "Farn", "Feld", "Felsen", "Flur",
    "Gänseblümchen", "Hainbuchen", "Hecken", "Hirsch", "Hopfen", "Iris", "Kamille", "Klee", "Kranich",
    "Krokus", "Lavendel", "Lerchen", "Löwenzahn", "Magnolien", "Mohn", "Mühlen", "Narzissen", "Pirol",
    "Primel", "Reh", "Rotdorn", "Salbei", "Schwanen", "Specht", "Star", "Thymian", "Wachtel", "Zeisig",
)
_NAME_SUFFIXES = ("straße", "weg", "ring", "gasse", "allee", "pfad", "steig")

_DISTRICT_SPACING = (150.0, 120.0)  # block size east-west, north-south
_DISTRICT_MARGIN = 90.0  # free band between the real centre and the generated districts
_DISTRICT_DROP = 0.10  # share of residential edges left out (parks, dead ends)
_ARTERIAL_EVERY = 6  # every n-th lattice row/column is a secondary road
_ONEWAY_SHARE = 0.12


@dataclass
class Street:
    """A named chain of edges in driving/digitising order (``oneway`` streets only run this way)."""
    name: str
    road_class: str
    lanes: int
    speed_limit: int
    oneway: int
    edges: List[int] = field(default_factory=list)


@dataclass
class Network:
    nodes: np.ndarray  # (n, 2) EPSG:25832
    roads: List[RoadSegment]  # one per edge; road_id = edge index + 1
    edge_nodes: np.ndarray  # (m, 2) start and end node of each edge
    streets: List[Street]

    @property
    def total_length(self) -> float:
        return float(sum(polyline_length(r.coords) for r in self.roads))

    def degrees(self) -> np.ndarray:
        return np.bincount(self.edge_nodes.ravel(), minlength=len(self.nodes))

    def incident_edges(self) -> List[List[int]]:
        inc = [[] for _ in range(len(self.nodes))]
        for e, (a, b) in enumerate(self.edge_nodes):
            inc[a].append(e)
            if b != a:
                inc[b].append(e)
        return inc

    def street_of_edge(self) -> np.ndarray:
        out = np.full(len(self.roads), -1)
        for k, st in enumerate(self.streets):
            out[st.edges] = k
        return out


@dataclass
class _EdgeSpec:
    coords: np.ndarray
    street: int  # index into the street attribute list


def build_network(spec: SizeSpec, seed: int) -> Network:
    """The road network of one size: the real centre (clipped for ``test``), plus districts for ``city``."""
    attrs, edges = _core_edges()
    if spec.districts:
        rng = rng_for(seed, "streets")
        attrs, edges = _add_districts(rng, attrs, edges, spec.target_road_length)
        edges = _select_nearest(edges, spec.target_road_length)
        _name_streets(rng, attrs, edges)
    if spec.clip_to_target:
        edges = _clip_to_length(edges, spec.target_road_length)
    return _assemble(attrs, edges)


def core_street_coords() -> Dict[str, np.ndarray]:
    """Full centreline of each real street, EPSG:25832 (for roadworks and sensor positions)."""
    out = {}
    for name, _cls, _lanes, _speed, _oneway, pts in _CORE_STREETS:
        out[name] = np.array([_core_point(p) for p in pts])
    return out


def _core_point(p) -> Tuple[float, float]:
    x, y = _CORE_NODES[p] if isinstance(p, str) else p
    return (CENTRE[0] + x, CENTRE[1] + y)


def _core_edges():
    attrs, edges = [], []
    for k, (name, cls, lanes, speed, oneway, pts) in enumerate(_CORE_STREETS):
        attrs.append(dict(name=name, road_class=cls, lanes=lanes, speed_limit=speed, oneway=oneway))
        piece = [_core_point(pts[0])]
        for n, p in enumerate(pts[1:], start=1):
            piece.append(_core_point(p))
            if isinstance(p, str) and n < len(pts) - 1:
                edges.append(_EdgeSpec(np.array(piece), k))
                piece = [_core_point(p)]
        if len(piece) > 1:
            edges.append(_EdgeSpec(np.array(piece), k))
    return attrs, edges


def _assemble(attrs, edges: List[_EdgeSpec]) -> Network:
    node_index: Dict[Tuple[float, float], int] = {}

    def node(pt):
        key = (float(pt[0]), float(pt[1]))
        if key not in node_index:
            node_index[key] = len(node_index)
        return node_index[key]

    roads, edge_nodes = [], []
    streets: List[Street] = []
    last_street_of_attr: Dict[int, Street] = {}
    for e in edges:
        a, b = node(e.coords[0]), node(e.coords[-1])
        at = attrs[e.street]
        rid = len(roads) + 1
        roads.append(RoadSegment(rid, at["name"], at["road_class"], e.coords.astype(float), at["lanes"],
                                 at["speed_limit"], at["oneway"]))
        edge_nodes.append((a, b))
        # A street continues while its edges join end to start; otherwise a new chain starts.
        st = last_street_of_attr.get(e.street)
        if st is None or edge_nodes[st.edges[-1]][1] != a:
            st = Street(at["name"], at["road_class"], at["lanes"], at["speed_limit"], at["oneway"])
            streets.append(st)
            last_street_of_attr[e.street] = st
        st.edges.append(rid - 1)
    nodes = np.array(list(node_index.keys()), dtype=float).reshape(-1, 2)
    return Network(nodes, roads, np.array(edge_nodes, dtype=np.int64).reshape(-1, 2), streets)


def _clip_to_length(edges: List[_EdgeSpec], target: float) -> List[_EdgeSpec]:
    """Cut the network to a circle around the centre whose road length is the target (bisection)."""
    def clipped(radius):
        out = []
        for e in edges:
            out.extend(_EdgeSpec(p, e.street) for p in clip_to_circle(e.coords, CENTRE, radius))
        return out

    lo, hi = 10.0, 5000.0
    for _ in range(30):
        mid = 0.5 * (lo + hi)
        if sum(polyline_length(e.coords) for e in clipped(mid)) < target:
            lo = mid
        else:
            hi = mid
    return _largest_component(clipped(hi))


def _largest_component(edges: List[_EdgeSpec]) -> List[_EdgeSpec]:
    keys = {}
    pairs = []
    for e in edges:
        ends = []
        for pt in (e.coords[0], e.coords[-1]):
            ends.append(keys.setdefault((float(pt[0]), float(pt[1])), len(keys)))
        pairs.append(ends)
    parent = list(range(len(keys)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    length = {}
    for e, (a, _b) in zip(edges, pairs):
        r = find(a)
        length[r] = length.get(r, 0.0) + polyline_length(e.coords)
    best = max(length, key=length.get)
    return [e for e, (a, _b) in zip(edges, pairs) if find(a) == best]


def _select_nearest(edges: List[_EdgeSpec], target: float) -> List[_EdgeSpec]:
    """The edges nearest the centre whose length adds up to the target (a roughly round city)."""
    far = np.array([max(np.hypot(*(e.coords[0] - CENTRE)), np.hypot(*(e.coords[-1] - CENTRE))) for e in edges])
    lengths = np.array([polyline_length(e.coords) for e in edges])
    order = np.argsort(far, kind="stable")
    n = int(np.searchsorted(np.cumsum(lengths[order]), target)) + 1
    keep = np.sort(order[:n])  # keep street order so chains stay contiguous
    return _largest_component([edges[i] for i in keep])


def _add_districts(rng, attrs, edges, target: float):
    """Lattice streets around the centre, joined to the centre's dead ends."""
    sx, sy = _DISTRICT_SPACING
    core_pts = np.vstack([e.coords for e in edges]) - CENTRE
    lo = core_pts.min(axis=0) - _DISTRICT_MARGIN
    hi = core_pts.max(axis=0) + _DISTRICT_MARGIN
    per_node = (sx + sy) * (1.0 - _DISTRICT_DROP * 0.8)
    hole = (hi[0] - lo[0]) * (hi[1] - lo[1]) / (sx * sy)
    side_nodes = int(np.ceil(np.sqrt(1.3 * target / per_node + hole)))  # generous; trimmed afterwards
    half_i = side_nodes // 2 + 1
    half_j = int(np.ceil(side_nodes * sx / sy)) // 2 + 1
    ii, jj = np.meshgrid(np.arange(-half_i, half_i + 1), np.arange(-half_j, half_j + 1), indexing="ij")
    jitter = rng.uniform(-18.0, 18.0, size=ii.shape + (2,))
    local = np.stack([ii * sx + sx / 2, jj * sy + sy / 2], axis=-1) + jitter
    in_hole = np.all((local > lo) & (local < hi), axis=-1)
    exists = ~in_hole
    pos = local + CENTRE

    arterial_i = (ii % _ARTERIAL_EVERY) == 0
    arterial_j = (jj % _ARTERIAL_EVERY) == 0
    arterials = list(_ARTERIAL_NAMES)
    rng.shuffle(arterials)

    def bend(a, b):
        if rng.random() < 0.35:
            mid = 0.5 * (a + b)
            d = b - a
            normal = np.array([d[1], -d[0]]) / max(np.hypot(*d), 1e-9)
            return np.array([a, mid + normal * float(np.clip(rng.normal(0.0, 5.0), -10, 10)), b])
        return np.array([a, b])

    new_edges: List[_EdgeSpec] = []
    # Rows (east-west, fixed j) and columns (north-south, fixed i) become streets.
    lines = [("row", j) for j in range(ii.shape[1])] + [("col", i) for i in range(ii.shape[0])]
    for kind, k in lines:
        if kind == "row":
            idx = [(i, k) for i in range(ii.shape[0])]
            arterial = bool(arterial_j[0, k])
        else:
            idx = [(k, j) for j in range(ii.shape[1])]
            arterial = bool(arterial_i[k, 0])
        present = []
        for (a, b) in zip(idx[:-1], idx[1:]):
            ok = exists[a] and exists[b]
            if ok and not arterial and rng.random() < _DISTRICT_DROP:
                ok = False
            present.append(ok)
        runs, cur = [], []
        for step, ok in enumerate(present):
            if ok:
                cur.append(step)
            elif cur:
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        for run in runs:
            chunks = [run] if arterial else _chunk(rng, run)
            # rows take the even names, columns the odd ones, so a row and a column never share a name
            slot = 2 * (k // _ARTERIAL_EVERY) + (0 if kind == "row" else 1)
            name = arterials[slot % len(arterials)] if arterial else None
            for chunk in chunks:
                if arterial:
                    at = dict(name=name, road_class="secondary", lanes=2, speed_limit=50, oneway=0)
                else:
                    oneway = int(rng.random() < _ONEWAY_SHARE)
                    at = dict(name=None, road_class="residential", lanes=1 if oneway else 2,
                              speed_limit=30, oneway=oneway)
                attrs.append(at)
                reverse = bool(rng.random() < 0.5)
                steps = chunk[::-1] if reverse else chunk
                for step in steps:
                    a, b = idx[step], idx[step + 1]
                    if reverse:
                        a, b = b, a
                    new_edges.append(_EdgeSpec(bend(pos[a], pos[b]), len(attrs) - 1))
    lattice_pts = pos[exists]
    edges = _join_dead_ends(edges, new_edges, lattice_pts)
    return attrs, edges + new_edges


def _chunk(rng, run):
    out, i = [], 0
    while i < len(run):
        n = int(rng.integers(2, 6))
        out.append(run[i:i + n])
        i += n
    if len(out) > 1 and len(out[-1]) == 1:
        last = out.pop()
        out[-1] = out[-1] + last
    return out


def _name_streets(rng, attrs, edges):
    """Give the generated streets that made it into the city their names (nearest the centre first)."""
    names = _name_pool(rng)
    for e in edges:
        at = attrs[e.street]
        if at["name"] is None:
            at["name"] = names.pop()


def _name_pool(rng):
    """Unique generated street names, drawn without replacement."""
    names = []
    for stem in _NAME_STEMS:
        if stem.startswith("Am "):
            names.append(stem)
            continue
        for suffix in _NAME_SUFFIXES:
            names.append(stem + (suffix.capitalize() if stem.endswith("-") else suffix))
    names = [n for n in names if n not in CORE_STREET_NAMES and n not in _ARTERIAL_NAMES]
    rng.shuffle(names)
    # Far more chunks than names would exhaust the pool; add district-qualified variants then.
    extra = [f"{n} ({d})" for d in ("Nord", "Süd", "Ost", "West") for n in names]
    return extra + names


def _join_dead_ends(core: List[_EdgeSpec], lattice: List[_EdgeSpec], lattice_pts: np.ndarray):
    """Extend each dead end of the centre to a nearby lattice node without crossing any road."""
    ends: Dict[Tuple[float, float], List[Tuple[int, int]]] = {}
    for k, e in enumerate(core):
        for which, pt in ((0, e.coords[0]), (1, e.coords[-1])):
            ends.setdefault((float(pt[0]), float(pt[1])), []).append((k, which))
    segs = [np.column_stack([e.coords[:-1], e.coords[1:]]) for e in core + lattice]
    segs = np.vstack(segs)
    out = list(core)
    for key, users in ends.items():
        if len(users) != 1:
            continue
        k, which = users[0]
        p = np.array(key)
        dist = np.hypot(*(lattice_pts - p).T)
        for cand in np.argsort(dist)[:8]:
            if dist[cand] > 400.0:
                break
            q = lattice_pts[cand]
            if segments_cross(p, q, segs[:, :2], segs[:, 2:]).any():
                continue
            coords = np.array([p, q]) if which == 1 else np.array([q, p])
            connector = _EdgeSpec(coords, core[k].street)
            at = next(i for i, e in enumerate(out) if e is core[k])
            out.insert(at + (1 if which == 1 else 0), connector)
            segs = np.vstack([segs, np.concatenate([p, q])[None]])
            break
    return out
