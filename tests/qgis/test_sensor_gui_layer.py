"""The live sensor layer against the strict SensorThings server over HTTP (QGIS network stack, QgsTask):
one feature per datastream with the right values, in-place updates of only what changed, added and vanished
datastreams, and MultiDatastream components."""
import math
from datetime import timedelta

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsSettings, QgsWkbTypes

from herzlich_digital_plugin.democity.sensors import STATIONS, STREAMS, station_position
from herzlich_digital_plugin.sensors.layer_style import display_unit, format_value
from herzlich_digital_plugin.sensors.live_layer import AGE_FIELD, FIELD_NAMES, key_text
from sensor_gui_helpers import Messages, features_by_key, live_layer, now_utc, refresh_and_wait, strict_server
from sta_fixtures import expected_latest


@pytest.fixture()
def sta():
    server = strict_server()
    yield server
    server.stop()


def _key(sta, stream_key):
    return key_text(("Datastreams", str(sta.stream_ids[stream_key]), -1))


class EditCounter:
    """Feature ids the layer reports through its own signals while a refresh writes."""

    def __init__(self, layer):
        self.attributes, self.geometries, self.added, self.deleted = set(), set(), [], []
        layer.attributeValueChanged.connect(lambda fid, index, value: self.attributes.add(fid))
        layer.geometryChanged.connect(lambda fid, geometry: self.geometries.add(fid))
        layer.committedFeaturesAdded.connect(lambda layer_id, features: self.added.extend(features))
        layer.committedFeaturesRemoved.connect(lambda layer_id, fids: self.deleted.extend(fids))


def test_one_feature_per_datastream_with_the_latest_values(qtbot, sta):
    messages = Messages()
    with live_layer(sta.url, messages) as (layer, controller):
        snapshot = refresh_and_wait(qtbot, controller)
        assert layer.crs() == QgsCoordinateReferenceSystem("EPSG:25832")
        assert QgsWkbTypes.flatType(layer.wkbType()) == QgsWkbTypes.Type.Point
        names = [f.name() for f in layer.fields()]
        assert set(FIELD_NAMES[:8]) | {AGE_FIELD} <= set(names)
        assert layer.featureCount() == len(STREAMS) == len(snapshot.rows)
        features = features_by_key(layer)
        stations = {s.key: s for s in STATIONS}
        now = now_utc()
        for stream in STREAMS:
            feature = features[_key(sta, stream.key)]
            when, value = expected_latest(stream, sta.seeded_until)
            assert feature["value"] == value and feature["unit"] == stream.unit
            assert feature["thing"] == stations[stream.station].name and feature["datastream"] == stream.name
            assert feature["observed_property"] == stream.observed_property
            assert feature["time"].toMSecsSinceEpoch() == int(when.timestamp() * 1000)
            assert feature["status"] == "fresh" and feature["alert"] == 0
            assert abs(feature[AGE_FIELD] - (now - when).total_seconds()) < 5  # computed when read
            x, y = station_position(stations[stream.station])
            point = feature.geometry().asPoint()
            assert math.hypot(point.x() - x, point.y() - y) < 0.05
            assert feature["label"] == format_value(value, stream.unit) and display_unit(stream.unit) in feature["label"]
        assert messages.items == []  # a good refresh says nothing
        assert controller.delay_s == 60 and controller.refreshes == 1


def test_a_refresh_writes_only_what_changed(qtbot, sta):
    with live_layer(sta.url) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        fids = {f["key"]: f.id() for f in layer.getFeatures()}
        counter = EditCounter(layer)
        refresh_and_wait(qtbot, controller)  # nothing new on the server
        assert (counter.attributes, counter.geometries, counter.added, counter.deleted) == (set(), set(), [], [])

        later = (sta.seeded_until + timedelta(minutes=15)).timestamp()
        changed = ["nt_west_v", "ph_rathaus_occ"]
        for stream_key in changed:
            sta.add_observations(sta.stream_ids[stream_key], [later], [42.0])
        refresh_and_wait(qtbot, controller)
        assert counter.attributes == {fids[_key(sta, k)] for k in changed}
        assert counter.geometries == set() and counter.added == [] and counter.deleted == []
        features = features_by_key(layer)
        for stream_key in changed:
            assert features[_key(sta, stream_key)]["value"] == 42.0
        assert {f.id() for f in layer.getFeatures()} == set(fids.values())  # same features, updated in place


