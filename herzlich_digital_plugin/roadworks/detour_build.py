"""A road layer's QgsGraph and ``RoadNetwork`` arrays as QgsVectorLayerDirector + QgsGraphBuilder (QGIS 3.22)
make them, computed with numpy: on an 80,000-segment grid makeGraph alone takes about 2 s, and reading its graph
back edge by edge another 0.3 s.

The director's rules (tests/qgis/test_roadworks_detour_build.py compares with the director itself): line points
in reading order (feature, part, point); a point with an earlier graph vertex within the tolerance box
(|dx|, |dy| ≤ max(tolerance, 1e-10)) is joined to one, else it becomes a vertex. A joined point goes to the vertex
in its box; with several there, to the first the director's R-tree finds (``RTreeLookup``). A segment whose ends
join one vertex gives no edge; the others give a forward edge, a backward edge or both (forward first). Lengths
are planar, between the vertices; time is length / speed. A NULL, 0, negative or unreadable speed takes the
default (for a negative one the director's speed strategy gives length / (default × 3.6), not copied). Only
LineString/MultiLineString geometries count (Z/M dropped, curves ignored, as the director does).

Beyond the director: speeds are read as OSM maxspeed values too ("30 mph", "DE:urban", "walk"), one-way and
maxspeed come from GDAL's ``other_tags`` when the layer has no such fields, an unknown one-way value stops the
build (UnknownValueError), and every edge remembers its feature (``edge_way``) and street name (``edge_street``)
so that a closed stretch ends where its street ends.
"""
from typing import List, Tuple

import numpy as np

from .detour_fields import BACKWARD, FORWARD, OTHER_TAGS, RoadFields, other_tag, variant_text
from .detour_network import RoadNetwork
from .detour_noding import count_crossings, node_crossings
from .detour_values import speed_kmh

MIN_TOLERANCE_M = 1e-10  # what the director uses for a tolerance of 0
DIRECTION_CODE = {FORWARD: 1, BACKWARD: -1}  # anything else: both ways
PROGRESS_EVERY = 2000


def read_network(layer, index, fields: RoadFields, crs, tolerance_m: float, default_speed_kmh: float,
                 feedback=None, node: bool = False) -> RoadNetwork:
    """The network of ``layer`` (``index``: field indices by role, from check_fields), with ``qgis_graph`` set.
    ``node``: lines crossing without a shared vertex get one there (an unnoded layer); otherwise such
    crossings are only counted (``network.crossings``: bridges, or a layer that needs noding)."""
    x, y, part_sizes, directions, speeds, ways, streets, names = _read_parts(layer, index, fields, crs, feedback)
    if node:
        x, y, part_sizes, crossings = node_crossings(x, y, part_sizes, tolerance_m)
    else:
        crossings = count_crossings(x, y, part_sizes, tolerance_m)
    vertex_of, vx, vy = join_vertices(x, y, tolerance_m, RTreeLookup(tolerance_m))
    edge_from, edge_to, length, seconds, edge_part = _edges(vertex_of, vx, vy, part_sizes, directions, speeds,
                                                            default_speed_kmh)
    network = RoadNetwork(np.column_stack([vx, vy]), edge_from, edge_to, length, seconds)
    network.edge_way, network.edge_street, network.street_names = ways[edge_part], streets[edge_part], names
    network.crossings = crossings
    network.qgis_graph = _qgis_graph(network)
    if feedback is not None:
        feedback.setProgress(100.0)
    return network


