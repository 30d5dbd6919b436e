"""The panorama dock, map tool and view cone on a test-size demo city (headless, real loader)."""
import json
import math
import re
import shutil
from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from qgis.core import (Qgis, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject,
                       QgsRectangle, QgsVectorLayer)
from qgis.gui import QgsMapMouseEvent, QgsVertexMarker
from qgis.PyQt.QtCore import QCoreApplication, QDate, QEvent, QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QImage, QMouseEvent
from qgis.PyQt.QtWidgets import QApplication
from shapely.geometry import Point

from herzlich_digital_plugin.core.equirect import angles_from_vector, bearing_between
from herzlich_digital_plugin.democity.build import build_demo_city, build_scene
from herzlich_digital_plugin.democity.render_batch import ensure_image
from herzlich_digital_plugin.gui.active_store import PROJECT_KEY, PROJECT_SCOPE, ActiveStore, set_project_store
from herzlich_digital_plugin.gui.panorama_dock import PanoramaDock
from herzlich_digital_plugin.gui.panorama_map_tool import PanoramaMapTool
from herzlich_digital_plugin.gui.panorama_pick import camera_xyz
from herzlich_digital_plugin.store import open_store
from herzlich_digital_plugin.toolbelt.log import PlgLogger

SEED = 7239
LOAD_TIMEOUT_MS = 60000


# ---------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def city(tmp_path_factory):
    folder = tmp_path_factory.mktemp("democity")
    result = build_demo_city("test", SEED, folder, images=False)
    scene, _ = build_scene("test", SEED)
    store = open_store(str(result.store_path))
    panoramas = store.select("panorama")
    store.close()
    return {"path": result.store_path, "folder": folder, "scene": scene, "panoramas": panoramas}


@pytest.fixture()
def use_store():
    """Point the GUI at a store through the project entry, as the demo city does; undone afterwards."""
    project = QgsProject.instance()

    def use(path):
        set_project_store(project, str(path))
    yield use
    project.removeEntry(PROJECT_SCOPE, PROJECT_KEY)


@pytest.fixture()
def canvas(qgis_iface):
    canvas = qgis_iface.mapCanvas()
    crs, extent = canvas.mapSettings().destinationCrs(), canvas.extent()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    yield canvas
    canvas.setDestinationCrs(crs)
    canvas.setExtent(extent)


