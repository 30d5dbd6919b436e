"""Plugin reloads in a row: Qt reports no disconnect of a signal that was never connected (or already gone)."""
import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent

from herzlich_digital_plugin import classFactory


def _flush_deletes():
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QgsApplication.processEvents()


@pytest.fixture()
def main_window(qgis_iface):
    return qgis_iface.mainWindow()


def test_reloads_disconnect_only_what_was_connected(qgis_iface, main_window, qtlog):
    for _ in range(5):
        plugin = classFactory(qgis_iface)
        plugin.initGui()
        plugin.actions["panorama_viewer"].trigger()
        plugin.actions["open_panorama"].trigger()
        plugin.actions["check_roadworks"].trigger()
        plugin.actions["draw_roadworks_line"].trigger()
        plugin.actions["sensor_chart"].trigger()
        _flush_deletes()
        plugin.unload()
        _flush_deletes()
    warnings = [r.message for r in qtlog.records if "disconnect" in r.message]
    assert warnings == []
