"""The VzKat (StVO Verkehrszeichenkatalog) codes reviewers pick from, with their German names.

An entry is keyed by (asset_class, code, value): ("sign", "274", "30") is the 30 km/h speed limit,
("light", None, None) a traffic light. Names are the official German ones; they are data, not UI
text, so they are not translated. The demo city's kinds (democity/catalogue.py) are all here
with the same names (tests/unit/test_review_vzkat.py keeps the two in step).

``search("274")`` matches by number (prefix), ``search("halt")`` by name; umlauts may be typed
as ä, ae or a, ß as ß or ss. ``vendor_class("regulatory--maximum-speed-limit-30--g1")`` maps a
Mapillary-style label to its key.
"""
import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

Key = Tuple[str, Optional[str], Optional[str]]


@dataclass(frozen=True)
class VzKatEntry:
    asset_class: str  # sign, marking, light
    code: Optional[str]
    value: Optional[str]
    name: str

    @property
    def key(self) -> Key:
        return (self.asset_class, self.code, self.value)

    @property
    def label(self) -> str:
        """"274 Zulässige Höchstgeschwindigkeit 30", "Lichtzeichenanlage"."""
        return f"{self.code} {self.name}" if self.code else self.name


_SIGNS = (
    ("101", "Gefahrstelle"), ("102", "Kreuzung oder Einmündung"), ("103", "Kurve"), ("105", "Doppelkurve"),
    ("108", "Gefälle"), ("110", "Steigung"), ("112", "Unebene Fahrbahn"), ("114", "Schleuder- oder Rutschgefahr"),
    ("120", "Verengte Fahrbahn"), ("123", "Arbeitsstelle"), ("124", "Stau"), ("125", "Gegenverkehr"),
    ("131", "Lichtzeichenanlage"), ("133", "Fußgänger"), ("136", "Kinder"), ("138", "Radverkehr"),
    ("142", "Wildwechsel"), ("151", "Bahnübergang"), ("201", "Andreaskreuz"), ("205", "Vorfahrt gewähren."),
    ("206", "Halt. Vorfahrt gewähren."), ("208", "Vorrang des Gegenverkehrs"),
    ("209", "Vorgeschriebene Fahrtrichtung"), ("211", "Hier rechts"), ("215", "Kreisverkehr"),
    ("220", "Einbahnstraße"), ("222", "Rechts vorbei"), ("224", "Haltestelle"), ("229", "Taxenstand"),
    ("237", "Radweg"), ("239", "Gehweg"), ("240", "Gemeinsamer Geh- und Radweg"),
    ("241", "Getrennter Rad- und Gehweg"), ("242.1", "Beginn einer Fußgängerzone"),
    ("244.1", "Beginn einer Fahrradstraße"), ("250", "Verbot für Fahrzeuge aller Art"),
    ("251", "Verbot für Kraftwagen"), ("253", "Verbot für Kraftfahrzeuge über 3,5 t"),
    ("254", "Verbot für Radverkehr"), ("260", "Verbot für Kraftfahrzeuge"), ("262", "Tatsächliche Masse"),
    ("265", "Tatsächliche Höhe"), ("267", "Verbot der Einfahrt"), ("274", "Zulässige Höchstgeschwindigkeit"),
    ("274.2", "Ende einer Tempo 30-Zone"), ("276", "Überholverbot für Kraftfahrzeuge aller Art"),
    ("278", "Ende der zulässigen Höchstgeschwindigkeit"), ("282", "Ende sämtlicher Streckenverbote"),
    ("283", "Absolutes Haltverbot"), ("286", "Eingeschränktes Haltverbot"),
    ("290.1", "Beginn eines eingeschränkten Haltverbots für eine Zone"), ("301", "Vorfahrt"),
    ("306", "Vorfahrtstraße"), ("307", "Ende der Vorfahrtstraße"), ("308", "Vorrang vor dem Gegenverkehr"),
    ("310", "Ortstafel (Vorderseite)"), ("311", "Ortstafel (Rückseite)"), ("314", "Parken"),
    ("325.1", "Beginn eines verkehrsberuhigten Bereichs"), ("325.2", "Ende eines verkehrsberuhigten Bereichs"),
    ("350", "Fußgängerüberweg"), ("357", "Sackgasse"),
)
SPEED_VALUES = ("10", "20", "30", "40", "50", "60", "70", "80", "100", "120")
_MARKINGS = (
    ("293", "Fußgängerüberweg"), ("294", "Haltlinie"), ("295", "Fahrstreifenbegrenzung"),
    ("296", "Einseitige Fahrstreifenbegrenzung"), ("297", "Pfeilmarkierung"), ("298", "Sperrfläche"),
    ("299", "Grenzmarkierung"), ("340", "Leitlinie"), ("341", "Wartelinie"), ("237", "Radfahrer-Piktogramm"),
)