@pytest.fixture()
def dock(qgis_iface, qtbot, city, use_store, canvas):
    use_store(city["path"])
    store = ActiveStore()
    widget = PanoramaDock(qgis_iface, store, parent=qgis_iface.mainWindow())
    widget.setFloating(True)
    widget.resize(900, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()
    store.close()
    widget.hide()
    widget.deleteLater()
    _flush_deletes()


def _flush_deletes():
    for _ in range(3):  # let deleteLater() happen, as QGIS's event loop would
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def _wait_loaded(qtbot, dock):
    qtbot.waitUntil(lambda: dock.view.has_full_image() or dock.view.status()[1], timeout=LOAD_TIMEOUT_MS)
    assert dock.view.has_full_image(), dock.view.status()


def _mouse(widget, kind, pos, button, buttons):
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _click(widget, x, y):
    pos = QPoint(int(round(x)), int(round(y)))
    left = Qt.MouseButton.LeftButton
    _mouse(widget, QEvent.Type.MouseButtonPress, pos, left, left)
    _mouse(widget, QEvent.Type.MouseButtonRelease, pos, left, Qt.MouseButton.NoButton)


def _canvas_click(tool, canvas, x, y):
    px = canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, QPoint(int(round(px.x())), int(round(px.y()))),
                             Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    tool.canvasReleaseEvent(event)


def _angle_diff(a, b):
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _sequence_middle(city, campaign_id=1, min_len=4):
    by_seq = {}
    for row in city["panoramas"]:
        if row["campaign_id"] == campaign_id:
            by_seq.setdefault(row["sequence_id"], []).append(row)
    rows = sorted(next(v for v in by_seq.values() if len(v) >= min_len), key=lambda r: r["sequence_rank"])
    return rows


def _time_travel_pair(city):
    """(2021 panorama, 2023 panorama) at practically the same place."""
    old = [r for r in city["panoramas"] if r["campaign_id"] == 1]
    best = None
    for new in (r for r in city["panoramas"] if r["campaign_id"] == 2):
        for row in old:
            d = math.hypot(row["geom"].x - new["geom"].x, row["geom"].y - new["geom"].y)
            if best is None or d < best[0]:
                best = (d, row, new)
    assert best[0] < 5.0
    return best[1], best[2]


def _messages(qgis_iface, level):
    return list(qgis_iface.messageBar().get_messages(level))


# ---------------------------------------------------------------------------- map tool and header

def test_map_tool_click_opens_the_nearest_panorama(qgis_iface, qtbot, city, dock, canvas):
    target = city["panoramas"][20]
    canvas.setExtent(QgsRectangle(target["geom"].x - 60, target["geom"].y - 60,
                                  target["geom"].x + 60, target["geom"].y + 60))
    tool = PanoramaMapTool(canvas, dock.active_store, PlgLogger(qgis_iface))
    tool.panoramaPicked.connect(dock.open_panorama)
    with qtbot.waitSignal(dock.panoramaChanged, timeout=5000):
        _canvas_click(tool, canvas, target["geom"].x + 0.4, target["geom"].y - 0.3)
    shown = dock.current_panorama()
    store = open_store(str(city["path"]))
    expected = store.nearest("panorama", target["geom"].x + 0.4, target["geom"].y - 0.3, k=1)[0][0]
    campaign = store.get("campaign", expected["campaign_id"])
    store.close()
    assert shown["id"] == expected["id"]
    assert str(shown["id"]) in dock.id_label.text()
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", dock.date_label.text())
    local = expected["captured_at"].astimezone(ZoneInfo("Europe/Berlin"))  # shown in German local time
    assert dock.date_label.text() == local.strftime("%d.%m.%Y %H:%M")
    assert dock.campaign_label.text() == campaign["name"]
    assert dock.view.view()[0] == pytest.approx(expected["heading"])  # opens looking along the heading
    _wait_loaded(qtbot, dock)

    # far from every panorama: nothing opens, the message bar says why
    infos = len(_messages(qgis_iface, Qgis.MessageLevel.Info))
    canvas.setExtent(QgsRectangle(target["geom"].x + 4000, target["geom"].y, target["geom"].x + 4100,
                                  target["geom"].y + 100))
    assert tool.pick(QgsPointXY(target["geom"].x + 4050, target["geom"].y + 50)) is None
    assert len(_messages(qgis_iface, Qgis.MessageLevel.Info)) == infos + 1
    assert dock.current_panorama()["id"] == expected["id"]


def test_map_tool_transforms_other_canvas_crs(qtbot, city, dock, canvas):
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    target = city["panoramas"][40]
    to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:25832"),
                                    QgsCoordinateReferenceSystem("EPSG:3857"), QgsProject.instance())
    centre = to_map.transform(QgsPointXY(target["geom"].x, target["geom"].y))
    canvas.setExtent(QgsRectangle(centre.x() - 80, centre.y() - 80, centre.x() + 80, centre.y() + 80))
    tool = PanoramaMapTool(canvas, dock.active_store)
    picked = []
    tool.panoramaPicked.connect(picked.append)
    _canvas_click(tool, canvas, centre.x(), centre.y())
    assert [row["id"] for row in picked] == [target["id"]]


# ---------------------------------------------------------------------------- moving around

