"""The whole check of one site ("Check roadworks"): conflicts, affected assets, affected sensors with the
traffic estimate, the quietest window, and (given a road network) the detour. QGIS-free: the caller builds
the network (``detour_graph.network_for``) and, for live values, the SensorThings snapshot/client.
"""
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Dict, List, Optional, Sequence

from shapely.geometry import Point

from .analysis_assets import AffectedAssets, affected_assets
from .analysis_common import (DEFAULT_BUFFER_M, DEFAULT_DURATION_H, DEFAULT_SENSOR_DISTANCE_M, counts_as_planned,
                              iso, load_works)
from .analysis_conflicts import Conflict, find_conflicts, roads_near
from .analysis_sensors import (SensorRef, SnapshotLatestValues, StaHistory, StoreHistory, StoreLatestValues,
                               fill_current_values, fill_typical, sensors_near)
from .analysis_traffic import TrafficEstimate, estimate_traffic
from .analysis_window import QuietWindow, WindowError, quietest_window
from .model import Roadworks
from .analysis_chart import profile_chart_png
from .detour_closures import Closure
from .detour_errors import DetourError
from .detour_route import find_detour

FALLBACK_PERIOD = timedelta(days=7)  # allowed period when the site has a start but no end
JAM_SPEED_RATIO = 0.5  # live speed below half the free-flow speed (the typical week's p90 peak) = jammed


@dataclass
class ImpactReport:
    works: Roadworks
    buffer_m: float
    sensor_distance_m: float
    duration_h: int
    road_name: str
    conflicts: List[Conflict]
    assets: AffectedAssets
    sensors: List[SensorRef]
    traffic: Optional[TrafficEstimate]
    window: Optional[QuietWindow]
    window_problem: str = ""  # "", "no_period", "too_short", "no_history"
    detour: object = None  # detour_route.DetourResult
    detour_error: str = ""  # translated message when no detour could be computed
    jammed: List[str] = field(default_factory=list)  # sensors reporting a jam (avoided by the detour)
    conflict_geometries: Dict[int, object] = field(default_factory=dict)  # roadworks id -> geometry
    timings: Dict[str, float] = field(default_factory=dict)

    def chart_png(self, labels=None) -> Optional[bytes]:
        """The typical week of the traffic estimate's station with the window, or None without one."""
        if self.traffic is None:
            return None
        return profile_chart_png(self.traffic.profile, self.window, self.traffic.station, labels)

    def to_dict(self) -> dict:
        w = self.works
        return {
            "roadworks": {"id": w.id, "title": w.title, "status": w.status, "restriction": w.restriction,
                          "direction": w.direction, "start": iso(w.start), "end": iso(w.end),
                          "road_name": self.road_name, "geometry_wkt": w.geometry.wkt if w.geometry else None},
            "buffer_m": self.buffer_m, "sensor_distance_m": self.sensor_distance_m, "duration_h": self.duration_h,
            "conflicts": [c.to_dict() for c in self.conflicts],
            "affected_assets": self.assets.to_dict(),
            "affected_sensors": [s.to_dict() for s in self.sensors],
            "traffic": self.traffic.to_dict() if self.traffic else None,
            "quietest_window": self.window.to_dict() if self.window else None,
            "window_problem": self.window_problem,
            "typical_week": self.traffic.profile.to_dict() if self.traffic else None,
            "detour": self.detour.to_dict() if self.detour is not None else None,
            "detour_error": self.detour_error, "jammed": list(self.jammed),
            "timings_s": {k: round(v, 4) for k, v in self.timings.items()},
        }


def allowed_period(works: Roadworks, now: Optional[datetime] = None):
    """(start, end) the window may use: the site's period; a week from its start when it has no end."""
    start, end = works.start, works.end
    if start is None:
        if end is None:
            return None
        start = max(now or datetime.now(timezone.utc), end - FALLBACK_PERIOD)
    if end is None:
        end = start + FALLBACK_PERIOD
    return (start, end) if end > start else None


