"""Traffic estimate: vehicles per day passing the site, from the nearest counters.

A counting station's ``traffic_volume`` datastreams (one per direction, e.g. veh/15min) are summed to the
station's volume. A station on the site's own road is preferred; otherwise the nearest one counts. The
figure is the typical daily volume over the planned period (weekdays weighted as they occur in it).
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

from .analysis_sensors import SensorRef
from .analysis_window import HourlyProfile, sum_profiles

SAME_ROAD, NEAREST = "same_road", "nearest"


@dataclass
class TrafficEstimate:
    vehicles_per_day: float  # typical for the planned period, all counted directions
    typical_week_per_day: float  # the typical week's daily mean
    station: str
    datastreams: List[str]
    distance_m: float
    method: str  # SAME_ROAD or NEAREST
    profile: HourlyProfile = field(repr=False)

    def to_dict(self) -> dict:
        return {"vehicles_per_day": round(self.vehicles_per_day), "typical_week_per_day":
                round(self.typical_week_per_day), "station": self.station, "datastreams": list(self.datastreams),
                "distance_m": round(self.distance_m, 1), "method": self.method}


def _norm(name: str) -> str:
    return (name or "").strip().casefold().replace("str.", "straße")


def estimate_traffic(sensors: Sequence[SensorRef], road_name: Optional[str] = None) -> Optional[TrafficEstimate]:
    """The estimate from the best station among ``sensors`` (their profiles filled), None without counters."""
    stations: Dict[str, List[SensorRef]] = {}
    for sensor in sensors:
        if sensor.is_traffic and sensor.profile is not None and sensor.typical_per_day is not None:
            stations.setdefault(sensor.station, []).append(sensor)
    if not stations:
        return None
    wanted = _norm(road_name or "")

    def rank(name):
        members = stations[name]
        same = bool(wanted) and any(_norm(s.road_name) == wanted for s in members)
        return (not same, min(s.distance_m for s in members), name)

    best = min(stations, key=rank)
    members = sorted(stations[best], key=lambda s: s.name)
    profile = sum_profiles(s.profile for s in members)
    method = SAME_ROAD if not rank(best)[0] else NEAREST
    return TrafficEstimate(sum(s.typical_per_day for s in members), profile.per_day, best,
                           [s.name for s in members], min(s.distance_m for s in members), method, profile)
