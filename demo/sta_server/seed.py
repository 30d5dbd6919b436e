"""Seed a SensorThings server with the demo city's sensors, through its HTTP API.

Things (one per station, with a GeoJSON Location), ObservedProperties, one Sensor per station kind, and the
Datastreams; then the last ``days`` of 15-minute values (democity.sensors.stream_values) with CreateObservations
(dataArray) in chunks. Idempotent: what exists (matched by properties.hd_key) is kept, and only the missing
slots up to now are added, so restarting the demo closes the gap since the last run.

    python demo/sta_server/seed.py http://127.0.0.1:8765/sensorthings/v1.1 [DAYS]
"""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Dict, Optional

import requests

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from herzlich_digital_plugin.core.geodesy import utm32_to_wgs84  # noqa: E402
from herzlich_digital_plugin.core.sensorthings import RequestsTransport, StaClient, parse_time  # noqa: E402
from herzlich_digital_plugin.democity.randomness import DEFAULT_SEED  # noqa: E402
from herzlich_digital_plugin.democity.sensors import (SLOT_S, STATIONS, STREAMS, station_position,  # noqa: E402
                                                      stream_values)

OM_MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement"
PROPERTY_TEXT = {
    "traffic_volume": "Verkehrsstärke: Fahrzeuge je 15 Minuten",
    "speed": "Mittlere Geschwindigkeit",
    "occupancy": "Belegung eines Parkhauses",
    "air_temperature": "Lufttemperatur",
    "no2": "Stickstoffdioxid-Konzentration",
}
UNIT_NAMES = {"veh/15min": "Fahrzeuge je 15 Minuten", "km/h": "Kilometer je Stunde", "%": "Prozent",
              "degC": "Grad Celsius", "ug/m3": "Mikrogramm je Kubikmeter"}
SENSOR_TEXT = {"traffic_counter": "Verkehrszählstelle", "radar": "Seitenradar", "parking": "Parkhauszählung",
               "environment": "Umweltmessstation"}
MAX_ROWS_PER_POST = 10000  # SENSORTHINGS_V1_1_MAX_POST_DATA_ARRAY_OBSERVATIONS


def station_lonlat(station):
    lon, lat = utm32_to_wgs84(*station_position(station))
    return round(float(lon), 7), round(float(lat), 7)


