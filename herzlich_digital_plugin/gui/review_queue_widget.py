"""The review queue: one detection at a time, one key per decision, the next items already rendered.

Keys: Enter/A accept, R reject (then 1–6 for the reason), C change class (type a number or name, Enter),
M move (then click the map or the panorama), S skip, U undo, Esc cancels a picker.
The widget owns the keys and the buffer (current item + PRELOAD preloaded); the dock around it opens the
panorama, marks the map and arms the point pickers (``contextRequested``, ``moveRequested``).
"""
from qgis.PyQt.QtCore import QEvent, QSize, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QIcon, QKeyEvent, QPixmap
from qgis.PyQt.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QProgressBar,
                                 QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from ..review.decisions import READ_ONLY_ROLES, ClassNeeded, Conflict, ItemTaken
from ..review.filters import ReviewFilter
from ..store.errors import PermissionDeniedError, StoreError
from ..toolbelt.i18n import tr
from ..toolbelt.log import PlgLogger
from .review_conflict_dialog import KEEP_THEIRS, USE_MINE, ask_conflict
from .review_crop import CROP_SIZE, THUMB_SIZE
from .review_symbols import symbol_pixmap
from .review_pickers import ClassPicker, ReasonPicker

PRELOAD = 3
RENEW_MS = 5 * 60 * 1000
STATUS_CHANGING = ("accept", "reject", "relabel", "move")


def status_label(status: str) -> str:
    return {"new": tr("new"), "accepted": tr("accepted"), "rejected": tr("rejected"),
            "relabeled": tr("relabeled")}.get(status, status or "")


def viewer_message(role: str) -> str:
    return tr("Your role '{role}' may look at detections but not decide on them. Reviewing needs the reviewer "
              "role (ask your administrator).").format(role=role)


