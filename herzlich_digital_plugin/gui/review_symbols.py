"""Sign symbols for the review GUI: the simplified StVO shapes of resources/icons/vzkat/ (also the map's).

File names: ``sign_<code>[_<value>].svg``, ``marking_<code>.svg``, ``light.svg``; codes without their own
file fall back to their family (1xx warning triangle, 2xx regulatory ring, 3xx information square) and
finally to ``sign.svg`` / ``marking.svg`` (styles/vzkat_symbols.symbol_svg_path).
"""
from functools import lru_cache
from typing import Optional

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPainter, QPixmap
from qgis.PyQt.QtSvg import QSvgRenderer

from ..styles.vzkat_symbols import symbol_svg_path


@lru_cache(maxsize=512)
def symbol_file(asset_class: Optional[str], code: Optional[str] = None, value: Optional[str] = None,
                exact: bool = False) -> Optional[str]:
    """The SVG for a class key (the map styles use the same files); ``exact``: None instead of a fallback."""
    return symbol_svg_path(asset_class, code, value, exact)


@lru_cache(maxsize=256)
def symbol_pixmap(asset_class: Optional[str], code: Optional[str] = None, value: Optional[str] = None,
                  size: int = 64) -> QPixmap:
    """The symbol drawn into a transparent square pixmap (an empty grey disc if no file exists); kept, as the
    queue shows the same few classes again and again (GUI thread only)."""
    pixmap = QPixmap(int(size), int(size))
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        path = symbol_file(asset_class, code, value)
        renderer = QSvgRenderer(path) if path else None
        if renderer is not None and renderer.isValid():
            renderer.render(painter, QRectF(0, 0, size, size))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(150, 150, 150))
            painter.drawEllipse(QRectF(size * 0.1, size * 0.1, size * 0.8, size * 0.8))
    finally:
        painter.end()
    return pixmap
