"""SensorThings API client: service root, JSON answers with clear errors, and paging over collections."""
import json
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from ..json_limits import JsonTooDeepError, check_json_depth
from .messages import INFO, Notice, StaError
from .transport import TransportError
from .urls import (EntityId, Params, build_url, clean_next_link, entity_path, normalise_root, same_origin,
                   strip_userinfo)

DEFAULT_PAGE_SIZE = 1000  # asked for with $top; servers cap it (FROST: maxTop) or reject it (then: no $top)
DEFAULT_MAX_PAGES = 1000
DEFAULT_MAX_ENTITIES = 50000
MQTT_CONFORMANCE = "create-observations-via-mqtt"
MULTI_DATASTREAM_CONFORMANCE = "multi-datastream"


@dataclass
class ServiceInfo:
    root: str  # without trailing slash; collection URLs are root + "/" + name
    version: str  # "v1.1" (for MQTT topics)
    conformance: List[str]
    collections: Dict[str, str]
    settings: Dict = field(default_factory=dict)

    def has(self, collection: str) -> bool:
        return collection in self.collections

    @property
    def multidatastream(self) -> bool:
        return self.has("MultiDatastreams") or any(MULTI_DATASTREAM_CONFORMANCE in c for c in self.conformance)

    @property
    def mqtt_endpoints(self) -> List[str]:
        """MQTT broker addresses the server advertises (FROST: serverSettings[<mqtt class>].endpoints)."""
        out = []
        for key, value in self.settings.items():
            if "mqtt" in key.lower() and isinstance(value, dict):
                out += [e for e in value.get("endpoints", []) if isinstance(e, str)]
        return out


@dataclass
class Collection:
    items: List[dict]
    pages: int
    complete: bool
    notices: List[Notice] = field(default_factory=list)


class StaClient:
    """One SensorThings service. ``requests`` counts every HTTP request made, retries included."""

    def __init__(self, url: str, transport, page_size: Optional[int] = DEFAULT_PAGE_SIZE,
                 max_pages: int = DEFAULT_MAX_PAGES, max_entities: int = DEFAULT_MAX_ENTITIES,
                 log: Optional[Callable[[str], None]] = None):
        try:
            self.given_root = normalise_root(url)
        except ValueError:
            if "@" in (url or "").split("//", 1)[-1].split("/", 1)[0]:
                raise StaError("userinfo", url=strip_userinfo((url or "").strip()))
            raise StaError("bad_address", url=url)
        self.transport = transport
        self.page_size = page_size
        self.max_pages = max_pages
        self.max_entities = max_entities
        self.log = log or (lambda message: None)
        self.requests = 0
        self._service: Optional[ServiceInfo] = None
        self._top_rejected = False
        self.order_fallback_status: Optional[int] = None  # set while ordering by phenomenonTime is refused
        self.order_fallback_at: Optional[float] = None  # time.monotonic() of that refusal

    # ------------------------------------------------------------------------------------------- HTTP + JSON

    def get_json(self, url: str):
        """The parsed JSON at ``url``; StaError for anything else."""
        self.requests += 1
        try:
            status, body = self.transport.get_json(url)
        except TransportError as error:
            if error.kind == "timeout":
                raise StaError("timeout", url=url, seconds=_seconds(error.seconds))
            raise StaError("unreachable", url=url, detail=error.detail or error.kind)
        if isinstance(body, bytes):
            body = body.decode("utf-8", errors="replace")
        body = body or ""
        status = int(status or 0)
        if status == 0:
            raise StaError("unreachable", url=url, detail=_excerpt(body) or "no HTTP status")
        if status in (401, 403):
            raise StaError("unauthorized", status, url=url)
        if status == 404:
            raise StaError("not_found", status, url=url)
        if status >= 400:
            raise StaError("server_error" if status >= 500 else "http_error", status, url=url,
                           detail=_error_detail(body))
        return parse_json(body, url)

    # ------------------------------------------------------------------------------------------- service root

    def service(self) -> ServiceInfo:
        """The service root document (read once). Tries the address as given, then with a trailing slash."""
        if self._service is not None:
            return self._service
        problem = None
        for url in (self.given_root, self.given_root + "/"):
            try:
                self._service = _service_info(self.given_root, url, self.get_json(url))
                return self._service
            except StaError as error:
                if error.code not in ("not_found", "not_json", "not_sta", "http_error"):
                    raise
                # Keep the error, not its traceback: the traceback's frames reach the caller's frames (a
                # Processing algorithm's sink), and the cycle frame -> problem -> traceback -> frame would keep
                # them alive after a successful retry, so a GeoPackage output was never committed.
                problem = problem or error.with_traceback(None)
        raise problem

    @property
    def top_rejected(self) -> bool:
        return self._top_rejected

    @property
    def root(self) -> str:
        return self.service().root

    def url(self, path: str, params: Params = ()) -> str:
        return build_url(self.root, path, params)

    @staticmethod
    def entity_path(collection: str, entity_id: EntityId, *navigation: str) -> str:
        return safe_entity_path(collection, entity_id, *navigation)

    # ------------------------------------------------------------------------------------------- paging

    def collect(self, path: str, params: Params = (), what: str = "", limit: Optional[int] = None) -> Collection:
        """Every entity of a collection: follows @iot.nextLink (opaque, spaces encoded), deduplicates by
        @iot.id, stops at loops, at pages without progress, at ``max_pages`` and at ``limit`` entities."""
        what = what or path.split("?")[0]
        limit = self.max_entities if limit is None else limit
        notices: List[Notice] = []
        body, url = self._first_page(path, list(params), notices)
        items: List[dict] = []
        seen_ids = set()
        visited = {url}
        pages = 1
        while True:
            values = body.get("value") if isinstance(body, dict) else None
            if not isinstance(values, list):
                raise StaError("not_sta", url=url, detail="no “value” list in the answer")
            new = 0
            for item in values:
                if not isinstance(item, dict):
                    continue
                key = item.get("@iot.id")
                if key is not None:
                    key = str(key)
                    if key in seen_ids:
                        continue
                    seen_ids.add(key)
                if len(items) >= limit:
                    notices.append(Notice("capped", {"limit": limit, "collection": what}))
                    return Collection(items, pages, False, notices)
                items.append(item)
                new += 1
            link = body.get("@iot.nextLink")
            if not link or not isinstance(link, str):
                return Collection(items, pages, True, notices)
            next_url = clean_next_link(link, url)
            if not same_origin(next_url, self.given_root):
                # another server (or scheme, or port): neither its data nor our credentials belong there
                notices.append(Notice("nextlink_foreign", {"collection": what, "url": strip_userinfo(next_url)[:200],
                                                           "count": len(items)}))
                return Collection(items, pages, False, notices)
            if next_url in visited:
                notices.append(Notice("nextlink_loop", {"collection": what, "url": next_url, "count": len(items)}))
                return Collection(items, pages, False, notices)
            if new == 0:
                notices.append(Notice("no_progress", {"collection": what, "url": url, "count": len(items)}))
                return Collection(items, pages, False, notices)
            if len(items) >= limit:
                notices.append(Notice("capped", {"limit": limit, "collection": what}))
                return Collection(items, pages, False, notices)
            if pages >= self.max_pages:
                notices.append(Notice("max_pages", {"collection": what, "pages": pages, "count": len(items)}))
                return Collection(items, pages, False, notices)
            visited.add(next_url)
            url = next_url
            try:
                body = self.get_json(url)
            except StaError as error:
                error.page = pages + 1  # a later page failing says nothing about the query itself
                raise
            pages += 1

    def _first_page(self, path: str, params: List[Tuple[str, str]], notices: List[Notice]):
        add_top = bool(self.page_size) and not self._top_rejected and not any(k == "$top" for k, _ in params)
        url = self.url(path, params + [("$top", str(self.page_size))] if add_top else params)
        try:
            return self.get_json(url), url
        except StaError as error:
            if not (add_top and error.status in (400, 422)):
                raise
            # e.g. django-ogc-sensorthings answers 422 to $top > 100 instead of capping it
            self._top_rejected = True
            notices.append(Notice("top_rejected", {"top": self.page_size, "status": error.status}, INFO))
            self.log(f"$top={self.page_size} rejected with HTTP {error.status}; retrying without $top")
            url = self.url(path, params)
            return self.get_json(url), url

    def collect_navigation(self, collection: str, entity_id: EntityId, navigation: str, params: Params = (),
                           what: str = "") -> Collection:
        return self.collect(safe_entity_path(collection, entity_id, navigation), params, what or navigation)


