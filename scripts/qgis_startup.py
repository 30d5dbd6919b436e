"""Run inside the QGIS desktop through `qgis --code` by `make demo` and the smoke test.

Environment:
  HD_LOG_FILE      every QGIS log message is appended here as "tag<TAB>level<TAB>message"
  HD_READY_FILE    written once the project has loaded and the map has drawn
  HD_QUIT_AFTER_S  quit QGIS this many seconds after ready (smoke test, screenshots)
"""
import os

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

LOG_FILE = os.environ.get("HD_LOG_FILE")
READY_FILE = os.environ.get("HD_READY_FILE")
OPEN_PANORAMA = os.environ.get("HD_OPEN_PANORAMA", "")  # a panorama id, or "auto": the one nearest the centre
CENTRE = (410400.0, 5477600.0)  # Kaiserslautern, Stiftskirche/Fackelstraße (EPSG:25832)
QUIT_AFTER_S = float(os.environ.get("HD_QUIT_AFTER_S", "0") or 0)


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


iface.mapCanvas().mapCanvasRefreshed.connect(_count_render)


def _poll():
    """Ready once the project is open and the map is not drawing any more (or after a minute anyway)."""
    _state["polls"] += 1
    canvas = iface.mapCanvas()
    loaded = bool(QgsProject.instance().fileName()) or _state["polls"] > 20
    drawn = _state["renders"] > 0 and not canvas.isDrawing()
    if (loaded and drawn) or _state["polls"] > 120:
        QTimer.singleShot(2000, _ready)  # let docks, toolbars and labels settle before a screenshot
    else:
        QTimer.singleShot(500, _poll)


# Xvfb has no window manager to maximise QGIS: fill the screen ourselves.
iface.mainWindow().setGeometry(QgsApplication.primaryScreen().availableGeometry())
QTimer.singleShot(500, _open_panorama)
QTimer.singleShot(1000, _poll)
