"""#17: the offline/paused/stale marker in the layer tree, one outage message that stays until the service is
back (and says when it retries), and pause/resume of a live layer."""
from datetime import timedelta

import pytest
from qgis.core import QgsProject
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtCore import QObject

from herzlich_digital_plugin.gui.sensor_layer_status import OFFLINE, PAUSED, STALE_VALUES, SensorLayerStatus
from herzlich_digital_plugin.sensors.connections import SensorConnection
from herzlich_digital_plugin.sensors.layer_manager import SensorLayerManager
from sensor_gui_helpers import Messages, now_utc
from sta_strict_server import StrictSta


@pytest.fixture()
def station():
    sta = StrictSta()
    thing = sta.add_thing("Zählstelle Pfaffplatz", (7.75, 49.44))
    sta.stream = sta.add_datastream(thing, "Verkehrsstärke", "Verkehrsstärke", "Kfz/15 min")
    sta.add_observations(sta.stream, [(now_utc() - timedelta(minutes=5)).timestamp()], [210])
    sta.start()
    yield sta
    sta.stop()


class FakeTreeView(QObject):
    """The two calls of QgsLayerTreeView the status uses (a real view torn down offscreen can crash pytest)."""

    def __init__(self):
        super().__init__()
        self.shown = {}

    def addIndicator(self, node, indicator):  # noqa: N802 - QgsLayerTreeView's name
        self.shown.setdefault(node.layerId(), []).append(indicator)

    def removeIndicator(self, node, indicator):  # noqa: N802
        self.shown.get(node.layerId(), []).remove(indicator)

    def indicators(self, node):
        return list(self.shown.get(node.layerId(), []))


def _indicators(view, layer):
    node = QgsProject.instance().layerTreeRoot().findLayer(layer.id())
    return view.indicators(node)


def test_marker_and_outage_message_follow_the_service(qtbot, station):
    project = QgsProject.instance()
    view = FakeTreeView()
    bar = QgsMessageBar()
    qtbot.addWidget(bar)
    messages = Messages()
    manager = SensorLayerManager(project, notify=messages, sticky_outages=True)
    status = SensorLayerStatus(manager, bar, view)
    try:
        layer = manager.add_layer(SensorConnection("Zählstellen", station.url, interval_s=600))
        controller = manager.controller_for(layer)
        qtbot.waitUntil(lambda: controller.refreshes == 1 and not controller.busy, timeout=15000)
        assert status.states[layer.id()] is None and _indicators(view, layer) == []

        station.add_fault("status", path="Datastreams", status=503)
        for _ in range(2):
            with qtbot.waitSignal(controller.refreshFailed, timeout=15000):
                assert controller.refresh()
        assert len(bar.items()) == 1 and messages.items == []  # one sticky message, nothing else
        text = bar.items()[0].text()
        assert "tries again at" in text and "(in 600 s)" in text and "?" not in text
        assert status.states[layer.id()] == OFFLINE
        [indicator] = _indicators(view, layer)
        assert indicator.toolTip() == controller.outage_text

        controller.pause()
        assert status.states[layer.id()] == OFFLINE  # offline wins over paused
        station.faults.clear()
        with qtbot.waitSignal(controller.refreshed, timeout=15000):
            assert controller.refresh()  # "refresh now" works while paused
        assert bar.items() == [] and status.states[layer.id()] == PAUSED
        assert not controller.timer_active  # paused: no refresh on the interval
        assert "Paused" in _indicators(view, layer)[0].toolTip()
        controller.resume()
        qtbot.waitUntil(lambda: not controller.busy and controller.refreshes == 3, timeout=15000)
        assert status.states[layer.id()] is None and _indicators(view, layer) == []

        controller.apply_rows([r.__class__(**{**r.__dict__, "status": "stale"}) for r in controller.rows.values()],
                              complete=False, chunked=False)
        assert status.states[layer.id()] == STALE_VALUES
        assert "1 of 1 values are stale" in _indicators(view, layer)[0].toolTip()
    finally:
        status.shutdown()
        manager.shutdown()
        bar.clearWidgets()
        project.clear()
