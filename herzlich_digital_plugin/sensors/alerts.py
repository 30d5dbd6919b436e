"""Sensor alarms: thresholds and the start/clear events of each breach (pure logic, no QGIS).

A threshold applies to one datastream (``#Datastreams|17|-1<15``), to one Thing's datastreams of a quantity
(``speed@Kreuzung Burgstraße<20``) or to a quantity everywhere (``speed<15``); the most specific one wins.
Quantities match by their German and English names ("Geschwindigkeit" is speed) and values are converted
into the threshold's unit first (``traffic_volume[Kfz/h]>1200`` judges a Kfz/15 min datastream by 4 × its
value). A breach starts when a fresh value crosses the limit and has stayed across it for the minimum
duration (``seit 5 min``, measured in phenomenonTime), and clears only once the value is back beyond the
hysteresis (``±3``), so a value hovering at the limit does not toggle. Stale values and rows without data
change nothing: after an outage nobody knows whether the jam has cleared.
"""
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..core.sensorthings.snapshot import NO_DATA, STALE, RowKey, SensorRow
from .quantities import CLASS_UNITS, canonical_property, convert, same_property

BELOW, ABOVE = "<", ">"
DURATION_UNITS = {"s": 1.0, "sek": 1.0, "min": 60.0, "h": 3600.0}


@dataclass(frozen=True)
class Threshold:
    observed_property: str  # the quantity (any of its names); "" for a datastream threshold
    op: str  # BELOW or ABOVE
    limit: float
    hysteresis: float = 0.0  # a breach clears only beyond limit ± hysteresis
    min_duration_s: float = 0.0  # a breach counts once it lasted this long
    unit: str = ""  # the unit of limit and hysteresis; "" : the quantity's usual unit (CLASS_UNITS)
    thing: str = ""  # only this Thing's datastreams
    datastream: str = ""  # only this datastream (its key text, "Datastreams|17|-1")

    def breached(self, value: Optional[float]) -> bool:
        if value is None or value != value:  # None or NaN: nothing to judge
            return False
        return value < self.limit if self.op == BELOW else value > self.limit

    def cleared(self, value: Optional[float]) -> bool:
        """Back on the good side, beyond the hysteresis."""
        if value is None or value != value:
            return False
        if self.op == BELOW:
            return value >= self.limit + self.hysteresis
        return value <= self.limit - self.hysteresis

    @property
    def judging_unit(self) -> str:
        return self.unit or CLASS_UNITS.get(canonical_property(self.observed_property), "")

    def value_of(self, row: SensorRow) -> Optional[float]:
        """The row's value in this threshold's unit; None when the units measure different things."""
        target = self.judging_unit
        if not target or not row.unit:
            return row.value
        converted = convert(row.value, row.unit, target)
        if converted is None and not self.unit:  # a quantity's usual unit is only a default
            return row.value
        return converted

    @property
    def specificity(self) -> int:
        return 2 if self.datastream else 1 if self.thing else 0

    @property
    def identity(self) -> Tuple[str, str, str]:
        return canonical_property(self.observed_property).lower(), self.thing.lower(), self.datastream

    def __str__(self) -> str:
        subject = f"#{self.datastream}" if self.datastream else self.observed_property
        if self.thing and not self.datastream:
            subject += f"@{self.thing}"
        if self.unit:
            subject += f"[{self.unit}]"
        text = f"{subject}{self.op}{self.limit:g}"
        if self.hysteresis:
            text += f" ±{self.hysteresis:g}"
        if self.min_duration_s:
            minutes = self.min_duration_s / 60.0
            text += f" seit {minutes:g} min" if minutes >= 1 else f" seit {self.min_duration_s:g} s"
        return text


DEFAULT_THRESHOLDS = (Threshold("speed", BELOW, 15.0), Threshold("occupancy", ABOVE, 90.0))
_NUMBER = r"-?\d+(?:[.,]\d+)?"
_ITEM = re.compile(
    r"^\s*(?P<subject>[^<>\[\]\s][^<>\[\]]*?)\s*(?:\[(?P<unit>[^\]]*)\])?\s*(?P<op>[<>])\s*(?P<limit>" + _NUMBER + ")"
    r"(?:\s*(?:±|\+/-|\+-)\s*(?P<hysteresis>\d+(?:[.,]\d+)?))?"
    r"(?:\s*(?:seit|for|since|ab)\s*(?P<duration>\d+(?:[.,]\d+)?)\s*(?P<dunit>s|sek|min|h))?\s*$", re.IGNORECASE)


def _number(text: Optional[str]) -> float:
    return float(text.replace(",", ".")) if text else 0.0


