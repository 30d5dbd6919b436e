"""The "Check roadworks" dock on the demo city: the check runs in a QgsTask and shows the known conflict of the
Mannheimer Straße pair and the detour; the detour is saved; a road layer without the needed fields asks for a
field mapping and the retry works; report, export and import run through Processing in the background."""
import json
import threading

import pytest
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsFeature, QgsProject, QgsVectorLayer)
from shapely import wkt

from herzlich_digital_plugin.styles.store_layers import detour_layer
from herzlich_digital_plugin.gui.active_store import ActiveStore
from herzlich_digital_plugin.gui.roadworks_check_dock import RoadworksCheckDock
from herzlich_digital_plugin.gui.roadworks_conflict_dialog import RoadworksConflictDialog
from herzlich_digital_plugin.gui.roadworks_field_mapping import RoadFieldMappingDialog
from herzlich_digital_plugin.gui.roadworks_layers import roadworks_layers, tagged_canvas_items
from herzlich_digital_plugin.gui.roadworks_values import show_number
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.roadworks import analysis_impact, repository
from roadworks_gui_helpers import (CLOSED_M, DETOUR_M, MANNHEIMER, MANNHEIMER_SWK, build_city, flush_deletes,
                                   forget_store, private_copy, road_layer, use_store)

CHECK_MS = 60000
ALGORITHM_MS = 180000


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return build_city(tmp_path_factory)


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


@pytest.fixture()
def env(city, tmp_path, qgis_iface):
    """A private store in use by the project, its road layer in the project, and the dock."""
    path = private_copy(city, tmp_path)
    use_store(path)
    canvas = qgis_iface.mapCanvas()
    crs = canvas.mapSettings().destinationCrs()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    active = ActiveStore()
    roads = road_layer(path)
    # as in the demo project: the roadworks lines come first in the layer list, yet they are no road network
    works_lines = QgsVectorLayer(f"{path}|layername=roadworks|geometrytype=LineString", "Baustellen", "ogr")
    QgsProject.instance().addMapLayers([works_lines, roads])
    dock = RoadworksCheckDock(qgis_iface, active, parent=qgis_iface.mainWindow())
    dock.open_files = False
    ids = {w.title: w.id for w in repository.list_roadworks(active.get())}
    yield {"dock": dock, "store": active.get(), "roads": roads, "ids": ids, "path": path, "canvas": canvas,
           "tmp": tmp_path}
    dock.shutdown()
    dock.deleteLater()
    QgsProject.instance().removeMapLayers([roads.id(), works_lines.id()])
    active.close()
    forget_store()
    canvas.setDestinationCrs(crs)
    flush_deletes()


def _check(qtbot, dock, roadworks_id):
    with qtbot.waitSignal(dock.checked, timeout=CHECK_MS) as done:
        task = dock.check(roadworks_id)
        assert task is not None
        assert not dock.progress.isHidden() and not dock.check_button.isEnabled()
    assert dock.progress.isHidden() and dock.check_button.isEnabled()
    return done.args[0]


def test_check_runs_in_a_task_and_shows_the_known_conflict_and_the_detour(qtbot, env, monkeypatch):
    dock, ids = env["dock"], env["ids"]
    assert dock.refresh_works() == len(ids)
    assert dock.roads_combo.currentLayer() is env["roads"]  # default: the demo network's road layer
    threads = []
    original = analysis_impact.check_roadworks

    def spy(*args, **kwargs):
        threads.append(threading.get_ident())
        return original(*args, **kwargs)
    monkeypatch.setattr(analysis_impact, "check_roadworks", spy)

    report = _check(qtbot, dock, ids[MANNHEIMER])
    assert threads and threads[0] != threading.get_ident()  # never on the GUI thread
    # the known conflict of the Mannheimer Straße pair
    conflicts = dock.results.conflict_rows()
    assert len(conflicts) == 1 and conflicts[0][0] == f"{MANNHEIMER_SWK} ({ids[MANNHEIMER_SWK]})"
    assert "Mannheimer Straße" in conflicts[0][4]
    # assets with their VzKat codes, grouped by what the site must do
    assets = dock.results.asset_rows()
    assert len(assets) == len(report.assets) > 0
    signs = [row for row in assets if row[0] == "cover sign"]
    assert signs and all(row[1] != "–" for row in signs)
    assert {a.vzkat_code for a in report.assets.signs} == {row[1] for row in signs}
    # sensors: the counter on the site's road with its current and typical value
    counter = next(row for row in dock.results.sensor_rows() if row[0] == "Zählstelle Mannheimer Straße")
    assert "(stored," in counter[3] and counter[4].endswith("vehicles/day")
    assert report.traffic.station == "Zählstelle Mannheimer Straße" and report.traffic.vehicles_per_day > 1000
    # the quietest window and its chart
    assert report.window is not None and report.window.duration_h == 8
    assert "Quietest 8 h" in dock.results.window_label.text()
    assert dock.results.chart_pixmap is not None and dock.results.chart_pixmap.width() > 500
    # the detour: length, extra length, streets; drawn on the map
    detour = report.detour
    assert detour.length_m == pytest.approx(DETOUR_M, abs=0.01)
    assert detour.extra_m == pytest.approx(DETOUR_M - CLOSED_M, abs=0.01)
    text = dock.results.detour.text()
    assert show_number(detour.length_m) in text and show_number(detour.extra_m) in text
    assert "Via Maxstraße, Burgstraße, Nordtangente." in text
    bands = tagged_canvas_items(env["canvas"])
    assert len(bands) == 2 and dock.bands.route.asGeometry().length() == pytest.approx(DETOUR_M, abs=0.01)
    assert "Conflicts: 1" in dock.results.summary.text()
    assert dock.save_detour_button.isEnabled()
    assert dock.zoom_button.isEnabled() and dock.zoom_to_detour()
    # a second check reuses the road network built by the first (the road layer did not change)
    with qtbot.waitSignal(dock.checked, timeout=CHECK_MS):
        again = dock.check(ids[MANNHEIMER])
        reused = again.network
    assert reused is not None and reused.build_s > 0
    dock.reset()  # another project: nothing of this check stays on the map or in the dock
    assert tagged_canvas_items(env["canvas"]) == [] and dock.results.conflict_rows() == []
    assert dock.works_combo.count() == 0 and not dock.save_detour_button.isEnabled()