def _build() -> List[VzKatEntry]:
    out = []
    for code, name in _SIGNS:
        out.append(VzKatEntry("sign", code, None, name))
        if code in ("274", "278"):
            out += [VzKatEntry("sign", code, v, f"{name} {v}") for v in SPEED_VALUES]
    out.append(VzKatEntry("sign", "274.1", "30", "Beginn Tempo 30-Zone"))
    out.append(VzKatEntry("sign", "274.1", "20", "Beginn Tempo 20-Zone"))
    out += [VzKatEntry("marking", code, None, name) for code, name in _MARKINGS]
    out.append(VzKatEntry("light", None, None, "Lichtzeichenanlage"))
    return out


ENTRIES: Tuple[VzKatEntry, ...] = tuple(_build())
_BY_KEY: Dict[Key, VzKatEntry] = {e.key: e for e in ENTRIES}


def entries() -> Tuple[VzKatEntry, ...]:
    return ENTRIES


def lookup(asset_class: str, code: Optional[str], value: Optional[str] = None) -> Optional[VzKatEntry]:
    """The entry with exactly this key, else the code's entry without a value, else None."""
    return _BY_KEY.get((asset_class, code, value)) or _BY_KEY.get((asset_class, code, None))


def name_of(asset_class: str, code: Optional[str], value: Optional[str] = None) -> str:
    """German name for display; the bare code (or class) when the catalogue does not know it."""
    entry = lookup(asset_class, code, value)
    if entry is not None:
        return entry.name if entry.value == value else f"{entry.name} {value}"
    return " ".join(p for p in (code, value) if p) or asset_class


def _fold(text: str, umlaut_as_a: bool) -> str:
    text = text.casefold().replace("ß", "ss")
    if umlaut_as_a:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    else:
        text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


_FOLDED = [(e, {_fold(e.name, True), _fold(e.name, False)}) for e in ENTRIES]


def search(text: str, limit: Optional[int] = None) -> List[VzKatEntry]:
    """Entries matching a number prefix ("274", "274 30", "274.1") or words of the German name."""
    text = (text or "").strip()
    if not text:
        return list(ENTRIES[:limit] if limit else ENTRIES)
    out = []
    m = re.match(r"^(\d+(?:\.\d+)?)(?:\s*[-/ :]\s*(\d+))?$", text)
    if m:
        code, value = m.group(1), m.group(2)
        for e in ENTRIES:
            if e.code and (e.code.startswith(code) if value is None else (e.code == code and e.value == value)):
                out.append(e)
        out.sort(key=lambda e: (e.code != code, e.code, e.value is not None, int(e.value or 0)))
    else:
        words = {_fold(text, True), _fold(text, False)}
        for e, names in _FOLDED:
            if any(all(w in n for w in q.split()) for q in words for n in names):
                out.append(e)
    return out[:limit] if limit else out


# --------------------------------------------------------------------------- vendor labels

