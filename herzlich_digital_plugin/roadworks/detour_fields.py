"""Which fields of a road layer the detour reads, and how its one-way values are spelled.

The defaults match the store's ``road`` table (name, oneway 0/1, speed_limit in km/h). One-way values are
recognised case-insensitively: forward (along the digitising direction) ``1, yes, true, y, ft, forward``;
backward ``-1, tf, reverse, backward``; anything else (0, no, NULL, B, …) is both ways. An empty field name
means the layer has no such field: no one-way streets, or the default speed everywhere.
"""
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from .detour_errors import MissingFieldsError, RoadLayerError
from .exchange_text import tr

FORWARD_VALUES = ("1", "yes", "true", "y", "ft", "forward")
BACKWARD_VALUES = ("-1", "tf", "reverse", "backward")
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
        return BOTH


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
    """{role: field index or -1} for name/oneway/speed; MissingFieldsError lists the names not found."""
    from qgis.core import QgsWkbTypes

    if layer is None or not layer.isValid():
        raise RoadLayerError(tr("The road layer is not valid."))
    if layer.geometryType() != QgsWkbTypes.GeometryType.LineGeometry:
        raise RoadLayerError(tr("The road layer {layer} is not a line layer.").format(layer=layer.name()))
    names = layer.fields().names()
    out, missing = {}, []
    for role in ("name", "oneway", "speed"):
        wanted = (getattr(fields, role) or "").strip()
        if not wanted:
            out[role] = -1
            continue
        index = layer.fields().lookupField(wanted)
        if index < 0:
            missing.append(wanted)
        out[role] = index
    if missing:
        raise MissingFieldsError(layer.name(), missing, names)
    return out


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
