"""The review inspector on a test-size demo city: filters and live counts agree with SQL, the results follow the
queue's order, selecting a row zooms the map and opens the panorama, annotations (with a conflict) and history."""
import math

import pytest
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeature, QgsGeometry, QgsPointXY,
                       QgsProject, QgsVectorLayer)
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QColor, QImage
from qgis.PyQt.QtWidgets import QApplication
from shapely import wkt as shapely_wkt
from shapely.geometry import Point

from herzlich_digital_plugin.gui.review_conflict_dialog import ConflictDialog
from herzlich_digital_plugin.gui.review_filter_widget import district_bbox
from herzlich_digital_plugin.gui.review_inspector_dock import ReviewInspectorDock
from herzlich_digital_plugin.review.filters import STATUSES
import review_gui_helpers as support
from review_gui_helpers import WAIT_MS, flush_deletes, show_dock

city_gpkg = support.city_gpkg  # fixture
holder = support.holder  # fixture
make_context = support.make_context  # fixture
other_session = support.other_session  # fixture
store_path = support.store_path  # fixture
panorama_dock = support.panorama_dock  # fixture
utm_canvas = support.utm_canvas  # fixture


@pytest.fixture()
def inspector(qgis_iface, qtbot, make_context, utm_canvas):
    docks = []

    def make(role=None, panorama=None):
        dock = ReviewInspectorDock(qgis_iface, make_context("anna", role),
                                   (lambda: panorama) if panorama is not None else None,
                                   parent=qgis_iface.mainWindow())
        show_dock(qtbot, dock, 620, 900)
        docks.append(dock)
        return dock
    yield make
    for dock in docks:
        dock.shutdown()
        dock.hide()
        dock.deleteLater()
    flush_deletes()


def _counts(qtbot, dock):
    dock.last_counts = None
    dock.refresh()
    qtbot.waitUntil(lambda: dock.last_counts is not None, timeout=WAIT_MS)
    return dock.last_counts


def _sql_counts(store, where="1 = 1", params=()):
    """Ground truth straight from SQL and Python, independent of the review filter code."""
    rows = store.query(f"SELECT id, status, asset_class, vzkat_code, vzkat_value, score, geom FROM detection "
                       f"WHERE {where}", params)  # nosec B608 - test SQL
    return rows


def _by_status(rows):
    out = {s: 0 for s in STATUSES}
    for r in rows:
        out[r["status"] or "new"] += 1
    return out


def test_counts_and_results_agree_with_sql(inspector, qtbot, holder, other_session):
    store = holder.get()
    bernd = other_session("bernd")
    for item in bernd.claim_next(n=12):  # some history, so every status column has something
        (bernd.accept if item.detection_id % 3 else bernd.reject)(item, *(() if item.detection_id % 3
                                                                         else ("false_positive",)))
    dock = inspector()
    f = dock.filters
    # everything new
    result = _counts(qtbot, dock)
    rows = _sql_counts(store)
    assert result.total == sum(1 for r in rows if r["status"] == "new")
    assert result.by_status == _by_status(rows)
    # a class typed as a number, a score range, two statuses
    f.class_edit.setText("274")
    f.score_min.setValue(0.5)
    f.status_checks["accepted"].setChecked(True)
    result = _counts(qtbot, dock)
    base = [r for r in rows if (r["vzkat_code"] or "").startswith("274") and r["score"] >= 0.5]
    wanted = [r for r in base if r["status"] in ("new", "accepted")]
    assert result.total == len(wanted) > 0
    assert result.by_status == _by_status(base)
    by_class = {}
    for r in wanted:
        key = (r["asset_class"], r["vzkat_code"], r["vzkat_value"])
        by_class[key] = by_class.get(key, 0) + 1
    assert {(c["asset_class"], c["vzkat_code"], c["vzkat_value"]): c["total"] for c in result.by_class} == by_class
    # the table shows the same numbers
    table = dock.counts_view.table
    assert table.rowCount() == len(by_class)
    assert sum(int(table.item(r, 1).text()) for r in range(table.rowCount())) == len(wanted)
    # results: the first rows in queue order (lowest score first)
    expected_ids = [r["id"] for r in sorted(wanted, key=lambda r: (r["score"], r["id"]))]
    assert dock.model.ids() == expected_ids[:dock.model.page]
    # a picked catalogue entry narrows to exactly that class and value
    f.status_checks["accepted"].setChecked(False)
    f.score_min.setValue(0.0)
    f.class_edit.setText("274 Zulässige Höchstgeschwindigkeit 30")
    result = _counts(qtbot, dock)
    assert result.total == sum(1 for r in rows if r["status"] == "new" and r["vzkat_code"] == "274"
                               and r["vzkat_value"] == "30")
    # a German name, markings only
    f.class_edit.setText("")
    f.kind_combo.setCurrentIndex(f.kind_combo.findData("marking"))
    result = _counts(qtbot, dock)
    assert result.total == sum(1 for r in rows if r["status"] == "new" and r["asset_class"] == "marking")
    f.kind_combo.setCurrentIndex(0)
    f.class_edit.setText("haltverbot")
    result = _counts(qtbot, dock)
    assert result.total == sum(1 for r in rows if r["status"] == "new" and r["vzkat_code"] in ("283", "286",
                                                                                                 "290.1"))



