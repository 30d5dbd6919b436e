"""The roadworks drawing tool (snapping to the road network) and the form (validation next to each field,
lifecycle, history, conflicts) on the demo city."""
from datetime import datetime, timedelta, timezone

import pytest
from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent
from shapely.geometry import LineString, Point, Polygon

from herzlich_digital_plugin.gui.roadworks_conflict_dialog import RoadworksConflictDialog
from herzlich_digital_plugin.gui.roadworks_draw_tool import LINE, POLYGON, RoadworksDrawTool
from herzlich_digital_plugin.gui.roadworks_form import RoadworksForm, allowed_statuses, new_roadworks
from herzlich_digital_plugin.gui.roadworks_layers import CANVAS_TAG, tagged_canvas_items
from herzlich_digital_plugin.roadworks import repository
from herzlich_digital_plugin.roadworks.model import Roadworks
from herzlich_digital_plugin.store import open_store
from roadworks_gui_helpers import MANNHEIMER_SWK, build_city, flush_deletes, private_copy, road_layer, set_store_crs

ACTOR = "p.planer"


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return build_city(tmp_path_factory)


@pytest.fixture()
def store(city, tmp_path):
    s = open_store(str(private_copy(city, tmp_path)), create=False)
    yield s
    s.close()


@pytest.fixture()
def roads(store):
    layer = road_layer(store.path)
    yield layer
    del layer


