"""Hostile servers against the HTTP layer (toolbelt/network.py): redirects to file: and to other servers,
credentials in addresses, missing authcfgs, endless answers. Real HTTP servers on 127.0.0.1."""
import base64
import http.server
import threading

import pytest
from qgis.core import QgsApplication, QgsAuthMethodConfig

from herzlich_digital_plugin.toolbelt.network import NetworkError, QgisHttpClient, origin_of, strip_userinfo

SECRET = "Basic " + base64.b64encode(b"erika:geheim").decode()  # pragma: allowlist secret


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers by path; remembers every (path, Authorization header) it saw in ``seen``."""
    seen = None
    other = ""  # address of the second server
    routes = {}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server naming
        type(self).seen.append((self.server.server_address[1], self.path, self.headers.get("Authorization")))
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            body = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        route(self)


def _redirect(location):
    def answer(handler):
        handler.send_response(302)
        handler.send_header("Location", location() if callable(location) else location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def _endless(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.end_headers()
    chunk = b"[" * 65536
    try:
        while True:
            handler.wfile.write(chunk)
    except OSError:
        pass


@pytest.fixture()
def servers():
    _Recorder.seen = []
    started = []
    for _ in range(2):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
    main, other = (f"http://127.0.0.1:{s.server_address[1]}" for s in started)
    _Recorder.routes = {
        "/to-file": _redirect("file:///etc/passwd"),
        "/to-other": _redirect(lambda: other + "/capture"),
        "/to-same": _redirect("/data"),
        "/endless": _endless,
    }
    yield main, other
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def basic_authcfg():
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("hd-hostile")
    config.setConfig("username", "erika")
    config.setConfig("password", "geheim")  # pragma: allowlist secret
    assert manager.storeAuthenticationConfig(config)[0]
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def test_a_redirect_to_a_local_file_is_refused(servers):
    main, _ = servers
    with pytest.raises(NetworkError, match="file:///etc/passwd") as caught:
        QgisHttpClient(timeout_s=5).get(main + "/to-file")
    assert "root:" not in str(caught.value)


def test_a_redirect_to_a_local_file_is_refused_with_an_authcfg(servers, basic_authcfg):
    main, _ = servers
    with pytest.raises(NetworkError, match="not followed"):
        QgisHttpClient(basic_authcfg, timeout_s=5).get(main + "/to-file")


def test_credentials_never_follow_a_redirect_to_another_server(servers, basic_authcfg):
    main, other = servers
    with pytest.raises(NetworkError, match="not followed"):
        QgisHttpClient(basic_authcfg, timeout_s=5).get(main + "/to-other")
    other_port = int(other.rsplit(":", 1)[1])
    assert [s for s in _Recorder.seen if s[0] == other_port] == []
    assert _Recorder.seen[0][2] == SECRET  # the origin itself got them


def test_a_redirect_within_the_origin_keeps_working(servers, basic_authcfg):
    main, _ = servers
    response = QgisHttpClient(basic_authcfg, timeout_s=5).get(main + "/to-same")
    assert (response.status, response.content) == (200, b'{"ok": true}')
    assert [path for _, path, auth in _Recorder.seen] == ["/to-same", "/data"]
    assert all(auth == SECRET for _, _, auth in _Recorder.seen)


def test_a_redirect_to_another_server_without_credentials_is_followed(servers):
    main, other = servers
    response = QgisHttpClient(timeout_s=5).get(main + "/to-other")
    assert response.status == 200
    assert [path for _, path, _ in _Recorder.seen] == ["/to-other", "/capture"]


def test_credentials_are_bound_to_their_origin(servers, basic_authcfg):
    main, other = servers
    client = QgisHttpClient(basic_authcfg, timeout_s=5, origin=main + "/v1.1")
    assert client.get(main + "/data").status == 200
    with pytest.raises(NetworkError, match="another server"):
        client.get(other + "/data")
    assert [path for _, path, _ in _Recorder.seen] == ["/data"]


def test_userinfo_in_an_address_is_refused_and_never_repeated(servers):
    main, _ = servers
    url = main.replace("http://", "http://bob:pw@") + "/data"
    with pytest.raises(NetworkError, match="user name or password") as caught:
        QgisHttpClient(timeout_s=5).get(url)
    assert "pw" not in str(caught.value) and "bob" not in str(caught.value)
    assert _Recorder.seen == []
    assert strip_userinfo("http://bob:pw@example.org:8080/v1.1") == "http://example.org:8080/v1.1"  # pragma: allowlist secret


def test_a_missing_authcfg_is_named(servers):
    main, _ = servers
    with pytest.raises(NetworkError, match="'nosuch1' does not exist"):
        QgisHttpClient("nosuch1", timeout_s=5).get(main + "/data")
    assert _Recorder.seen == []


def test_an_endless_answer_is_cut_with_a_message(servers):
    main, _ = servers
    with pytest.raises(NetworkError, match="larger than 2 MB") as caught:
        QgisHttpClient(timeout_s=20, max_bytes=2_000_000).get(main + "/endless")
    assert caught.value.too_large


def test_origin_of_defaults_ports():
    assert origin_of("https://Example.org/x") == ("https", "example.org", 443)
    assert origin_of("http://example.org:80/x") == origin_of("http://example.org/y")
    assert origin_of("http://example.org:8080/") != origin_of("http://example.org/")


def _challenge(handler):
    handler.send_response(401)
    handler.send_header("WWW-Authenticate", 'Basic realm="sensoren"')
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def test_a_401_in_a_background_request_never_asks_for_credentials(servers):
    """QGIS routes a 401 challenge of any thread to its auth handler, which in the desktop is a modal dialog."""
    from qgis.core import QgsNetworkAccessManager
    from qgis.PyQt.QtCore import QCoreApplication

    asked = []
    manager = QgsNetworkAccessManager.instance()

    def on_auth(request_id, realm):
        asked.append(realm)
    manager.requestRequiresAuth.connect(on_auth)  # emitted before QGIS's handler (the desktop's dialog) runs
    main, _ = servers
    _Recorder.routes["/locked"] = _challenge
    got = []
    try:
        worker = threading.Thread(target=lambda: got.append(QgisHttpClient(timeout_s=5).get(main + "/locked")))
        worker.start()
        for _ in range(300):  # the main thread keeps handling events, as the desktop does
            QCoreApplication.processEvents()
            worker.join(0.02)
            if not worker.is_alive():
                break
    finally:
        manager.requestRequiresAuth.disconnect(on_auth)
    assert not worker.is_alive()
    assert asked == [] and [r.status for r in got] == [401]
