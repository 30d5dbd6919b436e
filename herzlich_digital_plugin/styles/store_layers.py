"""The store's layers in a QGIS project: opened from any store (GeoPackage or PostGIS), styled, grouped and
named in the user's language. Used by "Add store layers" (addstorelayers) and the demo project alike."""
import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from qgis.core import (
    QgsLayerTreeGroup,
    QgsProject,
    QgsVectorLayer,
    QgsVirtualLayerDefinition,
    QgsWkbTypes,
)

from ..toolbelt.i18n import tr
from .layer_styles import (
    style_detours,
    style_panoramas,
    style_review_layers,
    style_roads,
    style_roadworks,
    style_sensors,
)

GROUP_NAME_KEY = "herzlich_digital_store_group"  # custom property: which group holds a store's layers
DETOUR_QUERY = ("SELECT id, title, status, GeomFromText(detour, 25832) AS geometry FROM rw WHERE detour IS NOT NULL "
                "AND detour <> '' AND status NOT IN ('completed', 'cancelled')")


def open_layer(store, table: str, name: str, authcfg: str = "", **uri_options) -> QgsVectorLayer:
    """A QGIS layer over one store table; ValueError (translated) when QGIS cannot open it."""
    if authcfg and store.backend == "postgis":
        uri_options["authcfg"] = authcfg
    provider, uri = store.layer_uri(table, **uri_options)
    layer = QgsVectorLayer(uri, name, provider)
    if not layer.isValid():
        raise ValueError(tr("The layer {table} could not be opened from {uri}").format(table=table, uri=uri))
    return layer


def detour_layer(store, name: str, authcfg: str = "") -> QgsVectorLayer:
    """The chosen detours (``roadworks.detour``, WKT) of works still to come or running, as a line layer.

    A virtual layer over the store's roadworks table: a detour saved later ("Save detour") shows up too.
    """
    provider, uri = store.layer_uri("roadworks", **({"authcfg": authcfg} if authcfg and store.backend == "postgis"
                                                    else {}))
    if provider == "postgres":
        # as a table without geometry: QGIS cannot open an empty GEOMETRY table as a spatial source, and with
        # srid= left in it reads no rows at all; the query only needs the detour text
        uri = re.sub(r" (srid|type)=\S+", "", uri.rsplit(" (", 1)[0] if uri.endswith(")") else uri)
    definition = QgsVirtualLayerDefinition()
    definition.addSource("rw", uri, provider)
    definition.setQuery(DETOUR_QUERY)
    definition.setGeometryField("geometry")
    definition.setGeometryWkbType(QgsWkbTypes.Type.LineString)
    definition.setGeometrySrid(25832)
    definition.setUid("id")
    layer = QgsVectorLayer(definition.toString(), name, "virtual")
    if not layer.isValid():
        raise ValueError(tr("The layer {table} could not be opened from {uri}").format(table="roadworks", uri=uri))
    return layer


@dataclass
class StoreLayers:
    """The styled layers of one store, in drawing order bottom to top (``layers``), not yet in a project."""
    roads: QgsVectorLayer
    panoramas: QgsVectorLayer
    detections: QgsVectorLayer
    assets: QgsVectorLayer
    sensors: QgsVectorLayer
    roadworks: QgsVectorLayer
    roadworks_areas: QgsVectorLayer
    detours: QgsVectorLayer

    @property
    def layers(self) -> List[QgsVectorLayer]:
        return [self.roads, self.detections, self.panoramas, self.assets, self.roadworks_areas, self.detours,
                self.roadworks, self.sensors]

    @property
    def collapsed(self) -> List[QgsVectorLayer]:
        """Layers whose long legends start collapsed (a short legend on first sight)."""
        return [self.roads, self.detections, self.panoramas, self.assets, self.roadworks_areas]


def styled_store_layers(store, authcfg: str = "", many_detections: bool = False) -> StoreLayers:
    """Open and style every layer of a store; raises ValueError (translated) if one cannot be opened."""
    campaigns = store.select("campaign", order_by="id")
    result = StoreLayers(
        roads=open_layer(store, "road", tr("Roads"), authcfg),
        panoramas=open_layer(store, "panorama", tr("Panoramas"), authcfg),
        detections=open_layer(store, "detection", tr("Detections"), authcfg),
        assets=open_layer(store, "asset", tr("Assets"), authcfg),
        sensors=open_layer(store, "sensor_station", tr("Sensors"), authcfg),
        roadworks=open_layer(store, "roadworks", tr("Roadworks"), authcfg, geometry_type="LineString"),
        roadworks_areas=open_layer(store, "roadworks", tr("Roadworks (areas)"), authcfg, geometry_type="Polygon"),
        detours=detour_layer(store, tr("Detour"), authcfg),
    )
    style_roads(result.roads)
    style_panoramas(result.panoramas, campaigns)
    style_review_layers(result.detections, result.assets, many_detections=many_detections)
    style_sensors(result.sensors)
    style_roadworks(result.roadworks, polygon=False)
    style_roadworks(result.roadworks_areas, polygon=True)
    style_detours(result.detours)
    return result


def add_to_project(project: QgsProject, layers: StoreLayers, group_name: Optional[str] = None) -> QgsLayerTreeGroup:
    """Add the layers to ``project``: in a group of that name at the top of the legend, or at the root (None).

    A group of the same name from an earlier run is replaced, so running it twice does not double the layers.
    """
    root = project.layerTreeRoot()
    parent = root
    if group_name:
        old = root.findGroup(group_name)
        if old is not None:
            project.removeMapLayers(old.findLayerIds())
            root.removeChildNode(old)
        parent = root.insertGroup(0, group_name)
        parent.setCustomProperty(GROUP_NAME_KEY, group_name)
    for layer in reversed(layers.layers):  # the legend lists top to bottom
        project.addMapLayer(layer, False)
        parent.addLayer(layer)
    for layer in layers.collapsed:
        node = root.findLayer(layer.id())
        if node is not None:
            node.setExpanded(False)
    return parent


def store_group_name(store) -> str:
    """The legend group of a store: "Herzlich Digital – <file or database>"."""
    label = getattr(store, "path", None)
    if label:
        label = Path(str(label).split("|")[0]).stem
    else:  # PostGIS: database and schema, never the host or user
        dbname = (_conninfo_parts(getattr(store, "conninfo", "")) or {}).get("dbname", "")
        label = ".".join(p for p in (dbname, getattr(store, "schema", "")) if p) or store.backend
    return tr("Herzlich Digital – {store}").format(store=label)


def _conninfo_parts(conninfo: str) -> dict:
    """key=value pairs of a libpq conninfo (only the simple unquoted ones matter here)."""
    parts = {}
    for item in str(conninfo or "").split():
        key, sep, value = item.partition("=")
        if sep:
            parts[key] = value.strip("'")
    return parts