def test_w_s_step_along_the_sequence_keeping_the_view(qgis_iface, qtbot, city, dock):
    rows = _sequence_middle(city)
    dock.open_panorama(rows[1]["id"])
    dock.view.set_view(yaw=77.0, pitch=-5.0, fov=70.0)
    dock.view.setFocus()
    qtbot.keyClick(dock.view, Qt.Key.Key_W)
    assert dock.current_panorama()["id"] == rows[2]["id"]
    assert dock.view.view() == (77.0, -5.0, 70.0)
    qtbot.keyClick(dock.view, Qt.Key.Key_PageUp)
    assert dock.current_panorama()["id"] == rows[3]["id"]
    qtbot.keyClick(dock.view, Qt.Key.Key_S)
    qtbot.keyClick(dock.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(dock.view, Qt.Key.Key_S)
    assert dock.current_panorama()["id"] == rows[0]["id"]
    infos = len(_messages(qgis_iface, Qgis.MessageLevel.Info))
    qtbot.keyClick(dock.view, Qt.Key.Key_S)  # before the first: stays, says so
    assert dock.current_panorama()["id"] == rows[0]["id"]
    assert len(_messages(qgis_iface, Qgis.MessageLevel.Info)) == infos + 1
    qtbot.keyClick(dock.view, Qt.Key.Key_Home)
    assert dock.view.view()[:2] == (pytest.approx(rows[0]["heading"]), 0.0)
    _wait_loaded(qtbot, dock)


def test_drag_and_keys_in_the_dock_change_the_view_within_limits(qtbot, city, dock):
    dock.open_panorama(city["panoramas"][5]["id"])
    _wait_loaded(qtbot, dock)
    view = dock.view
    yaw0 = view.view()[0]
    left = Qt.MouseButton.LeftButton
    _mouse(view, QEvent.Type.MouseButtonPress, QPoint(100, 100), left, left)
    for x in range(110, 400, 10):
        _mouse(view, QEvent.Type.MouseMove, QPoint(x, 100), Qt.MouseButton.NoButton, left)
    _mouse(view, QEvent.Type.MouseButtonRelease, QPoint(390, 100), left, Qt.MouseButton.NoButton)
    assert _angle_diff(view.view()[0], yaw0 - 290 * view.view()[2] / view.width()) < 1e-6
    for _ in range(40):
        qtbot.keyClick(view, Qt.Key.Key_Up)
        qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.view()[1] == 85.0 and view.view()[2] == 20.0
    QApplication.processEvents()
    assert view.grab().toImage().size() == view.size()


def test_time_travel_switches_campaign_keeping_the_direction(qtbot, city, dock):
    old, new = _time_travel_pair(city)
    dock.open_panorama(old["id"])
    dock.view.set_view(yaw=123.4, pitch=-7.0, fov=55.0)
    items = [dock.time_combo.itemData(i) for i in range(dock.time_combo.count())]
    assert items[0] == old["id"] and new["id"] in items
    assert all(dock.time_combo.itemData(i) != old["id"] for i in range(1, len(items)))
    dock.time_combo.activated.emit(items.index(new["id"]))
    assert dock.current_panorama()["id"] == new["id"]
    assert dock.current_panorama()["campaign_id"] == 2
    assert dock.view.view() == (pytest.approx(123.4), -7.0, 55.0)
    assert dock.time_combo.itemData(0) == new["id"]
    assert old["id"] in [dock.time_combo.itemData(i) for i in range(dock.time_combo.count())]
    _wait_loaded(qtbot, dock)


# ---------------------------------------------------------------------------- clicks

def _truth_points_near(city, pano, lo=3.0, hi=15.0):
    ground = city["scene"].ground_z
    return [np.array([a.x, a.y, ground]) for a in city["scene"].assets
            if lo < math.hypot(a.x - pano["geom"].x, a.y - pano["geom"].y) < hi]


def _click_world_point(dock, point, offset=(6.0, 4.0), fov=60.0):
    """Turn the view near a world point, click at its projected pixel; returns the picked ground point."""
    b, e = angles_from_vector(point - camera_xyz(dock.current_panorama()))
    dock.view.set_view(yaw=b + offset[0], pitch=e + offset[1], fov=fov)
    x, y, visible = dock.view.pixel_of(b, e)
    assert visible
    _click(dock.view, x, y)
    return dock.click_point()


def test_click_gives_the_ground_point_within_ten_centimetres(qtbot, city, dock):
    errors = []
    candidates = sorted(city["panoramas"], key=lambda r: -len(_truth_points_near(city, r)))[:4]
    for pano in candidates:
        dock.open_panorama(pano["id"])
        for k, truth in enumerate(_truth_points_near(city, pano)):
            picked = _click_world_point(dock, truth, offset=(-8.0 + 4 * (k % 5), 2.0 + k % 3))
            assert picked is not None
            errors.append(math.hypot(picked[0] - truth[0], picked[1] - truth[1]))
    assert len(errors) >= 20
    assert float(np.median(errors)) <= 0.10, errors
    text = dock.click_label.text()
    # the coordinates with the expected error of the click; the clipboard gets the coordinates alone
    match = re.fullmatch(r"(E \d{6}\.\d\d N \d{7}\.\d\d) \(± (\d+\.\d\d) m\)", text)
    assert match and 0 < float(match.group(2)) < 1.0
    assert dock.copy_click_coordinates() == match.group(1) == QApplication.clipboard().text()
    _wait_loaded(qtbot, dock)


def test_click_above_the_horizon_gives_no_point(qtbot, city, dock):
    dock.open_panorama(city["panoramas"][3]["id"])
    dock.view.set_view(pitch=30.0)
    _click(dock.view, dock.view.width() / 2, dock.view.height() / 2)
    assert dock.click_point() is None
    assert dock.click_label.text()
    _wait_loaded(qtbot, dock)


def test_measure_distance_between_two_known_points(qtbot, city, dock):
    pano = max(city["panoramas"], key=lambda r: len(_truth_points_near(city, r)))
    points = _truth_points_near(city, pano)
    a, b = max(((p, q) for p in points for q in points), key=lambda pq: np.linalg.norm(pq[0] - pq[1]))
    dock.open_panorama(pano["id"])
    measured = []
    dock.measured.connect(lambda d, dz: measured.append((d, dz)))
    _click_world_point(dock, a)
    dock.start_measure()
    _click_world_point(dock, b, offset=(-5.0, 3.0))
    true_distance = math.hypot(*(b - a)[:2])
    assert true_distance > 5.0
    assert len(measured) == 1
    assert measured[0][0] == pytest.approx(true_distance, abs=0.15)
    assert measured[0][1] == pytest.approx(0.0, abs=0.01)  # flat demo city
    assert f"{measured[0][0]:.2f}" in dock.measure_label.text()
    _wait_loaded(qtbot, dock)


def test_show_on_map_and_place_asset(qgis_iface, qtbot, city, dock, canvas):
    pano = city["panoramas"][60]
    dock.open_panorama(pano["id"])
    truth = _truth_points_near(city, pano, 0.0, 30.0)[0]
    picked = _click_world_point(dock, truth)
    point = dock.show_click_on_map()
    marker = dock.map_marker()
    assert isinstance(marker, QgsVertexMarker) and marker in canvas.scene().items()
    assert point.x() == pytest.approx(picked[0]) and point.y() == pytest.approx(picked[1])
    store = open_store(str(city["path"]))
    before = store.count("asset")
    asset_id = dock.place_asset("marking")
    assert asset_id is not None
    row = store.get("asset", asset_id)
    assert store.count("asset") == before + 1
    store.close()
    assert row["asset_class"] == "marking" and row["position_source"] == "panorama_click"
    assert row["geom"].distance(Point(truth[0], truth[1])) < 0.3
    dock.shutdown()  # removes its marker from the canvas
    assert marker not in canvas.scene().items()


# ---------------------------------------------------------------------------- snapshot

def test_snapshot_writes_png_and_pose_json(qtbot, tmp_path, city, dock):
    pano = city["panoramas"][10]
    dock.open_panorama(pano["id"])
    _wait_loaded(qtbot, dock)
    dock.view.set_view(yaw=250.0, pitch=-3.0, fov=75.0)
    png = dock.snapshot(tmp_path / "snaps")
    assert png is not None and png.exists() and png.parent == tmp_path / "snaps"
    image = QImage(str(png))
    assert image.width() == dock.view.width() and image.height() == dock.view.height()
    pixels = np.array([image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)])
    assert len(np.unique(pixels)) > 20  # a real picture, not an empty frame
    pose = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
    assert pose["panorama_id"] == pano["id"]
    assert pose["yaw"] == 250.0 and pose["pitch"] == -3.0 and pose["fov"] == 75.0
    assert pose["position"] == {"x": pano["geom"].x, "y": pano["geom"].y, "z": pano["geom"].z, "crs": "EPSG:25832"}
    assert pose["heading"] == pano["heading"] and pose["image_uri"] == pano["image_uri"]
    assert pose["captured_at"].startswith(pano["captured_at"].isoformat()[:16])
    assert pose["snapshot_image"] == png.name and pose["snapshot_at"]
    default = dock.snapshot()  # the store's folder /snapshots/
    assert default.parent == city["folder"] / "snapshots" and default.with_suffix(".json").exists()


