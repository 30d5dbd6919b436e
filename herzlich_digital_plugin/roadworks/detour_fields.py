"""Which fields of a road layer the detour reads, and how its one-way values are spelled.

The defaults match the store's ``road`` table (name, oneway 0/1, speed_limit in km/h). One-way values are
recognised case-insensitively (``detour_values.ONEWAY_WORDS``: yes/no/-1/true/false/1/0/ja/nein/wahr/falsch,
FT/TF, NULL = both ways); any other value stops with a message listing them. An empty field name means the layer
has no such field: no one-way streets, or the default speed everywhere.

The default names are searched case-insensitively among the usual spellings (OSM, German municipal layers,
``AUTO_NAMES``); an OSM layer read by GDAL keeps oneway/maxspeed in ``other_tags``, which is read as well. A
default speed or one-way field that is not found is done without, with a warning; a missing name field and a
field the user named are reported as missing (MissingFieldsError: the GUI offers a field mapping).
"""
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from .detour_errors import MissingFieldsError, RoadLayerError
from .detour_values import oneway_value
from .exchange_text import tr

FORWARD_VALUES = ("1", "yes", "true", "y", "ft", "forward", "ja", "j", "wahr")
BACKWARD_VALUES = ("-1", "tf", "reverse", "backward")
DEFAULT_NAMES = {"name": "name", "oneway": "oneway", "speed": "speed_limit"}
AUTO_NAMES = {"name": ("name", "strassenname", "straßenname", "strasse", "straße", "str_name", "road_name"),
              "oneway": ("oneway", "one_way", "einbahn", "einbahnstrasse", "einbahnstraße", "richtung"),
              "speed": ("speed_limit", "maxspeed", "max_speed", "speed", "tempo", "vmax", "v_max",
                        "geschwindigkeit", "zul_geschw")}
OTHER_TAGS = "other_tags"  # GDAL's OSM driver: '"maxspeed"=>"30","oneway"=>"yes"'
OTHER_TAG_KEYS = {"oneway": ("oneway",), "speed": ("maxspeed",)}
FORWARD, BACKWARD, BOTH = "F", "T", "B"


@dataclass(frozen=True)
class RoadFields:
    name: str = "name"
    oneway: str = "oneway"
    speed: str = "speed_limit"  # km/h
    forward_values: Tuple[str, ...] = FORWARD_VALUES
    backward_values: Tuple[str, ...] = BACKWARD_VALUES

    def classify(self, value) -> str:
        """FORWARD, BACKWARD or BOTH for one attribute value."""
        text = variant_text(value).strip().casefold()
        if text in {v.casefold() for v in self.forward_values}:
            return FORWARD
        if text in {v.casefold() for v in self.backward_values}:
            return BACKWARD
        return oneway_value(value)  # both ways, or UnknownValueError listing the accepted values


def variant_text(value) -> str:
    """The text QVariant::toString() gives for an attribute value (what QgsVectorLayerDirector compares)."""
    if value is None:
        return ""
    if hasattr(value, "isNull") and value.isNull():
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def check_fields(layer, fields: RoadFields) -> Dict[str, int]:
    """{role: field index or -1} for name/oneway/speed (and other_tags); MissingFieldsError lists the names
    the user gave that were not found."""
    return resolve_fields(layer, fields)[0]


def resolve_fields(layer, fields: RoadFields) -> Tuple[Dict[str, int], List[str]]:
    """(check_fields' indices, warnings about default fields the layer lacks)."""
    from qgis.core import QgsWkbTypes

    if layer is None or not layer.isValid():
        raise RoadLayerError(tr("The road layer is not valid."))
    if layer.geometryType() != QgsWkbTypes.GeometryType.LineGeometry:
        raise RoadLayerError(tr("The road layer {layer} is not a line layer.").format(layer=layer.name()))
    names = layer.fields().names()
    folded = {n.casefold(): i for i, n in reversed(list(enumerate(names)))}
    other_tags = folded.get(OTHER_TAGS, -1)
    out, missing, warnings = {OTHER_TAGS: -1}, [], []
    for role in ("name", "oneway", "speed"):
        wanted = (getattr(fields, role) or "").strip()
        if not wanted:
            out[role] = -1
            continue
        if wanted == DEFAULT_NAMES[role]:
            index = next((folded[n] for n in AUTO_NAMES[role] if n in folded), -1)
            if index < 0 and role in OTHER_TAG_KEYS and other_tags >= 0:
                out[OTHER_TAGS] = other_tags
            elif index < 0 and role == "speed":
                warnings.append(tr("The road layer {layer} has no speed field ({names}): every road counts with "
                                   "the default speed.").format(layer=layer.name(), names=", ".join(AUTO_NAMES[role])))
            elif index < 0 and role == "name":
                missing.append(wanted)  # needed for the street names and where a closed stretch ends: ask
            elif index < 0 and role == "oneway":
                warnings.append(tr("The road layer {layer} has no one-way field ({names}): every road counts as "
                                   "two-way.").format(layer=layer.name(), names=", ".join(AUTO_NAMES[role])))
        else:
            index = layer.fields().lookupField(wanted)
            if index < 0:
                missing.append(wanted)
        out[role] = index
    if missing:
        raise MissingFieldsError(layer.name(), missing, names)
    return out, warnings


_TAG = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')


def other_tag(text, key: str) -> Optional[str]:
    """The value of ``key`` in an hstore-like other_tags text, or None."""
    if not text or not isinstance(text, str):
        return None
    for k, v in _TAG.findall(text):
        if k == key:
            return v.replace('\\"', '"')
    return None


def direction_spellings(layer, index: int, fields: RoadFields) -> Tuple[Optional[str], Optional[str], bool]:
    """(the forward spelling, the backward spelling, several spellings of one direction are mixed).

    QgsVectorLayerDirector compares one text per direction; a layer mixing e.g. ``yes`` and ``1`` needs a
    normalised copy (``mixed``).
    """
    if index < 0:
        return None, None, False
    forward, backward = set(), set()
    for value in layer.uniqueValues(index):
        kind = fields.classify(value)
        if kind == FORWARD:
            forward.add(variant_text(value))
        elif kind == BACKWARD:
            backward.add(variant_text(value))
    mixed = len(forward) > 1 or len(backward) > 1
    return (min(forward) if forward else None), (min(backward) if backward else None), mixed
