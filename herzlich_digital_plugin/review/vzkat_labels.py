"""Labels written as VzKat numbers or German names, and a user's own label table, mapped to VzKat keys.

Accepted spellings (case and spaces do not matter):
    206, VZ 206, Zeichen 206, StVO 206, DE:206        the sign itself
    274-53, 274-30, DE:274[30], DE:274.1[30], 274 30  a variant or a value
    1020-30, DE:1020-30                               a Zusatzzeichen: its own class ("sign", "1020", "30")
    DE:260,1020-30                                    a sign with Zusatzzeichen: the first is the class
    Haltverbot, Haltlinie, Stoppschild                German names (``GERMAN_NAMES``, then the catalogue)

Speed signs (274, 274.1, 274.2, 278) carry the speed as value. Their official VzKat variant numbers
274-51 … 274-63 are the old catalogue's "5x" numbering (274-53 = Tempo 30, 274-55 = Tempo 50, 274-62 = 120):
suffixes 51–59 and 61–63 are read that way; any other suffix (274-30, 274-60, StVO 2017 numbering) is the
speed itself. Other signs keep their variant number as value (220-20 Einbahnstraße rechtsweisend, 283-10
Anfang, 1020-30). The table here is written from the official numbering, not copied from any vendor list.
"""
import csv
import re
from typing import Dict, Optional, Tuple

from . import vzkat
from .text import tr

Key = Tuple[str, Optional[str], Optional[str]]

SPEED_CODES = ("274", "274.1", "274.2", "278")
MARKING_CODES = {"293", "294", "295", "296", "297", "298", "299", "340", "341"}

# Old VzKat variant numbers of the speed signs: 274-5x = 10·x km/h (x = 1 … 9), 274-61 … 63 = 110 … 130.
_SPEED_VARIANTS = {str(50 + n): str(10 * n) for n in range(1, 10)}
_SPEED_VARIANTS.update({"61": "110", "62": "120", "63": "130"})

# Everyday German names (folded: lower case, umlauts as ae/oe/ue, ß as ss) → key.
GERMAN_NAMES: Dict[str, Key] = {
    "haltverbot": ("sign", "283", None),
    "absolutes haltverbot": ("sign", "283", None),
    "halteverbot": ("sign", "283", None),
    "eingeschraenktes haltverbot": ("sign", "286", None),
    "eingeschraenktes halteverbot": ("sign", "286", None),
    "parkverbot": ("sign", "286", None),
    "haltlinie": ("marking", "294", None),
    "wartelinie": ("marking", "341", None),
    "stoppschild": ("sign", "206", None),
    "stop": ("sign", "206", None),
    "stopp": ("sign", "206", None),
    "vorfahrt gewaehren": ("sign", "205", None),
    "vorfahrtstrasse": ("sign", "306", None),
    "vorfahrt": ("sign", "301", None),
    "einbahnstrasse": ("sign", "220", None),
    "verbot der einfahrt": ("sign", "267", None),
    "tempo 30 zone": ("sign", "274.1", "30"),
    "tempo 20 zone": ("sign", "274.1", "20"),
    "zebrastreifen": ("sign", "350", None),
    "fussgaengerueberweg": ("sign", "350", None),
    "kreisverkehr": ("sign", "215", None),
    "sackgasse": ("sign", "357", None),
    "gehweg": ("sign", "239", None),
    "radweg": ("sign", "237", None),
    "ampel": ("light", None, None),
    "lichtzeichenanlage": ("light", None, None),
    "anlieger frei": ("sign", "1020", "30"),
    "radverkehr frei": ("sign", "1022", "10"),
}
_TEMPO = re.compile(r"^(?:tempo|hoechstgeschwindigkeit|zulaessige hoechstgeschwindigkeit)\s*(\d{1,3})(?:\s*km\s*h)?$")
_NUMBER = re.compile(
    r"^(?:de\s*:\s*|vz\s*\.?\s*|zeichen\s+|stvo\s+|zz\s*\.?\s*|zusatzzeichen\s+)?"
    r"(\d{3,4}(?:\.\d{1,2})?)"  # main number, 274 or 274.1
    r"(?:\s*\[\s*(\d{1,3})\s*\]|\s*[-/ ]\s*(\d{1,3}))?$")  # [30] value, or -53 / 30 variant


def _fold(text: str) -> str:
    text = text.casefold().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return re.sub(r"[^0-9a-z:.\[\]\-/, ]+", " ", text).strip()