def test_new_and_vanished_datastreams_are_added_and_removed(qtbot, sta):
    with live_layer(sta.url) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        counter = EditCounter(layer)
        thing = next(iter(sta.entities["Things"]))
        new_id = sta.add_datastream(thing, "Neuer Zähler", "traffic_volume", "veh/15min")
        sta.add_observations(new_id, [now_utc().timestamp() - 60], [17.0])
        gone = sta.stream_ids["umwelt_no2"]
        _remove_datastream(sta, gone)
        refresh_and_wait(qtbot, controller)
        assert [f["datastream"] for f in counter.added] == ["Neuer Zähler"]
        assert len(counter.deleted) == 1 and counter.attributes == set()
        keys = set(features_by_key(layer))
        assert key_text(("Datastreams", str(new_id), -1)) in keys
        assert key_text(("Datastreams", str(gone), -1)) not in keys
        assert layer.featureCount() == len(STREAMS)


def test_moved_thing_changes_only_geometries(qtbot, sta):
    with live_layer(sta.url) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        counter = EditCounter(layer)
        thing_id = sta.entities["Datastreams"][sta.stream_ids["radar_v"]]["thing"]
        location = sta.entities["Locations"][sta.entities["Things"][thing_id]["locations"][0]]
        location["location"]["coordinates"][0] += 0.001
        refresh_and_wait(qtbot, controller)
        moved = {f.id() for f in layer.getFeatures() if f["thing"] == "Radar Burgstraße/Maxstraße"}
        assert len(moved) == 2 and counter.geometries == moved and counter.attributes == set()


def test_multidatastream_components_are_features(qtbot, sta):
    thing = next(iter(sta.entities["Things"]))
    multi = sta.add_multidatastream(thing, "Wetter", [("air_temperature", "degC"), ("no2", "ug/m3")])
    sta.add_observations(multi, [now_utc().timestamp() - 30], [[11.5, 23.0]], collection="MultiDatastreams")
    with live_layer(sta.url) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        features = features_by_key(layer)
        assert layer.featureCount() == len(STREAMS) + 2
        first = features[key_text(("MultiDatastreams", str(multi), 0))]
        second = features[key_text(("MultiDatastreams", str(multi), 1))]
        assert (first["value"], first["unit"], second["value"], second["unit"]) == (11.5, "degC", 23.0, "ug/m3")


def test_observed_property_filter_keeps_only_that_property(qtbot, sta):
    with live_layer(sta.url, observed_property="speed") as (layer, controller):
        refresh_and_wait(qtbot, controller)
        assert {f["observed_property"] for f in layer.getFeatures()} == {"speed"}
        assert layer.featureCount() == sum(s.observed_property == "speed" for s in STREAMS)


def _remove_datastream(sta, datastream_id):
    entity = sta.entities["Datastreams"].pop(datastream_id)
    sta.entities["Things"][entity["thing"]]["datastreams"].remove(datastream_id)
    sta.entities["ObservedProperties"][entity["observed_property"]]["datastreams"].remove(datastream_id)
    sta.entities["Sensors"][entity["sensor"]]["datastreams"].remove(datastream_id)


def test_values_carry_units_as_people_write_them():
    assert format_value(4.66, "degC") == "4.7 °C" and format_value(15.61, "ug/m3") == "15.6 µg/m³"
    assert format_value(412.0, "veh/15min") == "412 veh/15min" and format_value(None, "km/h") == "–"
    assert display_unit("Pa") == "Pa"  # unknown symbols stay as the server sent them


def test_values_are_written_as_the_interface_language_writes_numbers():
    settings = QgsSettings()
    saved = (settings.value("locale/userLocale"), settings.value("locale/overrideFlag"))
    try:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "de")
        assert format_value(4.66, "degC") == "4,7 °C" and format_value(73.8, "%") == "73,8 %"
        assert format_value(1250.0, "veh/h") == "1.250 veh/h"
        settings.setValue("locale/userLocale", "en")
        assert format_value(4.66, "degC") == "4.7 °C" and format_value(1250.0, "veh/h") == "1,250 veh/h"
    finally:
        settings.setValue("locale/userLocale", saved[0] or "")
        settings.setValue("locale/overrideFlag", saved[1] or False)