# ---------------------------------------------------------------------------- broken images

def test_failed_image_shows_the_message_and_the_viewer_stays_usable(qgis_iface, qtbot, tmp_path, city, use_store,
                                                                   dock):
    folder = tmp_path / "fremd"
    (folder / "bilder").mkdir(parents=True)
    good_source = ensure_image(city["folder"], city["scene"], city["panoramas"][0])
    shutil.copy(good_source, folder / "bilder" / "gut.jpg")
    store = open_store(str(folder / "fremd.gpkg"))  # not a demo store: nothing is rendered for it
    base = {k: v for k, v in city["panoramas"][0].items() if k not in ("id", "campaign_id", "image_uri")}
    missing_id = store.insert("panorama", {**base, "image_uri": "bilder/fehlt.jpg"})
    good_id = store.insert("panorama", {**base, "image_uri": "bilder/gut.jpg"})
    store.close()
    use_store(folder / "fremd.gpkg")
    criticals = len(_messages(qgis_iface, Qgis.MessageLevel.Critical))

    dock.open_panorama(missing_id)
    qtbot.waitUntil(lambda: dock.view.status()[1], timeout=LOAD_TIMEOUT_MS)
    message = dock.view.status()[0]
    assert message and not dock.view.has_full_image()
    assert len(_messages(qgis_iface, Qgis.MessageLevel.Critical)) == criticals + 1
    assert message in _messages(qgis_iface, Qgis.MessageLevel.Critical)[-1]
    dock.view.grab()  # paints the message without an image
    dock.view.setFocus()
    yaw = dock.view.view()[0]
    qtbot.keyClick(dock.view, Qt.Key.Key_Right)
    assert dock.view.view()[0] != yaw

    dock.open_panorama(good_id)
    _wait_loaded(qtbot, dock)
    assert dock.view.status() == ("", False)


