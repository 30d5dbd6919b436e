"""The live sensor layer's look: value classes for traffic volume, speed and occupancy, grey for stale values,
hollow for datastreams without data, a red halo while an alert is active, and value labels.

One rule matches each feature (the classes exclude each other), so the point-displacement renderer that
spreads the datastreams of one Thing around its location draws the complete symbol. The halo is the symbol's
first layer, switched on by the ``alert`` field.
"""
from typing import List, Optional, Tuple

from qgis.core import (QgsMarkerSymbol, QgsPointDisplacementRenderer, QgsProperty, QgsRuleBasedRenderer,
                       QgsSimpleMarkerSymbolLayer, QgsSymbolLayer, QgsUnitTypes)
from qgis.PyQt.QtCore import QLocale
from qgis.PyQt.QtGui import QColor, QFont

from ..core.sensorthings.snapshot import FRESH, NO_DATA, STALE
from ..toolbelt.i18n import tr, user_locale
from .quantities import ALIASES, CLASS_UNITS, canonical_property, convert, convertible

# observed property -> [(lower bound or None, upper bound or None, colour)]; bounds: lower <= value < upper
VALUE_CLASSES = {
    "traffic_volume": [(None, 50.0, "#ffe680"), (50.0, 150.0, "#fdb84a"), (150.0, 300.0, "#f46d2d"),
                       (300.0, None, "#c2181d")],
    "speed": [(None, 15.0, "#d7191c"), (15.0, 30.0, "#fd9a44"), (30.0, 45.0, "#c5e27f"), (45.0, None, "#1a9641")],
    "occupancy": [(None, 50.0, "#1a9641"), (50.0, 75.0, "#c5e27f"), (75.0, 90.0, "#fd9a44"),
                  (90.0, None, "#d7191c")],
}
SHAPES = {"traffic_volume": "diamond", "speed": "triangle", "occupancy": "square"}
OTHER_SHAPE, OTHER_COLOUR = "circle", "#3a7dc9"
STALE_COLOUR, NO_DATA_COLOUR, ALERT_COLOUR = "#a8a8a8", "#8c8c8c", "#e3001b"
MARKER_SIZE, HALO_SIZE = 4.2, 6.4


def _names(prop: str) -> str:
    """The property's names as an SQL list for ``lower("observed_property") IN (…)``."""
    return ", ".join("'" + alias.replace("'", "''") + "'" for alias in ALIASES.get(prop, (prop,)))


PROPERTY_IS = "lower(trim(\"observed_property\")) IN ({names})"
SHAPE_EXPRESSION = ("CASE " + " ".join(f"WHEN {PROPERTY_IS.format(names=_names(p))} THEN '{s}'"
                                       for p, s in SHAPES.items()) + f" ELSE '{OTHER_SHAPE}' END")
# "value" in the unit the classes are written in (CLASS_UNITS): Kfz/h is a quarter of it per 15 min, m/s 3.6 km/h
_UNIT = "lower(trim(\"unit\"))"
SCALE_EXPRESSIONS = {
    "traffic_volume": (f"CASE WHEN regexp_match({_UNIT}, '/\\\\s*(h|std|stunde|hour)$') THEN 0.25 "
                       f"WHEN regexp_match({_UNIT}, '/\\\\s*\\\\d+\\\\s*min') THEN "
                       f"15.0 / to_real(regexp_substr({_UNIT}, '/\\\\s*(\\\\d+)\\\\s*min')) "
                       f"WHEN regexp_match({_UNIT}, '/\\\\s*min') THEN 15 ELSE 1 END"),
    "speed": f"CASE WHEN {_UNIT} IN ('m/s', 'm s-1') THEN 3.6 WHEN {_UNIT} = 'mph' THEN 1.609344 ELSE 1 END",
}


def property_label(name: str) -> str:
    """The observed property's display name (German via tr), also for its German or English synonyms;
    unknown names as the server sent them."""
    labels = {"traffic_volume": tr("Traffic volume"), "speed": tr("Speed"), "occupancy": tr("Occupancy"),
              "air_temperature": tr("Air temperature"), "no2": tr("Nitrogen dioxide (NO₂)")}
    return labels.get(canonical_property(name), name)


def status_label(status: str) -> str:
    return {FRESH: tr("fresh"), STALE: tr("stale"), NO_DATA: tr("no data")}.get(status, status)


# UCUM-style codes that SensorThings servers often send as the unit symbol, as people write them
UNIT_SYMBOLS = {"degC": "°C", "Cel": "°C", "ug/m3": "µg/m³", "ug/m^3": "µg/m³", "mg/m3": "mg/m³", "m3": "m³"}


def display_unit(unit: str) -> str:
    """``°C`` for ``degC``, ``µg/m³`` for ``ug/m3``; other units as the server sent them."""
    return UNIT_SYMBOLS.get((unit or "").strip(), (unit or "").strip())


def format_value(value: Optional[float], unit: str = "", locale: Optional[QLocale] = None) -> str:
    """``412 veh/15min``, ``48.5 km/h``, ``4.7 °C``, ``–`` without a value: the map label and the dock header.
    Numbers as the interface language writes them (German: ``4,7 °C``, ``1.250 veh/h``). For many values pass
    ``locale`` (user_locale(), read once): reading it from the settings costs about 40 µs a call."""
    if value is None or value != value:
        return "–"
    decimals = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    text = (locale or user_locale()).toString(float(value), "f", decimals)
    return f"{text} {display_unit(unit)}".strip()


def _class_filter(prop: str, lower, upper) -> str:
    parts = [PROPERTY_IS.format(names=_names(prop))]
    value = f"(\"value\" * ({SCALE_EXPRESSIONS[prop]}))" if prop in SCALE_EXPRESSIONS else "\"value\""
    if lower is not None:
        parts.append(f"{value} >= {lower:g}")
    if upper is not None:
        parts.append(f"{value} < {upper:g}")
    return " AND ".join(parts)


