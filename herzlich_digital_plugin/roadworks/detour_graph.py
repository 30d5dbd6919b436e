"""Build the routable network of a road line layer with QGIS's network analysis library, and cache it.

QgsVectorLayerDirector reads the one-way field, QgsNetworkDistanceStrategy gives each edge its length and
QgsNetworkSpeedStrategy (speed field, km/h) its travel time; QgsGraphBuilder joins vertices within the
topology tolerance, in EPSG:25832 (a layer in another CRS is transformed on the fly). The QgsGraph is then
read once into arrays (``RoadNetwork``) that the detour search uses.

The network is cached per layer until the layer changes: the key holds the layer id and source, its feature
count and extent, the file's modification time and size for file layers, and an edit counter bumped by the
layer's ``dataChanged`` signal. Closures are not part of the graph (they are removed per search), so a new
closure never rebuilds it.
"""
import os
import time
from collections import OrderedDict
from typing import Optional

import numpy as np

from .detour_errors import RoadLayerError
from .detour_fields import BACKWARD, FORWARD, RoadFields, check_fields, direction_spellings
from .detour_network import RoadNetwork
from .exchange_text import tr

STORE_CRS = "EPSG:25832"
DEFAULT_TOLERANCE_M = 0.1
DEFAULT_SPEED_KMH = 50.0
CACHE_SIZE = 4
NO_MATCH = "\u0000"  # a direction value no attribute has

_cache: "OrderedDict[tuple, RoadNetwork]" = OrderedDict()
_edits = {}  # layer id -> edit counter
_watched = set()


def network_for(layer, fields: RoadFields = RoadFields(), tolerance_m: float = DEFAULT_TOLERANCE_M,
                default_speed_kmh: float = DEFAULT_SPEED_KMH, feedback=None) -> RoadNetwork:
    """The cached network of ``layer`` (built when the layer or the options changed)."""
    _watch(layer)
    key = (layer_stamp(layer), fields, float(tolerance_m), float(default_speed_kmh))
    network = _cache.get(key)
    if network is not None:
        _cache.move_to_end(key)
        return network
    network = build_network(layer, fields, tolerance_m, default_speed_kmh, feedback)
    network.key = key
    _cache[key] = network
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return network


def clear_cache() -> None:
    _cache.clear()


def layer_stamp(layer) -> tuple:
    """What identifies the layer's current content without reading it."""
    source = layer.source()
    path = source.split("|")[0]
    file_part = ()
    if os.path.isfile(path):
        stat = os.stat(path)
        file_part = (stat.st_mtime_ns, stat.st_size)
        wal = path + "-wal"
        if os.path.isfile(wal):  # a GeoPackage written by another connection changes its WAL first
            wal_stat = os.stat(wal)
            file_part += (wal_stat.st_mtime_ns, wal_stat.st_size)
    return (layer.id(), source, layer.subsetString(), int(layer.featureCount()), layer.extent().toString(12),
            file_part, _edits.get(layer.id(), 0))


def _watch(layer) -> None:
    layer_id = layer.id()
    if layer_id in _watched:
        return
    _watched.add(layer_id)

    def bump(*_):
        _edits[layer_id] = _edits.get(layer_id, 0) + 1
    layer.dataChanged.connect(bump)
    layer.willBeDeleted.connect(lambda: _watched.discard(layer_id))


def build_network(layer, fields: RoadFields = RoadFields(), tolerance_m: float = DEFAULT_TOLERANCE_M,
                  default_speed_kmh: float = DEFAULT_SPEED_KMH, feedback=None) -> RoadNetwork:
    """A new network from ``layer`` (see the module docstring); RoadLayerError/MissingFieldsError."""
    from qgis.analysis import (QgsGraphBuilder, QgsNetworkDistanceStrategy, QgsNetworkSpeedStrategy,
                               QgsVectorLayerDirector)
    from qgis.core import QgsCoordinateReferenceSystem

    started = time.perf_counter()
    index = check_fields(layer, fields)
    source, direction_index = layer, index["oneway"]
    forward, backward, mixed = direction_spellings(layer, direction_index, fields)
    speed_index = index["speed"]
    if mixed:
        source, direction_index, speed_index = _normalised(layer, index, fields)
        forward, backward = FORWARD, BACKWARD
    director = QgsVectorLayerDirector(source, direction_index, forward or NO_MATCH, backward or NO_MATCH, "",
                                      QgsVectorLayerDirector.Direction.DirectionBoth)
    director.addStrategy(QgsNetworkDistanceStrategy())
    director.addStrategy(QgsNetworkSpeedStrategy(speed_index, float(default_speed_kmh), 1.0 / 3.6))
    crs = QgsCoordinateReferenceSystem(STORE_CRS)
    builder = QgsGraphBuilder(crs, layer.crs() != crs, float(tolerance_m), "NONE")
    director.makeGraph(builder, [], feedback)  # a QgsFeedback (progress, cancel) or None
    graph = builder.graph()
    if graph.edgeCount() == 0:
        raise RoadLayerError(tr("The road layer {layer} has no roads to route on.").format(layer=layer.name()))
    network = _arrays(graph, default_speed_kmh).prepare()
    network.qgis_graph = graph
    network.build_s = time.perf_counter() - started
    return network


