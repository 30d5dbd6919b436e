"""The alarm list of a control room: every active, acknowledged and past alarm of all live sensor layers.

Alarms are kept per (server, datastream): two layers showing the same server raise one alarm and one
message, not two. The book also decides what the message bar says: one summary instead of a flood (the first
load of a large server, or many breaches in one refresh), single messages otherwise.
"""
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import count
from typing import Dict, List, Optional, Set, Tuple

from qgis.core import Qgis
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.sensorthings.snapshot import RowKey
from ..core.sensorthings.urls import normalise_root
from ..toolbelt.i18n import tr
from .alerts import AlertEvent, Threshold
from .layer_style import format_value, property_label

SUMMARY_OVER = 3  # more new alarms than this in one write: one summary message
HISTORY_LIMIT = 1000
AlarmId = Tuple[str, RowKey]


@dataclass
class Alarm:
    number: int
    server: str
    key: RowKey
    thing: str
    datastream: str
    observed_property: str
    unit: str
    threshold: Threshold
    since: Optional[datetime]  # the breach began (phenomenonTime)
    raised_at: datetime  # when the alarm was raised here (clock)
    value: Optional[float]
    value_time: Optional[datetime]
    sources: Set[str] = field(default_factory=set)  # layer ids that show it
    acknowledged_at: Optional[datetime] = None
    cleared_at: Optional[datetime] = None
    cleared_value: Optional[float] = None

    @property
    def where(self) -> str:
        return f"{self.thing} – {self.datastream}" if self.thing else self.datastream

    @property
    def ident(self) -> AlarmId:
        return self.server, self.key


def server_of(url: str) -> str:
    try:
        return normalise_root(url).lower()
    except ValueError:
        return (url or "").strip().lower()


def _now() -> datetime:
    return datetime.now(timezone.utc)


class AlarmBook(QObject):
    changed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.active: Dict[AlarmId, Alarm] = {}  # acknowledged ones included until they clear
        self.history: List[Alarm] = []  # cleared, newest first
        self._numbers = count(1)

    # ------------------------------------------------------------------ views
    def unacknowledged(self) -> List[Alarm]:
        return sorted((a for a in self.active.values() if a.acknowledged_at is None), key=lambda a: -a.number)

    def acknowledged(self) -> List[Alarm]:
        return sorted((a for a in self.active.values() if a.acknowledged_at is not None), key=lambda a: -a.number)

    def find(self, number: int) -> Optional[Alarm]:
        return next((a for a in self.active.values() if a.number == number), None)

    # ------------------------------------------------------------------ changes
    def acknowledge(self, numbers) -> int:
        """Mark active alarms as seen; returns how many changed."""
        done = 0
        for number in numbers:
            alarm = self.find(number)
            if alarm is not None and alarm.acknowledged_at is None:
                alarm.acknowledged_at = _now()
                done += 1
        if done:
            self.changed.emit()
        return done

    def report(self, source: str, url: str, events: List[AlertEvent], first_load: bool = False,
               layer_name: str = "") -> List[Tuple[str, object]]:
        """Enter a layer's alarm events; returns the messages (text, level) to show, duplicates left out."""
        server = server_of(url)
        started, ended = [], []
        for event in events:
            ident = (server, event.key)
            row = event.row
            alarm = self.active.get(ident)
            if event.started:
                if alarm is not None:  # another layer of the same server raised it already
                    alarm.sources.add(source)
                    alarm.value, alarm.value_time = row.value, row.time
                    continue
                alarm = Alarm(next(self._numbers), server, event.key, row.thing, row.datastream,
                              row.observed_property, row.unit, event.threshold, event.since, _now(), row.value,
                              row.time, {source})
                self.active[ident] = alarm
                started.append(alarm)
            elif alarm is not None:
                del self.active[ident]
                alarm.cleared_at, alarm.cleared_value = _now(), row.value
                self.history.insert(0, alarm)
                ended.append(alarm)
        del self.history[HISTORY_LIMIT:]
        if started or ended:
            self.changed.emit()
        messages = []
        if started and (len(started) > SUMMARY_OVER or (first_load and len(started) > 1)):
            messages.append((summary_text(started, layer_name), Qgis.MessageLevel.Critical))
        else:
            messages += [(started_text(alarm), Qgis.MessageLevel.Critical) for alarm in started]
        if len(ended) > SUMMARY_OVER:
            messages.append((tr("{count} sensor alarms are over.").format(count=len(ended)),
                             Qgis.MessageLevel.Success))
        else:
            messages += [(ended_text(alarm), Qgis.MessageLevel.Success) for alarm in ended]
        return messages

    def update_values(self, url: str, rows) -> None:
        """Latest values of datastreams in alarm (for the list), without a message."""
        server = server_of(url)
        touched = False
        for row in rows:
            alarm = self.active.get((server, row.key))
            if alarm is not None and row.value is not None and row.time != alarm.value_time:
                alarm.value, alarm.value_time, touched = row.value, row.time, True
        if touched:
            self.changed.emit()

    def forget_source(self, source: str) -> None:
        """A layer left the project: its alarms end without a message unless another layer still shows them."""
        for ident, alarm in list(self.active.items()):
            alarm.sources.discard(source)
            if not alarm.sources:
                del self.active[ident]
                alarm.cleared_at = _now()
                self.history.insert(0, alarm)
        self.changed.emit()


def _duration(alarm: Alarm) -> str:
    if alarm.since is None or alarm.value_time is None:
        return ""
    minutes = int(max(0.0, (alarm.value_time - alarm.since).total_seconds()) // 60)
    return tr("for {minutes} min").format(minutes=minutes) if minutes else ""


def started_text(alarm: Alarm) -> str:
    threshold = alarm.threshold
    unit = threshold.judging_unit or alarm.unit
    text = tr("Alert: {where}: {property} {value} (threshold {op} {limit} {unit}).").format(
        where=alarm.where, property=property_label(alarm.observed_property),
        value=format_value(alarm.value, alarm.unit), op=threshold.op, limit=f"{threshold.limit:g}", unit=unit)
    duration = _duration(alarm)
    return f"{text} {duration}".strip() if threshold.min_duration_s and duration else text


def ended_text(alarm: Alarm) -> str:
    return tr("Alert over: {where}: {property} back at {value}.").format(
        where=alarm.where, property=property_label(alarm.observed_property),
        value=format_value(alarm.cleared_value, alarm.unit))


def summary_text(alarms: List[Alarm], layer_name: str = "") -> str:
    examples = ", ".join(alarm.where for alarm in alarms[:3])
    return tr("{count} sensor alarms active{layer} (e.g. {examples}). The alarm list shows all of them.").format(
        count=len(alarms), layer=f" – {layer_name}" if layer_name else "", examples=examples)
