"""Somebody saved the roadworks while it was being edited: both versions side by side, and what to do."""
from typing import Iterable

from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                                 QTableWidget, QTableWidgetItem, QVBoxLayout)

from ..roadworks.model import FIELDS, Roadworks, field_labels
from ..roadworks.repository import to_json
from ..toolbelt.i18n import tr
from .roadworks_values import show_value

FORM_FIELDS = tuple(f for f in FIELDS if f not in ("external_id",))


class RoadworksConflictDialog(QDialog):
    """``done()`` with KEEP_EDITING, LOAD_THEIRS or SAVE_MINE (``choice`` afterwards)."""

    OBJECT_NAME = "mHerzlichDigitalRoadworksConflict"
    KEEP_EDITING, LOAD_THEIRS, SAVE_MINE = 0, 1, 2

    def __init__(self, mine: Roadworks, theirs: Roadworks, edited_version: int, my_fields: Iterable[str],
                 message: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(tr("Roadworks changed in the meantime"))
        self.mine, self.theirs = mine, theirs
        self.my_fields = set(my_fields)
        self.choice = self.KEEP_EDITING
        layout = QVBoxLayout(self)
        self.message = QLabel(message or tr(
            "Someone else saved this roadworks after you opened it: you edited version {mine}, the store now "
            "holds version {theirs}.").format(mine=edited_version, theirs=theirs.version))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([
            tr("Field"), tr("Yours (from version {version})").format(version=edited_version),
            tr("In the store now (version {version})").format(version=theirs.version)])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        self._fill()
        note = QLabel(tr("Fields you changed are shown in bold. \"Save mine\" writes your changes onto the stored "
                         "version and keeps the other person's changes to the remaining fields."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        self.keep_button = QPushButton(tr("Keep editing"))
        self.load_button = QPushButton(tr("Load the stored version"))
        self.save_button = QPushButton(tr("Save mine over it"))
        for button, code in ((self.keep_button, self.KEEP_EDITING), (self.load_button, self.LOAD_THEIRS),
                             (self.save_button, self.SAVE_MINE)):
            button.clicked.connect(lambda _=False, c=code: self._choose(c))
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.resize(760, 420)

    def rows(self):
        """(field, yours, theirs, you changed it) for every field that differs or that you changed."""
        out = []
        for name in FORM_FIELDS:
            mine, theirs = getattr(self.mine, name), getattr(self.theirs, name)
            if name in self.my_fields or to_json(name, mine) != to_json(name, theirs):
                out.append((name, show_value(name, mine), show_value(name, theirs), name in self.my_fields))
        return out

    def _fill(self):
        labels = field_labels()
        rows = self.rows()
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, (name, mine, theirs, changed) in enumerate(rows):
            for c, text in enumerate((labels.get(name, name), mine, theirs)):
                item = QTableWidgetItem(text)
                if changed:
                    item.setFont(bold)
                self.table.setItem(r, c, item)

    def _choose(self, code: int):
        self.choice = code
        self.done(code)
