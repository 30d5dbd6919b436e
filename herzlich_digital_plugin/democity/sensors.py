"""Sensor stations of the demo city and their 15-minute values.

Traffic counters on the Nordtangente and other main roads, a radar at Burgstraße/Maxstraße, parking garages and
an environment station. Values follow daily profiles (morning and evening peaks on working days, shopping hours
for garages), weekly profiles (Saturday lower, Sunday and public holidays lowest), the season and noise.

Every value is a pure function of (seed, datastream, time slot) (counter-based noise, see
``randomness.hash_normal``), so ``stream_values`` gives the same numbers for a slot whatever range is asked
for: the sensor server can be seeded with the last 8 weeks without computing a year.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import List, Tuple

import numpy as np

from .geometry import right_vector, sample
from .randomness import hash_normal
from .streets import core_street_coords

SLOT_S = 900  # 15 minutes
OBSERVATION_END = datetime(2026, 10, 31, 23, 45, tzinfo=timezone(timedelta(hours=1)))
OBSERVED_PROPERTIES = {  # observed_property -> unit
    "traffic_volume": "veh/15min",
    "speed": "km/h",
    "occupancy": "%",
    "air_temperature": "degC",
    "no2": "ug/m3",
}


@dataclass(frozen=True)
class StationSpec:
    key: str
    name: str
    kind: str  # traffic_counter, radar, parking, environment
    road_name: str
    at: float  # position as a fraction along the road
    side: float  # metres right (+) or left (-) of the centreline
    description: str


@dataclass(frozen=True)
class StreamSpec:
    key: str  # stable id for the noise
    station: str  # StationSpec.key
    name: str
    observed_property: str
    level: float  # peak volume per 15 min, free-flow speed, peak occupancy …
    direction: int = 0  # traffic: +1 inbound (morning-heavy), -1 outbound (evening-heavy), 0 both

    @property
    def unit(self) -> str:
        return OBSERVED_PROPERTIES[self.observed_property]


STATIONS = (
    StationSpec("nt_west", "Zählstelle Nordtangente West", "traffic_counter", "Nordtangente", 0.2, 9.0,
                "Wärmebild-Zählstelle, beide Fahrtrichtungen"),
    StationSpec("nt_ost", "Zählstelle Nordtangente Ost", "traffic_counter", "Nordtangente", 0.75, 9.0,
                "Wärmebild-Zählstelle, beide Fahrtrichtungen"),
    StationSpec("radar_burg", "Radar Burgstraße/Maxstraße", "radar", "Burgstraße", 0.36, 5.5,
                "Seitenradar an der Einmündung Maxstraße"),
    StationSpec("pariser", "Zählstelle Pariser Straße", "traffic_counter", "Pariser Straße", 0.5, 9.0,
                "Induktionsschleifen stadteinwärts"),
    StationSpec("mannheimer", "Zählstelle Mannheimer Straße", "traffic_counter", "Mannheimer Straße", 0.5, 5.5,
                "Wärmebild-Zählstelle stadteinwärts"),
    StationSpec("eisenbahn", "Zählstelle Eisenbahnstraße", "traffic_counter", "Eisenbahnstraße", 0.6, 5.5,
                "Wärmebild-Zählstelle Richtung Hauptbahnhof"),
    StationSpec("ph_rathaus", "Parkhaus Rathaus", "parking", "Fruchthallstraße", 0.2, -14.0, "540 Stellplätze"),
    StationSpec("ph_altstadt", "Parkhaus Altstadt", "parking", "Marktstraße", 0.6, 12.0, "320 Stellplätze"),
    StationSpec("tg_fackel", "Tiefgarage Fackelrondell", "parking", "Maxstraße", 0.9, -12.0, "410 Stellplätze"),
    StationSpec("ph_bahnhof", "Parkhaus Hauptbahnhof", "parking", "Eisenbahnstraße", 0.95, 14.0, "280 Stellplätze"),
    StationSpec("umwelt", "Umweltmessstation Rathausplatz", "environment", "Fruchthallstraße", 0.45, -8.0,
                "Lufttemperatur und Stickstoffdioxid"),
)

STREAMS = (
    StreamSpec("nt_west_ost", "nt_west", "Verkehrsstärke Richtung Ost", "traffic_volume", 420.0, +1),
    StreamSpec("nt_west_west", "nt_west", "Verkehrsstärke Richtung West", "traffic_volume", 400.0, -1),
    StreamSpec("nt_west_v", "nt_west", "Mittlere Geschwindigkeit", "speed", 53.0),
    StreamSpec("nt_ost_ost", "nt_ost", "Verkehrsstärke Richtung Ost", "traffic_volume", 380.0, -1),
    StreamSpec("nt_ost_west", "nt_ost", "Verkehrsstärke Richtung West", "traffic_volume", 390.0, +1),
    StreamSpec("nt_ost_v", "nt_ost", "Mittlere Geschwindigkeit", "speed", 52.0),
    StreamSpec("radar_v", "radar_burg", "Mittlere Geschwindigkeit", "speed", 44.0),
    StreamSpec("radar_q", "radar_burg", "Verkehrsstärke", "traffic_volume", 160.0),
    StreamSpec("pariser_q", "pariser", "Verkehrsstärke stadteinwärts", "traffic_volume", 300.0, +1),
    StreamSpec("mannheimer_q", "mannheimer", "Verkehrsstärke stadteinwärts", "traffic_volume", 210.0, +1),
    StreamSpec("eisenbahn_q", "eisenbahn", "Verkehrsstärke Richtung Hauptbahnhof", "traffic_volume", 150.0, -1),
    StreamSpec("ph_rathaus_occ", "ph_rathaus", "Belegung", "occupancy", 88.0),
    StreamSpec("ph_altstadt_occ", "ph_altstadt", "Belegung", "occupancy", 80.0),
    StreamSpec("tg_fackel_occ", "tg_fackel", "Belegung", "occupancy", 92.0),
    StreamSpec("ph_bahnhof_occ", "ph_bahnhof", "Belegung", "occupancy", 75.0),
    StreamSpec("umwelt_t", "umwelt", "Lufttemperatur", "air_temperature", 10.5),
    StreamSpec("umwelt_no2", "umwelt", "Stickstoffdioxid", "no2", 32.0),
)


def station_position(st: StationSpec) -> Tuple[float, float]:
    """EPSG:25832 position beside the station's road."""
    coords = core_street_coords()[st.road_name]
    length = float(np.hypot(*np.diff(coords, axis=0).T).sum())
    pt, bearing = sample(coords, [st.at * length])
    xy = pt[0] + right_vector(bearing[0]) * st.side
    return float(xy[0]), float(xy[1])


