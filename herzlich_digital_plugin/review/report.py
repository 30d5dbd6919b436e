"""Review progress and the AI's measured precision, as HTML (German headings via tr) or CSV.

- per class: detections by status, for the class the AI predicted;
- per reviewer: decisions by action (from review_event), first and last decision; decisions that were
  undone later are not counted (the undo itself is, in its own column);
- per district: detections by status per 1 km square of the UTM grid (EPSG:25832), taken at the
  detection's panorama and named by its south-west corner in km ("E410 N5477");
- precision per predicted class = accepted / (accepted + rejected + relabeled): a relabel means the
  object is real but the AI named the wrong class, so it counts against that class.
All numbers come from GROUP BY queries.
"""
import csv
import html
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional

from . import vzkat
from .filters import STATUSES
from .items import utc_now
from .sqlfuncs import install, x_expr, y_expr
from .text import tr

DISTRICT_SIZE_M = 1000.0
ACTIONS = ("accept", "reject", "relabel", "move", "skip", "edit", "annotate", "undo")
BAND_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)  # confidence bands for choosing an auto-accept threshold


@dataclass
class ReviewReport:
    generated_at: datetime
    per_class: List[Dict] = field(default_factory=list)  # asset_class, vzkat_code, vzkat_value, name, statuses…
    per_reviewer: List[Dict] = field(default_factory=list)  # actor, actions…, decisions, first, last
    per_district: List[Dict] = field(default_factory=list)  # district, statuses…
    # band, low, high, statuses…, total; "at_least": precision of every judged detection scoring >= low
    per_band: List[Dict] = field(default_factory=list)
    totals: Dict[str, int] = field(default_factory=dict)

    @staticmethod
    def precision(row: Dict) -> Optional[float]:
        judged = row.get("accepted", 0) + row.get("rejected", 0) + row.get("relabeled", 0)
        return None if judged == 0 else row.get("accepted", 0) / judged


def _undone_events(store) -> List[Dict]:
    """actor and action of every event an 'undo' event reverted."""
    ev = store.table_ref("review_event")
    undone = set()
    for r in store.query(f"SELECT new_value FROM {ev} WHERE action = %s", ("undo",),  # nosec B608
                         decode_as={"new_value": "json"}):
        new = r["new_value"] or {}
        if isinstance(new, dict) and isinstance(new.get("undoes"), int):
            undone.add(new["undoes"])
    ids, out = sorted(undone), []
    for start in range(0, len(ids), 900):  # SQLite's limit on bound parameters
        part = ids[start:start + 900]
        out += store.query(f"SELECT actor, action FROM {ev} WHERE id IN ({', '.join(['%s'] * len(part))})",  # nosec B608
                           part)
    return out


