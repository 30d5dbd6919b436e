"""addstorelayers: any store (GeoPackage, PostGIS) gets its layers styled, grouped and named in the user's language."""
import shutil

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback, QgsProject

from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.styles.store_layers import GROUP_NAME_KEY
from herzlich_digital_plugin.toolbelt.i18n import install_translator, remove_translator
from shared_fixtures import shared_fixture

PANORAMAS = ("geovisio_1.jpg", "geovisio_2.jpg", "geovisio_3.jpg")
GERMAN_NAMES = ["Sensoren", "Baustellen", "Umleitung", "Baustellen (Flächen)", "Objekte (Kataster)", "Panoramen",
                "Detektionen", "Straßen"]  # legend order, top to bottom


@pytest.fixture(scope="module")
def provider(qgis_processing):
    registry = QgsApplication.processingRegistry()
    if registry.providerById(PROVIDER_ID) is None:
        ours = HerzlichDigitalProvider()
        registry.addProvider(ours)
        yield ours
        registry.removeProvider(ours)
    else:
        yield registry.providerById(PROVIDER_ID)


@pytest.fixture
def german():
    translator = install_translator("de")
    assert translator is not None, "run `make translations` first"
    yield
    remove_translator(translator)


def _run(algorithm_id, parameters, project=None):
    from qgis import processing
    context = QgsProcessingContext()
    context.setProject(project or QgsProject.instance())
    return processing.run(algorithm_id, parameters, context=context, feedback=QgsProcessingFeedback())


def _store_text(store):
    return str(store.path) if store.backend == "gpkg" else store.conninfo


def _import_real_panoramas(store, tmp_path):
    folder = tmp_path / "jpegs"
    folder.mkdir()
    for name in PANORAMAS:
        shutil.copy(shared_fixture("panoramas", name), folder / name)
    result = _run("herzlich_digital:importpanoramafolder",
                  {"FOLDER": str(folder), "STORE": _store_text(store), "CAMPAIGN": "Befahrung 2026",
                   "CAMERA_HEIGHT": 2.5})
    assert result["IMPORTED"] == 3


def test_addstorelayers_styles_and_groups_a_real_store(provider, store, tmp_path, german):
    from shapely.geometry import LineString
    _import_real_panoramas(store, tmp_path)
    store.insert("roadworks", {"title": "Kanalbau Fackelstraße", "status": "planned",
                               "geom": LineString([(410400, 5477600), (410450, 5477600)]),
                               "detour": "LINESTRING (410400 5477600, 410425 5477650, 410450 5477600)"})
    project = QgsProject()
    result = _run("herzlich_digital:addstorelayers", {"STORE": _store_text(store)}, project)
    assert result["LAYERS"] == 8
    groups = project.layerTreeRoot().findGroups()
    assert len(groups) == 1 and groups[0].name().startswith("Herzlich Digital – ")
    assert groups[0].customProperty(GROUP_NAME_KEY) == groups[0].name()
    layers = [node.layer() for node in groups[0].findLayers()]
    assert [layer.name() for layer in layers] == GERMAN_NAMES
    assert all(layer.isValid() for layer in layers)
    by_name = {layer.name(): layer for layer in layers}
    panoramas = by_name["Panoramen"]
    assert panoramas.featureCount() == 3
    assert panoramas.renderer().type() == "categorizedSymbol"
    assert [c.label() for c in panoramas.renderer().categories()] == ["Befahrung 2026"]
    assert by_name["Detektionen"].renderer().type() == "RuleRenderer"
    assert by_name["Baustellen"].renderer().type() == "categorizedSymbol"
    assert by_name["Baustellen"].featureCount() == 1 and by_name["Baustellen (Flächen)"].featureCount() == 0
    assert [f["title"] for f in by_name["Umleitung"].getFeatures()] == ["Kanalbau Fackelstraße"]
    planned_area = by_name["Baustellen (Flächen)"].renderer().categories()[0]
    assert planned_area.value() == "planned"
    assert planned_area.symbol().color().name() == "#ff7f00" and planned_area.symbol().color().alpha() == 0x55
    # run again: the group is replaced, not doubled
    assert _run("herzlich_digital:addstorelayers", {"STORE": _store_text(store)}, project)["LAYERS"] == 8
    assert len(project.layerTreeRoot().findGroups()) == 1 and len(project.mapLayers()) == 8


def test_addstorelayers_refuses_a_store_that_does_not_exist(provider, tmp_path):
    project = QgsProject()
    with pytest.raises(QgsProcessingException):
        _run("herzlich_digital:addstorelayers", {"STORE": str(tmp_path / "missing.gpkg")}, project)
    assert not (tmp_path / "missing.gpkg").exists() and not project.mapLayers()


def _run_like_the_toolbox(algorithm_id, parameters, project):
    """What the toolbox dialog does: run the algorithm, then load the layers it left in the context."""
    from processing.gui.Postprocessing import handleAlgorithmResults
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    context = QgsProcessingContext()
    context.setProject(project)
    feedback = QgsProcessingFeedback()
    results, ok = algorithm.run(parameters, context, feedback)
    assert ok, results
    handleAlgorithmResults(algorithm, context, feedback, showResults=False)
    return results


def test_an_import_from_the_toolbox_adds_then_refreshes_the_store_layer(provider, store, tmp_path, german):
    folder = tmp_path / "jpegs"
    folder.mkdir()
    for name in PANORAMAS:
        shutil.copy(shared_fixture("panoramas", name), folder / name)
    project = QgsProject()
    parameters = {"FOLDER": str(folder), "STORE": _store_text(store), "CAMPAIGN": "Befahrung 2026",
                  "CAMERA_HEIGHT": 2.5}
    assert _run_like_the_toolbox("herzlich_digital:importpanoramafolder", parameters, project)["IMPORTED"] == 3
    layers = list(project.mapLayers().values())
    assert [layer.name() for layer in layers] == ["Panoramen"] and layers[0].featureCount() == 3
    assert layers[0].renderer().type() == "categorizedSymbol"
    # a second campaign of the same images: the same layer shows six panoramas in two campaigns, no second layer
    parameters["CAMPAIGN"] = "Befahrung 2027"
    assert _run_like_the_toolbox("herzlich_digital:importpanoramafolder", parameters, project)["IMPORTED"] == 3
    assert list(project.mapLayers().values()) == layers and layers[0].featureCount() == 6
    assert [c.label() for c in layers[0].renderer().categories()] == ["Befahrung 2026", "Befahrung 2027"]


def test_an_import_by_script_adds_no_layer(provider, store, tmp_path):
    project = QgsProject()
    folder = tmp_path / "jpegs"
    folder.mkdir()
    shutil.copy(shared_fixture("panoramas", PANORAMAS[0]), folder / PANORAMAS[0])
    _run("herzlich_digital:importpanoramafolder", {"FOLDER": str(folder), "STORE": _store_text(store),
                                                   "CAMPAIGN": "Skript", "CAMERA_HEIGHT": 2.5}, project)
    assert not project.mapLayers()