# ---------------------------------------------------------------------------- layer filter

def test_filter_sets_a_subset_string_on_the_panorama_layer(qtbot, city, dock):
    store = open_store(str(city["path"]))
    provider, uri = store.layer_uri("panorama")
    counts = {c: store.count("panorama", {"campaign_id": c}) for c in (1, 2)}
    store.close()
    layer = QgsVectorLayer(uri, "Panoramen", provider)
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    try:
        def shown():
            return sum(1 for _ in layer.getFeatures())

        dock.filter_box.setCollapsed(False)
        assert dock.filter_campaign.count() == 3  # all + two campaigns
        dock.filter_campaign.setCurrentIndex(dock.filter_campaign.findData(2))
        expression = dock.apply_filter()
        assert layer.subsetString() == expression and "campaign_id" in expression
        assert shown() == counts[2]
        dock.filter_campaign.setCurrentIndex(0)
        dock.filter_dates.setChecked(True)
        dock.filter_from.setDate(QDate(2021, 10, 4))
        dock.filter_to.setDate(QDate(2021, 10, 4))
        dock.apply_filter()
        assert shown() == counts[1]
        dock.filter_from.setDate(QDate(2021, 10, 5))
        dock.filter_to.setDate(date(2023, 6, 11))
        dock.apply_filter()
        assert shown() == 0
        dock.clear_filter()
        assert layer.subsetString() == "" and shown() == counts[1] + counts[2]
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


# ---------------------------------------------------------------------------- view cone through the plugin

