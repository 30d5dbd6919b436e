"""User messages of the SensorThings client: English templates, translated by the caller.

The core has no Qt, so it cannot translate. Each message is a code plus parameters; ``text(translate)`` formats
it, and the QGIS adapter passes ``toolbelt.i18n.tr`` as ``translate``. The templates are wrapped in
``QT_TR_NOOP`` so pylupdate5 files them under the same context (@default) as ``tr()``.
"""
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name pylupdate5 looks for
    return text


MESSAGES: Dict[str, str] = {
    # errors: the request failed, the layer keeps its last good state
    "unreachable": QT_TR_NOOP("The SensorThings server at {url} cannot be reached: {detail}"),
    "timeout": QT_TR_NOOP("The SensorThings server at {url} did not answer within {seconds} s."),
    "unauthorized": QT_TR_NOOP(
        "The SensorThings server refused access (HTTP {status}) to {url}. Check the authentication."),
    "not_found": QT_TR_NOOP(
        "Not found (HTTP 404): {url}. Check the service address; it usually ends with /v1.1."),
    "server_error": QT_TR_NOOP("The SensorThings server failed (HTTP {status}) at {url}: {detail}"),
    "http_error": QT_TR_NOOP("The SensorThings server answered HTTP {status} at {url}: {detail}"),
    "not_json": QT_TR_NOOP(
        "The answer from {url} is not JSON (it starts with “{start}”). Is this a SensorThings address?"),
    "truncated_json": QT_TR_NOOP("The answer from {url} is cut off or broken JSON: {detail}"),
    "not_sta": QT_TR_NOOP("{url} does not look like a SensorThings service: {detail}"),
    "bad_address": QT_TR_NOOP("Not a valid http(s) address: {url}"),
    "userinfo": QT_TR_NOOP("The address {url} contains a user name or password; remove them and choose an "
                           "authentication configuration (authcfg) instead."),
    "bad_id": QT_TR_NOOP("“{id}” is not a valid entity id: use a number or a name without / \\ ? # % or “..”."),
    # notices: the result is usable, but the user should know
    "nextlink_loop": QT_TR_NOOP(
        "Paging of {collection} stopped: the next link {url} leads back to a page already read. "
        "{count} entities were read."),
    "nextlink_foreign": QT_TR_NOOP(
        "Paging of {collection} stopped: the next link {url} points to another server; it is not followed "
        "(and no credentials are sent there). {count} entities were read."),
    "no_progress": QT_TR_NOOP(
        "Paging of {collection} stopped at {url}: the page brought no new entities. {count} were read."),
    "max_pages": QT_TR_NOOP(
        "Paging of {collection} stopped after {pages} pages (the limit). {count} entities were read; "
        "the list is incomplete."),
    "capped": QT_TR_NOOP("The server has more than {limit} {collection}: only the first {limit} are used."),
    "top_rejected": QT_TR_NOOP(
        "The server rejected a page size of {top} (HTTP {status}); its own page size is used."),
    "order_fallback": QT_TR_NOOP(
        "The server cannot order observations by phenomenonTime (HTTP {status}); resultTime is used instead."),
    "result_not_numeric": QT_TR_NOOP(
        "{count} datastreams have a latest result that is not a number (for example “{example}”)."),
    "location_not_geojson": QT_TR_NOOP(
        "{count} Things have a location that is not a GeoJSON position (for example {example}); "
        "they are shown without a position."),
    "location_out_of_range": QT_TR_NOOP(
        "{count} Things have coordinates outside the longitude/latitude range (latitude and longitude "
        "swapped?), for example {example}; they are shown without a position."),
    "location_swapped": QT_TR_NOOP(
        "{count} Things have latitude and longitude swapped (for example {example}); the swap was corrected."),
    "location_implausible": QT_TR_NOOP(
        "{count} Things lie far outside the area of the other sensors (for example {example}); they are shown "
        "there but flagged “implausible”: check their coordinates."),
    "no_thing": QT_TR_NOOP(
        "{count} datastreams belong to no Thing the server listed; they are shown without a position."),
    "no_multidatastream": QT_TR_NOOP("The server lists MultiDatastreams, but they could not be read: {detail}"),
    "history_truncated": QT_TR_NOOP("The history was cut at {count} observations (the limit)."),
}

ERROR, WARNING, INFO = "error", "warning", "info"


def render(code: str, params: Dict, translate: Optional[Callable[[str], str]] = None) -> str:
    template = MESSAGES.get(code, code)
    if translate is not None:
        template = translate(template)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder must not crash
        return MESSAGES.get(code, code).format(**params)


@dataclass(frozen=True)
class Notice:
    """Something the user should know about a usable result (a warning or an info)."""

    code: str
    params: Dict = field(default_factory=dict)
    level: str = WARNING

    def text(self, translate: Optional[Callable[[str], str]] = None) -> str:
        return render(self.code, self.params, translate)

    def __str__(self) -> str:
        return self.text()


class StaError(Exception):
    """A request or answer that makes the result unusable; ``text(tr)`` is the user message. ``page``: which
    page of a paged collection failed (1: the first, the one a query's options are judged by)."""

    page = 1

    def __init__(self, code: str, status: Optional[int] = None, **params):
        self.code = code
        self.status = status
        self.params = dict(params, status=status) if status is not None else dict(params)
        super().__init__(render(code, self.params))

    def text(self, translate: Optional[Callable[[str], str]] = None) -> str:
        return render(self.code, self.params, translate)


class FetchCancelled(Exception):
    """The caller's ``cancelled()`` returned True between requests."""
