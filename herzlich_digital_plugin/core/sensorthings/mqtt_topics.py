"""SensorThings MQTT topics and messages (STA 1.1 part 1, section 14): pure parsing, no broker."""
import json
import re
from typing import Optional, Tuple

from .observations import Observation, parse_observation
from .snapshot import DATASTREAM, MULTI_DATASTREAM
from .urls import EntityId, format_id, parse_id

_TOPIC = re.compile(r"^(?:(?P<version>v\d+\.\d+)/)?(?P<collection>Datastreams|MultiDatastreams)"
                    r"\((?P<id>'(?:[^']|'')*'|[^()]*)\)/Observations$")


def observation_topic(datastream_id: EntityId, version: str = "v1.1", collection: str = DATASTREAM) -> str:
    """``v1.1/Datastreams(5)/Observations`` or ``v1.1/Datastreams('a-b')/Observations``."""
    return f"{version}/{collection}({format_id(datastream_id)})/Observations"


def parse_topic(topic: str) -> Optional[Tuple[str, EntityId]]:
    """(collection, id) of an observations topic, None for any other topic."""
    match = _TOPIC.match(topic or "")
    if not match:
        return None
    return match.group("collection"), parse_id(match.group("id"))


def parse_message(payload, component: Optional[int] = None) -> Optional[Observation]:
    """The Observation in an MQTT message (``component`` of a MultiDatastream's result), None if none."""
    if isinstance(payload, (bytes, bytearray)):
        payload = payload.decode("utf-8", errors="replace")
    try:
        entity = json.loads(payload)
    except (TypeError, ValueError):
        return None
    observation = parse_observation(entity, component) if isinstance(entity, dict) else None
    return observation if observation is not None and observation.time is not None else None


__all__ = ["observation_topic", "parse_topic", "parse_message", "DATASTREAM", "MULTI_DATASTREAM"]