def iso(when: datetime) -> str:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def last_slot(now: datetime) -> datetime:
    return datetime.fromtimestamp((int(now.timestamp()) // SLOT_S) * SLOT_S, tz=timezone.utc)


class Seeder:
    def __init__(self, root_url: str, session: Optional[requests.Session] = None):
        self.root = root_url.rstrip("/")
        self.session = session or requests.Session()
        self.client = StaClient(self.root, RequestsTransport(session=self.session))

    def _post(self, path: str, body) -> str:
        response = self.session.post(f"{self.root}/{path}", json=body, timeout=120)
        if response.status_code not in (200, 201):
            raise RuntimeError(f"POST {path}: HTTP {response.status_code}: {response.text[:500]}")
        return response.headers.get("Location", "")

    def _ids_by(self, collection: str, key) -> Dict[str, object]:
        items = self.client.collect(collection, [("$select", "id,name,properties")]).items
        return {key(item): item["@iot.id"] for item in items if key(item)}

    def ensure_entities(self) -> Dict[str, object]:
        """Create what is missing; {stream key: datastream id}."""
        properties = self._ids_by("ObservedProperties", lambda e: e.get("name"))
        for name, text in PROPERTY_TEXT.items():
            if name not in properties:
                self._post("ObservedProperties", {"name": name, "definition": f"urn:herzlich-digital:{name}",
                                                  "description": text})
        properties = self._ids_by("ObservedProperties", lambda e: e.get("name"))
        sensors = self._ids_by("Sensors", lambda e: (e.get("properties") or {}).get("hd_key"))
        for kind, text in SENSOR_TEXT.items():
            if kind not in sensors:
                self._post("Sensors", {"name": text, "description": text, "encodingType": "text/html",
                                       "metadata": "https://www.kaiserslautern.de", "properties": {"hd_key": kind}})
        sensors = self._ids_by("Sensors", lambda e: (e.get("properties") or {}).get("hd_key"))
        things = self._ids_by("Things", lambda e: (e.get("properties") or {}).get("hd_key"))
        for station in STATIONS:
            if station.key in things:
                continue
            lon, lat = station_lonlat(station)
            streams = [s for s in STREAMS if s.station == station.key]
            self._post("Things", {
                "name": station.name, "description": station.description,
                "properties": {"hd_key": station.key, "kind": station.kind, "road": station.road_name},
                "Locations": [{"name": station.name, "description": station.road_name,
                               "encodingType": "application/geo+json",
                               "location": {"type": "Point", "coordinates": [lon, lat]}}],
                "Datastreams": [{
                    "name": s.name, "description": f"{station.name}: {s.name}", "observationType": OM_MEASUREMENT,
                    "unitOfMeasurement": {"name": UNIT_NAMES[s.unit], "symbol": s.unit,
                                          "definition": f"urn:herzlich-digital:unit:{s.unit}"},
                    "properties": {"hd_key": s.key},
                    "ObservedProperty": {"@iot.id": properties[s.observed_property]},
                    "Sensor": {"@iot.id": sensors[station.kind]}} for s in streams]})
        return self._ids_by("Datastreams", lambda e: (e.get("properties") or {}).get("hd_key"))

    def latest_time(self, datastream_id) -> Optional[datetime]:
        # resultTime, not phenomenonTime: this server answers HTTP 500 to $orderby=phenomenonTime
        path = self.client.entity_path("Datastreams", datastream_id, "Observations")
        body = self.client.get_json(self.client.url(path, [("$select", "phenomenonTime"),
                                                           ("$orderby", "resultTime desc"), ("$top", "1")]))
        values = body.get("value") or []
        return parse_time(values[0].get("phenomenonTime")) if values else None

    def seed_observations(self, ids: Dict[str, object], days: float, now: datetime, seed: int) -> int:
        end = last_slot(now)
        start_default = end - timedelta(days=days) + timedelta(seconds=SLOT_S)
        batch, rows, total = [], 0, 0
        for stream in STREAMS:
            latest = self.latest_time(ids[stream.key])
            start = max(start_default, latest + timedelta(seconds=SLOT_S)) if latest else start_default
            if start > end:
                continue
            times, values = stream_values(stream, start, end, seed)
            data = [[iso(datetime.fromtimestamp(int(t), tz=timezone.utc)), float(v)]
                    for t, v in zip(times.tolist(), values.tolist())]
            for i in range(0, len(data), MAX_ROWS_PER_POST):
                part = data[i:i + MAX_ROWS_PER_POST]
                if rows + len(part) > MAX_ROWS_PER_POST:
                    total += self._flush(batch)
                    batch, rows = [], 0
                batch.append({"Datastream": {"@iot.id": ids[stream.key]}, "components": ["phenomenonTime", "result"],
                              "dataArray": part})
                rows += len(part)
        return total + self._flush(batch)

    def _flush(self, batch) -> int:
        if not batch:
            return 0
        response = self.session.post(f"{self.root}/CreateObservations", json=batch, timeout=300)
        if response.status_code != 201:
            raise RuntimeError(f"CreateObservations: HTTP {response.status_code}: {response.text[:500]}")
        links = response.json()
        failed = sum(1 for link in links if link == "error")
        if failed:
            raise RuntimeError(f"CreateObservations: {failed} of {len(links)} observations failed")
        return len(links)


def seed(root_url: str, days: float = 56, now: Optional[datetime] = None, seed: int = DEFAULT_SEED,
         session: Optional[requests.Session] = None) -> Dict[str, object]:
    """Seed (or top up) the server; returns {stream key: datastream id}."""
    seeder = Seeder(root_url, session)
    ids = seeder.ensure_entities()
    seeder.seed_observations(ids, days, now or datetime.now(timezone.utc), seed)
    return ids


if __name__ == "__main__":
    url = sys.argv[1]
    n_days = float(sys.argv[2]) if len(sys.argv) > 2 else 56
    result = seed(url, n_days)
    print(f"{len(result)} datastreams seeded at {url}")
