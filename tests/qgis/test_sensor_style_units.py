"""Colour classes respect units and German property names (#17): 1,000 Kfz/h is 250 Kfz/15 min."""
import pytest
from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsFeature

from herzlich_digital_plugin.sensors.connections import SensorConnection
from herzlich_digital_plugin.sensors.layer_fields import FIELD_NAMES, create_layer
from herzlich_digital_plugin.sensors.layer_style import VALUE_CLASSES, class_of, property_label


def _colour_of(layer, prop, value, unit):
    """The colour of the one fresh-value rule the feature falls into (None: 'other values')."""
    feature = QgsFeature(layer.fields())
    attributes = dict.fromkeys(FIELD_NAMES)
    attributes.update(observed_property=prop, value=value, unit=unit, status="fresh", alert=0)
    for name, item in attributes.items():
        feature.setAttribute(name, item)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    fresh = layer.renderer().embeddedRenderer().rootRule().children()[0]
    matches = []
    for group in fresh.children():
        for rule in group.children() or [group]:
            expression = QgsExpression(rule.filterExpression())
            result = expression.evaluate(context)
            assert not expression.hasEvalError(), expression.evalErrorString()
            if result:
                matches.append(rule.symbol().symbolLayer(1).color().name() if group.children() else None)
    assert len(matches) == 1, matches
    return matches[0]


@pytest.mark.parametrize("prop, value, unit, colour", [
    ("traffic_volume", 250.0, "veh/15min", "#f46d2d"),
    ("Verkehrsstärke", 1000.0, "Kfz/h", "#f46d2d"),  # 250 per 15 minutes, not "300 and more"
    ("Verkehrsstärke", 1000.0, "Kfz/15 min", "#c2181d"),
    ("traffic_volume", 100.0, "Kfz/5 min", "#c2181d"),  # 300 per 15 minutes
    ("Geschwindigkeit", 12.0, "km/h", "#d7191c"),
    ("Speed", 5.0, "m/s", "#fd9a44"),  # 18 km/h
    ("Belegung", 95.0, "%", "#d7191c"),
    ("Lufttemperatur", 4.0, "°C", None),
])
def test_colour_classes_convert_units_and_know_german_names(prop, value, unit, colour):
    layer = create_layer(SensorConnection("t", "http://127.0.0.1:1/v1.1"))
    assert _colour_of(layer, prop, value, unit) == colour
    python = class_of(prop, value, unit)
    assert (python[2] if python else None) == colour
    assert set(VALUE_CLASSES) == {"traffic_volume", "speed", "occupancy"}


def test_property_labels_for_german_names():
    assert property_label("Geschwindigkeit") == property_label("speed")
    assert property_label("Verkehrsstärke") == property_label("traffic_volume")
    assert property_label("Pegel") == "Pegel"