def build_report(store, district_size_m: float = DISTRICT_SIZE_M) -> ReviewReport:
    install(store)
    rep = ReviewReport(utc_now())
    det, pano, ev = store.table_ref("detection"), store.table_ref("panorama"), store.table_ref("review_event")
    classes: Dict[tuple, Dict] = {}
    totals = {s: 0 for s in STATUSES}
    sql = (f"SELECT asset_class, vzkat_code, vzkat_value, status, COUNT(*) AS n FROM {det} "  # nosec B608
           "GROUP BY asset_class, vzkat_code, vzkat_value, status")
    for r in store.query(sql):
        key = (r["asset_class"], r["vzkat_code"], r["vzkat_value"])
        row = classes.setdefault(key, {"asset_class": key[0], "vzkat_code": key[1], "vzkat_value": key[2],
                                       "name": vzkat.name_of(key[0] or "", key[1], key[2]),
                                       **{s: 0 for s in STATUSES}, "total": 0})
        status = r["status"] or "new"
        row[status] = row.get(status, 0) + int(r["n"])
        row["total"] += int(r["n"])
        totals[status] = totals.get(status, 0) + int(r["n"])
    rep.per_class = sorted(classes.values(), key=lambda c: (-c["total"], c["vzkat_code"] or ""))
    rep.totals = dict(totals, total=sum(totals.values()))

    people: Dict[str, Dict] = {}
    sql = (f"SELECT actor, action, COUNT(*) AS n, MIN(decided_at) AS first, MAX(decided_at) AS last "  # nosec B608
           f"FROM {ev} GROUP BY actor, action")
    for r in store.query(sql, decode_as={"first": "datetime", "last": "datetime"}):
        p = people.setdefault(r["actor"], {"actor": r["actor"], **{a: 0 for a in ACTIONS}, "decisions": 0,
                                           "first": r["first"], "last": r["last"]})
        p[r["action"]] = p.get(r["action"], 0) + int(r["n"])
        if r["action"] in ("accept", "reject", "relabel", "move"):
            p["decisions"] += int(r["n"])
        p["first"] = min(p["first"], r["first"]) if p["first"] and r["first"] else p["first"] or r["first"]
        p["last"] = max(p["last"], r["last"]) if p["last"] and r["last"] else p["last"] or r["last"]
    for r in _undone_events(store):  # an undone decision does not count for its reviewer
        p = people.get(r["actor"])
        if p is None:
            continue
        p[r["action"]] = max(0, p.get(r["action"], 0) - 1)
        if r["action"] in ("accept", "reject", "relabel", "move"):
            p["decisions"] = max(0, p["decisions"] - 1)
    rep.per_reviewer = sorted(people.values(), key=lambda p: (-p["decisions"], p["actor"]))

    size = float(district_size_m)
    if store.backend == "postgis":
        gx, gy = f"CAST(floor({x_expr(store, 'p.geom')} / %s) AS integer)", \
            f"CAST(floor({y_expr(store, 'p.geom')} / %s) AS integer)"
    else:  # UTM coordinates are positive: truncation is floor
        gx, gy = f"CAST({x_expr(store, 'p.geom')} / %s AS INTEGER)", f"CAST({y_expr(store, 'p.geom')} / %s AS INTEGER)"
    sql = (f"SELECT {gx} AS gx, {gy} AS gy, d.status, COUNT(*) AS n FROM {det} d "  # nosec B608
           f"JOIN {pano} p ON p.id = d.panorama_id GROUP BY 1, 2, d.status")
    districts: Dict[tuple, Dict] = {}
    for r in store.query(sql, (size, size)):
        if r["gx"] is None:
            continue
        key = (int(r["gx"]), int(r["gy"]))
        name = f"E{key[0] * size / 1000:g} N{key[1] * size / 1000:g}"
        row = districts.setdefault(key, {"district": name, **{s: 0 for s in STATUSES}, "total": 0})
        status = r["status"] or "new"
        row[status] = row.get(status, 0) + int(r["n"])
        row["total"] += int(r["n"])
    rep.per_district = [districts[k] for k in sorted(districts)]
    rep.per_band = _bands(store)
    return rep


def _bands(store) -> List[Dict]:
    """Detections by status per confidence band, and the precision-confidence curve (score >= band start)."""
    det = store.table_ref("detection")
    cases = " ".join(f"WHEN score < {hi!r} THEN {i}" for i, hi in enumerate(BAND_EDGES[1:-1]))
    sql = (f"SELECT CASE WHEN score IS NULL THEN -1 {cases} ELSE {len(BAND_EDGES) - 2} END AS band, "  # nosec B608
           f"status, COUNT(*) AS n FROM {det} GROUP BY 1, status")
    rows = {}
    for r in store.query(sql):
        b = int(r["band"])
        if b not in rows:
            label = tr("no score") if b < 0 else f"{BAND_EDGES[b]:.2f}–{BAND_EDGES[b + 1]:.2f}"
            rows[b] = {"band": label, "low": None if b < 0 else BAND_EDGES[b], **{s: 0 for s in STATUSES}, "total": 0}
        status = r["status"] or "new"
        rows[b][status] = rows[b].get(status, 0) + int(r["n"])
        rows[b]["total"] += int(r["n"])
    out = [rows[b] for b in sorted(rows)]
    scored = [r for r in out if r["low"] is not None]
    for i, r in enumerate(scored):
        above = scored[i:]
        acc = sum(x["accepted"] for x in above)
        judged = sum(x["accepted"] + x["rejected"] + x["relabeled"] for x in above)
        r["at_least"] = None if judged == 0 else acc / judged
    return out


def write_report(report: ReviewReport, path) -> str:
    """HTML for .html/.htm, CSV for anything else ending in .csv; returns the path."""
    path = os.fspath(path)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if path.lower().endswith((".html", ".htm")):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(to_html(report))
    elif path.lower().endswith(".csv"):
        _write_csv(report, path)
    else:
        raise ValueError(tr("The report must be a .html or a .csv file: {path}").format(path=path))
    return path


def _pct(v: Optional[float]) -> str:
    return "–" if v is None else f"{100.0 * v:.1f} %"


def _progress(row) -> Optional[float]:
    return None if not row.get("total") else 1.0 - row.get("new", 0) / row["total"]


def _status_headers():
    return [tr("new"), tr("accepted"), tr("rejected"), tr("relabeled")]


