"""Hostile SensorThings servers and parameters through QGIS's network stack and processing.run: a redirect to
a local file, next links and redirects to other servers with an authcfg, ids that smuggle a path."""
import base64
import http.server
import json
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProcessingException

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from herzlich_digital_plugin.core.sensorthings import StaError  # noqa: E402
from herzlich_digital_plugin.processing.provider import PROVIDER_ID, HerzlichDigitalProvider  # noqa: E402
from herzlich_digital_plugin.sensors.client import qgis_sta_client  # noqa: E402
from sta_fixtures import demo_strict_server  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 7, 30, tzinfo=timezone.utc)
SECRET = "Basic " + base64.b64encode(b"erika:geheim").decode()  # pragma: allowlist secret
ROOT_DOC = {"value": [{"name": "Datastreams", "url": "x"}, {"name": "Things", "url": "x"}]}


@pytest.fixture(scope="module")
def provider(qgis_processing):
    registry = QgsApplication.processingRegistry()
    ours = registry.providerById(PROVIDER_ID)
    if ours is None:
        ours = HerzlichDigitalProvider()
        registry.addProvider(ours)
        yield ours
        registry.removeProvider(ours)
    else:
        yield ours


def _run(algorithm, parameters):
    from qgis import processing

    return processing.run(f"herzlich_digital:{algorithm}", parameters)


class _Hostile(http.server.BaseHTTPRequestHandler):
    seen = []
    routes = {}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server naming
        type(self).seen.append((self.server.server_address[1], self.path, self.headers.get("Authorization")))
        answer = self.routes.get(self.path.split("?")[0])
        if isinstance(answer, str):  # a redirect
            self.send_response(302)
            self.send_header("Location", answer)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps(answer if answer is not None else ROOT_DOC).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def hostile():
    _Hostile.seen = []
    started = []
    for _ in range(2):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
    yield [f"http://127.0.0.1:{s.server_address[1]}" for s in started]
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def basic_authcfg():
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("hd-hostile-sta")
    config.setConfig("username", "erika")
    config.setConfig("password", "geheim")  # pragma: allowlist secret
    assert manager.storeAuthenticationConfig(config)[0]
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def test_fetchsensors_never_reads_a_local_file_through_a_redirect(provider, hostile, tmp_path):
    main, _ = hostile
    _Hostile.routes = {"/v1.1": "file:///etc/passwd", "/v1.1/": "file:///etc/passwd"}
    with pytest.raises(QgsProcessingException) as caught:
        _run("fetchsensors", {"URL": main + "/v1.1", "OUTPUT": str(tmp_path / "s.gpkg")})
    assert "not followed" in str(caught.value) and "root:" not in str(caught.value)


def test_credentials_stay_on_their_server_for_next_links_and_redirects(qgis_processing, hostile, basic_authcfg):
    main, other = hostile
    _Hostile.routes = {
        "/v1.1/Things": {"value": [{"@iot.id": 1}], "@iot.nextLink": other + "/v1.1/Things?$skip=1"},
        "/v1.1/Datastreams": other + "/v1.1/Datastreams",
    }
    client = qgis_sta_client(main + "/v1.1", basic_authcfg, timeout_s=5)
    things = client.collect("Things")
    assert [t["@iot.id"] for t in things.items] == [1] and things.notices[0].code == "nextlink_foreign"
    with pytest.raises(StaError, match="not followed"):
        client.collect("Datastreams")
    other_port = int(other.rsplit(":", 1)[1])
    assert [s for s in _Hostile.seen if s[0] == other_port] == []
    assert {auth for _, _, auth in _Hostile.seen} == {SECRET}


def test_sensorhistory_refuses_a_path_hidden_in_the_datastream_id(provider):
    sta = demo_strict_server(NOW, days=0.1)
    with sta.serve() as url:
        for typed in ("1)/../../Things?$x=(", "'1)/../../Things?$x=('"):
            requests_before = len(sta.log)
            with pytest.raises(QgsProcessingException, match="not a valid entity id"):
                _run("sensorhistory", {"URL": url, "DATASTREAM": typed, "OUTPUT": "TEMPORARY_OUTPUT"})
            assert not any("Things" in line for line in sta.log[requests_before:])


def test_fetchsensors_refuses_credentials_in_the_address(provider):
    with pytest.raises(QgsProcessingException) as caught:
        _run("fetchsensors", {"URL": "http://bob:pw@127.0.0.1:9/v1.1", "OUTPUT": "TEMPORARY_OUTPUT"})  # pragma: allowlist secret
    assert "user name or password" in str(caught.value) and "pw@" not in str(caught.value)
