"""Finding the store's road and roadworks layers in the project, and private layer copies for worker threads."""
from pathlib import Path
from typing import List, Optional

from qgis.core import QgsFeatureRequest, QgsProject, QgsProviderRegistry, QgsVectorLayer, QgsWkbTypes

ROADWORKS_TABLE = "roadworks"
ROAD_TABLE = "road"
# Every canvas item the roadworks GUI adds carries this tag (QGraphicsItem data 0): unload and tests find them.
CANVAS_TAG = "herzlich_digital_roadworks"

_DB_KEYS = ("dbname", "host", "port", "service", "schema", "table")


def _identity(provider: str, source: str):
    """What names a table, whatever options the layer's source carries (geometry type, subset, …)."""
    try:
        parts = QgsProviderRegistry.instance().decodeUri(provider, source)
    except Exception:  # an unknown provider decodes nothing
        parts = {}
    if provider == "ogr":
        path = parts.get("path") or source.split("|")[0]
        try:
            path = str(Path(path).resolve())
        except OSError:
            pass
        return ("ogr", path, (parts.get("layerName") or "").lower())
    if provider == "postgres":
        return ("postgres",) + tuple(str(parts.get(k) or "") for k in _DB_KEYS)
    return (provider, source)


def shows_table(layer, store, table: str) -> bool:
    """Does ``layer`` read ``table`` of ``store``?"""
    if not isinstance(layer, QgsVectorLayer) or store is None:
        return False
    provider, uri = store.layer_uri(table)
    if layer.providerType() != provider:
        return False
    return _identity(provider, layer.source()) == _identity(provider, uri)


def store_layers(store, table: str, project: QgsProject = None) -> List[QgsVectorLayer]:
    project = project or QgsProject.instance()
    return [layer for layer in project.mapLayers().values() if shows_table(layer, store, table)]


def road_layer_in_project(store, project: QgsProject = None) -> Optional[QgsVectorLayer]:
    """The project's layer of the store's road network (the demo network), or None."""
    for layer in store_layers(store, ROAD_TABLE, project):
        if layer.geometryType() == QgsWkbTypes.GeometryType.LineGeometry:
            return layer
    return None


def roadworks_layers(store, project: QgsProject = None) -> List[QgsVectorLayer]:
    """Layers showing the store's roadworks, including virtual layers built on them (the detour layer)."""
    project = project or QgsProject.instance()
    out = store_layers(store, ROADWORKS_TABLE, project)
    provider, uri = store.layer_uri(ROADWORKS_TABLE)
    table_ref = _identity(provider, uri)
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.providerType() == "virtual" and layer not in out:
            if _virtual_reads(layer, provider, table_ref):
                out.append(layer)
    return out


def _virtual_reads(layer, provider, table_ref) -> bool:
    """Does a virtual layer read the table, embedded or through a referenced project layer?"""
    from qgis.core import QgsVirtualLayerDefinition
    from qgis.PyQt.QtCore import QUrl

    definition = QgsVirtualLayerDefinition.fromUrl(QUrl.fromEncoded(layer.source().encode()))
    for source in definition.sourceLayers():
        if source.isReferenced():
            referenced = QgsProject.instance().mapLayer(source.reference())
            if isinstance(referenced, QgsVectorLayer) and referenced.providerType() == provider \
                    and _identity(provider, referenced.source()) == table_ref:
                return True
        elif source.provider() == provider and _identity(provider, source.source()) == table_ref:
            return True
    return False


def refresh_roadworks_layers(store, canvas=None, project: QgsProject = None) -> int:
    """Re-read the roadworks layers after a change written through the store; returns how many."""
    layers = roadworks_layers(store, project)
    for layer in layers:
        layer.dataProvider().reloadData()
        layer.triggerRepaint()
    if canvas is not None and layers:
        canvas.refresh()
    return len(layers)


def selected_roadworks_ids(store, active_layer=None, project: QgsProject = None) -> List[int]:
    """Ids of the roadworks selected on the map: the active layer's selection first, then any other."""
    layers = roadworks_layers(store, project)
    if active_layer in layers:
        layers.remove(active_layer)
        layers.insert(0, active_layer)
    for layer in layers:
        index = layer.fields().lookupField("id")
        if index < 0 or layer.selectedFeatureCount() == 0:
            continue
        request = QgsFeatureRequest().setSubsetOfAttributes([index]).setFlags(
            QgsFeatureRequest.Flag.NoGeometry)
        ids = [int(f.attribute(index)) for f in layer.getSelectedFeatures(request) if f.attribute(index)]
        if ids:
            return sorted(ids)
    return []


def worker_copy(layer: QgsVectorLayer) -> QgsVectorLayer:
    """A copy of ``layer`` that only a worker thread will read (QGIS layers are not shared across threads).

    Memory layers are copied feature by feature (they cannot be reopened from their source); other layers are
    reopened from their source (the check task does that on its own thread: ``RoadSource``).
    """
    if layer.providerType() == "memory":
        return layer.materialize(QgsFeatureRequest())
    copy = QgsVectorLayer(layer.source(), layer.name(), layer.providerType())
    if layer.subsetString():
        copy.setSubsetString(layer.subsetString())
    return copy


def tag_canvas_item(item):
    item.setData(0, CANVAS_TAG)
    return item


def tagged_canvas_items(canvas) -> list:
    return [item for item in canvas.scene().items() if item.data(0) == CANVAS_TAG]
