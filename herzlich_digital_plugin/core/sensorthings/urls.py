"""SensorThings addresses: service root, entity paths with integer or quoted string ids, query strings."""
import re
from typing import Iterable, Optional, Sequence, Tuple, Union
from urllib.parse import quote, urljoin, urlsplit

EntityId = Union[int, str]
Params = Sequence[Tuple[str, str]]

# Characters kept readable in query values: OData syntax, but never & # + or space.
_QUERY_SAFE = "$'(),;=/:@!*~-._"
# A next link is opaque: only characters that may not appear in a URL at all are encoded (a space above all).
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def normalise_root(url: str) -> str:
    """The service root without trailing slashes, query or fragment."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        raise ValueError(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def format_id(entity_id: EntityId) -> str:
    """An id as it appears in a path: 5 → ``5``, "abc" → ``'abc'`` (quotes doubled inside)."""
    if isinstance(entity_id, bool):
        raise TypeError("an entity id cannot be a boolean")
    if isinstance(entity_id, int):
        return str(entity_id)
    return "'" + str(entity_id).replace("'", "''") + "'"


# A string id that could leave its path segment (or the path) once a server decodes it is refused.
_UNSAFE_ID = re.compile(r"[/\\?#%\x00-\x1f\x7f]|\.\.")
MAX_ID_LENGTH = 200


def check_id(entity_id: EntityId) -> EntityId:
    """The id itself when it can go into a URL path; ValueError otherwise (a path or query hidden in an id)."""
    if isinstance(entity_id, bool) or not isinstance(entity_id, (int, str)):
        raise ValueError(entity_id)
    if isinstance(entity_id, str) and (not entity_id or len(entity_id) > MAX_ID_LENGTH
                                       or _UNSAFE_ID.search(entity_id)):
        raise ValueError(entity_id)
    return entity_id


def entity_path(collection: str, entity_id: EntityId, *navigation: str) -> str:
    """``Datastreams(5)/Observations`` or ``Datastreams('a-b')/Observations``; string ids are checked
    (``check_id``) and percent-encoded except for their quotes."""
    if isinstance(entity_id, bool):
        raise TypeError("an entity id cannot be a boolean")
    check_id(entity_id)
    segment = f"{collection}({quote(format_id(entity_id), safe=chr(39))})"
    return "/".join((segment,) + navigation)


def parse_id(text: str) -> EntityId:
    """The id typed by a user or found in a path: ``5`` → 5, ``'5'`` → "5", ``abc`` → "abc"."""
    text = (text or "").strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if text.lstrip("-").isdigit():
        return int(text)
    return text


STREAM_COLLECTIONS = ("Datastreams", "MultiDatastreams")
_STREAM_REF = re.compile(r"^(Datastreams|MultiDatastreams)\((.+)\)(?:/(\d+))?$")


def parse_stream_ref(text: str, collection: str = "", component: Optional[int] = None
                     ) -> Tuple[str, EntityId, Optional[int]]:
    """(collection, id, component) of a datastream reference: ``42``, ``'a-b'``, ``Datastreams(42)``,
    ``MultiDatastreams(7)/1`` (component 1), or an id with ``collection`` and ``component`` given apart.

    A MultiDatastream needs its component: without one, Datastreams(7) of another sensor would be read.
    Raises ValueError("collection" | "conflict" | "component" | "no_component" | "empty")."""
    text = (text or "").strip()
    collection = (collection or "").strip()
    if collection and collection not in STREAM_COLLECTIONS:
        raise ValueError("collection")
    match = _STREAM_REF.match(text)
    if match:
        named, entity_id = match.group(1), parse_id(match.group(2))
        named_component = int(match.group(3)) if match.group(3) is not None else None
        if (collection and collection != named) or (
                component is not None and named_component is not None and component != named_component):
            raise ValueError("conflict")
        collection = named
        component = named_component if named_component is not None else component
    else:
        if not text:
            raise ValueError("empty")
        entity_id = parse_id(text)
        collection = collection or STREAM_COLLECTIONS[0]
    if collection == "MultiDatastreams" and component is None:
        raise ValueError("no_component")
    if collection == "Datastreams" and component is not None:
        raise ValueError("component")
    if component is not None and component < 0:
        raise ValueError("component")
    return collection, entity_id, component


def quote_literal(value: str) -> str:
    """An OData string literal: quotes doubled."""
    return "'" + str(value).replace("'", "''") + "'"


def query_string(params: Params) -> str:
    return "&".join(f"{key}={quote(str(value), safe=_QUERY_SAFE)}" for key, value in params if value is not None)


def build_url(root: str, path: str, params: Params = ()) -> str:
    url = f"{root}/{path}" if path else root
    query = query_string(params)
    return f"{url}?{query}" if query else url


def clean_next_link(link: str, current_url: str) -> str:
    """A server's next link, made requestable: relative links resolved, stray spaces and other characters
    that are not allowed in URLs percent-encoded; everything else untouched."""
    link = urljoin(current_url, link.strip())
    return quote(link, safe=_URL_SAFE)


def with_params(url: str, params: Iterable[Tuple[str, str]]) -> str:
    query = query_string(list(params))
    if not query:
        return url
    return f"{url}&{query}" if "?" in url else f"{url}?{query}"


def strip_userinfo(url: str) -> str:
    """The address without ``user:password@``: a password never reaches a message, a log or a setting."""
    parts = urlsplit(url or "")
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


def same_origin(url: str, other: str) -> bool:
    """Same scheme, host and port (default ports filled in): where credentials may go."""
    def origin(text):
        parts = urlsplit(text)
        try:
            port = parts.port
        except ValueError:
            port = -1
        scheme = parts.scheme.lower()
        return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)
    return origin(url) == origin(other)


def path_of(url: str) -> Optional[str]:
    return urlsplit(url).path
