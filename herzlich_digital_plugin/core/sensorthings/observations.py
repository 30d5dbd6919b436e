"""One observation: its times (phenomenonTime is an instant or an interval) and its result as a number."""
import json
import math
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Optional, Tuple

NUMERIC, NULL, TEXT, ARRAY, OBJECT = "numeric", "null", "text", "array", "object"


@dataclass(frozen=True)
class Observation:
    time: Optional[datetime]  # end of phenomenonTime (the instant itself, or an interval's end)
    start: Optional[datetime]  # start of an interval phenomenonTime, else the same as ``time``
    result: Any  # as the server sent it
    value: Optional[float]  # the result as a number, None if it is not one
    kind: str  # NUMERIC, NULL, TEXT, ARRAY or OBJECT
    result_time: Optional[datetime] = None

    @property
    def result_text(self) -> str:
        return result_text(self.result)


def parse_time(text) -> Optional[datetime]:
    """An ISO 8601 instant as an aware datetime (UTC assumed without a zone); None if unreadable."""
    if not isinstance(text, str) or not text.strip():
        return None
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def parse_phenomenon_time(value) -> Tuple[Optional[datetime], Optional[datetime]]:
    """(start, end) of a phenomenonTime: an instant gives (t, t), an interval "a/b" gives (a, b)."""
    if not isinstance(value, str):
        return None, None
    if "/" in value:
        first, _, second = value.partition("/")
        start, end = parse_time(first), parse_time(second)
        return start or end, end or start
    when = parse_time(value)
    return when, when


def format_time(when: datetime) -> str:
    """UTC with a Z: no '+', which some servers' next links would turn into a space."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    when = when.astimezone(timezone.utc)
    text = when.strftime("%Y-%m-%dT%H:%M:%S")
    if when.microsecond:
        text += f".{when.microsecond // 1000:03d}"
    return text + "Z"


def numeric_result(result) -> Tuple[Optional[float], str]:
    """(number or None, kind). Numeric strings such as "12.5" count as numbers; booleans as 1/0."""
    if result is None:
        return None, NULL
    if isinstance(result, bool):
        return float(result), NUMERIC
    if isinstance(result, (int, float)):
        value = float(result)
        return (value, NUMERIC) if math.isfinite(value) else (None, TEXT)
    if isinstance(result, str):
        try:
            value = float(result.strip().replace(",", ".")) if result.strip() else None
        except ValueError:
            value = None
        if value is not None and math.isfinite(value):
            return value, NUMERIC
        return None, TEXT
    if isinstance(result, list):
        return None, ARRAY
    return None, OBJECT


def result_text(result) -> str:
    if result is None:
        return ""
    if isinstance(result, str):
        return result
    if isinstance(result, float) and result.is_integer() and abs(result) < 1e15:
        return str(int(result))
    if isinstance(result, (int, float, bool)):
        return json.dumps(result)
    return json.dumps(result, ensure_ascii=False)


def parse_observation(entity: dict, component: Optional[int] = None) -> Optional[Observation]:
    """An Observation entity (of a Datastream, or component ``component`` of a MultiDatastream's array)."""
    if not isinstance(entity, dict):
        return None
    start, end = parse_phenomenon_time(entity.get("phenomenonTime"))
    result_time = parse_time(entity.get("resultTime"))
    if end is None:
        start = end = result_time
    result = entity.get("result")
    if component is not None:
        result = result[component] if isinstance(result, list) and component < len(result) else None
    value, kind = numeric_result(result)
    return Observation(end, start, result, value, kind, result_time)


def component_observation(observation: Observation, component: int) -> Observation:
    """Component ``component`` of a MultiDatastream observation (whose result is an array)."""
    result = observation.result
    result = result[component] if isinstance(result, list) and 0 <= component < len(result) else None
    value, kind = numeric_result(result)
    return Observation(observation.time, observation.start, result, value, kind, observation.result_time)
