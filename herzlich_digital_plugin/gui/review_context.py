"""What the review docks share: the GUI's store, one ReviewSession on it, and where worker threads find images.

The session (and its leases) belongs to the store it was made on: when the active store changes, the old
session gives its leases back and a new one starts.
"""
import getpass
import os
from typing import Optional

from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..review.decisions import ReviewSession
from ..store import StoreError
from ..toolbelt.settings import SettingsManager


def reviewer_name() -> str:
    """The configured reviewer name, else the operating-system user."""
    name = (SettingsManager().get("reviewer_name") or "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "reviewer"
    except (OSError, KeyError):  # no user database entry (containers)
        return "reviewer"


def store_role(store) -> str:
    """'reviewer' when the login may record review events, else 'viewer' (PostGIS grants, file permissions)."""
    try:
        if store.backend == "postgis":
            rows = store.query("SELECT has_table_privilege(current_user, %s, 'INSERT') AS ok",
                               (store.table_ref("review_event").replace('"', ''),))
            return "reviewer" if rows and rows[0]["ok"] else "viewer"
        path = str(getattr(store, "path", "") or "").split("|")[0]
        return "reviewer" if not path or os.access(path, os.W_OK) else "viewer"
    except StoreError:
        return "reviewer"  # cannot tell: deciding will explain a refusal


class ReviewContext(QObject):
    """Lazily opens the session on the active store; ``role``/``reviewer`` override the detected ones."""

    sessionChanged = pyqtSignal(object)  # the new ReviewSession (or None after close)
    decided = pyqtSignal(object)  # a Decision made by any review widget (inspector, queue, asset panel)

    def __init__(self, active_store, reviewer: Optional[str] = None, role: Optional[str] = None, parent=None):
        super().__init__(parent)
        self.active_store = active_store
        self._reviewer = reviewer
        self._role = role
        self._session = None
        self._store = None

    def store(self):
        return self.active_store.get()

    def session(self) -> ReviewSession:
        store = self.store()
        if self._session is None or store is not self._store:
            self._close_session()
            role = self._role or store_role(store)
            self._session = ReviewSession(store, self._reviewer or reviewer_name(), role=role)
            self._store = store
            self.sessionChanged.emit(self._session)
        return self._session

    def has_session(self) -> bool:
        return self._session is not None

    def current_session(self) -> Optional[ReviewSession]:
        """The open session, without opening a store or a session (closing must never create a store)."""
        return self._session

    @property
    def role(self) -> str:
        return self.session().role

    @property
    def can_decide(self) -> bool:
        return self.role not in ("viewer",)

    def image_folder(self):
        """The folder relative image URIs are resolved against (GeoPackage stores), else None."""
        return self.active_store.folder()

    def store_path(self):
        """The GeoPackage path (demo cities render their missing images from it), None for PostGIS."""
        return getattr(self.store(), "path", None)

    def worker_target(self) -> str:
        """A location a worker thread can open its own connection with (path or conninfo)."""
        store = self.store()
        path = getattr(store, "path", None)
        return str(path) if path else store.uri

    def _close_session(self):
        if self._session is not None and not getattr(self._session.store, "_closed", False):
            try:
                self._session.close()
            except StoreError:
                pass  # leases expire by themselves
        self._session = None
        self._store = None

    def close(self) -> None:
        had = self._session is not None
        self._close_session()
        if had:
            self.sessionChanged.emit(None)
