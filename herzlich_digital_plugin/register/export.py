"""The updated register, written back in the city's own fields, and the per-district change report.

``updated_rows`` takes the register and one comparison run. ``apply="decided"`` applies only the changes a
reviewer decided "update register" (register/decisions.py); ``apply="all"`` applies every change found
(moved: the seen position; class/value changed: the seen code; missing: status "fehlt"; new: a new row with
id ``NEU-<change id>``). Every row carries the change type (``aenderung``) and its VzKat code as text.
"""
import csv
from collections import Counter
from typing import Dict, List, Optional

from ..review import vzkat_labels
from ..review.text import tr
from .importer import RegisterMapping, stored_mapping

APPLY_MODES = ("decided", "all")
UPDATE = "update_register"
CHANGE_FIELD, CODE_FIELD, STATUS_FIELD = "aenderung", "vzkat_code_neu", "status"


def latest_compare_id(store) -> Optional[int]:
    rows = store.query(f"SELECT max(id) AS id FROM {store.table_ref('register_compare')}")  # nosec B608
    return rows[0]["id"] if rows and rows[0]["id"] is not None else None


def updated_rows(store, compare_id: Optional[int] = None, apply: str = "decided") -> (List[Dict], List[str]):
    """(rows with the city's field names + "x", "y" in EPSG:25832, field order)."""
    if apply not in APPLY_MODES:
        raise ValueError(tr("Unknown mode '{mode}'; use one of: {modes}.").format(mode=apply,
                                                                              modes=", ".join(APPLY_MODES)))
    mapping = stored_mapping(store) or RegisterMapping()
    compare_id = compare_id or latest_compare_id(store)
    changes = {}
    new_rows = []
    if compare_id is not None:
        for c in store.select("register_change", {"compare_id": compare_id}):
            if c["register_id"] is not None:
                changes[c["register_id"]] = c
            elif c["change_type"] == "new":
                new_rows.append(c)
    m = mapping
    fields = [f for f in (m.id, m.vzkat, m.value, m.direction, m.post, m.installed, m.condition, m.district,
                          m.supplements) if f]
    extra_fields: List[str] = []
    out = []

    def applies(c):
        return c is not None and (apply == "all" or c["decision"] == UPDATE)

    for e in store.select("register_entry", order_by="external_id"):
        c = changes.get(e["id"])
        code_key = (e["asset_class"], e["vzkat_code"], e["vzkat_value"])
        x, y = e["geom"].x, e["geom"].y
        status = e["lifecycle_status"]
        source_code = e["source_code"] or vzkat_labels.code_text(code_key)
        if applies(c):
            kind = c["change_type"]
            if kind == "moved":
                x, y = c["geom"].x, c["geom"].y
            elif kind in ("class_changed", "value_changed"):
                code_key = (c["observed_class"] or e["asset_class"], c["observed_code"], c["observed_value"])
                source_code = vzkat_labels.code_text(code_key)
            elif kind == "missing":
                status = "fehlt"
        row = {m.id: e["external_id"], m.vzkat: source_code}
        if m.value:
            row[m.value] = code_key[2]
        if m.direction:
            row[m.direction] = e["direction"]
        for attr, col in (("post", "post_id"), ("installed", "installed_on"), ("condition", "condition"),
                          ("district", "district")):
            if getattr(m, attr):
                row[getattr(m, attr)] = e[col]
        if m.supplements:
            row[m.supplements] = "; ".join(e["supplements"] or [])
        for k, v in (e["extra"] or {}).items():
            if k not in row and k not in ("x", "y"):
                row[k] = v
                if k not in extra_fields:
                    extra_fields.append(k)
        row.update({CODE_FIELD: vzkat_labels.code_text(code_key), STATUS_FIELD: status,
                    CHANGE_FIELD: c["change_type"] if c else None, "x": round(x, 3), "y": round(y, 3)})
        out.append(row)
    for c in new_rows:
        if apply != "all" and c["decision"] != UPDATE:
            continue
        key = (c["observed_class"], c["observed_code"], c["observed_value"])
        row = {m.id: f"NEU-{c['id']}", m.vzkat: vzkat_labels.code_text(key), CODE_FIELD: vzkat_labels.code_text(key),
               STATUS_FIELD: "neu", CHANGE_FIELD: "new", "x": round(c["geom"].x, 3), "y": round(c["geom"].y, 3)}
        if m.direction:
            row[m.direction] = c["direction"]
        out.append(row)
    order = fields + [f for f in extra_fields if f not in fields] + [CODE_FIELD, STATUS_FIELD, CHANGE_FIELD, "x", "y"]
    return out, order


def write_csv(rows: List[Dict], order: List[str], path) -> int:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=order, delimiter=";", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def district_report(store, compare_id: Optional[int] = None) -> List[Dict]:
    """Per district: counts by change type of one comparison run (new signs: the district of the nearest entry)."""
    from ..core.point_index import PointIndex
    import numpy as np
    compare_id = compare_id or latest_compare_id(store)
    if compare_id is None:
        raise ValueError(tr("No comparison has been run yet: run 'Compare register with campaign' first."))
    entries = {e["id"]: e for e in store.select("register_entry")}
    located = [e for e in entries.values() if e["geom"] is not None]
    index = PointIndex(np.array([e["geom"].x for e in located]), np.array([e["geom"].y for e in located])) \
        if located else None
    counts: Dict[str, Counter] = {}
    for c in store.select("register_change", {"compare_id": compare_id}):
        e = entries.get(c["register_id"])
        if e is None and index is not None:
            hit = index.nearest(c["geom"].x, c["geom"].y)
            e = located[hit[0]] if hit else None
        district = (e or {}).get("district") or tr("(no district)")
        counts.setdefault(district, Counter())[c["change_type"]] += 1
    from .matching import CHANGE_TYPES
    return [{"district": d, **{t: counts[d][t] for t in CHANGE_TYPES}, "total": sum(counts[d].values())}
            for d in sorted(counts)]
