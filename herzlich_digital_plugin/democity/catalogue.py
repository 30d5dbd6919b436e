"""What each kind of true object looks like: VzKat code, shape, dominant colour, size and vendor label."""
from dataclasses import dataclass
from typing import Optional, Tuple

RED = (200, 20, 35)
BLUE = (0, 85, 165)
YELLOW = (245, 195, 0)
WHITE = (245, 245, 240)
BUS_YELLOW = (235, 205, 30)
HOUSING = (30, 32, 30)


@dataclass(frozen=True)
class Kind:
    asset_class: str  # sign, marking, light
    code: Optional[str]
    value: Optional[str]
    shape: str
    colour: Tuple[int, int, int]
    size_range: Tuple[float, float]  # face width (signs, lights) or width across the road (markings)
    aspect: float  # face height / width for signs and lights; length along the road / width for markings
    vendor_label: str
    name: str  # German name, for people


def _sign(code, value, shape, colour, label, name, size=(0.6, 0.9), aspect=1.0):
    return Kind("sign", code, value, shape, colour, size, aspect, label, name)


def _marking(code, value, size, aspect, label, name):
    return Kind("marking", code, value, "marking", WHITE, size, aspect, label, name)


KINDS = {k.vendor_label: k for k in (
    _sign("206", None, "octagon", RED, "regulatory--stop--g1", "Halt. Vorfahrt gewähren."),
    _sign("205", None, "triangle_down", RED, "regulatory--yield--g1", "Vorfahrt gewähren.", aspect=0.87),
    _sign("301", None, "triangle", RED, "warning--junction-with-priority--g1", "Vorfahrt", aspect=0.87),
    _sign("102", None, "triangle", RED, "warning--crossroads--g1", "Kreuzung oder Einmündung", aspect=0.87),
    _sign("306", None, "diamond", YELLOW, "regulatory--priority-road--g1", "Vorfahrtstraße"),
    _sign("274", "30", "circle", RED, "regulatory--maximum-speed-limit-30--g1", "Zulässige Höchstgeschwindigkeit 30",
          size=(0.6, 0.75)),
    _sign("274", "50", "circle", RED, "regulatory--maximum-speed-limit-50--g1", "Zulässige Höchstgeschwindigkeit 50",
          size=(0.6, 0.75)),
    _sign("274.1", "30", "rectangle", WHITE, "regulatory--maximum-speed-limit-zone-30--g1", "Beginn Tempo 30-Zone",
          size=(0.6, 0.75), aspect=1.35),
    _sign("283", None, "circle", BLUE, "regulatory--no-stopping--g1", "Absolutes Haltverbot", size=(0.6, 0.75)),
    _sign("286", None, "circle", BLUE, "regulatory--no-parking--g1", "Eingeschränktes Haltverbot", size=(0.6, 0.75)),
    _sign("250", None, "circle", RED, "regulatory--road-closed-to-vehicles--g1", "Verbot für Fahrzeuge aller Art",
          size=(0.6, 0.75)),
    _sign("267", None, "circle", RED, "regulatory--no-entry--g1", "Verbot der Einfahrt", size=(0.6, 0.75)),
    _sign("220", None, "rectangle", BLUE, "regulatory--one-way--g1", "Einbahnstraße", size=(0.8, 0.9), aspect=0.33),
    _sign("350", None, "square", BLUE, "information--pedestrians-crossing--g1", "Fußgängerüberweg"),
    _sign("314", None, "square", BLUE, "information--parking--g1", "Parken", size=(0.6, 0.75)),
    _sign("224", None, "circle", BUS_YELLOW, "information--bus-stop--g1", "Haltestelle", size=(0.6, 0.75)),
    _sign("136", None, "triangle", RED, "warning--children--g1", "Kinder", aspect=0.87),
    _sign("239", None, "circle", BLUE, "regulatory--pedestrians-only--g1", "Gehweg", size=(0.6, 0.75)),
    _sign("240", None, "circle", BLUE, "regulatory--shared-path-pedestrians-and-bicycles--g1",
          "Gemeinsamer Geh- und Radweg", size=(0.6, 0.75)),
    _sign("222", None, "circle", BLUE, "regulatory--keep-right--g1", "Rechts vorbei", size=(0.6, 0.75)),
    Kind("light", None, None, "light", HOUSING, (0.32, 0.38), 2.8, "object--traffic-light--general-upright",
         "Lichtzeichenanlage"),
    _marking("294", None, (3.0, 3.25), 0.5 / 3.1, "marking--discrete--stop-line", "Haltlinie"),
    _marking("341", None, (3.0, 3.25), 0.3 / 3.1, "marking--discrete--give-way-line", "Wartelinie"),
    _marking("293", None, (6.0, 6.5), 4.0 / 6.25, "marking--discrete--crosswalk-zebra", "Fußgängerüberweg"),
    _marking("297", None, (0.9, 1.1), 5.0, "marking--discrete--arrow--straight", "Pfeilmarkierung"),
    _marking("340", None, (0.12, 0.12), 50.0, "marking--discrete--dashed-line", "Leitlinie"),
    _marking("295", None, (0.12, 0.15), 100.0, "marking--discrete--solid-line", "Fahrstreifenbegrenzung"),
    _marking("299", None, (1.2, 1.5), 5.0, "marking--discrete--zigzag", "Grenzmarkierung"),
    _marking("237", None, (0.9, 1.0), 1.8, "marking--discrete--symbol--bicycle", "Radfahrer-Piktogramm"),
)}

# Pairs a detector confuses (both directions).
CONFUSABLE = {
    "regulatory--maximum-speed-limit-30--g1": "regulatory--maximum-speed-limit-50--g1",
    "regulatory--maximum-speed-limit-50--g1": "regulatory--maximum-speed-limit-30--g1",
    "regulatory--yield--g1": "regulatory--stop--g1",
    "regulatory--stop--g1": "regulatory--yield--g1",
    "regulatory--no-stopping--g1": "regulatory--no-parking--g1",
    "regulatory--no-parking--g1": "regulatory--no-stopping--g1",
    "warning--junction-with-priority--g1": "warning--crossroads--g1",
    "warning--crossroads--g1": "warning--junction-with-priority--g1",
    "regulatory--pedestrians-only--g1": "regulatory--shared-path-pedestrians-and-bicycles--g1",
    "marking--discrete--stop-line": "marking--discrete--give-way-line",
    "marking--discrete--give-way-line": "marking--discrete--stop-line",
}


def kind_of(code: Optional[str], value: Optional[str], asset_class: str = "sign") -> Kind:
    """The kind with this VzKat code and value (KeyError if there is none)."""
    for k in KINDS.values():
        if k.asset_class == asset_class and k.code == code and k.value == value:
            return k
    raise KeyError((asset_class, code, value))
