"""Bad servers: down, slow (timeout), HTTP 401/404/500, HTML instead of JSON, truncated JSON, a next-link loop
and odd results and locations. Each gives one clear message per outage, keeps the layer's last good values
(marked stale), backs off, and recovers."""
import pytest
from qgis.core import NULL, Qgis, QgsCoordinateReferenceSystem, QgsProject, QgsRectangle, QgsReferencedRectangle

from herzlich_digital_plugin.democity.sensors import STREAMS
from herzlich_digital_plugin.sensors.messages import short_message
from sensor_gui_helpers import Messages, features_by_key, live_layer, now_utc, refresh_and_wait, strict_server

FAULTS = {  # name -> (fault options, error code, a fragment the message must show)
    "401": ({"kind": "status", "status": 401}, "unauthorized", "401"),
    "404": ({"kind": "status", "status": 404}, "not_found", "404"),
    "500": ({"kind": "status", "status": 500}, "server_error", "500"),
    "html": ({"kind": "html"}, "not_json", "JSON"),
    "truncated": ({"kind": "truncated"}, "truncated_json", "JSON"),
    "timeout": ({"kind": "slow", "delay_s": 2.5}, "timeout", "1"),
}


@pytest.fixture()
def sta():
    server = strict_server()
    yield server
    server.stop()


def _state(layer):
    return {key: (f["value"], f["time"], f.geometry().asWkt(0)) for key, f in features_by_key(layer).items()}


def _statuses(layer):
    return {f["status"] for f in layer.getFeatures()}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_failing_refresh_keeps_the_last_values_and_backs_off(qtbot, sta, name):
    options, code, fragment = FAULTS[name]
    messages = Messages()
    with live_layer(sta.url, messages, interval_s=30, timeout_s=1.0) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        good = _state(layer)
        assert len(good) == len(STREAMS) and _statuses(layer) == {"fresh"}

        sta.add_fault(path="Datastreams", **options)
        error = refresh_and_wait(qtbot, controller, succeed=False)
        assert error.code == code
        assert _state(layer) == good and _statuses(layer) == {"stale"}  # last values, shown as stale
        warnings = messages.texts(Qgis.MessageLevel.Warning)
        assert len(warnings) == 1 and short_message(error) in warnings[0] and fragment in warnings[0]
        assert "$expand" not in warnings[0]  # #17: the URL shortened (the full one is in the log)
        assert "refreshes only when asked" in warnings[0]  # not started: no retry is scheduled
        assert controller.delay_s == 60  # backed off: twice the interval

        for expected_delay in (120, 240):
            refresh_and_wait(qtbot, controller, succeed=False)
            assert controller.delay_s == expected_delay
        assert len(messages.texts(Qgis.MessageLevel.Warning)) == 1  # one message per outage, not per refresh

        sta.faults.clear()
        refresh_and_wait(qtbot, controller)
        assert _state(layer) == good and _statuses(layer) == {"fresh"}
        assert controller.delay_s == 30 and controller.outage is None
        assert len(messages.texts(Qgis.MessageLevel.Success)) == 1  # "live again", once


def test_a_server_that_is_down(qtbot, sta):
    messages = Messages()
    with live_layer(sta.url, messages, interval_s=300) as (layer, controller):
        refresh_and_wait(qtbot, controller)
        good = _state(layer)
        sta.stop()
        error = refresh_and_wait(qtbot, controller, succeed=False)
        assert error.code == "unreachable"
        assert _state(layer) == good and _statuses(layer) == {"stale"}
        refresh_and_wait(qtbot, controller, succeed=False)
        assert controller.delay_s == 600  # 300 → 600, capped at ten minutes
        refresh_and_wait(qtbot, controller, succeed=False)
        assert controller.delay_s == 600
        warnings = messages.texts(Qgis.MessageLevel.Warning)
        assert len(warnings) == 1 and "cannot be reached" in warnings[0]


def test_unreachable_at_the_start_leaves_an_empty_layer_and_one_message(qtbot, sta):
    sta.stop()
    messages = Messages()
    with live_layer(sta.url, messages) as (layer, controller):
        refresh_and_wait(qtbot, controller, succeed=False)
        refresh_and_wait(qtbot, controller, succeed=False)
        assert layer.featureCount() == 0 and len(messages.texts(Qgis.MessageLevel.Warning)) == 1