def _read_parts(layer, index, fields: RoadFields, crs, feedback) -> tuple:
    """Coordinates of every line part (EPSG:25832) and each part's direction code and speed (km/h)."""
    from qgis.core import QgsCoordinateTransform, QgsCoordinateTransformContext, QgsFeatureRequest, QgsWkbTypes

    line, multi = QgsWkbTypes.Type.LineString, QgsWkbTypes.Type.MultiLineString
    # The director's transform: no project context (the default PROJ pipeline).
    transform = (QgsCoordinateTransform(layer.crs(), crs, QgsCoordinateTransformContext())
                 if layer.crs() != crs else None)
    oneway, speed_field, name_field = index["oneway"], index["speed"], index.get("name", -1)
    tags = index.get(OTHER_TAGS, -1)
    request = QgsFeatureRequest().setSubsetOfAttributes(
        [i for i in (oneway, speed_field, name_field, tags) if i >= 0])
    xs: List[float] = []
    ys: List[float] = []
    part_sizes, directions, speeds, ways, streets = [], [], [], [], []
    names: List[str] = []
    name_ids = {}
    direction_of, speed_of = _Lookup(lambda v: DIRECTION_CODE.get(fields.classify(v), 0)), _Lookup(_speed)
    total = max(1, layer.featureCount())
    for count, feature in enumerate(layer.getFeatures(request)):
        if feedback is not None and count % PROGRESS_EVERY == 0:
            if feedback.isCanceled():
                break  # as the director: a cancelled build stops reading
            feedback.setProgress(80.0 * count / total)
        geometry = feature.geometry()
        flat = QgsWkbTypes.flatType(geometry.wkbType())
        if flat != line and flat != multi:
            continue
        if transform is not None:
            geometry.transform(transform)
        parts = (geometry.asPolyline(),) if flat == line else geometry.asMultiPolyline()
        tag_text = feature[tags] if tags >= 0 else None
        if oneway >= 0:
            direction = direction_of(feature[oneway])
        else:
            direction = direction_of(other_tag(tag_text, "oneway")) if tag_text else 0
        if speed_field >= 0:
            speed = speed_of(feature[speed_field])
        else:
            speed = speed_of(other_tag(tag_text, "maxspeed")) if tag_text else 0.0
        street = -1
        if name_field >= 0:
            name = variant_text(feature[name_field]).strip()
            if name:
                street = name_ids.get(name)
                if street is None:
                    street = name_ids[name] = len(names)
                    names.append(name)
        for part in parts:
            xs.extend([p.x() for p in part])
            ys.extend([p.y() for p in part])
            part_sizes.append(len(part))
            directions.append(direction)
            speeds.append(speed)
            ways.append(count)
            streets.append(street)
    return (np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64), np.array(part_sizes, dtype=np.int64),
            np.array(directions, dtype=np.int8), np.array(speeds, dtype=np.float64),
            np.array(ways, dtype=np.int64), np.array(streets, dtype=np.int64), names)


class _Lookup:
    """A function of attribute values, computed once per distinct value (a layer has few)."""

    def __init__(self, function):
        self.function, self.known = function, {}

    def __call__(self, value):
        try:
            return self.known[value]
        except KeyError:
            result = self.known[value] = self.function(value)
            return result
        except TypeError:  # unhashable
            return self.function(value)


class RTreeLookup:
    """Which vertex the director's R-tree gives a point within reach of several: the first its box query finds
    in a tree of the vertices added in order (QgsSpatialIndex builds the same R*-tree, 0.7/10/10)."""

    def __init__(self, tolerance_m: float):
        self.tolerance = max(float(tolerance_m), MIN_TOLERANCE_M)

    def __call__(self, vx, vy, qx, qy) -> List[int]:
        from qgis.core import QgsRectangle, QgsSpatialIndex

        index = QgsSpatialIndex()
        for i, (x, y) in enumerate(zip(vx.tolist(), vy.tolist())):
            index.addFeature(i, QgsRectangle(x, y, x, y))
        t = self.tolerance
        found = [index.intersects(QgsRectangle(x - t, y - t, x + t, y + t)) for x, y in zip(qx.tolist(), qy.tolist())]
        return [ids[0] if ids else -1 for ids in found]


def _speed(value) -> float:
    """QVariant::toDouble() for numbers; text as an OSM maxspeed ("30", "30 mph", "DE:urban", "walk");
    0 (→ the default speed) when unreadable."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        return speed_kmh(value) or 0.0
    return 0.0


def join_vertices(x: np.ndarray, y: np.ndarray, tolerance_m: float, resolve=None) -> tuple:
    """(graph vertex of each point, vertex x, vertex y).

    In reading order, a point with an earlier vertex within the tolerance is joined, else it becomes a vertex.
    A joined point goes to the vertex within reach; where there are several, the earliest or what
    ``resolve(vx, vy, qx, qy)`` says (vertex ids for the query points, -1: the earliest)."""
    n = len(x)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
    tolerance = max(float(tolerance_m), MIN_TOLERANCE_M)
    # Exact repeats (every shared line end) first: the first occurrence stands for all of them.
    order = np.lexsort((y, x))  # stable: a run of equal points starts with its first occurrence
    sx, sy = x[order], y[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = (sx[1:] != sx[:-1]) | (sy[1:] != sy[:-1])
    distinct_of = np.empty(n, dtype=np.int64)
    distinct_of[order] = np.cumsum(starts) - 1
    first, ux, uy = order[starts], sx[starts], sy[starts]
    a, b = _close_pairs(ux, uy, tolerance)
    is_vertex = _greedy_vertices(len(first), a, b, first)
    vertices = np.nonzero(is_vertex)[0]
    vertices = vertices[np.argsort(first[vertices], kind="stable")]
    vertex_id = np.full(len(first), -1, dtype=np.int64)
    vertex_id[vertices] = np.arange(len(vertices))
    vx, vy = ux[vertices], uy[vertices]
    # each joined point: the earliest vertex in its reach, or the resolver's pick where there are several
    reach = ~is_vertex[a] & is_vertex[b]
    a, b = a[reach], b[reach]
    by_point = np.lexsort((first[b], a))
    a, b = a[by_point], b[by_point]
    head = np.ones(len(a), dtype=bool)
    head[1:] = a[1:] != a[:-1]
    target = np.arange(len(first))
    target[a[head]] = b[head]
    several = np.unique(a[~head])
    if len(several) and resolve is not None:
        picked = np.asarray(resolve(vx, vy, ux[several], uy[several]), dtype=np.int64)
        target[several[picked >= 0]] = vertices[picked[picked >= 0]]
    return vertex_id[target][distinct_of], vx, vy


def _greedy_vertices(count: int, a: np.ndarray, b: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Which points become vertices: those without an earlier vertex in reach, decided in reading order (in
    rounds: a point is settled once every earlier point in its reach is)."""
    earlier = first[b] < first[a]
    a, b = a[earlier], b[earlier]
    state = np.full(count, 1, dtype=np.int8)  # 1 vertex, 0 joined, -1 open
    state[np.unique(a)] = -1
    while len(a):
        vertex_near = np.zeros(count, dtype=bool)
        vertex_near[a[state[b] == 1]] = True
        open_near = np.zeros(count, dtype=bool)
        open_near[a[state[b] == -1]] = True
        is_open = state == -1
        state[is_open & vertex_near] = 0
        state[is_open & ~vertex_near & ~open_near] = 1
        still = state[a] == -1
        a, b = a[still], b[still]
    return state == 1