def to_html(rep: ReviewReport) -> str:
    e = html.escape

    def table(headers, rows):
        out = ["<table><thead><tr>" + "".join(f"<th>{e(str(h))}</th>" for h in headers) + "</tr></thead><tbody>"]
        for row in rows:
            out.append("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)

    t = rep.totals
    # Translated outside the f-strings: pylupdate5 only finds plain tr("…") calls.
    title = e(tr("Review report"))
    created = e(tr("Created {when}").format(when=rep.generated_at.strftime("%Y-%m-%d %H:%M UTC")))
    done = e(tr("{done} of {total} detections reviewed ({percent})").format(
        done=t.get("total", 0) - t.get("new", 0), total=t.get("total", 0), percent=_pct(_progress(t))))
    per_class, per_reviewer, per_district = (e(tr("Progress per class")), e(tr("Progress per reviewer")),
                                             e(tr("Progress per district")))
    precision_note = e(tr("AI precision = accepted / (accepted + rejected + relabeled), for the class the AI "
                          "predicted."))
    per_band = e(tr("AI precision per confidence band"))
    band_note = e(tr("'From this score on': the precision of all reviewed detections with at least the band's "
                     "score - the precision an auto-accept threshold there would have had."))
    district_note = e(tr("Districts are 1 km squares of the UTM grid (EPSG:25832), named by their south-west "
                         "corner in km."))
    detections = tr("Detections")
    parts = [
        "<!DOCTYPE html>", '<html><head><meta charset="utf-8">', f"<title>{title}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}"
        "td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}td:first-child,th:first-child"
        "{text-align:left}th{background:#eee}</style></head><body>",
        f"<h1>{title}</h1>", f"<p>{created} · {done}</p>", f"<h2>{per_class}</h2>",
        table([tr("Class"), detections] + _status_headers() + [tr("Progress"), tr("AI precision")],
              [[f"{c['vzkat_code'] or ''} {c['name']}".strip(), c["total"], c["new"], c["accepted"], c["rejected"],
                c["relabeled"], _pct(_progress(c)), _pct(ReviewReport.precision(c))] for c in rep.per_class]),
        f"<p>{precision_note}</p>", f"<h2>{per_reviewer}</h2>",
        table([tr("Reviewer"), tr("Decisions"), tr("accept"), tr("reject"), tr("relabel"), tr("move"), tr("skip"),
               tr("undo"), tr("annotate"), tr("First"), tr("Last")],
              [[p["actor"], p["decisions"], p["accept"], p["reject"], p["relabel"], p["move"], p["skip"], p["undo"],
                p["annotate"], _when(p["first"]), _when(p["last"])] for p in rep.per_reviewer]),
        f"<h2>{per_band}</h2>",
        table([tr("Score"), detections] + _status_headers() + [tr("AI precision"), tr("From this score on")],
              [[b["band"], b["total"], b["new"], b["accepted"], b["rejected"], b["relabeled"],
                _pct(ReviewReport.precision(b)), _pct(b.get("at_least"))] for b in rep.per_band]),
        f"<p>{band_note}</p>",
        f"<h2>{per_district}</h2>", f"<p>{district_note}</p>",
        table([tr("District"), detections] + _status_headers() + [tr("Progress")],
              [[d["district"], d["total"], d["new"], d["accepted"], d["rejected"], d["relabeled"], _pct(_progress(d))]
               for d in rep.per_district]),
        "</body></html>",
    ]
    return "\n".join(parts)


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "–"


def _write_csv(rep: ReviewReport, path):
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["section", "key", "name", "total", "new", "accepted", "rejected", "relabeled", "progress",
                    "precision", "decisions", "first", "last"])
        for c in rep.per_class:
            key = "/".join(p for p in (c["asset_class"], c["vzkat_code"], c["vzkat_value"]) if p)
            p = ReviewReport.precision(c)
            w.writerow(["class", key, c["name"], c["total"], c["new"], c["accepted"], c["rejected"], c["relabeled"],
                        _ratio(_progress(c)), _ratio(p), "", "", ""])
        for r in rep.per_reviewer:
            w.writerow(["reviewer", r["actor"], "", "", "", r["accept"], r["reject"], r["relabel"], "", "",
                        r["decisions"], _when(r["first"]), _when(r["last"])])
        for b in rep.per_band:
            w.writerow(["band", b["band"], _ratio(b.get("at_least")), b["total"], b["new"], b["accepted"],
                        b["rejected"], b["relabeled"], "", _ratio(ReviewReport.precision(b)), "", "", ""])
        for d in rep.per_district:
            w.writerow(["district", d["district"], "", d["total"], d["new"], d["accepted"], d["rejected"],
                        d["relabeled"], _ratio(_progress(d)), "", "", "", ""])


def _ratio(v):
    return "" if v is None else f"{v:.4f}"
