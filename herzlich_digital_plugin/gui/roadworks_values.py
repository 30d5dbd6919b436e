"""Roadworks field values as the forms, the conflict dialog and the history show them (local time, labels)."""
from datetime import datetime, timedelta, timezone
from typing import Optional

from qgis.PyQt.QtCore import QDateTime

from ..roadworks.model import DATETIME_FIELDS, direction_labels, restriction_labels, status_labels
from ..toolbelt.i18n import tr, user_locale

EMPTY = "–"
DATETIME_FORMAT = "dd.MM.yyyy HH:mm"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def to_qdatetime(value: Optional[datetime]) -> QDateTime:
    """An aware datetime as a local QDateTime (null for None)."""
    if value is None:
        return QDateTime()
    if value.tzinfo is None:  # the store's rule: naive is UTC
        value = value.replace(tzinfo=timezone.utc)
    return QDateTime.fromMSecsSinceEpoch(int(round(value.timestamp() * 1000)))


def from_qdatetime(value: QDateTime) -> Optional[datetime]:
    """A QDateTime (local time) as an aware UTC datetime (None for a null or invalid one)."""
    if value is None or value.isNull() or not value.isValid():
        return None
    return _EPOCH + timedelta(milliseconds=value.toMSecsSinceEpoch())  # exact: no float seconds


def show_datetime(value) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, str):
        from ..store.values import parse_datetime
        try:
            value = parse_datetime(value)
        except ValueError:
            return value
    return to_qdatetime(value).toString(DATETIME_FORMAT)


def show_number(value, decimals: int = 0) -> str:
    """A number with the user's thousands separator and decimal sign."""
    if value is None:
        return EMPTY
    return user_locale().toString(float(value), "f", decimals)


def show_geometry(value) -> str:
    """"Line, 342.0 m" / "Polygon, 1,250 m²" for a shapely geometry or WKT."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        from shapely import wkt
        try:
            value = wkt.loads(value)
        except Exception:  # shapely 1.8 raises WKTReadingError, 2.x GEOSException
            return value[:60]
    if value.geom_type == "Polygon":
        return tr("Polygon, {area} m²").format(area=show_number(value.area))
    if value.geom_type == "LineString":
        return tr("Line, {length} m").format(length=show_number(value.length, 1))
    return value.geom_type


def show_value(field: str, value) -> str:
    """One field's value for people: labels for choices, local times, geometry summaries."""
    if value is None or value == "":
        return EMPTY
    if field in DATETIME_FIELDS:
        return show_datetime(value)
    if field in ("geometry", "detour"):
        return show_geometry(value)
    labels = {"status": status_labels, "restriction": restriction_labels, "direction": direction_labels}.get(field)
    if labels is not None:
        return labels().get(value, str(value))
    return str(value)
