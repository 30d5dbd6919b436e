"""The plugin loads into QGIS, adds its menu, toolbar and provider, and unload() takes all of it away again."""
import logging

import pytest
from qgis.core import QgsApplication
from qgis.gui import QgsDockWidget, QgsMapTool, QgsVertexMarker
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QMenu, QToolBar

from herzlich_digital_plugin import classFactory
from herzlich_digital_plugin.gui.panorama_dock import PanoramaDock
from herzlich_digital_plugin.gui.panorama_map_tool import PanoramaMapTool
from herzlich_digital_plugin.gui.review_inspector_dock import ReviewInspectorDock
from herzlich_digital_plugin.gui.review_map_tools import PointTool, PolygonTool
from herzlich_digital_plugin.gui.review_queue_dock import ReviewQueueDock
from herzlich_digital_plugin.gui.roadworks_check_dock import RoadworksCheckDock
from herzlich_digital_plugin.gui.roadworks_draw_tool import RoadworksDrawTool
from herzlich_digital_plugin.gui.roadworks_layers import CANVAS_TAG
from herzlich_digital_plugin.gui.sensor_chart_dock import SensorChartDock
from herzlich_digital_plugin.gui.sensor_layer_dialog import SensorLayerDialog
from herzlich_digital_plugin.gui.view_cone import ViewCone
from herzlich_digital_plugin.plugin import MENU_OBJECT_NAME, TOOLBAR_OBJECT_NAME
from herzlich_digital_plugin.toolbelt.log import LOGGER_NAME

PROVIDER_ID = "herzlich_digital"


def _flush_deletes():
    # deleteLater() only takes effect once the event loop handles the posted DeferredDelete events.
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _our_menus(main_window):
    return [a for a in main_window.menuBar().actions() if a.menu() and a.menu().objectName() == MENU_OBJECT_NAME]


def _canvas_state(canvas):
    items = canvas.scene().items()
    return {
        # ours only: QGIS adds and removes its own items (e.g. flash rubber bands) on timers
        "canvas_items": len([i for i in items if isinstance(i, (ViewCone, QgsVertexMarker))]),
        "roadworks_items": len([i for i in items if i.data(0) == CANVAS_TAG]),  # rubber bands, snap marker
        "our_map_tool": int(isinstance(canvas.mapTool(), (PanoramaMapTool, PointTool, PolygonTool,
                                                               RoadworksDrawTool))),
    }


def _state(main_window, canvas=None):
    """Everything a plugin could leave behind, counted."""
    return {
        "docks": len(main_window.findChildren(QgsDockWidget, PanoramaDock.OBJECT_NAME)),
        "review_docks": len(main_window.findChildren(QgsDockWidget, ReviewQueueDock.OBJECT_NAME))
        + len(main_window.findChildren(QgsDockWidget, ReviewInspectorDock.OBJECT_NAME)),
        "roadworks_docks": len(main_window.findChildren(QgsDockWidget, RoadworksCheckDock.OBJECT_NAME)),
        "sensor_docks": len(main_window.findChildren(QgsDockWidget, SensorChartDock.OBJECT_NAME)),
        "sensor_dialogs": len(main_window.findChildren(SensorLayerDialog, SensorLayerDialog.OBJECT_NAME)),
        **(_canvas_state(canvas) if canvas is not None else {}),
        "toolbars": len(main_window.findChildren(QToolBar, TOOLBAR_OBJECT_NAME)),
        "menus": len(_our_menus(main_window)),
        "menu_objects": len(main_window.findChildren(QMenu, MENU_OBJECT_NAME)),
        "actions": len([a for a in main_window.findChildren(QAction) if a.objectName().startswith("mHerzlich")]),
        "providers": int(QgsApplication.processingRegistry().providerById(PROVIDER_ID) is not None),
        "log_handlers": len(logging.getLogger(LOGGER_NAME).handlers),
    }


@pytest.fixture()
def main_window(qgis_iface):
    return qgis_iface.mainWindow()


def test_init_gui_adds_menu_toolbar_and_provider(qgis_iface, main_window):
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        menus = _our_menus(main_window)
        assert len(menus) == 1
        menu_texts = [a.text() for a in menus[0].menu().actions() if not a.isSeparator()]
        assert len(menu_texts) >= 3
        toolbar = main_window.findChild(QToolBar, TOOLBAR_OBJECT_NAME)
        assert toolbar is not None and len(toolbar.actions()) >= 2
        provider = QgsApplication.processingRegistry().providerById(PROVIDER_ID)
        assert provider is not None
        ids = {alg.id() for alg in provider.algorithms()}
        assert {"herzlich_digital:createdemocity", "herzlich_digital:setupshareddatabase"} <= ids
        assert len(logging.getLogger(LOGGER_NAME).handlers) == 1
    finally:
        plugin.unload()
    _flush_deletes()
    assert _state(main_window) == {"docks": 0, "review_docks": 0, "roadworks_docks": 0, "sensor_docks": 0,
                                   "sensor_dialogs": 0, "toolbars": 0, "menus": 0, "menu_objects": 0, "actions": 0,
                                   "providers": 0, "log_handlers": 0}


