"""Settings, logging, network and connection helpers of the toolbelt, inside a real QgsApplication."""
import base64
import http.server
import logging
import threading
import time

import pytest
from qgis.PyQt.QtCore import QSettings
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsMessageLog, QgsSettings

from herzlich_digital_plugin.toolbelt.db_connection import ConnectionError_, is_postgres, resolve_store
from herzlich_digital_plugin.toolbelt.log import LOG_TAG, LOGGER_NAME, install_log_handler, remove_log_handler
from herzlich_digital_plugin.toolbelt.network import NetworkError, QgisHttpClient
from herzlich_digital_plugin.toolbelt.settings import PluginSettings, SettingsManager


@pytest.fixture()
def settings(tmp_path):
    return QgsSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_settings_round_trip_with_types(settings):
    manager = SettingsManager(settings)
    assert manager.load() == PluginSettings()
    manager.save(PluginSettings(debug_mode=True, panorama_cache_mb=2048, nearest_panorama_max_m=12.5,
                                store_uri="/data/x.gpkg"))
    settings.sync()
    again = SettingsManager(QgsSettings(settings.fileName(), QSettings.Format.IniFormat)).load()
    assert again.debug_mode is True and again.panorama_cache_mb == 2048
    assert again.nearest_panorama_max_m == 12.5 and again.store_uri == "/data/x.gpkg"


def test_settings_survive_garbage_values(settings):
    settings.setValue("herzlich_digital/panorama_cache_mb", "lots")
    assert SettingsManager(settings).load().panorama_cache_mb == PluginSettings().panorama_cache_mb
    with pytest.raises(KeyError):
        SettingsManager(settings).set("no_such_setting", 1)


def test_settings_dialog_saves_what_the_user_typed(qtbot, settings, basic_authcfg):
    from herzlich_digital_plugin.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(manager=SettingsManager(settings))
    qtbot.addWidget(dialog)
    dialog.nearest_m.setValue(42.0)
    dialog.reviewer.setText("Erika Mustermann")
    dialog.image_auth.setConfigId(basic_authcfg)
    dialog.accept()
    loaded = SettingsManager(settings).load()
    assert loaded.nearest_panorama_max_m == 42.0 and loaded.reviewer_name == "Erika Mustermann"
    assert loaded.image_authcfg == basic_authcfg


def test_python_logging_reaches_the_qgis_log(qtbot):
    received = []

    def on_message(message, tag, level):
        received.append((tag, message))
    QgsApplication.messageLog().messageReceived.connect(on_message)
    handler = install_log_handler()
    try:
        logging.getLogger(LOGGER_NAME + ".store").warning("Datenbank %s gesperrt", "x.gpkg")
        QgsMessageLog.logMessage("other plugin", "Other")
        qtbot.waitUntil(lambda: any(tag == LOG_TAG for tag, _ in received), timeout=2000)
    finally:
        remove_log_handler(handler)
        QgsApplication.messageLog().messageReceived.disconnect(on_message)
    assert (LOG_TAG, "herzlich_digital.store: Datenbank x.gpkg gesperrt") in received
    assert handler not in logging.getLogger(LOGGER_NAME).handlers


class _Handler(http.server.BaseHTTPRequestHandler):
    flaky_calls = 0

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server naming
        if self.path == "/flaky":  # fine once, then broken: a live value that must never come from a cache
            type(self).flaky_calls += 1
            status, body = (200, b'{"value": "first"}') if self.flaky_calls == 1 else (500, b"broken")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "max-age=3600")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/secret":
            expected = "Basic " + base64.b64encode(b"erika:geheim").decode()
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="hd"')
                self.end_headers()
                return
        status = 404 if self.path == "/missing" else 200
        body = b'{"ok": true}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def http_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_http_client_status_and_body(http_server):
    response = QgisHttpClient(timeout_s=5).get(http_server + "/data")
    assert response.status == 200 and response.content == b'{"ok": true}'
    assert response.headers["content-type"] == "application/json"
    assert QgisHttpClient(timeout_s=5).get(http_server + "/missing").status == 404


def test_http_client_never_answers_from_the_cache(http_server):
    """QGIS's disk cache would turn the failing second answer into a 200 with the first body mixed in."""
    _Handler.flaky_calls = 0
    first = QgisHttpClient(timeout_s=5).get(http_server + "/flaky")
    second = QgisHttpClient(timeout_s=5).get(http_server + "/flaky")
    assert (first.status, first.content) == (200, b'{"value": "first"}')
    assert (second.status, second.content) == (500, b"broken")
    assert _Handler.flaky_calls == 2


def test_http_client_never_answers_from_the_cache_on_a_worker_thread(http_server):
    from qgis.core import QgsNetworkAccessManager
    _Handler.flaky_calls = 0
    got = []

    def worker():
        got.extend(QgisHttpClient(timeout_s=5).get(http_server + "/flaky") for _ in range(2))
    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(20)
    assert [(r.status, r.content) for r in got] == [(200, b'{"value": "first"}'), (500, b"broken")]
    assert QgsNetworkAccessManager.instance().cache() is not None  # QGIS's own manager keeps its cache


def test_http_client_timeout_and_bad_address(http_server):
    with pytest.raises(NetworkError, match="within 1 s"):
        print(QgisHttpClient(timeout_s=1).get(http_server + "/slow"))
    with pytest.raises(NetworkError, match="http"):
        print(QgisHttpClient().get("ftp://example.invalid/x"))


@pytest.fixture()
def basic_authcfg():
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("hd-test")
    config.setConfig("username", "erika")
    config.setConfig("password", "geheim")
    assert manager.storeAuthenticationConfig(config)[0]
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def test_http_client_uses_the_authcfg(http_server, basic_authcfg):
    assert QgisHttpClient(timeout_s=5).get(http_server + "/secret").status == 401
    assert QgisHttpClient(basic_authcfg, timeout_s=5).get(http_server + "/secret").status == 200


def test_resolve_store(basic_authcfg):
    assert resolve_store("/data/stadt.gpkg") == "/data/stadt.gpkg"
    conninfo = resolve_store("postgresql://db.example/kl", basic_authcfg)
    assert "user='erika'" in conninfo and "dbname='kl'" in conninfo
    assert "password='geheim'" in conninfo  # pragma: allowlist secret
    assert is_postgres(conninfo)
    with pytest.raises(ConnectionError_):
        resolve_store("no such connection")
    with pytest.raises(ConnectionError_):
        resolve_store("")
