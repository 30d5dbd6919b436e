"""A styled QGIS project over a store: the map a planner opens first (QGIS adapter of the demo city).

Layers, bottom to top: roads, panoramas by campaign, detections and assets by class and review status, sensors,
roadworks. Works for any store (GeoPackage or PostGIS), not just the demo.
"""
import os
from pathlib import Path

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProject,
    QgsProperty,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsRendererCategory,
    QgsSimpleLineSymbolLayer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from ..store import open_store
from ..toolbelt.i18n import tr

CRS = "EPSG:25832"
STATUS_COLOUR = ("CASE \"status\" WHEN 'accepted' THEN '#1a9641' WHEN 'rejected' THEN '#d7191c' "
                 "WHEN 'corrected' THEN '#2b83ba' ELSE '#303030' END")
CLASS_COLOURS = {"sign": "#e4032e", "marking": "#d9d9d9", "light": "#f6c800"}
ROAD_STYLES = {"primary": ("#f7c873", 1.8), "secondary": ("#fbe3a4", 1.3), "residential": ("#ffffff", 0.9)}
SENSOR_STYLES = {"traffic_counter": ("#1f78b4", "diamond"), "radar": ("#6a3d9a", "triangle"),
                 "parking": ("#33a02c", "square"), "environment": ("#b15928", "circle")}
ROADWORKS_COLOURS = {"planned": "#ff7f00", "approved": "#fdbf6f", "active": "#e31a1c", "completed": "#999999",
                     "cancelled": "#cccccc"}


def _layer(store, table: str, name: str, **uri_options) -> QgsVectorLayer:
    provider, uri = store.layer_uri(table, **uri_options)
    layer = QgsVectorLayer(uri, name, provider)
    if not layer.isValid():
        raise ValueError(tr("The layer {table} could not be opened from {uri}").format(table=table, uri=uri))
    return layer


def _categorized(layer, field: str, categories) -> None:
    renderer = QgsCategorizedSymbolRenderer(field, [QgsRendererCategory(value, symbol, label)
                                                    for value, symbol, label in categories])
    layer.setRenderer(renderer)


def _marker(colour: str, size: float, shape: str = "circle", stroke: str = "#303030") -> QgsMarkerSymbol:
    return QgsMarkerSymbol.createSimple({"name": shape, "color": colour, "size": str(size), "outline_color": stroke,
                                         "outline_width": "0.3"})


def _labels(layer, field: str, size: float = 8.0, line: bool = False) -> None:
    text = QgsTextFormat()
    text.setFont(QFont("Sans", 8))
    text.setSize(size)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    text.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.setFormat(text)
    if line:
        settings.placement = QgsPalLayerSettings.Placement.Curved
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _style_roads(layer) -> None:
    categories = []
    for road_class, (colour, width) in ROAD_STYLES.items():
        symbol = QgsLineSymbol.createSimple({"color": "#9a9a9a", "width": str(width + 0.5), "capstyle": "round"})
        symbol.appendSymbolLayer(QgsSimpleLineSymbolLayer.create(
            {"color": colour, "width": str(width), "capstyle": "round"}))
        categories.append((road_class, symbol, {"primary": tr("Main road"), "secondary": tr("Secondary road"),
                                                "residential": tr("Residential street")}[road_class]))
    _categorized(layer, "road_class", categories)
    _labels(layer, "name", 8.5, line=True)


def _style_panoramas(layer, campaigns) -> None:
    colours = ["#2b83ba", "#fdae61", "#abdda4", "#d7191c"]
    categories = [(campaign["id"], _marker(colours[i % len(colours)], 1.2, stroke="#ffffff"), campaign["name"])
                  for i, campaign in enumerate(campaigns)]
    _categorized(layer, "campaign_id", categories)
    layer.setOpacity(0.8)


