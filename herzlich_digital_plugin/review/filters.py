"""The review filter and its live counts, as SQL on both backends (values are always parameters).

``counts(store, flt)`` groups the filtered detections by class and status with one
``COUNT(*) … GROUP BY`` query; the few result rows are folded into totals in Python.
"""
import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Tuple

from ..core.definitions import DETECTION_STATUSES as STATUSES
from . import vzkat
from .sqlfuncs import area_condition, bbox_condition, install
from .text import tr

ASSET_CLASSES = ("sign", "marking", "light")
_CLASS_TEXT = re.compile(r"^(sign|marking|light)$|^(\d+(?:\.\d+)?)(?:\s*[/:]\s*(\w+))?$")


@dataclass
class ReviewFilter:
    """What the queue and the inspector show. Empty fields do not filter.

    ``classes``: VzKat codes ("274" any value, "274/30" one value), asset classes ("sign",
    "marking", "light") or (asset_class, code, value) keys. ``text``: typed into the class
    search box, matched against the VzKat catalogue by number or German name.
    ``area_wkt``: a polygon in EPSG:25832; ``bbox``: (xmin, ymin, xmax, ymax) in EPSG:25832.
    Both test the detection's estimated position.
    """
    classes: Sequence = ()
    text: str = ""
    score_min: Optional[float] = None
    score_max: Optional[float] = None
    statuses: Sequence[str] = ("new",)
    model_run_ids: Sequence[int] = ()
    campaign_ids: Sequence[int] = ()
    bbox: Optional[Tuple[float, float, float, float]] = None
    area_wkt: Optional[str] = None
    exclude_ids: Sequence[int] = field(default_factory=tuple)

    def with_(self, **changes) -> "ReviewFilter":
        return replace(self, **changes)


def _class_conditions(flt: ReviewFilter, alias: str):
    """OR-ed (SQL, params) parts for the class selection; None when classes are not filtered."""
    keys: List[Tuple[str, Optional[str], Optional[str], bool]] = []  # class, code, value, value matters
    for item in flt.classes or ():
        if isinstance(item, (tuple, list)):
            cls, code, value = (list(item) + [None, None])[:3]
            keys.append((cls, code, value, value is not None))
            continue
        m = _CLASS_TEXT.match(str(item).strip())
        if not m:
            raise ValueError(tr("'{text}' is neither a VzKat code nor an asset class (sign, marking, light).")
                             .format(text=item))
        if m.group(1):
            keys.append((m.group(1), None, None, False))
        else:
            keys.append((None, m.group(2), m.group(3), m.group(3) is not None))
    if flt.text and flt.text.strip():
        found = vzkat.search(flt.text)
        if not found:
            return ["1 = 0"], []
        for e in found:
            keys.append((e.asset_class, e.code, e.value, e.value is not None))
    if not keys:
        return None
    # A code without a value covers all its values: drop the narrower keys.
    broad = {(c, k) for c, k, v, exact in keys if not exact}
    parts, params = [], []
    for cls, code, value, exact in dict.fromkeys(keys):
        if exact and (cls, code) in broad:
            continue
        sub = []
        if cls is not None:
            sub.append(f"{alias}.asset_class = %s")
            params.append(cls)
        if code is not None:
            sub.append(f"{alias}.vzkat_code = %s")
            params.append(code)
        if exact:
            sub.append(f"{alias}.vzkat_value = %s")
            params.append(value)
        parts.append("(" + " AND ".join(sub or ["1 = 1"]) + ")")
    return ["(" + " OR ".join(parts) + ")"], params


