"""Sign symbols and the detection/asset layer styles of the demo project: every demo class has its own symbol,
the common signs have their shape and colour, and the review status shows as the ring's colour on the map."""
import pytest
from qgis.core import (QgsExpressionContext, QgsExpressionContextUtils, QgsMapRendererParallelJob, QgsMapSettings,
                       QgsProject, QgsRectangle, QgsRuleBasedRenderer)
from qgis.PyQt.QtCore import QRectF, QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter
from qgis.PyQt.QtSvg import QSvgRenderer

from herzlich_digital_plugin.democity.catalogue import KINDS
from herzlich_digital_plugin.democity.qgis_project import write_demo_project
from herzlich_digital_plugin.styles.layer_styles import STREET_SCALE
from herzlich_digital_plugin.styles.vzkat_symbols import symbol_svg_path
from herzlich_digital_plugin.gui.review_symbols import symbol_pixmap
from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.store import open_store
import review_gui_helpers as support

city_gpkg = support.city_gpkg  # fixture
store_path = support.store_path  # fixture

RED, BLUE, YELLOW, WHITE = QColor("#d6001c"), QColor("#1f5aa6"), QColor("#f5c400"), QColor("#ffffff")
STATUS = {"new": QColor("#8c8c8c"), "accepted": QColor("#1a9641"), "rejected": QColor("#d7191c"),
          "relabeled": QColor("#2b83ba")}


def _svg_image(path, size=100):
    renderer = QSvgRenderer(path)
    assert renderer.isValid(), path
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def _near(a: QColor, b: QColor, tolerance=40):
    return a.alpha() > 200 and all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def test_every_demo_class_has_its_own_symbol():
    for kind in KINDS.values():
        path = symbol_svg_path(kind.asset_class, kind.code, kind.value, exact=True)
        assert path, (kind.asset_class, kind.code, kind.value)
        _svg_image(path)
        assert not symbol_pixmap(kind.asset_class, kind.code, kind.value, 48).toImage().isNull()
    # unknown codes fall back to their family, then to the generic symbol
    assert symbol_svg_path("sign", "149").endswith("sign_warning.svg")
    assert symbol_svg_path("sign", "299.9").endswith("sign_regulatory.svg")
    assert symbol_svg_path("sign", "999").endswith("sign.svg")
    assert symbol_svg_path("marking", "999").endswith("marking.svg")
    assert symbol_svg_path("sign", "274", "30").endswith("sign_274_30.svg")
    assert symbol_svg_path("sign", "274", "35").endswith("sign_274.svg")
    assert symbol_svg_path("sign", "999", exact=True) is None


@pytest.mark.parametrize("code", ["274", "283", "286", "250", "267"])
def test_prohibitions_are_red_circles(code):
    image = _svg_image(symbol_svg_path("sign", code, "30" if code == "274" else None))
    assert _near(image.pixelColor(50, 7), RED)  # the ring's top
    assert _near(image.pixelColor(7, 50), RED)  # and its side
    assert image.pixelColor(2, 2).alpha() == 0  # round: the corners stay empty


def test_common_sign_shapes():
    give_way = _svg_image(symbol_svg_path("sign", "205"))  # triangle, point down
    assert _near(give_way.pixelColor(8, 16), RED) and give_way.pixelColor(8, 90).alpha() == 0
    assert _near(give_way.pixelColor(50, 40), WHITE)
    stop = _svg_image(symbol_svg_path("sign", "206"))  # octagon: corners cut, sides straight
    assert stop.pixelColor(3, 3).alpha() == 0 and _near(stop.pixelColor(8, 50), RED)
    assert _near(stop.pixelColor(20, 20), RED)
    priority = _svg_image(symbol_svg_path("sign", "306"))  # yellow diamond
    assert _near(priority.pixelColor(50, 50), YELLOW) and priority.pixelColor(8, 8).alpha() == 0
    crossing = _svg_image(symbol_svg_path("sign", "350"))  # blue square
    assert _near(crossing.pixelColor(10, 10), BLUE) and _near(crossing.pixelColor(90, 90), BLUE)
    light, marking = _svg_image(symbol_svg_path("light")), _svg_image(symbol_svg_path("marking", "294"))
    assert light.pixelColor(5, 50).alpha() == 0 and marking.pixelColor(50, 50) != light.pixelColor(50, 50)


