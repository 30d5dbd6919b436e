"""Which store the GUI works on: the project's own (set by the demo city or the user), else the settings' one,
else a GeoPackage in the QGIS profile, created on first use. One open store per GUI session, reopened when the
target changes."""
from pathlib import Path

from qgis.core import QgsApplication, QgsProject

from ..store import open_store
from ..toolbelt.db_connection import resolve_store
from ..toolbelt.settings import SettingsManager

PROJECT_SCOPE = "herzlich_digital"
PROJECT_KEY = "store"


def default_store_path() -> str:
    folder = Path(QgsApplication.qgisSettingsDirPath()) / "herzlich_digital"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "herzlich_digital.gpkg")


def project_store_uri(project: QgsProject = None) -> str:
    """The store recorded in the project; relative GeoPackage paths are relative to the project file."""
    project = project or QgsProject.instance()
    value, found = project.readEntry(PROJECT_SCOPE, PROJECT_KEY, "")
    if not found or not value:
        return ""
    if value.lower().endswith(".gpkg") and not Path(value).is_absolute() and project.homePath():
        return str(Path(project.homePath()) / value)
    return value


def set_project_store(project: QgsProject, uri: str) -> None:
    """Record the store in the project (GeoPackages beside the project are stored relative, so it can move)."""
    home = project.homePath() or (str(Path(project.fileName()).parent) if project.fileName() else "")
    if uri.lower().endswith(".gpkg") and home:
        try:
            uri = str(Path(uri).resolve().relative_to(Path(home).resolve()))
        except ValueError:
            pass
    project.writeEntry(PROJECT_SCOPE, PROJECT_KEY, uri)


def active_store_target():
    """(store text, authcfg) the GUI should use now."""
    settings = SettingsManager().load()
    uri = project_store_uri()
    if uri:
        return uri, settings.store_authcfg if not uri.lower().endswith(".gpkg") else ""
    if settings.store_uri:
        return settings.store_uri, settings.store_authcfg
    return default_store_path(), ""


class ActiveStore:
    """Holds the GUI thread's open store; worker threads open their own."""

    def __init__(self):
        self._target = None
        self._store = None

    def get(self):
        target = active_store_target()
        if self._store is None or target != self._target:
            self.close()
            self._store = open_store(resolve_store(*target))
            self._target = target
        return self._store

    def folder(self):
        """The folder relative image paths are resolved against (GeoPackage stores), else None."""
        text = (self._target or active_store_target())[0]
        return str(Path(text).parent) if text.lower().endswith(".gpkg") else None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None
        self._target = None