def _close_pairs(ux, uy, tolerance) -> Tuple[np.ndarray, np.ndarray]:
    """Pairs of distinct points (a, b), b within the tolerance box around a (both ways round).

    Grid cells of twice the tolerance: close points lie in the same or an adjacent cell."""
    cell = 2.0 * tolerance
    cx, cy = np.floor(ux / cell).astype(np.int64), np.floor(uy / cell).astype(np.int64)
    col, row = np.unique(cx), np.unique(cy)
    key = np.searchsorted(col, cx) * len(row) + np.searchsorted(row, cy)
    by_key = np.argsort(key, kind="stable")
    sorted_key = key[by_key]
    found_a, found_b = [], []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            ix, iy = np.searchsorted(col, cx + dx), np.searchsorted(row, cy + dy)
            ok = (col[np.minimum(ix, len(col) - 1)] == cx + dx) & (row[np.minimum(iy, len(row) - 1)] == cy + dy)
            points = np.nonzero(ok)[0]
            wanted = ix[points] * len(row) + iy[points]
            lo, hi = np.searchsorted(sorted_key, wanted, "left"), np.searchsorted(sorted_key, wanted, "right")
            counts = hi - lo
            found_a.append(np.repeat(points, counts))
            found_b.append(by_key[np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())])
    a, b = np.concatenate(found_a), np.concatenate(found_b)
    # computed as the director's R-tree query: b inside the box around a
    close = ((a != b) & (ux[b] >= ux[a] - tolerance) & (ux[b] <= ux[a] + tolerance)
             & (uy[b] >= uy[a] - tolerance) & (uy[b] <= uy[a] + tolerance))
    return a[close], b[close]


def _edges(vertex_of, vx, vy, part_sizes, directions, speeds, default_speed_kmh) -> tuple:
    """Directed edges per segment (forward before backward), their lengths (m) and times (s)."""
    ends = np.cumsum(part_sizes)
    last = np.zeros(len(vertex_of), dtype=bool)
    last[ends[part_sizes > 0] - 1] = True
    segment = np.nonzero(~last)[0]
    part = np.repeat(np.arange(len(part_sizes)), part_sizes)[segment]
    a, b = vertex_of[segment], vertex_of[segment + 1]
    keep = a != b
    a, b, part = a[keep], b[keep], part[keep]
    dx, dy = vx[b] - vx[a], vy[b] - vy[a]
    length = np.sqrt(dx * dx + dy * dy)  # QgsDistanceArea without an ellipsoid
    with np.errstate(divide="ignore", invalid="ignore"):
        seconds = length / (speeds[part] * (1.0 / 3.6))  # as QgsNetworkSpeedStrategy
    bad = ~np.isfinite(seconds) | (seconds <= 0)
    seconds[bad] = length[bad] / (float(default_speed_kmh) / 3.6)
    direction = directions[part]
    use = np.column_stack([direction >= 0, direction <= 0])  # forward, backward
    return (np.column_stack([a, b])[use], np.column_stack([b, a])[use], np.column_stack([length, length])[use],
            np.column_stack([seconds, seconds])[use], np.column_stack([part, part])[use])


def _qgis_graph(network: RoadNetwork):
    """The QgsGraph of the arrays (vertex and edge ids equal), costs [length, time]."""
    from qgis.analysis import QgsGraph
    from qgis.core import QgsPointXY

    graph = QgsGraph()
    add_vertex, add_edge = graph.addVertex, graph.addEdge
    for x, y in network.xy.tolist():
        add_vertex(QgsPointXY(x, y))
    for u, v, length, seconds in zip(network.edge_from.tolist(), network.edge_to.tolist(),
                                     network.length_m.tolist(), network.time_s.tolist()):
        add_edge(u, v, [length, seconds])
    return graph
