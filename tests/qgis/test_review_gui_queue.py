"""The review queue on a test-size demo city: a whole review with the keyboard alone, preloading, move by a map
click, conflicts shown with both versions, items taken by others, and the viewer role."""
import json
import math

import pytest
from qgis.core import QgsPointXY
from qgis.gui import QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from herzlich_digital_plugin.gui.review_conflict_dialog import ConflictDialog
from herzlich_digital_plugin.gui.review_crop import CROP_SIZE
from herzlich_digital_plugin.gui.review_map_tools import PointTool
from herzlich_digital_plugin.gui.review_queue_dock import ReviewQueueDock
from herzlich_digital_plugin.gui.review_queue_widget import PRELOAD
from herzlich_digital_plugin.review import vzkat
from herzlich_digital_plugin.review.decisions import REJECT_REASONS
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
def queue_dock(qgis_iface, qtbot, make_context, utm_canvas):
    docks = []

    def make(role=None, reviewer="anna", panorama=None):
        dock = ReviewQueueDock(qgis_iface, make_context(reviewer, role),
                               (lambda: panorama) if panorama is not None else None, parent=qgis_iface.mainWindow())
        show_dock(qtbot, dock)
        docks.append(dock)
        return dock
    yield make
    for dock in docks:
        dock.shutdown()
        dock.hide()
        dock.deleteLater()
    flush_deletes()


def _key(widget, key):
    QTest.keyClick(widget, key)
    QApplication.processEvents()


def _press(queue, op):
    """One keyboard operation: 'A', 'Enter', 'S', 'U', 'R<n>' (reason n), 'C<text>[|<downs>]' (class picker)."""
    if op == "A":
        _key(queue, Qt.Key.Key_A)
    elif op == "Enter":
        _key(queue, Qt.Key.Key_Return)
    elif op == "S":
        _key(queue, Qt.Key.Key_S)
    elif op == "U":
        _key(queue, Qt.Key.Key_U)
    elif op.startswith("R"):
        _key(queue, Qt.Key.Key_R)
        assert queue.mode == "reject"
        _key(queue, Qt.Key.Key_0 + int(op[1]))
    elif op.startswith("C"):
        text, _, downs = op[1:].partition("|")
        _key(queue, Qt.Key.Key_C)
        assert queue.mode == "class"
        QTest.keyClicks(queue, text)  # typed at the queue: it hands the keys to the search field
        assert queue.class_picker.edit.text() == text
        for _ in range(int(downs or 0)):
            _key(queue, Qt.Key.Key_Down)
        entry = queue.class_picker.current_entry()
        _key(queue, Qt.Key.Key_Return)
        return entry
    else:
        raise ValueError(op)
    return None


def _class_op(item, text, downs=0):
    """A class-picker op that really changes the class (a pick equal to the prediction would be an accept)."""
    entry = vzkat.search(text)[downs]
    if entry.key == (item.asset_class, item.vzkat_code, item.vzkat_value):
        text, downs = "237", 0  # Radweg: never one of the predictions we meet first
    return f"C{text}" + (f"|{downs}" if downs else "")


OPS = ["A", "A", "R1", "Enter", "R3", "C:274 50", "S", "U", "A", "R2", "C:haltverbot:1", "A", "U", "R4", "A", "S",
       "A", "R5", "Enter", "C:206", "A", "R6", "A", "A", "A"]


