"""Hostile SensorThings servers and inputs against the core client: next links to other servers, ids that
smuggle a path or query into a request, credentials in the address. Real HTTP servers on 127.0.0.1."""
import http.server
import json
import threading

import pytest

from herzlich_digital_plugin.core.sensorthings import RequestsTransport, StaError
from herzlich_digital_plugin.core.sensorthings.client import StaClient
from herzlich_digital_plugin.core.sensorthings.history import fetch_history
from herzlich_digital_plugin.core.sensorthings.urls import check_id, entity_path, parse_id, same_origin

ROOT_DOC = {"value": [{"name": "Datastreams", "url": "x"}, {"name": "Things", "url": "x"}]}


class _Sta(http.server.BaseHTTPRequestHandler):
    seen = None
    pages = {}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server naming
        type(self).seen.append((self.server.server_address[1], self.path, self.headers.get("Authorization")))
        path = self.path.split("?")[0]
        document = self.pages.get(path, ROOT_DOC if path.endswith("/v1.1") else None)
        body = json.dumps(document() if callable(document) else document).encode()
        self.send_response(200 if document is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def two_servers():
    _Sta.seen = []
    started = []
    for _ in range(2):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sta)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
    yield [f"http://127.0.0.1:{s.server_address[1]}" for s in started]
    for server in started:
        server.shutdown()
        server.server_close()


def test_a_next_link_to_another_server_is_not_followed(two_servers):
    main, other = two_servers
    _Sta.pages = {
        "/v1.1/Things": lambda: {"value": [{"@iot.id": 1}], "@iot.nextLink": other + "/v1.1/Things?$skip=1"},
        "/v1.1/Datastreams": lambda: {"value": [{"@iot.id": 1}], "@iot.nextLink": main + "/v1.1/D2"},
        "/v1.1/D2": {"value": [{"@iot.id": 2}]},
    }
    client = StaClient(main + "/v1.1", RequestsTransport(timeout_s=5, headers={"Authorization": "Bearer geheim"}))
    things = client.collect("Things")
    assert [t["@iot.id"] for t in things.items] == [1] and not things.complete
    assert [n.code for n in things.notices] == ["nextlink_foreign"]
    assert "another server" in things.notices[0].text()
    other_port = int(other.rsplit(":", 1)[1])
    assert [s for s in _Sta.seen if s[0] == other_port] == []
    same = client.collect("Datastreams")  # a next link on the same server still pages
    assert [d["@iot.id"] for d in same.items] == [1, 2] and same.complete


@pytest.mark.parametrize("typed", ["1)/../../Things?$x=(", "'1)/../../Things?$x=('", "a/b", "..", "x#y",
                                   "50%2F..", "x\\y", "a\nb"])
def test_ids_that_would_leave_their_path_segment_are_refused(two_servers, typed):
    main, _ = two_servers
    client = StaClient(main + "/v1.1", RequestsTransport(timeout_s=5))
    client.service()
    before = len(_Sta.seen)
    with pytest.raises(StaError) as caught:
        fetch_history(client, parse_id(typed), *_span())
    assert caught.value.code == "bad_id" and "not a valid entity id" in caught.value.text()
    assert len(_Sta.seen) == before  # nothing was requested


def test_valid_ids_still_work_and_are_quoted():
    assert entity_path("Datastreams", "Zähler (Süd)", "Observations") == \
        "Datastreams('Z%C3%A4hler%20%28S%C3%BCd%29')/Observations"
    assert entity_path("Things", "o'b") == "Things('o''b')"
    assert entity_path("Things", "urn:kl:1-a.b_c~d") == "Things('urn%3Akl%3A1-a.b_c~d')"
    assert check_id(-5) == -5
    for bad in ("", "x" * 201, 1.5, None):
        with pytest.raises(ValueError):
            check_id(bad)


def test_credentials_in_the_address_are_refused_and_never_repeated():
    with pytest.raises(StaError) as caught:
        StaClient("http://bob:pw@sensors.example/v1.1", RequestsTransport())  # pragma: allowlist secret
    assert caught.value.code == "userinfo"
    assert "pw" not in caught.value.text() and "bob" not in caught.value.text()
    assert "http://sensors.example/v1.1" in caught.value.text()


def test_same_origin():
    assert same_origin("http://h/v1.1/x", "http://H:80/v1.1")
    assert not same_origin("http://h:8081/v1.1", "http://h:8080/v1.1")
    assert not same_origin("https://h/v1.1", "http://h/v1.1")


def _span():
    from datetime import datetime, timezone
    return datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2026, 1, 2, tzinfo=timezone.utc)
