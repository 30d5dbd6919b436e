"""Saved SensorThings connections, like QGIS's own: QgsSettings under ``herzlich_digital/sensor_connections``.

Only the address, the authcfg id and display options are stored, never a user name or password: those live in
the QGIS authentication database behind the authcfg id. A live layer carries its connection as a custom
property, so it comes back live when the project is opened again.
"""
import json
from dataclasses import asdict, dataclass, fields
from typing import List, Optional

from qgis.core import QgsSettings

from ..core.sensorthings.snapshot import DEFAULT_STALE_AFTER_S

SETTINGS_GROUP = "herzlich_digital/sensor_connections"
SELECTED_KEY = "herzlich_digital/sensor_connections_selected"
LAYER_PROPERTY = "herzlich_digital/sensor_connection"  # JSON of SensorConnection on the layer
MIN_INTERVAL_S = 5
DEFAULT_INTERVAL_S = 60


@dataclass
class SensorConnection:
    name: str
    url: str
    authcfg: str = ""
    observed_property: str = ""  # only datastreams of this observed property; empty: all
    interval_s: int = DEFAULT_INTERVAL_S
    mqtt: str = ""  # broker "host:port"; empty: the one the service advertises, if any
    stale_after_s: float = DEFAULT_STALE_AFTER_S

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict) -> Optional["SensorConnection"]:
        if not isinstance(data, dict) or not data.get("url"):
            return None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values.setdefault("name", values["url"])
        connection = cls(**values)
        connection.interval_s = max(MIN_INTERVAL_S, _int(connection.interval_s, DEFAULT_INTERVAL_S))
        connection.stale_after_s = _float(connection.stale_after_s, DEFAULT_STALE_AFTER_S)
        return connection


def valid_name(name: str) -> bool:
    """A connection name is one settings key: not empty, no slashes."""
    name = (name or "").strip()
    return bool(name) and "/" not in name and "\\" not in name


def list_connections(settings: QgsSettings = None) -> List[str]:
    settings = settings or QgsSettings()
    settings.beginGroup(SETTINGS_GROUP)
    try:
        return sorted(settings.childGroups(), key=str.casefold)
    finally:
        settings.endGroup()


def load_connection(name: str, settings: QgsSettings = None) -> Optional[SensorConnection]:
    settings = settings or QgsSettings()
    base = f"{SETTINGS_GROUP}/{name}"
    url = settings.value(f"{base}/url", "")
    if not url:
        return None
    return SensorConnection.from_dict({
        "name": name, "url": str(url), "authcfg": str(settings.value(f"{base}/authcfg", "") or ""),
        "observed_property": str(settings.value(f"{base}/observed_property", "") or ""),
        "interval_s": settings.value(f"{base}/interval_s", DEFAULT_INTERVAL_S),
        "mqtt": str(settings.value(f"{base}/mqtt", "") or ""),
        "stale_after_s": settings.value(f"{base}/stale_after_s", DEFAULT_STALE_AFTER_S)})


def save_connection(connection: SensorConnection, settings: QgsSettings = None) -> None:
    if not valid_name(connection.name):
        raise ValueError(connection.name)
    settings = settings or QgsSettings()
    base = f"{SETTINGS_GROUP}/{connection.name.strip()}"
    settings.remove(base)  # no leftovers of an older version of this connection
    for key in ("url", "authcfg", "observed_property", "interval_s", "mqtt", "stale_after_s"):
        settings.setValue(f"{base}/{key}", getattr(connection, key))
    settings.setValue(SELECTED_KEY, connection.name.strip())


def delete_connection(name: str, settings: QgsSettings = None) -> None:
    settings = settings or QgsSettings()
    settings.remove(f"{SETTINGS_GROUP}/{name}")
    if settings.value(SELECTED_KEY, "") == name:
        settings.remove(SELECTED_KEY)


def selected_connection(settings: QgsSettings = None) -> str:
    return str((settings or QgsSettings()).value(SELECTED_KEY, "") or "")


def connection_of(layer) -> Optional[SensorConnection]:
    """The connection a live sensor layer carries, or None for any other layer."""
    raw = layer.customProperty(LAYER_PROPERTY, "") if layer is not None else ""
    if not raw:
        return None
    try:
        return SensorConnection.from_dict(json.loads(raw))
    except (TypeError, ValueError):
        return None


def attach_connection(layer, connection: SensorConnection) -> None:
    layer.setCustomProperty(LAYER_PROPERTY, connection.to_json())


def _int(value, default: int) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def _float(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default
