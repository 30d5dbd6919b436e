"""The VzKat sign and marking symbols under resources/icons/vzkat/: lookup by key and QGIS marker symbols."""
import base64
import re
from pathlib import Path

from qgis.core import (
    QgsMarkerSymbol,
    QgsProperty,
    QgsSimpleMarkerSymbolLayer,
    QgsSimpleMarkerSymbolLayerBase,
    QgsSvgMarkerSymbolLayer,
    QgsSymbolLayer,
)
from qgis.PyQt.QtCore import Qt

from ..toolbelt.paths import resources_folder


def symbol_folder() -> Path:
    return resources_folder() / "icons" / "vzkat"


def symbol_svg_path(asset_class: str, code=None, value=None, exact: bool = False):
    """resources/icons/vzkat/ file of a VzKat key: ``sign_<code>[_<value>]``, ``marking_<code>``, ``light``;
    else (unless ``exact``) the family (1xx warning, 2xx regulatory, 3xx information) or the generic one."""
    folder = symbol_folder()
    asset_class = asset_class or "sign"
    if asset_class == "light":
        names = ["light"]
    elif asset_class == "marking":
        names = ([f"marking_{code}"] if code else []) + ([] if exact else ["marking"])
    else:
        names = ([f"sign_{code}_{value}"] if code and value else []) + ([f"sign_{code}"] if code else [])
        if not exact:
            head = (code or "").split(".")[0]
            family = {"1": "sign_warning", "2": "sign_regulatory", "3": "sign_information"}.get(head[:1])
            names += [n for n in (family if head.isdigit() else None, "sign") if n]
    for name in names:
        path = folder / f"{name}.svg"
        if path.is_file():
            return str(path)
    return None


def svg_symbol(svg_path: str, size: float, ring_expression: str) -> QgsMarkerSymbol:
    """The sign symbol (embedded, so the project does not depend on where the plugin lives) on a ring whose
    colour tells the status."""
    ring = QgsSimpleMarkerSymbolLayer(QgsSimpleMarkerSymbolLayerBase.Shape.Circle, size * 1.28)
    ring.setStrokeStyle(Qt.PenStyle.NoPen)
    ring.setDataDefinedProperty(QgsSymbolLayer.Property.PropertyFillColor, QgsProperty.fromExpression(ring_expression))
    data = base64.b64encode(Path(svg_path).read_bytes()).decode("ascii")
    svg = QgsSvgMarkerSymbolLayer("base64:" + data, size)
    symbol = QgsMarkerSymbol()  # layers handed over one by one: the list constructor does not take ownership
    symbol.changeSymbolLayer(0, ring)
    symbol.appendSymbolLayer(svg)
    return symbol


GENERIC_SYMBOLS = {"sign", "marking", "light", "sign_warning", "sign_regulatory", "sign_information"}


def class_keys():
    """(asset_class, code, value, label) of every symbol file with a key of its own, from the file names
    (``sign_274_30.svg``) and their <title> (the VzKat number and German name)."""
    keys = []
    for path in sorted(symbol_folder().glob("*.svg")):
        if path.stem in GENERIC_SYMBOLS:
            continue
        asset_class, _, rest = path.stem.partition("_")
        code, _, value = rest.partition("_")
        title = re.search(r"<title>([^<]*)</title>", path.read_text(encoding="utf-8"))
        keys.append((asset_class, code, value or None, title.group(1) if title else path.stem))
    return keys
