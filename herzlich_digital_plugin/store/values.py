"""Conversions between API values (aware datetimes, JSON objects, bools) and stored ones.

Datetimes are stored as UTC with millisecond precision on both backends: GeoPackage
prescribes ``YYYY-MM-DDTHH:MM:SS.SSSZ`` and PostGIS is truncated the same way so a
value reads back identically whichever backend holds it.
"""
import json
import operator
from datetime import datetime, timezone


def to_int(value):
    # operator.index accepts numpy integers but refuses floats (no silent truncation).
    return operator.index(value)


def to_float(value):
    return float(value)


MAX_TEXT_CHARS = 65536  # ten pages of notes; a label or name of a megabyte is an attack or an error


def to_text(value):
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"a text of {len(value):,} characters is longer than the limit of {MAX_TEXT_CHARS:,} "
                         f"(it starts with {value[:40]!r}); nothing was written")
    return value


def to_bool(value):
    return bool(value)


def _json_default(value):
    # numpy scalars and arrays, without importing numpy here.
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, datetime):
        return datetime_text(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_text(value):
    return json.dumps(value, ensure_ascii=False, default=_json_default, allow_nan=False)


def json_value(text):
    return json.loads(text) if isinstance(text, (str, bytes)) else text


def aware_utc(value):
    """A timezone-aware datetime in UTC, truncated to milliseconds; naive input is an error."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    if not isinstance(value, datetime):
        raise TypeError(f"expected datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError(f"naive datetime {value.isoformat()} has no time zone; "
                         "use an aware datetime (e.g. datetime.now(timezone.utc))")
    value = value.astimezone(timezone.utc)
    return value.replace(microsecond=value.microsecond - value.microsecond % 1000)


def datetime_text(value):
    """GeoPackage DATETIME text: ``2024-05-01T10:00:00.000Z``."""
    v = aware_utc(value)
    return v.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (v.microsecond // 1000)


def parse_datetime(text):
    """Aware UTC datetime from stored text; text without a zone counts as UTC."""
    if text is None:
        return None
    if isinstance(text, datetime):
        value = text
    else:
        text = text.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)
