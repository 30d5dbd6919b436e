"""Live counts for the inspector, computed off the GUI thread.

A ``CountsTask`` (QgsTask) opens its own store connection (connections are not thread-safe) and runs the
one grouped SQL query of ``review.filters.counts``; ``CountsRunner`` starts one task per filter change,
drops results of superseded tasks, and shows the latest in a ``CountsView``.
"""
from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QObject, QSize, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ..review.filters import STATUSES, counts
from ..store import open_store
from ..toolbelt.i18n import tr
from .review_pickers import class_icon
from .review_queue_widget import status_label


class CountsTask(QgsTask):

    def __init__(self, target: str, flt, generation: int):
        super().__init__(tr("Counting detections"), QgsTask.Flag.CanCancel)
        self.target, self.flt, self.generation = target, flt, generation
        self.result, self.error = None, None

    def run(self):
        try:
            store = open_store(self.target, create=False)
            try:
                self.result = counts(store, self.flt)
            finally:
                store.close()
        except Exception as exc:  # reported to the user by the runner; a task must not raise
            self.error = exc
        return not self.isCanceled()


class CountsRunner(QObject):
    """Runs counts in the background, newest request wins; ``countsReady(Counts)`` / ``countsFailed(str)``."""

    countsReady = pyqtSignal(object)
    countsFailed = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.generation = 0
        self._tasks = {}  # generation -> task (kept alive until it reports)
        self.stopped = False

    def request(self, target: str, flt) -> CountsTask:
        self.generation += 1
        for task in self._tasks.values():
            task.cancel()
        task = CountsTask(target, flt, self.generation)
        self._tasks[task.generation] = task
        task.taskCompleted.connect(lambda t=task: self._finished(t))
        task.taskTerminated.connect(lambda t=task: self._finished(t))
        QgsApplication.taskManager().addTask(task)
        return task

    def busy(self) -> bool:
        return bool(self._tasks)

    def _finished(self, task):
        self._tasks.pop(task.generation, None)
        if self.stopped or task.generation != self.generation:
            return
        if task.error is not None:
            self.countsFailed.emit(tr("The counts could not be computed: {error}").format(error=task.error))
        elif task.result is not None:
            self.countsReady.emit(task.result)

    def shutdown(self):
        self.stopped = True
        for task in list(self._tasks.values()):
            task.cancel()


class CountsView(QWidget):
    """Totals per status and a table per class (symbol, name, total, one column per status)."""

    classActivated = pyqtSignal(object)  # (asset_class, code, value) of a double-clicked row

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 2 + len(STATUSES))
        self.table.setHorizontalHeaderLabels([tr("Class"), tr("Total")] + [status_label(s) for s in STATUSES])
        self.table.verticalHeader().setVisible(False)
        self.table.setIconSize(QSize(20, 20))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._activated)
        layout.addWidget(self.table)
        self.counts = None

    def set_counts(self, result) -> None:
        self.counts = result
        matching = tr("Matching")  # outside the f-string, where pylupdate5 finds it
        parts = [f"<b>{matching}: {result.total}</b>"]
        parts += [f"{status_label(s)}: {result.by_status.get(s, 0)}" for s in STATUSES]
        self.summary.setText(" · ".join(parts))
        self.table.setRowCount(len(result.by_class))
        for row, entry in enumerate(result.by_class):
            label = f"{entry['vzkat_code']} {entry['name']}" if entry["vzkat_code"] else entry["name"]
            name = QTableWidgetItem(class_icon(entry["asset_class"], entry["vzkat_code"], entry["vzkat_value"]), label)
            name.setData(Qt.ItemDataRole.UserRole, (entry["asset_class"], entry["vzkat_code"], entry["vzkat_value"]))
            self.table.setItem(row, 0, name)
            values = [entry["total"]] + [entry["by_status"].get(s, 0) for s in STATUSES]
            for col, value in enumerate(values, start=1):
                cell = QTableWidgetItem()
                cell.setData(Qt.ItemDataRole.DisplayRole, int(value))
                self.table.setItem(row, col, cell)

    def set_message(self, text: str) -> None:
        self.summary.setText(text)

    def _activated(self, row, _column):
        cell = self.table.item(row, 0)
        if cell is not None:
            self.classActivated.emit(cell.data(Qt.ItemDataRole.UserRole))
