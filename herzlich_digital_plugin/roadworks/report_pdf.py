"""The German roadworks report as a PDF, laid out with QgsLayout and written by QgsLayoutExporter.

Page by page, top to bottom: title, the site on a map (detour, affected assets, sensors, conflicting works)
with legend and scale bar, the site's fields, the conflicts, the affected-asset table, sensors and traffic,
the typical-week chart with the quietest window, the detour, and "before" panorama views of the site. A
table too long for the rest of a page continues on the next one.
"""
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import List, Optional, Sequence

from qgis.core import (Qgis, QgsLayoutExporter, QgsLayoutItem, QgsLegendStyle, QgsLayoutFrame, QgsLayoutItemLabel, QgsLayoutItemLegend,
                       QgsLayoutItemMap, QgsLayoutItemPage, QgsLayoutItemPicture, QgsLayoutItemScaleBar,
                       QgsLayoutItemTextTable, QgsLayoutMultiFrame, QgsLayoutPoint, QgsLayoutTable,
                       QgsLayoutSize, QgsLayoutTableColumn, QgsPrintLayout, QgsProject, QgsRectangle,
                       QgsTextFormat, QgsUnitTypes)
import numpy as np
from qgis.PyQt.QtCore import QRectF
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF

from ..core.sensorthings.profile import berlin_utc_offset_s
from .report_language import tr
from .report_map import map_layers

PAGE_W, PAGE_H = 210.0, 297.0  # A4 portrait, mm
MARGIN = 15.0
CONTENT_W = PAGE_W - 2 * MARGIN
FONT = "DejaVu Sans"
MAX_ASSET_ROWS = 60
TABLE_FONT_PT = 8.0
CELL_MARGIN = 1.0
PT_MM = 25.4 / 72.0
LINE_FACTOR = 1.25  # line height / font size of the layout's text renderer, a little generous


def _local(moment) -> str:
    """Berlin local time, German style."""
    if moment is None:
        return "–"
    offset = int(berlin_utc_offset_s(np.array([moment.timestamp()]))[0])
    return moment.astimezone(timezone(timedelta(seconds=offset))).strftime("%d.%m.%Y %H:%M")


