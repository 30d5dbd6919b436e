"""exportassets and reviewreport engines on a reviewed demo city, both backends."""
import csv
import json
import shutil
import sqlite3
import subprocess

import pytest

from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.review.export_assets import asset_rows, export_assets
from herzlich_digital_plugin.review.report import build_report, write_report
from review_demo import write_city


@pytest.fixture
def reviewed(store):
    truth = write_city(store, "test")
    anna, ben = ReviewSession(store, "anna"), ReviewSession(store, "ben")
    for n, it in enumerate(anna.claim_next(n=30) + ben.claim_next(n=20)):
        s = anna if it.detection_id in anna.held else ben
        key = truth.true_key(it.detection_id)
        if key is None:
            s.reject(it, "false_positive")
        elif key != (it.asset_class, it.vzkat_code, it.vzkat_value):
            s.relabel(it, key[1], key[2], key[0])
        else:
            s.accept(it)
    ben.undo()  # ben's last decision is undone
    return store, truth


def test_export_formats_and_status(reviewed, tmp_path):
    store, _ = reviewed
    every = asset_rows(store, "all")
    accepted = asset_rows(store, "accepted")
    withdrawn = asset_rows(store, "withdrawn")
    assert len(every) == store.count("asset") > 0
    assert {r["id"] for r in accepted} | {r["id"] for r in withdrawn} <= {r["id"] for r in every}
    assert all(r["detections"] > 0 and r["status"] != "withdrawn" for r in accepted)
    linked = {r["asset_id"] for r in store.query(
        "SELECT DISTINCT asset_id FROM detection WHERE status IN ('accepted', 'relabeled') AND asset_id IS NOT NULL")}
    assert {r["id"] for r in accepted} == linked

    n = export_assets(store, tmp_path / "a.gpkg", "accepted")
    assert n == len(accepted)
    conn = sqlite3.connect(str(tmp_path / "a.gpkg"))
    try:
        rows = conn.execute("SELECT fid, vzkat_code, vzkat_name, status, detections FROM assets ORDER BY fid").fetchall()
        assert [r[0] for r in rows] == [r["id"] for r in accepted]
        assert conn.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'assets'").fetchone()[0] == 25832
    finally:
        conn.close()
    if shutil.which("ogrinfo"):
        out = subprocess.run(["ogrinfo", "-ro", "-so", str(tmp_path / "a.gpkg"), "assets"], capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 0 and f"Feature Count: {n}" in out.stdout, out.stdout + out.stderr

    assert export_assets(store, tmp_path / "a.geojson", "all") == len(every)
    data = json.loads((tmp_path / "a.geojson").read_text(encoding="utf-8"))
    assert len(data["features"]) == len(every)
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 7.6 < lon < 7.9 and 49.3 < lat < 49.5
    assert {f["properties"]["vzkat_name"] for f in data["features"]} and "status" in data["features"][0]["properties"]

    assert export_assets(store, tmp_path / "w.csv", "withdrawn") == len(withdrawn)
    with open(tmp_path / "w.csv", encoding="utf-8-sig") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == len(withdrawn) and all(r["status"] == "withdrawn" for r in table)
    with pytest.raises(ValueError):
        export_assets(store, tmp_path / "x.csv", "kaputt")


def test_report_numbers(reviewed, tmp_path):
    store, truth = reviewed
    rep = build_report(store)
    dets = store.select("detection")
    assert rep.totals["total"] == len(dets)
    assert rep.totals["accepted"] == sum(d["status"] == "accepted" for d in dets)
    for c in rep.per_class:
        mine = [d for d in dets if (d["asset_class"], d["vzkat_code"], d["vzkat_value"]) ==
                (c["asset_class"], c["vzkat_code"], c["vzkat_value"])]
        acc = sum(d["status"] == "accepted" for d in mine)
        judged = sum(d["status"] in ("accepted", "rejected", "relabeled") for d in mine)
        assert c["total"] == len(mine)
        assert rep.precision(c) == (None if judged == 0 else pytest.approx(acc / judged))
    people = {p["actor"]: p for p in rep.per_reviewer}
    assert set(people) == {"anna", "ben"} and people["ben"]["undo"] == 1
    assert people["anna"]["decisions"] == store.count("review_event", {"actor": "anna"})
    # ben's undone decision does not count for him (issue 15.5): 20 decided, 1 undone
    ben_decisions = store.count("review_event", {"actor": "ben", "action": ["accept", "reject", "relabel"]})
    assert people["ben"]["decisions"] == ben_decisions - 1 == 19
    assert sum(d["total"] for d in rep.per_district) == len(dets)
    # precision per confidence band and the precision-confidence curve, against the rows themselves (15.5)
    assert sum(b["total"] for b in rep.per_band) == len(dets)
    for b in (x for x in rep.per_band if x["low"] is not None):
        mine = [d for d in dets if d["score"] is not None and b["low"] <= d["score"] and
                (d["score"] < b["low"] + 0.1 + (0.4 if b["low"] == 0.0 else 0) or b["low"] == 0.9)]
        above = [d for d in dets if d["score"] is not None and d["score"] >= b["low"]]
        judged = [d for d in above if d["status"] in ("accepted", "rejected", "relabeled")]
        assert b["total"] == len(mine)
        assert b["at_least"] == (None if not judged else
                                 pytest.approx(sum(d["status"] == "accepted" for d in judged) / len(judged)))
    assert all(d["district"].startswith("E410") for d in rep.per_district)

    html = open(write_report(rep, tmp_path / "r.html"), encoding="utf-8").read()
    assert "<h2>Progress per class</h2>" in html and "anna" in html and "Zulässige Höchstgeschwindigkeit" in html
    with open(write_report(rep, tmp_path / "r.csv"), encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["section"] for r in rows} == {"class", "reviewer", "district", "band"}
    with pytest.raises(ValueError):
        write_report(rep, tmp_path / "r.pdf")
