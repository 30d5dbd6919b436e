"""Run inside the QGIS desktop through `qgis --code` by `make demo` and the smoke test.

Environment:
  HD_LOG_FILE      every QGIS log message is appended here as "tag<TAB>level<TAB>message"
  HD_READY_FILE    written once the project has loaded and the map has drawn
  HD_QUIT_AFTER_S  quit QGIS this many seconds after ready (smoke test, screenshots)
  HD_SENSOR_INFO   services.json of the demo's sensor services (demo/sta_server/run.py): once it appears, a live
                   sensor layer pointing at them is added (or an existing one re-pointed)
  HD_OPEN_REVIEW   "1": open the review queue on the open detections (a surveyor's start of the day)
  HD_CHECK_ROADWORKS  part of a roadworks title: select that site and run the roadworks check on it
  HD_OPEN_SENSOR_CHART  "auto" (a traffic counter near the map centre) or part of a datastream's name: open the
                   sensor time-series dock for it
"""
import json
import os
import time

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.utils import iface, plugins

import herzlich_digital_plugin.democity  # noqa: F401  (the demo's entry point: registers its image resolver)

LOG_FILE = os.environ.get("HD_LOG_FILE")
READY_FILE = os.environ.get("HD_READY_FILE")
OPEN_PANORAMA = os.environ.get("HD_OPEN_PANORAMA", "")  # a panorama id, or "auto": the one nearest the centre
CENTRE = (410400.0, 5477600.0)  # Kaiserslautern, Stiftskirche/Fackelstraße (EPSG:25832)
QUIT_AFTER_S = float(os.environ.get("HD_QUIT_AFTER_S", "0") or 0)
SENSOR_INFO = os.environ.get("HD_SENSOR_INFO", "")
OPEN_SENSOR_CHART = os.environ.get("HD_OPEN_SENSOR_CHART", "")
OPEN_REVIEW = os.environ.get("HD_OPEN_REVIEW", "") == "1"
CHECK_ROADWORKS = os.environ.get("HD_CHECK_ROADWORKS", "")
SENSOR_WAIT_S = float(os.environ.get("HD_SENSOR_WAIT_S", "150") or 150)


def _log(tag, level, message):
    if LOG_FILE:
        with open(LOG_FILE, "a", encoding="utf-8") as handle:
            handle.write(f"{tag}\t{int(level)}\t{message}\n".replace("\r", " "))


QgsApplication.messageLog().messageReceived.connect(lambda message, tag, level: _log(tag, level, message))


def _report_state():
    menu_titles = [a.text() for a in iface.mainWindow().menuBar().actions()]
    _log("startup", 0, f"plugin loaded: {'herzlich_digital_plugin' in plugins}")
    _log("startup", 0, f"menus: {menu_titles}")
    _log("startup", 0, f"project: {QgsProject.instance().fileName()} layers: {len(QgsProject.instance().mapLayers())}")


def _open_panorama():
    """Open the viewer beside the map, as a user who just clicked a street would see it."""
    plugin = plugins.get("herzlich_digital_plugin")
    if plugin is None or not OPEN_PANORAMA:
        return
    try:
        if OPEN_PANORAMA == "auto":
            nearest = plugin.active_store.get().nearest("panorama", *CENTRE, k=1)
            pano_id = nearest[0][0]["id"] if nearest else None
        else:
            pano_id = int(OPEN_PANORAMA)
        if pano_id is not None and plugin.open_panorama(pano_id):
            row = plugin.panorama_dock.current_panorama()
            geom = (row or {}).get("geom")
            x, y = (geom.x, geom.y) if geom is not None else CENTRE
            from qgis.core import QgsRectangle
            _state["renders"] = 0  # wait for the map to draw the new extent before calling it ready
            iface.mapCanvas().setExtent(QgsRectangle(x - 200, y - 200, x + 200, y + 200))
            iface.mapCanvas().refresh()
        _log("startup", 0, f"panorama opened: {pano_id}")
    except Exception as error:  # the demo must come up even if this convenience fails
        _log("startup", 2, f"could not open a panorama: {error}")