def test_twenty_load_unload_cycles_leave_nothing_behind(qgis_iface, main_window):
    canvas = qgis_iface.mapCanvas()
    before = _state(main_window, canvas)
    loaded_states = []
    for _ in range(20):
        plugin = classFactory(qgis_iface)
        plugin.initGui()
        plugin.actions["panorama_viewer"].trigger()  # creates the dock and its view cone
        plugin.actions["open_panorama"].trigger()  # the map tool becomes active
        plugin.actions["review"].trigger()  # the review queue dock (on the default store)
        plugin.actions["review_inspector"].trigger()  # the inspector dock (neither touches the map tool)
        plugin.actions["check_roadworks"].trigger()  # the roadworks check dock
        plugin.actions["draw_roadworks_line"].trigger()  # the roadworks drawing tool takes over the canvas
        plugin.actions["sensor_chart"].trigger()  # the sensor time-series dock
        plugin.actions["add_sensor_layer"].trigger()  # the "Add sensor layer" dialog (not modal)
        loaded_states.append(_state(main_window, canvas))
        plugin.unload()
        _flush_deletes()
    after = _state(main_window, canvas)
    assert after == before
    # every load looks exactly like the first: nothing accumulates while loaded either
    assert all(state == loaded_states[0] for state in loaded_states)
    assert loaded_states[0]["toolbars"] == 1 and loaded_states[0]["providers"] == 1
    assert loaded_states[0]["docks"] == 1 and loaded_states[0]["our_map_tool"] == 1
    assert loaded_states[0]["review_docks"] == 2
    assert loaded_states[0]["roadworks_docks"] == 1
    assert loaded_states[0]["sensor_docks"] == 1 and loaded_states[0]["sensor_dialogs"] == 1
    assert loaded_states[0]["canvas_items"] == before["canvas_items"] + 1  # the view cone


def test_panorama_viewer_dock_map_tool_and_cone_are_removed(qgis_iface, main_window):
    canvas = qgis_iface.mapCanvas()
    previous_tool = QgsMapTool(canvas)
    canvas.setMapTool(previous_tool)
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    viewer, tool_action = plugin.actions["panorama_viewer"], plugin.actions["open_panorama"]
    assert viewer.isCheckable() and tool_action.isCheckable()
    toolbar = main_window.findChild(QToolBar, TOOLBAR_OBJECT_NAME)
    assert viewer in toolbar.actions() and tool_action in toolbar.actions()
    assert plugin.panorama_dock is None  # created on first use
    viewer.trigger()
    dock, cone, tool = plugin.panorama_dock, plugin.view_cone, plugin.panorama_tool
    # the test main window is never shown, so "shown" is "not hidden" here
    assert isinstance(dock, PanoramaDock) and not dock.isHidden() and viewer.isChecked()
    assert cone in canvas.scene().items()
    tool_action.trigger()
    assert canvas.mapTool() is tool and tool_action.isChecked()
    canvas.setMapTool(previous_tool)  # another tool takes over: our action unchecks
    assert not tool_action.isChecked()
    tool_action.trigger()
    viewer.trigger()
    assert dock.isHidden() and not viewer.isChecked()
    plugin.unload()
    assert canvas.mapTool() is None  # ours was active: unset, not left dangling
    assert cone not in canvas.scene().items()
    _flush_deletes()
    assert main_window.findChildren(QgsDockWidget, PanoramaDock.OBJECT_NAME) == []
    assert plugin.panorama_dock is None and plugin.view_cone is None and plugin.panorama_tool is None


def test_unload_keeps_a_foreign_active_map_tool(qgis_iface):
    canvas = qgis_iface.mapCanvas()
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    plugin.actions["open_panorama"].trigger()
    foreign = QgsMapTool(canvas)
    canvas.setMapTool(foreign)
    plugin.unload()
    _flush_deletes()
    assert canvas.mapTool() is foreign
    canvas.unsetMapTool(foreign)