def period(days: int, end: datetime = OBSERVATION_END) -> Tuple[datetime, datetime]:
    """(first, last) slot of the ``days`` days ending with ``end`` (inclusive)."""
    return end - timedelta(days=days) + timedelta(seconds=SLOT_S), end


def stream_values(stream: StreamSpec, start: datetime, end: datetime, seed: int):
    """Slot times (POSIX seconds, UTC) in [start, end] and the stream's values there."""
    k0 = int(np.ceil(start.timestamp() / SLOT_S))
    k1 = int(np.floor(end.timestamp() / SLOT_S))
    slots = np.arange(k0, k1 + 1, dtype=np.int64)
    t = slots * SLOT_S
    return t.astype(np.int64), _values(stream, slots, seed)


def slot_datetimes(t) -> List[datetime]:
    return [datetime.fromtimestamp(int(x), tz=timezone.utc) for x in t]


# ---------------------------------------------------------------------------------------------- profiles

def _values(stream: StreamSpec, slots: np.ndarray, seed: int) -> np.ndarray:
    t = slots * SLOT_S
    local = t + _berlin_offset_s(t)
    day = np.floor_divide(local, 86400)
    hour = (local - day * 86400) / 3600.0
    daytype = _day_type(day)  # 0 working day, 1 Saturday, 2 Sunday/holiday
    doy = _day_of_year(day)
    noise = hash_normal(seed, stream.key, slots)
    day_noise = hash_normal(seed, stream.key + "/day", day)
    prop = stream.observed_property
    if prop == "traffic_volume":
        f = _traffic_shape(hour, daytype, stream.direction) * _season(day, doy)
        v = stream.level * f * np.exp(0.05 * day_noise) * (1.0 + 0.08 * noise)
        return np.maximum(0.0, np.rint(v))
    if prop == "speed":
        f = _traffic_shape(hour, daytype, 0)
        v = stream.level * (1.0 - 0.28 * f ** 2) + 2.0 * (f < 0.15) + 2.5 * noise
        return np.round(np.maximum(5.0, v), 1)
    if prop == "occupancy":
        f = _parking_shape(hour, daytype)
        december = (doy >= 335) & (daytype == 1)
        v = 6.0 + (stream.level - 6.0) * f * (1.0 + 0.12 * december) * np.exp(0.06 * day_noise) + 1.5 * noise
        return np.round(np.clip(v, 0.0, 100.0), 1)
    if prop == "air_temperature":
        annual = stream.level + 9.5 * np.cos(2 * np.pi * (doy - 200) / 365.25)
        daily_amp = 4.0 + 1.5 * np.cos(2 * np.pi * (doy - 180) / 365.25)
        frac = (local / 86400.0) - day  # weather anomalies interpolated between days, so they stay smooth
        today = hash_normal(seed, stream.key + "/wx", day)
        tomorrow = hash_normal(seed, stream.key + "/wx", day + 1)
        weather = 3.0 * (today + (tomorrow - today) * frac)
        v = annual + daily_amp * np.cos(2 * np.pi * (hour - 15.0) / 24.0) + weather + 0.2 * noise
        return np.round(v, 1)
    if prop == "no2":
        winter = 1.0 + 0.25 * np.cos(2 * np.pi * (doy - 15) / 365.25)
        v = 8.0 + stream.level * _traffic_shape(hour, daytype, 0) * winter * np.exp(0.15 * day_noise) + 3.0 * noise
        return np.round(np.maximum(1.0, v), 1)
    raise ValueError(f"unknown observed property {prop!r}")