def parse_thresholds(text: str) -> List[Threshold]:
    """``"speed<15; Geschwindigkeit@Kreuzung<20 ±3 seit 5 min; #Datastreams|17|-1>450"`` → thresholds (one per
    subject, the last wins). Raises ValueError naming the first item that is not ``subject<number`` or
    ``subject>number`` with optional ``[unit]``, ``±hysteresis`` and ``seit N min``."""
    by_subject: Dict[Tuple[str, str, str], Threshold] = {}
    for item in re.split(r"[;\n]", text or ""):
        if not item.strip():
            continue
        match = _ITEM.match(item)
        if match is None:
            raise ValueError(item.strip())
        subject, thing, datastream = match.group("subject").strip(), "", ""
        if subject.startswith("#"):
            datastream, subject = subject[1:].strip(), ""
            if not datastream:
                raise ValueError(item.strip())
        elif "@" in subject:
            subject, thing = (part.strip() for part in subject.split("@", 1))
            if not subject or not thing:
                raise ValueError(item.strip())
        duration = _number(match.group("duration")) * DURATION_UNITS.get((match.group("dunit") or "s").lower(), 1.0)
        threshold = Threshold(subject, match.group("op"), _number(match.group("limit")),
                              _number(match.group("hysteresis")), duration, (match.group("unit") or "").strip(),
                              thing, datastream)
        by_subject[threshold.identity] = threshold
    return list(by_subject.values())


def format_thresholds(thresholds: Iterable[Threshold]) -> str:
    return "; ".join(str(t) for t in thresholds)


@dataclass(frozen=True)
class AlertEvent:
    key: RowKey
    started: bool  # True: the breach began; False: it cleared
    row: SensorRow
    threshold: Threshold
    since: Optional[datetime] = None  # when the breach began (phenomenonTime)


@dataclass
class _Breach:
    threshold: Threshold
    since: datetime
    raised: bool = False


def _key_text(key: RowKey) -> str:
    return f"{key[0]}|{key[1]}|{key[2]}"


class AlertTracker:
    """Remembers which datastreams are in breach; ``update`` returns only the changes."""

    def __init__(self, thresholds: Sequence[Threshold] = DEFAULT_THRESHOLDS):
        self.breaches: Dict[RowKey, _Breach] = {}
        self.set_thresholds(thresholds)

    def set_thresholds(self, thresholds: Sequence[Threshold]) -> None:
        self.all_thresholds = sorted(thresholds, key=lambda t: -t.specificity)
        self.thresholds = {t.observed_property: t for t in thresholds if not t.specificity}

    @property
    def active(self) -> Dict[RowKey, Threshold]:
        return {key: breach.threshold for key, breach in self.breaches.items() if breach.raised}

    def threshold_for(self, row: SensorRow) -> Optional[Threshold]:
        """The most specific threshold for the row whose unit can judge it."""
        key = _key_text(row.key)
        for threshold in self.all_thresholds:
            if threshold.datastream:
                if threshold.datastream != key:
                    continue
            elif not same_property(threshold.observed_property, row.observed_property):
                continue
            elif threshold.thing and threshold.thing.lower() != (row.thing or "").strip().lower():
                continue
            if row.value is not None and threshold.value_of(row) is None:
                continue  # e.g. a limit in km/h for a datastream in %
            return threshold
        return None

    def is_active(self, key: RowKey) -> bool:
        breach = self.breaches.get(key)
        return breach is not None and breach.raised

    def since(self, key: RowKey) -> Optional[datetime]:
        breach = self.breaches.get(key)
        return breach.since if breach is not None and breach.raised else None

    def update(self, rows: Iterable[SensorRow], complete: bool = True) -> List[AlertEvent]:
        """Judge the rows; with ``complete`` (all datastreams were read) breaches of vanished rows end silently."""
        events: List[AlertEvent] = []
        seen = set()
        for row in rows:
            key = row.key
            seen.add(key)
            threshold = self.threshold_for(row)
            if threshold is None:
                self.breaches.pop(key, None)  # the threshold was removed: no alert any more, no message either
                continue
            if row.status in (STALE, NO_DATA) or row.value is None:
                continue  # unknown: keep the current state
            value = threshold.value_of(row)
            breach = self.breaches.get(key)
            if breach is not None and breach.threshold != threshold:
                breach.threshold = threshold  # edited: judged by the new one from now on
            if breach is not None and breach.raised:
                if threshold.cleared(value):
                    del self.breaches[key]
                    events.append(AlertEvent(key, False, row, threshold, breach.since))
                continue
            if not threshold.breached(value):
                self.breaches.pop(key, None)  # back before it lasted long enough
                continue
            when = row.time or datetime.now(timezone.utc)
            if breach is None:
                breach = self.breaches[key] = _Breach(threshold, row.time_start or when)
            if (when - breach.since).total_seconds() >= threshold.min_duration_s:
                breach.raised = True
                events.append(AlertEvent(key, True, row, threshold, breach.since))
        if complete:
            for key in [k for k in self.breaches if k not in seen]:
                del self.breaches[key]
        return events