def test_unload_disconnects_actions(qgis_iface):
    plugin = classFactory(qgis_iface)
    calls = []
    plugin.show_settings = lambda: calls.append("settings")  # before initGui, so the action is wired to it
    plugin.initGui()
    action = plugin.actions["settings"]
    action.trigger()
    assert calls == ["settings"]
    plugin.unload()
    action.trigger()  # still alive until the event loop deletes it, but no longer wired to the plugin
    assert calls == ["settings"]
    _flush_deletes()


def test_review_docks_tools_and_markers_are_removed(qgis_iface, main_window, tmp_path):
    from qgis.core import QgsProject

    from herzlich_digital_plugin.democity.build import build_demo_city
    from herzlich_digital_plugin.gui.active_store import PROJECT_KEY, PROJECT_SCOPE, set_project_store
    from herzlich_digital_plugin.store import open_store

    canvas = qgis_iface.mapCanvas()
    before = _state(main_window, canvas)
    city = build_demo_city("test", 7239, tmp_path, images=False)
    set_project_store(QgsProject.instance(), str(city.store_path))
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        review, inspector_action = plugin.actions["review"], plugin.actions["review_inspector"]
        toolbar = main_window.findChild(QToolBar, TOOLBAR_OBJECT_NAME)
        assert review in toolbar.actions() and inspector_action in toolbar.actions()
        assert inspector_action.isCheckable() and not review.isCheckable()
        review.trigger()  # opens the queue on the project's store and claims the first items
        queue_dock = plugin.review.queue_dock
        assert isinstance(queue_dock, ReviewQueueDock) and queue_dock.queue.current is not None
        QCoreApplication.processEvents()
        assert plugin.panorama_dock is not None  # the item's panorama is opened beside it
        inspector_action.trigger()
        inspector = plugin.review.inspector
        assert isinstance(inspector, ReviewInspectorDock) and inspector_action.isChecked()
        queue_dock.queue.begin_move()  # a point tool on the canvas
        assert isinstance(canvas.mapTool(), PointTool)
        inspector.filters.set_area("polygon")  # the polygon tool replaces it
        assert isinstance(canvas.mapTool(), PolygonTool)
        inspector.show_detection(queue_dock.queue.current.detection_id)  # inspector's marker
        with open_store(str(city.store_path), create=False) as store:
            assert store.query("SELECT COUNT(*) AS n FROM review_lease")[0]["n"] > 0
    finally:
        plugin.unload()
    _flush_deletes()
    with open_store(str(city.store_path), create=False) as store:  # leases given back
        assert store.query("SELECT COUNT(*) AS n FROM review_lease")[0]["n"] == 0
    assert _state(main_window, canvas) == before
    assert main_window.findChildren(QgsDockWidget, ReviewQueueDock.OBJECT_NAME) == []
    assert main_window.findChildren(QgsDockWidget, ReviewInspectorDock.OBJECT_NAME) == []
    assert plugin.review is None
    QgsProject.instance().removeEntry(PROJECT_SCOPE, PROJECT_KEY)


def test_roadworks_tool_form_dock_bands_and_tasks_are_removed(qgis_iface, main_window, tmp_path):
    from types import SimpleNamespace

    from qgis.core import QgsCoordinateReferenceSystem, QgsPointXY, QgsProject
    from qgis.PyQt import sip
    from shapely.geometry import LineString

    from herzlich_digital_plugin.democity.build import build_demo_city
    from herzlich_digital_plugin.gui.active_store import PROJECT_KEY, PROJECT_SCOPE, set_project_store
    from herzlich_digital_plugin.gui.roadworks_form import RoadworksForm

    canvas = qgis_iface.mapCanvas()
    crs = canvas.mapSettings().destinationCrs()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    before = _state(main_window, canvas)
    city = build_demo_city("test", 7239, tmp_path, images=False)
    set_project_store(QgsProject.instance(), str(city.store_path))
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        line, area = plugin.actions["draw_roadworks_line"], plugin.actions["draw_roadworks_area"]
        check = plugin.actions["check_roadworks"]
        toolbar = main_window.findChild(QToolBar, TOOLBAR_OBJECT_NAME)
        assert line in toolbar.actions() and check in toolbar.actions()
        assert line.isCheckable() and area.isCheckable() and not check.isCheckable()
        line.trigger()
        tool = plugin.roadworks.tool
        assert canvas.mapTool() is tool and tool.mode == "line" and line.isChecked()
        assert tool.road_layer() is not None  # the store's roads (the project has no road layer here)
        area.trigger()  # the same tool, now drawing areas; only one action stays checked
        assert canvas.mapTool() is tool and tool.mode == "polygon" and area.isChecked() and not line.isChecked()
        line.trigger()
        for x, y in ((410450.0, 5477850.0), (410600.0, 5477960.0)):
            tool.add_point(QgsPointXY(x, y))
        assert _state(main_window, canvas)["roadworks_items"] >= 1  # the drawing's rubber band
        tool.finish()  # hands the line to the form
        form = plugin.roadworks.form
        assert isinstance(form, RoadworksForm) and not form.isHidden()
        check.trigger()
        dock = plugin.roadworks.dock
        assert isinstance(dock, RoadworksCheckDock) and not dock.isHidden()
        detour = SimpleNamespace(route=LineString([(410450, 5477850), (410200, 5478255), (410880, 5478222)]),
                                 closed=LineString([(410450, 5477850), (410880, 5478222)]))
        assert dock.bands.show(detour)
        assert dock.check(1) is not None  # still running when the plugin goes
        assert _state(main_window, canvas)["roadworks_docks"] == 1
    finally:
        plugin.unload()
    _flush_deletes()
    assert canvas.mapTool() is None
    assert sip.isdeleted(form)  # closed and deleted with the plugin
    assert _state(main_window, canvas) == before
    assert [i for i in canvas.scene().items() if i.data(0) == CANVAS_TAG] == []
    assert plugin.roadworks is None
    QgsProject.instance().removeEntry(PROJECT_SCOPE, PROJECT_KEY)
    canvas.setDestinationCrs(crs)


