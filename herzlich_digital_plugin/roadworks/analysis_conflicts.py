"""Conflicts: other works that occupy the road at the same time and at the same place.

Two works conflict when their periods overlap (end-exclusive, [start, end)) and either the site's geometry,
buffered by ``buffer_m``, reaches the other geometry, or both use a road segment (a segment runs inside the
buffer of each for more than the buffer's width: a segment that only touches the zone at a junction is not
used). Completed and cancelled works never conflict.
"""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Dict, Iterable, List, Optional, Sequence

from .analysis_common import DEFAULT_BUFFER_M, counts_as_planned, iso, overlap_period
from .model import Roadworks

# A segment counts as used when more of it than the buffer's width lies in the zone: junction stubs do not.
SEGMENT_MARGIN_M = 1.0


@dataclass
class Conflict:
    roadworks_id: int
    title: str
    status: str
    restriction: str
    start: Optional[datetime]
    end: Optional[datetime]
    overlap_start: Optional[datetime]
    overlap_end: Optional[datetime]
    distance_m: float  # between the two geometries (0 where they touch)
    intersects: bool  # the buffered site reaches the other geometry
    shared_road_ids: List[int] = field(default_factory=list)
    shared_roads: List[str] = field(default_factory=list)  # their names, each once

    def to_dict(self) -> dict:
        return {"roadworks_id": self.roadworks_id, "title": self.title, "status": self.status,
                "restriction": self.restriction, "start": iso(self.start), "end": iso(self.end),
                "overlap_start": iso(self.overlap_start), "overlap_end": iso(self.overlap_end),
                "distance_m": round(self.distance_m, 2), "intersects": self.intersects,
                "shared_road_ids": list(self.shared_road_ids), "shared_roads": list(self.shared_roads)}


def segments_used(geom, roads: Sequence[dict], buffer_m: float) -> Dict[int, str]:
    """{road id: name} of the road segments ``geom`` uses (see the module docstring)."""
    if geom is None or geom.is_empty:
        return {}
    zone = geom.buffer(buffer_m)
    used = {}
    for road in roads:
        line = road.get("geom")
        if line is None or not zone.intersects(line):
            continue
        if line.intersection(zone).length > buffer_m + SEGMENT_MARGIN_M:
            used[int(road["id"])] = road.get("name") or ""
    return used


def roads_near(store, geom, buffer_m: float) -> List[dict]:
    xmin, ymin, xmax, ymax = geom.buffer(buffer_m).bounds
    return store.in_bbox("road", xmin, ymin, xmax, ymax)


def find_conflicts(works: Roadworks, others: Iterable[Roadworks], roads: Sequence[dict] = (),
                   buffer_m: float = DEFAULT_BUFFER_M) -> List[Conflict]:
    """The works among ``others`` that conflict with ``works``, nearest first.

    ``roads``: road rows (id, name, geom) around the site; without them only the geometric test applies.
    """
    site = works.geometry
    if site is None or site.is_empty:
        return []
    zone = site.buffer(buffer_m)
    site_segments = segments_used(site, roads, buffer_m)
    out = []
    for other in others:
        if other.id == works.id or not counts_as_planned(other) or other.geometry is None:
            continue
        period = overlap_period(works, other)
        if period is None:
            continue
        intersects = zone.intersects(other.geometry)
        shared = {}
        if site_segments:
            other_segments = segments_used(other.geometry, [r for r in roads if int(r["id"]) in site_segments],
                                           buffer_m)
            shared = {rid: name for rid, name in other_segments.items() if rid in site_segments}
        if not intersects and not shared:
            continue
        names = []
        for rid in sorted(shared):
            if shared[rid] and shared[rid] not in names:
                names.append(shared[rid])
        out.append(Conflict(other.id, other.title, other.status, other.restriction, other.start, other.end,
                            period[0], period[1], float(site.distance(other.geometry)), intersects,
                            sorted(shared), names))
    out.sort(key=lambda c: (c.distance_m, c.roadworks_id))
    return out


def conflicts_in_store(store, works: Roadworks, buffer_m: float = DEFAULT_BUFFER_M) -> List[Conflict]:
    """``find_conflicts`` against every other roadworks row of the store."""
    others = [Roadworks.from_row(row) for row in store.select("roadworks")]
    roads = roads_near(store, works.geometry, buffer_m) if works.geometry is not None else []
    return find_conflicts(works, others, roads, buffer_m)