def test_results_are_fetched_a_page_at_a_time_in_queue_order(inspector, holder):
    store = holder.get()
    dock = inspector()
    f = dock.filters
    for check in f.status_checks.values():
        check.setChecked(True)  # every status: all 377 detections
    f.order_combo.setCurrentIndex(f.order_combo.findData("class"))
    dock.refresh()
    model = dock.model
    assert model.rowCount() == model.page and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * model.page
    while model.canFetchMore():
        model.fetchMore()
    rows = store.query("SELECT id FROM detection ORDER BY asset_class, vzkat_code, vzkat_value, score, id")
    assert model.ids() == [r["id"] for r in rows]
    assert model.data(model.index(0, 1)) and model.data(model.index(0, 2)) not in (None, "")


def test_area_filters_agree_with_geometry(inspector, qtbot, holder, utm_canvas, qgis_iface):
    store = holder.get()
    rows = [r for r in _sql_counts(store) if r["status"] == "new" and r["geom"] is not None]
    xs, ys = [r["geom"].x for r in rows], [r["geom"].y for r in rows]
    cx, cy = sorted(xs)[len(xs) // 2], sorted(ys)[len(ys) // 2]
    dock = inspector()
    f = dock.filters
    # a drawn polygon (a triangle around the middle of the city), clicked on the map
    corners = [(cx - 150, cy - 120), (cx + 160, cy - 100), (cx, cy + 170)]
    f.set_area("polygon")
    tool = utm_canvas.mapTool()
    for x, y in corners:
        tool.add_point(QgsPointXY(x, y))
    tool.finish()
    assert f.area() == "polygon" and f.area_wkt
    result = _counts(qtbot, dock)
    polygon = shapely_wkt.loads(f.area_wkt)
    inside = sum(1 for r in rows if polygon.intersects(Point(r["geom"].x, r["geom"].y)))
    assert result.total == inside > 0
    # the current map extent
    utm_canvas.setExtent(QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in corners]]).boundingBox())
    f.set_area("extent")
    result = _counts(qtbot, dock)
    xmin, ymin, xmax, ymax = f.extent_bbox()
    assert result.total == sum(1 for r in rows if xmin <= r["geom"].x <= xmax and ymin <= r["geom"].y <= ymax)
    # the selected feature of the active layer (a district drawn by someone), in another CRS
    districts = QgsVectorLayer("Polygon?crs=EPSG:4326", "districts", "memory")
    to_wgs84 = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:25832"),
                                      QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    ring = [to_wgs84.transform(QgsPointXY(x, y)) for x, y in corners]
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromPolygonXY([ring]))
    districts.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(districts)
    try:
        qgis_iface.setActiveLayer(districts)
        districts.selectAll()
        f.set_area("selection")
        result = _counts(qtbot, dock)
        selected = shapely_wkt.loads(f.area_wkt)
        assert abs(selected.area - polygon.area) < 1.0  # back in EPSG:25832
        assert result.total == sum(1 for r in rows if selected.intersects(Point(r["geom"].x, r["geom"].y))) > 0
    finally:
        QgsProject.instance().removeMapLayer(districts.id())
    # a 1 km district by name
    f.set_area("district")
    name = f"E{int(cx // 1000)} N{int(cy // 1000)}"
    f.district_edit.setText(name)
    result = _counts(qtbot, dock)
    x0, y0, x1, y1 = district_bbox(name)
    assert result.total == sum(1 for r in rows if x0 <= r["geom"].x <= x1 and y0 <= r["geom"].y <= y1) > 0


