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
    STREET_SCALE,
    style_assets,
    style_detections,
    style_detours,
    style_panoramas,
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


# key -> (table, translated name, geometry type for GEOMETRY tables); the keys of StoreLayers
def _layer_specs():
    return {
        "roads": ("road", tr("Roads"), None),
        "panoramas": ("panorama", tr("Panoramas"), None),
        "detections": ("detection", tr("Detections"), None),
        "assets": ("asset", tr("Assets"), None),
        "sensors": ("sensor_station", tr("Sensors"), None),
        "roadworks": ("roadworks", tr("Roadworks"), "LineString"),
        "roadworks_areas": ("roadworks", tr("Roadworks (areas)"), "Polygon"),
        "detours": ("roadworks", tr("Detour"), None),
    }


LAYER_KEYS = ("roads", "panoramas", "detections", "assets", "sensors", "roadworks", "roadworks_areas", "detours")
TABLE_PROPERTY = "herzlich_digital/store_layer"  # custom property: "<store identity>|<layer key>"


def store_identity(store) -> str:
    """What tells two stores apart: the GeoPackage's absolute path, or PostGIS host/port/database/schema."""
    path = getattr(store, "path", None)
    if path:
        return str(Path(str(path).split("|")[0]).resolve())
    parts = _conninfo_parts(getattr(store, "conninfo", ""))
    return "postgres:" + "/".join(parts.get(k, "") for k in ("host", "port", "dbname")) + "/" + str(
        getattr(store, "schema", ""))


def style_layer(key: str, layer, campaigns=(), many_detections: bool = False) -> None:
    if key == "roads":
        style_roads(layer)
    elif key == "panoramas":
        style_panoramas(layer, campaigns)
    elif key == "detections":
        style_detections(layer)
        if many_detections:
            layer.setScaleBasedVisibility(True)
            layer.setMinimumScale(STREET_SCALE)
    elif key == "assets":
        style_assets(layer)
    elif key == "sensors":
        style_sensors(layer)
    elif key in ("roadworks", "roadworks_areas"):
        style_roadworks(layer, polygon=key == "roadworks_areas")
    elif key == "detours":
        style_detours(layer)
    else:
        raise ValueError(f"unknown store layer {key!r}; known: {', '.join(LAYER_KEYS)}")


def store_layer(store, key: str, authcfg: str = "", campaigns=None, many_detections: bool = False):
    """One styled layer of the store, marked (TABLE_PROPERTY) so a later import can find and refresh it."""
    specs = _layer_specs()
    if key not in specs:
        raise ValueError(f"unknown store layer {key!r}; known: {', '.join(LAYER_KEYS)}")
    table, name, geometry_type = specs[key]
    if key == "detours":
        layer = detour_layer(store, name, authcfg)
    else:
        layer = open_layer(store, table, name, authcfg, **({"geometry_type": geometry_type} if geometry_type else {}))
    if key == "panoramas" and campaigns is None:
        campaigns = store.select("campaign", order_by="id")
    style_layer(key, layer, campaigns or (), many_detections)
    layer.setCustomProperty(TABLE_PROPERTY, f"{store_identity(store)}|{key}")
    return layer


def styled_store_layers(store, authcfg: str = "", many_detections: bool = False) -> StoreLayers:
    """Open and style every layer of a store; raises ValueError (translated) if one cannot be opened."""
    campaigns = store.select("campaign", order_by="id")
    return StoreLayers(**{key: store_layer(store, key, authcfg, campaigns, many_detections) for key in LAYER_KEYS})


def find_store_layers(project: QgsProject, store, key: str) -> List[QgsVectorLayer]:
    """The project's layers showing that layer of that store (added by this plugin)."""
    wanted = f"{store_identity(store)}|{key}"
    return [layer for layer in project.mapLayers().values() if layer.customProperty(TABLE_PROPERTY) == wanted]


def refresh_layer(store, key: str, layer) -> None:
    """Show what an import wrote: reload the rows (and the campaign categories of panoramas)."""
    layer.dataProvider().reloadData()
    layer.updateExtents()
    if key == "panoramas":
        style_layer(key, layer, store.select("campaign", order_by="id"))
    layer.triggerRepaint()


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
