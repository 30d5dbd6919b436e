"""``tr`` for the review modules: translated inside QGIS, plain English where QGIS is missing."""
try:
    from ..toolbelt.i18n import tr
except ImportError:  # pragma: no cover - only without QGIS (e.g. a bare reviewer process)
    def tr(text: str) -> str:
        return text

__all__ = ["tr"]
