"""roadworksimpact, detourroute and roadworksreport through Processing, on the demo city (and a live
SensorThings server seeded with the demo's sensors)."""
import json
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from qgis.core import (QgsApplication, QgsFeature, QgsGeometry, QgsProcessingException,
                       QgsVectorLayer)
from qgis.PyQt.QtGui import QImage

from herzlich_digital_plugin.democity.build import build_demo_city
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider
from herzlich_digital_plugin.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sta_fixtures import demo_strict_server  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 7, 30, tzinfo=timezone.utc)
DETOUR_M = 1356.4666  # Fackelrondell - Maxstraße - Burgstraße - Nordtangente (see test_roadworks_analysis_detour)
CLOSED_M = 569.8556  # Mannheimer Straße


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


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    store_path = build_demo_city("demo", 7239, folder).store_path
    with open_store(str(store_path), create=False) as store:
        ids = {row["title"]: row["id"] for row in store.select("roadworks")}
    return store_path, ids


@pytest.fixture(scope="module")
def live():
    sta = demo_strict_server(NOW, days=1.0)
    sta.start()
    yield sta
    sta.stop()


def _roads(store_path):
    layer = QgsVectorLayer(f"{store_path}|layername=road", "road", "ogr")
    assert layer.isValid()
    return layer


def test_roadworksimpact_writes_the_checks(provider, demo, live, tmp_path):
    from qgis import processing
    from herzlich_digital_plugin.democity.sensors import STREAMS, stream_values

    store_path, ids = demo
    result = processing.run("herzlich_digital:roadworksimpact", {
        "STORE": str(store_path), "ROADWORKS": ids["Fahrbahnerneuerung Mannheimer Straße"],
        "SENSORS_URL": live.url, "BUFFER": 15.0, "DURATION_H": 8, "OUTPUT": str(tmp_path / "impact.json"),
        "CHART": str(tmp_path / "week.png")})
    data = json.loads(Path(result["OUTPUT"]).read_text(encoding="utf-8"))
    assert result["CONFLICTS"] == 1 and data["conflicts"][0]["title"] == "Leitungsverlegung SWK Mannheimer Straße"
    assert result["AFFECTED_ASSETS"] == data["affected_assets"]["count"] > 0
    assert result["AFFECTED_SENSORS"] == len(data["affected_sensors"]) > 0
    counter = next(s for s in data["affected_sensors"] if s["station"] == "Zählstelle Mannheimer Straße")
    stream = next(s for s in STREAMS if s.key == "mannheimer_q")
    times, values = stream_values(stream, live.seeded_until, live.seeded_until, 7239)
    assert counter["value_source"] == "live" and counter["value"] == float(values[-1])
    assert counter["value_time"] == datetime.fromtimestamp(int(times[-1]), timezone.utc).isoformat()
    assert data["traffic"]["station"] == "Zählstelle Mannheimer Straße" and result["VEHICLES_PER_DAY"] > 1000
    assert result["DETOUR_LENGTH_M"] == pytest.approx(DETOUR_M, abs=0.01)
    assert result["DETOUR_EXTRA_M"] == pytest.approx(DETOUR_M - CLOSED_M, abs=0.01)
    assert data["detour"]["streets"] == ["Maxstraße", "Burgstraße", "Nordtangente"]
    assert result["WINDOW_START"] == data["quietest_window"]["start"]
    assert QImage(result["CHART"]).width() > 500


