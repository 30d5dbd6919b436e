"""The roadworks form: every field of the record, each problem shown next to its field, history on its own tab.

Nothing is written until every check passes (``model.validate`` and the lifecycle); then one repository call
writes the row and its history in one transaction. A save that collides with somebody else's opens the
conflict dialog with both versions.
"""
from datetime import datetime, timezone
from typing import Dict, List, Optional

from qgis.gui import QgsDateTimeEdit
from qgis.PyQt.QtCore import QDateTime, Qt, QTime, pyqtSignal
from qgis.PyQt.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                                 QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QSpinBox,
                                 QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from ..roadworks.model import (DATETIME_FIELDS, DIRECTIONS, FIELDS, LANES_CLOSED_RANGE, NEXT_STATUSES,
                               RESTRICTIONS, SPEED_LIMIT_RANGE, STATUSES, Problem, Roadworks, ValidationError,
                               direction_labels, field_labels, restriction_labels, status_labels,
                               transition_problem, validate)
from ..roadworks.repository import RoadworksConflictError, create, default_actor, history, normalised, to_json, update
from ..store import StoreError
from ..toolbelt.i18n import tr
from .roadworks_conflict_dialog import RoadworksConflictDialog
from .roadworks_values import (DATETIME_FORMAT, from_qdatetime, show_datetime, show_geometry, show_value,
                               to_qdatetime)
from ..roadworks.analysis_impact import site_road_name
from ..toolbelt.settings import SettingsManager

LINE_FIELDS = ("title", "road_name", "responsible_body", "contractor", "contact", "order_number")
LONG_TEXT_FIELDS = ("description", "notes")
EDITABLE = ("title", "description", "geometry", "road_name", "planned_start", "planned_end", "actual_start",
            "actual_end", "status", "restriction", "direction", "lanes_closed", "speed_limit", "responsible_body",
            "contractor", "contact", "order_number", "notes")
NEW_STATUSES = ("planned", "approved", "active")  # a new record may document works already approved or running
_ERROR_STYLE = "color: #c0392b;"
LABEL_WIDTH = 170


def actor_name() -> str:
    """Who the history names: the name set in the settings, else the operating-system user."""
    return (SettingsManager().get("reviewer_name") or "").strip() or default_actor()


def allowed_statuses(current: Optional[str], new: bool) -> List[str]:
    """The statuses the form offers: the current one and where the lifecycle may go from it."""
    if new:
        return list(NEW_STATUSES)
    return [current] + [s for s in NEXT_STATUSES.get(current, ()) if s != current]


