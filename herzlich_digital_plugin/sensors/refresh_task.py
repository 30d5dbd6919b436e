"""SensorThings requests off the GUI thread: a QgsTask that runs a blocking call and hands the outcome back.

``run()`` executes on a QGIS worker thread; ``finished()`` runs on the GUI thread, where the callback may touch
layers and widgets. The task keeps no reference to its owner beyond the callback, which ``detach()`` drops, so
an owner that goes away (plugin unload, dialog closed) is never called back.
"""
import traceback
from typing import Callable, Optional, Set

from qgis.core import QgsApplication, QgsTask

from ..core.sensorthings.latest import fetch_latest
from ..core.sensorthings.messages import FetchCancelled, StaError
from ..toolbelt.log import LOG_TAG

_ALIVE: Set["StaTask"] = set()  # every started task until finished(): PyQt must not collect a running task


class StaTask(QgsTask):
    """``work(cancelled) -> result`` on a worker thread; ``on_done(task)`` on the GUI thread.

    Afterwards ``task.result`` holds the result, ``task.error`` a ``StaError`` (or an unexpected exception),
    ``task.cancelled`` tells a cancelled run.
    """

    def __init__(self, description: str, work: Callable, on_done: Optional[Callable] = None):
        # no "tasks still running" question when QGIS quits during a refresh
        super().__init__(description, QgsTask.Flags(QgsTask.Flag.CanCancel | QgsTask.Flag.CancelWithoutPrompt))
        self._work = work
        self._on_done = on_done
        self.result = None
        self.error: Optional[BaseException] = None
        self.cancelled = False
        self.trace = ""

    def run(self) -> bool:
        try:
            self.result = self._work(self.isCanceled)
        except FetchCancelled:
            self.cancelled = True
            return False
        except StaError as error:
            self.error = error
            return False
        except Exception as error:  # a bug must reach the user as a message, not kill the worker
            self.error = error
            self.trace = traceback.format_exc()
            return False
        return not self.isCanceled()

    def finished(self, ok: bool) -> None:
        _ALIVE.discard(self)
        self.cancelled = self.cancelled or self.isCanceled()
        callback, self._on_done = self._on_done, None
        self._work = None
        if self.trace:
            from qgis.core import Qgis, QgsMessageLog
            QgsMessageLog.logMessage(self.trace, LOG_TAG, Qgis.MessageLevel.Critical)
        if callback is not None:
            callback(self)

    def detach(self) -> None:
        """Never call the owner back (it is going away); the task may still finish in the background."""
        self._on_done = None


class FetchLatestTask(StaTask):
    """One refresh of a live layer: ``fetch_latest`` with the layer's (reused) client."""

    def __init__(self, client, observed_property: str = "", stale_after_s: float = 3600.0, expected_bbox=None,
                 on_done: Optional[Callable] = None, description: str = "SensorThings"):
        def work(cancelled):
            return fetch_latest(client, observed_property, stale_after_s=stale_after_s,
                                expected_bbox=expected_bbox, cancelled=cancelled)
        super().__init__(description, work, on_done)


class TaskTracker:
    """The tasks an owner started through the QGIS task manager; ``cancel_all`` cancels and detaches them
    (a detached task may run on until its request ends, but never calls the owner back)."""

    def __init__(self):
        self.running: Set[StaTask] = set()

    def start(self, task: StaTask) -> StaTask:
        callback = task._on_done

        def done(finished_task):
            self.running.discard(finished_task)
            if callback is not None:
                callback(finished_task)
        task._on_done = done
        self.running.add(task)
        _ALIVE.add(task)
        QgsApplication.taskManager().addTask(task)
        return task

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def cancel_all(self) -> None:
        for task in list(self.running):
            task.detach()
            try:
                task.cancel()
            except RuntimeError:  # already deleted by the task manager
                pass
        self.running.clear()