def test_twenty_detections_reviewed_with_the_keyboard_alone(queue_dock, qtbot, holder):
    dock = queue_dock()
    queue = dock.queue
    assert dock.start() == PRELOAD + 1
    store = holder.get()
    expected = {}  # detection id -> (status, detail)
    undo_stack = []
    events = []  # expected actions in order
    for op in OPS:
        item = queue.current
        assert item is not None
        if op.startswith("C:"):
            parts = op[2:].split(":")
            op = _class_op(item, parts[0], int(parts[1]) if len(parts) > 1 else 0)
        entry = _press(queue, op)
        assert queue.mode is None
        if op == "U":
            undone, kind = undo_stack.pop()
            expected.pop(undone, None)
            assert queue.current.detection_id == undone, "the undone item is shown again"
            events.append("undo")
            continue
        assert queue.current is not None and queue.current.detection_id != item.detection_id
        if op in ("A", "Enter"):
            expected[item.detection_id] = ("accepted", (item.asset_class, item.vzkat_code, item.vzkat_value))
            kind = "accept"
        elif op.startswith("R"):
            expected[item.detection_id] = ("rejected", REJECT_REASONS[int(op[1]) - 1])
            kind = "reject"
        elif op.startswith("C"):
            expected[item.detection_id] = ("relabeled", entry.key)
            kind = "relabel"
        else:
            kind = "skip"
        undo_stack.append((item.detection_id, kind))
        events.append(kind)

    decided = {k: v for k, v in expected.items()}
    assert len(decided) == 20
    assert queue.done == 20 and queue.progress.value() == 20
    assert queue.progress.maximum() == 377  # every new detection of the test city
    assert "decisions/min" in queue.stats_label.text()

    # the store: one event per key, in order, by anna; statuses and assets as decided
    rows = store.query("SELECT id, detection_id, actor, action, reason, new_value FROM review_event ORDER BY id",
                       decode_as="review_event")
    assert [r["action"] for r in rows] == events
    assert {r["actor"] for r in rows} == {"anna"}
    for detection_id, (status, detail) in decided.items():
        det = store.get("detection", detection_id)
        assert det["status"] == status, detection_id
        if status == "rejected":
            assert det["asset_id"] is None
            reasons = [r["reason"] for r in rows if r["detection_id"] == detection_id and r["action"] == "reject"]
            assert reasons == [detail]
        else:
            asset = store.get("asset", det["asset_id"])
            assert (asset["asset_class"], asset["vzkat_code"], asset["vzkat_value"]) == detail
            assert asset["lifecycle_status"] != "withdrawn"
    relabels = [r for r in rows if r["action"] == "relabel"]
    assert relabels and all(tuple(r["new_value"]["class"].values()) == decided[r["detection_id"]][1]
                            for r in relabels)
    # the accept that was undone (then rejected) left no live asset behind
    undone = [r for r in rows if r["action"] == "accept" and decided[r["detection_id"]][0] != "accepted"]
    assert len(undone) == 1
    asset = store.get("asset", undone[0]["new_value"]["asset_id"])
    linked = store.query("SELECT COUNT(*) AS n FROM detection WHERE asset_id = %s", (asset["id"],))[0]["n"]
    assert asset["lifecycle_status"] == "withdrawn" or linked > 0
    # nothing decided twice, nothing else touched
    counts = {r["status"]: r["n"] for r in store.query("SELECT status, COUNT(*) AS n FROM detection GROUP BY status")}
    assert counts["new"] == 377 - 20
    assert sum(v for k, v in counts.items() if k != "new") == 20
    assert store.query("SELECT COUNT(*) AS n FROM asset")[0]["n"] >= 1

    # the next items are leased and their crops rendered ahead
    qtbot.waitUntil(lambda: len(queue.buffer) == PRELOAD + 1 and all(
        dock.prefetcher.get(i.detection_id) is not None for i in queue.buffer), timeout=WAIT_MS)
    leased = {r["id"] for r in store.query("SELECT id FROM review_lease WHERE reviewer = %s", ("anna",))}
    assert leased == {i.detection_id for i in queue.buffer}
    assert not queue.crop_label.pixmap().isNull()


