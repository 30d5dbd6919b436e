"""A styled QGIS project over a store: the map a planner opens first (QGIS adapter of the demo city).

Layers, bottom to top: roads, panoramas by campaign, detections and assets by class and review status, sensors,
roadworks. Works for any store (GeoPackage or PostGIS), not just the demo.
"""
import base64
import os
import re
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
    QgsRuleBasedRenderer,
    QgsSimpleLineSymbolLayer,
    QgsSimpleMarkerSymbolLayer,
    QgsSimpleMarkerSymbolLayerBase,
    QgsSvgMarkerSymbolLayer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..core.definitions import STORE_CRS as CRS
from ..store import open_store
from ..toolbelt.i18n import tr
from ..toolbelt.paths import resources_folder

# QGIS expressions only know the searched CASE form (CASE WHEN … THEN …), not CASE "field" WHEN …
STATUS_COLOUR = ("CASE WHEN \"status\" = 'accepted' THEN '#1a9641' WHEN \"status\" = 'rejected' THEN '#d7191c' "
                 "WHEN \"status\" = 'relabeled' THEN '#2b83ba' ELSE '#8c8c8c' END")  # detections: review status
LIFECYCLE_COLOUR = ("CASE WHEN \"lifecycle_status\" = 'planned' THEN '#2b83ba' WHEN \"lifecycle_status\" = "
                    "'removed' THEN '#7a7a7a' WHEN \"lifecycle_status\" = 'withdrawn' THEN '#d7191c' "
                    "ELSE '#1a9641' END")  # assets: existing green
STREET_SCALE = 5000  # sign symbols below 1:5000, compact class markers above
CLASS_COLOURS = {"sign": "#e4032e", "marking": "#4d4d4d", "light": "#f6a800"}  # compact markers, zoomed out
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


# ---------------------------------------------------------------------------- detections and assets
def symbol_svg_path(asset_class: str, code=None, value=None, exact: bool = False):
    """resources/icons/vzkat/ file of a VzKat key: ``sign_<code>[_<value>]``, ``marking_<code>``, ``light``;
    else (unless ``exact``) the family (1xx warning, 2xx regulatory, 3xx information) or the generic one."""
    folder = resources_folder() / "icons" / "vzkat"
    asset_class = asset_class or "sign"
    if asset_class == "light":
        names = ["light"]
    elif asset_class == "marking":
        names = ([f"marking_{code}"] if code else []) + ([] if exact else ["marking"])
    else:
        names = ([f"sign_{code}_{value}"] if code and value else []) + ([f"sign_{code}"] if code else [])
        if not exact:
            head = (code or "").split(".")[0]
            family = {"1": "sign_warning", "2": "sign_regulatory", "3": "sign_information"}.get(head[:1])
            names += [n for n in (family if head.isdigit() else None, "sign") if n]
    for name in names:
        path = folder / f"{name}.svg"
        if path.is_file():
            return str(path)
    return None


