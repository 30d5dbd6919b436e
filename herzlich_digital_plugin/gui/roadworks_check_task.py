"""The roadworks check off the GUI thread: a QgsTask that opens its own store connection and its own road
layer, builds (or reuses) the road network and runs ``check_roadworks``. ``finished()`` hands the outcome back
on the GUI thread; ``detach()`` drops the callback when the owner goes away (dock closed, plugin unloaded).
"""
import traceback
from dataclasses import dataclass
from typing import Callable, Optional, Set

from qgis.core import Qgis, QgsFeedback, QgsMessageLog, QgsTask

from ..roadworks.detour_fields import RoadFields
from ..toolbelt.i18n import tr
from ..toolbelt.log import LOG_TAG
from ..roadworks.analysis_common import SiteNotFound
from ..roadworks import analysis_impact  # a module reference: tests spy on check_roadworks to see the thread
from ..roadworks.detour_errors import DetourError
from ..roadworks.detour_graph import build_network, route_street_names
from ..store import StoreError, open_store

_ALIVE: Set["RoadworksCheckTask"] = set()  # PyQt must not collect a running task


@dataclass
class CheckOptions:
    buffer_m: float = 15.0
    sensor_distance_m: float = 300.0
    duration_h: int = 8
    criterion: str = "distance"


@dataclass(frozen=True)
class RoadSource:
    """Where the worker opens its own road layer: QGIS layers are never shared across threads."""
    provider: str
    source: str
    subset: str = ""
    name: str = "roads"

    @classmethod
    def of(cls, layer) -> "RoadSource":
        return cls(layer.providerType(), layer.source(), layer.subsetString(), layer.name())

    def open(self):
        from qgis.core import QgsVectorLayer
        layer = QgsVectorLayer(self.source, self.name, self.provider)
        if self.subset:
            layer.setSubsetString(self.subset)
        return layer


class RoadworksCheckTask(QgsTask):
    """``result`` (ImpactReport), ``chart`` (PNG bytes or None), ``network`` (built or reused) or ``error``.

    ``roads``: a RoadSource (the worker opens, uses and closes its own layer) or a memory layer copy made on
    the GUI thread (memory layers cannot be reopened from their source); None: no detour. ``network``: the
    RoadNetwork of an earlier check of the same roads, reused instead of built again.
    """

    def __init__(self, store_uri: str, roadworks_id: int, roads=None, fields: RoadFields = RoadFields(),
                 options: CheckOptions = CheckOptions(), snapshot=None, on_done: Optional[Callable] = None,
                 network=None):
        super().__init__(tr("Checking roadworks {id}").format(id=roadworks_id),
                         QgsTask.Flags(QgsTask.Flag.CanCancel | QgsTask.Flag.CancelWithoutPrompt))
        self.store_uri = store_uri
        self.roadworks_id = int(roadworks_id)
        self.roads = roads
        self.fields = fields
        self.options = options
        self.snapshot = snapshot
        self.network = network
        self._on_done = on_done
        self.result = None
        self.chart = None
        self.error: Optional[BaseException] = None
        self.trace = ""

    def start(self) -> "RoadworksCheckTask":
        from qgis.core import QgsApplication
        _ALIVE.add(self)
        QgsApplication.taskManager().addTask(self)
        return self

    def run(self) -> bool:
        layer = None
        try:
            if self.roads is not None:
                layer = self.roads.open() if isinstance(self.roads, RoadSource) else self.roads
            return self._check(layer)
        except Exception as error:  # every failure reaches the user as a message, none kills the worker
            if not _expected(error):
                self.trace = traceback.format_exc()
            self.error = error.with_traceback(None)  # its frames would keep this thread's layer alive
            return False
        finally:
            del layer  # a layer opened here is closed here, on this thread

    def _check(self, layer) -> bool:
        if layer is not None and self.network is None:
            self.setProgress(5)
            self.network = build_network(layer, self.fields, feedback=self._feedback(5, 40))
        if self.isCanceled():
            return False
        self.setProgress(45)
        store = open_store(self.store_uri, create=False)
        try:
            o = self.options
            report = analysis_impact.check_roadworks(store, self.roadworks_id, o.buffer_m, o.duration_h, o.sensor_distance_m,
                                     self.snapshot, None, self.network, o.criterion)
        finally:
            store.close()
        if self.isCanceled():
            return False
        self.setProgress(85)
        if report.detour is not None and layer is not None:
            for one in report.detour.directions:
                if one.route is not None:
                    one.streets = route_street_names(layer, self.fields, list(one.route.coords))
        self.chart = report.chart_png()
        self.result = report
        self.setProgress(100)
        return True

    def _feedback(self, low: float, high: float) -> QgsFeedback:
        """The network build's feedback: its 0–100 % on a part of the task's bar, cancelled with the task."""
        feedback = QgsFeedback()
        feedback.progressChanged.connect(lambda percent: self.setProgress(low + (high - low) * percent / 100.0))
        if self.isCanceled():
            feedback.cancel()
        return feedback

    def finished(self, ok: bool) -> None:
        _ALIVE.discard(self)
        self.roads = None  # a memory copy belongs to the owner: never kept alive by a finished task
        self.snapshot = None
        callback, self._on_done = self._on_done, None
        if self.trace:
            QgsMessageLog.logMessage(self.trace, LOG_TAG, Qgis.MessageLevel.Critical)
        if callback is not None:
            callback(self)

    def detach(self) -> None:
        self._on_done = None


def _expected(error: BaseException) -> bool:
    """Errors with a message for the user (no traceback in the log)."""
    return isinstance(error, (DetourError, SiteNotFound, StoreError))