def _class_label(lower, upper) -> str:
    if lower is None:
        return tr("below {upper}").format(upper=f"{upper:g}")
    if upper is None:
        return tr("{lower} and more").format(lower=f"{lower:g}")
    return tr("{lower} to {upper}").format(lower=f"{lower:g}", upper=f"{upper:g}")


def _halo() -> QgsSimpleMarkerSymbolLayer:
    halo = QgsSimpleMarkerSymbolLayer.create({"name": "circle", "color": "227,0,27,90", "size": str(HALO_SIZE),
                                              "outline_color": ALERT_COLOUR, "outline_width": "0.7"})
    halo.setDataDefinedProperty(QgsSymbolLayer.Property.PropertyLayerEnabled,
                                QgsProperty.fromExpression("\"alert\" = 1"))
    return halo


def sensor_symbol(fill: str, shape: Optional[str] = None, stroke: str = "#303030", stroke_style: str = "solid",
                  stroke_width: float = 0.35) -> QgsMarkerSymbol:
    """Halo (only with an active alert) under the marker; ``shape`` None: by observed property."""
    marker = QgsSimpleMarkerSymbolLayer.create({
        "name": shape or OTHER_SHAPE, "color": fill, "size": str(MARKER_SIZE), "outline_color": stroke,
        "outline_width": str(stroke_width), "outline_style": stroke_style})
    if shape is None:
        marker.setDataDefinedProperty(QgsSymbolLayer.Property.PropertyName,
                                      QgsProperty.fromExpression(SHAPE_EXPRESSION))
    symbol = QgsMarkerSymbol()  # built layer by layer: the list constructor does not take ownership in 3.22
    symbol.changeSymbolLayer(0, _halo())
    symbol.appendSymbolLayer(marker)
    return symbol


def _rule(symbol, expression: str, label: str, children=()) -> QgsRuleBasedRenderer.Rule:
    rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label)
    for child in children:
        rule.appendChild(child)
    return rule


def value_rules() -> List[QgsRuleBasedRenderer.Rule]:
    """Fresh values: one group per classified observed property, one rule per class; then everything else."""
    groups = []
    for prop, classes in VALUE_CLASSES.items():
        children = [_rule(sensor_symbol(colour, SHAPES[prop]), _class_filter(prop, lower, upper),
                          _class_label(lower, upper)) for lower, upper, colour in classes]
        groups.append(_rule(None, "", property_label(prop), children))
    classified = ", ".join(_names(p) for p in VALUE_CLASSES)
    other = _rule(sensor_symbol(OTHER_COLOUR, OTHER_SHAPE),
                  f"lower(trim(\"observed_property\")) NOT IN ({classified}) OR \"value\" IS NULL",
                  tr("other values"))
    return groups + [other]


def sensor_renderer() -> QgsRuleBasedRenderer:
    root = QgsRuleBasedRenderer.Rule(None)
    fresh = _rule(None, f"\"status\" = '{FRESH}'", tr("Current value"), value_rules())
    stale = _rule(sensor_symbol(STALE_COLOUR, None, "#6e6e6e"), f"\"status\" = '{STALE}'",
                  tr("Stale (no new value)"))
    empty = _rule(sensor_symbol("255,255,255,160", None, NO_DATA_COLOUR, "dash", 0.6),
                  f"\"status\" = '{NO_DATA}' OR \"status\" IS NULL", tr("No data"))
    for rule in (fresh, stale, empty):
        root.appendChild(rule)
    return QgsRuleBasedRenderer(root)


def displaced(renderer, label_field: str = "label") -> QgsPointDisplacementRenderer:
    """Spread datastreams of one Thing (same location) on a ring around it, each with its value label."""
    displacement = QgsPointDisplacementRenderer(label_field)
    displacement.setEmbeddedRenderer(renderer)
    displacement.setPlacement(QgsPointDisplacementRenderer.Placement.Ring)
    displacement.setTolerance(1.0)
    displacement.setToleranceUnit(QgsUnitTypes.RenderUnit.RenderMillimeters)
    displacement.setCircleColor(QColor(90, 90, 90, 150))
    displacement.setCircleWidth(0.3)
    displacement.setCircleRadiusAddition(0.6)
    displacement.setLabelColor(QColor("#1d1d1d"))
    font = QFont("Sans")
    font.setPointSizeF(7.5)
    font.setBold(True)
    displacement.setLabelFont(font)
    displacement.setLabelDistanceFactor(0.35)
    centre = QgsMarkerSymbol.createSimple({"name": "circle", "color": "#505050", "size": "1.2",
                                           "outline_style": "no"})
    displacement.setCenterSymbol(centre)
    return displacement


def apply_style(layer) -> None:
    layer.setRenderer(displaced(sensor_renderer()))
    layer.setLabelsEnabled(False)  # the displacement renderer labels each (spread) symbol itself
    layer.triggerRepaint()


def class_of(prop: str, value: Optional[float], unit: str = "") -> Optional[Tuple]:
    """The (lower, upper, colour) class of a value (in ``unit``, converted into the class unit), None for
    unclassified properties or no value."""
    prop = canonical_property(prop)
    if value is None or prop not in VALUE_CLASSES:
        return None
    if unit:
        value = convert(value, unit, CLASS_UNITS[prop]) if convertible(unit, CLASS_UNITS[prop]) else value
    for lower, upper, colour in VALUE_CLASSES[prop]:
        if (lower is None or value >= lower) and (upper is None or value < upper):
            return lower, upper, colour
    return None
