"""Benchmark: the GUI thread while a live sensor layer refreshes 2,000 datastreams.

The strict SensorThings server runs in its own process (as a real server would), with 2,000 datastreams on 500
Things. A QTimer fires every 5 ms on the GUI thread and records its own lateness; the longest gap minus 5 ms is
the longest stall of the Qt event loop. Figures (worst of several runs):
- first load (2,000 features added) and a refresh in which every value changed (2,000 features updated in
  place): the live layer's way, ``fetch_latest`` in a QgsTask and only the diff written on the GUI thread
  (goal: <= 50 ms); peer: the same fetch with the same client done synchronously on the GUI thread;
- the end-to-end time of that refresh, against the synchronous peer.
"""
import os
import subprocess  # nosec B404 - starts our own test server
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for path in (ROOT, os.path.join(ROOT, "tests")):
    if path not in sys.path:
        sys.path.insert(0, path)

N_DATASTREAMS = 2000
PER_THING = 4
RUNS = 3
TICK_MS = 5
SERVER = r"""
import sys, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests"]
from sta_strict_server import StrictSta
sta = StrictSta(default_top=100, max_top=1000)
now = time.time()
times = [now - 900 * k for k in range(8, 0, -1)]
properties = ("traffic_volume", "speed", "occupancy", "no2")
for t in range(int(sys.argv[2]) // 4):
    thing = sta.add_thing(f"Zählstelle {t}", (7.70 + 0.0002 * (t % 50), 49.42 + 0.0002 * (t // 50)))
    for k, prop in enumerate(properties):
        stream = sta.add_datastream(thing, f"Zählstelle {t} / {prop}", prop, "u")
        sta.add_observations(stream, times, [float(t + k + i) for i in range(len(times))])
sta.start()
print(sta.url, flush=True)
sys.stdin.read()
sta.stop()
"""


def _qgis():
    from qgis.core import QgsApplication
    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], False)
        app.initQgis()
        globals()["_APP"] = app
    return app


def _start_server():
    process = subprocess.Popen([sys.executable, "-c", SERVER, ROOT, str(N_DATASTREAMS)],  # nosec B603
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    if not url.startswith("http"):
        process.kill()
        raise RuntimeError("the strict server did not start")
    return process, url


def _new_values(url, seconds_ahead):
    """One newer observation for every datastream (POSTed, so the next refresh changes all 2,000 features)."""
    import requests

    session = requests.Session()
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60 + seconds_ahead))
    for datastream_id in range(1, N_DATASTREAMS + 1):
        response = session.post(f"{url}/Datastreams({datastream_id})/Observations",
                                json={"phenomenonTime": when, "result": float(seconds_ahead + datastream_id)},
                                timeout=10)
        response.raise_for_status()


def _stall_while(start, done_signal, timeout_s=60.0):
    """(longest stall in ms, seconds until done) while ``start()`` runs and until ``done_signal``."""
    from qgis.PyQt.QtCore import QEventLoop, Qt, QTimer

    gaps = []
    last = [0.0]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    done_signal.connect(loop.quit)
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(int(timeout_s * 1000))
    timer.start()
    started = last[0] = time.perf_counter()
    start()
    loop.exec()
    finished = time.perf_counter()
    gaps.append(finished - last[0])  # a stall at the very end counts too
    timer.stop()
    done_signal.disconnect(loop.quit)
    return max(0.0, max(gaps) * 1000.0 - TICK_MS), finished - started


def _layer(url):
    from herzlich_digital_plugin.sensors.connections import SensorConnection
    from herzlich_digital_plugin.sensors.live_layer import LiveSensorLayer, create_layer

    connection = SensorConnection("bench", url, interval_s=3600)
    layer = create_layer(connection)
    controller = LiveSensorLayer(layer, connection, thresholds=[], timeout_s=60)
    return layer, controller


def _ours(url, change_all):
    """Stall and duration of one background refresh (first load, or after every value changed)."""
    layer, controller = _layer(url)
    try:
        if change_all:
            load = controller.refresh()
            assert load
            _stall_while(lambda: None, controller.refreshed)
            _new_values(url, time.time() % 100000)
        stall, seconds = _stall_while(controller.refresh, controller.refreshed)
        assert layer.featureCount() == N_DATASTREAMS, layer.featureCount()
        return stall, seconds
    finally:
        controller.stop()
        controller.deleteLater()
        del layer


class _Done:
    """A signal the synchronous peer emits when it is done (so both are timed by the same loop)."""

    def __init__(self):
        from qgis.PyQt.QtCore import QObject, pyqtSignal

        class Emitter(QObject):
            done = pyqtSignal(object)
        self.emitter = Emitter()


def _peer(url, change_all):
    """The same refresh done synchronously on the GUI thread: fetch with the same client, then the same diff."""
    from qgis.PyQt.QtCore import QTimer

    from herzlich_digital_plugin.core.sensorthings import fetch_latest

    layer, controller = _layer(url)
    done = _Done()
    try:
        client = controller._make_client()
        if change_all:
            controller.apply_rows(fetch_latest(client).rows, chunked=False)
            _new_values(url, time.time() % 100000 + 7)

        def synchronous():
            controller.apply_rows(fetch_latest(client).rows, chunked=False)
            done.emitter.done.emit(None)
        stall, seconds = _stall_while(lambda: QTimer.singleShot(0, synchronous), done.emitter.done)
        assert layer.featureCount() == N_DATASTREAMS
        return stall, seconds
    finally:
        controller.stop()
        controller.deleteLater()
        del layer


def run():
    _qgis()
    process, url = _start_server()
    try:
        _ours(url, False)  # warm-up: imports, connections
        figures = []
        for change_all, what in ((False, "first load, 2,000 features added"),
                                 (True, "every value changed, 2,000 features updated in place")):
            ours = [_ours(url, change_all) for _ in range(RUNS)]
            peers = [_peer(url, change_all) for _ in range(RUNS)]
            figures.append({"name": f"sensor layer: longest GUI stall during a refresh ({what})",
                            "value": max(s for s, _ in ours), "unit": "ms",
                            "peer": "same fetch synchronously on the GUI thread",
                            "peer_value": max(s for s, _ in peers)})
            if change_all:
                figures.append({"name": "sensor layer: refresh of 2,000 changed datastreams, end to end",
                                "value": sorted(t for _, t in ours)[RUNS // 2], "unit": "s",
                                "peer": "same fetch synchronously on the GUI thread",
                                "peer_value": sorted(t for _, t in peers)[RUNS // 2]})
        return figures
    finally:
        process.stdin.close()
        process.wait(timeout=10)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for figure in run():
        print(figure)