class ReviewQueueWidget(QWidget):
    itemShown = pyqtSignal(object)  # the ReviewItem now on screen
    cropShown = pyqtSignal(int)  # detection id whose crop is on screen
    decided = pyqtSignal(object)  # a Decision (also undo)
    queueEmpty = pyqtSignal()
    contextRequested = pyqtSignal(object)  # the item: open its panorama, mark the map
    moveRequested = pyqtSignal(bool)  # True: the next map/panorama click places the item; False: stop
    neighbourActivated = pyqtSignal(object)  # a neighbouring detection (ReviewItem) was clicked

    def __init__(self, context, prefetcher, log: PlgLogger = None, parent=None, prefetch: bool = True,
                 conflict_handler=None):
        super().__init__(parent)
        self.setObjectName("HerzlichDigitalReviewQueue")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.context = context
        self.prefetcher = prefetcher
        self.log = log or PlgLogger()
        self.prefetch = prefetch
        self.ask_conflict = conflict_handler or (lambda conflict, can_use_mine: ask_conflict(
            conflict, self, can_use_mine))
        self.filter = ReviewFilter()
        self.order = "score"
        self.buffer = []  # current item first, then the preloaded ones
        self.mode = None  # None, "reject", "class", "move"
        self.total = 0
        self.done = 0
        self._neighbours = []
        self._context_timer = QTimer(self)
        self._context_timer.setSingleShot(True)
        self._context_timer.setInterval(0)
        self._context_timer.timeout.connect(self._after_show)
        self._renew_timer = QTimer(self)  # leases last 15 minutes: keep them while the reviewer works
        self._renew_timer.setInterval(RENEW_MS)
        self._renew_timer.timeout.connect(self.renew)
        self._build_ui()
        prefetcher.ready.connect(self._on_image)
        prefetcher.failed.connect(self._on_image_failed)

    # ------------------------------------------------------------------ layout
    def _build_ui(self):
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat(tr("%v of %m"))
        self.stats_label = QLabel()
        top.addWidget(self.progress, 1)
        top.addWidget(self.stats_label)
        layout.addLayout(top)
        self.role_label = QLabel()
        self.role_label.setWordWrap(True)
        self.role_label.setStyleSheet("color: #a0520d; font-weight: bold")
        self.role_label.setVisible(False)
        layout.addWidget(self.role_label)

        body = QHBoxLayout()
        self.crop_label = QLabel()
        self.crop_label.setObjectName("HerzlichDigitalReviewCrop")
        self.crop_label.setFixedSize(QSize(*CROP_SIZE))
        self.crop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.crop_label.setWordWrap(True)
        self.crop_label.setStyleSheet("background: #202020; color: #dddddd")
        body.addWidget(self.crop_label, 0, Qt.AlignmentFlag.AlignTop)
        details = QVBoxLayout()
        self.symbol_label = QLabel()
        self.symbol_label.setFixedSize(64, 64)
        details.addWidget(self.symbol_label)
        self.class_label = QLabel()
        self.class_label.setWordWrap(True)
        self.class_label.setStyleSheet("font-weight: bold; font-size: 12pt")
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details.addWidget(self.class_label)
        details.addWidget(self.info_label)
        details.addStretch(1)
        body.addLayout(details, 1)
        layout.addLayout(body)

        # One area below the crop: the neighbours while deciding by keys, the pickers while they are open.
        self.stack = QStackedWidget()
        self.stack.setFixedHeight(THUMB_SIZE[1] + 96)
        neighbours = QWidget()
        rows = QVBoxLayout(neighbours)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        self.neighbour_title = QLabel(tr("Same object in neighbouring panoramas"))
        rows.addWidget(self.neighbour_title)
        self.neighbour_list = QListWidget()
        self.neighbour_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.neighbour_list.setFlow(QListWidget.Flow.LeftToRight)
        self.neighbour_list.setWrapping(False)
        self.neighbour_list.setIconSize(QSize(*THUMB_SIZE))
        self.neighbour_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.neighbour_list.itemClicked.connect(self._on_neighbour_clicked)
        rows.addWidget(self.neighbour_list, 1)
        self.hint_label = QLabel(tr("Enter/A accept · R reject · C change class · M move · S skip · U undo"))
        self.hint_label.setWordWrap(True)
        rows.addWidget(self.hint_label)
        self.neighbour_page = neighbours
        self.reason_picker = ReasonPicker()
        self.reason_picker.picked.connect(self.reject)
        self.reason_picker.cancelled.connect(self.cancel_mode)
        self.class_picker = ClassPicker()
        self.class_picker.picked.connect(self.relabel)
        self.class_picker.cancelled.connect(self.cancel_mode)
        self.move_label = QLabel(tr("Move: click the object's position on the map or on the ground in the panorama "
                                    "(Esc cancels)."))
        self.move_label.setWordWrap(True)
        self.move_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.move_label.setStyleSheet("font-weight: bold")
        for page in (neighbours, self.reason_picker, self.class_picker, self.move_label):
            self.stack.addWidget(page)
        layout.addWidget(self.stack)

        buttons = QHBoxLayout()
        self.buttons = {}
        for key, text, tip, slot in (
                ("accept", tr("Accept"), tr("The detection is right (Enter or A)"), self.accept),
                ("reject", tr("Reject…"), tr("The detection is wrong (R, then the reason's number)"),
                 lambda: self.open_mode("reject")),
                ("relabel", tr("Class…"), tr("Another class (C, then type a VzKat number or name)"),
                 lambda: self.open_mode("class")),
                ("move", tr("Move"), tr("Place the object by a click on the map or in the panorama (M)"),
                 self.begin_move),
                ("skip", tr("Skip"), tr("Not now: back to the queue for others (S)"), self.skip),
                ("undo", tr("Undo"), tr("Undo my last decision (U)"), self.undo)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, s=slot: (s(), self.setFocus()))  # the keys keep working
            buttons.addWidget(button)
            self.buttons[key] = button
        layout.addLayout(buttons)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        self._show(None)

    # ------------------------------------------------------------------ queue
    @property
    def current(self):
        return self.buffer[0] if self.buffer else None

    def session(self):
        return self.context.session()

    def start(self, flt: ReviewFilter = None, order: str = None) -> int:
        """Claim the first items of the filter (new items only unless the filter says otherwise); returns how many."""
        self.stop()
        self.filter = flt if flt is not None else self.filter
        self.order = order or self.order
        if not self._check_role():
            return 0
        try:
            session = self.session()
            self.total = session.counts(self.filter).total
            self.done = 0
            self.buffer = session.claim_next(self.filter, self.order, n=PRELOAD + 1 if self.prefetch else 1)
        except PermissionDeniedError as exc:
            self._deny(str(exc))
            return 0
        except (StoreError, ValueError) as exc:
            self._error(tr("The review queue could not start: {error}").format(error=exc))
            return 0
        self._show(self.current)
        self._renew_timer.start()
        return len(self.buffer)

    def renew(self) -> int:
        """Extend the leases of the buffered items; returns how many."""
        if not self.buffer:
            return 0
        try:
            return self.session().renew()
        except StoreError as exc:
            self.log.warning(tr("The review items could not be kept: {error}").format(error=exc))
            return 0

    def stop(self) -> None:
        """Give the buffered items back to the queue."""
        self._renew_timer.stop()
        self.cancel_mode()
        # The session the items were claimed in: after the project closed, session() would open the next
        # store (maybe a new, empty one in the profile) and release against that.
        session = self.context.current_session()
        if self.buffer and session is not None:
            try:
                session.release(self.buffer)
            except StoreError as exc:
                self.log.warning(tr("The review items could not be released: {error}").format(error=exc))
        self.buffer = []
        self._show(None)

    def _refill(self) -> None:
        wanted = (PRELOAD + 1 if self.prefetch else 1) - len(self.buffer)
        if wanted <= 0:
            return
        try:
            more = self.session().claim_next(n=wanted, exclude=[i.detection_id for i in self.buffer])
        except PermissionDeniedError as exc:
            self._deny(str(exc))
            return
        except StoreError as exc:
            self._error(tr("No further items could be claimed: {error}").format(error=exc))
            return
        self.buffer.extend(more)

    def _advance(self) -> None:
        """Drop the current item and show the next (claiming now only when nothing is preloaded)."""
        if self.buffer:
            self.buffer.pop(0)
        if not self.buffer:
            self._refill()
        self._show(self.current)

    # ------------------------------------------------------------------ display
    def _show(self, item) -> None:
        self._neighbours = []
        self.neighbour_list.clear()
        self._update_stats()
        if item is None:
            self.crop_label.setPixmap(QPixmap())
            self.crop_label.setText(tr("No detection to review.") if self.total or self.done else "")
            self.symbol_label.clear()
            self.class_label.setText(tr("Nothing to review") if self.done else "")
            self.info_label.setText(tr("Start the queue from the inspector's filter, or press Start."))
            for key in ("accept", "reject", "relabel", "move", "skip"):
                self.buttons[key].setEnabled(False)
            self.buttons["undo"].setEnabled(self._can_undo())
            if self.done:
                self.queueEmpty.emit()
            return
        item.mark_shown()
        enabled = self.context.can_decide
        for button in self.buttons.values():
            button.setEnabled(enabled)
        self.symbol_label.setPixmap(symbol_pixmap(item.asset_class, item.vzkat_code, item.vzkat_value, 64))
        self.class_label.setText(item.class_label)
        score = "–" if item.score is None else f"{item.score:.2f}"
        self.info_label.setText(tr("Score {score} · detection {id} · panorama {pano} · {status}").format(
            score=score, id=item.detection_id, pano=item.panorama_id, status=status_label(item.status)))
        image = self.prefetcher.get(item.detection_id)
        if image is None and not self.prefetch:
            try:
                image = self.prefetcher.render_now(item)
            except Exception as exc:  # a missing image must not stop the review
                self.crop_label.setText(str(exc))
        if image is not None:
            self._set_crop(item.detection_id, image)
        else:
            self.crop_label.setPixmap(QPixmap())
            error = self.prefetcher.error(item.detection_id)
            self.crop_label.setText(error or tr("Loading the crop…"))
            if not error:
                self.prefetcher.request(item, "crop", priority=10)
        self.itemShown.emit(item)
        self._context_timer.start()

    def _set_crop(self, detection_id, image):
        self.crop_label.setText("")
        self.crop_label.setPixmap(QPixmap.fromImage(image))
        self.cropShown.emit(int(detection_id))

    def _after_show(self) -> None:
        """After the item is on screen: refill and preload, neighbours, panorama and map."""
        item = self.current
        if item is None:
            return
        if self.prefetch:
            self._refill()
            for nxt in self.buffer[1:PRELOAD + 1]:
                self.prefetcher.request(nxt, "crop", priority=5)
        try:
            self._neighbours = self.session().neighbours(item)
        except StoreError as exc:
            self.log.warning(tr("Neighbouring detections could not be read: {error}").format(error=exc))
            self._neighbours = []
        self.neighbour_list.clear()
        for other in self._neighbours:
            distance = other.extra.get("panorama_distance_m")
            text = tr("{distance} m").format(distance=f"{distance:.0f}") if distance is not None else ""
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, other.detection_id)
            entry.setToolTip(tr("{label}, score {score}, panorama {pano}, {status}").format(
                label=other.class_label, score="–" if other.score is None else f"{other.score:.2f}",
                pano=other.panorama_id, status=status_label(other.status)))
            thumb = self.prefetcher.get(other.detection_id, "thumb")
            if thumb is not None:
                entry.setIcon(QIcon(QPixmap.fromImage(thumb)))
            else:
                self.prefetcher.request(other, "thumb", priority=1)
            self.neighbour_list.addItem(entry)
        self.neighbour_title.setText(tr("Same object in neighbouring panoramas ({count})").format(
            count=len(self._neighbours)))
        self.contextRequested.emit(item)

    def _on_image(self, detection_id, kind, image):
        item = self.current
        if kind == "crop" and item is not None and item.detection_id == detection_id:
            self._set_crop(detection_id, image)
        elif kind == "thumb":
            for row in range(self.neighbour_list.count()):
                entry = self.neighbour_list.item(row)
                if entry.data(Qt.ItemDataRole.UserRole) == detection_id:
                    entry.setIcon(QIcon(QPixmap.fromImage(image)))

    def _on_image_failed(self, detection_id, kind, message):
        item = self.current
        if kind == "crop" and item is not None and item.detection_id == detection_id:
            self.crop_label.setText(message)

    def _on_neighbour_clicked(self, entry):
        wanted = entry.data(Qt.ItemDataRole.UserRole)
        for other in self._neighbours:
            if other.detection_id == wanted:
                self.neighbourActivated.emit(other)

    def _update_stats(self):
        self.progress.setMaximum(max(self.total, self.done, 1))
        self.progress.setValue(self.done)
        session = self.context.current_session()  # display only: never opens a store
        rate = session.stats.per_minute if session is not None else 0.0
        self.stats_label.setText(tr("{rate} decisions/min").format(rate=f"{rate:.1f}"))

    # ------------------------------------------------------------------ messages
    def _info(self, text):
        self.message_label.setText(text)
        self.log.info(text, push=True)

    def _error(self, text):
        self.message_label.setText(text)
        self.log.error(text)

    def _deny(self, text):
        self.role_label.setText(text)
        self.role_label.setVisible(True)
        for button in self.buttons.values():
            button.setEnabled(False)

    def _check_role(self) -> bool:
        try:
            role = self.context.role
        except StoreError as exc:
            self._error(tr("The store cannot be opened: {error}").format(error=exc))
            return False
        if not self.context.can_decide:
            self._deny(viewer_message(role))
            return False
        self.role_label.setVisible(False)
        return True

    def _can_undo(self) -> bool:
        session = self.context.current_session()
        return session is not None and session.role not in READ_ONLY_ROLES and session.can_undo

    # ------------------------------------------------------------------ keys
    DECISION_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_A, Qt.Key.Key_R, Qt.Key.Key_C, Qt.Key.Key_M,
                     Qt.Key.Key_S, Qt.Key.Key_U)

    def event(self, event):
        """Our keys reach keyPressEvent even where QGIS has a shortcut on the same key."""
        if event.type() == QEvent.Type.ShortcutOverride:
            plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if self.mode is not None or (plain and event.key() in self.DECISION_KEYS):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        if self.mode == "reject":
            self.reason_picker.handle_key(event)
            return
        if self.mode == "class":
            if not self.class_picker.handle_key(event):
                QApplication.sendEvent(self.class_picker.edit, QKeyEvent(
                    QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text()))
            return
        if self.mode == "move":
            if event.key() == Qt.Key.Key_Escape:
                self.cancel_mode()
            return
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            super().keyPressEvent(event)
            return
        actions = {Qt.Key.Key_Return: self.accept, Qt.Key.Key_Enter: self.accept, Qt.Key.Key_A: self.accept,
                   Qt.Key.Key_R: lambda: self.open_mode("reject"), Qt.Key.Key_C: lambda: self.open_mode("class"),
                   Qt.Key.Key_M: self.begin_move, Qt.Key.Key_S: self.skip, Qt.Key.Key_U: self.undo}
        action = actions.get(event.key())
        if action is None:
            super().keyPressEvent(event)
            return
        action()

    def open_mode(self, mode: str) -> bool:
        if self.current is None or not self._check_role():
            return False
        self.mode = mode
        if mode == "reject":
            self.stack.setCurrentWidget(self.reason_picker)
        elif mode == "class":
            self.stack.setCurrentWidget(self.class_picker)
            self.class_picker.open("")
        elif mode == "move":
            self.stack.setCurrentWidget(self.move_label)
            self.moveRequested.emit(True)
        return True

    def cancel_mode(self) -> None:
        if self.mode == "move":
            self.moveRequested.emit(False)
        self.mode = None
        self.stack.setCurrentWidget(self.neighbour_page)
        self.setFocus()

    # ------------------------------------------------------------------ decisions
    def _decide(self, action, fn, retry: bool = True):
        """Run one decision on the current item; handles lost races; returns the Decision or None."""
        item = self.current
        self.cancel_mode()
        if item is None or not self._check_role():
            return None
        try:
            decision = fn(item)
        except ItemTaken as exc:
            self._info(tr("{message} The item was skipped.").format(message=exc))
            self._release(item)
            self._advance()
            return None
        except Conflict as exc:
            return self._resolve_conflict(exc, action, fn, retry)
        except PermissionDeniedError as exc:
            self._deny(str(exc))
            return None
        except (StoreError, ValueError) as exc:
            self._error(tr("The decision was not saved: {error}").format(error=exc))
            return None
        self.message_label.setText("")
        if action in STATUS_CHANGING:
            self.done += 1
        self.decided.emit(decision)
        self.context.decided.emit(decision)
        self._advance()
        return decision

    def _resolve_conflict(self, conflict, action, fn, retry):
        """Both versions to the user: keep theirs (skip the item) or decide again on top of theirs."""
        choice = self.ask_conflict(conflict, retry)
        if choice == USE_MINE and retry:
            return self._decide(action, fn, retry=False)
        if choice == KEEP_THEIRS:
            self._info(tr("Kept the stored version; the item was skipped."))
            self._release(self.current)
            self._advance()
        return None

    def _release(self, item):
        try:
            self.session().release([item])
        except StoreError:
            pass  # the lease expires by itself

    def accept(self):
        item = self.current
        if item is not None and not item.asset_class and item.asset_id is None:
            # The vendor's label maps to no class: ask for it instead of failing on the asset's class.
            self.open_mode("class")
            self.message_label.setText(str(ClassNeeded(item)))
            return None
        return self._decide("accept", lambda item: self.session().accept(item))

    def reject(self, reason: str = "other"):
        return self._decide("reject", lambda item: self.session().reject(item, reason))

    def relabel(self, entry):
        """``entry``: a VzKatEntry or an (asset_class, code, value) key."""
        key = entry.key if hasattr(entry, "key") else tuple(entry)
        return self._decide("relabel", lambda item: self.session().relabel(item, key[1], key[2],
                                                                           asset_class=key[0]))

    def skip(self):
        return self._decide("skip", lambda item: self.session().skip(item))

    def begin_move(self) -> bool:
        return self.open_mode("move")

    def place(self, x: float, y: float):
        """The click that ends a move: accept the current item and place its asset at (x, y) (EPSG:25832)."""
        if self.mode != "move":
            return None
        return self._decide("move", lambda item: self.session().move(item, (float(x), float(y))))

    def undo(self):
        self.cancel_mode()
        if not self._check_role():
            return None
        session = self.session()
        try:
            decision = session.undo()
        except Conflict as exc:
            if self.ask_conflict(exc, False) == KEEP_THEIRS:
                session.forget_last()
                self._info(tr("Kept the stored version; your decision can no longer be undone."))
            return None
        except ItemTaken as exc:
            session.forget_last()
            self._info(tr("{message} Your decision was left as it is.").format(message=exc))
            return None
        except PermissionDeniedError as exc:
            self._deny(str(exc))
            return None
        except StoreError as exc:
            self._error(tr("The undo was not saved: {error}").format(error=exc))
            return None
        if decision is None:
            self._info(tr("Nothing to undo."))
            return None
        if decision.status is not None and self.done:
            self.done -= 1
        self.decided.emit(decision)
        self.context.decided.emit(decision)
        if decision.item is not None:
            self.buffer.insert(0, decision.item)
            self._show(decision.item)
        else:
            self._update_stats()
        return decision
