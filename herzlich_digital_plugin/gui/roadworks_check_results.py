"""The check's outcome as tabs: summary, conflicts, affected assets, sensors, quietest window (chart), detour."""
from typing import List, Optional

from qgis.PyQt.QtCore import QLocale, Qt
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QScrollArea, QTableWidget,
                                 QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ..roadworks.model import direction_labels, restriction_labels, status_labels
from ..toolbelt.i18n import tr, user_locale
from .roadworks_values import EMPTY, show_datetime, show_number


def window_problem_text(code: str) -> str:
    return {
        "no_history": tr("No traffic counter with a history near the site, so no quietest window can be suggested."),
        "no_period": tr("The roadworks has no planned period, so no quietest window can be suggested."),
        "too_short": tr("The planned period is shorter than the duration asked for."),
    }.get(code, code)


def show_local(moment) -> str:
    """A window time in its own (Europe/Berlin) wall time, with the weekday: "Sa. 07.11.2026 23:00"."""
    if moment is None:
        return EMPTY
    day = user_locale().dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{day} {moment.strftime('%d.%m.%Y %H:%M')}"


def show_duration(seconds: float) -> str:
    minutes = float(seconds) / 60.0
    if abs(minutes) < 1.0:
        return tr("{seconds} s").format(seconds=show_number(seconds))
    return tr("{minutes} min").format(minutes=show_number(minutes, 1))


def detour_text(report) -> str:
    detour = report.detour
    if detour is None:
        return report.detour_error or tr("No road network was given: no detour computed.")
    if "not_blocking" in detour.notes:
        return tr("The restriction ({restriction}) leaves the road passable: traffic passes the site, no detour "
                  "is needed.").format(restriction=restriction_labels().get(detour.restriction, detour.restriction))
    lines = []
    several = len(detour.directions) > 1
    for one in detour.directions:
        if several:
            lines.append(tr("Direction {direction}:").format(direction=direction_labels().get(one.direction,
                                                                                               one.direction)))
        if one.route is None:
            lines.append(tr("No detour for this direction: {reason}").format(reason=one.error))
            continue
        lines += [tr("Detour: {length} m, {extra} m longer than the closed stretch ({closed} m).").format(
                      length=show_number(one.length_m), extra=show_number(one.extra_m),
                      closed=show_number(one.closed_length_m)),
                  tr("Travel time {time}, {extra} more.").format(time=show_duration(one.time_s),
                                                                 extra=show_duration(one.extra_time_s))]
        if one.streets:
            lines.append(tr("Via {streets}.").format(streets=", ".join(one.streets)))
    if detour.avoided:
        lines.append(tr("Avoids {count} other roadworks at the same time.").format(count=detour.avoided))
    if report.jammed:
        lines.append(tr("Avoids roads the live sensors report as jammed: {sensors}.").format(
            sensors=", ".join(report.jammed)))
    return "\n".join(lines)


def window_text(report) -> str:
    window = report.window
    if window is None:
        return window_problem_text(report.window_problem)
    return tr("Quietest {hours} h: {start} – {end}. About {expected} vehicles expected ({share} % of a typical "
              "day), at most {busiest} per hour.").format(
        hours=window.duration_h, start=show_local(window.start), end=show_local(window.end),
        expected=show_number(window.expected), share=show_number(100.0 * window.typical_day_share, 1),
        busiest=show_number(window.busiest_per_hour))


def summary_text(report) -> str:
    works = report.works
    assets = report.assets
    lines = [f"{works.title} ({status_labels().get(works.status, works.status)}, "
             f"{restriction_labels().get(works.restriction, works.restriction)})",
             tr("{start} – {end}, {road}").format(start=show_datetime(works.start), end=show_datetime(works.end),
                                                   road=report.road_name or EMPTY),
             "",
             tr("Conflicts: {count}").format(count=len(report.conflicts))]
    lines += [f"  • {c.title} ({status_labels().get(c.status, c.status)})" for c in report.conflicts]
    lines.append(tr("Affected assets: {signs} signs to cover, {lights} traffic lights to switch, {markings} "
                    "markings").format(signs=len(assets.signs), lights=len(assets.lights),
                                       markings=len(assets.markings)))
    lines.append(tr("Sensors within {distance} m: {count}").format(distance=show_number(report.sensor_distance_m),
                                                                    count=len(report.sensors)))
    if report.traffic is not None:
        lines.append(tr("Traffic: about {vehicles} vehicles per day ({station}, {distance} m away)").format(
            vehicles=show_number(report.traffic.vehicles_per_day), station=report.traffic.station,
            distance=show_number(report.traffic.distance_m)))
    lines.append(window_text(report))
    lines.append(detour_text(report))
    return "\n".join(lines)