def _gauss(h, mu, sigma):
    return np.exp(-0.5 * ((h - mu) / sigma) ** 2)


def _sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def _traffic_shape(hour, daytype, direction):
    """Share of the peak 15-minute volume (about 1 at the working-day peak)."""
    morning = 0.45 * (1.0 + 0.35 * direction)
    evening = 0.42 * (1.0 - 0.35 * direction)
    work = (0.04 + 0.52 * _sig((hour - 6.3) / 0.6) * _sig((20.0 - hour) / 1.2)
            + morning * _gauss(hour, 7.5, 0.8) + evening * _gauss(hour, 17.0, 1.3))
    saturday = 0.05 + 0.55 * _sig((hour - 8.5) / 1.0) * _sig((19.0 - hour) / 1.5) + 0.15 * _gauss(hour, 12.5, 2.5)
    sunday = 0.04 + 0.33 * _sig((hour - 10.0) / 1.2) * _sig((20.0 - hour) / 1.5) + 0.08 * _gauss(hour, 15.0, 2.0)
    return np.select([daytype == 0, daytype == 1], [work, saturday], sunday)


def _parking_shape(hour, daytype):
    work = 0.8 * _sig((hour - 8.3) / 0.6) * _sig((19.0 - hour) / 0.9) + 0.12 * _gauss(hour, 13.0, 1.5)
    saturday = _sig((hour - 9.5) / 0.7) * _sig((18.5 - hour) / 0.8)
    sunday = 0.3 * _sig((hour - 11.0) / 1.0) * _sig((18.0 - hour) / 1.0)
    return np.select([daytype == 0, daytype == 1], [work, saturday], sunday)


