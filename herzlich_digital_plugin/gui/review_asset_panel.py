"""Annotations and history of an asset (or of a detection without one).

Notes, condition (good, damaged, faded, covered, missing), photos from disk and the current panorama
snapshot are saved as one annotation with the asset version the user saw: if someone changed the asset
meanwhile, both versions are shown and the user decides. The history lists every event (who, when, old → new).
"""
from pathlib import Path

import os

from qgis.PyQt.QtCore import Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel,
                                 QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QTreeWidget,
                                 QTreeWidgetItem, QVBoxLayout, QWidget)

from ..review.annotations import CONDITIONS, annotations, condition_labels, missing_files_message
from ..review.decisions import Conflict
from ..store.errors import PermissionDeniedError, StoreError
from ..toolbelt.i18n import tr
from ..toolbelt.log import PlgLogger
from .review_conflict_dialog import USE_MINE, ask_conflict, value_labels, value_text
from .review_queue_widget import viewer_message


def action_label(action: str) -> str:
    return {"accept": tr("accepted"), "reject": tr("rejected"), "relabel": tr("class changed"),
            "move": tr("moved"), "skip": tr("skipped"), "undo": tr("undone"), "annotate": tr("annotated"),
            "edit": tr("edited"), "merge": tr("merged"), "split": tr("split off"),
            "triangulate": tr("triangulated")}.get(action, action)


def when_text(value) -> str:
    if value is None:
        return ""
    try:
        return value.astimezone().strftime("%d.%m.%Y %H:%M:%S")
    except (AttributeError, ValueError):
        return str(value)


