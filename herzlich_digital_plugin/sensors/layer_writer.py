"""Writes the differences between wanted rows and a live sensor layer, and nothing else.

Each datastream is matched by its key; only changed attribute values and geometries are written, new
datastreams are added and vanished ones removed. The writes are ordinary layer edits (short edit sessions), so
the layer's own signals, open attribute tables and the map follow them. A large write (the first load of
thousands of datastreams, or all values changed) is cut into chunks, one per turn of the event loop, so the
GUI never stalls for long.
"""
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Set, Tuple

from qgis.core import NULL, Qgis, QgsFeature, QgsGeometry, QgsMessageLog, QgsPointXY
from qgis.PyQt.QtCore import QDateTime, QObject, QTimer

from ..core.sensorthings.snapshot import RowKey
from ..toolbelt.log import LOG_TAG
from .layer_fields import FIELD_NAMES, key_text, parse_key_text

CHUNK = 250  # feature writes per turn of the event loop (about 5 ms each on a slow machine)
TIME_INDEX = FIELD_NAMES.index("time")
Position = Optional[Tuple[float, float]]
Entry = Tuple[tuple, Position]  # (values in FIELD_NAMES order, time as epoch ms; EPSG:25832 position)


@dataclass
class WriteResult:
    added: List[RowKey] = field(default_factory=list)
    removed: List[RowKey] = field(default_factory=list)
    changed: Set[RowKey] = field(default_factory=set)
    events: list = field(default_factory=list)  # alert events, filled in by the caller

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


class LayerWriter(QObject):
    def __init__(self, layer, parent=None):
        super().__init__(parent)
        self.layer = layer
        self.fids: Dict[RowKey, int] = {}
        self.written: Dict[RowKey, Entry] = {}
        self._chunks: List[list] = []
        self._pending: Optional[Tuple[WriteResult, Callable]] = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next_chunk)
        self._index_features()

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def stop(self) -> None:
        self._timer.stop()
        self._chunks.clear()
        self._pending = None

    def _index_features(self) -> None:
        """Match the features already in the layer (a layer attached again) by their key."""
        index = self.layer.fields().indexOf("key")
        if index < 0:
            return
        for feature in self.layer.getFeatures():
            key = parse_key_text(feature[index])
            if key is not None:
                self.fids[key] = feature.id()

    def key_of(self, fid: int) -> Optional[RowKey]:
        for key, feature_id in self.fids.items():
            if feature_id == fid:
                return key
        return None

    # ------------------------------------------------------------------ planning
    def write(self, entries: Dict[RowKey, Entry], complete: bool, done: Callable[[WriteResult], None],
              chunked: bool = True) -> WriteResult:
        """Write ``entries``; ``complete``: they are all datastreams (others vanished). ``done(result)`` runs
        once everything is written (at once for small writes). Must not be called while ``busy``."""
        assert not self.busy
        result, operations = WriteResult(), []
        if complete:
            for key in [k for k in self.fids if k not in entries]:
                operations.append(("remove", key))
                result.removed.append(key)
                self.written.pop(key, None)
        for key, (values, position) in entries.items():
            fid = self.fids.get(key)
            old = self.written.get(key)
            if fid is None:
                operations.append(("add", key, values, position))
                result.added.append(key)
            elif old != (values, position):
                changed = {i: v for i, v in enumerate(values) if old is None or old[0][i] != v}
                geometry = old is None or old[1] != position
                if changed or geometry:
                    operations.append(("change", key, fid, changed, position if geometry else False))
                    result.changed.add(key)
            self.written[key] = (values, position)
        if not operations:
            done(result)
            return result
        step = CHUNK if chunked else len(operations)
        self._chunks = [operations[i:i + step] for i in range(0, len(operations), step)]
        self._pending = (result, done)
        self._next_chunk()
        return result

    def _next_chunk(self) -> None:
        if self._pending is None:
            return
        if self._chunks:
            self._apply(self._chunks.pop(0))
        if self._chunks:
            self._timer.start()
            return
        result, done = self._pending
        self._pending = None
        done(result)

    # ------------------------------------------------------------------ writing
    def _feature(self, indices, size, values, position) -> QgsFeature:
        feature = QgsFeature(self.layer.fields())
        attributes = [NULL] * size
        for i, value in enumerate(values):
            attributes[indices[i]] = _qgis_value(i, value)
        feature.setAttributes(attributes)
        if position is not None:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*position)))
        return feature

    def _apply(self, operations) -> bool:
        """One edit session; False (nothing written) while the user edits the layer: caught up later."""
        layer = self.layer
        if layer.isEditable():
            self.written.clear()  # rewrite every value once the user's session ends
            return False
        fields = layer.fields()
        indices = [fields.indexOf(name) for name in FIELD_NAMES]
        added: Dict[str, int] = {}

        def collect(_layer_id, features):
            for feature in features:
                added[feature["key"]] = feature.id()
        layer.setReadOnly(False)
        layer.committedFeaturesAdded.connect(collect)
        committed = False
        try:
            layer.startEditing()
            removes, adds = [], []
            for operation in operations:
                if operation[0] == "remove":
                    removes.append(self.fids[operation[1]])
                elif operation[0] == "add":
                    adds.append(self._feature(indices, fields.count(), operation[2], operation[3]))
                else:
                    _, _, fid, changed, position = operation
                    if changed:
                        layer.changeAttributeValues(fid, {indices[i]: _qgis_value(i, v) for i, v in changed.items()})
                    if position is not False:
                        layer.changeGeometry(fid, QgsGeometry.fromPointXY(QgsPointXY(*position))
                                             if position is not None else QgsGeometry())
            if removes:
                layer.deleteFeatures(removes)
            if adds:
                layer.addFeatures(adds)
            committed = layer.commitChanges()
            if not committed:
                QgsMessageLog.logMessage("; ".join(layer.commitErrors()), LOG_TAG, Qgis.MessageLevel.Critical)
                layer.rollBack()
                self.written.clear()
        finally:
            layer.committedFeaturesAdded.disconnect(collect)
            layer.setReadOnly(True)
        if not committed:
            return False
        for operation in operations:
            if operation[0] == "remove":
                self.fids.pop(operation[1], None)
            elif operation[0] == "add":
                fid = added.get(key_text(operation[1]))
                if fid is not None:
                    self.fids[operation[1]] = fid
        return True


def _qgis_value(index: int, value):
    if value is None:
        return NULL
    if index == TIME_INDEX:
        return QDateTime.fromMSecsSinceEpoch(value)
    return value
