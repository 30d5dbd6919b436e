"""The review queue's inline pickers: reject reason (number keys 1–6) and class (search by VzKat number or name).

Inline rather than modal dialogs, so a reviewer's hands stay on the keyboard and the crop stays visible.
"""
from qgis.PyQt.QtCore import QEvent, QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..review import vzkat
from ..review.decisions import REJECT_REASONS, reject_reason_labels
from ..toolbelt.i18n import tr
from .review_symbols import symbol_pixmap

CLASS_RESULTS = 40
_ICONS = {}


def class_icon(asset_class, code, value) -> QIcon:
    key = (asset_class, code, value)
    if key not in _ICONS:
        _ICONS[key] = QIcon(symbol_pixmap(asset_class, code, value, 32))
    return _ICONS[key]


class ReasonPicker(QWidget):
    """Numbered reject reasons; a number key or a click picks one, Escape cancels."""

    picked = pyqtSignal(str)  # reason code
    cancelled = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("HerzlichDigitalReviewReasonPicker")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("Reject: choose the reason (1–6, Esc cancels)"))
        title.setStyleSheet("font-weight: bold")
        layout.addWidget(title)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        labels = reject_reason_labels()
        for number, code in enumerate(REJECT_REASONS, start=1):
            entry = QListWidgetItem(f"{number}  {labels[code]}")
            entry.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(entry)
        self.list.itemClicked.connect(lambda entry: self.picked.emit(entry.data(Qt.ItemDataRole.UserRole)))
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * (len(REJECT_REASONS) + 1) + 8)
        layout.addWidget(self.list)

    def handle_key(self, event) -> bool:
        """A key from the queue; True when it was used."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return True
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            index = key - Qt.Key.Key_1
            if index < len(REJECT_REASONS):
                self.picked.emit(REJECT_REASONS[index])
            return True
        return True  # nothing else may slip through to the queue while the picker is open


class ClassPicker(QWidget):
    """A search field over the VzKat catalogue: type a number ("274 50") or words of the name ("halt")."""

    picked = pyqtSignal(object)  # vzkat.VzKatEntry
    cancelled = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("HerzlichDigitalReviewClassPicker")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("Change class: type a VzKat number or name, Enter picks, Esc cancels"))
        title.setStyleSheet("font-weight: bold")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("e.g. 274 50, 206, Haltverbot"))
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self.search)
        layout.addWidget(self.edit)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setIconSize(QSize(24, 24))
        self.list.itemActivated.connect(lambda _: self.pick())
        self.list.itemDoubleClicked.connect(lambda _: self.pick())
        layout.addWidget(self.list, 1)

    def open(self, text: str = "") -> None:
        self.edit.setText(text)
        self.search(text)
        self.edit.setFocus()

    def search(self, text: str = None) -> list:
        found = vzkat.search(self.edit.text() if text is None else text, limit=CLASS_RESULTS)
        self.list.clear()
        for entry in found:
            row = QListWidgetItem(class_icon(entry.asset_class, entry.code, entry.value), entry.label)
            row.setData(Qt.ItemDataRole.UserRole, entry)
            self.list.addItem(row)
        if found:
            self.list.setCurrentRow(0)
        return found

    def current_entry(self):
        row = self.list.currentItem()
        return None if row is None else row.data(Qt.ItemDataRole.UserRole)

    def pick(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.picked.emit(entry)

    def handle_key(self, event) -> bool:
        """Keys from the queue (or the search field): arrows move, Enter picks, Escape cancels, text is typed."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.pick()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
            self.list.setCurrentRow(row)
        else:
            return False
        return True

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and self.handle_key(event):
            return True
        return super().eventFilter(watched, event)