def _cone_axis(cone, canvas_crs):
    """(apex, bearing of the wedge's axis) in EPSG:25832, from the cone's cached map polygon."""
    to_store = QgsCoordinateTransform(canvas_crs, QgsCoordinateReferenceSystem("EPSG:25832"), QgsProject.instance())
    pts = [to_store.transform(p) for p in cone.polygon_map()]
    apex, middle = pts[0], pts[1 + (len(pts) - 1) // 2]
    return apex, float(bearing_between(apex.x(), apex.y(), middle.x(), middle.y()))


@pytest.mark.parametrize("crs", ["EPSG:25832", "EPSG:3857"])
def test_view_cone_follows_the_viewer(qgis_iface, qtbot, city, use_store, canvas, crs):
    from herzlich_digital_plugin import classFactory

    use_store(city["path"])
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem(crs))
    rows = _sequence_middle(city)
    to_canvas = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:25832"), canvas.mapSettings().destinationCrs(),
                                       QgsProject.instance())
    centre = to_canvas.transform(QgsPointXY(rows[1]["geom"].x, rows[1]["geom"].y))
    canvas.setExtent(QgsRectangle(centre.x() - 100, centre.y() - 100, centre.x() + 100, centre.y() + 100))
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.open_panorama(rows[1]["id"])
        dock, cone = plugin.panorama_dock, plugin.view_cone
        canvas_crs = canvas.mapSettings().destinationCrs()

        def check(row):
            apex, axis = _cone_axis(cone, canvas_crs)
            assert apex.distance(QgsPointXY(row["geom"].x, row["geom"].y)) < 0.5
            assert _angle_diff(axis, dock.view.view()[0]) < 0.5
            assert cone.isVisible()

        check(rows[1])
        for yaw in (0.0, 33.3, 181.0, 359.0):
            dock.view.set_view(yaw=yaw, fov=50.0)
            check(rows[1])
        dock.view.setFocus()
        qtbot.keyClick(dock.view, Qt.Key.Key_Right)
        check(rows[1])
        qtbot.keyClick(dock.view, Qt.Key.Key_W)  # the cone follows steps
        assert dock.current_panorama()["id"] == rows[2]["id"]
        check(rows[2])
        canvas.zoomByFactor(3.0)  # extent changes rebuild the wedge
        check(rows[2])
        # another map click jumps there
        plugin.actions["open_panorama"].trigger()
        assert canvas.mapTool() is plugin.panorama_tool
        x, y = _in_canvas(canvas, rows[0])
        canvas.setExtent(QgsRectangle(x - 20, y - 20, x + 20, y + 20))
        _canvas_click(plugin.panorama_tool, canvas, x, y)
        other = dock.current_panorama()
        assert other["id"] != rows[2]["id"]
        assert math.hypot(other["geom"].x - rows[0]["geom"].x, other["geom"].y - rows[0]["geom"].y) < 1.0
        check(other)
        _wait_loaded(qtbot, dock)
        QgsProject.instance().clear()  # a new project may bring another store: the dock lets go
        assert dock.current_panorama() is None and not cone.isVisible()
        assert dock.view.image() is None
    finally:
        plugin.unload()
        _flush_deletes()
    assert canvas.mapTool() is None


def _in_canvas(canvas, row):
    to_canvas = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:25832"), canvas.mapSettings().destinationCrs(),
                                       QgsProject.instance())
    p = to_canvas.transform(QgsPointXY(row["geom"].x, row["geom"].y))
    return p.x(), p.y()


def test_viewer_loads_with_the_image_server_login_and_timeout_of_the_settings(dock):
    from herzlich_digital_plugin.toolbelt.settings import SettingsManager

    manager = SettingsManager()
    before = manager.load()
    try:
        manager.set("image_authcfg", "img0001")
        manager.set("network_timeout_s", 7)
        dock.shutdown()  # the next loader is made from the settings as they are now
        loader = dock.loader()
        assert (loader.authcfg, loader.timeout_s) == ("img0001", 7.0)
    finally:
        manager.save(before)