def test_detourroute_from_the_store_and_from_a_closures_layer(provider, demo, tmp_path):
    from qgis import processing

    store_path, ids = demo
    roads = _roads(store_path)
    result = processing.run("herzlich_digital:detourroute", {
        "ROADS": roads, "STORE": str(store_path), "ROADWORKS": ids["Fahrbahnerneuerung Mannheimer Straße"],
        "OUTPUT": "memory:"})
    assert result["LENGTH_M"] == pytest.approx(DETOUR_M, abs=0.01)
    assert result["EXTRA_M"] == pytest.approx(DETOUR_M - CLOSED_M, abs=0.01)
    features = {f["kind"]: f for f in result["OUTPUT"].getFeatures()}
    assert set(features) == {"detour", "closed"}
    assert features["detour"].geometry().length() == pytest.approx(DETOUR_M, abs=0.01)
    assert features["detour"]["streets"] == "Maxstraße, Burgstraße, Nordtangente"

    # the same closure drawn by hand, ends given in WGS 84
    closures = QgsVectorLayer("LineString?crs=EPSG:25832&field=restriction:string", "c", "memory")
    with open_store(str(store_path), create=False) as store:
        geom = store.get("roadworks", ids["Fahrbahnerneuerung Mannheimer Straße"])["geom"]
    feature = QgsFeature(closures.fields())
    feature.setGeometry(QgsGeometry.fromWkt(geom.wkt))
    feature.setAttributes(["full_closure"])
    closures.dataProvider().addFeatures([feature])
    by_hand = processing.run("herzlich_digital:detourroute", {
        "ROADS": roads, "CLOSURES": closures, "AVOID_OTHER_WORKS": False, "CRITERION": 1, "ENGINE": 1,
        "START": "7.7648,49.4462 [EPSG:4326]", "OUTPUT": "memory:"})
    assert by_hand["LENGTH_M"] > 0 and by_hand["EXTRA_M"] >= 0


def test_detourroute_errors_are_clear(provider, demo):
    from qgis import processing

    store_path, ids = demo
    with pytest.raises(QgsProcessingException, match="einbahn"):
        processing.run("herzlich_digital:detourroute", {
            "ROADS": _roads(store_path), "STORE": str(store_path), "ONEWAY_FIELD": "einbahn",
            "ROADWORKS": ids["Fahrbahnerneuerung Mannheimer Straße"], "OUTPUT": "memory:"})
    closures = QgsVectorLayer("LineString?crs=EPSG:25832", "c", "memory")
    feature = QgsFeature(closures.fields())
    with open_store(str(store_path), create=False) as store:  # the Pariser Straße ends at the map's edge
        feature.setGeometry(QgsGeometry.fromWkt(store.get("roadworks", ids["Kanalsanierung Pariser Straße"])["geom"].wkt))
    closures.dataProvider().addFeatures([feature])
    with pytest.raises(QgsProcessingException, match="No detour can exist"):
        processing.run("herzlich_digital:detourroute", {"ROADS": _roads(store_path), "CLOSURES": closures,
                                                        "OUTPUT": "memory:"})


def test_roadworksreport_writes_a_german_pdf_that_renders(provider, demo, tmp_path):
    from qgis import processing

    store_path, ids = demo
    result = processing.run("herzlich_digital:roadworksreport", {
        "STORE": str(store_path), "ROADWORKS": ids["Fahrbahnerneuerung Mannheimer Straße"], "SNAPSHOTS": 2,
        "OUTPUT": str(tmp_path / "bericht.pdf")})
    pdf = Path(result["OUTPUT"])
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-" and result["PAGES"] >= 2
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm missing: `make deps` installs poppler-utils")
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True)
    page = QImage(str(next(tmp_path.glob("page*.png"))))
    assert page.width() > 400
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True).stdout.decode("utf-8")
    assert "veh/15min" not in text and "Fz/15 min" in text  # German units in the German report (issue 14)
    dark, colours = 0, set()
    for y in range(0, page.height(), 3):
        for x in range(0, page.width(), 3):
            rgb = page.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            dark += rgb != 0xFFFFFF
    assert dark > 0.05 * (page.width() // 3) * (page.height() // 3)  # a map and text, not a blank page
    assert len(colours) > 50
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    text = " ".join(text.split())  # table cells wrap
    assert "Fahrbahnerneuerung Mannheimer Straße" in text and "VRA-2026-0457" in text
    assert "Leitungsverlegung SWK Mannheimer Straße" in text  # the conflict
    assert "Zählstelle Mannheimer Straße" in text and "Maxstraße, Burgstraße, Nordtangente" in text


def test_report_texts_come_from_the_german_catalogue():
    """Whatever language QGIS runs in, the report's tr() reads the German catalogue."""
    from herzlich_digital_plugin.roadworks import report_language
    from herzlich_digital_plugin.toolbelt.i18n import tr

    report_language.reload()
    assert tr("Render panorama view") == "Render panorama view"  # the tests run QGIS in English
    assert report_language.tr("Render panorama view") == "Panoramaansicht rendern"
    assert report_language.tr("A text no catalogue has") == "A text no catalogue has"
