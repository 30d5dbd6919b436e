"""The words a closures or road layer may use for restriction, direction, one-way and speed, and what they mean.

Planners fill these layers by hand, export them from DATEX II or OSM, or type our own German labels; a value
that is not understood must stop the check (a silently ignored "Vollsperrung" gives a detour nobody needs and
no detour where one is needed). Matching ignores case, spaces, hyphens and underscores.
"""
import re
from typing import Dict, Iterable, Optional, Tuple

from .detour_errors import DetourError
from .exchange_text import tr

RESTRICTION_WORDS: Dict[str, Tuple[str, ...]] = {
    # plugin value: its English and German labels, DATEX II RoadOrCarriagewayOrLaneManagementType, WZDx, CIFS
    "full_closure": ("full_closure", "full closure", "closed", "road closed", "roadClosed", "Vollsperrung",
                     "gesperrt", "all-lanes-closed", "ROAD_CLOSED", "overnightClosures",
                     "closedPermanentlyForTheWinter", "intermittentShortTermClosures"),
    "lanes_one_direction": ("lanes_one_direction", "lanes in one direction closed", "carriagewayClosures",
                            "Fahrstreifen einer Richtung gesperrt", "Richtungssperrung", "Einbahnsperrung"),
    "one_lane": ("one_lane", "one lane closed", "laneClosures", "ein Fahrstreifen gesperrt", "some-lanes-closed",
                 "singleAlternateLineTraffic", "narrowLanes", "lanesDeviated", "contraflow",
                 "Fahrstreifensperrung", "Teilsperrung"),
    "shoulder": ("shoulder", "shoulder closed", "Seitenstreifen gesperrt", "hardShoulderClosed"),
    "none": ("none", "no restriction", "keine Einschränkung", "keine", "noRestriction", "all-lanes-open"),
}
DIRECTION_WORDS: Dict[str, Tuple[str, ...]] = {
    "both": ("both", "both directions", "beide Richtungen", "beide", "bothWays", "B", "0"),
    "forward": ("forward", "along the drawn direction", "in Zeichenrichtung", "aligned", "mit der Zeichenrichtung",
                "FT", "1", "with"),
    "backward": ("backward", "against the drawn direction", "gegen die Zeichenrichtung", "opposite", "TF", "-1",
                 "reverse", "against"),
}
# One-way attribute of a road: forward (along the digitising direction), backward, or both ways.
ONEWAY_WORDS: Dict[str, Tuple[str, ...]] = {
    "F": ("1", "yes", "true", "y", "FT", "forward", "ja", "j", "wahr"),
    "T": ("-1", "TF", "reverse", "backward", "rückwärts"),
    "B": ("", "0", "no", "false", "n", "nein", "falsch", "B", "both", "FTB"),
}


def _key(text) -> str:
    return re.sub(r"[\s_\-]+", "", str(text)).casefold()


def _index(words: Dict[str, Iterable[str]]) -> Dict[str, str]:
    return {_key(word): value for value, spellings in words.items() for word in spellings}


_RESTRICTIONS, _DIRECTIONS, _ONEWAY = _index(RESTRICTION_WORDS), _index(DIRECTION_WORDS), _index(ONEWAY_WORDS)


class UnknownValueError(DetourError, ValueError):
    """A value of a closures or road layer that none of the accepted spellings matches."""
    code = "unknown_value"

    def __init__(self, what: str, value, accepted: Iterable[str]):
        self.what, self.value, self.accepted = what, value, list(accepted)
        super().__init__(tr("Unknown {what} '{value}'. Accepted values: {accepted}.").format(
            what=what, value=str(value), accepted=", ".join(self.accepted)))


def _accepted(words: Dict[str, Iterable[str]]) -> list:
    out = []
    for spellings in words.values():
        for word in spellings:
            if word and word not in out:
                out.append(word)
    return out


def restriction_value(value, default: str = "full_closure") -> str:
    """The plugin's restriction for a layer value (empty/NULL: ``default``); UnknownValueError otherwise."""
    text = _text(value)
    if not text:
        return default
    try:
        return _RESTRICTIONS[_key(text)]
    except KeyError:
        raise UnknownValueError(tr("restriction"), text, _accepted(RESTRICTION_WORDS)) from None


def direction_value(value, default: str = "both") -> str:
    """both / forward / backward for a layer value (empty/NULL: ``default``); UnknownValueError otherwise."""
    text = _text(value)
    if not text:
        return default
    try:
        return _DIRECTIONS[_key(text)]
    except KeyError:
        raise UnknownValueError(tr("direction"), text, _accepted(DIRECTION_WORDS)) from None


def oneway_value(value) -> str:
    """"F" (one-way along the digitising direction), "T" (against it) or "B" (both ways); NULL is both ways.
    UnknownValueError for anything else."""
    text = _text(value)
    try:
        return _ONEWAY[_key(text)]
    except KeyError:
        raise UnknownValueError(tr("one-way value"), text, _accepted(ONEWAY_WORDS)) from None


def _text(value) -> str:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ------------------------------------------------------------------------------------------- speeds (km/h)

MPH = 1.609344
KNOTS = 1.852
# OSM implicit limits (wiki "Key:maxspeed", "Default speed limits"); walk = Schrittgeschwindigkeit.
IMPLICIT_SPEEDS = {"urban": 50.0, "rural": 100.0, "motorway": 130.0, "trunk": 100.0, "livingstreet": 7.0,
                   "walk": 7.0, "zone30": 30.0, "zone20": 20.0, "zone10": 10.0, "bicycleroad": 30.0,
                   "none": 130.0, "signals": 0.0, "variable": 0.0}


def speed_kmh(value) -> Optional[float]:
    """The speed a maxspeed-like value gives (km/h): numbers, ``"30 mph"``, ``"50 km/h"``, ``DE:urban``,
    ``DE:zone30``, ``walk``; the lowest of ``"30;50"``. None when it cannot be read (the default speed applies)."""
    if value is None or isinstance(value, bool) or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value > 0 else None
    best = None
    for part in re.split(r"[;|]", str(value)):
        speed = _one_speed(part.strip())
        if speed is not None and (best is None or speed < best):
            best = speed
    return best


def _one_speed(text: str) -> Optional[float]:
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*(km/h|kmh|kph|mph|knots)?", text, re.IGNORECASE)
    if match:
        number = float(match.group(1).replace(",", "."))
        unit = (match.group(2) or "").lower()
        number *= MPH if unit == "mph" else KNOTS if unit == "knots" else 1.0
        return number if number > 0 else None
    word = _key(text.split(":", 1)[1] if ":" in text else text).replace(":", "")
    zone = re.fullmatch(r"zone(\d+)", word)
    if zone:
        return float(zone.group(1))
    speed = IMPLICIT_SPEEDS.get(word)
    return speed if speed else None