def _season(day, doy):
    summer = (doy >= 196) & (doy <= 240)  # Rhineland-Palatinate summer holidays, roughly
    christmas = (doy >= 357) | (doy <= 2)
    return 1.0 - 0.08 * summer - 0.15 * christmas


# ---------------------------------------------------------------------------------------------- calendar

def _berlin_offset_s(t: np.ndarray) -> np.ndarray:
    """UTC offset of Europe/Berlin (CET/CEST, EU rule: last Sunday of March/October at 01:00 UTC)."""
    years = np.unique(np.floor_divide(t, 86400 * 365.2425).astype(int) + 1970)
    offset = np.full(t.shape, 3600, dtype=np.int64)
    for y in range(int(years.min()) - 1, int(years.max()) + 2):
        start = _last_sunday_utc(y, 3)
        end = _last_sunday_utc(y, 10)
        offset[(t >= start) & (t < end)] = 7200
    return offset


def _last_sunday_utc(year: int, month: int) -> int:
    d = date(year, month, 31)
    d -= timedelta(days=(d.weekday() + 1) % 7)
    return int(datetime(d.year, d.month, d.day, 1, tzinfo=timezone.utc).timestamp())


def _day_of_year(day: np.ndarray) -> np.ndarray:
    dates = np.asarray(day, dtype="datetime64[D]")
    return (dates - dates.astype("datetime64[Y]")).astype(int) + 1


def _day_type(day: np.ndarray) -> np.ndarray:
    weekday = (np.asarray(day) + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
    out = np.where(weekday == 5, 1, np.where(weekday == 6, 2, 0))
    holidays = _holidays(np.asarray(day))
    return np.where(np.isin(day, holidays), 2, out)


def _holidays(day: np.ndarray) -> np.ndarray:
    """Public holidays in Rhineland-Palatinate (days since 1970-01-01) for the years covered."""
    if day.size == 0:
        return np.zeros(0, np.int64)
    y0 = int(np.asarray(day.min(), dtype="datetime64[D]").astype("datetime64[Y]").astype(int)) + 1970
    y1 = int(np.asarray(day.max(), dtype="datetime64[D]").astype("datetime64[Y]").astype(int)) + 1970
    out = []
    for y in range(y0, y1 + 1):
        easter = _easter(y)
        fixed = [date(y, 1, 1), date(y, 5, 1), date(y, 10, 3), date(y, 11, 1), date(y, 12, 25), date(y, 12, 26)]
        moving = [easter + timedelta(days=k) for k in (-2, 1, 39, 50, 60)]
        out += [(d - date(1970, 1, 1)).days for d in fixed + moving]
    return np.array(out, dtype=np.int64)


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = ((h + l_ - 7 * m + 114) % 31) + 1
    return date(year, month, day)


def station_rows() -> List[dict]:
    """Rows for sensor_station (explicit ids 1..n, in STATIONS order)."""
    from shapely.geometry import Point
    rows = []
    for i, st in enumerate(STATIONS, start=1):
        rows.append({"id": i, "name": st.name, "kind": st.kind, "road_name": st.road_name,
                     "description": st.description, "geom": Point(*station_position(st))})
    return rows


def datastream_rows() -> List[dict]:
    """Rows for sensor_datastream (explicit ids 1..n, in STREAMS order)."""
    station_id = {st.key: i for i, st in enumerate(STATIONS, start=1)}
    return [{"id": i, "station_id": station_id[s.station], "name": s.name, "observed_property": s.observed_property,
             "unit": s.unit} for i, s in enumerate(STREAMS, start=1)]


def observation_rows(seed: int, days: int, end: datetime = OBSERVATION_END, year_streams: tuple = ()):
    """sensor_observation rows (a generator): the last ``days`` days of every stream, a whole year
    (365 days) for the streams in ``year_streams``."""
    for i, s in enumerate(STREAMS, start=1):
        start, stop = period(max(days, 365) if s.key in year_streams else days, end)
        t, v = stream_values(s, start, stop, seed)
        for when, value in zip(slot_datetimes(t), v.tolist()):
            yield {"datastream_id": i, "phenomenon_time": when, "result": value}