@pytest.fixture()
def canvas(qtbot):
    """A visible canvas of a known size (the mock iface's canvas sits in a window that is never shown)."""
    canvas = QgsMapCanvas()
    canvas.resize(800, 600)
    set_store_crs(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    yield canvas
    canvas.hide()
    canvas.deleteLater()
    flush_deletes()


def _road(roads, name):
    feature = next(roads.getFeatures(f"\"name\" = '{name}'"))
    return LineString([(p.x(), p.y()) for p in feature.geometry().asPolyline()])


def _counts(store):
    return store.count("roadworks"), store.count("roadworks_history")


def _key(tool, key):
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
    tool.keyPressEvent(event)
    return event.isAccepted()


def _release(tool, canvas, x, y, button=Qt.MouseButton.LeftButton):
    px = canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, QPoint(int(round(px.x())), int(round(px.y()))),
                             button, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    tool.canvasReleaseEvent(event)


# ---------------------------------------------------------------------------- drawing tool

def test_drawing_snaps_to_the_road_and_follows_it(qtbot, canvas, roads):
    street = _road(roads, "Mannheimer Straße")  # 4 vertices, 570 m, bends at each inner vertex
    minx, miny, maxx, maxy = street.bounds
    canvas.setExtent(QgsRectangle(minx - 50, miny - 50, maxx + 50, maxy + 50))
    tool = RoadworksDrawTool(canvas, lambda: roads, LINE)
    canvas.setMapTool(tool)
    try:
        tolerance = tool.tolerance_map_units()
        assert 1.0 < tolerance < 20.0
        # a click 3 m beside the road, 40 m along it, lands on the road
        a = street.interpolate(40.0)
        landed = tool.add_point(QgsPointXY(a.x + 2.1, a.y - 2.1))
        assert street.distance(Point(landed.x(), landed.y())) < 1e-6
        assert Point(landed.x(), landed.y()).distance(a) < 3.5
        # a click near a bend snaps onto the road's vertex itself
        bend = street.coords[1]
        landed = tool.snap(QgsPointXY(bend[0] + 1.5, bend[1] + 1.0))[0]
        assert (landed.x(), landed.y()) == pytest.approx(bend, abs=1e-6)
        # the second click far along the road: the line follows the road through its bends (traced)
        b = street.interpolate(street.length - 30.0)
        _release(tool, canvas, b.x - 1.0, b.y + 2.0)
        line = tool.geometry()
        assert line.geom_type == "LineString"
        assert len(line.coords) == 4  # start, the two bends, end
        assert all(street.distance(Point(c)) < 1e-6 for c in line.coords)
        assert line.length == pytest.approx(street.length - 70.0, abs=0.5)
        # a click far from any road stays where it is
        far = QgsPointXY(maxx + 45.0, miny - 45.0)
        point, snapped = tool.snap(far)
        assert not snapped and (point.x(), point.y()) == (far.x(), far.y())
        assert any(i.isVisible() for i in tagged_canvas_items(canvas))  # the rubber band shows the drawing

        # Backspace removes the last click (with its traced part), Enter finishes
        assert _key(tool, Qt.Key.Key_Backspace)
        assert tool.click_count() == 1 and tool.geometry() is None
        tool.add_point(QgsPointXY(b.x, b.y))
        with qtbot.waitSignal(tool.drawn, timeout=2000) as drawn:
            assert _key(tool, Qt.Key.Key_Return)
        geometry = drawn.args[0]
        assert geometry.geom_type == "LineString" and geometry.length == pytest.approx(street.length - 70.0, abs=0.5)
        assert tool.click_count() == 0

        # Esc cancels a drawing; other keys are left to QGIS
        tool.add_point(QgsPointXY(a.x, a.y))
        with qtbot.waitSignal(tool.cancelled, timeout=2000):
            _key(tool, Qt.Key.Key_Escape)
        assert tool.click_count() == 0 and tool.geometry() is None
        assert not _key(tool, Qt.Key.Key_A)
    finally:
        canvas.unsetMapTool(tool)
        tool.clean_up()
    assert tagged_canvas_items(canvas) == []


def test_polygon_mode_snaps_vertices_and_needs_three_points(qtbot, canvas, roads):
    street = _road(roads, "Pariser Straße")
    minx, miny, maxx, maxy = street.bounds
    canvas.setExtent(QgsRectangle(minx - 60, miny - 60, maxx + 60, maxy + 60))
    tool = RoadworksDrawTool(canvas, lambda: roads, POLYGON)
    try:
        p = street.interpolate(20.0)
        q = street.interpolate(80.0)
        tool.add_point(QgsPointXY(p.x + 1.0, p.y + 1.0))
        tool.add_point(QgsPointXY(q.x + 1.0, q.y - 1.0))
        assert tool.finish() is None  # two points are no polygon: nothing handed over
        tool.add_point(QgsPointXY(q.x + 200.0, q.y + 200.0))  # off the network: kept as clicked
        assert len(tool.points()) == 3  # polygons are never traced
        with qtbot.waitSignal(tool.drawn, timeout=2000) as drawn:
            _release(tool, canvas, 0, 0, Qt.MouseButton.RightButton)
        polygon = drawn.args[0]
        assert polygon.geom_type == "Polygon" and polygon.is_valid
        assert street.distance(Point(polygon.exterior.coords[0])) < 1e-6
    finally:
        tool.clean_up()
    assert not [i for i in canvas.scene().items() if i.data(0) == CANVAS_TAG]


# ---------------------------------------------------------------------------- the form

def _site(roads):
    street = _road(roads, "Schillerstraße")
    from shapely.ops import substring
    return substring(street, 10.0, 90.0)


def test_form_rejects_end_before_start_and_saves_nothing(qtbot, store, roads):
    works = new_roadworks(store, _site(roads))
    assert works.road_name == "Schillerstraße"  # suggested from the road under the site
    form = RoadworksForm(store, works, actor=ACTOR)
    qtbot.addWidget(form)
    before = _counts(store)
    start = datetime(2027, 5, 3, 7, 0, tzinfo=timezone.utc)
    form.set_value("title", "Hausanschluss Schillerstraße 12")
    form.set_value("planned_start", start)
    form.set_value("planned_end", start - timedelta(hours=3))
    assert form.save() is None
    texts = form.problem_texts()
    assert set(texts) == {"planned_end"}
    assert "must be after the planned start" in texts["planned_end"]
    assert form.errors["planned_end"].isVisibleTo(form)
    assert _counts(store) == before
    # fixing it clears the message and saves, with history
    form.set_value("planned_end", start + timedelta(days=3))
    with qtbot.waitSignal(form.saved, timeout=2000):
        stored = form.save()
    assert stored is not None and stored.version == 1 and form.problem_texts() == {}
    assert _counts(store) == (before[0] + 1, before[1] + 1)
    entry = repository.history(store, stored.id)[0]
    assert entry.actor == ACTOR and entry.action == "create"
    assert entry.new["title"] == "Hausanschluss Schillerstraße 12"
    assert entry.new["planned_end"] == "2027-05-06T07:00:00.000Z"


def test_form_rejects_a_self_intersecting_polygon(qtbot, store):
    bowtie = Polygon([(410300, 5477700), (410340, 5477740), (410340, 5477700), (410300, 5477740)])
    works = Roadworks(title="Aufgrabung", geometry=bowtie,
                      planned_start=datetime(2027, 5, 3, 7, 0, tzinfo=timezone.utc))
    form = RoadworksForm(store, works, actor=ACTOR)
    qtbot.addWidget(form)
    before = _counts(store)
    assert form.save() is None
    texts = form.problem_texts()
    assert list(texts) == ["geometry"]
    assert "crosses itself near x = 410320.0, y = 5477720.0" in texts["geometry"]
    assert _counts(store) == before


def test_form_offers_only_lifecycle_steps_and_rejects_a_bad_transition(qtbot, store):
    planned = next(w for w in repository.list_roadworks(store) if w.title == MANNHEIMER_SWK)
    form = RoadworksForm(store, planned, actor=ACTOR)
    qtbot.addWidget(form)
    combo = form.inputs["status"]
    assert [combo.itemData(i) for i in range(combo.count())] == ["planned", "approved", "cancelled"]
    assert allowed_statuses("completed", new=False) == ["completed"]
    assert allowed_statuses(None, new=True) == ["planned", "approved", "active"]
    before = _counts(store)
    combo.addItem("completed", "completed")  # as if a stale list offered it
    combo.setCurrentIndex(combo.count() - 1)
    form.set_value("speed_limit", 20)
    assert form.save() is None
    texts = form.problem_texts()
    assert set(texts) == {"status"}
    assert "cannot change from 'planned' to 'completed'" in texts["status"]
    assert _counts(store) == before and repository.get(store, planned.id).version == planned.version


def test_valid_edit_writes_history_and_the_history_tab_shows_it(qtbot, store):
    planned = next(w for w in repository.list_roadworks(store) if w.title == MANNHEIMER_SWK)
    form = RoadworksForm(store, planned, actor=ACTOR)
    qtbot.addWidget(form)
    form.set_value("speed_limit", 20)
    form.inputs["status"].setCurrentIndex(form.inputs["status"].findData("approved"))
    form.set_value("order_number", "VRA-2026-0463a")
    assert form.changes() == {"speed_limit": 20, "status": "approved", "order_number": "VRA-2026-0463a"}
    stored = form.save()
    assert stored.version == planned.version + 1 and stored.status == "approved" and stored.speed_limit == 20
    last = repository.history(store, planned.id)[-1]
    assert last.actor == ACTOR and last.action == "transition"
    assert last.old == {"status": "planned", "speed_limit": 30, "order_number": "VRA-2026-0463"}
    assert last.new == {"status": "approved", "speed_limit": 20, "order_number": "VRA-2026-0463a"}
    again = RoadworksForm(store, stored, actor=ACTOR)
    qtbot.addWidget(again)
    rows = again.history_rows()
    assert [r[3:] for r in rows[:3]] == [["Status", "planned", "approved"],
                                         ["Temporary speed limit (km/h)", "30", "20"],
                                         ["Traffic order number (verkehrsrechtliche Anordnung)", "VRA-2026-0463",
                                          "VRA-2026-0463a"]]
    assert all(r[1] == ACTOR for r in rows[:3])
    # saving without a change writes nothing
    before = _counts(store)
    assert again.save().version == stored.version
    assert _counts(store) == before


def test_becoming_active_sets_the_actual_start_like_the_repository(qtbot, store):
    approved = next(w for w in repository.list_roadworks(store) if w.status == "approved")
    form = RoadworksForm(store, approved, actor=ACTOR)
    qtbot.addWidget(form)
    form.inputs["status"].setCurrentIndex(form.inputs["status"].findData("active"))
    stored = form.save()
    assert stored.status == "active" and stored.actual_start is not None
    assert abs((stored.actual_start - datetime.now(timezone.utc)).total_seconds()) < 60


def test_a_conflict_shows_both_versions_and_lets_mine_win(qtbot, store):
    planned = next(w for w in repository.list_roadworks(store) if w.title == MANNHEIMER_SWK)
    form = RoadworksForm(store, planned, actor=ACTOR)
    qtbot.addWidget(form)
    # a colleague saves first
    theirs = repository.update(store, planned.id, {"speed_limit": 40, "contractor": "Rohrbau Lauter GmbH"},
                               planned.version, "k.kollegin")
    form.set_value("contractor", "Leitungsbau Westpfalz GmbH & Co. KG")
    form.set_value("notes", "Zufahrt Feuerwehr freihalten")
    before = _counts(store)
    assert form.save() is None
    assert _counts(store) == before  # nothing written while the user decides
    dialog = form.conflict_dialog
    assert isinstance(dialog, RoadworksConflictDialog) and dialog.isVisible()
    assert f"version {planned.version}" in dialog.message.text() and f"version {theirs.version}" in dialog.message.text()
    rows = {r[0]: r[1:] for r in dialog.rows()}
    assert rows["contractor"] == ("Leitungsbau Westpfalz GmbH & Co. KG", "Rohrbau Lauter GmbH", True)
    assert rows["speed_limit"] == ("30", "40", False)
    assert rows["notes"][2] is True
    with qtbot.waitSignal(form.saved, timeout=2000) as saved:
        dialog.save_button.click()
    stored = saved.args[0]
    assert stored.version == theirs.version + 1
    assert stored.contractor == "Leitungsbau Westpfalz GmbH & Co. KG" and stored.notes == "Zufahrt Feuerwehr freihalten"
    assert stored.speed_limit == 40  # the colleague's change to another field survives
    assert repository.history(store, planned.id)[-1].actor == ACTOR


def test_a_conflict_can_load_the_stored_version(qtbot, store):
    planned = next(w for w in repository.list_roadworks(store) if w.title == MANNHEIMER_SWK)
    form = RoadworksForm(store, planned, actor=ACTOR)
    qtbot.addWidget(form)
    theirs = repository.update(store, planned.id, {"speed_limit": 40}, planned.version, "k.kollegin")
    form.set_value("speed_limit", 10)
    assert form.save() is None
    form.conflict_dialog.load_button.click()
    assert form.inputs["speed_limit"].value() == 40 and str(theirs.version) in form.windowTitle()
    assert repository.get(store, planned.id).version == theirs.version


def test_new_roadworks_from_the_tool_geometry_uses_qgis_geometry_wkt(store):
    """The form takes the tool's shapely geometry as it is: what is saved is what was drawn."""
    site = LineString([(410460.0, 5477857.0), (410590.0, 5477953.0)])
    works = new_roadworks(store, site)
    assert works.geometry.equals(site) and works.planned_start > datetime.now(timezone.utc)
    assert QgsGeometry.fromWkt(works.geometry.wkt).length() == pytest.approx(site.length)
