"""Observed properties and units as servers name them: German and English names of one quantity, and values
converted between units of the same quantity (Kfz/15 min and Kfz/h, km/h and m/s). Pure Python.

Thresholds and colour classes are defined once per quantity in one unit; a datastream named
"Geschwindigkeit" in m/s or "Verkehrsstärke" in Kfz/h is judged after conversion, never against the number
as it stands.
"""
import re
from typing import Dict, Optional, Tuple

# canonical name -> every name (lower case) servers use for it
ALIASES: Dict[str, Tuple[str, ...]] = {
    "traffic_volume": ("traffic_volume", "traffic volume", "trafficvolume", "verkehrsstärke", "verkehrsstaerke",
                       "verkehrsmenge", "verkehrsaufkommen", "kfz-anzahl", "fahrzeuganzahl", "vehicle_count",
                       "vehiclecount", "anzahl fahrzeuge"),
    "speed": ("speed", "velocity", "geschwindigkeit", "fahrzeuggeschwindigkeit", "mittlere geschwindigkeit",
              "average speed", "average_speed", "v_mittel"),
    "occupancy": ("occupancy", "belegung", "auslastung", "belegungsgrad", "parking occupancy", "parkhausbelegung"),
    "air_temperature": ("air_temperature", "air temperature", "temperature", "lufttemperatur", "temperatur"),
    "no2": ("no2", "no₂", "nitrogen dioxide", "stickstoffdioxid"),
}
_CANONICAL = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
# the unit each quantity's classes and default thresholds are written in
CLASS_UNITS = {"traffic_volume": "Kfz/15 min", "speed": "km/h", "occupancy": "%"}

_RATE = re.compile(r"^(?:kfz|veh|fz|fahrzeuge|vehicles?|count|anzahl)?\s*/\s*(\d+(?:[.,]\d+)?)?\s*"
                   r"(s|sek|sec|min|minuten|h|std|stunde|hour)$")
_SPEEDS = {"km/h": 1.0, "kmh": 1.0, "km h-1": 1.0, "m/s": 3.6, "m s-1": 3.6, "mph": 1.609344, "kn": 1.852}
_PERCENT = ("%", "percent", "prozent")
_SECONDS = {"s": 1.0, "sek": 1.0, "sec": 1.0, "min": 60.0, "minuten": 60.0, "h": 3600.0, "std": 3600.0,
            "stunde": 3600.0, "hour": 3600.0}


def canonical_property(name: str) -> str:
    """``speed`` for "Geschwindigkeit", "Speed" or "speed"; other names as they are (trimmed)."""
    text = (name or "").strip()
    return _CANONICAL.get(text.lower(), text)


def same_property(a: str, b: str) -> bool:
    return canonical_property(a).lower() == canonical_property(b).lower()


def _unit_scale(unit: str) -> Optional[Tuple[str, float]]:
    """(dimension, factor to the dimension's base): vehicles per hour, km/h or percent."""
    text = " ".join((unit or "").strip().lower().replace("_", " ").split())
    if not text:
        return None
    if text in _SPEEDS:
        return "speed", _SPEEDS[text]
    if text in _PERCENT:
        return "percent", 1.0
    match = _RATE.match(text.replace("veh/", "kfz/"))
    if match:
        count = float((match.group(1) or "1").replace(",", "."))
        seconds = count * _SECONDS[match.group(2)]
        return "rate", 3600.0 / seconds  # per period -> per hour
    return None


def convert(value: Optional[float], unit: str, target: str) -> Optional[float]:
    """``value`` in ``unit`` expressed in ``target``; the value itself when the units are equal or both empty;
    None when they measure different things (a threshold in km/h does not judge a value in %)."""
    if value is None:
        return None
    if (unit or "").strip().lower() == (target or "").strip().lower():
        return value
    source, goal = _unit_scale(unit), _unit_scale(target)
    if source is None or goal is None or source[0] != goal[0]:
        return None
    return value * source[1] / goal[1]


def convertible(unit: str, target: str) -> bool:
    return convert(1.0, unit, target) is not None
