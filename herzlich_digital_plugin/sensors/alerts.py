"""Sensor alerts: per-observed-property thresholds and the start/clear events of each breach (pure logic).

A breach starts when a fresh value crosses its threshold and clears when a value is back on the good side, so
the user gets one message per breach, not one per refresh. Stale values and rows without data change nothing:
after an outage nobody knows whether the jam has cleared.
"""
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence

from ..core.sensorthings.snapshot import NO_DATA, STALE, RowKey, SensorRow

BELOW, ABOVE = "<", ">"


@dataclass(frozen=True)
class Threshold:
    observed_property: str
    op: str  # BELOW or ABOVE
    limit: float

    def breached(self, value: Optional[float]) -> bool:
        if value is None or value != value:  # None or NaN: nothing to judge
            return False
        return value < self.limit if self.op == BELOW else value > self.limit

    def __str__(self) -> str:
        return f"{self.observed_property}{self.op}{self.limit:g}"


DEFAULT_THRESHOLDS = (Threshold("speed", BELOW, 15.0), Threshold("occupancy", ABOVE, 90.0))
_ITEM = re.compile(r"^\s*([^<>\s][^<>]*?)\s*([<>])\s*(-?\d+(?:[.,]\d+)?)\s*$")


def parse_thresholds(text: str) -> List[Threshold]:
    """``"speed<15; occupancy>90"`` → thresholds (one per observed property, the last wins).

    Raises ValueError naming the first item that is not ``property<number`` or ``property>number``.
    """
    by_property: Dict[str, Threshold] = {}
    for item in re.split(r"[;\n]", text or ""):
        if not item.strip():
            continue
        match = _ITEM.match(item)
        if match is None:
            raise ValueError(item.strip())
        name, op, limit = match.group(1), match.group(2), float(match.group(3).replace(",", "."))
        by_property[name] = Threshold(name, op, limit)
    return list(by_property.values())


def format_thresholds(thresholds: Iterable[Threshold]) -> str:
    return "; ".join(str(t) for t in thresholds)


@dataclass(frozen=True)
class AlertEvent:
    key: RowKey
    started: bool  # True: the breach began; False: it cleared
    row: SensorRow
    threshold: Threshold


class AlertTracker:
    """Remembers which datastreams are in breach; ``update`` returns only the changes."""

    def __init__(self, thresholds: Sequence[Threshold] = DEFAULT_THRESHOLDS):
        self.set_thresholds(thresholds)
        self.active: Dict[RowKey, Threshold] = {}

    def set_thresholds(self, thresholds: Sequence[Threshold]) -> None:
        self.thresholds = {t.observed_property: t for t in thresholds}

    def threshold_for(self, row: SensorRow) -> Optional[Threshold]:
        return self.thresholds.get(row.observed_property)

    def is_active(self, key: RowKey) -> bool:
        return key in self.active

    def update(self, rows: Iterable[SensorRow], complete: bool = True) -> List[AlertEvent]:
        """Judge the rows; with ``complete`` (all datastreams were read) breaches of vanished rows end silently."""
        events: List[AlertEvent] = []
        seen = set()
        for row in rows:
            key = row.key
            seen.add(key)
            threshold = self.threshold_for(row)
            if threshold is None:
                if key in self.active:  # the threshold was removed: no alert any more, no message either
                    del self.active[key]
                continue
            if row.status in (STALE, NO_DATA) or row.value is None:
                continue  # unknown: keep the current state
            breached = threshold.breached(row.value)
            if breached and key not in self.active:
                self.active[key] = threshold
                events.append(AlertEvent(key, True, row, threshold))
            elif not breached and key in self.active:
                del self.active[key]
                events.append(AlertEvent(key, False, row, threshold))
        if complete:
            for key in [k for k in self.active if k not in seen]:
                del self.active[key]
        return events