def test_a_next_link_loop_stops_paging_keeps_every_feature_and_warns_once(qtbot):
    sta = strict_server(default_top=5, max_top=5)
    messages = Messages()
    try:
        with live_layer(sta.url, messages) as (layer, controller):
            refresh_and_wait(qtbot, controller)
            good = _state(layer)
            sta.add_fault("loop", path="Datastreams$")
            snapshot = refresh_and_wait(qtbot, controller)
            assert not snapshot.complete and any(n.code == "nextlink_loop" for n in snapshot.notices)
            assert set(_state(layer)) == set(good)  # an incomplete list removes nothing
            refresh_and_wait(qtbot, controller)
            warnings = messages.texts(Qgis.MessageLevel.Warning)
            assert len(warnings) == 1 and "Paging of Datastreams stopped" in warnings[0]
    finally:
        sta.stop()


def test_odd_results_and_locations_are_shown_and_flagged(qtbot, sta):
    project = QgsProject.instance()
    kaiserslautern = QgsRectangle(405000, 5472000, 416000, 5482000)
    project.viewSettings().setDefaultViewExtent(
        QgsReferencedRectangle(kaiserslautern, QgsCoordinateReferenceSystem("EPSG:25832")))
    now = now_utc().timestamp() - 60
    swapped = sta.add_thing("Vertauscht", (49.4432, 7.7689))  # lat/lon order by mistake
    text = sta.add_thing("Kein GeoJSON", location="49.44,7.76", encoding="text/plain")
    outside = sta.add_thing("Außerhalb", (7.76, 149.44))
    streams = {}
    for thing, name, result in ((swapped, "Text", "gestört"), (text, "Null", None), (outside, "Liste", [1, 2])):
        streams[name] = sta.add_datastream(thing, name, "status", "")
        sta.add_observations(streams[name], [now], [result])
    messages = Messages()
    try:
        with live_layer(sta.url, messages) as (layer, controller):
            refresh_and_wait(qtbot, controller)
            by_name = {f["datastream"]: f for f in layer.getFeatures()}
            assert layer.featureCount() == len(STREAMS) + 3
            assert by_name["Text"]["result"] == "gestört" and by_name["Text"]["label"] == "gestört"
            assert by_name["Text"]["value"] == NULL and by_name["Text"]["status"] == "fresh"
            assert by_name["Text"]["location_flag"] == "swapped"
            point = by_name["Text"].geometry().asPoint()
            assert kaiserslautern.contains(point)  # corrected into the city
            assert by_name["Null"]["status"] == "no data" and by_name["Null"].geometry().isEmpty()
            assert by_name["Null"]["location_flag"] == "not_geojson"
            assert by_name["Liste"]["result"] == "[1, 2]" and by_name["Liste"]["location_flag"] == "out_of_range"
            assert by_name["Liste"].geometry().isEmpty()
            warnings = " ".join(messages.texts(Qgis.MessageLevel.Warning))
            assert "not a number" in warnings and "swapped" in warnings
    finally:
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle())


def test_the_outage_message_says_when_it_retries_and_ends_when_the_service_is_back(qtbot, sta):
    """#17: a sticky outage text (outageChanged) updated on every retry, cleared once live again."""
    texts = []
    with live_layer(sta.url, interval_s=30, timeout_s=1.0) as (layer, controller):
        controller.outageChanged.connect(texts.append)
        refresh_and_wait(qtbot, controller)
        controller.running = True  # as after start(), without its immediate refresh
        sta.add_fault("status", path="Datastreams", status=503)
        refresh_and_wait(qtbot, controller, succeed=False)
        refresh_and_wait(qtbot, controller, succeed=False)
        assert len(texts) == 2 and "(in 60 s)" in texts[0] and "(in 120 s)" in texts[1]
        assert "tries again at" in texts[1] and "/Datastreams" in texts[1] and "?" not in texts[1]
        assert controller.outage_text == texts[1] and controller.next_retry_at is not None
        sta.faults.clear()
        refresh_and_wait(qtbot, controller)
        assert texts[-1] == "" and controller.outage_text == "" and controller.next_retry_at is None