def test_selecting_a_row_zooms_and_opens_the_panorama(inspector, panorama_dock, qtbot, utm_canvas):
    dock = inspector(panorama=panorama_dock)
    dock.refresh()
    assert dock.model.rowCount() > 0
    dock.table.selectRow(2)
    item = dock.current_item
    assert item is not None and item.detection_id == dock.model.detection_id(2)
    pano = panorama_dock.current_panorama()
    assert pano is not None and int(pano["id"]) == item.panorama_id
    yaw, pitch, _ = panorama_dock.view.view()
    assert abs((yaw - item.bearing + 180) % 360 - 180) < 0.01
    assert abs(pitch - item.elevation) < 0.01
    x, y = item.position
    extent = utm_canvas.extent()
    assert extent.contains(QgsPointXY(x, y)) and min(extent.width(), extent.height()) < 100  # street level
    assert dock.marker.marker is not None and dock.marker.marker.isVisible()
    assert "no asset yet" in dock.asset_panel.header.text()


def _answer(button, seen):
    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(20, answer)
            return
        table = dialog.table
        seen.append({table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
                     for r in range(table.rowCount())})
        seen[-1]["_message"] = dialog.message.text()
        getattr(dialog, button).click()
    QTimer.singleShot(0, answer)


def test_annotations_conflict_and_history(inspector, panorama_dock, qtbot, holder, other_session, tmp_path):
    store = holder.get()
    dock = inspector(panorama=panorama_dock)
    session = dock.context.session()
    item = session.claim_next(n=1)[0]
    decision = session.accept(item)
    dock.show_detection(item.detection_id)
    panel = dock.asset_panel
    assert panel.asset["id"] == decision.asset_id
    assert panel.form_widget.isEnabled()
    # a photo from disk and the panorama's current view
    photo = tmp_path / "schild.jpg"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(photo))
    panel.add_photos([str(photo)])
    qtbot.waitUntil(lambda: panorama_dock.view.has_full_image() or panorama_dock.view.status()[1],
                    timeout=WAIT_MS)
    snapshot = panel.attach_snapshot()
    assert snapshot and snapshot.endswith(".png")
    panel.note_edit.setPlainText("Schild leicht verdreht")
    panel.condition_combo.setCurrentIndex(panel.condition_combo.findData("faded"))
    # meanwhile bernd edits the same asset
    bernd = other_session("bernd")
    bernd.edit_asset(decision.asset_id, None, {"condition": "damaged"})
    seen = []
    _answer("mine_button", seen)
    result = panel.save()
    assert seen, "the conflict dialog was shown"
    assert seen[0]["Condition"] == ("faded", "damaged")  # mine vs theirs, field names in words
    assert "condition" not in seen[0] and "bernd" in seen[0]["_message"]  # who made the stored version
    assert result is not None
    asset = store.get("asset", decision.asset_id)
    assert asset["condition"] == "faded"
    notes = store.select("annotation", {"asset_id": decision.asset_id})
    assert len(notes) == 1 and notes[0]["note"] == "Schild leicht verdreht"
    assert notes[0]["photos"] == [str(photo)] and notes[0]["snapshot_path"] == snapshot
    # history: accept (anna), edit (bernd), annotate (anna), with old → new
    history = panel.history
    rows = [[history.topLevelItem(i).text(c) for c in range(4)] for i in range(history.topLevelItemCount())]
    assert len(rows) == 3
    assert rows[0][1].startswith("anna") and rows[1][1].startswith("bernd") and rows[2][1].startswith("anna")
    assert "new → accepted" in rows[0][3]
    assert "damaged" in rows[1][3]
    assert "damaged → faded" in rows[2][3]
    assert all(r[0] for r in rows)  # when
    # the saved photo and snapshot can be opened from the panel (issue 15.1)
    opened = []
    panel.open_file = lambda path: opened.append(path) or True
    saved = [panel.saved_photos.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.saved_photos.count())]
    assert saved == [str(photo), snapshot] and panel.open_photo_button.isEnabled()
    panel.saved_photos.setCurrentRow(0)
    panel.open_photo_button.click()
    assert opened == [str(photo)]
    photo.unlink()  # a file that is gone is reported, not opened
    assert panel.open_saved_photo(panel.saved_photos.item(0)) is False and opened == [str(photo)]


