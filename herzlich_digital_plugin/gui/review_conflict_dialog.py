"""An optimistic-lock conflict shown to the user: what I wanted (mine) next to what is stored now (theirs)."""
from datetime import datetime

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                                 QVBoxLayout)

from ..toolbelt.i18n import tr

KEEP_THEIRS, USE_MINE, CANCEL = "keep_theirs", "use_mine", "cancel"
_HIDDEN = {"geom_wkb", "created_at"}
_DIFFERENT = QColor(255, 236, 179)


def value_text(value) -> str:
    """A stored value as short text (points as coordinates, times without microseconds)."""
    if value is None:
        return "–"
    if hasattr(value, "geom_type"):
        if value.geom_type == "Point":
            return f"E {value.x:.2f} N {value.y:.2f}"
        return value.geom_type
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return f"E {value[0]:.2f} N {value[1]:.2f}"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    return str(value)


def field_labels():
    """Column names as the user reads them (no raw field names in the German UI)."""
    return {"version": tr("Version"), "condition": tr("Condition"), "note": tr("Note"), "geom": tr("Position"),
            "position_source": tr("Position source"), "position_accuracy": tr("Position accuracy (m)"),
            "asset_class": tr("Object class"), "vzkat_code": tr("VzKat code"), "vzkat_value": tr("VzKat value"),
            "lifecycle_status": tr("Lifecycle"), "direction": tr("Facing (°)"), "height": tr("Height (m)"),
            "size": tr("Size (m)"), "updated_at": tr("Changed at"), "id": tr("Asset"), "status": tr("Status"),
            "asset_id": tr("Asset"), "undo": tr("Undo of event")}


def value_labels():
    """Stored codes shown in words."""
    from ..review.annotations import condition_labels
    out = {"ground_plane": tr("one view (ground plane)"), "triangulated": tr("triangulated"),
           "manual": tr("placed by hand"), "ground_truth": tr("surveyed"), "existing": tr("existing"),
           "withdrawn": tr("withdrawn"), "planned": tr("planned"), "removed": tr("removed"), "sign": tr("sign"),
           "marking": tr("marking"), "light": tr("traffic light"), "new": tr("new"), "accepted": tr("accepted"),
           "rejected": tr("rejected"), "relabeled": tr("class changed")}
    out.update(condition_labels())
    return out


def conflict_rows(conflict):
    """(field, mine, theirs, differs) for every field either side has; mine shows '·' where it changes nothing."""
    mine = dict(conflict.mine or {})
    theirs = dict(conflict.theirs or {})
    if conflict.base_version is not None:
        mine.setdefault("version", conflict.base_version)
    fields = [f for f in mine if f not in _HIDDEN] + [f for f in theirs if f not in mine and f not in _HIDDEN]
    rows = []
    labels, words = field_labels(), value_labels()

    def text(value):
        return words.get(value, value_text(value)) if isinstance(value, str) else value_text(value)
    for name in fields:
        in_mine = name in mine
        a = text(mine[name]) if in_mine else "·"
        b = text(theirs.get(name))
        rows.append((labels.get(name, name), a, b, in_mine and a != b))
    return rows


def author_text(conflict) -> str:
    """"Stored by bernd on 04.12.2026 23:10:05" - who made the version that won, and when."""
    who, when = getattr(conflict, "changed_by", None), getattr(conflict, "changed_at", None)
    if not who:
        return ""
    try:
        stamp = when.astimezone().strftime("%d.%m.%Y %H:%M:%S") if when is not None else "?"
    except (AttributeError, ValueError):
        stamp = str(when)
    return tr("The stored version was saved by {who} on {when}.").format(who=who, when=stamp)


class ConflictDialog(QDialog):
    """Both versions side by side; ``choice`` is KEEP_THEIRS, USE_MINE or CANCEL after exec()."""

    def __init__(self, conflict, parent=None, can_use_mine: bool = True, title: str = None):
        super().__init__(parent)
        self.setObjectName("HerzlichDigitalReviewConflictDialog")
        self.setWindowTitle(title or tr("Someone else was faster"))
        self.conflict = conflict
        self.choice = CANCEL
        layout = QVBoxLayout(self)
        message = QLabel(" ".join(p for p in (str(conflict), author_text(conflict)) if p))
        message.setWordWrap(True)
        self.message = message
        layout.addWidget(message)
        rows = conflict_rows(conflict)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([tr("Field"), tr("Mine (not saved)"), tr("Theirs (stored now)")])
        self.table.verticalHeader().setVisible(False)
        for r, (name, mine, theirs, differs) in enumerate(rows):
            for c, text in enumerate((name, mine, theirs)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if differs:
                    cell.setBackground(QBrush(_DIFFERENT))
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton(tr("Keep theirs"))
        self.keep_button.setToolTip(tr("Drop my change; the stored version stays as it is"))
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_THEIRS))
        self.mine_button = QPushButton(tr("Use mine"))
        self.mine_button.setToolTip(tr("Apply my change on top of the stored version"))
        self.mine_button.setVisible(can_use_mine)
        buttons.addButton(self.mine_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.mine_button.clicked.connect(lambda: self._choose(USE_MINE))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.clicked.connect(lambda: self._choose(CANCEL))
        layout.addWidget(buttons)
        self.resize(560, 320)

    def _choose(self, choice):
        self.choice = choice
        self.done(0 if choice == CANCEL else 1)


def ask_conflict(conflict, parent=None, can_use_mine: bool = True) -> str:
    """Show the dialog modally and return the choice."""
    dialog = ConflictDialog(conflict, parent, can_use_mine)
    dialog.exec()
    choice = dialog.choice
    dialog.deleteLater()
    return choice
