"""The plugin's own connection to a GeoPackage must not break the layers QGIS reads from the same file."""
from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QSize

from herzlich_digital_plugin.democity.build import build_demo_city
from herzlich_digital_plugin.store import open_store


def _render_errors(project, layers):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setExtent(layers[0].extent())
    settings.setOutputSize(QSize(200, 200))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return [error.message for error in job.errors()]


def test_rendering_survives_the_store_opening_and_writing(tmp_path):
    path = build_demo_city("test", 7239, tmp_path).store_path
    project = QgsProject()
    layers = [QgsVectorLayer(f"{path}|layername={table}", table, "ogr") for table in ("road", "panorama")]
    project.addMapLayers(layers)
    assert _render_errors(project, layers) == []
    with open_store(str(path)) as store:
        store.insert("campaign", {"name": "Nachbefahrung"})
        assert _render_errors(project, layers) == []
        counts = [sum(1 for _ in layer.getFeatures()) for layer in layers]
        assert counts == [store.count("road"), store.count("panorama")]
