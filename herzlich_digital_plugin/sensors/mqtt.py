"""Live observations over MQTT (optional: only when paho-mqtt is importable; polling does the job otherwise).

``MqttSubscriber`` subscribes to ``v1.1/Datastreams(<id>)/Observations`` for the datastreams it is given and
calls ``on_observation(collection, datastream_id, Observation)`` for each message. Callbacks run on paho's
network thread: a Qt user must hand them to the GUI thread (a queued signal). No QGIS, no Qt here.
"""
import threading
from typing import Callable, Iterable, Optional, Set, Tuple
from urllib.parse import urlsplit

from ..core.sensorthings.mqtt_topics import observation_topic, parse_message, parse_topic
from ..core.sensorthings.snapshot import DATASTREAM

ObservationCallback = Callable[[str, object, object], None]


def mqtt_available() -> bool:
    try:
        import paho.mqtt.client  # noqa: F401
    except ImportError:
        return False
    return True


def endpoint_host_port(endpoint: str, default_port: int = 1883) -> Tuple[str, int]:
    """``mqtt://host:1884`` / ``tcp://host`` / ``host:1884`` → (host, port)."""
    if "://" not in endpoint:
        endpoint = "mqtt://" + endpoint
    parts = urlsplit(endpoint)
    return parts.hostname or "127.0.0.1", parts.port or default_port


class MqttSubscriber:
    def __init__(self, host: str, port: int = 1883, on_observation: Optional[ObservationCallback] = None,
                 version: str = "v1.1", client_id: str = "", credentials: Optional[Tuple[str, str]] = None,
                 keepalive_s: int = 30, on_connection: Optional[Callable[[bool], None]] = None):
        import paho.mqtt.client as mqtt

        self.host, self.port, self.version = host, port, version
        self.on_observation = on_observation or (lambda collection, datastream_id, observation: None)
        self.on_connection = on_connection or (lambda connected: None)
        self.keepalive_s = keepalive_s
        self.connected = threading.Event()
        self.received = 0
        self._topics: Set[str] = set()
        self._lock = threading.Lock()
        if hasattr(mqtt, "CallbackAPIVersion"):  # paho-mqtt 2.x
            self._client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id)
        else:  # paho-mqtt 1.x (Debian bookworm's python3-paho-mqtt)
            self._client = mqtt.Client(client_id=client_id)
        if credentials:  # (user, password), e.g. from a QGIS authcfg; never stored here
            self._client.username_pw_set(credentials[0], credentials[1] or None)
        self._client.on_connect = self._on_connect
        self._client.on_disconnect = self._on_disconnect
        self._client.on_message = self._on_message
        self._client.reconnect_delay_set(1, 30)

    def start(self) -> "MqttSubscriber":
        """Connect in the background (and reconnect after losses)."""
        self._client.connect_async(self.host, self.port, self.keepalive_s)
        self._client.loop_start()
        return self

    def stop(self) -> None:
        self._client.disconnect()
        self._client.loop_stop()
        self.connected.clear()

    @property
    def topics(self) -> Set[str]:
        with self._lock:
            return set(self._topics)

    def set_datastreams(self, datastream_ids: Iterable, collection: str = DATASTREAM) -> None:
        """Subscribe to exactly these datastreams' observation topics (of ``collection``)."""
        wanted = {observation_topic(i, self.version, collection) for i in datastream_ids}
        with self._lock:
            mine = {t for t in self._topics if f"/{collection}(" in t or t.startswith(f"{collection}(")}
            added, removed = wanted - mine, mine - wanted
            self._topics = (self._topics - removed) | added
        if self.connected.is_set():
            for topic in sorted(removed):
                self._client.unsubscribe(topic)
            if added:
                self._client.subscribe([(topic, 0) for topic in sorted(added)])

    # paho callbacks: *args because 1.x and 2.x pass different arguments
    def _on_connect(self, client, userdata, flags, reason_code, *args):
        if _failed(reason_code):
            return
        self.connected.set()
        topics = self.topics
        if topics:
            client.subscribe([(topic, 0) for topic in sorted(topics)])
        self.on_connection(True)

    def _on_disconnect(self, client, userdata, *args):
        self.connected.clear()
        self.on_connection(False)

    def _on_message(self, client, userdata, message):
        parsed = parse_topic(message.topic)
        observation = parse_message(message.payload) if parsed else None
        if observation is None:
            return
        self.received += 1
        collection, datastream_id = parsed
        self.on_observation(collection, datastream_id, observation)


def _failed(reason_code) -> bool:
    if hasattr(reason_code, "is_failure"):
        return bool(reason_code.is_failure)
    return bool(reason_code)
