"""The plugin's settings: one dataclass, stored in QgsSettings under ``herzlich_digital/``.

Secrets never go here: database and sensor-server credentials live in the QGIS authentication database and
only their authcfg id is stored.
"""
from dataclasses import asdict, dataclass, fields

from qgis.core import QgsSettings

PREFIX = "herzlich_digital"


@dataclass
class PluginSettings:
    """Every user-adjustable setting with its default."""

    debug_mode: bool = False
    store_uri: str = ""  # GeoPackage path or PostgreSQL connection; empty = the default GeoPackage
    store_authcfg: str = ""  # QGIS authcfg id for PostGIS credentials
    reviewer_name: str = ""  # empty = the operating-system user
    panorama_cache_mb: int = 320  # decoded panoramas held in memory (an 8K panorama takes 128 MB)
    panorama_disk_cache_mb: int = 4096  # downloaded remote panoramas
    image_authcfg: str = ""  # QGIS authcfg id for the panorama image server (sent only to its origin)
    nearest_panorama_max_m: float = 30.0  # map click: farthest panorama to open
    terrain_layer_id: str = ""  # elevation raster (DGM) of the project for clicks on slopes; empty: the track
    sensor_refresh_s: int = 60
    network_timeout_s: int = 20


class SettingsManager:
    """Reads and writes :class:`PluginSettings` from and to QgsSettings."""

    def __init__(self, settings: QgsSettings = None):
        self._settings = settings or QgsSettings()

    @staticmethod
    def _key(name: str) -> str:
        return f"{PREFIX}/{name}"

    def load(self) -> PluginSettings:
        defaults = PluginSettings()
        values = {}
        for field_ in fields(PluginSettings):
            default = getattr(defaults, field_.name)
            raw = self._settings.value(self._key(field_.name), default)
            values[field_.name] = _coerce(raw, type(default), default)
        return PluginSettings(**values)

    def save(self, settings: PluginSettings) -> None:
        for name, value in asdict(settings).items():
            self._settings.setValue(self._key(name), value)

    def get(self, name: str):
        return getattr(self.load(), name)

    def set(self, name: str, value) -> None:
        current = self.load()
        if not hasattr(current, name):
            raise KeyError(f"Unknown setting: {name}")
        setattr(current, name, value)
        self.save(current)


def _coerce(raw, wanted: type, default):
    """QSettings returns strings from ini files; turn them back into the dataclass types."""
    if isinstance(raw, wanted) and not (wanted is int and isinstance(raw, bool)):
        return raw
    try:
        if wanted is bool:
            return str(raw).strip().lower() in ("1", "true", "yes", "on")
        return wanted(raw)
    except (TypeError, ValueError):
        return default