@pytest.fixture()
def reviewed_project(store_path, tmp_path):
    """The demo project over a store with one detection of each status (and the assets they made)."""
    store = open_store(str(store_path), create=False)
    session = ReviewSession(store, "anna")
    items = session.claim_next(n=3, order="walk")
    session.accept(items[0])
    session.reject(items[1], "false_positive")
    session.relabel(items[2], "206", None, asset_class="sign")
    decided = {"accepted": items[0], "rejected": items[1], "relabeled": items[2]}
    session.close()
    new = store.query("SELECT id FROM detection WHERE status = 'new' LIMIT 1")[0]["id"]
    store.close()
    path = write_demo_project(store_path, tmp_path / "project.qgz", "test")
    project = QgsProject()
    assert project.read(str(path))
    yield project, decided, new
    project.removeAllMapLayers()
    project.clear()


def _layer(project, table):
    return next(layer for layer in project.mapLayers().values()
                if layer.providerType() == "ogr" and f"layername={table}" in layer.source())


def _render(project, layer, x, y, half=6.0, canvas_like=True):
    """Render around (x, y); ``canvas_like`` gives the expression context the map canvas gives (@map_scale)."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(project.crs())
    settings.setOutputSize(QSize(200, 200))
    settings.setExtent(QgsRectangle(x - half, y - half, x + half, y + half))
    settings.setBackgroundColor(QColor("white"))
    if canvas_like:
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
        settings.setExpressionContext(context)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    assert (settings.scale() < STREET_SCALE) == (half < 50)
    return job.renderedImage()


def _count(image, colour, tolerance=12):
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if _near(image.pixelColor(x, y), colour, tolerance))


def _has_colour(image, colour, tolerance=12):
    return _count(image, colour, tolerance) > 0


def test_detection_status_is_the_ring_colour_on_the_map(reviewed_project):
    project, decided, new_id = reviewed_project
    detections = _layer(project, "detection")
    assert isinstance(detections.renderer(), QgsRuleBasedRenderer)
    assert not detections.hasScaleBasedVisibility()
    for status, item in decided.items():
        detections.setSubsetString(f'"id" = {item.detection_id}')
        image = _render(project, detections, *item.position)
        counts = {name: _count(image, colour) for name, colour in STATUS.items()}
        assert max(counts, key=counts.get) == status, counts  # the ring's colour dominates
    detections.setSubsetString(f'"id" = {new_id}')
    row = next(detections.getFeatures())
    point = row.geometry().asPoint()
    assert _has_colour(_render(project, detections, point.x(), point.y()), STATUS["new"])
    detections.setSubsetString("")


def test_assets_show_their_vzkat_symbol(reviewed_project):
    project, decided, _ = reviewed_project
    assets = _layer(project, "asset")
    assert assets.featureCount() == 2  # accepted and relabeled; the rejection made none
    for feature in assets.getFeatures():
        point = feature.geometry().asPoint()
        assets.setSubsetString(f'"id" = {feature["id"]}')
        image = _render(project, assets, point.x(), point.y(), canvas_like=False)  # also without @map_scale
        assert _has_colour(image, QColor("#1a9641"))  # existing: green ring
        if feature["vzkat_code"] == "206":
            assert _has_colour(image, RED)  # the stop sign of the relabeled one
    assets.setSubsetString("")


def test_zoomed_out_the_assets_are_compact_class_markers(reviewed_project):
    project, decided, _ = reviewed_project
    assets = _layer(project, "asset")
    relabeled = next(f for f in assets.getFeatures() if f["vzkat_code"] == "206").geometry().asPoint()
    assets.setSubsetString('"vzkat_code" = \'206\'')
    image = _render(project, assets, relabeled.x(), relabeled.y(), half=400.0)
    assert _has_colour(image, QColor("#e4032e"))  # a red sign dot, no stop-sign symbol with its green ring
    assert not _has_colour(image, QColor("#1a9641"))
    assets.setSubsetString("")
