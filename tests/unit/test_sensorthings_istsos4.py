"""The client against real istSOS4 answers (../shared/fixtures/sensorthings): next links with percent-encoded
``%24top`` followed as sent, explicit nulls (resultTime, properties), interval phenomenonTimes."""
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from herzlich_digital_plugin.core.sensorthings import StaClient, fetch_history, parse_observation  # noqa: E402
from herzlich_digital_plugin.core.sensorthings.observations import parse_phenomenon_time  # noqa: E402
from shared_fixtures import shared_fixture  # noqa: E402

ROOT = "https://istsos.org/v4/v1.1"
UTC = timezone.utc


def _fixture(name):
    return shared_fixture("sensorthings", name).read_bytes()


class Replay:
    """Answers each URL with a recorded body; the last page (invented) ends the paging."""

    def __init__(self, pages):
        self.pages = pages
        self.asked = []

    def get_json(self, url):
        self.asked.append(url)
        if url in (ROOT, ROOT + "/"):
            return 200, json.dumps({"value": [{"name": n, "url": f"{ROOT}/{n}"} for n in
                                              ("Things", "Locations", "Datastreams", "Observations")]}).encode()
        for prefix, body in self.pages:
            if url.startswith(prefix):
                return 200, body
        return 404, b'{"message": "not recorded"}'


def test_a_percent_encoded_next_link_is_followed_exactly_as_sent():
    replay = Replay([(f"{ROOT}/Datastreams?%24top=3&%24skip=3", b'{"value": []}'),
                     (f"{ROOT}/Datastreams", _fixture("istsos4_Datastreams_top3_nextLink_interval.json"))])
    collection = StaClient(ROOT, replay, page_size=3).collect("Datastreams")
    assert [d["@iot.id"] for d in collection.items] == [16, 17, 18] and collection.complete
    assert replay.asked[-1] == f"{ROOT}/Datastreams?%24top=3&%24skip=3"  # not %2524top: no second encoding
    starts_ends = [parse_phenomenon_time(d["phenomenonTime"]) for d in collection.items]
    assert starts_ends[0] == (datetime(2015, 3, 1, tzinfo=UTC), datetime(2015, 3, 3, tzinfo=UTC))
    assert all(d["resultTime"] is None for d in collection.items)  # explicit nulls, kept as they are


def test_observations_with_explicit_nulls_take_their_time_from_phenomenon_time():
    body = json.loads(_fixture("istsos4_Observations_top3_nextLink.json"))
    observations = [parse_observation(entity) for entity in body["value"]]
    assert [(o.time.day, o.value, o.result_time) for o in observations] == [(1, 1.0, None), (2, 2.0, None),
                                                                            (3, 3.0, None)]
    expanded = json.loads(_fixture("istsos4_Datastreams16_Observations_expand_Datastream_FOI.json"))
    first = parse_observation(expanded["value"][0])
    assert first.time == first.start == datetime(2015, 3, 1, tzinfo=UTC) and first.kind == "numeric"


def test_history_over_istsos4_pages_with_an_encoded_filter_in_the_next_link():
    filtered = json.loads(_fixture("istsos4_Observations_count_top1_skip2_filter_nextLink.json"))
    link = filtered["@iot.nextLink"]
    assert "%24filter=result%20gt%20%273%27" in link
    replay = Replay([(link, b'{"value": []}'),
                     (f"{ROOT}/Datastreams(16)/Observations", json.dumps(filtered).encode())])
    history = fetch_history(StaClient(ROOT, replay), 16, datetime(2015, 3, 1, tzinfo=UTC),
                            datetime(2015, 3, 31, tzinfo=UTC))
    assert replay.asked[-1] == link  # the quote and the spaces stay encoded once
    assert len(history) == 1 and history.values.tolist() == [6.0] and history.order_field == "phenomenonTime"
    assert history.rows()[0]["time"] == datetime(2015, 3, 6, tzinfo=UTC)
