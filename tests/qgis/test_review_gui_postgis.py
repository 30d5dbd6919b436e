"""The review GUI on a shared PostGIS: the login's database role decides what the GUI offers (a hd_viewer login
looks but cannot decide, a hd_reviewer login reviews), and the live counts run on their own connection."""
import uuid

import pytest
from psycopg2 import sql
from psycopg2.extensions import parse_dsn
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from herzlich_digital_plugin.gui.review_context import ReviewContext, store_role
from herzlich_digital_plugin.gui.review_inspector_dock import ReviewInspectorDock
from herzlich_digital_plugin.gui.review_queue_dock import ReviewQueueDock
from herzlich_digital_plugin.store import open_store
from review_demo import write_city
from review_gui_helpers import WAIT_MS, flush_deletes, show_dock


class _PostGISHolder:
    """The ActiveStore interface on a PostGIS conninfo (no image folder: crops report the missing images)."""

    def __init__(self, conninfo):
        self.conninfo = conninfo
        self.store = None

    def get(self):
        if self.store is None:
            self.store = open_store(self.conninfo, create=False)
        return self.store

    def folder(self):
        return None

    def close(self):
        if self.store is not None:
            self.store.close()
        self.store = None


@pytest.fixture
def shared_city(postgis_db):
    uri = postgis_db()
    with open_store(uri) as store:
        write_city(store, "test")
    return uri


@pytest.fixture
def login(request, postgis_server):
    def make(conninfo, group):
        name = "u_" + uuid.uuid4().hex[:10]
        password = uuid.uuid4().hex
        conn = postgis_server.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s IN ROLE {}").format(
                    sql.Identifier(name), sql.Identifier(group)), (password,))
        finally:
            conn.close()

        def drop():
            conn = postgis_server.connect()
            try:
                with conn.cursor() as cur:
                    cur.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
                    cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
            finally:
                conn.close()
        request.addfinalizer(drop)
        return postgis_server.conninfo(parse_dsn(conninfo)["dbname"], user=name, password=password), name
    return make


@pytest.fixture
def gui(qgis_iface, qtbot):
    made = []

    def make(conninfo, kind):
        holder = _PostGISHolder(conninfo)
        context = ReviewContext(holder, reviewer="anna")
        cls = ReviewQueueDock if kind == "queue" else ReviewInspectorDock
        dock = cls(qgis_iface, context, None, parent=qgis_iface.mainWindow())
        show_dock(qtbot, dock)
        made.append((dock, context, holder))
        return dock
    yield make
    for dock, context, holder in made:
        dock.shutdown()
        context.close()
        holder.close()
        dock.hide()
        dock.deleteLater()
    flush_deletes()


def test_the_database_role_decides_what_the_gui_offers(shared_city, login, gui):
    viewer, _ = login(shared_city, "hd_viewer")
    reviewer, reviewer_name = login(shared_city, "hd_reviewer")
    with open_store(viewer, create=False) as store:
        assert store_role(store) == "viewer"
    with open_store(reviewer, create=False) as store:
        assert store_role(store) == "reviewer"

    looking = gui(viewer, "queue")
    assert looking.start() == 0
    assert "viewer" in looking.queue.role_label.text()
    assert not any(b.isEnabled() for b in looking.queue.buttons.values())

    working = gui(reviewer, "queue")
    assert working.start() == 4
    item = working.queue.current
    QTest.keyClick(working.queue, Qt.Key.Key_A)
    QApplication.processEvents()  # the queue refills once the next item is on screen
    with open_store(shared_city, create=False) as store:
        events = store.query("SELECT detection_id, actor, action FROM review_event")
        assert events == [{"detection_id": item.detection_id, "actor": "anna", "action": "accept"}]
        assert store.get("detection", item.detection_id)["status"] == "accepted"
        assert store.query("SELECT COUNT(*) AS n FROM review_lease")[0]["n"] == 4  # the next four, held
        assert {r["reviewer"] for r in store.query("SELECT reviewer FROM review_lease")} == {"anna"}


def test_counts_on_postgis_agree_with_sql(shared_city, login, gui, qtbot):
    viewer, _ = login(shared_city, "hd_viewer")
    dock = gui(viewer, "inspector")  # looking needs no more than hd_viewer
    dock.filters.class_edit.setText("274")
    dock.filters.score_min.setValue(0.4)
    dock.refresh()
    qtbot.waitUntil(lambda: dock.last_counts is not None, timeout=WAIT_MS)
    with open_store(shared_city, create=False) as store:
        wanted = store.query("SELECT COUNT(*) AS n FROM detection WHERE vzkat_code LIKE '274%%' AND score >= 0.4 "
                             "AND status = 'new'")[0]["n"]
    assert dock.last_counts.total == wanted > 0
    assert dock.model.rowCount() == min(wanted, dock.model.page)
