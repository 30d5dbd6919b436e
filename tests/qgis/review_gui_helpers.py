"""Fixtures and helpers shared by the review GUI tests (tests/qgis/test_review_gui_*.py import them).

One test-size demo city per module; every test works on its own copy of the GeoPackage, with the module's
image folder linked in, so demo panoramas are rendered once per module.
"""
import shutil
from pathlib import Path

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QApplication

from herzlich_digital_plugin.democity.build import build_demo_city
from herzlich_digital_plugin.gui.active_store import PROJECT_KEY, PROJECT_SCOPE, ActiveStore, set_project_store
from herzlich_digital_plugin.gui.panorama_dock import PanoramaDock
from herzlich_digital_plugin.gui.review_context import ReviewContext
from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.store import open_store

SEED = 7239
WAIT_MS = 60000


class StoreHolder:
    """The ActiveStore interface (get, folder, close) on one GeoPackage."""

    def __init__(self, path):
        self.path = str(path)
        self._store = None

    def get(self):
        if self._store is None:
            self._store = open_store(self.path, create=False)
        return self._store

    def folder(self):
        return str(Path(self.path).parent)

    def close(self):
        if self._store is not None:
            self._store.close()
        self._store = None


def flush_deletes():
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


@pytest.fixture(scope="module")
def city_gpkg(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review_city")
    result = build_demo_city("test", SEED, folder, images=False)
    (folder / "images").mkdir(exist_ok=True)
    return Path(result.store_path)


@pytest.fixture()
def store_path(city_gpkg, tmp_path):
    """A fresh copy of the city store (its images shared with the module's city)."""
    folder = tmp_path / "city"
    folder.mkdir()
    target = folder / city_gpkg.name
    shutil.copy(city_gpkg, target)
    (folder / "images").symlink_to(city_gpkg.parent / "images", target_is_directory=True)
    return target


@pytest.fixture()
def holder(store_path):
    h = StoreHolder(store_path)
    yield h
    h.close()


@pytest.fixture()
def make_context(holder):
    made = []

    def make(reviewer="anna", role=None):
        context = ReviewContext(holder, reviewer=reviewer, role=role)
        made.append(context)
        return context
    yield make
    for context in made:
        context.close()
        context.deleteLater()


@pytest.fixture()
def other_session(store_path):
    """A second reviewer on the same file, with its own connection."""
    stores = []

    def make(reviewer="bernd"):
        store = open_store(str(store_path), create=False)
        stores.append(store)
        return ReviewSession(store, reviewer)
    yield make
    for store in stores:
        store.close()


@pytest.fixture()
def utm_canvas(qgis_iface):
    canvas = qgis_iface.mapCanvas()
    crs, extent = canvas.mapSettings().destinationCrs(), canvas.extent()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    canvas.resize(800, 600)
    yield canvas
    canvas.setDestinationCrs(crs)
    canvas.setExtent(extent)


@pytest.fixture()
def panorama_dock(qgis_iface, qtbot, store_path):
    """A real panorama dock on the same store (through the project entry, as the plugin finds it)."""
    project = QgsProject.instance()
    set_project_store(project, str(store_path))
    active = ActiveStore()
    dock = PanoramaDock(qgis_iface, active, parent=qgis_iface.mainWindow())
    show_dock(qtbot, dock, 700, 600)
    yield dock
    dock.shutdown()
    active.close()
    dock.hide()
    dock.deleteLater()
    project.removeEntry(PROJECT_SCOPE, PROJECT_KEY)
    flush_deletes()


def show_dock(qtbot, dock, width=720, height=820):
    dock.setFloating(True)
    dock.resize(width, height)
    dock.show()
    qtbot.waitExposed(dock)
    return dock