def test_sensor_layers_dock_dialog_tasks_and_timers_are_removed(qgis_iface, main_window, qtbot):
    import sys
    from pathlib import Path

    from qgis.core import QgsProject
    from qgis.PyQt import sip
    from qgis.PyQt.QtCore import QTimer

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from herzlich_digital_plugin.sensors.connections import SensorConnection
    from sta_fixtures import demo_strict_server
    from sensor_gui_helpers import now_utc

    sta = demo_strict_server(now_utc(), days=0.2)
    sta.start()
    canvas = qgis_iface.mapCanvas()
    before = _state(main_window, canvas)
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    layer = None
    try:
        add, chart, alerts = (plugin.actions[k] for k in ("add_sensor_layer", "sensor_chart", "sensor_alerts"))
        toolbar = main_window.findChild(QToolBar, TOOLBAR_OBJECT_NAME)
        assert add in toolbar.actions() and chart in toolbar.actions() and alerts not in toolbar.actions()
        assert chart.isCheckable() and not add.isCheckable()
        manager = plugin.sensors.manager
        layer = manager.add_layer(SensorConnection("Live", sta.url, interval_s=5))
        qtbot.waitUntil(lambda: layer.featureCount() == 17, timeout=15000)
        controller = manager.controller_for(layer)
        assert controller.timer_active and controller.running
        chart.trigger()
        dock = plugin.sensors.chart_dock
        assert isinstance(dock, SensorChartDock) and not dock.isHidden() and chart.isChecked()
        sta.add_fault("slow", path="Observations|Datastreams", delay_s=2.0)  # everything still running at unload
        assert dock.show_datastream(controller, next(iter(controller.rows)))
        assert dock.loading
        add.trigger()
        dialog = plugin.sensors.dialog
        assert isinstance(dialog, SensorLayerDialog) and dialog.isVisible()
        dialog.url.setText(sta.url)
        dialog.test_connection()
        assert dialog.testing
        controller.delay_s = 0.2  # a timer left running would fire within the test
        controller.refresh()
        assert controller.busy
        timers = controller.findChildren(QTimer)
        assert _state(main_window, canvas)["sensor_docks"] == 1
    finally:
        plugin.unload()
    _flush_deletes()
    assert _state(main_window, canvas) == before
    assert plugin.sensors is None
    assert sip.isdeleted(controller) and not controller.running and not controller.busy
    assert len(timers) >= 2 and all(sip.isdeleted(timer) for timer in timers)
    refreshes, failures, written = controller.refreshes, controller.failures, layer.featureCount()
    qtbot.wait(2600)  # the slow answers arrive: nobody is called back
    assert (controller.refreshes, controller.failures) == (refreshes, failures)
    qtbot.waitUntil(lambda: QgsApplication.taskManager().countActiveTasks() == 0, timeout=15000)
    requests = len(sta.log)
    qtbot.wait(1000)  # a timer still running (0.2 s) would refresh several times now
    assert len(sta.log) == requests, sta.log[requests:]
    assert layer.featureCount() == written  # the layer stays in the project, no longer live
    QgsProject.instance().removeMapLayer(layer.id())
    sta.stop()
