"""A small, strict OGC SensorThings API 1.1 server for tests and benchmarks (http.server in a thread).

Follows the standard the way FROST-Server does: integer ids (or quoted string ids with ``id_style="str"``),
``$top`` defaulting to 100 and capped at ``max_top`` without complaint, ``@iot.nextLink`` with ``$skip``,
``$count``, ``$select``, one level of ``$expand`` with nested ``$select/$filter/$orderby/$top/$skip`` (and a
nested next link when the expanded list is longer), ``$filter`` with ``and``-ed comparisons on a property or
a to-one property path (``ObservedProperty/name eq 'speed'``), ``$orderby``, MultiDatastreams, and POST of
Observations. Seeded in memory. Faults are injected per path: slow answers, HTTP 401/404/500, HTML instead of
JSON, truncated JSON and next-link loops.

    sta = StrictSta()
    t = sta.add_thing("Counter", (7.76, 49.44))
    d = sta.add_datastream(t, "Volume", "traffic_volume", "veh/15min")
    sta.add_observations(d, times_s, values)
    with sta.serve() as url: ...      # url = http://127.0.0.1:<port>/FROST-Server/v1.1
"""
import bisect
import json
import re
import socket
import threading
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, quote, unquote, urlsplit

OM = "http://www.opengis.net/def/observationType/OGC-OM/2.0/"
CONFORMANCE = [
    "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data",
    "http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete",
]
MULTI_CONFORMANCE = "http://www.opengis.net/spec/iot_sensing/1.1/req/multi-datastream"
MQTT_CONFORMANCE = "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation"
QUERY_SAFE = "$'(),;=/:@!*~-._"

# collection -> (to-many navigation: (target collection, attribute)), (to-one navigation: (target, attribute))
TO_MANY = {
    "Things": {"Locations": "locations", "Datastreams": "datastreams", "MultiDatastreams": "multidatastreams"},
    "Locations": {"Things": "things"},
    "Datastreams": {"Observations": None},
    "MultiDatastreams": {"Observations": None, "ObservedProperties": "observed_properties"},
    "ObservedProperties": {"Datastreams": "datastreams", "MultiDatastreams": "multidatastreams"},
    "Sensors": {"Datastreams": "datastreams"},
    "Observations": {},
}
TO_ONE = {
    "Datastreams": {"Thing": ("Things", "thing"), "ObservedProperty": ("ObservedProperties", "observed_property"),
                    "Sensor": ("Sensors", "sensor")},
    "MultiDatastreams": {"Thing": ("Things", "thing"), "Sensor": ("Sensors", "sensor")},
    "Observations": {"Datastream": ("Datastreams", "datastream"),
                     "MultiDatastream": ("MultiDatastreams", "multidatastream")},
}
PROPERTIES = {
    "Things": ("name", "description", "properties"),
    "Locations": ("name", "description", "encodingType", "location"),
    "Datastreams": ("name", "description", "unitOfMeasurement", "observationType"),
    "MultiDatastreams": ("name", "description", "unitOfMeasurements", "observationType",
                         "multiObservationDataTypes"),
    "ObservedProperties": ("name", "definition", "description"),
    "Sensors": ("name", "description", "encodingType", "metadata"),
    "Observations": ("phenomenonTime", "resultTime", "result"),
}