def _number(value, digits: int = 0) -> str:
    """German number format: 12.345,6."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def status_text(status: str) -> str:
    return {"planned": tr("planned"), "approved": tr("approved"), "active": tr("active"),
            "completed": tr("completed"), "cancelled": tr("cancelled")}.get(status or "", status or "–")


def restriction_text(restriction: str) -> str:
    return {"full_closure": tr("full closure"), "one_lane": tr("one lane closed"),
            "lanes_one_direction": tr("lanes in one direction closed"), "shoulder": tr("shoulder closed"),
            "none": tr("no restriction")}.get(restriction or "", restriction or "–")


def direction_text(direction: str) -> str:
    return {"both": tr("both directions"), "forward": tr("along the drawn direction"),
            "backward": tr("against the drawn direction")}.get(direction or "", direction or "–")


class _Cursor:
    """Places items top-down, adding a page when the next one does not fit."""

    def __init__(self, layout):
        self.layout = layout
        self.page = 0
        self.y = MARGIN

    def need(self, height: float) -> None:
        if self.y + height > PAGE_H - MARGIN and self.y > MARGIN + 0.1:
            self.new_page()

    def new_page(self) -> None:
        page = QgsLayoutItemPage(self.layout)
        page.setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
        self.layout.pageCollection().addPage(page)
        self.page += 1
        self.y = MARGIN

    @property
    def room(self) -> float:
        return PAGE_H - MARGIN - self.y

    def point(self, x: float = MARGIN) -> QgsLayoutPoint:
        return QgsLayoutPoint(x, self.y, QgsUnitTypes.LayoutUnit.LayoutMillimeters)


def _format(size: float, bold: bool = False) -> QgsTextFormat:
    text_format = QgsTextFormat()
    font = QFont(FONT)
    font.setBold(bold)
    text_format.setFont(font)
    text_format.setSize(size)
    text_format.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    return text_format


def _label(cursor: _Cursor, text: str, size: float = 9.0, bold: bool = False, height: Optional[float] = None,
           width: float = CONTENT_W, x: float = MARGIN, advance: bool = True) -> QgsLayoutItemLabel:
    lines = max(1, sum(max(1, int(len(line) * size * 0.19 / width) + 1) for line in text.split("\n")))
    height = height or lines * size * 0.42 + 1.5
    cursor.need(height)
    label = QgsLayoutItemLabel(cursor.layout)
    label.setText(text)
    font = QFont(FONT)
    font.setPointSizeF(size)
    font.setBold(bold)
    label.setFont(font)
    label.attemptMove(cursor.point(x), page=cursor.page)
    label.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    cursor.layout.addLayoutItem(label)
    if advance:
        cursor.y += height + 1.0
    return label


def _heading(cursor: _Cursor, text: str) -> None:
    cursor.need(20.0)  # keep a heading with the start of its section
    cursor.y += 3.0
    _label(cursor, text, 12.0, bold=True)


def _table(cursor: _Cursor, headers: Sequence[str], widths: Sequence[float], rows: List[List[str]]) -> None:
    """A text table; rows that do not fit on the page continue in a new table on the next page."""
    rows = [[str(c) for c in row] for row in rows]
    header_h = _row_height(headers, widths, TABLE_FONT_PT)
    heights = [_row_height(row, widths, TABLE_FONT_PT) for row in rows]
    while rows:
        cursor.need(header_h + heights[0] + 1.0)
        fitted, height = 0, header_h
        while fitted < len(rows) and height + heights[fitted] <= cursor.room:
            height += heights[fitted]
            fitted += 1
        fitted = max(1, fitted)
        height = header_h + sum(heights[:fitted])
        table = QgsLayoutItemTextTable(cursor.layout)
        columns = []
        for header, width in zip(headers, widths):
            column = QgsLayoutTableColumn(header)
            column.setWidth(width - 2 * CELL_MARGIN)
            columns.append(column)
        table.setColumns(columns)
        table.setHeaderTextFormat(_format(TABLE_FONT_PT, bold=True))
        table.setContentTextFormat(_format(TABLE_FONT_PT))
        table.setCellMargin(CELL_MARGIN)
        table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
        table.setGridStrokeWidth(0.2)
        table.setGridColor(QColor(160, 160, 160))
        table.setContents(rows[:fitted])
        table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
        cursor.layout.addMultiFrame(table)
        frame = QgsLayoutFrame(cursor.layout, table)
        frame.attemptSetSceneRect(QRectF(0, 0, sum(widths), height))
        frame.attemptMove(cursor.point(), page=cursor.page)
        table.addFrame(frame)
        cursor.y += height + 2.0
        rows, heights = rows[fitted:], heights[fitted:]
        if rows:
            cursor.new_page()


def _text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    font = QFont(FONT)
    font.setBold(bold)
    font.setPixelSize(max(1, int(round(size_pt * PT_MM * 100))))  # pixels of 0.01 mm
    return QFontMetricsF(font).horizontalAdvance(text) / 100.0


def _lines(text: str, width_mm: float, size_pt: float) -> int:
    """Lines the text needs when wrapped at word boundaries into ``width_mm``."""
    count = 0
    for paragraph in (text or " ").split("\n"):
        line = ""
        count += 1
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and _text_width_mm(candidate, size_pt) > width_mm:
                count += 1
                line = word
            else:
                line = candidate
    return count


def _row_height(cells: Sequence[str], widths: Sequence[float], size_pt: float) -> float:
    lines = max(_lines(str(c), 0.92 * (w - 2 * CELL_MARGIN), size_pt) for c, w in zip(cells, widths))
    return lines * size_pt * PT_MM * LINE_FACTOR + 2 * CELL_MARGIN + 0.6


def _picture(cursor: _Cursor, path: str, width: float, height: float, x: float = MARGIN,
             advance: bool = True) -> None:
    cursor.need(height)
    picture = QgsLayoutItemPicture(cursor.layout)
    picture.setPicturePath(str(path))
    picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
    picture.attemptMove(cursor.point(x), page=cursor.page)
    picture.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    cursor.layout.addLayoutItem(picture)
    if advance:
        cursor.y += height + 1.0


def _map(cursor: _Cursor, project: QgsProject, layers, extent_geoms, height: float = 125.0) -> None:
    cursor.need(height)
    item = QgsLayoutItemMap(cursor.layout)
    item.attemptMove(cursor.point(), page=cursor.page)
    item.attemptResize(QgsLayoutSize(CONTENT_W, height, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.setFrameEnabled(True)
    item.setLayers(layers)
    item.setCrs(layers[0].crs())
    item.setKeepLayerSet(True)
    xmin = min(g.bounds[0] for g in extent_geoms)
    ymin = min(g.bounds[1] for g in extent_geoms)
    xmax = max(g.bounds[2] for g in extent_geoms)
    ymax = max(g.bounds[3] for g in extent_geoms)
    pad = max(40.0, 0.08 * max(xmax - xmin, ymax - ymin))
    extent = QgsRectangle(xmin - pad, ymin - pad, xmax + pad, ymax + pad)
    aspect = CONTENT_W / height  # widen the extent to the item's shape, so nothing is cut
    if extent.width() / extent.height() < aspect:
        grow = (extent.height() * aspect - extent.width()) / 2.0
        extent = QgsRectangle(extent.xMinimum() - grow, extent.yMinimum(), extent.xMaximum() + grow,
                              extent.yMaximum())
    else:
        grow = (extent.width() / aspect - extent.height()) / 2.0
        extent = QgsRectangle(extent.xMinimum(), extent.yMinimum() - grow, extent.xMaximum(),
                              extent.yMaximum() + grow)
    item.setExtent(extent)
    cursor.layout.addLayoutItem(item)
    bar = QgsLayoutItemScaleBar(cursor.layout)
    bar.setLinkedMap(item)
    bar.applyDefaultSize()
    bar.setStyle("Single Box")
    bar.setUnits(QgsUnitTypes.DistanceUnit.DistanceMeters)
    bar.setUnitLabel("m")
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.setUnitsPerSegment(_nice_segment(extent.width() / 6.0))
    bar.setTextFormat(_format(7.0))
    bar.attemptMove(QgsLayoutPoint(MARGIN + 3.0, cursor.y + height - 12.0,
                                   QgsUnitTypes.LayoutUnit.LayoutMillimeters), page=cursor.page)
    cursor.layout.addLayoutItem(bar)
    legend = QgsLayoutItemLegend(cursor.layout)
    legend.setLinkedMap(item)
    legend.setTitle("")
    legend.setColumnCount(2)
    legend.setSymbolHeight(3.0)
    legend.setSymbolWidth(6.0)
    legend.setStyleFont(QgsLegendStyle.Style.SymbolLabel, QFont(FONT, 7))
    legend.setStyleFont(QgsLegendStyle.Style.Group, QFont(FONT, 7))
    legend.setStyleFont(QgsLegendStyle.Style.Subgroup, QFont(FONT, 7))
    legend.setBackgroundEnabled(True)
    legend.setFrameEnabled(True)
    legend.setReferencePoint(QgsLayoutItem.ReferencePoint.LowerRight)
    cursor.layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(MARGIN + CONTENT_W - 1.0, cursor.y + height - 1.0,
                                      QgsUnitTypes.LayoutUnit.LayoutMillimeters), page=cursor.page)
    cursor.y += height + 2.0


def _nice_segment(value: float) -> float:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if step >= value:
            return float(step)
    return 10000.0


# ----------------------------------------------------------------------------------------------- content

def field_rows(works, report) -> List[List[str]]:
    w = works
    rows = [
        [tr("Title"), w.title or "–"],
        [tr("Description"), w.description or "–"],
        [tr("Road"), report.road_name or "–"],
        [tr("Status"), status_text(w.status)],
        [tr("Restriction"), restriction_text(w.restriction)],
        [tr("Direction"), direction_text(w.direction)],
        [tr("Lanes closed"), "–" if w.lanes_closed is None else str(w.lanes_closed)],
        [tr("Temporary speed limit (km/h)"), "–" if w.speed_limit is None else str(w.speed_limit)],
        [tr("Planned start"), _local(w.planned_start)],
        [tr("Planned end"), _local(w.planned_end)],
        [tr("Actual start"), _local(w.actual_start)],
        [tr("Actual end"), _local(w.actual_end)],
        [tr("Responsible body"), w.responsible_body or "–"],
        [tr("Contractor"), w.contractor or "–"],
        [tr("Contact"), w.contact or "–"],
        [tr("Traffic order number (verkehrsrechtliche Anordnung)"), w.order_number or "–"],
        [tr("Notes"), w.notes or "–"],
    ]
    if w.geometry is not None and w.geometry.geom_type in ("LineString", "MultiLineString"):
        rows.insert(3, [tr("Length of the site"), f"{_number(w.geometry.length)} m"])
    return rows


def conflict_rows(conflicts) -> List[List[str]]:
    return [[c.title, status_text(c.status), restriction_text(c.restriction),
             f"{_local(c.overlap_start)} – {_local(c.overlap_end)}", f"{_number(c.distance_m, 1)} m",
             ", ".join(c.shared_roads) or "–"] for c in conflicts]


def asset_rows(assets) -> List[List[str]]:
    groups = ((tr("Signs to cover"), assets.signs), (tr("Traffic lights to switch"), assets.lights),
              (tr("Markings"), assets.markings))
    rows = []
    for name, items in groups:
        for a in items:
            state = tr("inventory") if a.verified else tr("detected, unverified")
            rows.append([name, a.vzkat_code or "–", a.name, f"{_number(a.distance_m, 1)} m", state])
    if len(rows) > MAX_ASSET_ROWS:
        rest = len(rows) - MAX_ASSET_ROWS
        rows = rows[:MAX_ASSET_ROWS] + [["", "", tr("… and {count} more").format(count=rest), "", ""]]
    return rows


def sensor_rows(sensors) -> List[List[str]]:
    rows = []
    for s in sensors:
        if s.value is None:
            current = "–"
        else:
            current = f"{_number(s.value, 1)} {unit_text(s.unit)}".strip()
            current += " (" + (tr("live") if s.value_source == "live" else tr("store")) + f", {_local(s.value_time)})"
        if s.typical_per_day is not None:
            typical = tr("{volume} vehicles/day").format(volume=_number(s.typical_per_day))
        elif s.typical_value is not None:
            typical = f"{_number(s.typical_value, 1)} {unit_text(s.unit)}".strip()
        else:
            typical = "–"
        rows.append([s.station, s.name, current, typical, f"{_number(s.distance_m)} m"])
    return rows


def traffic_text(report) -> str:
    t = report.traffic
    if t is None:
        return tr("No traffic counter near the site: no traffic estimate.")
    source = tr("on the same road") if t.method == "same_road" else tr("the nearest counter")
    return tr("About {volume} vehicles per day pass the site in the planned period ({station}, {source}, "
              "{distance} m away; typical week: {week} vehicles per day).").format(
        volume=_number(t.vehicles_per_day), station=t.station, source=source, distance=_number(t.distance_m),
        week=_number(t.typical_week_per_day))


def window_text(report) -> str:
    w = report.window
    if w is None:
        reasons = {"no_history": tr("no traffic history near the site"),
                   "no_period": tr("the site has no planned period"),
                   "too_short": tr("the planned period is shorter than the required duration")}
        return tr("No quietest window: {reason}.").format(reason=reasons.get(report.window_problem, "–"))
    return tr("Quietest {hours}-hour window in the planned period: {start} to {end}, typically {volume} vehicles "
              "({share} % of a typical day's traffic, at most {peak} per hour).").format(
        hours=w.duration_h, start=_local(w.start), end=_local(w.end), volume=_number(w.expected),
        share=_number(100.0 * w.typical_day_share, 1), peak=_number(w.busiest_per_hour))


def unit_text(unit) -> str:
    """A sensor unit as the report's language writes it (the services say e.g. veh/15min)."""
    units = {"veh/15min": tr("vehicles/15 min"), "veh/h": tr("vehicles/h"), "veh/d": tr("vehicles/day")}
    return units.get(str(unit or "").replace(" ", ""), unit or "")


