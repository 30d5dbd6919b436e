"""Alarms a control room can use (#17): one summary on the first load, one alarm per datastream even when two
layers show the same server, hysteresis in the live layer, and the alarm list dock with acknowledge."""
from datetime import timedelta

import pytest
from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import Qt

from herzlich_digital_plugin.gui.sensor_alarm_dock import ACKNOWLEDGED, ACTIVE, HISTORY, SensorAlarmDock
from herzlich_digital_plugin.sensors.alerts import parse_thresholds
from herzlich_digital_plugin.sensors.connections import SensorConnection
from herzlich_digital_plugin.sensors.layer_manager import SensorLayerManager
from sensor_gui_helpers import Messages, live_layer, now_utc, refresh_and_wait
from sta_strict_server import StrictSta

JAMMED = 12  # of the 20 junction datastreams


@pytest.fixture()
def city():
    """Twenty speed datastreams named in German, twelve of them jammed, plus a traffic count in Kfz/h."""
    sta = StrictSta()
    sta.t = now_utc().replace(microsecond=0) - timedelta(minutes=10)
    sta.streams = []
    for i in range(20):
        thing = sta.add_thing(f"Knoten {i + 1}", (7.74 + 0.002 * i, 49.44))
        stream = sta.add_datastream(thing, f"Geschwindigkeit Zufahrt {i + 1}", "Geschwindigkeit", "km/h")
        sta.add_observations(stream, [sta.t.timestamp()], [9.0 if i < JAMMED else 42.0])
        sta.streams.append(stream)
    sta.start()
    yield sta
    sta.stop()


def _observe(sta, stream, value, minutes=1):
    sta.t += timedelta(minutes=minutes)
    sta.add_observations(stream, [sta.t.timestamp()], [value])


def test_the_first_load_gives_one_summary_not_one_message_per_breach(qtbot, city):
    messages = Messages()
    with live_layer(city.url, messages, thresholds=parse_thresholds("speed<15 ±5")) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        critical = messages.texts(Qgis.MessageLevel.Critical)
        assert len(critical) == 1 and f"{JAMMED} sensor alarms active" in critical[0]
        assert len(controller.book.unacknowledged()) == JAMMED
        assert sum(f["alert"] for f in layer.getFeatures()) == JAMMED
        messages.clear()
        # a value hovering at the limit: 16 is within the hysteresis, 14 again, 16: no toggling
        for value in (16.0, 14.0, 16.5):
            _observe(city, city.streams[0], value)
            refresh_and_wait(qtbot, controller)
        assert messages.items == [] and len(controller.book.active) == JAMMED
        _observe(city, city.streams[0], 25.0)  # clearly free again
        refresh_and_wait(qtbot, controller)
        assert [level for _, level in messages.items] == [Qgis.MessageLevel.Success]
        assert "Knoten 1" in messages.items[0][0] and len(controller.book.history) == 1
        _observe(city, city.streams[JAMMED], 8.0)  # a single new breach later: its own message
        refresh_and_wait(qtbot, controller)
        assert len(messages.texts(Qgis.MessageLevel.Critical)) == 1
        assert f"Knoten {JAMMED + 1}" in messages.texts(Qgis.MessageLevel.Critical)[0]


def test_two_layers_of_the_same_server_raise_each_alarm_once(qtbot, city):
    messages = Messages()
    project = QgsProject.instance()
    manager = SensorLayerManager(project, notify=messages)
    try:
        for controller in manager.controllers():
            controller.stop()
        manager.set_thresholds(parse_thresholds("Geschwindigkeit<15"))
        first = manager.add_layer(SensorConnection("Sensoren A", city.url, interval_s=600))
        second = manager.add_layer(SensorConnection("Sensoren B", city.url + "/", interval_s=600))
        for layer in (first, second):
            manager.controller_for(layer).set_thresholds(parse_thresholds("Geschwindigkeit<15"))
        qtbot.waitUntil(lambda: all(manager.controller_for(x).refreshes >= 1 for x in (first, second))
                        and not any(manager.controller_for(x).busy for x in (first, second)), timeout=15000)
        assert len(manager.book.active) == JAMMED
        assert all(len(alarm.sources) == 2 for alarm in manager.book.active.values())
        assert len(messages.texts(Qgis.MessageLevel.Critical)) == 1  # one summary, from whichever came first
        project.removeMapLayer(first.id())
        assert len(manager.book.active) == JAMMED  # the other layer still shows them
        project.removeMapLayer(second.id())
        assert manager.book.active == {} and len(manager.book.history) == JAMMED
    finally:
        manager.shutdown()
        project.clear()


def test_the_alarm_list_shows_acknowledges_and_keeps_the_history(qtbot, city):
    with live_layer(city.url, thresholds=parse_thresholds("speed<15")) as (layer, controller):
        dock = SensorAlarmDock(controller.book)
        qtbot.addWidget(dock)
        dock.show()
        refresh_and_wait(qtbot, controller)
        active = dock.tables[ACTIVE]
        assert active.rowCount() == JAMMED and dock.tabs.tabText(ACTIVE).endswith(f"({JAMMED})")
        sensors = {active.item(r, 1).text() for r in range(active.rowCount())}
        assert "Knoten 1 – Geschwindigkeit Zufahrt 1" in sensors
        row = next(r for r in range(active.rowCount()) if active.item(r, 1).text().startswith("Knoten 1 –"))
        assert active.item(row, 3).text() == "9 km/h" and active.item(row, 4).text() == "< 15 km/h"
        active.selectRow(row)
        qtbot.mouseClick(dock.acknowledge_button, Qt.MouseButton.LeftButton)
        assert active.rowCount() == JAMMED - 1 and dock.tables[ACKNOWLEDGED].rowCount() == 1
        assert "1 – Geschwindigkeit" in dock.tables[ACKNOWLEDGED].item(0, 1).text()
        _observe(city, city.streams[0], 30.0)  # the acknowledged alarm clears: into the history
        refresh_and_wait(qtbot, controller)
        assert dock.tables[ACKNOWLEDGED].rowCount() == 0 and dock.tables[HISTORY].rowCount() == 1
        assert dock.tables[HISTORY].item(0, 3).text() == "30 km/h"
        dock.acknowledge_all()
        assert active.rowCount() == 0 and dock.tables[ACKNOWLEDGED].rowCount() == JAMMED - 1
        assert not dock.acknowledge_all_button.isEnabled()
