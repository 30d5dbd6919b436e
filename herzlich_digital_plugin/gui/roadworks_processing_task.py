"""Run one of our Processing algorithms in a QgsTask (report, export, import) and get the outcome back on the
GUI thread: ``on_done(ok, results, messages)``. The context and feedback live as long as the task."""
from typing import Callable, List, Optional, Set

from qgis.core import (QgsApplication, QgsProcessingAlgRunnerTask, QgsProcessingContext, QgsProcessingFeedback,
                       QgsProject)

from ..toolbelt.i18n import tr

_RUNNING: Set["AlgorithmRun"] = set()


class _Feedback(QgsProcessingFeedback):
    """Keeps the algorithm's error messages for the caller (reportError runs on the worker thread)."""

    def __init__(self):
        super().__init__()
        self.errors: List[str] = []
        self.infos: List[str] = []

    def reportError(self, error, fatalError=False):  # noqa: N802 - QGIS override
        self.errors.append(str(error))
        super().reportError(error, fatalError)

    def pushInfo(self, info):  # noqa: N802 - QGIS override
        self.infos.append(str(info))
        super().pushInfo(info)


class AlgorithmRun:
    """One background run; ``progress(percent)`` is called on the GUI thread."""

    def __init__(self, algorithm_id: str, parameters: dict, on_done: Callable,
                 progress: Optional[Callable[[float], None]] = None):
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
        if algorithm is None:
            raise LookupError(tr("The Processing algorithm {id} is not available.").format(id=algorithm_id))
        self.algorithm_id = algorithm_id
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = _Feedback()
        if progress is not None:
            self.feedback.progressChanged.connect(progress)
        self._on_done = on_done
        self.task = QgsProcessingAlgRunnerTask(algorithm, parameters, self.context, self.feedback)
        self.task.executed.connect(self._executed)
        self.results = None
        self.ok = None

    def start(self) -> "AlgorithmRun":
        _RUNNING.add(self)
        QgsApplication.taskManager().addTask(self.task)
        return self

    def _executed(self, ok: bool, results: dict) -> None:
        _RUNNING.discard(self)
        self.ok, self.results = bool(ok), dict(results or {})
        callback, self._on_done = self._on_done, None
        if callback is not None:
            callback(self.ok, self.results, self.feedback.errors + ([] if ok else self.feedback.infos[-1:]))

    def cancel(self) -> None:
        """Stop waiting for it: cancel the task and never call back."""
        self._on_done = None
        if self.task is not None and self.ok is None:
            try:
                self.task.cancel()
            except RuntimeError:  # the task manager already deleted it
                pass

    @property
    def running(self) -> bool:
        return self.ok is None and self._on_done is not None
