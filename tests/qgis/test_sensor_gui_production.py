"""Live layer defects of #17: a poll never puts back an older value than MQTT brought; no exit prompt."""
from datetime import timedelta

import pytest
from qgis.core import QgsProject

from herzlich_digital_plugin.core.sensorthings import parse_observation
from herzlich_digital_plugin.sensors.connections import SensorConnection
from herzlich_digital_plugin.sensors.layer_fields import SKIP_MEMORY_CHECK, create_layer
from herzlich_digital_plugin.sensors.layer_manager import SensorLayerManager
from sensor_gui_helpers import features_by_key, live_layer, now_utc, refresh_and_wait
from sta_strict_server import StrictSta


@pytest.fixture()
def station():
    sta = StrictSta()
    thing = sta.add_thing("Kreuzung Burgstraße", (7.7695, 49.4447))
    sta.speed = sta.add_datastream(thing, "Geschwindigkeit", "speed", "km/h")
    sta.t = now_utc().replace(microsecond=0) - timedelta(minutes=10)
    sta.add_observations(sta.speed, [sta.t.timestamp()], [35.0])
    sta.start()
    yield sta
    sta.stop()


def test_a_poll_never_replaces_a_newer_mqtt_value(qtbot, station):
    with live_layer(station.url) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        key = f"Datastreams|{station.speed}|-1"
        assert features_by_key(layer)[key]["value"] == 35.0
        newer = station.t + timedelta(minutes=5)
        observation = parse_observation({"phenomenonTime": newer.strftime("%Y-%m-%dT%H:%M:%SZ"), "result": 12})
        controller._from_paho("Datastreams", station.speed, observation)  # as paho's thread hands it over
        qtbot.waitUntil(lambda: features_by_key(layer)[key]["value"] == 12.0, timeout=5000)
        refresh_and_wait(qtbot, controller)  # the server has not stored the MQTT value yet: it says 35 at t
        feature = features_by_key(layer)[key]
        assert feature["value"] == 12.0 and feature["time"].toMSecsSinceEpoch() == int(newer.timestamp() * 1000)
        assert feature["status"] == "fresh"
        later = newer + timedelta(minutes=1)
        station.add_observations(station.speed, [later.timestamp()], [40.0])  # a newer poll value does win
        refresh_and_wait(qtbot, controller)
        assert features_by_key(layer)[key]["value"] == 40.0


def test_a_live_layer_asks_nothing_on_exit_also_after_the_project_was_opened_again(qtbot, station, tmp_path):
    connection = SensorConnection("Stadtsensoren", station.url, interval_s=90)
    assert create_layer(connection).customProperty(SKIP_MEMORY_CHECK) == 1
    project = QgsProject.instance()
    manager = SensorLayerManager(project)
    try:
        layer = manager.add_layer(connection)
        layer.removeCustomProperty(SKIP_MEMORY_CHECK)  # as in a project saved before the flag existed
        path = str(tmp_path / "alt.qgz")
        assert project.write(path)
        project.clear()
        assert project.read(path)
        reopened = project.mapLayersByName("Stadtsensoren")[0]
        assert manager.controller_for(reopened) is not None
        assert int(reopened.customProperty(SKIP_MEMORY_CHECK, 0)) == 1
        qtbot.waitUntil(lambda: reopened.featureCount() == 1, timeout=15000)
    finally:
        manager.shutdown()
        project.clear()
