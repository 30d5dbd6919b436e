"""SensorThings client against the strict test server over real HTTP: service root, paging, errors."""
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from herzlich_digital_plugin.core.sensorthings import RequestsTransport, StaClient, StaError  # noqa: E402
from sta_strict_server import StrictSta  # noqa: E402


def _server(n_things=250, **options):
    sta = StrictSta(**options)
    for i in range(n_things):
        sta.add_thing(f"Thing {i}", (7.7 + i * 1e-4, 49.4))
    return sta


@pytest.fixture
def strict():
    sta = _server()
    sta.start()
    yield sta
    sta.stop()


def _client(url, **options):
    return StaClient(url, RequestsTransport(timeout_s=options.pop("timeout_s", 10.0)), **options)


@pytest.mark.parametrize("suffix", ["", "/"])
def test_service_root_with_or_without_trailing_slash(strict, suffix):
    client = _client(strict.url + suffix)
    info = client.service()
    assert info.root == strict.url and info.version == "v1.1"
    assert info.has("Datastreams") and info.multidatastream
    assert any(c.endswith("/req/request-data") for c in info.conformance)
    assert client.requests == 1
    client.service()
    assert client.requests == 1  # read once


def test_root_only_served_with_a_slash_is_found(strict):
    strict.add_fault("status", path=r"/v1\.1$", status=404)
    client = _client(strict.url)
    assert client.service().root == strict.url
    assert client.requests == 2


def test_string_ids_are_quoted_in_paths():
    sta = StrictSta(id_style="str")
    thing = sta.add_thing("Quoted", (7.7, 49.4))
    with sta.serve() as url:
        client = _client(url)
        body = client.get_json(client.url(client.entity_path("Things", thing)))
        assert body["@iot.id"] == thing == "th-1"
        with pytest.raises(StaError) as error:  # unquoted string id: the strict server does not guess
            client.get_json(client.url("Things(th-1)"))
        assert error.value.code == "not_found"


def test_paging_follows_next_links_and_respects_a_capped_top(strict):
    client = _client(strict.url, page_size=1000)
    strict.max_top = 100  # the server caps $top=1000 at 100 without complaint (as FROST's maxTop does)
    things = client.collect("Things", [("$select", "id,name")])
    assert [t["name"] for t in things.items] == [f"Thing {i}" for i in range(250)]
    assert things.complete and things.pages == 3 and not things.notices
    assert strict.requests_to("$skip=100") == 1 and strict.requests_to("$skip=200") == 1


def test_page_size_below_the_cap_gives_more_pages(strict):
    things = _client(strict.url, page_size=50).collect("Things")
    assert len(things.items) == 250 and things.pages == 5


def test_duplicates_across_pages_are_dropped(strict):
    # a server whose pages overlap (unstable order): page 2 repeats ids of page 1
    original = strict.collection_json

    def overlapping(collection, ids, options, path, query):
        if options.get("$skip") == "100":
            options = dict(options, **{"$skip": "90"})
        return original(collection, ids, options, path, query)

    strict.collection_json = overlapping
    things = _client(strict.url, page_size=100).collect("Things")
    ids = [t["@iot.id"] for t in things.items]
    assert len(ids) == len(set(ids)) == 250  # pages 0..99, 90..189 (ten repeated), 190..249


def test_next_link_loop_stops_with_a_notice(strict):
    strict.add_fault("loop", path=r"/Things$", query="$skip=100")
    things = _client(strict.url, page_size=100).collect("Things")
    assert len(things.items) == 200 and not things.complete
    assert [n.code for n in things.notices] == ["nextlink_loop"]
    assert "200 entities were read" in str(things.notices[0])


def test_max_pages_stops_with_a_notice(strict):
    things = _client(strict.url, page_size=100, max_pages=2).collect("Things")
    assert len(things.items) == 200 and things.pages == 2
    assert [n.code for n in things.notices] == ["max_pages"]


def test_entity_cap_stops_with_a_notice(strict):
    things = _client(strict.url, page_size=100).collect("Things", limit=120)
    assert len(things.items) == 120 and not things.complete
    assert [n.code for n in things.notices] == ["capped"]
    exact = _client(strict.url, page_size=100).collect("Things", limit=250)
    assert len(exact.items) == 250 and exact.complete and not exact.notices


def test_a_rejected_top_is_retried_without_it_once(strict):
    strict.add_fault("status", path=r"/Things$", query="$top=1000", status=422)
    client = _client(strict.url, page_size=1000)
    things = client.collect("Things")
    assert len(things.items) == 250 and [n.code for n in things.notices] == ["top_rejected"]
    requests = client.requests
    client.collect("Things")
    assert client.requests - requests == 3  # 100 per page, no second rejected attempt


# ---------------------------------------------------------------------------------------------- errors

def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_down():
    with pytest.raises(StaError) as error:
        _client(f"http://127.0.0.1:{_free_port()}/v1.1").service()
    assert error.value.code == "unreachable" and "cannot be reached" in str(error.value)


def test_slow_server_times_out(strict):
    strict.add_fault("slow", path="Things", delay_s=2.0)
    client = _client(strict.url, timeout_s=0.5)
    with pytest.raises(StaError) as error:
        client.collect("Things")
    assert error.value.code == "timeout" and "0.5 s" in str(error.value)


@pytest.mark.parametrize("status, code, words", [(401, "unauthorized", "Check the authentication"),
                                                 (404, "not_found", "usually ends with /v1.1"),
                                                 (500, "server_error", "Failed to execute query")])
def test_http_errors_give_clear_messages(strict, status, code, words):
    strict.add_fault("status", path="Things", status=status)
    with pytest.raises(StaError) as error:
        _client(strict.url).collect("Things")
    assert error.value.code == code and error.value.status == status and words in str(error.value)


def test_basic_auth_is_sent_by_the_transport(strict):
    strict.auth = "Basic dXNlcjpwdw=="  # user:pw
    with pytest.raises(StaError) as error:
        _client(strict.url).service()
    assert error.value.code == "unauthorized"
    client = StaClient(strict.url, RequestsTransport(auth=("user", "pw")))
    assert client.service().has("Things")


def test_html_instead_of_json(strict):
    strict.add_fault("html", path="Things")
    with pytest.raises(StaError) as error:
        _client(strict.url).collect("Things")
    assert error.value.code == "not_json" and "<!DOCTYPE html>" in str(error.value)


def test_truncated_json(strict):
    strict.add_fault("truncated", path="Things", query="$skip=100")
    with pytest.raises(StaError) as error:
        _client(strict.url, page_size=100).collect("Things")
    assert error.value.code == "truncated_json" and "$skip=100" in error.value.params["url"]


def test_not_a_sensorthings_root(strict):
    strict.add_fault("html", path=r"/v1\.1/?$")
    with pytest.raises(StaError) as error:
        _client(strict.url).service()
    assert error.value.code == "not_json"
    with pytest.raises(StaError) as error:
        StaClient("not a url", RequestsTransport())
    assert error.value.code == "bad_address"
