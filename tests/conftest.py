"""Shared pytest fixtures.

Store fixtures: ``store`` gives a fresh, empty store and runs the test once per backend
("gpkg", "postgis"); ``empty_store_uri`` gives a location with nothing in it yet. The
PostgreSQL cluster is started once per session (tests/pg_server.py); each test gets its
own database copied from a prepared template, which takes a fraction of a second.
"""
import contextlib
import gc
import inspect
import os
import sys
import types

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pg_server import PostgresServer, PostgresUnavailable  # noqa: E402

TEMPLATE_EMPTY = "hd_tpl_empty"  # PostGIS extension only
TEMPLATE_READY = "hd_tpl_ready"  # plus the current schema and the hd_* roles

BACKENDS = ("gpkg", "postgis")
GENERATOR_FLAGS = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR


# ---------------------------------------------------------------------------- crash report

LAST_TEST_FILE = os.environ.get("HD_LAST_TEST_FILE")


def pytest_runtest_logstart(nodeid, location):
    """Note the test about to run: a test that aborts the process (Qt fatal, segfault) names itself there.

    The CI shows only the tail of a crash's stack dump, which is pytest's frames; `make test` prints this file.
    """
    if LAST_TEST_FILE:
        with open(LAST_TEST_FILE, "w", encoding="utf-8") as out:
            out.write(nodeid + "\n")


# ---------------------------------------------------------------------------- QGIS exit

@pytest.fixture(autouse=True, scope="session")
def _release_qgis_objects_before_exit(qgis_app):
    """Free the layers that finished frames still hold while QGIS still runs.

    QGIS 3.22 turns an exception raised in a Python processAlgorithm() into a C++ exception and never releases
    the Python traceback; its frames (the algorithm's, and through f_back the caller's: a test's) keep their
    layers alive until interpreter exit, after pytest-qgis's exitQgis(), where freeing an OGR layer segfaults.
    """
    yield
    if qgis_app is None:
        return
    from qgis.core import QgsApplication
    QgsApplication.taskManager().cancelAll()
    qgis_app.processEvents()
    for obj in gc.get_objects():
        if isinstance(obj, types.FrameType) and not obj.f_code.co_flags & GENERATOR_FLAGS:
            with contextlib.suppress(RuntimeError):  # a frame still running
                obj.clear()
    gc.collect()
    qgis_app.processEvents()
    _keep_pytest_qgis_exit_connection(qgis_app)


def _keep_pytest_qgis_exit_connection(app):
    """pytest-qgis 2.1.0 disconnects processEvents from legendLayersAdded at exit and errors the last test if
    that connection is gone, which it was in 2 of 5 full runs here (never in a single file's run, and no test
    disconnects it). The error is in the harness, after every test has passed: restore the connection so its
    exit runs, and say so."""
    from qgis.core import QgsProject
    signal = QgsProject.instance().legendLayersAdded
    try:
        signal.disconnect(app.processEvents)
    except TypeError:
        sys.stderr.write("\nnote: pytest-qgis's legendLayersAdded -> processEvents connection was gone at exit\n")
    signal.connect(app.processEvents)


# ---------------------------------------------------------------------------- PostGIS

@pytest.fixture(scope="session")
def postgis_server():
    """A running PostgreSQL + PostGIS cluster; FAILS (never skips) without the binaries."""
    try:
        server, problem = PostgresServer().start(), None
    except PostgresUnavailable as exc:
        problem = str(exc)
    if problem:
        pytest.fail(problem, pytrace=False)
    try:
        from herzlich_digital_plugin.store.postgis_setup import setup_shared_database
        server.create_database(TEMPLATE_EMPTY, postgis=True)
        server.create_database(TEMPLATE_READY, template=TEMPLATE_EMPTY)
        setup_shared_database(server.conninfo(TEMPLATE_READY))
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgis_db(request, postgis_server):
    """Factory: a new database from a template, dropped after the test; returns its conninfo."""
    def make(template=TEMPLATE_READY):
        name = postgis_server.create_database(template=template)
        request.addfinalizer(lambda: postgis_server.drop_database(name))
        return postgis_server.conninfo(name)
    return make


# ---------------------------------------------------------------------------- both backends

@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def empty_store_uri(request, backend, tmp_path):
    """Where a new store can be created: a .gpkg path or an empty PostGIS database."""
    if backend == "gpkg":
        return str(tmp_path / "store.gpkg")
    return request.getfixturevalue("postgis_db")(TEMPLATE_EMPTY)


@pytest.fixture
def store(request, backend, tmp_path):
    """A fresh, empty store of the current schema."""
    from herzlich_digital_plugin.store import open_store
    if backend == "gpkg":
        uri = str(tmp_path / "store.gpkg")
    else:
        uri = request.getfixturevalue("postgis_db")(TEMPLATE_READY)
    s = open_store(uri)
    yield s
    s.close()