class ReviewAssetPanel(QWidget):
    saved = pyqtSignal(dict)  # {annotation_id, event_id, asset_version}

    def __init__(self, context, snapshot_provider=None, log: PlgLogger = None, parent=None,
                 conflict_handler=None):
        super().__init__(parent)
        self.setObjectName("HerzlichDigitalReviewAssetPanel")
        self.context = context
        self.snapshot_provider = snapshot_provider
        self.log = log or PlgLogger()
        self.ask_conflict = conflict_handler or (lambda conflict, can_use_mine: ask_conflict(
            conflict, self, can_use_mine))
        self.asset = None
        self.detection_id = None
        self.photos = []
        self.snapshot_path = None
        self.open_file = lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(path))  # tests replace it
        self._build_ui()
        self.show_asset(None)

    def _build_ui(self):
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.header)
        self.form_widget = QWidget()
        form = QFormLayout(self.form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        self.condition_combo = QComboBox()
        self.condition_combo.addItem(tr("(unchanged)"), None)
        labels = condition_labels()
        for code in CONDITIONS:
            self.condition_combo.addItem(labels[code], code)
        form.addRow(tr("Condition"), self.condition_combo)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(tr("Note for this asset"))
        self.note_edit.setMaximumHeight(70)
        form.addRow(tr("Note"), self.note_edit)
        self.photo_list = QListWidget()
        self.photo_list.setMaximumHeight(60)
        form.addRow(tr("Photos"), self.photo_list)
        row = QHBoxLayout()
        self.photo_button = QPushButton(tr("Add photos…"))
        self.photo_button.clicked.connect(self.choose_photos)
        self.snapshot_button = QPushButton(tr("Attach panorama snapshot"))
        self.snapshot_button.setToolTip(tr("Save the panorama view as it is now and attach it"))
        self.snapshot_button.clicked.connect(self.attach_snapshot)
        self.save_button = QPushButton(tr("Save annotation"))
        self.save_button.clicked.connect(self.save)
        for button in (self.photo_button, self.snapshot_button, self.save_button):
            row.addWidget(button)
        form.addRow(row)
        # One real object, two assets / one asset, two objects: merge and split (with history).
        fix_row = QHBoxLayout()
        self.split_button = QPushButton(tr("Split off this detection"))
        self.split_button.setToolTip(tr("This view shows another object: give it its own asset"))
        self.split_button.clicked.connect(self.split_detection)
        self.merge_button = QPushButton(tr("Merge with asset…"))
        self.merge_button.setToolTip(tr("Another asset is the same object: move its views here and withdraw it"))
        self.merge_button.clicked.connect(self.ask_merge)
        fix_row.addWidget(self.split_button)
        fix_row.addWidget(self.merge_button)
        form.addRow(fix_row)
        layout.addWidget(self.form_widget)
        # Photos and snapshots already saved with the asset's annotations: double-click (or the button) opens one.
        saved_row = QHBoxLayout()
        self.saved_photos = QListWidget()
        self.saved_photos.setMaximumHeight(60)
        self.saved_photos.setToolTip(tr("Photos saved with this asset: double-click to open"))
        self.saved_photos.itemDoubleClicked.connect(self.open_saved_photo)
        saved_row.addWidget(self.saved_photos, 1)
        self.open_photo_button = QPushButton(tr("Open photo"))
        self.open_photo_button.clicked.connect(lambda: self.open_saved_photo(self.saved_photos.currentItem()))
        saved_row.addWidget(self.open_photo_button)
        layout.addWidget(QLabel(tr("Saved photos")))
        layout.addLayout(saved_row)
        self.role_label = QLabel()
        self.role_label.setWordWrap(True)
        self.role_label.setStyleSheet("color: #a0520d")
        layout.addWidget(self.role_label)
        layout.addWidget(QLabel(tr("History")))
        self.history = QTreeWidget()
        self.history.setHeaderLabels([tr("When"), tr("Who"), tr("Event"), tr("Old → new")])
        self.history.setRootIsDecorated(False)
        self.history.setWordWrap(True)
        layout.addWidget(self.history, 1)

    # ------------------------------------------------------------------ showing
    def session(self):
        return self.context.session()

    def show_detection(self, detection_id, asset_id=None) -> None:
        """A detection's asset (if it has one) and the history of both."""
        self.detection_id = detection_id
        self.show_asset(asset_id, keep_detection=True)

    def show_asset(self, asset_id, keep_detection: bool = False) -> None:
        if not keep_detection:
            self.detection_id = None
        self.photos, self.snapshot_path = [], None
        self.photo_list.clear()
        self.saved_photos.clear()
        self.note_edit.clear()
        self.condition_combo.setCurrentIndex(0)
        self.asset = None
        if asset_id is not None:
            try:
                self.asset = self.context.store().get("asset", int(asset_id))
            except StoreError as exc:
                self.log.error(tr("Cannot read the store: {error}").format(error=exc))
        self._update_header()
        self.reload_history()
        self._load_saved_photos()

    def _load_saved_photos(self) -> None:
        if self.asset is None:
            return
        try:
            rows = annotations(self.context.store(), self.asset["id"])
        except StoreError as exc:
            self.log.error(tr("Cannot read the store: {error}").format(error=exc))
            return
        for row in rows:
            paths = list(row.get("photos") or []) + ([row["snapshot_path"]] if row.get("snapshot_path") else [])
            for path in paths:
                item = QListWidgetItem(f"{Path(path).name} ({when_text(row.get('created_at'))}, "
                                       f"{row.get('author') or '–'})")
                item.setData(Qt.ItemDataRole.UserRole, path)
                item.setToolTip(path)
                self.saved_photos.addItem(item)
        self.open_photo_button.setEnabled(self.saved_photos.count() > 0)

    def open_saved_photo(self, item) -> bool:
        """Open a saved photo with the system's viewer; a file that is gone is reported, not opened."""
        if item is None:
            return False
        path = item.data(Qt.ItemDataRole.UserRole)
        if not path or not os.path.isfile(path):
            self.log.warning(tr("The photo file no longer exists: {path}").format(path=path))
            return False
        return bool(self.open_file(path))

    def _update_header(self):
        a = self.asset
        can = self.context.can_decide if self.context.has_session() or a is not None else True
        self.form_widget.setEnabled(a is not None and can)
        self.role_label.setText("" if can else viewer_message(self.context.role))
        if a is None:
            self.header.setText(tr("Detection {id}: no asset yet (accept it to create one).").format(
                id=self.detection_id) if self.detection_id else tr("No asset selected."))
            return
        labels, words = condition_labels(), value_labels()
        code = " ".join(p for p in (a.get("vzkat_code"), a.get("vzkat_value")) if p)
        self.header.setText(tr("Asset {id} ({cls} {code}), version {version}, condition: {condition}, position: "
                               "{source} ±{accuracy} m").format(
            id=a["id"], cls=words.get(a.get("asset_class"), a.get("asset_class")), code=code,
            version=a.get("version"), condition=labels.get(a.get("condition"), a.get("condition") or "–"),
            source=words.get(a.get("position_source"), a.get("position_source") or "–"),
            accuracy=value_text(a.get("position_accuracy"))))

    def reload_history(self) -> list:
        self.history.clear()
        entries = []
        try:
            if self.asset is not None:
                entries = self.session().history(asset_id=self.asset["id"])
            elif self.detection_id is not None:
                entries = self.session().history(detection_id=self.detection_id)
        except StoreError as exc:
            self.log.error(tr("Cannot read the history: {error}").format(error=exc))
        for entry in entries:
            subject = tr("detection {id}").format(id=entry.detection_id) if entry.detection_id else ""
            row = QTreeWidgetItem([when_text(entry.decided_at), f"{entry.actor} ({entry.role or '–'})",
                                   " ".join(p for p in (action_label(entry.action), subject) if p), entry.summary])
            row.setToolTip(3, entry.summary)
            self.history.addTopLevelItem(row)
        for column in range(3):
            self.history.resizeColumnToContents(column)
        return entries

    # ------------------------------------------------------------------ merge and split
    def split_detection(self):
        """The shown detection gets its own asset; returns the new asset id or None."""
        if self.asset is None or self.detection_id is None:
            self.log.warning(tr("Select a detection of the asset to split it off."))
            return None
        try:
            result = self.session().split_asset(self.asset["id"], [self.detection_id])
        except (StoreError, ValueError) as exc:
            self.log.error(tr("The asset was not split: {error}").format(error=exc))
            return None
        self.log.success(tr("Detection {det} now has its own asset {id}.").format(
            det=self.detection_id, id=result["new_asset_id"]))
        self.show_asset(result["new_asset_id"], keep_detection=True)
        return result["new_asset_id"]

    def ask_merge(self):
        if self.asset is None:
            return None
        other, ok = QInputDialog.getInt(self, tr("Merge with asset"), tr("Number of the asset that is the same "
                                                                         "object:"), 1, 1, 2 ** 31 - 1)
        return self.merge_with(other) if ok else None

    def merge_with(self, other_id):
        """Merge asset ``other_id`` into the shown one; returns the result dict or None."""
        if self.asset is None:
            return None
        try:
            result = self.session().merge_assets(self.asset["id"], int(other_id))
        except (StoreError, ValueError) as exc:
            self.log.error(tr("The assets were not merged: {error}").format(error=exc))
            return None
        self.log.success(tr("Asset {other} merged into asset {id}.").format(other=other_id, id=self.asset["id"]))
        self.show_asset(self.asset["id"], keep_detection=True)
        return result

    # ------------------------------------------------------------------ editing
    def add_photos(self, paths) -> list:
        for path in paths:
            path = str(path)
            if path and path not in self.photos:
                self.photos.append(path)
                self.photo_list.addItem(Path(path).name)
        return self.photos

    def choose_photos(self):
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Attach photos"), "",
                                                tr("Images (*.jpg *.jpeg *.png *.tif *.tiff *.heic);;All files (*)"))
        return self.add_photos(paths)

    def attach_snapshot(self):
        """Take the panorama dock's current view as a snapshot and attach it to the next save."""
        path = self.snapshot_provider() if self.snapshot_provider is not None else None
        if not path:
            self.log.warning(tr("Open a panorama first: there is no view to take a snapshot of."))
            return None
        self.snapshot_path = str(path)
        self.photo_list.addItem(tr("Snapshot: {name}").format(name=Path(path).name))
        return self.snapshot_path

    def save(self, expected_version=None):
        """Save the annotation; on a conflict the user sees both versions. Returns the result dict or None."""
        if self.asset is None:
            return None
        note = self.note_edit.toPlainText().strip() or None
        condition = self.condition_combo.currentData()
        version = self.asset["version"] if expected_version is None else expected_version
        try:
            result = self.session().annotate(self.asset["id"], note=note, condition=condition, photos=self.photos,
                                             snapshot_path=self.snapshot_path, expected_version=version)
        except Conflict as exc:
            if self.ask_conflict(exc, True) == USE_MINE and expected_version is None:
                return self.save(expected_version=exc.theirs.get("version"))
            self.asset = self.context.store().get("asset", int(self.asset["id"])) or self.asset
            self._update_header()
            self.reload_history()
            return None
        except PermissionDeniedError as exc:
            self.role_label.setText(str(exc))
            return None
        except (StoreError, ValueError, FileNotFoundError) as exc:
            self.log.error(tr("The annotation was not saved: {error}").format(error=exc))
            return None
        if result.get("missing_files"):
            self.log.warning(tr("Annotation saved for asset {id}. {missing}").format(
                id=self.asset["id"], missing=missing_files_message(result["missing_files"])))
        else:
            self.log.success(tr("Annotation saved for asset {id}.").format(id=self.asset["id"]))
        self.saved.emit(result)
        self.show_asset(self.asset["id"], keep_detection=True)
        return result
