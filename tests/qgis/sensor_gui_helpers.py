"""Shared pieces of the sensor GUI tests: a strict server seeded with the demo city up to now, a live layer in
the project, and clean-up that leaves no layer alive (an ogr/memory layer alive at exit can crash pytest)."""
from contextlib import contextmanager
from datetime import datetime, timezone

from qgis.core import QgsProject

# tests/ is on sys.path through tests/conftest.py, the repository root through pytest's pythonpath
from herzlich_digital_plugin.sensors.connections import SensorConnection
from herzlich_digital_plugin.sensors.live_layer import LiveSensorLayer, create_layer
from sta_fixtures import demo_strict_server

WAIT_MS = 15000


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def strict_server(days: float = 0.25, **options):
    """A running strict server with the demo city's 17 datastreams, values up to the last 15-minute slot."""
    sta = demo_strict_server(now_utc(), days=days, **options)
    sta.start()
    return sta


class Messages:
    """Collects (text, level) from a controller's notify callback."""

    def __init__(self):
        self.items = []

    def __call__(self, text, level):
        self.items.append((text, level))

    def texts(self, level=None):
        return [text for text, lvl in self.items if level is None or lvl == level]

    def clear(self):
        self.items.clear()


@contextmanager
def live_layer(url, messages=None, interval_s=60, timeout_s=5.0, thresholds=(), **connection_options):
    """A live layer (in the project) and its controller, not started; removed and stopped afterwards."""
    connection = SensorConnection("test", url, interval_s=interval_s, **connection_options)
    layer = create_layer(connection, "Sensoren live")
    QgsProject.instance().addMapLayer(layer, False)
    controller = LiveSensorLayer(layer, connection, notify=messages, timeout_s=timeout_s,
                                 thresholds=list(thresholds))
    try:
        yield layer, controller
    finally:
        controller.stop()
        controller.deleteLater()
        QgsProject.instance().removeMapLayer(layer.id())


def refresh_and_wait(qtbot, controller, succeed=True, timeout=WAIT_MS):
    """One refresh, waited for; returns the snapshot (or the error when ``succeed`` is False)."""
    signal = controller.refreshed if succeed else controller.refreshFailed
    other = controller.refreshFailed if succeed else controller.refreshed
    outcome = {}

    def wrong(value):
        outcome.setdefault("wrong", value)
    other.connect(wrong)
    try:
        with qtbot.waitSignal(signal, timeout=timeout) as blocker:
            assert controller.refresh()
    finally:
        other.disconnect(wrong)
    assert "wrong" not in outcome, f"unexpected outcome: {outcome.get('wrong')}"
    return blocker.args[0]


def features_by_key(layer):
    return {feature["key"]: feature for feature in layer.getFeatures()}