def _open_review():
    plugin = plugins.get("herzlich_digital_plugin")
    if plugin is None or not OPEN_REVIEW:
        return
    try:
        _log("startup", 0, f"review queue: {plugin.review.open_queue()} items claimed")
    except Exception as error:  # the demo must come up even if this convenience fails
        _log("startup", 2, f"could not open the review queue: {error}")


def _check_roadworks():
    """Select the roadworks site whose title contains CHECK_ROADWORKS and check it, as a planner would."""
    plugin = plugins.get("herzlich_digital_plugin")
    if plugin is None or not CHECK_ROADWORKS:
        return
    try:
        wanted = CHECK_ROADWORKS.casefold()
        for layer in QgsProject.instance().mapLayers().values():
            if "layername=roadworks" not in layer.source() or layer.providerType() != "ogr":
                continue
            ids = [f.id() for f in layer.getFeatures() if wanted in str(f["title"]).casefold()]
            if ids:
                layer.selectByIds(ids[:1])
                iface.setActiveLayer(layer)
                iface.mapCanvas().zoomToSelected(layer)
                iface.mapCanvas().zoomByFactor(1.6)
                plugin.roadworks.check_roadworks()
                _state["renders"] = 0
                _log("startup", 0, f"roadworks check: {CHECK_ROADWORKS}")
                return
        _log("startup", 1, f"no roadworks titled like {CHECK_ROADWORKS!r}")
    except Exception as error:  # the demo must come up even if this convenience fails
        _log("startup", 2, f"could not check the roadworks: {error}")


# ---------------------------------------------------------------------------------------------- live sensors
def _sensor_info():
    try:
        with open(SENSOR_INFO, encoding="utf-8") as handle:
            info = json.load(handle)
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) and info.get("url") else None


def _start_sensors():
    if not SENSOR_INFO:
        return
    _state["sensors"] = "waiting"
    _wait_for_sensors(time.monotonic())


def _sensors_done(text, level=0):
    _log("startup", level, text)
    _state["sensors"] = "done"
    if _state.get("rendered"):  # a map that draws must draw the live layer before the screenshot
        _state["renders"] = 0
    iface.mapCanvas().refresh()


def _wait_for_sensors(started):
    """The services write their addresses once seeded (first start: some seconds): then add the layer."""
    info = _sensor_info()
    if info is None:
        if time.monotonic() - started > SENSOR_WAIT_S:
            _sensors_done(f"no sensor services after {SENSOR_WAIT_S:.0f} s ({SENSOR_INFO})", 1)
        else:
            QTimer.singleShot(1000, lambda: _wait_for_sensors(started))
        return
    try:
        controller = _add_sensor_layer(info)
    except Exception as error:  # the demo must come up even if this convenience fails
        _sensors_done(f"could not add the sensor layer: {error}", 2)
        return
    _log("startup", 0, f"sensor layer: {info['url']} (MQTT {info.get('mqtt_host')}:{info.get('mqtt_port')})")

    def first_refresh(*_):
        for signal in (controller.refreshed, controller.refreshFailed):
            signal.disconnect(first_refresh)
        _log("startup", 0, f"sensor layer refreshed: {controller.layer.featureCount()} features")
        _open_sensor_chart(controller)
    controller.refreshed.connect(first_refresh)
    controller.refreshFailed.connect(first_refresh)


def _add_sensor_layer(info):
    """A live layer on the demo's services; a live layer of an earlier demo run is pointed at the new ones."""
    from herzlich_digital_plugin.sensors.connections import SensorConnection
    from herzlich_digital_plugin.toolbelt.i18n import tr

    ui = plugins["herzlich_digital_plugin"].sensors
    mqtt = f"{info['mqtt_host']}:{info['mqtt_port']}" if info.get("mqtt_host") and info.get("mqtt_port") else ""
    # without paho-mqtt in QGIS's Python the layer polls: every 10 s, so it visibly lives (the feeder posts every 5 s)
    connection = SensorConnection(tr("Sensors (live)"), info["url"], interval_s=10, mqtt=mqtt)
    for controller in ui.manager.controllers():
        if controller.connection.url.startswith(("http://127.0.0.1", "http://localhost")):
            connection.name = controller.layer.name()
            return ui.manager.reconnect(controller.layer, connection)
    layer = ui.manager.add_layer(connection)
    # the store's static station layer sits under the live one: hide it, the live layer says more
    for other in QgsProject.instance().mapLayers().values():
        if "sensor_station" in other.source():
            node = QgsProject.instance().layerTreeRoot().findLayer(other.id())
            if node is not None:
                node.setItemVisibilityChecked(False)
    return ui.manager.controller_for(layer)


