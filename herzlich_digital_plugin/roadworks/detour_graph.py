"""Build the routable network of a road line layer with QGIS's network analysis library, and cache it.

The graph is what QgsVectorLayerDirector + QgsGraphBuilder (EPSG:25832, the topology tolerance, no ellipsoid)
make of the layer: the one-way field gives each segment its directions, edges cost their length (m) and travel
time (speed field, km/h). ``detour_build`` makes the same QgsGraph (``RoadNetwork.qgis_graph``) and the arrays
the detour search uses with numpy, in a fraction of the director's time. A layer in another CRS is transformed.

The network is cached per layer until the layer changes: the key holds the layer id and source, its feature
count and extent, the file's modification time and size for file layers, and an edit counter bumped by the
layer's ``dataChanged`` signal. Closures are not part of the graph (they are removed per search), so a new
closure never rebuilds it.
"""
import os
import time
from collections import OrderedDict
from typing import Optional

from ..core.definitions import STORE_CRS
from .detour_build import read_network
from .detour_errors import RoadLayerError
from .detour_fields import RoadFields, resolve_fields
from .detour_network import RoadNetwork
from .exchange_text import tr

DEFAULT_TOLERANCE_M = 0.1
DEFAULT_SPEED_KMH = 50.0
CACHE_SIZE = 4
NODE_AUTO, NODE_ALWAYS, NODE_NEVER = "auto", "always", "never"
NODE_MODES = (NODE_AUTO, NODE_ALWAYS, NODE_NEVER)
# auto: a layer is taken as unnoded when it has at least as many crossings without a shared vertex as junctions
# (the Helsinki OSM extract: 73 bridges, tunnels and near-misses against 327 junctions; a layer of long lines
# drawn across every junction: crossings only)
UNNODED_SHARE = 1.0

_cache: "OrderedDict[tuple, RoadNetwork]" = OrderedDict()
_edits = {}  # layer id -> edit counter
_watched = set()


def network_for(layer, fields: RoadFields = RoadFields(), tolerance_m: float = DEFAULT_TOLERANCE_M,
                default_speed_kmh: float = DEFAULT_SPEED_KMH, feedback=None, node: str = NODE_AUTO) -> RoadNetwork:
    """The cached network of ``layer`` (built when the layer or the options changed)."""
    _watch(layer)
    key = (layer_stamp(layer), fields, float(tolerance_m), float(default_speed_kmh), node)
    network = _cache.get(key)
    if network is not None:
        _cache.move_to_end(key)
        return network
    network = build_network(layer, fields, tolerance_m, default_speed_kmh, feedback, node)
    network.key = key
    if feedback is not None and feedback.isCanceled():
        return network  # read only in part: never cached
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
                  default_speed_kmh: float = DEFAULT_SPEED_KMH, feedback=None, node: str = NODE_AUTO) -> RoadNetwork:
    """A new network from ``layer`` (see the module docstring); RoadLayerError/MissingFieldsError.
    ``feedback``: a QgsFeedback (progress; cancelling stops reading the layer) or None. ``node``: give lines
    crossing without a shared vertex one there: ``always``, ``never`` or ``auto`` (when the layer looks
    unnoded, ``UNNODED_SHARE``); crossings left alone are reported in ``network.warnings``."""
    from qgis.core import QgsCoordinateReferenceSystem

    if node not in NODE_MODES:
        raise ValueError(f"unknown noding mode {node!r}; use one of {NODE_MODES}")
    started = time.perf_counter()
    index, warnings = resolve_fields(layer, fields)
    crs = QgsCoordinateReferenceSystem(STORE_CRS)
    network = read_network(layer, index, fields, crs, tolerance_m, default_speed_kmh, feedback,
                           node=node == NODE_ALWAYS)
    if node == NODE_AUTO and len(network.crossings):
        indptr, _ = network.neighbours()
        junctions = int((indptr[1:] - indptr[:-1] >= 3).sum())
        if len(network.crossings) >= UNNODED_SHARE * junctions:
            network = read_network(layer, index, fields, crs, tolerance_m, default_speed_kmh, feedback, node=True)
            network.noded = True
    elif node == NODE_ALWAYS:
        network.noded = True
    crossings = network.crossings
    if network.noded and len(crossings):
        warnings.append(tr("The road layer {layer} is not noded: {count} places where lines cross or meet "
                           "without a shared vertex were made junctions.").format(layer=layer.name(),
                                                                                 count=len(crossings)))
    elif len(crossings):
        warnings.append(tr("The road layer {layer} has {count} places where lines cross without a shared vertex "
                           "(bridges, tunnels or missing junctions, e.g. at {x:.1f}, {y:.1f} EPSG:25832); they are "
                           "not taken as junctions.").format(layer=layer.name(), count=len(crossings),
                                                             x=crossings[0][0], y=crossings[0][1]))
    network.warnings = warnings
    if network.edge_count == 0:
        raise RoadLayerError(tr("The road layer {layer} has no roads to route on.").format(layer=layer.name()))
    network.prepare()
    network.build_s = time.perf_counter() - started
    return network


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
