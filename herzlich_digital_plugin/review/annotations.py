"""Notes, condition, photos and snapshots per asset; the history of an asset or a detection.

Photos and snapshots stay where they are: the annotation keeps their absolute paths (checked to
exist), so a shared store should point at a shared drive. Each annotation appends an 'annotate'
review_event; a condition change updates the asset with optimistic locking.
"""
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence

from ..store.errors import ConflictError, NotFoundError
from . import assets as A
from .errors import Conflict, with_author
from .items import utc_now
from .text import tr

CONDITIONS = ("good", "damaged", "faded", "covered", "missing")


def condition_labels() -> Dict[str, str]:
    return {"good": tr("good"), "damaged": tr("damaged"), "faded": tr("faded"), "covered": tr("covered"),
            "missing": tr("missing")}


def _existing_paths(paths):
    """(absolute paths that exist, absolute paths that do not): a missing photo must not cost the rest."""
    found, missing = [], []
    for path in paths or ():
        p = os.path.abspath(os.fspath(path))
        (found if os.path.isfile(p) else missing).append(p)
    return found, missing


def missing_files_message(missing) -> str:
    return tr("These files were not found and are not attached: {paths}").format(paths=", ".join(missing))


def add_annotation(store, asset_id: int, author: str, note: Optional[str] = None, condition: Optional[str] = None,
                   photos: Sequence = (), snapshot_path=None, role: str = "documentation",
                   expected_version: Optional[int] = None) -> Dict[str, Any]:
    """Annotate an asset; returns {annotation_id, event_id, asset_version, missing_files}.

    ``expected_version``: the asset version the user saw; a condition change then raises
    decisions.Conflict when someone changed the asset since. Photos or a snapshot that do not exist
    are left out and listed in ``missing_files`` (the note, condition and other files are kept);
    FileNotFoundError only when nothing would be left to save.
    """
    if condition is not None and condition not in CONDITIONS:
        raise ValueError(tr("Unknown condition '{condition}'; use one of: {conditions}.").format(
            condition=condition, conditions=", ".join(CONDITIONS)))
    if not author or not str(author).strip():
        raise ValueError(tr("An annotation needs its author's name."))
    photo_paths, missing = _existing_paths(photos)
    snapshots, missing_snapshot = _existing_paths([snapshot_path] if snapshot_path else [])
    snapshot = snapshots[0] if snapshots else None
    missing += missing_snapshot
    if not (note or condition or photo_paths or snapshot):
        if missing:
            raise FileNotFoundError(missing_files_message(missing))
        raise ValueError(tr("The annotation is empty: give a note, a condition, photos or a snapshot."))
    now = utc_now()
    with store.transaction():
        asset = A.get_asset(store, asset_id, lock=True)
        if asset is None:
            raise NotFoundError(tr("Asset {id} does not exist.").format(id=asset_id))
        version = asset["version"]
        if condition is not None and condition != asset.get("condition"):
            base = asset["version"] if expected_version is None else int(expected_version)
            try:
                version = store.update("asset", asset_id, {"condition": condition, "updated_at": now},
                                       expected_version=base)["version"]
            except ConflictError as exc:
                raise with_author(store, Conflict(exc.current_row, {"condition": condition, "note": note}, base),
                                  asset_id) from None
        annotation_id = store.insert("annotation", {
            "asset_id": int(asset_id), "note": note, "condition": condition, "photos": photo_paths,
            "snapshot_path": snapshot, "author": str(author), "created_at": now})
        event_id = store.insert("review_event", {
            "asset_id": int(asset_id), "actor": str(author), "role": role, "action": "annotate",
            "old_value": {"condition": asset.get("condition"), "version": asset["version"]},
            "new_value": {"annotation_id": annotation_id, "note": note, "condition": condition or asset.get("condition"),
                          "photos": photo_paths, "snapshot_path": snapshot, "version": version},
            "decided_at": now})
    return {"annotation_id": annotation_id, "event_id": event_id, "asset_version": version,
            "missing_files": missing}


def annotations(store, asset_id: int) -> List[Dict]:
    return store.select("annotation", {"asset_id": int(asset_id)})


@dataclass
class HistoryEntry:
    event_id: int
    decided_at: datetime
    actor: str
    role: Optional[str]
    action: str
    detection_id: Optional[int]
    asset_id: Optional[int]
    old: Any
    new: Any
    reason: Optional[str]
    shown_at: Optional[datetime]

    @property
    def summary(self) -> str:
        """"old → new" in a few words, for the history list."""
        old, new = self.old or {}, self.new or {}
        if not isinstance(old, dict) or not isinstance(new, dict):
            return f"{old} → {new}"
        if self.action == "annotate":
            parts = []
            if old.get("condition") != new.get("condition"):
                parts.append(f"{old.get('condition') or '–'} → {new.get('condition')}")
            if new.get("note"):
                parts.append(new["note"])
            if new.get("photos"):
                parts.append(tr("{count} photo(s)").format(count=len(new["photos"])))
            return "; ".join(parts)
        if "asset" in old and "asset" in new and "status" not in new:
            a, b = old["asset"] or {}, new["asset"] or {}  # a split's new asset had no "before"
            changed = [k for k in b if k not in ("id", "version") and a.get(k) != b.get(k)]
            return "; ".join(f"{k}: {_short(a.get(k))} → {_short(b.get(k))}" for k in changed) or self.action
        text = f"{old.get('status', '–')} → {new.get('status', '–')}"
        if "class" in new:
            c0, c1 = old.get("class", {}), new["class"]
            text += f" ({c0.get('vzkat_code')} {c0.get('vzkat_value') or ''} → {c1.get('vzkat_code')} " \
                    f"{c1.get('vzkat_value') or ''})".replace("  ", " ")
        if new.get("asset_id") is not None:
            text += " " + tr("asset {id}").format(id=new["asset_id"])
        if self.reason:
            text += f" [{self.reason}]"
        return text


def _short(value):
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list) and len(value) == 2:
        return f"({value[0]:.1f}, {value[1]:.1f})"
    return "–" if value is None else str(value)


def history(store, asset_id: Optional[int] = None, detection_id: Optional[int] = None) -> List[HistoryEntry]:
    """Every event of an asset (its own and its detections') or of one detection, oldest first."""
    if (asset_id is None) == (detection_id is None):
        raise ValueError("give exactly one of asset_id and detection_id")
    ev, det = store.table_ref("review_event"), store.table_ref("detection")
    if asset_id is not None:
        sql = (f"SELECT * FROM {ev} WHERE asset_id = %s OR detection_id IN "  # nosec B608
               f"(SELECT id FROM {det} WHERE asset_id = %s) ORDER BY id")
        params = (int(asset_id), int(asset_id))
    else:
        sql = f"SELECT * FROM {ev} WHERE detection_id = %s ORDER BY id"  # nosec B608
        params = (int(detection_id),)
    return [HistoryEntry(r["id"], r["decided_at"], r["actor"], r["role"], r["action"], r["detection_id"],
                         r["asset_id"], r["old_value"], r["new_value"], r["reason"], r["shown_at"])
            for r in store.query(sql, params, decode_as="review_event")]