def test_save_detour_writes_it_with_history_and_handles_a_conflict(qtbot, env):
    dock, store, ids = env["dock"], env["store"], env["ids"]
    detours = detour_layer(store, "Umleitung")  # the demo project's layer of saved detours
    QgsProject.instance().addMapLayer(detours)
    site = repository.update(store, ids[MANNHEIMER], {"detour": None}, 1, "test")  # start without a detour
    detours.dataProvider().reloadData()
    assert detours.featureCount() == 0
    assert detours in roadworks_layers(store)  # refreshed with the roadworks after every save
    report = _check(qtbot, dock, site.id)
    stored = dock.save_detour()
    assert stored.version == site.version + 1
    assert wkt.loads(stored.detour).equals_exact(report.detour.route, 1e-3)
    shown = [f.geometry().length() for f in detours.getFeatures()]  # the map follows at once
    QgsProject.instance().removeMapLayer(detours.id())
    assert shown == [pytest.approx(DETOUR_M, abs=0.01)]
    last = repository.history(store, site.id)[-1]
    assert last.old == {"detour": None} and last.new["detour"].startswith("LINESTRING")
    # a colleague changes the site meanwhile: both versions are shown, nothing is written until decided
    repository.update(store, site.id, {"detour": None, "notes": "Umleitung neu abstimmen"}, stored.version, "k.kollegin")
    version = repository.get(store, site.id).version
    assert dock.save_detour() is None
    dialog = dock.conflict_dialog
    assert isinstance(dialog, RoadworksConflictDialog) and not dialog.isHidden()
    rows = {r[0]: r for r in dialog.rows()}
    assert rows["detour"][1].startswith("Line, ") and rows["detour"][2] == "–"
    assert repository.get(store, site.id).version == version
    with qtbot.waitSignal(dock.detourSaved, timeout=2000) as saved:
        dialog.save_button.click()
    assert saved.args[0].version == version + 1 and saved.args[0].notes == "Umleitung neu abstimmen"
    assert saved.args[0].detour is not None


def test_a_road_layer_without_the_fields_asks_for_a_mapping_and_the_retry_works(qtbot, env):
    dock, ids = env["dock"], env["ids"]
    renamed = QgsVectorLayer("LineString?crs=EPSG:25832&field=strassen_bez:string&field=einbahn:integer"
                             "&field=tempo:integer", "Straßennetz (fremd)", "memory")
    features = []
    for source in env["roads"].getFeatures():
        feature = QgsFeature(renamed.fields())
        feature.setGeometry(source.geometry())
        feature.setAttributes([source["name"], source["oneway"], source["speed_limit"]])
        features.append(feature)
    renamed.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(renamed)
    try:
        dock.refresh_works()
        dock.roads_combo.setLayer(renamed)
        with qtbot.waitSignal(dock.fieldMappingRequested, timeout=CHECK_MS) as asked:
            dock.check(ids[MANNHEIMER])
        dialog = asked.args[0]
        assert isinstance(dialog, RoadFieldMappingDialog) and not dialog.isHidden()
        assert "needs (name)" in dialog.message.text()  # einbahn and tempo are found without asking
        assert dock.report is None and dock.results.conflict_rows() == []
        # common spellings are guessed, the rest is the user's choice
        assert dialog.combos["oneway"].currentField() == "einbahn"
        assert dialog.combos["speed"].currentField() == "tempo"
        assert dialog.combos["name"].currentField() == ""
        dialog.set_field("name", "strassen_bez")
        with qtbot.waitSignal(dock.checked, timeout=CHECK_MS) as done:
            dialog.accept()
        report = done.args[0]
        assert report.detour.length_m == pytest.approx(DETOUR_M, abs=0.01)
        assert report.detour.streets == ["Maxstraße", "Burgstraße", "Nordtangente"]
        assert dock.road_fields(renamed).name == "strassen_bez"
        # the mapping is remembered: the next check runs without asking
        _check(qtbot, dock, ids[MANNHEIMER])
    finally:
        dock.roads_combo.setLayer(env["roads"])
        QgsProject.instance().removeMapLayer(renamed.id())