def site_road_name(store, works: Roadworks) -> str:
    if works.road_name:
        return works.road_name
    geom = works.geometry
    probe = geom.interpolate(0.5, normalized=True) if geom.geom_type in ("LineString",) else geom.centroid
    found = store.nearest("road", probe.x, probe.y, k=1, max_distance=50.0)
    return (found[0][0].get("name") or "") if found else ""


def check_roadworks(store, roadworks_id: int, buffer_m: float = DEFAULT_BUFFER_M,
                    duration_h: int = DEFAULT_DURATION_H, sensor_distance_m: float = DEFAULT_SENSOR_DISTANCE_M,
                    snapshot=None, sta_client=None, network=None, criterion: str = "distance",
                    avoid_jams: bool = True, history_days: int = 365, now: Optional[datetime] = None
                    ) -> ImpactReport:
    """Check one site. ``snapshot``: a live SensorSnapshot (current values, extra sensors); ``sta_client``:
    the SensorThings client for histories the store lacks; ``network``: a RoadNetwork for the detour."""
    timings = {}
    clock = time.perf_counter()

    def lap(name):
        nonlocal clock
        now_ = time.perf_counter()
        timings[name] = now_ - clock
        clock = now_

    works = load_works(store, roadworks_id)
    if works.geometry is None or works.geometry.is_empty:
        raise ValueError(f"roadworks {roadworks_id} has no geometry")
    all_works = [Roadworks.from_row(row) for row in store.select("roadworks")]
    roads = roads_near(store, works.geometry, buffer_m)
    conflicts = find_conflicts(works, all_works, roads, buffer_m)
    road_name = site_road_name(store, works)
    lap("conflicts")
    assets = affected_assets(store, works.geometry, buffer_m)
    lap("assets")
    sensors = sensors_near(store, works.geometry, sensor_distance_m, snapshot)
    latest = ([SnapshotLatestValues(snapshot)] if snapshot is not None else []) + [StoreLatestValues(store)]
    fill_current_values(sensors, latest)
    histories = [StoreHistory(store)] + ([StaHistory(sta_client)] if sta_client is not None else [])
    fill_typical(sensors, histories, works.start, works.end, history_days)
    traffic = estimate_traffic(sensors, road_name)
    lap("sensors")
    window, problem = None, ""
    period = allowed_period(works, now)
    if traffic is None:
        problem = "no_history"
    elif period is None:
        problem = "no_period"
    else:
        try:
            window = quietest_window(traffic.profile, period[0], period[1], duration_h)
        except WindowError as error:
            problem = error.code
    lap("window")
    report = ImpactReport(works, buffer_m, sensor_distance_m, int(duration_h), road_name, conflicts, assets,
                          sensors, traffic, window, problem, timings=timings,
                          conflict_geometries={o.id: o.geometry for o in all_works
                                               if o.id in {c.roadworks_id for c in conflicts}})
    if network is not None:
        jammed = jammed_sensors(sensors) if avoid_jams else []
        report.jammed = [f"{s.station}: {s.name}" for s in jammed]
        report.detour, report.detour_error = detour_for(works, all_works, network, criterion,
                                                        [Point(s.x, s.y) for s in jammed])
        lap("detour")
    timings["total"] = sum(timings.values())
    return report


def other_closures(works: Roadworks, all_works: Sequence[Roadworks]):
    """Closures of the other works that occupy the road while this one does."""
    return [Closure.from_works(o) for o in all_works
            if o.id != works.id and counts_as_planned(o) and o.geometry is not None
            and o.overlaps(works.start, works.end)]


def detour_for(works: Roadworks, all_works: Sequence[Roadworks], network, criterion: str = "distance",
               jammed=()):
    """(DetourResult or None, error message)."""
    try:
        return find_detour(network, Closure.from_works(works), other_closures(works, all_works), jammed,
                           criterion), ""
    except DetourError as error:
        return None, str(error)


def jammed_sensors(sensors: Sequence[SensorRef]) -> List[SensorRef]:
    """Live speed sensors well below their free-flow speed."""
    out = []
    for s in sensors:
        if (s.observed_property == "speed" and s.value_source == "live" and s.value is not None
                and s.profile is not None and s.value < JAM_SPEED_RATIO * float(s.profile.p90.max())):
            out.append(s)
    return out
