"""Claiming detections for one review session, so two reviewers never get the same item.

A lease is a ``review_lease`` row whose id is the detection's id (so at most one per detection).
A lease that has expired is free again: a crashed reviewer's items come back by themselves.

PostGIS: one statement in a short transaction reads the next free items (no locks), locks their
detection rows with ``FOR UPDATE OF d SKIP LOCKED`` (rows another reviewer is claiming right now
are skipped, not waited for) and upserts their leases; the upsert only takes a lease that is free
or expired, re-checked against the latest committed row, so a claim that raced with another
one loses cleanly instead of sharing the item.
GeoPackage: ``BEGIN IMMEDIATE`` (the store's transaction) takes the write lock before reading,
so claims of several processes run one after the other.

Orders: "score" (lowest first), "class" (VzKat code, then score), "walk" (greedy nearest
neighbour: the items of the panorama nearest to where the reviewer is, see ``claim``).
PostGIS uses the server clock for expiry, GeoPackage the local clock.
"""
from datetime import timedelta
from typing import List, Optional, Sequence, Tuple

from ..store.ddl import rtree_name
from ..store.schema import SRID
from .filters import ReviewFilter, where_sql
from .items import utc_now
from .sqlfuncs import install, x_expr, y_expr
from .text import tr

ORDERS = ("score", "class", "walk")
DEFAULT_TTL_S = 900.0  # 15 minutes; the GUI renews while an item is on screen
_WALK_START_RADIUS = 60.0
_WALK_MAX_RADIUS = 60_000.0
_CLAIM_ATTEMPTS = 5
_CANDIDATE_SLACK = 64

_ORDER_SQL = {
    "score": "d.score, d.id",
    "class": "d.asset_class, d.vzkat_code, d.vzkat_value, d.score, d.id",
}


def _check_order(order):
    if order not in ORDERS:
        raise ValueError(tr("Unknown order '{order}'; use one of: {orders}.").format(order=order,
                                                                              orders=", ".join(ORDERS)))


def claim(store, session_id: str, reviewer: str, flt: ReviewFilter, order: str = "score", n: int = 4,
          ttl_s: float = DEFAULT_TTL_S, near: Optional[Tuple[float, float]] = None) -> List[int]:
    """Lease up to ``n`` detections matching ``flt`` for the session; returns their ids in queue order.

    Detections already leased by this session count as free (they are returned again, renewed).
    ``near`` (x, y) is where a "walk" continues from: the reviewer's last panorama.
    """
    _check_order(order)
    n = int(n)
    if n <= 0:
        return []
    if store.backend == "postgis":
        return _claim_postgis(store, session_id, reviewer, flt, order, n, ttl_s, near)
    return _claim_gpkg(store, session_id, reviewer, flt, order, n, ttl_s, near)


def _lease_ref(store):
    return store.table_ref("review_lease")