def test_missing_photo_is_reported_and_the_rest_saved(inspector, qtbot, holder, tmp_path):
    """Issue 15.1: a missing photo file keeps the note and the other photo, and the warning names the file."""
    store = holder.get()
    dock = inspector()
    session = dock.context.session()
    item = session.claim_next(n=1)[0]
    decision = session.accept(item)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"\xff\xd8\xff")
    gone = tmp_path / "weg.jpg"
    dock.show_detection(item.detection_id)
    panel = dock.asset_panel
    panel.add_photos([str(photo), str(gone)])
    panel.note_edit.setPlainText("Rost am Pfosten")
    warnings = []
    panel.log.warning = lambda text, *a, **k: warnings.append(text)
    result = panel.save()
    assert result is not None and result["missing_files"] == [str(gone)]
    assert warnings and "weg.jpg" in warnings[0]
    notes = store.select("annotation", {"asset_id": decision.asset_id})
    assert [(n["note"], n["photos"]) for n in notes] == [("Rost am Pfosten", [str(photo)])]


def test_viewer_may_look_but_not_annotate(inspector, qtbot, holder, other_session):
    bernd = other_session("bernd")
    item = bernd.claim_next(n=1)[0]
    decision = bernd.accept(item)
    dock = inspector(role="viewer")
    dock.refresh()
    assert dock.model.rowCount() > 0  # looking works
    dock.show_detection(item.detection_id)
    panel = dock.asset_panel
    assert panel.asset["id"] == decision.asset_id
    assert not panel.form_widget.isEnabled()
    assert "viewer" in panel.role_label.text()
    assert len(panel.reload_history()) == 1


def test_review_these_hands_over_filter_and_order(inspector):
    dock = inspector()
    got = []
    dock.reviewRequested.connect(lambda flt, order: got.append((flt, order)))
    dock.filters.class_edit.setText("206")
    dock.filters.order_combo.setCurrentIndex(dock.filters.order_combo.findData("walk"))
    dock.review_button.click()
    assert got and got[0][0].text == "206" and got[0][1] == "walk"
    assert math.isclose(got[0][0].score_max or 1.0, 1.0)


def test_split_and_merge_from_the_asset_panel(inspector, holder):
    """Issue 15.2 in the GUI: split the shown detection off its asset, merge it back, both in the history."""
    store = holder.get()
    dock = inspector()
    session = dock.context.session()
    for item in session.claim_next(n=60, order="walk"):  # neighbouring panoramas: the same signs again
        session.accept(item)
    pairs = store.query("SELECT asset_id, MIN(id) AS a, MAX(id) AS b FROM detection WHERE status = 'accepted' "
                        "GROUP BY asset_id HAVING COUNT(*) >= 2 ORDER BY asset_id")
    assert pairs, "the walk accepted two views of one object"
    asset_id, keep_det, moved_det = pairs[0]["asset_id"], pairs[0]["a"], pairs[0]["b"]
    dock.show_detection(moved_det)
    panel = dock.asset_panel
    new_id = panel.split_detection()
    assert new_id and new_id != asset_id and panel.asset["id"] == new_id
    assert store.get("detection", moved_det)["asset_id"] == new_id
    dock.show_detection(keep_det)
    assert panel.merge_with(new_id) is not None
    assert store.get("detection", moved_det)["asset_id"] == asset_id
    assert store.get("asset", new_id)["lifecycle_status"] == "withdrawn"
    events = [panel.history.topLevelItem(i).text(2) for i in range(panel.history.topLevelItemCount())]
    assert any("merge" in e for e in events) and any("split" in e for e in events)