def is_supplement(code: Optional[str]) -> bool:
    """Zusatzzeichen are numbered 1000 … 1099 (VzKat)."""
    return bool(code) and re.match(r"^10\d\d$", code) is not None


def parse_vzkat(text) -> Optional[Key]:
    """The key of one VzKat number ("274-53", "DE:274[30]", "VZ 206", "1020-30"); None if it is none."""
    folded = _fold(str(text or ""))
    m = _NUMBER.match(folded)
    if not m:
        return None
    code, bracket, suffix = m.group(1), m.group(2), m.group(3)
    if code in SPEED_CODES:
        if bracket:
            return ("sign", code, str(int(bracket)))
        if suffix:
            return ("sign", code, _SPEED_VARIANTS.get(suffix, str(int(suffix))))
        return ("sign", code, None)
    value = bracket or suffix
    asset_class = "marking" if code in MARKING_CODES else "sign"
    if not is_supplement(code) and vzkat.lookup(asset_class, code) is None and not re.match(r"^[1-7]\d\d(?:\.\d+)?$", code):
        return None  # numbers outside the catalogue ranges (100 … 799, 1000 … 1099) are no VzKat code
    return (asset_class, code, value)


def parse_label(text, mapping: Optional[Dict[str, Key]] = None) -> Optional[Key]:
    """A label by the user's table, a vendor's name, a VzKat number or a German name; None if unknown.

    A list "DE:260,1020-30" or "260; 1020-30" gives the first sign (``split_signs`` gives all).
    """
    label = str(text or "").strip()
    if not label:
        return None
    if mapping:
        key = mapping.get(label) or mapping.get(label.casefold())
        if key:
            return key
    key = vzkat.vendor_class(label)
    if key:
        return key
    parts = split_signs(label)
    if len(parts) > 1:
        return parse_label(parts[0], mapping)
    key = parse_vzkat(label)
    if key:
        return key
    folded = re.sub(r"[^0-9a-z]+", " ", _fold(label)).strip()
    if folded in GERMAN_NAMES:
        return GERMAN_NAMES[folded]
    m = _TEMPO.match(folded)
    if m:
        return ("sign", "274", str(int(m.group(1))))
    hits = vzkat.search(label)
    if len(hits) == 1:
        return hits[0].key
    exact = [e for e in hits if re.sub(r"[^0-9a-z]+", " ", _fold(e.name)).strip() == folded]
    return exact[0].key if exact else None


def split_signs(text: str):
    """"DE:260,1020-30" → ["DE:260", "DE:1020-30"]: the signs on one post, main sign first."""
    text = str(text or "").strip()
    if not re.search(r"\d", text):
        return [text] if text else []
    prefix = "DE:" if text.upper().startswith("DE:") else ""
    parts = [p.strip() for p in re.split(r"[,;+]", text) if p.strip()]
    return [p if p.upper().startswith("DE:") or not prefix else prefix + p for p in parts]


def code_text(key: Key) -> str:
    """"274-30", "206", "1020-30", or "" for a light: how exports and the register write a key."""
    _, code, value = key
    if not code:
        return ""
    return f"{code}-{value}" if value else code


def load_mapping(path) -> Dict[str, Key]:
    """A user CSV ``label,vzkat`` (header optional, ``,`` or ``;``): label → key. ValueError names bad lines."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            text = fh.read()
    except OSError as exc:
        raise ValueError(tr("The label mapping could not be read: {error}").format(error=exc)) from exc
    delimiter = ";" if text.count(";") > text.count(",") else ","
    out: Dict[str, Key] = {}
    bad = []
    for n, row in enumerate(csv.reader(text.splitlines(), delimiter=delimiter), start=1):
        if not row or not "".join(row).strip() or row[0].strip().startswith("#"):
            continue
        if n == 1 and [c.strip().casefold() for c in row[:2]] == ["label", "vzkat"]:
            continue
        if len(row) < 2:
            bad.append(str(n))
            continue
        label, code = row[0].strip(), row[1].strip()
        key = parse_vzkat(code) or (("light", None, None) if _fold(code) in ("light", "lichtzeichenanlage") else None)
        if not label or key is None:
            bad.append(str(n))
            continue
        out[label] = key
        out[label.casefold()] = key
    if bad:
        raise ValueError(tr("The label mapping has unusable lines (need label,vzkat such as "
                            "'speed30,274-53'): line {lines}").format(lines=", ".join(bad[:20])))
    return out