def _chart_row(controller):
    """The datastream to chart: "auto" prefers a traffic counter in view (then parking, speed, anything in view,
    then the counter nearest the centre); otherwise the first whose name contains HD_OPEN_SENSOR_CHART."""
    rows = [r for r in controller.rows.values() if r.x is not None]
    if OPEN_SENSOR_CHART != "auto":
        wanted = OPEN_SENSOR_CHART.casefold()
        return next((r for r in rows if wanted in f"{r.thing} {r.datastream}".casefold()), None)
    extent = iface.mapCanvas().extent()
    centre = extent.center()
    order = {"traffic_volume": 0, "occupancy": 1, "speed": 2}

    def rank(row):
        inside = extent.xMinimum() < row.x < extent.xMaximum() and extent.yMinimum() < row.y < extent.yMaximum()
        distance = (row.x - centre.x()) ** 2 + (row.y - centre.y()) ** 2
        return (not inside, order.get(row.observed_property, 3), distance)
    return min(rows, key=rank) if rows else None


def _open_sensor_chart(controller):
    row = _chart_row(controller) if OPEN_SENSOR_CHART else None
    if row is None:
        _sensors_done("sensor chart not asked for, or no such datastream")
        return
    ui = plugins["herzlich_digital_plugin"].sensors
    iface.mainWindow().activateWindow()  # as on a desktop: no "task complete" notices meant for a window behind
    dock = ui.open_chart()
    main_window = iface.mainWindow()
    main_window.resizeDocks([dock], [max(260, int(main_window.height() * 0.3))], Qt.Orientation.Vertical)
    controller.layer.selectByIds([controller.feature_id(row.key)])  # as a click on it: the dock follows
    started = time.monotonic()

    def plotted():
        drawn = dock.last_drawn
        if (drawn.get("band", 0) > 0 or dock.last_error) and not dock.loading:
            _sensors_done(f"sensor chart: {row.thing} – {row.datastream}, {drawn.get('points')} values")
        elif time.monotonic() - started > 90:
            _sensors_done("sensor chart: history still loading", 1)
        else:
            QTimer.singleShot(500, plotted)
    QTimer.singleShot(500, plotted)


def _ready():
    if iface.mapCanvas().isDrawing():  # a late refresh: wait for it
        QTimer.singleShot(500, _ready)
        return
    _report_state()
    if READY_FILE:
        with open(READY_FILE, "w", encoding="utf-8") as handle:
            handle.write("ready\n")
    if QUIT_AFTER_S > 0:
        QTimer.singleShot(int(QUIT_AFTER_S * 1000), _quit)


def _quit():
    QgsProject.instance().setDirty(False)  # never stop at a "save changes?" question
    iface.actionExit().trigger()


_state = {"polls": 0, "renders": 1}


def _count_render():
    _state["renders"] += 1
    _state["rendered"] = True


iface.mapCanvas().mapCanvasRefreshed.connect(_count_render)


def _poll():
    """Ready once the project is open and the map is not drawing any more (or after a minute anyway)."""
    _state["polls"] += 1
    canvas = iface.mapCanvas()
    loaded = bool(QgsProject.instance().fileName()) or _state["polls"] > 20
    drawn = _state["renders"] > 0 and not canvas.isDrawing()
    sensors = _state.get("sensors", "done") == "done"  # the live layer and its chart, when asked for
    if (loaded and drawn and sensors) or _state["polls"] > 120 + 2 * SENSOR_WAIT_S:
        QTimer.singleShot(2000, _ready)  # let docks, toolbars and labels settle before a screenshot
    else:
        QTimer.singleShot(500, _poll)


# Xvfb has no window manager to maximise QGIS: fill the screen ourselves.
iface.mainWindow().setGeometry(QgsApplication.primaryScreen().availableGeometry())
QTimer.singleShot(500, _open_panorama)
QTimer.singleShot(600, _open_review)
QTimer.singleShot(650, _check_roadworks)
QTimer.singleShot(700, _start_sensors)
QTimer.singleShot(1000, _poll)
