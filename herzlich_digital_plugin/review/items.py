"""What the review queue shows: a detection with its panorama, ready for the crop and the map."""
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Dict, List, Optional, Sequence, Tuple

from . import vzkat
from .sqlfuncs import decode_point
from .triangulation import Observation

_DET_COLS = ("id", "panorama_id", "model_run_id", "external_id", "bbox_xmin", "bbox_ymin", "bbox_xmax", "bbox_ymax",
             "vendor_label", "asset_class", "vzkat_code", "vzkat_value", "score", "status", "asset_id")
_PANO_COLS = ("campaign_id", "sequence_id", "sequence_rank", "captured_at", "heading", "pitch", "roll",
              "camera_height", "width", "height", "image_uri")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class ReviewItem:
    """One detection to decide on. ``status`` is the status it had when it was loaded."""
    detection_id: int
    panorama_id: int
    bbox: Tuple[float, float, float, float]  # pixels of the full equirectangular image
    asset_class: str
    vzkat_code: Optional[str]
    vzkat_value: Optional[str]
    score: Optional[float]
    status: str
    asset_id: Optional[int]
    position: Optional[Tuple[float, float]]  # the detection's estimated position, EPSG:25832
    panorama: Dict  # id, x, y, z, heading, pitch, roll, camera_height, width, height, image_uri, ...
    model_run_id: Optional[int] = None
    external_id: Optional[str] = None
    vendor_label: Optional[str] = None
    shown_at: Optional[datetime] = None  # set when loaded; the GUI may call mark_shown() on display
    extra: Dict = field(default_factory=dict)

    @property
    def id(self) -> int:
        return self.detection_id

    @property
    def class_name(self) -> str:
        """German VzKat name of the predicted class."""
        return vzkat.name_of(self.asset_class or "", self.vzkat_code, self.vzkat_value)

    @property
    def class_label(self) -> str:
        """"274 Zulässige Höchstgeschwindigkeit 30" (code and German name)."""
        if self.vzkat_code:
            return f"{self.vzkat_code} {self.class_name}"
        if self.vendor_label:  # a label that maps to no VzKat class: show the vendor's own words
            return f"{self.class_name} ({self.vendor_label})" if self.class_name else self.vendor_label
        return self.class_name

    def observation(self) -> Optional[Observation]:
        p = self.panorama
        if not p.get("width") or not p.get("height") or p.get("x") is None or p.get("heading") is None:
            return None
        return Observation(p["x"], p["y"], p["heading"], int(p["width"]), int(p["height"]), self.bbox,
                           p.get("camera_height") or 2.5, p.get("pitch") or 0.0, p.get("roll") or 0.0,
                           self.position, self.detection_id)

    @property
    def bearing(self) -> Optional[float]:
        """Compass bearing of the bbox centre (for the panorama view's yaw)."""
        obs = self.observation()
        return None if obs is None else obs.centre_direction()[0]

    @property
    def elevation(self) -> Optional[float]:
        obs = self.observation()
        return None if obs is None else obs.centre_direction()[1]

    def mark_shown(self, when: Optional[datetime] = None) -> None:
        self.shown_at = when or utc_now()


def _select_sql(store, where: str) -> str:
    det = ", ".join(f"d.{c}" for c in _DET_COLS)
    pano = ", ".join(f"p.{c} AS p_{c}" for c in _PANO_COLS)
    return (f"SELECT {det}, d.geom AS d_geom, {pano}, p.geom AS p_geom "  # nosec B608
            f"FROM {store.table_ref('detection')} d JOIN {store.table_ref('panorama')} p ON p.id = d.panorama_id "
            f"WHERE {where}")


def item_from_row(row: Dict, shown_at: Optional[datetime] = None) -> ReviewItem:
    dgeom = decode_point(row.get("d_geom"))
    pgeom = decode_point(row.get("p_geom"))
    pano = {c: row.get("p_" + c) for c in _PANO_COLS}
    pano["id"] = row["panorama_id"]
    if pgeom is not None and not pgeom.is_empty:
        pano.update(x=pgeom.x, y=pgeom.y, z=pgeom.z if pgeom.has_z else None)
    else:
        pano.update(x=None, y=None, z=None)
    return ReviewItem(
        detection_id=row["id"], panorama_id=row["panorama_id"],
        bbox=(row["bbox_xmin"], row["bbox_ymin"], row["bbox_xmax"], row["bbox_ymax"]),
        asset_class=row["asset_class"], vzkat_code=row["vzkat_code"], vzkat_value=row["vzkat_value"],
        score=row["score"], status=row["status"] or "new", asset_id=row["asset_id"],
        position=None if dgeom is None or dgeom.is_empty else (dgeom.x, dgeom.y), panorama=pano,
        model_run_id=row["model_run_id"], external_id=row["external_id"], vendor_label=row["vendor_label"],
        shown_at=shown_at or utc_now())


def load_items(store, ids: Sequence[int], lock: bool = False) -> List[ReviewItem]:
    """Items for detection ids, in the order given (unknown ids are left out).

    ``lock`` adds FOR UPDATE on PostGIS (inside a transaction; GeoPackage writers are serialised anyway).
    """
    ids = [int(i) for i in ids]
    if not ids:
        return []
    sql = _select_sql(store, f"d.id IN ({', '.join(['%s'] * len(ids))})")
    if lock and store.backend == "postgis":
        sql += " FOR UPDATE OF d"
    rows = store.query(sql, ids, decode_as={"p_captured_at": "datetime"})
    by_id = {r["id"]: item_from_row(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def load_item(store, detection_id: int, lock: bool = False) -> Optional[ReviewItem]:
    found = load_items(store, [detection_id], lock=lock)
    return found[0] if found else None
