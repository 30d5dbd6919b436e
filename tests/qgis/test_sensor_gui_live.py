"""Alerts (one message per breach, a red halo while it lasts), live MQTT updates through a real mosquitto, and a
live layer that comes back live when its project is opened again."""
import json
import time
from datetime import datetime, timedelta, timezone

import pytest
from qgis.core import (Qgis, QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRectangle)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

import sta_fixtures
from herzlich_digital_plugin.sensors.alerts import DEFAULT_THRESHOLDS
from herzlich_digital_plugin.sensors.connections import SensorConnection, connection_of
from herzlich_digital_plugin.sensors.layer_manager import SensorLayerManager
from herzlich_digital_plugin.sensors.live_layer import AGE_FIELD
from sensor_gui_helpers import Messages, features_by_key, live_layer, now_utc, refresh_and_wait, strict_server
from sta_strict_server import StrictSta

mosquitto = sta_fixtures.mosquitto  # the session fixture: a real broker on a free port


@pytest.fixture()
def junction():
    """A strict server with one speed and one occupancy datastream, both fine at first."""
    sta = StrictSta()
    thing = sta.add_thing("Kreuzung Burgstraße", (7.7695, 49.4447))
    garage = sta.add_thing("Parkhaus Test", (7.7710, 49.4430))
    sta.speed = sta.add_datastream(thing, "Geschwindigkeit", "speed", "km/h")
    sta.occupancy = sta.add_datastream(garage, "Belegung", "occupancy", "%")
    sta.t = now_utc().timestamp() - 600
    sta.add_observations(sta.speed, [sta.t], [35.0])
    sta.add_observations(sta.occupancy, [sta.t], [50.0])
    sta.start()
    yield sta
    sta.stop()


def _observe(sta, stream, value):
    sta.t += 60
    sta.add_observations(stream, [sta.t], [value])


def _alerts(layer):
    return {f["datastream"]: f["alert"] for f in layer.getFeatures()}


def test_an_alert_posts_once_when_it_starts_and_once_when_it_clears(qtbot, junction):
    messages = Messages()
    with live_layer(junction.url, messages, thresholds=DEFAULT_THRESHOLDS) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        assert messages.items == [] and _alerts(layer) == {"Geschwindigkeit": 0, "Belegung": 0}

        _observe(junction, junction.speed, 12.0)
        refresh_and_wait(qtbot, controller)
        alerts = messages.texts(Qgis.MessageLevel.Critical)
        assert len(alerts) == 1 and "Geschwindigkeit" in alerts[0] and "Speed 12 km/h" in alerts[0] and "< 15" in alerts[0]
        assert _alerts(layer) == {"Geschwindigkeit": 1, "Belegung": 0}

        _observe(junction, junction.speed, 11.0)  # still jammed: no second message
        refresh_and_wait(qtbot, controller)
        refresh_and_wait(qtbot, controller)
        assert len(messages.texts(Qgis.MessageLevel.Critical)) == 1

        junction.add_fault("status", path="Datastreams", status=500)  # unknown while down: nothing clears
        refresh_and_wait(qtbot, controller, succeed=False)
        assert _alerts(layer)["Geschwindigkeit"] == 1 and messages.texts(Qgis.MessageLevel.Success) == []
        junction.faults.clear()

        _observe(junction, junction.speed, 40.0)
        _observe(junction, junction.occupancy, 95.0)
        refresh_and_wait(qtbot, controller)
        cleared = [t for t in messages.texts(Qgis.MessageLevel.Success) if "Alert over" in t]
        assert len(cleared) == 1 and "Geschwindigkeit" in cleared[0]
        alerts = messages.texts(Qgis.MessageLevel.Critical)
        assert len(alerts) == 2 and "Belegung" in alerts[1] and "95 %" in alerts[1]
        assert _alerts(layer) == {"Geschwindigkeit": 0, "Belegung": 1}


def _red_pixels(layer, centre, size=120):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor("white"))
    settings.setExtent(QgsRectangle(centre.x() - 40, centre.y() - 40, centre.x() + 40, centre.y() + 40))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            if colour.red() > 200 and colour.green() < 120 and colour.blue() < 130:
                count += 1
    return count


