"""The time-series dock: selecting a sensor on the map plots its history (24 h, 7 days, a custom range) over
the typical week (median to p90 band) read in the background; new live values are appended without a
request; a failing history read says so."""
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QDateTime

from herzlich_digital_plugin.democity.randomness import DEFAULT_SEED
from herzlich_digital_plugin.democity.sensors import STREAMS, stream_values
from herzlich_digital_plugin.gui.sensor_chart_dock import PROFILE_DAYS, SensorChartDock
from herzlich_digital_plugin.sensors.alerts import BELOW, Threshold
from herzlich_digital_plugin.sensors.connections import SensorConnection
from herzlich_digital_plugin.sensors.layer_manager import SensorLayerManager
from sensor_gui_helpers import now_utc, strict_server

STREAM = next(s for s in STREAMS if s.key == "nt_west_ost")
SPEED = next(s for s in STREAMS if s.key == "radar_v")


@pytest.fixture(scope="module")
def sta():
    server = strict_server(days=PROFILE_DAYS + 1)  # eight weeks and a day of 15-minute values
    yield server
    server.stop()


@pytest.fixture()
def live(qtbot, sta):
    project = QgsProject.instance()
    manager = SensorLayerManager(project)
    layer = manager.add_layer(SensorConnection("Live", sta.url, interval_s=3600))
    qtbot.waitUntil(lambda: layer.featureCount() == len(STREAMS), timeout=15000)
    dock = SensorChartDock(manager, timeout_s=10)
    qtbot.addWidget(dock)
    yield manager, layer, dock
    dock.shutdown()
    manager.shutdown()
    project.removeMapLayer(layer.id())


def _fid(layer, sta, stream):
    return next(f.id() for f in layer.getFeatures() if f["datastream_id"] == str(sta.stream_ids[stream.key]))


def _wait_loaded(qtbot, dock, band=True):
    qtbot.waitUntil(lambda: not dock.loading and (dock.last_drawn.get("band", 0) > 0 or not band), timeout=20000)


def _expected(stream, sta, seconds):
    end = min(now_utc(), sta.seeded_until)
    times, values = stream_values(stream, now_utc() - timedelta(seconds=seconds), end, DEFAULT_SEED)
    return times, values


def test_selecting_a_sensor_plots_24_hours_over_the_typical_week(qtbot, sta, live):
    manager, layer, dock = live
    layer.selectByIds([_fid(layer, sta, STREAM)])  # as a click with the select or identify tool does
    _wait_loaded(qtbot, dock)
    times, values = _expected(STREAM, sta, 86400)
    assert np.array_equal(dock.times, times.astype(float)) and np.array_equal(dock.values, values)
    assert dock.last_drawn["points"] == len(times) and 95 <= len(times) <= 97
    axes = dock.figure.axes[0]
    measured = [line for line in axes.get_lines() if line.get_label() == "Measured"][0]
    assert np.array_equal(np.asarray(measured.get_ydata(), dtype=float), values)
    bands = [c for c in axes.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 1 and dock.last_drawn["band"] >= 96  # one band cell per 15 minutes of the range
    assert "Zählstelle Nordtangente West" in axes.get_title() and STREAM.name in axes.get_title()
    assert axes.get_ylabel() == "Traffic volume (veh/15min)" and axes.get_xlabel() == "Time (local)"
    profile = dock.profiles[(sta.url, f"Datastreams|{sta.stream_ids[STREAM.key]}|-1")]
    median, p90 = profile.band(times)
    assert np.all(np.isfinite(median)) and np.all(p90 >= median)
    assert dock.chooser.currentText() == f"Zählstelle Nordtangente West – {STREAM.name}"


def test_seven_days_and_a_custom_range(qtbot, sta, live):
    manager, layer, dock = live
    controller = manager.controller_for(layer)
    dock.show_datastream(controller, ("Datastreams", str(sta.stream_ids[STREAM.key]), -1))
    _wait_loaded(qtbot, dock)
    profile_requests = sta.requests_to("/Observations")
    dock.range.setCurrentIndex(1)  # last 7 days
    _wait_loaded(qtbot, dock)
    times, _ = _expected(STREAM, sta, 7 * 86400)
    assert dock.last_drawn["points"] == len(times) and 670 <= len(times) <= 673
    assert sta.requests_to("/Observations") == profile_requests + 1  # the typical week is read only once

    end = sta.seeded_until - timedelta(days=10)
    start = end - timedelta(hours=6)
    dock.range.setCurrentIndex(2)  # custom
    dock.start_edit.setDateTime(QDateTime.fromMSecsSinceEpoch(int(start.timestamp() * 1000)))
    dock.end_edit.setDateTime(QDateTime.fromMSecsSinceEpoch(int(end.timestamp() * 1000)))
    dock.reload()
    _wait_loaded(qtbot, dock)
    assert dock.start_edit.isVisible() or not dock.isVisible()
    assert dock.last_drawn["points"] == 6 * 4 + 1  # both ends included
    assert dock.times[0] == start.timestamp() and dock.times[-1] == end.timestamp()


def test_speed_shows_its_alert_threshold(qtbot, sta, live):
    manager, layer, dock = live
    layer.selectByIds([_fid(layer, sta, SPEED)])
    _wait_loaded(qtbot, dock, band=False)
    controller = manager.controller_for(layer)
    controller.set_thresholds([Threshold("speed", BELOW, 17.5)])
    dock.reload()
    _wait_loaded(qtbot, dock)
    assert dock.last_drawn["threshold"]
    limit = [line for line in dock.figure.axes[0].get_lines() if line.get_label() == "Alert threshold"][0]
    assert limit.get_ydata()[0] == 17.5 and dock.figure.axes[0].get_ylabel() == "Speed (km/h)"


def test_a_new_live_value_is_appended_without_a_request(qtbot, sta, live):
    manager, layer, dock = live
    layer.selectByIds([_fid(layer, sta, STREAM)])
    _wait_loaded(qtbot, dock)
    points, requests = dock.last_drawn["points"], sta.requests_to("/Observations")
    when = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=5)
    sta.add_observations(sta.stream_ids[STREAM.key], [when.timestamp()], [123.0])
    controller = manager.controller_for(layer)
    with qtbot.waitSignal(dock.chartUpdated, timeout=10000):
        controller.refresh()
    assert dock.last_drawn["points"] == points + 1 and dock.values[-1] == 123.0
    assert sta.requests_to("/Observations") == requests  # the refresh's own request only reads Datastreams
    sta.observations[("Datastreams", sta.stream_ids[STREAM.key])].ids.pop()  # keep the module's server clean
    store = sta.observations[("Datastreams", sta.stream_ids[STREAM.key])]
    for column in (store.starts, store.ends, store.result_times, store.results):
        column.pop()


def test_a_failing_history_read_says_so(qtbot, sta, live):
    manager, layer, dock = live
    fault = sta.add_fault("status", path="Observations", status=500)
    try:
        layer.selectByIds([_fid(layer, sta, SPEED)])
        qtbot.waitUntil(lambda: not dock.loading and bool(dock.last_error), timeout=15000)
        assert "HTTP 500" in dock.status.text() and dock.last_drawn["points"] == 0
    finally:
        sta.faults.remove(fault)