# Mapillary-style labels (what the demo detector and the import read), to VzKat keys.
VENDOR_LABELS: Dict[str, Key] = {
    "regulatory--stop--g1": ("sign", "206", None),
    "regulatory--yield--g1": ("sign", "205", None),
    "warning--junction-with-priority--g1": ("sign", "301", None),
    "warning--crossroads--g1": ("sign", "102", None),
    "regulatory--priority-road--g1": ("sign", "306", None),
    "regulatory--end-of-priority-road--g1": ("sign", "307", None),
    "regulatory--maximum-speed-limit-zone-30--g1": ("sign", "274.1", "30"),
    "regulatory--no-stopping--g1": ("sign", "283", None),
    "regulatory--no-parking--g1": ("sign", "286", None),
    "regulatory--road-closed-to-vehicles--g1": ("sign", "250", None),
    "regulatory--no-entry--g1": ("sign", "267", None),
    "regulatory--one-way--g1": ("sign", "220", None),
    "regulatory--no-overtaking--g1": ("sign", "276", None),
    "regulatory--roundabout--g1": ("sign", "215", None),
    "information--pedestrians-crossing--g1": ("sign", "350", None),
    "information--parking--g1": ("sign", "314", None),
    "information--bus-stop--g1": ("sign", "224", None),
    "information--dead-end--g1": ("sign", "357", None),
    "warning--children--g1": ("sign", "136", None),
    "warning--pedestrians-crossing--g1": ("sign", "133", None),
    "warning--roadworks--g1": ("sign", "123", None),
    "warning--other-danger--g1": ("sign", "101", None),
    "warning--traffic-signals--g1": ("sign", "131", None),
    "regulatory--pedestrians-only--g1": ("sign", "239", None),
    "regulatory--bicycles-only--g1": ("sign", "237", None),
    "regulatory--shared-path-pedestrians-and-bicycles--g1": ("sign", "240", None),
    "regulatory--keep-right--g1": ("sign", "222", None),
    "object--traffic-light--general-upright": ("light", None, None),
    "object--traffic-light--general-horizontal": ("light", None, None),
    "object--traffic-light--pedestrians": ("light", None, None),
    "marking--discrete--stop-line": ("marking", "294", None),
    "marking--discrete--give-way-line": ("marking", "341", None),
    "marking--discrete--crosswalk-zebra": ("marking", "293", None),
    "marking--discrete--arrow--straight": ("marking", "297", None),
    "marking--discrete--arrow--left": ("marking", "297", None),
    "marking--discrete--arrow--right": ("marking", "297", None),
    "marking--discrete--dashed-line": ("marking", "340", None),
    "marking--discrete--solid-line": ("marking", "295", None),
    "marking--discrete--zigzag": ("marking", "299", None),
    "marking--discrete--symbol--bicycle": ("marking", "237", None),
}
_VENDOR_PATTERNS = (
    (re.compile(r"^regulatory--maximum-speed-limit-zone-(\d+)$"), ("sign", "274.1")),
    (re.compile(r"^regulatory--end-of-maximum-speed-limit-zone-(\d+)$"), ("sign", "274.2")),
    (re.compile(r"^regulatory--end-of-maximum-speed-limit-(\d+)$"), ("sign", "278")),
    (re.compile(r"^regulatory--maximum-speed-limit-(\d+)$"), ("sign", "274")),
)
_PREFIX_CLASS = {"regulatory": "sign", "warning": "sign", "information": "sign", "complementary": "sign",
                 "marking": "marking"}


def vendor_class(label: str) -> Optional[Key]:
    """The VzKat key of a vendor label (a trailing ``--g<n>`` variant is ignored); None if unknown."""
    label = (label or "").strip()
    if label in VENDOR_LABELS:
        return VENDOR_LABELS[label]
    base = re.sub(r"--g\d+$", "", label)
    for known, key in VENDOR_LABELS.items():
        if re.sub(r"--g\d+$", "", known) == base:
            return key
    for pattern, (asset_class, code) in _VENDOR_PATTERNS:
        m = pattern.match(base)
        if m:
            return (asset_class, code, str(int(m.group(1))))
    return None


def vendor_asset_class(label: str) -> Optional[str]:
    """sign / marking / light from the label's prefix, for labels the table does not know."""
    label = (label or "").strip()
    if label.startswith("object--traffic-light"):
        return "light"
    return _PREFIX_CLASS.get(label.split("--", 1)[0])
