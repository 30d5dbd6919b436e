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


def _ready():
    _report_state()
    if READY_FILE:
        with open(READY_FILE, "w", encoding="utf-8") as handle:
            handle.write("ready\n")
    if QUIT_AFTER_S > 0:
        QTimer.singleShot(int(QUIT_AFTER_S * 1000), _quit)


def _quit():
    QgsProject.instance().setDirty(False)  # never stop at a "save changes?" question
    iface.actionExit().trigger()


_state = {"polls": 0}


def _poll():
    """Ready once the project is open and the map is not drawing any more (or after a minute anyway)."""
    _state["polls"] += 1
    canvas = iface.mapCanvas()
    loaded = bool(QgsProject.instance().fileName()) or _state["polls"] > 20
    if (loaded and not canvas.isDrawing()) or _state["polls"] > 120:
        QTimer.singleShot(2000, _ready)  # let docks, toolbars and labels settle before a screenshot
    else:
        QTimer.singleShot(500, _poll)


# Xvfb has no window manager to maximise QGIS: fill the screen ourselves.
iface.mainWindow().setGeometry(QgsApplication.primaryScreen().availableGeometry())
QTimer.singleShot(1000, _poll)
