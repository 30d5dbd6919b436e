"""The "Sensor alarms" dock: the alarm book of every live sensor layer as three lists, active (not yet
acknowledged), acknowledged (still in breach) and history (cleared), with time, value and threshold.
"Acknowledge" moves the selected active alarms to the second list; nothing is ever deleted from the history
while QGIS runs."""
from datetime import datetime
from typing import List, Optional

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QDateTime, Qt
from qgis.PyQt.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                                 QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ..sensors.alarm_book import Alarm, AlarmBook
from ..sensors.layer_style import format_value, property_label
from ..toolbelt.i18n import tr, user_locale

ACTIVE, ACKNOWLEDGED, HISTORY = 0, 1, 2
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def _time(when: Optional[datetime], locale) -> str:
    if when is None:
        return "–"
    local = QDateTime.fromMSecsSinceEpoch(int(round(when.timestamp() * 1000))).toLocalTime()
    return locale.toString(local, "dd.MM.yyyy HH:mm")


def _minutes(start: Optional[datetime], end: Optional[datetime], locale) -> str:
    if start is None or end is None:
        return "–"
    return tr("{minutes} min").format(minutes=locale.toString(int(max(0.0, (end - start).total_seconds()) // 60)))


def _threshold(alarm: Alarm, locale) -> str:
    threshold = alarm.threshold
    text = f"{threshold.op} {format_value(threshold.limit, threshold.judging_unit or alarm.unit, locale)}"
    if threshold.hysteresis:
        text += " ±" + locale.toString(float(threshold.hysteresis), "g", 6)
    if threshold.min_duration_s:
        text += " " + tr("for {minutes} min").format(minutes=locale.toString(threshold.min_duration_s / 60.0, "g", 4))
    return text


class SensorAlarmDock(QgsDockWidget):
    OBJECT_NAME = "mHerzlichDigitalSensorAlarmDock"

    def __init__(self, book: AlarmBook, parent=None):
        super().__init__(tr("Sensor alarms"), parent)
        self.setObjectName(self.OBJECT_NAME)
        self.book = book
        self.tabs = QTabWidget()
        self.tables: List[QTableWidget] = []
        headers = ([tr("Since"), tr("Sensor"), tr("Quantity"), tr("Value"), tr("Threshold"), tr("Duration")],
                   [tr("Since"), tr("Sensor"), tr("Quantity"), tr("Value"), tr("Threshold"), tr("Acknowledged")],
                   [tr("Since"), tr("Sensor"), tr("Quantity"), tr("Value"), tr("Threshold"), tr("Over at")])
        for columns in headers:
            table = QTableWidget(0, len(columns))
            table.setHorizontalHeaderLabels(columns)
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.tables.append(table)
            self.tabs.addTab(table, "")
        self.acknowledge_button = QPushButton(tr("Acknowledge"))
        self.acknowledge_button.setToolTip(tr("Mark the selected active alarms as seen"))
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.acknowledge_all_button = QPushButton(tr("Acknowledge all"))
        self.acknowledge_all_button.clicked.connect(self.acknowledge_all)
        self.summary = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.acknowledge_button)
        buttons.addWidget(self.acknowledge_all_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.setWidget(body)
        book.changed.connect(self.reload)
        self.tabs.currentChanged.connect(lambda index: self._buttons())
        self.reload()

    # ------------------------------------------------------------------ contents
    def alarms(self, tab: int) -> List[Alarm]:
        if tab == ACTIVE:
            return self.book.unacknowledged()
        if tab == ACKNOWLEDGED:
            return self.book.acknowledged()
        return list(self.book.history)

    def reload(self) -> None:
        locale = user_locale()
        titles = (tr("Active ({count})"), tr("Acknowledged ({count})"), tr("History ({count})"))
        for tab, table in enumerate(self.tables):
            alarms = self.alarms(tab)
            selected = set(self._selected_numbers(table))
            table.setRowCount(len(alarms))
            for index, alarm in enumerate(alarms):
                if tab == ACTIVE:
                    last = _minutes(alarm.since, alarm.value_time, locale)
                elif tab == ACKNOWLEDGED:
                    last = _time(alarm.acknowledged_at, locale)
                else:
                    last = _time(alarm.cleared_at, locale)
                value = alarm.cleared_value if tab == HISTORY and alarm.cleared_value is not None else alarm.value
                cells = (_time(alarm.since or alarm.raised_at, locale), alarm.where,
                         property_label(alarm.observed_property), format_value(value, alarm.unit, locale),
                         _threshold(alarm, locale), last)
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(NUMBER_ROLE, alarm.number)
                    if column == 3:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    table.setItem(index, column, item)
                if alarm.number in selected:
                    table.selectRow(index)
            self.tabs.setTabText(tab, titles[tab].format(count=locale.toString(len(alarms))))
        count = len(self.book.unacknowledged())
        self.summary.setText(tr("{count} unacknowledged alarms").format(count=locale.toString(count)) if count
                             else tr("No unacknowledged alarm"))
        self._buttons()

    def _buttons(self) -> None:
        active = self.tabs.currentIndex() == ACTIVE
        self.acknowledge_button.setEnabled(active and self.tables[ACTIVE].rowCount() > 0)
        self.acknowledge_all_button.setEnabled(self.tables[ACTIVE].rowCount() > 0)

    @staticmethod
    def _selected_numbers(table: QTableWidget) -> List[int]:
        rows = sorted({index.row() for index in table.selectedIndexes()})
        return [table.item(row, 0).data(NUMBER_ROLE) for row in rows if table.item(row, 0) is not None]

    # ------------------------------------------------------------------ actions
    def acknowledge_selected(self) -> int:
        return self.book.acknowledge(self._selected_numbers(self.tables[ACTIVE]))

    def acknowledge_all(self) -> int:
        return self.book.acknowledge([alarm.number for alarm in self.book.unacknowledged()])