def _style_by_class(layer, size: float) -> None:
    names = {"sign": tr("Traffic sign"), "marking": tr("Road marking"), "light": tr("Traffic light")}
    shapes = {"sign": "circle", "marking": "square", "light": "triangle"}
    categories = []
    for asset_class, colour in CLASS_COLOURS.items():
        symbol = _marker(colour, size, shapes[asset_class])
        symbol.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.Property.PropertyStrokeColor,
                                                     QgsProperty.fromExpression(STATUS_COLOUR))
        symbol.symbolLayer(0).setStrokeWidth(0.35)
        categories.append((asset_class, symbol, names[asset_class]))
    _categorized(layer, "asset_class", categories)


def _style_sensors(layer) -> None:
    names = {"traffic_counter": tr("Traffic counter"), "radar": tr("Radar"), "parking": tr("Parking"),
             "environment": tr("Environment")}
    _categorized(layer, "kind", [(kind, _marker(colour, 4.0, shape, "#ffffff"), names[kind])
                                 for kind, (colour, shape) in SENSOR_STYLES.items()])
    _labels(layer, "name", 8.0)


def _roadworks_symbol(colour: str, polygon: bool):
    """Red-white barrier look: a coloured band with a white dashed core (and a light fill for areas)."""
    band = QgsLineSymbol.createSimple({"color": colour, "width": "2.6", "capstyle": "flat"})
    band.appendSymbolLayer(QgsSimpleLineSymbolLayer.create(
        {"color": "#ffffff", "width": "1.2", "line_style": "dash", "capstyle": "flat"}))
    if not polygon:
        return band
    return QgsFillSymbol.createSimple({"color": colour + "55", "outline_color": colour, "outline_width": "1.0",
                                       "outline_style": "dash"})


def _style_roadworks(layer, polygon: bool) -> None:
    names = {"planned": tr("planned"), "approved": tr("approved"), "active": tr("active"),
             "completed": tr("completed"), "cancelled": tr("cancelled")}
    _categorized(layer, "status", [(status, _roadworks_symbol(colour, polygon), names[status])
                                   for status, colour in ROADWORKS_COLOURS.items()])
    _labels(layer, "title", 8.0, line=False)


def write_demo_project(store_path, project_path, size: str = "demo") -> Path:
    """Write a .qgz with the store's layers styled; returns its path."""
    project_path = Path(project_path)
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(CRS))
    project.setTitle(tr("Herzlich Digital – Kaiserslautern ({size})").format(size=size))
    with open_store(str(store_path), create=False) as store:
        campaigns = store.select("campaign", order_by="id")
        roads = _layer(store, "road", tr("Roads"))
        panoramas = _layer(store, "panorama", tr("Panoramas"))
        detections = _layer(store, "detection", tr("Detections"))
        assets = _layer(store, "asset", tr("Assets"))
        sensors = _layer(store, "sensor_station", tr("Sensors"))
        roadworks = _layer(store, "roadworks", tr("Roadworks"), geometry_type="LineString")
        roadworks_areas = _layer(store, "roadworks", tr("Roadworks (areas)"), geometry_type="Polygon")
    _style_roads(roads)
    _style_panoramas(panoramas, campaigns)
    _style_by_class(detections, 1.3)
    _style_by_class(assets, 3.0)
    _style_sensors(sensors)
    _style_roadworks(roadworks, polygon=False)
    _style_roadworks(roadworks_areas, polygon=True)
    for layer in (roads, detections, panoramas, assets, roadworks_areas, roadworks, sensors):
        project.addMapLayer(layer)
    for layer in (roads, detections, panoramas, assets, roadworks_areas):
        project.layerTreeRoot().findLayer(layer.id()).setExpanded(False)  # a short legend on first sight
    if size == "city":  # 250,000 detections: only from street level
        detections.setScaleBasedVisibility(True)
        detections.setMinimumScale(5000)
    extent = QgsRectangle(roads.extent())
    extent.scale(1.05)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
    # The plugin finds its store through this entry; relative, so the folder can be moved or shared.
    project.writeEntry("herzlich_digital", "store",
                       os.path.relpath(Path(store_path).resolve(), project_path.resolve().parent))
    if not project.write(str(project_path)):
        raise OSError(tr("The project could not be written to {path}").format(path=project_path))
    return project_path
