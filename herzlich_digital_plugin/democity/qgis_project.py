"""The demo city's QGIS project: the store's layers (styled by the product, styles/) and the demo's view.

The styles and the layer list are the product's own (styles/store_layers.py, "Add store layers"), so a real
store looks exactly like the demo.
"""
import os
from pathlib import Path

from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle, QgsReferencedRectangle

from ..core.definitions import STORE_CRS as CRS
from ..store import open_store
from ..styles.store_layers import add_to_project, styled_store_layers
from ..toolbelt.i18n import tr



def write_demo_project(store_path, project_path, size: str = "demo") -> Path:
    """Write a .qgz with the store's layers styled; returns its path."""
    project_path = Path(project_path)
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(CRS))
    project.setTitle(tr("Herzlich Digital – Kaiserslautern ({size})").format(size=size))
    with open_store(str(store_path), create=False) as store:
        layers = styled_store_layers(store, many_detections=size == "city")
    add_to_project(project, layers)  # at the root, as a demo visitor expects
    extent = QgsRectangle(layers.roads.extent())
    extent.scale(1.05)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, project.crs()))
    # The plugin finds its store through this entry; relative, so the folder can be moved or shared.
    project.writeEntry("herzlich_digital", "store",
                       os.path.relpath(Path(store_path).resolve(), project_path.resolve().parent))
    if not project.write(str(project_path)):
        raise OSError(tr("The project could not be written to {path}").format(path=project_path))
    return project_path