class HttpFailure(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Fault:
    """Injected misbehaviour for requests whose path matches ``path`` (regex, searched) and whose decoded
    query contains ``query``. kinds: slow, status, html, truncated, loop. ``count``: how many times (None: always)."""
    kind: str
    path: str = ""
    query: str = ""
    status: int = 500
    delay_s: float = 0.0
    count: Optional[int] = None
    hits: int = 0

    def matches(self, path: str, query: str) -> bool:
        if self.count is not None and self.hits >= self.count:
            return False
        return re.search(self.path, path) is not None and self.query in query


@dataclass
class ObservationStore:
    """Observations of one (Multi)Datastream, sorted by phenomenonTime start."""
    ids: List[Any] = field(default_factory=list)
    starts: List[float] = field(default_factory=list)
    ends: List[Optional[float]] = field(default_factory=list)  # None: an instant
    result_times: List[float] = field(default_factory=list)
    results: List[Any] = field(default_factory=list)

    def add(self, oid, start, end, result_time, result):
        i = bisect.bisect_right(self.starts, start)
        for column, value in ((self.ids, oid), (self.starts, start), (self.ends, end),
                              (self.result_times, result_time), (self.results, result)):
            column.insert(i, value)


class StrictSta:
    def __init__(self, id_style: str = "int", default_top: int = 100, max_top: int = 1000,
                 base_path: str = "/FROST-Server/v1.1", multidatastream: bool = True,
                 mqtt_endpoint: Optional[str] = None, on_observation: Optional[Callable] = None):
        assert id_style in ("int", "str")
        self.id_style = id_style
        self.default_top = default_top
        self.max_top = max_top
        self.base_path = base_path.rstrip("/")
        self.multidatastream = multidatastream
        self.mqtt_endpoint = mqtt_endpoint
        self.on_observation = on_observation  # called (collection, id, observation json) after a POST
        self.entities: Dict[str, Dict[Any, dict]] = {name: {} for name in TO_MANY}
        self.observations: Dict[Tuple[str, Any], ObservationStore] = {}
        self.observation_index: Dict[Any, Tuple[str, Any]] = {}
        self.faults: List[Fault] = []
        self.log: List[str] = []  # every request: path?query (decoded)
        self.auth: Optional[str] = None  # "Basic …" header required when set
        self._counters: Dict[str, int] = {}
        self._lock = threading.Lock()
        self._server = None
        self._thread = None
        self._open_connections = set()  # kept-alive client sockets: a stopped server must not answer on them
        self.port = None

    # ------------------------------------------------------------------------------------------- seeding

    def _new_id(self, collection: str):
        n = self._counters.get(collection, 0) + 1
        self._counters[collection] = n
        if self.id_style == "int":
            return n
        return f"{collection[:2].lower()}-{n}"

    def _sensor(self):
        if not self.entities["Sensors"]:
            sid = self._new_id("Sensors")
            self.entities["Sensors"][sid] = {"name": "Sensor", "description": "test sensor",
                                             "encodingType": "text/html", "metadata": "about:blank",
                                             "datastreams": []}
        return next(iter(self.entities["Sensors"]))

    def add_thing(self, name: str, position=None, location: Any = None, encoding: str = "application/geo+json",
                  properties: Optional[dict] = None):
        """A Thing; ``position`` (lon, lat) gives a GeoJSON Point Location, ``location`` any raw value."""
        tid = self._new_id("Things")
        thing = {"name": name, "description": name, "properties": properties or {}, "locations": [],
                 "datastreams": [], "multidatastreams": []}
        self.entities["Things"][tid] = thing
        if position is not None:
            location = {"type": "Point", "coordinates": [float(position[0]), float(position[1])]}
        if location is not None:
            lid = self._new_id("Locations")
            self.entities["Locations"][lid] = {"name": name, "description": name, "encodingType": encoding,
                                               "location": location, "things": [tid]}
            thing["locations"].append(lid)
        return tid

    def add_observed_property(self, name: str):
        for pid, prop in self.entities["ObservedProperties"].items():
            if prop["name"] == name:
                return pid
        pid = self._new_id("ObservedProperties")
        self.entities["ObservedProperties"][pid] = {"name": name, "definition": f"urn:hd:{name}",
                                                    "description": name, "datastreams": [], "multidatastreams": []}
        return pid

    def add_datastream(self, thing_id, name: str, observed_property: str, unit: str):
        did = self._new_id("Datastreams")
        pid = self.add_observed_property(observed_property)
        sid = self._sensor()
        self.entities["Datastreams"][did] = {
            "name": name, "description": name, "observationType": OM + "OM_Measurement",
            "unitOfMeasurement": {"name": unit, "symbol": unit, "definition": f"urn:hd:unit:{unit}"},
            "thing": thing_id, "observed_property": pid, "sensor": sid}
        self.entities["Things"][thing_id]["datastreams"].append(did)
        self.entities["ObservedProperties"][pid]["datastreams"].append(did)
        self.entities["Sensors"][sid]["datastreams"].append(did)
        self.observations[("Datastreams", did)] = ObservationStore()
        return did

    def add_multidatastream(self, thing_id, name: str, components: List[Tuple[str, str]]):
        mid = self._new_id("MultiDatastreams")
        pids = [self.add_observed_property(prop) for prop, _ in components]
        self.entities["MultiDatastreams"][mid] = {
            "name": name, "description": name, "observationType": OM + "OM_ComplexObservation",
            "unitOfMeasurements": [{"name": u, "symbol": u, "definition": f"urn:hd:unit:{u}"} for _, u in components],
            "multiObservationDataTypes": [OM + "OM_Measurement"] * len(components),
            "thing": thing_id, "observed_properties": pids, "sensor": self._sensor()}
        self.entities["Things"][thing_id]["multidatastreams"].append(mid)
        for pid in pids:
            self.entities["ObservedProperties"][pid]["multidatastreams"].append(mid)
        self.observations[("MultiDatastreams", mid)] = ObservationStore()
        return mid

    def add_observations(self, stream_id, times_s, results, interval_s: Optional[float] = None,
                         collection: str = "Datastreams"):
        """Observations at POSIX seconds ``times_s``; with ``interval_s`` each phenomenonTime is the interval
        [t - interval_s, t]."""
        store = self.observations[(collection, stream_id)]
        for t, result in zip(list(times_s), list(results)):
            t = float(t)
            oid = self._new_id("Observations")
            start, end = (t - interval_s, t) if interval_s else (t, None)
            store.add(oid, start, end, t, _plain(result))
            self.observation_index[oid] = (collection, stream_id)

    # ------------------------------------------------------------------------------------------- serving

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.base_path}"

    def start(self) -> str:
        sta = self

        class Handler(_Handler):
            server_sta = sta

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="strict-sta",
                                        daemon=True)
        self._thread.start()
        return self.url

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        for connection in list(self._open_connections):  # down means down, also for kept-alive connections
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    @contextmanager
    def serve(self):
        self.start()
        try:
            yield self.url
        finally:
            self.stop()

    def add_fault(self, kind: str, path: str = "", query: str = "", **options) -> Fault:
        fault = Fault(kind, path, query, **options)
        self.faults.append(fault)
        return fault

    def requests_to(self, fragment: str) -> int:
        return sum(fragment in line for line in self.log)

    # ------------------------------------------------------------------------------------------- resolution

    def handle_get(self, path: str, query: str) -> dict:
        rel = path[len(self.base_path):] if path.startswith(self.base_path) else None
        if rel is None:
            raise HttpFailure(404, "Not a SensorThings path")
        rel = rel.strip("/")
        if not rel:
            return self.root_document()
        options = _parse_options(query)
        segments = _split_path(rel)
        if len(segments) > 2:
            raise HttpFailure(400, "This server resolves at most Collection(id)/Navigation")
        collection, entity_id = self._segment(segments[0])
        if len(segments) == 1:
            if entity_id is None:
                return self.collection_json(collection, self.all_ids(collection), options, path, query)
            self._entity(collection, entity_id)
            return self.entity_json(collection, entity_id, options)
        if entity_id is None:
            raise HttpFailure(400, "Navigation needs an entity id")
        self._entity(collection, entity_id)
        name, sub_id = _parse_segment(segments[1])
        if sub_id is not None:
            raise HttpFailure(400, "Ids after a navigation property are not supported")
        if name in TO_MANY.get(collection, {}):
            ids = self.related_ids(collection, entity_id, name)
            target = name
            if target == "Observations":
                return self.observations_json(collection, entity_id, options, path, query)
            return self.collection_json(target, ids, options, path, query)
        if name in TO_ONE.get(collection, {}):
            target, attribute = TO_ONE[collection][name]
            related = self._related_one(collection, entity_id, attribute)
            if related is None:
                raise HttpFailure(404, "No such entity")
            return self.entity_json(target, related, options)
        raise HttpFailure(404, f"{collection} has no navigation property {name}")

    def root_document(self) -> dict:
        names = ["Things", "Locations", "Datastreams", "Sensors", "ObservedProperties", "Observations"]
        conformance = list(CONFORMANCE)
        settings = {"conformance": conformance}
        if self.multidatastream:
            names.append("MultiDatastreams")
            conformance.append(MULTI_CONFORMANCE)
        if self.mqtt_endpoint:
            conformance.append(MQTT_CONFORMANCE)
            settings[MQTT_CONFORMANCE] = {"endpoints": [self.mqtt_endpoint]}
        root = f"http://127.0.0.1:{self.port}{self.base_path}"
        return {"serverSettings": settings, "value": [{"name": n, "url": f"{root}/{n}"} for n in names]}

    def _segment(self, text: str):
        name, entity_id = _parse_segment(text)
        if name not in TO_MANY or (name == "MultiDatastreams" and not self.multidatastream):
            raise HttpFailure(404, f"No collection {name}")
        if entity_id is not None:
            entity_id = self._parse_id(entity_id)
        return name, entity_id

    def _parse_id(self, text: str):
        if self.id_style == "int":
            if not re.fullmatch(r"-?\d+", text):
                raise HttpFailure(404, f"Not an integer id: {text}")
            return int(text)
        if not (len(text) >= 2 and text[0] == text[-1] == "'"):
            raise HttpFailure(404, f"String ids must be quoted: {text}")
        return text[1:-1].replace("''", "'")

    def _entity(self, collection: str, entity_id):
        if collection == "Observations":
            if entity_id not in self.observation_index:
                raise HttpFailure(404, "No such entity")
            return None
        entity = self.entities[collection].get(entity_id)
        if entity is None:
            raise HttpFailure(404, "No such entity")
        return entity

    def all_ids(self, collection: str) -> list:
        if collection == "Observations":
            return list(self.observation_index)
        return list(self.entities[collection])

    def related_ids(self, collection: str, entity_id, name: str) -> list:
        attribute = TO_MANY[collection][name]
        return list(self.entities[collection][entity_id].get(attribute, []))

    def _related_one(self, collection: str, entity_id, attribute: str):
        if collection == "Observations":
            owner, owner_id = self.observation_index[entity_id]
            wanted = {"datastream": "Datastreams", "multidatastream": "MultiDatastreams"}[attribute]
            return owner_id if owner == wanted else None
        return self.entities[collection][entity_id].get(attribute)

    # ------------------------------------------------------------------------------------------- JSON

    def self_link(self, collection: str, entity_id) -> str:
        return f"{self.url}/{collection}({_format_id(entity_id)})"

    def _values(self, collection: str, entity_id) -> dict:
        if collection == "Observations":
            owner, owner_id = self.observation_index[entity_id]
            store = self.observations[(owner, owner_id)]
            i = store.ids.index(entity_id)
            return _observation_values(store, i)
        entity = self.entities[collection][entity_id]
        return {name: entity[name] for name in PROPERTIES[collection] if name in entity}

    def entity_json(self, collection: str, entity_id, options: dict, values: Optional[dict] = None) -> dict:
        values = values if values is not None else self._values(collection, entity_id)
        select = options.get("$select")
        expand = _parse_expand(options.get("$expand", ""))
        out = {}
        if select is None or "id" in select or "@iot.id" in select:
            out["@iot.id"] = entity_id
        if select is None:
            out["@iot.selfLink"] = self.self_link(collection, entity_id)
        for name, value in values.items():
            if select is None or name in select:
                out[name] = value
        if select is not None:
            unknown = [s for s in select if s not in ("id", "@iot.id") and s not in PROPERTIES[collection]
                       and s not in TO_MANY[collection] and s not in TO_ONE.get(collection, {})]
            if unknown:
                raise HttpFailure(400, f"Unknown property in $select: {unknown[0]}")
        navigation = list(TO_MANY[collection]) + list(TO_ONE.get(collection, {}))
        for name in navigation:
            if name in expand:
                continue
            if select is None or name in select:
                out[f"{name}@iot.navigationLink"] = f"{self.self_link(collection, entity_id)}/{name}"
        for name, nested in expand.items():
            self._expand_into(out, collection, entity_id, name, nested)
        return out

    def _expand_into(self, out: dict, collection: str, entity_id, name: str, nested: dict):
        if "$expand" in nested:
            raise HttpFailure(400, "Only one level of $expand is supported")
        if name in TO_ONE.get(collection, {}):
            target, attribute = TO_ONE[collection][name]
            related = self._related_one(collection, entity_id, attribute)
            if related is not None:
                out[name] = self.entity_json(target, related, nested)
            return
        if name not in TO_MANY.get(collection, {}):
            raise HttpFailure(400, f"{collection} cannot expand {name}")
        nav_path = f"{self.base_path}/{collection}({_format_id(entity_id)})/{name}"
        if name == "Observations":
            page = self.observations_json(collection, entity_id, nested, nav_path, _query_of(nested))
        else:
            page = self.collection_json(name, self.related_ids(collection, entity_id, name), nested, nav_path,
                                        _query_of(nested))
        out[name] = page["value"]
        if "@iot.nextLink" in page:
            out[f"{name}@iot.nextLink"] = page["@iot.nextLink"]
        if "@iot.count" in page:
            out[f"{name}@iot.count"] = page["@iot.count"]

    def _page(self, options: dict):
        try:
            top = int(options.get("$top", self.default_top))
            skip = int(options.get("$skip", 0))
        except ValueError:
            raise HttpFailure(400, "$top and $skip must be integers")
        if top < 0 or skip < 0:
            raise HttpFailure(400, "$top and $skip must not be negative")
        return min(top, self.max_top), skip

    def collection_json(self, collection: str, ids: list, options: dict, path: str, query: str) -> dict:
        conditions = _parse_filter(options.get("$filter", ""))
        rows = [(i, self._values(collection, i)) for i in ids]
        if conditions:
            rows = [(i, v) for i, v in rows if all(self._condition(collection, i, v, c) for c in conditions)]
        for key, descending in reversed(_parse_orderby(options.get("$orderby", ""))):
            rows.sort(key=lambda row: _sort_key(row[0] if key == "id" else row[1].get(key)), reverse=descending)
        top, skip = self._page(options)
        page = rows[skip:skip + top]
        body = {}
        if options.get("$count") == "true":
            body["@iot.count"] = len(rows)
        body["value"] = [self.entity_json(collection, i, options, v) for i, v in page]
        if skip + top < len(rows) and top > 0:
            body["@iot.nextLink"] = self._next_link(path, options, top, skip + top)
        return body

    def observations_json(self, collection: str, stream_id, options: dict, path: str, query: str) -> dict:
        store = self.observations[(collection, stream_id)]
        conditions = _parse_filter(options.get("$filter", ""))
        low, high = 0, len(store.ids)
        rest = []
        for prop, op, literal in conditions:  # phenomenonTime bounds by bisection: history requests stay fast
            if prop == "phenomenonTime" and op in ("ge", "gt", "le", "lt") and isinstance(literal, datetime):
                t = literal.timestamp()
                if op == "ge":
                    low = max(low, bisect.bisect_left(store.starts, t))
                elif op == "gt":
                    low = max(low, bisect.bisect_right(store.starts, t))
                elif op == "le":
                    high = min(high, bisect.bisect_right(store.starts, t))
                else:
                    high = min(high, bisect.bisect_left(store.starts, t))
            else:
                rest.append((prop, op, literal))
        indices = range(low, max(low, high))  # a range: slicing stays O(1) for $top=1 on long series
        if rest:
            indices = [i for i in indices
                       if all(self._condition("Observations", store.ids[i], _observation_values(store, i), c)
                              for c in rest)]
        orderby = _parse_orderby(options.get("$orderby", ""))
        if len(orderby) == 1 and orderby[0][0] == "phenomenonTime" and isinstance(indices, range):
            if orderby[0][1]:
                indices = indices[::-1]  # stored in phenomenonTime order already
            orderby = orderby[1:]
        for key, descending in reversed(orderby):
            indices = list(indices)
            if key == "phenomenonTime":
                indices.sort(key=lambda i: store.starts[i], reverse=descending)
            elif key == "resultTime":
                indices.sort(key=lambda i: store.result_times[i], reverse=descending)
            elif key in ("id", "result"):
                indices.sort(key=lambda i: _sort_key(store.ids[i] if key == "id" else store.results[i]),
                             reverse=descending)
            else:
                raise HttpFailure(400, f"Cannot order Observations by {key}")
        top, skip = self._page(options)
        page = indices[skip:skip + top]
        body = {}
        if options.get("$count") == "true":
            body["@iot.count"] = len(indices)
        body["value"] = [self.entity_json("Observations", store.ids[i], options, _observation_values(store, i))
                         for i in page]
        if skip + top < len(indices) and top > 0:
            body["@iot.nextLink"] = self._next_link(path, options, top, skip + top)
        return body

    def _condition(self, collection: str, entity_id, values: dict, condition) -> bool:
        prop, op, literal = condition
        if "/" in prop:
            navigation, _, attribute = prop.partition("/")
            if navigation not in TO_ONE.get(collection, {}):
                raise HttpFailure(400, f"Cannot filter {collection} by {prop}")
            target, link = TO_ONE[collection][navigation]
            related = self._related_one(collection, entity_id, link)
            if related is None:
                return False
            value = self._values(target, related).get(attribute)
        elif prop == "id":
            value = entity_id
        elif prop in PROPERTIES[collection]:
            value = values.get(prop)
        else:
            raise HttpFailure(400, f"Unknown property in $filter: {prop}")
        return _compare(value, op, literal)

    def _next_link(self, path: str, options: dict, top: int, skip: int) -> str:
        params = [(k, ",".join(v) if isinstance(v, list) else v) for k, v in options.items()
                  if k not in ("$top", "$skip")]
        params += [("$top", str(top)), ("$skip", str(skip))]
        query = "&".join(f"{k}={quote(v, safe=QUERY_SAFE)}" for k, v in params)
        return f"http://127.0.0.1:{self.port}{path}?{query}"

    # ------------------------------------------------------------------------------------------- POST

    def handle_post(self, path: str, body: bytes) -> Tuple[int, dict]:
        rel = path[len(self.base_path):].strip("/") if path.startswith(self.base_path) else ""
        segments = _split_path(rel)
        try:
            entity = json.loads(body.decode("utf-8"))
        except ValueError:
            raise HttpFailure(400, "Body is not JSON")
        if len(segments) == 2:
            collection, stream_id = self._segment(segments[0])
            if _parse_segment(segments[1])[0] != "Observations" or stream_id is None:
                raise HttpFailure(400, "Only Observations can be created")
        elif segments == ["Observations"]:
            ref = entity.get("Datastream") or entity.get("MultiDatastream") or {}
            collection = "Datastreams" if "Datastream" in entity else "MultiDatastreams"
            stream_id = ref.get("@iot.id")
        else:
            raise HttpFailure(400, "Only Observations can be created")
        if (collection, stream_id) not in self.observations:
            raise HttpFailure(404, "No such Datastream")
        start, end = _phenomenon(entity.get("phenomenonTime"))
        if start is None:
            start = time.time()
        with self._lock:
            oid = self._new_id("Observations")
            store = self.observations[(collection, stream_id)]
            store.add(oid, start, end, end or start, entity.get("result"))
            self.observation_index[oid] = (collection, stream_id)
        created = self.entity_json("Observations", oid, {})
        if self.on_observation:
            self.on_observation(collection, stream_id, created)
        return 201, {"Location": self.self_link("Observations", oid)}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall
    server_sta: StrictSta = None

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def setup(self):
        super().setup()
        self.server_sta._open_connections.add(self.connection)

    def finish(self):
        self.server_sta._open_connections.discard(self.connection)
        super().finish()

    def _send(self, status: int, body: bytes, content_type: str = "application/json", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _fault(self, path: str, query: str) -> Optional[Fault]:
        sta = self.server_sta
        with sta._lock:
            for fault in sta.faults:
                if fault.matches(path, query):
                    fault.hits += 1
                    if fault.kind == "slow":
                        delay = fault.delay_s
                        break
                    return fault
            else:
                return None
        time.sleep(delay)
        return None

    def _authorised(self) -> bool:
        wanted = self.server_sta.auth
        return wanted is None or self.headers.get("Authorization") == wanted

    def do_GET(self):  # noqa: N802
        sta = self.server_sta
        parts = urlsplit(self.path)
        path, query = unquote(parts.path), parts.query
        decoded_query = unquote(query)
        sta.log.append(f"{path}?{decoded_query}" if query else path)
        fault = self._fault(path, decoded_query)
        if not self._authorised():
            return self._send(401, b'{"code":401,"type":"error","message":"Unauthorized"}',
                              headers={"WWW-Authenticate": 'Basic realm="sta"'})
        if fault is not None and fault.kind == "status":
            message = {401: "Unauthorized", 404: "Nothing found.", 500: "Failed to execute query."}.get(
                fault.status, "Error")
            return self._send(fault.status, json.dumps({"code": fault.status, "type": "error",
                                                        "message": message}).encode())
        if fault is not None and fault.kind == "html":
            return self._send(200, b"<!DOCTYPE html><html><head><title>Login</title></head>"
                                   b"<body><h1>Please sign in</h1></body></html>", "text/html; charset=utf-8")
        try:
            body = sta.handle_get(path, query)
        except HttpFailure as failure:
            return self._send(failure.status, json.dumps({"code": failure.status, "type": "error",
                                                          "message": str(failure)}).encode())
        except Exception as error:  # a bug here must show as HTTP 500 in the test, not as a dropped connection
            traceback.print_exc()
            return self._send(500, json.dumps({"code": 500, "type": "error", "message": repr(error)}).encode())
        if fault is not None and fault.kind == "loop" and "@iot.nextLink" in body:
            body["@iot.nextLink"] = f"http://127.0.0.1:{sta.port}{self.path}"
        data = json.dumps(body, separators=(",", ":")).encode("utf-8")
        if fault is not None and fault.kind == "truncated":
            data = data[:max(1, len(data) // 2)]
        self._send(200, data)

    def do_POST(self):  # noqa: N802
        sta = self.server_sta
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        path = urlsplit(self.path).path
        sta.log.append(f"POST {path}")
        if not self._authorised():
            return self._send(401, b'{"code":401,"type":"error","message":"Unauthorized"}')
        try:
            status, headers = sta.handle_post(path, body)
        except HttpFailure as failure:
            return self._send(failure.status, json.dumps({"code": failure.status, "message": str(failure)}).encode())
        self._send(status, b"", headers=headers)


# ----------------------------------------------------------------------------------------------- parsing

def _format_id(entity_id) -> str:
    if isinstance(entity_id, int):
        return str(entity_id)
    return "'" + str(entity_id).replace("'", "''") + "'"


def _parse_segment(text: str):
    match = re.fullmatch(r"([A-Za-z]+)(?:\((.*)\))?", text)
    if not match:
        raise HttpFailure(404, f"Not a path segment: {text}")
    return match.group(1), match.group(2)


def _split_path(rel: str) -> List[str]:
    out, depth, current = [], 0, ""
    for char in rel:
        if char == "/" and depth == 0:
            out.append(current)
            current = ""
            continue
        depth += char == "("
        depth -= char == ")"
        current += char
    out.append(current)
    return [s for s in out if s]


def _parse_options(query: str) -> dict:
    options = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if not key.startswith("$"):
            continue
        if key in options:
            raise HttpFailure(400, f"Repeated query option {key}")
        options[key] = value
    if "$select" in options:
        options["$select"] = [s.strip() for s in options["$select"].split(",") if s.strip()]
    return options


def _query_of(options: dict) -> str:
    return "&".join(f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in options.items())


def _split_top(text: str, separator: str) -> List[str]:
    out, depth, current, quoted = [], 0, "", False
    for char in text:
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        if char == separator and depth == 0 and not quoted:
            out.append(current)
            current = ""
        else:
            current += char
    out.append(current)
    return [s.strip() for s in out if s.strip()]


def _parse_expand(text: str) -> Dict[str, dict]:
    """``Observations($top=1;$orderby=phenomenonTime desc),Thing`` → {name: nested options}."""
    out = {}
    for item in _split_top(text or "", ","):
        match = re.fullmatch(r"([A-Za-z]+)(?:\((.*)\))?", item, re.S)
        if not match:
            raise HttpFailure(400, f"Cannot parse $expand item {item}")
        nested = {}
        for option in _split_top(match.group(2) or "", ";"):
            key, _, value = option.partition("=")
            nested[key.strip()] = value.strip()
        if "$select" in nested:
            nested["$select"] = [s.strip() for s in nested["$select"].split(",") if s.strip()]
        out[match.group(1)] = nested
    return out


def _parse_orderby(text: str) -> List[Tuple[str, bool]]:
    out = []
    for item in _split_top(text or "", ","):
        words = item.split()
        if len(words) > 2 or (len(words) == 2 and words[1] not in ("asc", "desc")):
            raise HttpFailure(400, f"Cannot parse $orderby {item}")
        out.append((words[0], len(words) == 2 and words[1] == "desc"))
    return out


_COMPARISON = re.compile(r"^\s*([A-Za-z@.]+(?:/[A-Za-z]+)?)\s+(eq|ne|gt|ge|lt|le)\s+(.+?)\s*$")


def _parse_filter(text: str) -> List[Tuple[str, str, Any]]:
    if not text or not text.strip():
        return []
    parts = re.split(r"\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)", text.strip())
    out = []
    for part in parts:
        match = _COMPARISON.match(part)
        if not match:
            raise HttpFailure(400, f"Cannot parse $filter: {part}")
        out.append((match.group(1), match.group(2), _literal(match.group(3))))
    return out


def _literal(text: str):
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if text == "null":
        return None
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d*(?:[eE][-+]?\d+)?", text):
        return float(text)
    when = _parse_time(text)
    if when is None:
        raise HttpFailure(400, f"Cannot parse literal {text}")
    return when


def _parse_time(text: str) -> Optional[datetime]:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _phenomenon(value) -> Tuple[Optional[float], Optional[float]]:
    if not isinstance(value, str):
        return None, None
    if "/" in value:
        a, _, b = value.partition("/")
        start, end = _parse_time(a), _parse_time(b)
        return (start.timestamp() if start else None), (end.timestamp() if end else None)
    when = _parse_time(value)
    return (when.timestamp() if when else None), None


def _compare(value, op: str, literal) -> bool:
    if isinstance(literal, datetime):
        if isinstance(value, str):
            start, _ = _phenomenon(value)
            value = start
        literal = literal.timestamp()
    if op == "eq":
        return value == literal
    if op == "ne":
        return value != literal
    if value is None or literal is None:
        return False
    try:
        return {"gt": value > literal, "ge": value >= literal, "lt": value < literal, "le": value <= literal}[op]
    except TypeError:
        return False


def _sort_key(value):
    return (value is None, str(type(value)), value if value is not None else 0)


def _iso(t: float) -> str:
    when = datetime.fromtimestamp(t, tz=timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def _observation_values(store: ObservationStore, i: int) -> dict:
    start, end = store.starts[i], store.ends[i]
    phenomenon = _iso(start) if end is None else f"{_iso(start)}/{_iso(end)}"
    return {"phenomenonTime": phenomenon, "resultTime": _iso(store.result_times[i]), "result": store.results[i]}


def _plain(value):
    """numpy scalars to plain Python, so json.dumps takes them."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    return value