def where_sql(store, flt: ReviewFilter, alias: str = "d", with_status: bool = True) -> Tuple[str, list]:
    """A SQL condition on the detection table (aliased ``alias``) and its parameters."""
    conds, params = [], []
    cls = _class_conditions(flt, alias)
    if cls is not None:
        conds += cls[0]
        params += cls[1]
    if flt.score_min is not None:
        conds.append(f"{alias}.score >= %s")
        params.append(float(flt.score_min))
    if flt.score_max is not None:
        conds.append(f"{alias}.score <= %s")
        params.append(float(flt.score_max))
    if with_status and flt.statuses:
        conds.append(f"{alias}.status IN ({', '.join(['%s'] * len(flt.statuses))})")
        params += list(flt.statuses)
    if flt.model_run_ids:
        conds.append(f"{alias}.model_run_id IN ({', '.join(['%s'] * len(flt.model_run_ids))})")
        params += [int(v) for v in flt.model_run_ids]
    if flt.campaign_ids:
        # The detection's own copy of its panorama's campaign (schema 2): the counts index holds it.
        conds.append(f"{alias}.campaign_id IN ({', '.join(['%s'] * len(flt.campaign_ids))})")
        params += [int(v) for v in flt.campaign_ids]
    if flt.bbox is not None:
        sql, p = bbox_condition(store, "detection", alias, flt.bbox)
        conds.append(sql)
        params += p
    if flt.area_wkt:
        sql, p = area_condition(store, "detection", alias, flt.area_wkt)
        conds.append(sql)
        params += p
    if flt.exclude_ids:
        conds.append(f"{alias}.id NOT IN ({', '.join(['%s'] * len(flt.exclude_ids))})")
        params += [int(v) for v in flt.exclude_ids]
    return (" AND ".join(conds) if conds else "1 = 1"), params


@dataclass
class Counts:
    total: int  # detections matching the whole filter
    by_status: Dict[str, int]  # every status, under the filter without its status part
    by_class: List[dict]  # {asset_class, vzkat_code, vzkat_value, name, total, by_status}, largest first


# PostgreSQL's default random_page_cost (4: spinning disks) makes it count with a parallel seq scan and a hash
# aggregate; from the covering index the city's counts take 40-75 ms instead of 75-110 ms (bench_review).
_PG_COUNT_SETTINGS = (("random_page_cost", "1.1"),)


def _grouped_rows(store, sql, params):
    if store.backend != "postgis" or store.in_transaction:
        return store.query(sql, params)
    with store.transaction():  # the settings last only for this read (SET LOCAL)
        for name, value in _PG_COUNT_SETTINGS:
            store.query("SELECT set_config(%s, %s, true)", (name, value))
        return store.query(sql, params)


def counts(store, flt: ReviewFilter) -> Counts:
    """Live counts for the inspector: one grouped SQL query over the filtered detections."""
    install(store)
    cond, params = where_sql(store, flt, with_status=False)
    # Grouped in the order of the (status, asset_class, vzkat_code, vzkat_value, score, campaign_id) index.
    sql = (f"SELECT d.status, d.asset_class, d.vzkat_code, d.vzkat_value, COUNT(*) AS n "  # nosec B608
           f"FROM {store.table_ref('detection')} d WHERE {cond} "
           "GROUP BY d.status, d.asset_class, d.vzkat_code, d.vzkat_value")
    wanted = set(flt.statuses or ())
    by_status = {s: 0 for s in STATUSES}
    classes: Dict[tuple, dict] = {}
    total = 0
    for row in _grouped_rows(store, sql, params):
        n = int(row["n"])
        status = row["status"] or "new"
        by_status[status] = by_status.get(status, 0) + n
        key = (row["asset_class"], row["vzkat_code"], row["vzkat_value"])
        entry = classes.setdefault(key, {
            "asset_class": key[0], "vzkat_code": key[1], "vzkat_value": key[2],
            "name": vzkat.name_of(key[0] or "", key[1], key[2]), "total": 0, "by_status": {}})
        entry["by_status"][status] = entry["by_status"].get(status, 0) + n
        if not wanted or status in wanted:
            entry["total"] += n
            total += n
    by_class = sorted((c for c in classes.values() if c["total"]),
                      key=lambda c: (-c["total"], c["asset_class"] or "", c["vzkat_code"] or "", c["vzkat_value"] or ""))
    return Counts(total, by_status, by_class)