def detour_text(report) -> str:
    d = report.detour
    if d is None:
        return report.detour_error or tr("No detour was computed (no road network).")
    if not d.blocked:
        return tr("The restriction leaves the road open ({restriction}): no detour is needed. The stretch "
                  "concerned is {length} m long.").format(restriction=restriction_text(d.restriction),
                                                          length=_number(d.closed_length_m))
    parts = []
    several = len(d.directions) > 1
    for one in d.directions:
        prefix = tr("Direction {direction}: ").format(direction=direction_text(one.direction)) if several else ""
        if one.route is None:
            parts.append(prefix + tr("no detour for this direction. {reason}").format(reason=one.error))
            continue
        text = prefix + tr("Detour: {length} m and about {minutes} min instead of {closed} m through the site, "
                           "{extra} m and {extra_minutes} min longer.").format(
            length=_number(one.length_m), minutes=_number(one.time_s / 60.0, 1),
            closed=_number(one.closed_length_m), extra=_number(one.extra_m),
            extra_minutes=_number(one.extra_time_s / 60.0, 1))
        if one.streets:
            text += " " + tr("Via {streets}.").format(streets=", ".join(one.streets))
        parts.append(text)
    text = "\n".join(parts)
    if d.avoided:
        text += " " + tr("{count} other works during the same time were avoided.").format(count=d.avoided)
    return text


