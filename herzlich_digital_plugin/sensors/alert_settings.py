"""Where the alert thresholds live: one QgsSettings key, ``herzlich_digital/sensor_alerts`` ("speed<15; …").

Kept apart from PluginSettings so the general settings dialog, which writes every field it knows, cannot reset
them.
"""
from typing import List

from qgis.core import QgsSettings

from .alerts import DEFAULT_THRESHOLDS, Threshold, format_thresholds, parse_thresholds

ALERTS_KEY = "herzlich_digital/sensor_alerts"


def load_thresholds(settings: QgsSettings = None) -> List[Threshold]:
    """The stored thresholds; the defaults when none are stored or the stored text is broken."""
    raw = (settings or QgsSettings()).value(ALERTS_KEY, None)
    if raw is None:
        return list(DEFAULT_THRESHOLDS)
    try:
        return parse_thresholds(str(raw))
    except ValueError:
        return list(DEFAULT_THRESHOLDS)


def save_thresholds(thresholds, settings: QgsSettings = None) -> None:
    (settings or QgsSettings()).setValue(ALERTS_KEY, format_thresholds(thresholds))