def _table(headers: List[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: List[List[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c > 0 and text.replace(".", "").replace(",", "").replace(" ", "").replace("-", "").isdigit():
                item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
            table.setItem(r, c, item)


def _text(table: QTableWidget) -> List[List[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


class CheckResults(QTabWidget):

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.summary)
        self.addTab(scroll, tr("Summary"))
        self.conflicts = _table([tr("Roadworks"), tr("Status"), tr("Overlap"), tr("Distance (m)"),
                                 tr("Shared roads")])
        self.addTab(self.conflicts, tr("Conflicts"))
        self.assets = _table([tr("Action"), tr("VzKat"), tr("Name"), tr("Distance (m)"), tr("Reviewed")])
        self.addTab(self.assets, tr("Assets"))
        self.sensors = _table([tr("Station"), tr("Sensor"), tr("Distance (m)"), tr("Current value"),
                               tr("Typical for the period")])
        self.addTab(self.sensors, tr("Sensors"))
        window_page = QWidget()
        box = QVBoxLayout(window_page)
        self.window_label = QLabel()
        self.window_label.setWordWrap(True)
        self.chart = QLabel()
        self.chart.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.chart_pixmap: Optional[QPixmap] = None
        box.addWidget(self.window_label)
        box.addWidget(self.chart, 1)
        self.addTab(window_page, tr("Quietest window"))
        self.detour = QLabel()
        self.detour.setWordWrap(True)
        self.detour.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.addTab(self.detour, tr("Detour"))

    def clear(self) -> None:
        for table in (self.conflicts, self.assets, self.sensors):
            table.setRowCount(0)
        for label in (self.summary, self.window_label, self.detour):
            label.setText("")
        self.chart.clear()
        self.chart_pixmap = None

    def show_report(self, report, chart_png: Optional[bytes] = None) -> None:
        self.summary.setText(summary_text(report))
        _fill(self.conflicts, [
            [f"{c.title} ({c.roadworks_id})", status_labels().get(c.status, c.status),
             f"{show_datetime(c.overlap_start)} – {show_datetime(c.overlap_end)}", show_number(c.distance_m, 1),
             ", ".join(c.shared_roads) or EMPTY] for c in report.conflicts])
        actions = {"sign": tr("cover sign"), "light": tr("switch traffic light"), "marking": tr("marking")}
        assets = report.assets.signs + report.assets.lights + report.assets.markings
        _fill(self.assets, [
            [actions.get(a.asset_class, a.asset_class), a.vzkat_code or EMPTY, a.name, show_number(a.distance_m, 1),
             tr("yes") if a.verified else tr("detected, unverified")] for a in assets])
        _fill(self.sensors, [[s.station, s.name, show_number(s.distance_m), _current(s), _typical(s)]
                             for s in report.sensors])
        self.window_label.setText(window_text(report))
        self.chart.clear()
        self.chart_pixmap = None
        if chart_png:
            pixmap = QPixmap()
            if pixmap.loadFromData(chart_png, "PNG"):
                self.chart_pixmap = pixmap
                self.chart.setPixmap(pixmap.scaledToWidth(max(320, self.width() - 40),
                                                          Qt.TransformationMode.SmoothTransformation))
        self.detour.setText(detour_text(report))

    def resizeEvent(self, event):  # noqa: N802 - Qt override: the chart follows the dock's width
        super().resizeEvent(event)
        if self.chart_pixmap is not None:
            self.chart.setPixmap(self.chart_pixmap.scaledToWidth(max(320, self.width() - 40),
                                                                 Qt.TransformationMode.SmoothTransformation))

    def conflict_rows(self):
        return _text(self.conflicts)

    def asset_rows(self):
        return _text(self.assets)

    def sensor_rows(self):
        return _text(self.sensors)


def _current(sensor) -> str:
    if sensor.value is None:
        return tr("no value")
    source = {"live": tr("live"), "store": tr("stored")}.get(sensor.value_source, sensor.value_source)
    return f"{show_number(sensor.value, 1)} {sensor.unit} ({source}, {show_datetime(sensor.value_time)})"


def _typical(sensor) -> str:
    if sensor.typical_per_day is not None:
        return tr("{vehicles} vehicles/day").format(vehicles=show_number(sensor.typical_per_day))
    if sensor.typical_value is not None:
        return f"{show_number(sensor.typical_value, 1)} {sensor.unit}"
    return EMPTY