class RoadworksForm(QDialog):
    OBJECT_NAME = "mHerzlichDigitalRoadworksForm"
    saved = pyqtSignal(object)  # the Roadworks as stored

    def __init__(self, store, works: Roadworks, actor: Optional[str] = None, parent=None):
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self.store = store
        self.actor = actor or actor_name()
        self.stored: Optional[Roadworks] = None
        self.conflict_dialog: Optional[RoadworksConflictDialog] = None
        self._expected_version = None
        self.inputs: Dict[str, QWidget] = {}
        self.errors: Dict[str, QLabel] = {}
        self._build()
        self.load(works)

    # ------------------------------------------------------------------ layout
    def _build(self):
        labels = field_labels()
        layout = QVBoxLayout(self)
        self.general_error = QLabel()
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(_ERROR_STYLE)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)

        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in EDITABLE:
            widget = self._make_input(name)
            self.inputs[name] = widget
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setWordWrap(True)
            error.setStyleSheet(_ERROR_STYLE)
            error.hide()
            self.errors[name] = error
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(error)
            label = QLabel(labels[name] + ("*" if name in ("title", "geometry", "planned_start") else ""))
            label.setWordWrap(True)  # long labels (the traffic order) must not squeeze the inputs
            label.setFixedWidth(LABEL_WIDTH)
            form.addRow(label, cell)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, tr("Fields"))

        self.history_table = QTableWidget(0, 6)
        self.history_table.setObjectName("history")
        self.history_table.setHorizontalHeaderLabels([tr("When"), tr("Who"), tr("Action"), tr("Field"),
                                                      tr("Before"), tr("After")])
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.history_table.verticalHeader().setVisible(False)
        self.tabs.addTab(self.history_table, tr("History"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(620, 760)

    def _make_input(self, name: str) -> QWidget:
        if name in LINE_FIELDS:
            widget = QLineEdit()
        elif name in LONG_TEXT_FIELDS:
            widget = QPlainTextEdit()
            widget.setMaximumHeight(70)
            widget.setTabChangesFocus(True)
        elif name in DATETIME_FIELDS:
            widget = QgsDateTimeEdit()
            widget.setAllowNull(True)
            widget.setNullRepresentation(tr("not set"))
            widget.setDisplayFormat(DATETIME_FORMAT)
            widget.setCalendarPopup(True)
        elif name == "geometry":
            widget = QLabel()
        elif name == "status":
            widget = QComboBox()
        elif name == "restriction":
            widget = QComboBox()
            for value in reversed(RESTRICTIONS):  # the most restrictive first
                widget.addItem(restriction_labels()[value], value)
        elif name == "direction":
            widget = QComboBox()
            for value in DIRECTIONS:
                widget.addItem(direction_labels()[value], value)
        elif name == "lanes_closed":
            widget = QSpinBox()
            widget.setRange(LANES_CLOSED_RANGE[0] - 1, LANES_CLOSED_RANGE[1])
            widget.setSpecialValueText(tr("not given"))  # the minimum stands for "not given"
        elif name == "speed_limit":
            widget = QSpinBox()
            widget.setRange(0, SPEED_LIMIT_RANGE[1])
            widget.setSingleStep(5)
            widget.setSuffix(" km/h")
            widget.setSpecialValueText(tr("none"))
        else:  # pragma: no cover - every editable field is handled above
            raise KeyError(name)
        widget.setObjectName(name)
        return widget

    # ------------------------------------------------------------------ values
    @property
    def is_new(self) -> bool:
        return self._loaded.id is None

    def load(self, works: Roadworks) -> None:
        """Show ``works`` (a stored one, or a new one with its drawn geometry)."""
        self._loaded = works
        self._expected_version = works.version
        self.setWindowTitle(tr("New roadworks") if works.id is None else
                            tr("Roadworks {id}: {title} (version {version})").format(
                                id=works.id, title=works.title, version=works.version))
        status = self.inputs["status"]
        status.clear()
        for value in allowed_statuses(works.status, works.id is None):
            status.addItem(status_labels()[value], value)
        for name in EDITABLE:
            self._set(name, getattr(works, name))
        self.show_problems([])
        self._fill_history()

    def _set(self, name: str, value) -> None:
        widget = self.inputs[name]
        if name in LINE_FIELDS:
            widget.setText(value or "")
        elif name in LONG_TEXT_FIELDS:
            widget.setPlainText(value or "")
        elif name in DATETIME_FIELDS:
            if value is None:
                widget.clear()
            else:
                widget.setDateTime(to_qdatetime(value))
        elif name == "geometry":
            widget.setText(show_geometry(value))
        elif name in ("status", "restriction", "direction"):
            index = widget.findData(value)
            widget.setCurrentIndex(max(0, index))
        elif name == "lanes_closed":
            widget.setValue(widget.minimum() if value is None else int(value))
        elif name == "speed_limit":
            widget.setValue(0 if value is None else int(value))

    def _get(self, name: str):
        widget = self.inputs[name]
        if name in LINE_FIELDS:
            return widget.text()
        if name in LONG_TEXT_FIELDS:
            return widget.toPlainText()
        if name in DATETIME_FIELDS:
            return None if widget.isNull() else from_qdatetime(widget.dateTime())
        if name == "geometry":
            return self._loaded.geometry
        if name in ("status", "restriction", "direction"):
            return widget.currentData()
        if name == "lanes_closed":
            return None if widget.value() == widget.minimum() else widget.value()
        if name == "speed_limit":
            return None if widget.value() == 0 else widget.value()
        raise KeyError(name)

    def set_value(self, name: str, value) -> None:
        """Set one field as the user would (tests, the map tool handing over a new geometry)."""
        if name == "geometry":
            self._loaded = self._loaded.replace(geometry=value)
        self._set(name, value)

    def proposed(self) -> Roadworks:
        """The record as the form would save it (normalised as the store keeps it)."""
        values = {name: self._get(name) for name in EDITABLE}
        works = normalised(self._loaded.replace(**values))
        if not self.is_new and works.status != self._loaded.status:
            works = works.replace(**_lifecycle_times(works))
        return works

    def changes(self) -> dict:
        """The fields that differ from the loaded record."""
        proposed, loaded = self.proposed(), normalised(self._loaded)
        return {name: getattr(proposed, name) for name in EDITABLE
                if to_json(name, getattr(proposed, name)) != to_json(name, getattr(loaded, name))}

    # ------------------------------------------------------------------ checks
    def check(self) -> List[Problem]:
        """Every problem of the current input, without touching the store."""
        proposed = self.proposed()
        problems: List[Problem] = []
        try:
            validate(proposed)
        except ValidationError as error:
            problems.extend(error.problems)
        if not self.is_new:
            problem = transition_problem(self._loaded.status, proposed.status)
            if problem is not None:
                problems.append(problem)
        elif proposed.status not in NEW_STATUSES and proposed.status in STATUSES:
            problems.append(Problem("status", tr("A new roadworks cannot start as '{status}'.").format(
                status=status_labels()[proposed.status])))
        return problems

    def show_problems(self, problems: List[Problem]) -> None:
        by_field: Dict[str, List[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field if problem.field in self.errors else "", []).append(problem.message)
        for name, label in self.errors.items():
            messages = by_field.get(name)
            label.setText("\n".join(messages or ()))
            label.setVisible(bool(messages))
        general = by_field.get("")
        self.general_error.setText("\n".join(general or ()))
        self.general_error.setVisible(bool(general))
        if problems:
            self.tabs.setCurrentIndex(0)
            first = next((p.field for p in problems if p.field in self.inputs), None)
            if first is not None:
                self.inputs[first].setFocus()

    def problem_texts(self) -> Dict[str, str]:
        """{field: message shown next to it} ("" for the general message)."""
        out = {name: label.text() for name, label in self.errors.items() if label.text()}
        if self.general_error.text():
            out[""] = self.general_error.text()
        return out

    # ------------------------------------------------------------------ saving
    def save(self) -> Optional[Roadworks]:
        """Check, then write through the repository; returns the stored record (None: nothing was written)."""
        problems = self.check()
        if problems:
            self.show_problems(problems)
            return None
        changes = {}
        try:
            if self.is_new:
                stored = create(self.store, self.proposed(), self.actor)
            else:
                changes = self.changes()
                if not changes:
                    self.stored = self._loaded
                    self.accept()
                    return self._loaded
                action = "transition" if "status" in changes else "update"
                stored = update(self.store, self._loaded.id, changes, self._expected_version, self.actor,
                                action=action)
        except ValidationError as error:
            self.show_problems(error.problems)
            return None
        except RoadworksConflictError as error:
            self._open_conflict(error, changes)
            return None
        except StoreError as error:
            self.show_problems([Problem("", tr("The store could not be written, nothing was saved: {error}").format(
                error=error))])
            return None
        self.stored = stored
        self.show_problems([])
        self.saved.emit(stored)
        self.accept()
        return stored

    def _open_conflict(self, error: RoadworksConflictError, changes: dict) -> None:
        theirs = Roadworks.from_row(error.current_row)
        self.conflict_dialog = RoadworksConflictDialog(self.proposed(), theirs, error.expected_version,
                                                       changes.keys(), str(error), parent=self)
        self.conflict_dialog.finished.connect(lambda code, t=theirs: self._conflict_decided(code, t))
        self.conflict_dialog.open()

    def _conflict_decided(self, code: int, theirs: Roadworks) -> None:
        if code == RoadworksConflictDialog.SAVE_MINE:
            self._expected_version = theirs.version  # my changed fields go onto their version
            self.save()
        elif code == RoadworksConflictDialog.LOAD_THEIRS:
            self.load(theirs)

    # ------------------------------------------------------------------ history
    def _fill_history(self) -> None:
        table = self.history_table
        table.setRowCount(0)
        if self._loaded.id is None:
            return
        try:
            entries = history(self.store, self._loaded.id)
        except StoreError as error:
            self.show_problems([Problem("", tr("The history could not be read: {error}").format(error=error))])
            return
        labels = field_labels()
        actions = {"create": tr("created"), "update": tr("changed"), "transition": tr("status changed"),
                   "import": tr("imported")}
        for entry in reversed(entries):  # newest first
            names = [n for n in FIELDS if n in entry.old or n in entry.new]
            for name in names or [""]:
                row = table.rowCount()
                table.insertRow(row)
                cells = (show_datetime(entry.changed_at), entry.actor,
                         f"{actions.get(entry.action, entry.action)} (v{entry.version})",
                         labels.get(name, name), show_value(name, entry.old.get(name)),
                         show_value(name, entry.new.get(name)))
                for column, text in enumerate(cells):
                    table.setItem(row, column, QTableWidgetItem(text))

    def history_rows(self) -> List[List[str]]:
        return [[self.history_table.item(r, c).text() for c in range(self.history_table.columnCount())]
                for r in range(self.history_table.rowCount())]


def new_roadworks(store, geometry) -> Roadworks:
    """A new record for a drawn geometry: the road it lies on, planned from tomorrow 07:00 (local time)."""
    works = Roadworks(title="", geometry=geometry)
    try:
        works.road_name = site_road_name(store, works) or None if geometry is not None else None
    except StoreError:  # only a suggestion
        works.road_name = None
    tomorrow = QDateTime.currentDateTime().addDays(1)
    tomorrow.setTime(QTime(7, 0))
    works.planned_start = from_qdatetime(tomorrow)
    return works


def _lifecycle_times(works: Roadworks) -> dict:
    """What ``repository.transition`` fills in when the status changes: the actual start and end."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    changes = {}
    if works.status == "active" and works.actual_start is None:
        changes["actual_start"] = now
    if works.status == "completed":
        if works.actual_end is None:
            changes["actual_end"] = now
        if works.actual_start is None:
            changes["actual_start"] = works.planned_start
    return changes

