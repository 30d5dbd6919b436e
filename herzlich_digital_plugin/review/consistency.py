"""The review state is derived from the event log; these functions check that it is.

A detection's status and asset are those in the ``new_value`` of its last event that carries a
``status`` ('new' and no asset without one). ``check`` compares that with the stored columns.
"""
from typing import Dict, List, Optional, Sequence, Tuple


def derived_states(store, detection_ids: Optional[Sequence[int]] = None) -> Dict[int, Tuple[str, Optional[int]]]:
    """detection id → (status, asset id) replayed from review_event (only detections with events)."""
    sql = (f"SELECT id, detection_id, new_value FROM {store.table_ref('review_event')} "  # nosec B608
           "WHERE detection_id IS NOT NULL")
    params: list = []
    if detection_ids is not None:
        ids = [int(i) for i in detection_ids]
        if not ids:
            return {}
        sql += f" AND detection_id IN ({', '.join(['%s'] * len(ids))})"
        params = ids
    sql += " ORDER BY id"
    state: Dict[int, Tuple[str, Optional[int]]] = {}
    for row in store.query(sql, params, decode_as={"new_value": "json"}):
        new = row["new_value"] or {}
        if isinstance(new, dict) and "status" in new:
            state[row["detection_id"]] = (new["status"], new.get("asset_id"))
    return state


def check(store) -> List[Dict]:
    """Detections whose stored status/asset differ from the event log; empty when consistent."""
    state = derived_states(store)
    problems = []
    for row in store.query(f"SELECT id, status, asset_id FROM {store.table_ref('detection')} "  # nosec B608
                           "ORDER BY id"):
        status, asset_id = state.get(row["id"], ("new", None))
        stored = (row["status"] or "new", row["asset_id"])
        if stored != (status, asset_id) and not (row["id"] not in state and stored[0] == "new"):
            problems.append({"detection_id": row["id"], "stored": stored, "derived": (status, asset_id)})
    return problems


def check_store(store) -> List[Dict]:
    """Every problem of the review state, for the checkstore algorithm: one dict per problem with
    ``kind`` (status, withdrawn_asset, missing_asset), ``detection_id`` and what is stored vs expected."""
    problems = [dict(p, kind="status") for p in check(store)]
    det, asset = store.table_ref("detection"), store.table_ref("asset")
    rows = store.query(f"SELECT d.id, d.status, d.asset_id, a.id AS found, a.lifecycle_status FROM {det} d "  # nosec B608
                       f"LEFT JOIN {asset} a ON a.id = d.asset_id WHERE d.asset_id IS NOT NULL "
                       "AND d.status IN ('accepted', 'relabeled') ORDER BY d.id")
    for r in rows:
        if r["found"] is None:
            problems.append({"kind": "missing_asset", "detection_id": r["id"], "stored": (r["status"], r["asset_id"]),
                             "derived": None})
        elif r["lifecycle_status"] == "withdrawn":
            problems.append({"kind": "withdrawn_asset", "detection_id": r["id"],
                             "stored": (r["status"], r["asset_id"]), "derived": None})
    return problems
