"""The report's map layers: roads, the site, conflicting works, the detour, affected assets and sensors, as
styled memory layers in EPSG:25832 (their names are the legend's German entries)."""
from typing import List, Optional

from qgis.core import (QgsCategorizedSymbolRenderer, QgsFeature, QgsField, QgsGeometry, QgsLineSymbol,
                       QgsMarkerSymbol, QgsRendererCategory, QgsSingleSymbolRenderer, QgsVectorLayer)


from ..core.definitions import STORE_CRS as CRS
from ..toolbelt.field_types import field_type
from .report_language import tr


def _memory(kind: str, name: str, fields=()) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{kind}?crs={CRS}", name, "memory")
    if fields:
        layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
        layer.updateFields()
    return layer


def _add(layer: QgsVectorLayer, geoms_and_attrs) -> QgsVectorLayer:
    features = []
    for geom, attrs in geoms_and_attrs:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(geom.wkt))
        if attrs:
            feature.setAttributes(list(attrs))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def site_layer(geom) -> QgsVectorLayer:
    area = geom.geom_type in ("Polygon", "MultiPolygon")
    layer = _add(_memory("MultiPolygon" if area else "MultiLineString", tr("Construction site")), [(geom, ())])
    if area:
        from qgis.core import QgsFillSymbol
        symbol = QgsFillSymbol.createSimple({"color": "227,26,28,110", "outline_color": "227,26,28",
                                             "outline_width": "0.8"})
    else:
        symbol = QgsLineSymbol.createSimple({"color": "227,26,28", "width": "2.2", "capstyle": "flat"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def works_layer(geoms) -> Optional[QgsVectorLayer]:
    geoms = [g for g in geoms if g is not None]
    if not geoms:
        return None
    layer = _add(_memory("MultiLineString", tr("Conflicting works")),
                 [(g if g.geom_type not in ("Polygon", "MultiPolygon") else g.boundary, ()) for g in geoms])
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(
        {"color": "253,141,60", "width": "1.6", "line_style": "dash"})))
    return layer


DETOUR_COLOURS = ("33,113,181", "136,65,157")  # first direction blue, the other purple


def detour_layer(line, title: Optional[str] = None, colour: str = DETOUR_COLOURS[0]) -> Optional[QgsVectorLayer]:
    if line is None:
        return None
    layer = _add(_memory("LineString", title or tr("Detour")), [(line, ())])
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple(
        {"color": colour, "width": "1.2", "line_style": "dash"})))
    return layer


def detour_layers(detour) -> List[QgsVectorLayer]:
    """A line, or [(title, line)] per direction: one layer each (a legend entry per direction)."""
    if detour is None:
        return []
    if not isinstance(detour, (list, tuple)):
        return [detour_layer(detour)]
    return [detour_layer(line, title, DETOUR_COLOURS[i % len(DETOUR_COLOURS)])
            for i, (title, line) in enumerate(detour) if line is not None]


def roads_style(layer: QgsVectorLayer) -> QgsVectorLayer:
    layer.setRenderer(QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": "150,150,150", "width": "0.8"})))
    layer.setName(tr("Roads"))
    return layer


def assets_layer(assets) -> Optional[QgsVectorLayer]:
    from shapely.geometry import Point
    if not assets:
        return None
    layer = _memory("Point", tr("Affected assets"), [("kind", field_type("String"))])
    _add(layer, [(Point(a.x, a.y), [f"{a.asset_class}{'' if a.verified else '_unverified'}"]) for a in assets])
    styles = (
        ("sign", tr("Sign"), {"name": "triangle", "color": "255,255,255", "outline_color": "200,0,0", "size": "3.2",
                              "outline_width": "0.6"}),
        ("sign_unverified", tr("Sign (detected, unverified)"),
         {"name": "triangle", "color": "255,255,255,0", "outline_color": "200,0,0", "size": "3.2",
          "outline_width": "0.4", "outline_style": "dot"}),
        ("light", tr("Traffic light"), {"name": "circle", "color": "255,204,0", "outline_color": "60,60,60",
                                        "size": "3.0"}),
        ("light_unverified", tr("Traffic light (detected, unverified)"),
         {"name": "circle", "color": "255,204,0,0", "outline_color": "60,60,60", "size": "3.0",
          "outline_style": "dot"}),
        ("marking", tr("Marking"), {"name": "square", "color": "255,255,255", "outline_color": "80,80,80",
                                    "size": "2.2"}),
        ("marking_unverified", tr("Marking (detected, unverified)"),
         {"name": "square", "color": "255,255,255,0", "outline_color": "80,80,80", "size": "2.2",
          "outline_style": "dot"}),
    )
    present = {a.asset_class + ("" if a.verified else "_unverified") for a in assets}
    categories = [QgsRendererCategory(value, QgsMarkerSymbol.createSimple(props), label)
                  for value, label, props in styles if value in present]
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))
    return layer


def sensors_layer(sensors) -> Optional[QgsVectorLayer]:
    from shapely.geometry import Point
    stations = {}
    for s in sensors:
        stations.setdefault((round(s.x, 1), round(s.y, 1)), s)
    if not stations:
        return None
    layer = _add(_memory("Point", tr("Sensors")), [(Point(s.x, s.y), ()) for s in stations.values()])
    layer.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "diamond", "color": "49,163,84", "outline_color": "0,68,27", "size": "3.4"})))
    return layer


def map_layers(site_geom, roads=None, detour=None, conflicts=(), assets=(), sensors=()) -> List[QgsVectorLayer]:
    """Top to bottom, as the map draws them."""
    layers = [sensors_layer(sensors), assets_layer(assets), *detour_layers(detour), site_layer(site_geom),
              works_layer(conflicts), roads_style(roads) if roads is not None else None]
    return [layer for layer in layers if layer is not None]
