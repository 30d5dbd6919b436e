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
        "our_map_tool": int(isinstance(canvas.mapTool(), PanoramaMapTool)),
    }


def _state(main_window, canvas=None):
    """Everything a plugin could leave behind, counted."""
    return {
        "docks": len(main_window.findChildren(QgsDockWidget, PanoramaDock.OBJECT_NAME)),
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
    assert _state(main_window) == {"docks": 0, "toolbars": 0, "menus": 0, "menu_objects": 0, "actions": 0,
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
        loaded_states.append(_state(main_window, canvas))
        plugin.unload()
        _flush_deletes()
    after = _state(main_window, canvas)
    assert after == before
    # every load looks exactly like the first: nothing accumulates while loaded either
    assert all(state == loaded_states[0] for state in loaded_states)
    assert loaded_states[0]["toolbars"] == 1 and loaded_states[0]["providers"] == 1
    assert loaded_states[0]["docks"] == 1 and loaded_states[0]["our_map_tool"] == 1
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