def test_the_halo_marks_a_breach_on_the_map(qtbot, junction):
    with live_layer(junction.url, thresholds=[]) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        garage = next(f for f in layer.getFeatures() if f["datastream"] == "Belegung")
        centre = garage.geometry().asPoint()
        before = _red_pixels(layer, centre)  # 50 % is green: no red at all
        controller.set_thresholds(DEFAULT_THRESHOLDS)
        _observe(junction, junction.occupancy, 95.0)
        refresh_and_wait(qtbot, controller)
        assert _alerts(layer)["Belegung"] == 1
        assert before == 0 and _red_pixels(layer, centre) > 60  # red class and red halo


def _publisher(port):
    import paho.mqtt.client as mqtt

    client = (mqtt.Client(mqtt.CallbackAPIVersion.VERSION2) if hasattr(mqtt, "CallbackAPIVersion")
              else mqtt.Client())
    client.connect("127.0.0.1", port, 30)
    client.loop_start()
    return client


@pytest.mark.parametrize("broker", ["configured", "advertised"])
def test_mqtt_observations_update_features_between_refreshes(qtbot, mosquitto, broker):
    pytest.importorskip("paho.mqtt.client")
    if broker == "advertised":  # FROST names its broker in the service root
        sta, options = strict_server(mqtt_endpoint=f"mqtt://127.0.0.1:{mosquitto.port}"), {}
    else:  # a server without MQTT of its own; the broker comes from the connection
        sta, options = strict_server(), {"mqtt": f"127.0.0.1:{mosquitto.port}"}
    publisher = _publisher(mosquitto.port)
    try:
        with live_layer(sta.url, **options) as (layer, controller):
            refresh_and_wait(qtbot, controller)
            qtbot.waitUntil(lambda: controller.mqtt is not None and controller.mqtt.connected.is_set(), timeout=10000)
            stream_id = sta.stream_ids["radar_q"]
            assert f"v1.1/Datastreams({stream_id})/Observations" in controller.mqtt.topics
            key = f"Datastreams|{stream_id}|-1"
            fid = features_by_key(layer)[key].id()
            changed = set()
            layer.attributeValueChanged.connect(lambda f, index, value: changed.add(f))
            when = datetime.now(timezone.utc).replace(microsecond=0)
            payload = json.dumps({"phenomenonTime": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "result": 321})

            def arrived():
                publisher.publish(f"v1.1/Datastreams({stream_id})/Observations", payload)
                time.sleep(0.05)
                return features_by_key(layer)[key]["value"] == 321.0
            qtbot.waitUntil(arrived, timeout=10000)
            feature = features_by_key(layer)[key]
            assert feature["time"].toMSecsSinceEpoch() == int(when.timestamp() * 1000)
            assert feature["status"] == "fresh" and feature["label"] == "321 veh/15min"
            assert changed == {fid} and controller.refreshes == 1  # no poll: the broker brought it
            old = when - timedelta(hours=1)  # an older observation changes nothing
            publisher.publish(f"v1.1/Datastreams({stream_id})/Observations",
                              json.dumps({"phenomenonTime": old.strftime("%Y-%m-%dT%H:%M:%SZ"), "result": 1}))
            qtbot.wait(600)
            assert features_by_key(layer)[key]["value"] == 321.0
            subscriber = controller.mqtt
        assert controller.mqtt is None and not subscriber.connected.is_set()  # stopped with the layer
    finally:
        publisher.loop_stop()
        publisher.disconnect()
        sta.stop()


def test_the_layer_comes_back_live_when_the_project_is_opened_again(qtbot, tmp_path):
    sta = strict_server()
    project = QgsProject.instance()
    manager = SensorLayerManager(project)
    try:
        layer = manager.add_layer(SensorConnection("Stadtsensoren", sta.url, interval_s=90, observed_property=""))
        qtbot.waitUntil(lambda: layer.featureCount() == 17, timeout=15000)
        assert [c.layer for c in manager.controllers()] == [layer]
        path = str(tmp_path / "sensors.qgz")
        assert project.write(path)
        project.clear()
        assert manager.controllers() == []  # the layer left: its refresh stopped
        assert project.read(path)
        layers = project.mapLayersByName("Stadtsensoren")
        assert len(layers) == 1
        reopened = layers[0]
        connection = connection_of(reopened)
        assert connection.url == sta.url and connection.interval_s == 90
        assert manager.controller_for(reopened) is not None
        qtbot.waitUntil(lambda: reopened.featureCount() == 17, timeout=15000)  # filled again from the server
        assert reopened.fields().indexOf(AGE_FIELD) >= 0 and reopened.readOnly()
        assert {f["status"] for f in reopened.getFeatures()} == {"fresh"}
    finally:
        manager.shutdown()
        project.clear()
        sta.stop()