def test_a_road_layer_without_a_speed_field_is_checked_with_a_warning(qtbot, env):
    dock, ids = env["dock"], env["ids"]
    slim = QgsVectorLayer("LineString?crs=EPSG:25832&field=name:string&field=oneway:integer", "ohne Tempo", "memory")
    features = []
    for source in env["roads"].getFeatures():
        feature = QgsFeature(slim.fields())
        feature.setGeometry(source.geometry())
        feature.setAttributes([source["name"], source["oneway"]])
        features.append(feature)
    slim.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(slim)
    try:
        dock.refresh_works()
        dock.roads_combo.setLayer(slim)
        with qtbot.waitSignal(dock.checked, timeout=CHECK_MS) as done:
            dock.check(ids[MANNHEIMER])
        assert done.args[0].detour.route is not None
        assert "speed" in dock.status.text() and "ohne Tempo" in dock.status.text()
    finally:
        dock.roads_combo.setLayer(env["roads"])
        QgsProject.instance().removeMapLayer(slim.id())


def test_an_unknown_roadworks_fails_with_a_message(qtbot, env):
    dock = env["dock"]
    with qtbot.waitSignal(dock.checkFailed, timeout=CHECK_MS):
        dock.check(9999)
    assert "9999" in dock.status.text() and dock.report is None


def test_pdf_report_export_and_import_run_in_the_background(qtbot, env, provider):
    dock, ids = env["dock"], env["ids"]
    dock.refresh_works(ids[MANNHEIMER])
    pdf = env["tmp"] / "baustelle.pdf"
    with qtbot.waitSignal(dock.algorithmFinished, timeout=ALGORITHM_MS) as finished:
        assert dock.write_report(str(pdf)) is not None
    assert finished.args[0] == "herzlich_digital:roadworksreport" and finished.args[1], dock.status.text()
    assert pdf.read_bytes()[:5] == b"%PDF-" and finished.args[2]["PAGES"] >= 2
    assert dock.last_report == str(pdf) and "Report written" in dock.status.text()

    exported = env["tmp"] / "baustellen.geojson"
    with qtbot.waitSignal(dock.algorithmFinished, timeout=ALGORITHM_MS) as finished:
        dock.export("geojson", str(exported))
    assert finished.args[1] and finished.args[2]["COUNT"] == len(ids)
    assert len(json.loads(exported.read_text(encoding="utf-8"))["features"]) == len(ids)

    wzdx = env["tmp"] / "wzdx.geojson"
    with qtbot.waitSignal(dock.algorithmFinished, timeout=ALGORITHM_MS) as finished:
        dock.export("wzdx", str(wzdx))
    assert finished.args[1] and json.loads(wzdx.read_text(encoding="utf-8"))["type"] == "FeatureCollection"

    datex = env["tmp"] / "datex.xml"
    with qtbot.waitSignal(dock.algorithmFinished, timeout=ALGORITHM_MS):
        dock.export("datex2", str(datex))
    before = dock.works_combo.count()
    with qtbot.waitSignal(dock.algorithmFinished, timeout=ALGORITHM_MS) as finished:
        dock.import_file(str(datex))
    results = finished.args[2]
    assert finished.args[1] and results["IMPORTED"] == len(ids) and results["REJECTED"] == 0
    assert dock.works_combo.count() == before + results["IMPORTED"] - results["UPDATED"]
    assert "Imported" in dock.status.text()


def test_check_selected_takes_the_roadworks_selected_on_the_map(qtbot, env, qgis_iface):
    dock, store, ids = env["dock"], env["store"], env["ids"]
    provider, uri = store.layer_uri("roadworks", geometry_type="LineString")
    layer = QgsVectorLayer(uri, "Baustellen", provider)
    QgsProject.instance().addMapLayer(layer)
    try:
        assert dock.check_selected() is None  # nothing selected: only the list is offered
        assert "Select a roadworks on the map" in dock.status.text()
        wanted = next(f.id() for f in layer.getFeatures() if f["title"] == MANNHEIMER_SWK)
        layer.selectByIds([wanted])
        with qtbot.waitSignal(dock.checked, timeout=CHECK_MS) as done:
            assert dock.check_selected() is not None
        report = done.args[0]
        assert report.works.id == ids[MANNHEIMER_SWK] == dock.current_id()
        assert [c.roadworks_id for c in report.conflicts] == [ids[MANNHEIMER]]  # the pair, seen from the other side
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