def _arrays(graph, default_speed_kmh: float) -> RoadNetwork:
    """Read the QgsGraph once: vertex coordinates, edge ends and both costs."""
    vertex, edge = graph.vertex, graph.edge
    n_vertices, n_edges = graph.vertexCount(), graph.edgeCount()
    xy = np.empty((n_vertices, 2), dtype=np.float64)
    for i in range(n_vertices):
        point = vertex(i).point()
        xy[i, 0], xy[i, 1] = point.x(), point.y()
    edge_from = np.empty(n_edges, dtype=np.int64)
    edge_to = np.empty(n_edges, dtype=np.int64)
    length = np.empty(n_edges, dtype=np.float64)
    seconds = np.empty(n_edges, dtype=np.float64)
    for k in range(n_edges):
        e = edge(k)
        edge_from[k], edge_to[k] = e.fromVertex(), e.toVertex()
        length[k], seconds[k] = e.cost(0), e.cost(1)
    # QgsNetworkSpeedStrategy gives an infinite time for a NULL or zero speed: use the default speed there.
    bad = ~np.isfinite(seconds) | (seconds <= 0)
    seconds[bad] = length[bad] / (float(default_speed_kmh) / 3.6)
    return RoadNetwork(xy, edge_from, edge_to, length, seconds)


def _normalised(layer, index, fields: RoadFields):
    """A memory copy whose direction field holds F/T/B (for layers mixing spellings such as yes and 1)."""
    from qgis.core import QgsFeature, QgsField, QgsFields, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    copy = QgsVectorLayer(f"LineString?crs={layer.crs().authid()}", "roads", "memory")
    out_fields = QgsFields()
    out_fields.append(QgsField("hd_direction", QVariant.Type.String))
    out_fields.append(QgsField("hd_speed", QVariant.Type.Double))
    copy.dataProvider().addAttributes(out_fields.toList())
    copy.updateFields()
    features = []
    for feature in layer.getFeatures():
        out = QgsFeature(copy.fields())
        out.setGeometry(feature.geometry())
        speed = feature.attribute(index["speed"]) if index["speed"] >= 0 else None
        out.setAttributes([fields.classify(feature.attribute(index["oneway"])), speed])
        features.append(out)
    copy.dataProvider().addFeatures(features)
    return copy, 0, (1 if index["speed"] >= 0 else -1)


def route_street_names(layer, fields: RoadFields, coords, max_names: int = 12) -> list:
    """Names of the streets a route runs along, in order, each run once (read from the layer around the
    route's edge midpoints)."""
    from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeatureRequest, QgsPointXY,
                           QgsProject, QgsRectangle)

    name_index = layer.fields().lookupField(fields.name) if fields.name else -1
    if name_index < 0 or len(coords) < 2:
        return []
    to_layer = QgsCoordinateTransform(QgsCoordinateReferenceSystem(STORE_CRS), layer.crs(), QgsProject.instance())
    names = []
    for (x0, y0), (x1, y1) in zip(coords[:-1], coords[1:]):
        mid = to_layer.transform(QgsPointXY((x0 + x1) / 2.0, (y0 + y1) / 2.0))
        mx, my = mid.x(), mid.y()
        pad = 1e-5 if layer.crs().isGeographic() else 1.0
        rect = QgsRectangle(mx - pad, my - pad, mx + pad, my + pad)
        request = QgsFeatureRequest().setFilterRect(rect).setSubsetOfAttributes([name_index]).setLimit(4)
        best, best_d = None, None
        for feature in layer.getFeatures(request):
            d = feature.geometry().distance(_point_geometry(QgsPointXY(mx, my)))
            if best_d is None or d < best_d:
                best, best_d = feature.attribute(name_index), d
        if best and (not names or names[-1] != str(best)):
            names.append(str(best))
    out = []
    for name in names:
        if name not in out:
            out.append(name)
    return out[:max_names]


def _point_geometry(point):
    from qgis.core import QgsGeometry
    return QgsGeometry.fromPointXY(point)


def layer_from_store(store, name: Optional[str] = None):
    """The store's ``road`` table as a QgsVectorLayer (the demo network by default)."""
    from qgis.core import QgsVectorLayer

    provider, uri = store.layer_uri("road")
    layer = QgsVectorLayer(uri, name or "road", provider)
    if not layer.isValid():
        raise RoadLayerError(tr("The store's road table could not be opened as a layer."))
    return layer