def detour_lines(report) -> list:
    """[(legend title, route)] per direction with a detour (empty without one)."""
    d = report.detour
    if d is None:
        return []
    if len(d.directions) == 1:
        return [(tr("Detour"), d.route)] if d.route is not None else []
    return [(tr("Detour {direction}").format(direction=direction_text(one.direction)), one.route)
            for one in d.directions if one.route is not None]


def chart_labels():
    return {"title": tr("Typical week at {station}"), "title_plain": tr("Typical week"),
            "ylabel": tr("Vehicles per hour"), "median": tr("Median"), "p90": tr("90th percentile"),
            "window": tr("Quietest window"), "days": tr("Mon,Tue,Wed,Thu,Fri,Sat,Sun")}


def snapshot_caption(snapshot) -> str:
    when = _local(snapshot.captured_at) if snapshot.captured_at else "–"
    text = tr("Panorama {id}, captured {date}, looking {bearing}°, {distance} m from the site").format(
        id=snapshot.panorama_id, date=when, bearing=_number(snapshot.yaw), distance=_number(snapshot.distance_m))
    if not snapshot.before_start:
        text += " " + tr("(captured after the start)")
    return text


# ----------------------------------------------------------------------------------------------- document

def write_report(report, output: Path, roads_layer=None, snapshots=(), created: Optional[datetime] = None,
                 workdir: Optional[Path] = None) -> int:
    """Write the PDF for an ImpactReport; returns the page count. ``roads_layer``: drawn under the site
    (not changed); ``snapshots``: report_snapshots.Snapshot views."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(workdir or tempfile.mkdtemp(prefix="hd_report_"))
    works = report.works
    project = QgsProject()
    roads = roads_layer.clone() if roads_layer is not None else None
    detours = detour_lines(report)
    conflict_geoms = [report.conflict_geometries[c.roadworks_id] for c in report.conflicts
                      if c.roadworks_id in report.conflict_geometries]
    layers = map_layers(works.geometry, roads, detours, conflict_geoms, report.assets.all(), report.sensors)
    project.addMapLayers(layers)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 page
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
    layout.setName(tr("Roadworks report"))
    cursor = _Cursor(layout)

    created = created or datetime.now(timezone.utc)
    _label(cursor, tr("Roadworks report"), 18.0, bold=True)
    _label(cursor, works.title or "", 13.0, bold=True)
    _label(cursor, tr("Order {order} · status {status} · created {date}").format(
        order=works.order_number or "–", status=status_text(works.status), date=_local(created)), 8.5)
    extent = [works.geometry.buffer(report.buffer_m)] + [line for _, line in detours]
    _map(cursor, project, layers, extent)

    _heading(cursor, tr("The site"))
    _table(cursor, [tr("Field"), tr("Value")], [55.0, CONTENT_W - 55.0], field_rows(works, report))

    _heading(cursor, tr("Conflicts"))
    if report.conflicts:
        _table(cursor, [tr("Works"), tr("Status"), tr("Restriction"), tr("Overlap"), tr("Distance"), tr("Shared roads")],
               [48.0, 18.0, 26.0, 40.0, 16.0, CONTENT_W - 148.0], conflict_rows(report.conflicts))
    else:
        _label(cursor, tr("No other works occupy the site's roads at the same time."))

    _heading(cursor, tr("Affected signs, traffic lights and markings"))
    _label(cursor, tr("Within {buffer} m of the site: {count} objects, {unverified} of them detected in the "
                      "imagery but not yet verified.").format(
        buffer=_number(report.buffer_m), count=len(report.assets),
        unverified=sum(1 for a in report.assets.all() if not a.verified)))
    if len(report.assets):
        _table(cursor, [tr("Action"), tr("VzKat"), tr("Name"), tr("Distance"), tr("Source")],
               [40.0, 16.0, 70.0, 18.0, CONTENT_W - 144.0], asset_rows(report.assets))

    _heading(cursor, tr("Sensors and traffic"))
    if report.sensors:
        _table(cursor, [tr("Station"), tr("Datastream"), tr("Current value"), tr("Typical in the period"),
                        tr("Distance")], [45.0, 40.0, 45.0, 32.0, CONTENT_W - 162.0], sensor_rows(report.sensors))
    else:
        _label(cursor, tr("No sensor within {distance} m of the site.").format(
            distance=_number(report.sensor_distance_m)))
    _label(cursor, traffic_text(report))

    _heading(cursor, tr("Quietest time for the works"))
    _label(cursor, window_text(report))
    png = report.chart_png(chart_labels())
    if png:
        chart_path = workdir / "typical_week.png"
        chart_path.write_bytes(png)
        _picture(cursor, str(chart_path), CONTENT_W, CONTENT_W * 0.375)

    _heading(cursor, tr("Detour"))
    _label(cursor, detour_text(report))

    height = CONTENT_W * 9.0 / 16.0 * 0.75
    if snapshots:
        cursor.need(height + 25.0)  # the heading stays with the first view
    _heading(cursor, tr("The site before the works (panorama views)"))
    if not snapshots:
        _label(cursor, tr("No panorama near the site."))
    for snapshot in snapshots:
        cursor.need(height + 8.0)
        _picture(cursor, str(snapshot.path), CONTENT_W * 0.75, height)
        _label(cursor, snapshot_caption(snapshot), 8.0)

    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = 200
    settings.rasterizeWholeImage = False
    settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # searchable, not outlines
    result = exporter.exportToPdf(str(output), settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise OSError(tr("The PDF could not be written to {path} ({error}).").format(
            path=output, error=exporter.errorMessage() or result))
    return layout.pageCollection().pageCount()


