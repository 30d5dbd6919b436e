"""Shared pieces of the roadworks GUI tests: a demo city built once, a private copy per test."""
import shutil

from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QApplication

from herzlich_digital_plugin.democity.build import build_demo_city
from herzlich_digital_plugin.gui.active_store import PROJECT_KEY, PROJECT_SCOPE, set_project_store

SEED = 7239
MANNHEIMER = "Fahrbahnerneuerung Mannheimer Straße"  # approved, lanes in one direction closed
MANNHEIMER_SWK = "Leitungsverlegung SWK Mannheimer Straße"  # planned, overlaps it in time and place
DETOUR_M = 1356.4666  # Fackelrondell - Maxstraße - Burgstraße - Nordtangente (test_roadworks_analysis_detour)
CLOSED_M = 569.8556


def build_city(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roadworks_gui_city")
    return build_demo_city("demo", SEED, folder, images=False).store_path


def private_copy(store_path, tmp_path):
    """A copy of the demo store only this test writes to."""
    target = tmp_path / "store.gpkg"
    shutil.copy(store_path, target)
    return target


def use_store(path):
    set_project_store(QgsProject.instance(), str(path))


def forget_store():
    QgsProject.instance().removeEntry(PROJECT_SCOPE, PROJECT_KEY)


def road_layer(path, name="Straßen"):
    layer = QgsVectorLayer(f"{path}|layername=road", name, "ogr")
    assert layer.isValid()
    return layer


def set_store_crs(canvas):
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25832"))


def flush_deletes():
    for _ in range(3):  # let deleteLater() happen, as QGIS's event loop would
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