def _claim_postgis(store, session_id, reviewer, flt, order, n, ttl_s, near):
    lease = _lease_ref(store)
    det = store.table_ref("detection")
    free = (f"NOT EXISTS (SELECT 1 FROM {lease} l WHERE l.id = d.id AND l.expires_at > now() "  # nosec B608
            "AND l.session_id <> %s)")
    if order == "walk" and near is not None:
        source = f"{det} d JOIN {store.table_ref('panorama')} p ON p.id = d.panorama_id"
        order_sql = f"p.geom <-> ST_SetSRID(ST_MakePoint(%s, %s), {SRID})"
        order_params = [float(near[0]), float(near[1])]
    else:
        source = f"{det} d"
        order_sql = _ORDER_SQL.get(order, "d.panorama_id, d.bbox_xmin, d.id")
        order_params = []
    status_cond, status_params = where_sql(store, ReviewFilter(statuses=flt.statuses))  # rechecked under the lock
    claimed: List[int] = []
    for _ in range(_CLAIM_ATTEMPTS):
        want = n - len(claimed)
        cond, params = where_sql(store, flt.with_(exclude_ids=tuple(flt.exclude_ids) + tuple(claimed)))
        # Candidates are read without locks; only then are their detection rows locked, in a statement
        # whose other input is the materialised candidate list. Were the joins and the lease check under
        # FOR UPDATE, a detection updated meanwhile would make PostgreSQL re-fetch the lease and panorama
        # rows by ctid ("EvalPlanQual"), which fails with "failed to fetch tuple" once the busy lease table
        # has pruned them. The recheck now sees the new detection row (its status) and copied candidates.
        sql = (f"WITH candidate AS MATERIALIZED (SELECT id, row_number() OVER () AS rank FROM ("  # nosec B608
               f"SELECT d.id FROM {source} WHERE {cond} AND {free} ORDER BY {order_sql} LIMIT %s) ordered), "
               f"picked AS (SELECT d.id, c.rank FROM {det} d JOIN candidate c ON c.id = d.id "
               f"WHERE {status_cond} ORDER BY c.rank LIMIT %s FOR UPDATE OF d SKIP LOCKED), "
               f"taken AS (INSERT INTO {lease} AS lease (id, reviewer, session_id, claimed_at, expires_at) "
               "SELECT id, %s, %s, now(), now() + %s * interval '1 second' FROM picked "
               "ON CONFLICT (id) DO UPDATE SET reviewer = EXCLUDED.reviewer, session_id = EXCLUDED.session_id, "
               "claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at "
               "WHERE lease.expires_at <= now() OR lease.session_id = EXCLUDED.session_id RETURNING id) "
               "SELECT (SELECT COUNT(*) FROM candidate) AS candidates, (SELECT COUNT(*) FROM picked) AS picked, "
               "(SELECT array_agg(p.id ORDER BY p.rank) FROM picked p JOIN taken t ON t.id = p.id) AS ids")
        # More candidates than wanted: the first ones may be locked by claims running right now (every
        # reviewer in score order wants the same items), and those are skipped.
        all_params = (params + [session_id] + order_params + [want + _CANDIDATE_SLACK] + status_params
                      + [want, reviewer, session_id, float(ttl_s)])
        with store.transaction():
            row = store.query(sql, all_params)[0]
        ids = list(row["ids"] or [])
        claimed += ids
        candidates, picked = int(row["candidates"]), int(row["picked"])
        # Done when enough are leased, or every free candidate was picked and leased (that is all there is).
        # Otherwise a claim running at the same time locked some candidates or won their leases: again.
        if len(claimed) >= n or candidates == 0 or (picked == len(ids) == candidates):
            break
    return claimed


def _claim_gpkg(store, session_id, reviewer, flt, order, n, ttl_s, near):
    install(store)
    cond, params = where_sql(store, flt)
    lease = _lease_ref(store)
    det = store.table_ref("detection")
    with store.transaction():  # BEGIN IMMEDIATE: no other writer until commit
        now = utc_now()
        free = (f"NOT EXISTS (SELECT 1 FROM {lease} l WHERE l.id = d.id AND l.expires_at > %s "  # nosec B608
                "AND l.session_id <> %s)")
        free_params = [now, session_id]
        if order == "walk" and near is not None:
            ids = _walk_gpkg(store, cond, params, free, free_params, n, near)
        else:
            order_sql = _ORDER_SQL.get(order, "d.panorama_id, d.bbox_xmin, d.id")
            sql = (f"SELECT d.id FROM {det} d WHERE {cond} AND {free} "  # nosec B608
                   f"ORDER BY {order_sql} LIMIT %s")
            ids = [r["id"] for r in store.query(sql, params + free_params + [n])]
        expires = now + timedelta(seconds=float(ttl_s))
        for detection_id in ids:
            store.execute(
                f"INSERT INTO {lease} (id, reviewer, session_id, claimed_at, expires_at) "  # nosec B608
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET reviewer = excluded.reviewer, "
                "session_id = excluded.session_id, claimed_at = excluded.claimed_at, "
                "expires_at = excluded.expires_at",
                (detection_id, reviewer, session_id, now, expires))
    return ids


