"""Attribute types for QgsField that work on every QGIS we support.

QgsField takes QMetaType.Type since QGIS 3.38, and on Qt6 (QGIS 4) QVariant has no type enum at all, so
``QVariant.Type.String`` fails at import time there; QGIS 3.22 .. 3.36 only take QVariant.Type. ``field_type("String")``
picks the form the running QGIS accepts.
"""
from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType

# Our names (those of QVariant.Type) -> the QMetaType.Type member
_META_TYPES = {"String": "QString", "Int": "Int", "LongLong": "LongLong", "Double": "Double", "Bool": "Bool",
               "Date": "QDate", "Time": "QTime", "DateTime": "QDateTime", "ByteArray": "QByteArray"}
QMETATYPE_FIELDS = Qgis.QGIS_VERSION_INT >= 33800


def field_type(name: str):
    """The QgsField type for ``name`` (String, Int, LongLong, Double, Bool, Date, Time, DateTime, ByteArray)."""
    if name not in _META_TYPES:
        raise ValueError(f"unknown field type {name!r}; accepted: {', '.join(_META_TYPES)}")
    if QMETATYPE_FIELDS:
        return getattr(QMetaType.Type, _META_TYPES[name])
    from qgis.PyQt.QtCore import QVariant  # Qt5 only; QGIS before 3.38 never runs on Qt6
    return getattr(QVariant, name)