def _quoted(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _key_filter(asset_class, code, value) -> str:
    parts = [f'"asset_class" = {_quoted(asset_class)}']
    parts.append(f'"vzkat_code" = {_quoted(code)}' if code is not None else '"vzkat_code" IS NULL')
    if value is not None:
        parts.append(f'"vzkat_value" = {_quoted(value)}')
    return " AND ".join(parts)


def _svg_symbol(svg_path: str, size: float, ring_expression: str) -> QgsMarkerSymbol:
    """The sign symbol (embedded, so the project does not depend on where the plugin lives) on a ring whose
    colour tells the status."""
    ring = QgsSimpleMarkerSymbolLayer(QgsSimpleMarkerSymbolLayerBase.Shape.Circle, size * 1.28)
    ring.setStrokeStyle(Qt.PenStyle.NoPen)
    ring.setDataDefinedProperty(QgsSymbolLayer.Property.PropertyFillColor, QgsProperty.fromExpression(ring_expression))
    data = base64.b64encode(Path(svg_path).read_bytes()).decode("ascii")
    svg = QgsSvgMarkerSymbolLayer("base64:" + data, size)
    symbol = QgsMarkerSymbol()  # layers handed over one by one: the list constructor does not take ownership
    symbol.changeSymbolLayer(0, ring)
    symbol.appendSymbolLayer(svg)
    return symbol


_GENERIC_SYMBOLS = {"sign", "marking", "light", "sign_warning", "sign_regulatory", "sign_information"}


def _class_keys():
    """(asset_class, code, value, label) of every symbol file with a key of its own, from the file names
    (``sign_274_30.svg``) and their <title> (the VzKat number and German name)."""
    keys = []
    for path in sorted((resources_folder() / "icons" / "vzkat").glob("*.svg")):
        if path.stem in _GENERIC_SYMBOLS:
            continue
        asset_class, _, rest = path.stem.partition("_")
        code, _, value = rest.partition("_")
        title = re.search(r"<title>([^<]*)</title>", path.read_text(encoding="utf-8"))
        keys.append((asset_class, code, value or None, title.group(1) if title else path.stem))
    return keys


def _style_by_class(layer, size: float, ring_expression: str, overview_size: float, overview_status: bool) -> None:
    """Rule-based: compact markers by class above STREET_SCALE, VzKat symbols on a status ring below.

    ``overview_status`` fills the compact markers with the status colour too; that costs an expression per
    feature (seconds for a whole city's 250,000 detections), so layers with many features keep class colours.
    """
    names = {"sign": tr("Traffic sign"), "marking": tr("Road marking"), "light": tr("Traffic light")}
    shapes = {"sign": "circle", "marking": "square", "light": "triangle"}
    root = QgsRuleBasedRenderer.Rule(None)
    overview = QgsRuleBasedRenderer.Rule(None, 0, STREET_SCALE, "", tr("Overview"))
    overview.setMinimumScale(0)
    overview.setMaximumScale(STREET_SCALE)
    for asset_class in ("marking", "light", "sign"):  # signs last, as the else rule: no filter to evaluate
        marker = _marker(CLASS_COLOURS[asset_class], overview_size, shapes[asset_class], stroke="#ffffff")
        marker.symbolLayer(0).setStrokeWidth(0.15)
        if overview_status:
            marker.symbolLayer(0).setDataDefinedProperty(QgsSymbolLayer.Property.PropertyFillColor,
                                                         QgsProperty.fromExpression(ring_expression))
        is_else = asset_class == "sign"
        rule = QgsRuleBasedRenderer.Rule(marker, 0, 0, "" if is_else else f'"asset_class" = {_quoted(asset_class)}',
                                         names[asset_class])
        if is_else:  # QGIS 3.22's setIsElse(False) overwrites the filter with "ELSE": call it only to set
            rule.setIsElse(True)
        overview.appendChild(rule)
    # QGIS walks the children of rules that are out of scale for every feature: this cheap filter stops it at
    # the street rule (without it a city's assets take seconds to draw zoomed out). Renders without a map scope
    # (no @map_scale) fall back to the scale range alone.
    street = QgsRuleBasedRenderer.Rule(None, 0, 0, f"coalesce(@map_scale, 0) <= {STREET_SCALE}", tr("Street level"))
    street.setMinimumScale(STREET_SCALE)
    street.setMaximumScale(0)
    by_class = {}
    for asset_class in CLASS_COLOURS:
        by_class[asset_class] = QgsRuleBasedRenderer.Rule(None, 0, 0, f'"asset_class" = {_quoted(asset_class)}',
                                                          names[asset_class])
        street.appendChild(by_class[asset_class])
    for asset_class, code, value, label in _class_keys():
        if asset_class == "light":
            continue  # one symbol for the whole class below
        by_class[asset_class].appendChild(QgsRuleBasedRenderer.Rule(
            _svg_symbol(symbol_svg_path(asset_class, code, value, exact=True), size, ring_expression), 0, 0,
            _key_filter(asset_class, code, value), label))
    fallbacks = {"sign": ((tr("Danger sign"), "1", "sign_warning"), (tr("Regulatory sign"), "2", "sign_regulatory"),
                          (tr("Information sign"), "3", "sign_information"))}
    for asset_class, rule in by_class.items():
        if asset_class == "light":
            rule.setSymbol(_svg_symbol(symbol_svg_path("light"), size, ring_expression))
            continue
        other = QgsRuleBasedRenderer.Rule(None, 0, 0, "", tr("Other"))
        other.setIsElse(True)
        for label, digit, name in fallbacks.get(asset_class, ()):
            path = str(resources_folder() / "icons" / "vzkat" / f"{name}.svg")
            other.appendChild(QgsRuleBasedRenderer.Rule(_svg_symbol(path, size, ring_expression), 0, 0,
                                                        f'left("vzkat_code", 1) = {_quoted(digit)}', label))
        generic = QgsRuleBasedRenderer.Rule(_svg_symbol(symbol_svg_path(asset_class), size, ring_expression),
                                            0, 0, "", tr("Other"))
        generic.setIsElse(True)
        other.appendChild(generic)
        rule.appendChild(other)
    root.appendChild(overview)
    root.appendChild(street)
    layer.setRenderer(QgsRuleBasedRenderer(root))


def style_detections(layer) -> None:
    """Detections: VzKat symbols on a ring in the review status's colour (new grey, accepted green, rejected
    red, relabeled blue); small class markers filled with that colour when zoomed out."""
    _style_by_class(layer, 4.2, STATUS_COLOUR, 1.3, overview_status=True)


def style_assets(layer) -> None:
    """Assets: larger VzKat symbols on a ring in the lifecycle colour (existing green, planned blue, removed grey,
    withdrawn red); class-coloured markers when zoomed out (a whole city's assets draw in a fraction of a second)."""
    _style_by_class(layer, 6.0, LIFECYCLE_COLOUR, 2.0, overview_status=False)


def style_review_layers(detections, assets, many_detections: bool = False) -> None:
    """Both review layers; ``many_detections`` (a whole city: 250,000) draws detections from street level on,
    where they get their symbols, and leaves the overview to the assets."""
    style_detections(detections)
    style_assets(assets)
    if many_detections:
        detections.setScaleBasedVisibility(True)
        detections.setMinimumScale(STREET_SCALE)


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


# ---------------------------------------------------------------------------- detours
DETOUR_COLOUR = "#1a9641"
DETOUR_QUERY = ("SELECT id, title, status, GeomFromText(detour, 25832) AS geometry FROM rw WHERE detour IS NOT NULL "
                "AND detour <> '' AND status NOT IN ('completed', 'cancelled')")


def detour_layer(store, name: str) -> QgsVectorLayer:
    """The chosen detours (``roadworks.detour``, WKT) of works still to come or running, as a line layer.

    A virtual layer over the store's roadworks table: a detour saved later ("Save detour") shows up too.
    """
    from qgis.core import QgsVirtualLayerDefinition, QgsWkbTypes

    provider, uri = store.layer_uri("roadworks")
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


def style_detours(layer) -> None:
    """A dashed green route on a white casing with arrows along the way, labelled with the site it avoids."""
    from qgis.core import QgsMarkerLineSymbolLayer, QgsSingleSymbolRenderer

    symbol = QgsLineSymbol.createSimple({"color": "#ffffff", "width": "2.6", "capstyle": "round",
                                         "joinstyle": "round"})
    symbol.appendSymbolLayer(QgsSimpleLineSymbolLayer.create(
        {"color": DETOUR_COLOUR, "width": "1.5", "line_style": "dash", "capstyle": "flat", "joinstyle": "round"}))
    arrows = QgsMarkerLineSymbolLayer.create({"interval": "18", "placement": "interval", "rotate": "1"})
    arrows.setSubSymbol(QgsMarkerSymbol.createSimple({"name": "filled_arrowhead", "color": DETOUR_COLOUR,
                                                      "size": "3.2", "outline_color": "#ffffff",
                                                      "outline_width": "0.2"}))
    symbol.appendSymbolLayer(arrows)
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    _labels(layer, "title", 8.0, line=True)
    settings = layer.labeling().settings()
    settings.fieldName = "'" + tr("Detour").replace("'", "''") + ": ' || \"title\""
    settings.isExpression = True
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


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
        detours = detour_layer(store, tr("Detour"))
    _style_roads(roads)
    _style_panoramas(panoramas, campaigns)
    style_review_layers(detections, assets, many_detections=size == "city")
    _style_sensors(sensors)
    _style_roadworks(roadworks, polygon=False)
    _style_roadworks(roadworks_areas, polygon=True)
    style_detours(detours)
    for layer in (roads, detections, panoramas, assets, roadworks_areas, detours, roadworks, sensors):
        project.addMapLayer(layer)
    for layer in (roads, detections, panoramas, assets, roadworks_areas):
        project.layerTreeRoot().findLayer(layer.id()).setExpanded(False)  # a short legend on first sight
    extent = QgsRectangle(roads.extent())
    extent.scale(1.05)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
    # The plugin finds its store through this entry; relative, so the folder can be moved or shared.
    project.writeEntry("herzlich_digital", "store",
                       os.path.relpath(Path(store_path).resolve(), project_path.resolve().parent))
    if not project.write(str(project_path)):
        raise OSError(tr("The project could not be written to {path}").format(path=project_path))
    return project_path