def test_crop_shows_the_box_and_neighbours_appear(queue_dock, qtbot):
    dock = queue_dock()
    queue = dock.queue
    dock.start(order="class")
    shown = []
    queue.cropShown.connect(shown.append)
    first = queue.current
    qtbot.waitUntil(lambda: dock.prefetcher.get(first.detection_id) is not None, timeout=WAIT_MS)
    QApplication.processEvents()
    image = queue.crop_label.pixmap().toImage()
    assert (image.width(), image.height()) == CROP_SIZE
    # the box outline is drawn in the "new" colour around the centre of the crop
    centre_row = [image.pixelColor(x, CROP_SIZE[1] // 2).name() for x in range(image.width())]
    assert "#ffd600" in centre_row
    assert queue.class_label.text() == first.class_label
    assert not queue.symbol_label.pixmap().isNull()
    neighbours = queue.session().neighbours(first)
    qtbot.waitUntil(lambda: queue.neighbour_list.count() == len(neighbours), timeout=WAIT_MS)
    _press(queue, "A")
    qtbot.waitUntil(lambda: shown and shown[-1] == queue.current.detection_id, timeout=WAIT_MS)


def test_move_places_the_asset_where_the_map_was_clicked(queue_dock, holder, utm_canvas):
    dock = queue_dock()
    queue = dock.queue
    dock.start()
    item = queue.current
    _key(queue, Qt.Key.Key_M)
    assert queue.mode == "move" and isinstance(utm_canvas.mapTool(), PointTool)
    x, y = item.panorama["x"] + 3.0, item.panorama["y"] - 2.0
    utm_canvas.setExtent(utm_canvas.extent().__class__(x - 50, y - 50, x + 50, y + 50))
    pixel = utm_canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    event = QgsMapMouseEvent(utm_canvas, QEvent.Type.MouseButtonRelease, QPoint(int(pixel.x()), int(pixel.y())),
                             Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    utm_canvas.mapTool().canvasReleaseEvent(event)
    assert queue.mode is None and not isinstance(utm_canvas.mapTool(), PointTool)
    det = holder.get().get("detection", item.detection_id)
    assert det["status"] == "accepted"
    asset = holder.get().get("asset", det["asset_id"])
    assert asset["position_source"] == "manual"
    tolerance = utm_canvas.mapUnitsPerPixel() * 1.5
    assert abs(asset["geom"].x - x) < tolerance and abs(asset["geom"].y - y) < tolerance
    # Escape leaves move mode without deciding
    _key(queue, Qt.Key.Key_M)
    _key(queue, Qt.Key.Key_Escape)
    assert queue.mode is None and holder.get().get("detection", queue.current.detection_id)["status"] == "new"


def test_move_by_a_click_on_the_ground_in_the_panorama(queue_dock, panorama_dock, holder, qtbot):
    dock = queue_dock(panorama=panorama_dock)
    queue = dock.queue
    dock.start()
    item = queue.current
    qtbot.waitUntil(lambda: (panorama_dock.current_panorama() or {}).get("id") == item.panorama_id,
                    timeout=WAIT_MS)  # the item's panorama opens beside the queue
    _key(queue, Qt.Key.Key_M)
    bearing = (item.bearing + 10.0) % 360.0
    panorama_dock.view.clicked.emit(bearing, -20.0)  # the ground, about 7 m in front of the camera
    assert queue.mode is None
    det = holder.get().get("detection", item.detection_id)
    asset = holder.get().get("asset", det["asset_id"])
    assert det["status"] == "accepted" and asset["position_source"] == "manual"
    pano = panorama_dock.current_panorama()
    dx, dy = asset["geom"].x - pano["geom"].x, asset["geom"].y - pano["geom"].y
    distance = math.hypot(dx, dy)
    assert abs(distance - pano["camera_height"] / math.tan(math.radians(20.0))) < 0.05
    assert abs((math.degrees(math.atan2(dx, dy)) - bearing + 180.0) % 360.0 - 180.0) < 0.1
    # after the move, panorama clicks no longer place anything
    panorama_dock.view.clicked.emit(bearing, -30.0)
    assert holder.get().count("review_event") == 1


def _answer_conflict(choice_button, seen):
    """Click a button of the conflict dialog once it is up (it runs modally)."""
    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            QTimer.singleShot(20, answer)
            return
        table = dialog.table
        seen.append({table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
                     for r in range(table.rowCount())})
        getattr(dialog, choice_button).click()
    QTimer.singleShot(0, answer)


def test_undo_after_someone_else_changed_it_shows_both_versions(queue_dock, other_session, holder):
    dock = queue_dock()
    queue = dock.queue
    dock.start()
    item = queue.current
    _press(queue, "A")
    bernd = other_session("bernd")
    bernd.reject(bernd.item(item.detection_id), "duplicate")  # he changes it underneath
    seen = []
    _answer_conflict("keep_button", seen)
    _key(queue, Qt.Key.Key_U)
    assert seen, "the conflict dialog was shown"
    assert seen[0]["Status"][1] == "rejected"  # theirs (field names in words)
    assert "Undo of event" in seen[0]  # mine: the undo that could not be done
    det = holder.get().get("detection", item.detection_id)
    assert det["status"] == "rejected"  # nothing overwritten
    assert not queue.session().can_undo  # kept theirs: the decision left the undo stack
    actions = [r["action"] for r in holder.get().query("SELECT action FROM review_event ORDER BY id")]
    assert actions == ["accept", "reject"]


def test_an_item_taken_by_someone_else_is_skipped_with_a_message(queue_dock, other_session, holder, qgis_iface):
    from qgis.core import Qgis

    dock = queue_dock()
    queue = dock.queue
    dock.start()
    item = queue.current
    store = holder.get()
    with store.transaction():  # anna's lease runs out…
        store.execute("DELETE FROM review_lease WHERE id = %s", (item.detection_id,))
    bernd = other_session("bernd")
    bernd.accept(bernd.item(item.detection_id))  # …and bernd decides first
    before = len(qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Info))
    _press(queue, "A")
    assert queue.current.detection_id != item.detection_id
    assert "bernd" in queue.message_label.text()
    assert len(qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Info)) == before + 1
    events = store.query("SELECT actor, action FROM review_event WHERE detection_id = %s", (item.detection_id,))
    assert events == [{"actor": "bernd", "action": "accept"}]


def test_viewer_role_cannot_decide(queue_dock, holder):
    dock = queue_dock(role="viewer")
    queue = dock.queue
    assert dock.start() == 0
    assert not queue.role_label.isHidden() and "viewer" in queue.role_label.text()
    assert not any(b.isEnabled() for b in queue.buttons.values())
    for key in (Qt.Key.Key_A, Qt.Key.Key_R, Qt.Key.Key_1, Qt.Key.Key_S, Qt.Key.Key_U):
        _key(queue, key)
    assert queue.mode is None
    store = holder.get()
    assert store.query("SELECT COUNT(*) AS n FROM review_event")[0]["n"] == 0
    assert store.query("SELECT COUNT(*) AS n FROM review_lease")[0]["n"] == 0


def test_unload_gives_the_leases_back(queue_dock, holder):
    dock = queue_dock()
    dock.start()
    store = holder.get()
    assert store.query("SELECT COUNT(*) AS n FROM review_lease")[0]["n"] == PRELOAD + 1
    dock.shutdown()
    assert store.query("SELECT COUNT(*) AS n FROM review_lease")[0]["n"] == 0
    assert json.dumps(dock.queue.buffer) == "[]"



def test_decision_keys_win_over_qgis_shortcuts(queue_dock):
    """Qt asks the focused widget first (ShortcutOverride): the queue claims its keys, not Ctrl combinations."""
    from qgis.PyQt.QtGui import QKeyEvent

    queue = queue_dock().queue

    def claimed(key, modifiers=Qt.KeyboardModifier.NoModifier, text=""):
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers, text)
        event.ignore()
        QApplication.sendEvent(queue, event)
        return event.isAccepted()
    assert claimed(Qt.Key.Key_A, text="a") and claimed(Qt.Key.Key_U, text="u") and claimed(Qt.Key.Key_Return)
    assert not claimed(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # Ctrl+C stays QGIS's
    assert not claimed(Qt.Key.Key_1, text="1")  # digits only matter while the reason picker is open
    queue.mode = "reject"
    assert claimed(Qt.Key.Key_1, text="1")
    queue.mode = None


def test_unmapped_label_opens_the_class_picker_on_accept(queue_dock, holder):
    """Issue 15.3: Enter on a detection whose label maps to no class asks for the class (no NOT NULL error)."""
    store = holder.get()
    dock = queue_dock()
    queue = dock.queue
    dock.start()
    first = queue.current.detection_id  # the queue's first item becomes one with an unknown label
    queue.stop()
    det = store.get("detection", first)
    store.update("detection", first, {"asset_class": None, "vzkat_code": None, "vzkat_value": None,
                                      "vendor_label": "object--junction-box"})
    dock.start()
    assert queue.current.detection_id == first and "object--junction-box" in queue.class_label.text()
    _key(queue, Qt.Key.Key_Return)
    assert queue.mode == "class" and queue.current.detection_id == first
    assert "object--junction-box" in queue.message_label.text() and "NOT NULL" not in queue.message_label.text()
    assert store.get("detection", first)["status"] == "new" and store.count("review_event") == 0
    QTest.keyClicks(queue, "206")
    _key(queue, Qt.Key.Key_Return)
    row = store.get("detection", first)
    assert row["status"] == "relabeled" and store.get("asset", row["asset_id"])["vzkat_code"] == "206"
    assert det["panorama_id"] == row["panorama_id"]
