"""The demo's live feed: every few seconds a new observation for every datastream, posted with requests to the
SensorThings server and published to mosquitto on the STA topic ``v1.1/Datastreams(<id>)/Observations``.

Values follow the demo city's 15-minute series (interpolated to the second) with a little jitter, so the
layer visibly lives. The server (django-ogc-sensorthings) has no MQTT of its own, so the feeder publishes
what it created, as FROST would.

    python demo/sta_server/feeder.py SERVICE_ROOT [--mqtt-port 1883] [--interval 5]
"""
import argparse
import json
import re
import sys
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Optional

import requests

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from herzlich_digital_plugin.core.sensorthings.mqtt_topics import observation_topic  # noqa: E402
from herzlich_digital_plugin.democity.randomness import DEFAULT_SEED  # noqa: E402
from herzlich_digital_plugin.democity.sensors import SLOT_S, STREAMS, stream_values  # noqa: E402

JITTER = {"traffic_volume": 0.04, "speed": 0.02, "occupancy": 0.01, "air_temperature": 0.0, "no2": 0.03}


def live_value(stream, when: datetime, seed: int = DEFAULT_SEED) -> float:
    """The stream's value at ``when``: its 15-minute series interpolated, plus a small repeatable jitter."""
    t = when.timestamp()
    slot = int(t // SLOT_S) * SLOT_S
    times, values = stream_values(stream, datetime.fromtimestamp(slot, tz=timezone.utc),
                                  datetime.fromtimestamp(slot + SLOT_S, tz=timezone.utc), seed)
    fraction = (t - times[0]) / SLOT_S
    value = float(values[0] + (values[1] - values[0]) * fraction)
    wobble = (zlib.crc32(f"{stream.key}/{int(t)}".encode()) / 0xFFFFFFFF - 0.5) * 2.0
    value *= 1.0 + JITTER[stream.observed_property] * wobble
    if stream.observed_property == "traffic_volume":
        return float(max(0, round(value)))
    if stream.observed_property == "occupancy":
        value = min(100.0, value)
    return round(max(0.0, value) if stream.observed_property != "air_temperature" else value, 1)


class Feeder:
    def __init__(self, root_url: str, ids: Dict[str, object], mqtt_host: str = "127.0.0.1",
                 mqtt_port: Optional[int] = None, seed: int = DEFAULT_SEED, session=None):
        self.root = root_url.rstrip("/")
        self.ids = ids
        self.seed = seed
        self.session = session or requests.Session()
        self.version = self.root.rsplit("/", 1)[-1]
        self.mqtt = None
        if mqtt_port:
            self.mqtt = _mqtt_client(mqtt_host, mqtt_port)

    def feed_once(self, when: Optional[datetime] = None) -> Dict[str, float]:
        """Post (and publish) one observation per datastream at ``when``; {stream key: value}."""
        when = when or datetime.now(timezone.utc)
        stamp = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        posted = {}
        for stream in STREAMS:
            datastream_id = self.ids.get(stream.key)
            if datastream_id is None:
                continue
            value = live_value(stream, when, self.seed)
            body = {"phenomenonTime": stamp, "resultTime": stamp, "result": value,
                    "Datastream": {"@iot.id": datastream_id}}
            response = self.session.post(f"{self.root}/Observations", json=body, timeout=30)
            if response.status_code != 201:
                raise RuntimeError(f"POST Observations: HTTP {response.status_code}: {response.text[:300]}")
            posted[stream.key] = value
            if self.mqtt is not None:
                location = response.headers.get("Location", "")
                entity = {key: value for key, value in body.items() if key != "Datastream"}
                match = re.search(r"\('?([^')]*)'?\)$", location)
                if match:
                    entity = {"@iot.id": match.group(1), "@iot.selfLink": location, **entity}
                self.mqtt.publish(observation_topic(datastream_id, self.version), json.dumps(entity), qos=0)
        return posted

    def run(self, interval_s: float = 5.0, stop=lambda: False, sleep=time.sleep):
        while not stop():
            started = time.monotonic()
            try:
                self.feed_once()
            except (requests.RequestException, RuntimeError) as error:  # the server may restart: keep going
                print(f"feeder: {error}", file=sys.stderr, flush=True)
            sleep(max(0.1, interval_s - (time.monotonic() - started)))

    def close(self):
        if self.mqtt is not None:
            self.mqtt.loop_stop()
            self.mqtt.disconnect()


def _mqtt_client(host: str, port: int):
    try:
        import paho.mqtt.client as mqtt
    except ImportError:
        print("feeder: paho-mqtt is not installed; observations are only posted", file=sys.stderr)
        return None
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2) if hasattr(mqtt, "CallbackAPIVersion") else mqtt.Client()
    client.connect(host, port, 30)
    client.loop_start()
    return client


def datastream_ids(root_url: str) -> Dict[str, object]:
    """{stream key: datastream id} of a seeded server (properties.hd_key)."""
    from herzlich_digital_plugin.core.sensorthings import RequestsTransport, StaClient

    client = StaClient(root_url, RequestsTransport())
    items = client.collect("Datastreams", [("$select", "id,properties")]).items
    return {(item.get("properties") or {}).get("hd_key"): item["@iot.id"] for item in items}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--mqtt-port", type=int, default=0)
    parser.add_argument("--interval", type=float, default=5.0)
    args = parser.parse_args(argv)
    feeder = Feeder(args.url, datastream_ids(args.url), mqtt_port=args.mqtt_port or None)
    try:
        feeder.run(args.interval)
    except KeyboardInterrupt:
        pass
    finally:
        feeder.close()


if __name__ == "__main__":
    main()