def safe_entity_path(collection: str, entity_id: EntityId, *navigation: str) -> str:
    """``urls.entity_path`` with a refused id as a StaError (a message for the user)."""
    try:
        return entity_path(collection, entity_id, *navigation)
    except (ValueError, TypeError):
        raise StaError("bad_id", id=str(entity_id)[:80])


def expanded(entity: dict, name: str) -> Tuple[list, bool]:
    """An expanded to-many collection of ``entity`` and whether the server truncated it (nested next link)."""
    values = entity.get(name)
    if not isinstance(values, list):
        values = []
    truncated = bool(entity.get(f"{name}@iot.nextLink"))
    return values, truncated


def parse_json(text: str, url: str):
    stripped = text.strip()
    if not stripped:
        raise StaError("truncated_json", url=url, detail="empty answer")
    if stripped[0] not in "{[":
        raise StaError("not_json", url=url, start=_excerpt(stripped, 40))
    try:
        return json.loads(check_json_depth(stripped))
    except JsonTooDeepError as error:
        raise StaError("truncated_json", url=url, detail=str(error))
    except json.JSONDecodeError as error:
        if error.pos >= len(stripped) - 1:
            detail = f"it ends after {len(stripped)} characters"
        else:
            detail = f"{error.msg} at character {error.pos}"
        raise StaError("truncated_json", url=url, detail=detail)
    except RecursionError:
        raise StaError("truncated_json", url=url, detail="nested too deeply")


def _service_info(given_root: str, url: str, document) -> ServiceInfo:
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise StaError("not_sta", url=url, detail="no list of collections")
    collections = {}
    for entry in document["value"]:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            collections[entry["name"]] = str(entry.get("url") or "")
    if "Datastreams" not in collections:
        raise StaError("not_sta", url=url, detail="it lists no Datastreams")
    settings = document.get("serverSettings") if isinstance(document.get("serverSettings"), dict) else {}
    conformance = [c for c in settings.get("conformance", []) if isinstance(c, str)]
    match = re.search(r"/(v\d+\.\d+)$", given_root)
    return ServiceInfo(given_root, match.group(1) if match else "v1.1", conformance, collections, settings)


def _error_detail(body: str) -> str:
    stripped = body.strip()
    if stripped.startswith("{"):
        try:
            document = json.loads(stripped)
        except json.JSONDecodeError:
            document = None
        if isinstance(document, dict):
            for key in ("message", "detail", "error", "title"):
                if document.get(key):
                    return _excerpt(json.dumps(document[key], ensure_ascii=False)
                                    if not isinstance(document[key], str) else document[key])
    return _excerpt(re.sub(r"<[^>]*>", " ", stripped))


def _excerpt(text: str, length: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def _seconds(value) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else "?"


def ids_of(items: Sequence[dict]) -> List[EntityId]:
    return [item["@iot.id"] for item in items if "@iot.id" in item]
