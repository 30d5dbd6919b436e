"""Live observations over MQTT with a real mosquitto broker (started by the fixture on a free local port)."""
import json
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo.sta_server.feeder import Feeder  # noqa: E402
from herzlich_digital_plugin.core.sensorthings import (RequestsTransport, StaClient, fetch_latest,  # noqa: E402
                                                       with_observation)
from herzlich_digital_plugin.core.sensorthings.mqtt_topics import (observation_topic, parse_message,  # noqa: E402
                                                                   parse_topic)
from herzlich_digital_plugin.democity.sensors import STREAMS  # noqa: E402
from herzlich_digital_plugin.sensors.mqtt import MqttSubscriber, endpoint_host_port, mqtt_available  # noqa: E402
import sta_fixtures  # noqa: E402
from sta_fixtures import demo_strict_server  # noqa: E402

mosquitto = sta_fixtures.mosquitto  # the session fixture

NOW = datetime(2026, 11, 20, 9, 7, 30, tzinfo=timezone.utc)


def test_topics_for_integer_and_string_ids():
    assert observation_topic(5) == "v1.1/Datastreams(5)/Observations"
    assert observation_topic("a'b", collection="MultiDatastreams") == "v1.1/MultiDatastreams('a''b')/Observations"
    assert parse_topic("v1.1/Datastreams(5)/Observations") == ("Datastreams", 5)
    assert parse_topic("v1.1/Datastreams('5')/Observations") == ("Datastreams", "5")
    assert parse_topic("v1.1/MultiDatastreams('a''b')/Observations") == ("MultiDatastreams", "a'b")
    assert parse_topic("v1.1/Things(5)") is None and parse_topic("") is None


def test_messages_are_observations_or_nothing():
    observation = parse_message(b'{"phenomenonTime": "2026-11-20T09:00:00Z", "result": 12}')
    assert observation.value == 12.0 and observation.time == datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
    assert parse_message(b"not json") is None and parse_message(b'{"result": 1}') is None
    assert parse_message(b"[1, 2]") is None
    assert endpoint_host_port("mqtt://broker.example:1884") == ("broker.example", 1884)
    assert endpoint_host_port("tcp://10.0.0.1") == ("10.0.0.1", 1883)


def _publisher(port):
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.connect("127.0.0.1", port, 30)
    client.loop_start()
    return client


def _wait(predicate, timeout_s=10.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_subscriber_gets_only_the_datastreams_it_follows(mosquitto):
    assert mqtt_available()
    received = []

    def on_observation(collection, datastream_id, observation):
        received.append((collection, datastream_id, observation.value))

    subscriber = MqttSubscriber("127.0.0.1", mosquitto.port, on_observation).start()
    publisher = _publisher(mosquitto.port)
    try:
        subscriber.set_datastreams([1, "uuid-2"])
        assert subscriber.connected.wait(10)
        assert subscriber.topics == {"v1.1/Datastreams(1)/Observations", "v1.1/Datastreams('uuid-2')/Observations"}
        time.sleep(0.3)  # the SUBACK
        message = {"phenomenonTime": "2026-11-20T09:00:00Z", "result": 7}
        for topic in ("v1.1/Datastreams(1)/Observations", "v1.1/Datastreams(3)/Observations",
                      "v1.1/Datastreams('uuid-2')/Observations"):
            publisher.publish(topic, json.dumps(message)).wait_for_publish(5)
        assert _wait(lambda: len(received) >= 2)
        time.sleep(0.3)
        assert len(received) == 2 and set(received) == {("Datastreams", 1, 7.0), ("Datastreams", "uuid-2", 7.0)}
        subscriber.set_datastreams([3])
        time.sleep(0.3)
        received.clear()
        for topic in ("v1.1/Datastreams(1)/Observations", "v1.1/Datastreams(3)/Observations"):
            publisher.publish(topic, json.dumps(dict(message, result=8))).wait_for_publish(5)
        assert _wait(lambda: received)
        time.sleep(0.3)
        assert received == [("Datastreams", 3, 8.0)]
    finally:
        publisher.loop_stop()
        publisher.disconnect()
        subscriber.stop()


def test_feeder_posts_and_publishes_and_rows_update_live(mosquitto):
    sta = demo_strict_server(NOW, days=0.5)
    with sta.serve() as url:
        snapshot = fetch_latest(StaClient(url, RequestsTransport()), now=NOW)
        rows = {row.key: row for row in snapshot.rows}
        received = {}
        subscriber = MqttSubscriber("127.0.0.1", mosquitto.port,
                                    lambda c, i, o: received.__setitem__((c, str(i), -1), o)).start()
        feeder = Feeder(url, sta.stream_ids, mqtt_port=mosquitto.port)
        try:
            subscriber.set_datastreams(sta.stream_ids.values())
            assert subscriber.connected.wait(10)
            time.sleep(0.3)
            when = sta.seeded_until + timedelta(minutes=7, seconds=5)
            posted = feeder.feed_once(when)
            assert _wait(lambda: len(received) == len(STREAMS))
        finally:
            feeder.close()
            subscriber.stop()
        polled = {row.key: row for row in fetch_latest(StaClient(url, RequestsTransport()), now=when).rows}
    for stream in STREAMS:
        key = ("Datastreams", str(sta.stream_ids[stream.key]), -1)
        live = with_observation(rows[key], received[key], when)
        assert live.value == posted[stream.key] and live.time == when and live.status == "fresh"
        assert (polled[key].value, polled[key].time) == (live.value, live.time)  # MQTT and polling agree


def test_subscriber_without_a_broker_does_not_connect():
    from demo.sta_server.processes import free_port

    subscriber = MqttSubscriber("127.0.0.1", free_port()).start()
    try:
        assert not subscriber.connected.wait(1.0)
        subscriber.set_datastreams([1])  # queued for when a connection comes
        assert subscriber.topics == {"v1.1/Datastreams(1)/Observations"}
    finally:
        subscriber.stop()
