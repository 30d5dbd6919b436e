"""Affected assets: signs, markings and traffic lights inside the site's zone (geometry + buffer).

Reviewed assets come from the ``asset`` table. Detections nobody has reviewed yet (status ``new``, no asset)
count too, as "detected, unverified": the detections of one object from several panoramas are merged (same
VzKat key within ``CLUSTER_M``), and one next to a known asset of the same key is left out.
Groups follow what the site has to do: signs to cover, lights to switch, markings to remove or renew.
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from shapely.geometry import Point

from ..review import vzkat
from .analysis_common import DEFAULT_BUFFER_M

CLUSTER_M = 4.0  # detections of the same object from different panoramas land within a few metres
MIN_SCORE = 0.5  # unreviewed detections below this score are mostly false alarms
GONE_STATUSES = ("removed", "withdrawn")
UNREVIEWED = ("new",)
GROUPS = ("sign", "light", "marking")  # signs to cover, lights to switch, markings


@dataclass
class AffectedAsset:
    asset_class: str
    vzkat_code: Optional[str]
    vzkat_value: Optional[str]
    name: str  # German VzKat name ("Zulässige Höchstgeschwindigkeit 30")
    x: float
    y: float
    distance_m: float  # to the site's geometry
    verified: bool  # a reviewed asset; False: detected only
    asset_id: Optional[int] = None
    detection_ids: List[int] = field(default_factory=list)
    score: Optional[float] = None  # best detection score of an unverified one
    condition: Optional[str] = None

    @property
    def label(self) -> str:
        """"274 Zulässige Höchstgeschwindigkeit 30", "Lichtzeichenanlage"."""
        return f"{self.vzkat_code} {self.name}" if self.vzkat_code else self.name

    def to_dict(self) -> dict:
        return {"asset_class": self.asset_class, "vzkat_code": self.vzkat_code, "vzkat_value": self.vzkat_value,
                "name": self.name, "label": self.label, "x": round(self.x, 2), "y": round(self.y, 2),
                "distance_m": round(self.distance_m, 2), "verified": self.verified, "asset_id": self.asset_id,
                "detection_ids": list(self.detection_ids), "score": self.score, "condition": self.condition}


@dataclass
class AffectedAssets:
    signs: List[AffectedAsset] = field(default_factory=list)  # to cover
    lights: List[AffectedAsset] = field(default_factory=list)  # to switch
    markings: List[AffectedAsset] = field(default_factory=list)

    def all(self) -> List[AffectedAsset]:
        return self.signs + self.lights + self.markings

    def __len__(self) -> int:
        return len(self.signs) + len(self.lights) + len(self.markings)

    def codes(self) -> Dict[str, int]:
        """{label: count} over every group."""
        out: Dict[str, int] = {}
        for asset in self.all():
            out[asset.label] = out.get(asset.label, 0) + 1
        return out

    def to_dict(self) -> dict:
        return {"signs": [a.to_dict() for a in self.signs], "lights": [a.to_dict() for a in self.lights],
                "markings": [a.to_dict() for a in self.markings], "count": len(self),
                "unverified": sum(1 for a in self.all() if not a.verified)}


def _key(row) -> Tuple[str, Optional[str], Optional[str]]:
    return (row.get("asset_class") or "", row.get("vzkat_code") or None, row.get("vzkat_value") or None)


def _name(key) -> str:
    return vzkat.name_of(*key)


def affected_assets(store, geom, buffer_m: float = DEFAULT_BUFFER_M, detections: bool = True,
                    min_score: float = MIN_SCORE) -> AffectedAssets:
    """Assets (and, with ``detections``, unreviewed detections scoring at least ``min_score``) within
    ``buffer_m`` of ``geom``."""
    zone = geom.buffer(buffer_m)
    bounds = zone.bounds
    found: List[AffectedAsset] = []
    known: Dict[tuple, List[Tuple[float, float]]] = {}
    for row in store.in_bbox("asset", *bounds):
        point = row.get("geom")
        if point is None or row.get("lifecycle_status") in GONE_STATUSES or not zone.intersects(point):
            continue
        key = _key(row)
        known.setdefault(key, []).append((point.x, point.y))
        found.append(AffectedAsset(key[0], key[1], key[2], _name(key), point.x, point.y, geom.distance(point),
                                   True, asset_id=int(row["id"]), condition=row.get("condition")))
    if detections:
        found += _unverified(store, geom, zone, known, min_score)
    out = AffectedAssets()
    groups = {"sign": out.signs, "light": out.lights, "marking": out.markings}
    for asset in sorted(found, key=lambda a: (a.vzkat_code or "", a.vzkat_value or "", a.distance_m)):
        groups.get(asset.asset_class, out.signs).append(asset)
    return out


def _unverified(store, geom, zone, known, min_score: float) -> List[AffectedAsset]:
    clusters: Dict[tuple, List[dict]] = {}
    for row in store.in_bbox("detection", *zone.bounds):
        point = row.get("geom")
        if (point is None or row.get("asset_id") is not None or (row.get("status") or "new") not in UNREVIEWED
                or (row.get("score") is not None and row["score"] < min_score) or not zone.intersects(point)):
            continue
        key = _key(row)
        if not key[0]:
            continue
        if any((point.x - x) ** 2 + (point.y - y) ** 2 <= CLUSTER_M ** 2 for x, y in known.get(key, ())):
            continue  # already in the inventory
        groups = clusters.setdefault(key, [])
        for group in groups:  # greedy merge with the first cluster whose centre is close enough
            if (point.x - group["x"]) ** 2 + (point.y - group["y"]) ** 2 <= CLUSTER_M ** 2:
                group["members"].append(row)
                n = len(group["members"])
                group["x"] += (point.x - group["x"]) / n
                group["y"] += (point.y - group["y"]) / n
                break
        else:
            groups.append({"x": point.x, "y": point.y, "members": [row]})
    out = []
    for key, groups in clusters.items():
        for group in groups:
            members = group["members"]
            scores = [m["score"] for m in members if m.get("score") is not None]
            out.append(AffectedAsset(key[0], key[1], key[2], _name(key), group["x"], group["y"],
                                     geom.distance(Point(group["x"], group["y"])), False,
                                     detection_ids=sorted(int(m["id"]) for m in members),
                                     score=max(scores) if scores else None))
    return out
