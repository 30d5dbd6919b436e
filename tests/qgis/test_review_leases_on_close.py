"""Issue 15.4: closing the project gives the review leases back, on the store they were claimed on, and does
not create an empty store in the QGIS profile while doing so."""
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent

from herzlich_digital_plugin import classFactory
from herzlich_digital_plugin.democity.build import build_demo_city
from herzlich_digital_plugin.gui import active_store
from herzlich_digital_plugin.gui.active_store import set_project_store
from herzlich_digital_plugin.store import open_store


def _flush_deletes():
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _leases(path):
    with open_store(str(path), create=False) as store:
        return store.query("SELECT COUNT(*) AS n FROM review_lease")[0]["n"]


def test_closing_the_project_releases_the_leases(qgis_iface, tmp_path, monkeypatch):
    profile_store = tmp_path / "profile" / "herzlich_digital.gpkg"
    profile_store.parent.mkdir()
    monkeypatch.setattr(active_store, "default_store_path", lambda: str(profile_store))
    city = build_demo_city("test", 7239, tmp_path / "city", images=False)
    set_project_store(QgsProject.instance(), str(city.store_path))
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        plugin.actions["review"].trigger()  # the queue claims its first items
        plugin.actions["review_inspector"].trigger()
        QCoreApplication.processEvents()
        assert _leases(city.store_path) > 0
        QgsProject.instance().clear()  # File ▸ Close project
        _flush_deletes()
        assert _leases(city.store_path) == 0
        assert not profile_store.exists(), "closing the project created a store in the profile"
        assert plugin.review.queue_dock.queue.buffer == []
    finally:
        plugin.unload()
        _flush_deletes()  # the toolbar and docks go now, not in the next test
    assert not profile_store.exists()