def _walk_gpkg(store, cond, params, free, free_params, n, near):
    """Items of the panoramas nearest to ``near``: rtree windows growing until n lie within the radius."""
    x0, y0 = float(near[0]), float(near[1])
    px, py = x_expr(store, "p.geom"), y_expr(store, "p.geom")
    dist = f"(({px} - %s) * ({px} - %s) + ({py} - %s) * ({py} - %s))"
    det, pano = store.table_ref("detection"), store.table_ref("panorama")
    rtree = f'"{rtree_name("panorama")}"'
    radius = _WALK_START_RADIUS
    while True:
        last = radius >= _WALK_MAX_RADIUS
        if last:
            source, wparams = f"{det} d JOIN {pano} p ON p.id = d.panorama_id WHERE", []
        else:
            # CROSS JOIN fixes sqlite's join order: rtree window → panoramas → their detections.
            source = (f"{rtree} r CROSS JOIN {pano} p CROSS JOIN {det} d WHERE p.id = r.id "
                      "AND d.panorama_id = p.id AND r.minx <= %s AND r.maxx >= %s AND r.miny <= %s "
                      "AND r.maxy >= %s AND")
            wparams = [x0 + radius, x0 - radius, y0 + radius, y0 - radius]
        sql = (f"SELECT d.id, {dist} AS dist2 FROM {source} {cond} AND {free} "  # nosec B608
               "ORDER BY dist2, d.bbox_xmin, d.id LIMIT %s")
        rows = store.query(sql, [x0, x0, y0, y0] + wparams + params + free_params + [n])
        within = [r for r in rows if last or (r["dist2"] is not None and r["dist2"] <= radius * radius)]
        if len(within) >= n or last:
            return [r["id"] for r in (rows if last else within)][:n]
        radius *= 4


def take(store, session_id: str, reviewer: str, detection_id: int, ttl_s: float = DEFAULT_TTL_S) -> None:
    """Lease one detection for the session, whoever held it (inside the caller's checks, e.g. undo)."""
    lease = _lease_ref(store)
    upsert = (" ON CONFLICT (id) DO UPDATE SET reviewer = excluded.reviewer, session_id = excluded.session_id, "
              "claimed_at = excluded.claimed_at, expires_at = excluded.expires_at")
    with store.transaction():
        if store.backend == "postgis":
            store.execute(f"INSERT INTO {lease} (id, reviewer, session_id, claimed_at, expires_at) "  # nosec B608
                          "VALUES (%s, %s, %s, now(), now() + %s * interval '1 second')" + upsert,
                          (int(detection_id), reviewer, session_id, float(ttl_s)))
        else:
            now = utc_now()
            store.execute(f"INSERT INTO {lease} (id, reviewer, session_id, claimed_at, expires_at) "  # nosec B608
                          "VALUES (%s, %s, %s, %s, %s)" + upsert,
                          (int(detection_id), reviewer, session_id, now, now + timedelta(seconds=float(ttl_s))))


def release(store, session_id: str, ids: Optional[Sequence[int]] = None) -> int:
    """Give up the session's leases (all, or those of ``ids``); returns how many were held."""
    lease = _lease_ref(store)
    sql = f"DELETE FROM {lease} WHERE session_id = %s"  # nosec B608
    params = [session_id]
    if ids is not None:
        ids = [int(i) for i in ids]
        if not ids:
            return 0
        sql += f" AND id IN ({', '.join(['%s'] * len(ids))})"
        params += ids
    with store.transaction():
        return store.execute(sql, params)


def renew(store, session_id: str, ttl_s: float = DEFAULT_TTL_S) -> int:
    """Push back the expiry of every lease the session still holds; returns how many."""
    lease = _lease_ref(store)
    with store.transaction():
        if store.backend == "postgis":
            return store.execute(f"UPDATE {lease} SET expires_at = now() + %s * interval '1 second' "  # nosec B608
                                 "WHERE session_id = %s", (float(ttl_s), session_id))
        return store.execute(f"UPDATE {lease} SET expires_at = %s WHERE session_id = %s",  # nosec B608
                             (utc_now() + timedelta(seconds=float(ttl_s)), session_id))


def purge_expired(store) -> int:
    """Delete expired leases (housekeeping; an expired lease is free whether deleted or not)."""
    lease = _lease_ref(store)
    with store.transaction():
        if store.backend == "postgis":
            return store.execute(f"DELETE FROM {lease} WHERE expires_at <= now()")  # nosec B608
        return store.execute(f"DELETE FROM {lease} WHERE expires_at <= %s", (utc_now(),))  # nosec B608


def active_lease(store, detection_id: int) -> Optional[dict]:
    """The unexpired lease on a detection ({reviewer, session_id, expires_at}), else None."""
    lease = _lease_ref(store)
    if store.backend == "postgis":
        rows = store.query(f"SELECT reviewer, session_id, expires_at FROM {lease} "  # nosec B608
                           "WHERE id = %s AND expires_at > now()", (int(detection_id),),
                           decode_as={"expires_at": "datetime"})
    else:
        rows = store.query(f"SELECT reviewer, session_id, expires_at FROM {lease} "  # nosec B608
                           "WHERE id = %s AND expires_at > %s", (int(detection_id), utc_now()),
                           decode_as={"expires_at": "datetime"})
    return rows[0] if rows else None
