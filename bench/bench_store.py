"""Benchmark: bulk insert of 250,000 detections and spatial look-ups, GeoPackage and PostGIS.

Peers for the bulk path, measured in the same run on the same rows:
- GeoPackage: ``ogr2ogr`` (GDAL's GPKG driver) loading the same rows from a CSV with x/y columns into a new
  GeoPackage with its spatial index (no secondary indexes, no foreign keys: the floor GDAL reaches);
- PostGIS: a bare ``COPY`` of the same rows, already rendered as COPY text, into an identical empty
  detection table (same indexes, foreign keys, triggers): what psql's copy command of a prepared file takes.
- the old peer, ``Store.insert`` row by row on a 5,000-row sample scaled to 250,000.
PostGIS runs on a throw-away local cluster (tests/pg_server.py; fsync off like the test cluster).
"""
import csv
import io
import os
import random
import shutil
import subprocess  # nosec B404 - runs GDAL's ogr2ogr as the peer
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for p in (ROOT, os.path.join(ROOT, "tests")):
    if p not in sys.path:
        sys.path.insert(0, p)

from shapely.geometry import Point  # noqa: E402

from herzlich_digital_plugin.store import open_store  # noqa: E402

N_DETECTIONS = 250_000
N_PANORAMAS = 2_500
PEER_SAMPLE = 5_000
X0, Y0 = 406000.0, 5474000.0  # Kaiserslautern, EPSG:25832
LOOKUPS = 200


def _prepare(store):
    """A campaign and panoramas; returns the panorama ids."""
    cid = store.insert("campaign", {"name": "bench"})
    store.insert_many("panorama", ({"campaign_id": cid, "sequence_id": "s", "sequence_rank": i, "heading": 0.0,
                                    "geom": Point(X0 + (i % 50) * 80, Y0 + (i // 50) * 80, 240.0)}
                                   for i in range(N_PANORAMAS)))
    return [r["id"] for r in store.query("SELECT id FROM panorama ORDER BY id")]


def _detections(pano_ids, n, seed=1):
    rng = random.Random(seed)
    codes = ["274", "205", "206", "101", "306", "350"]
    out = []
    for i in range(n):
        pid = pano_ids[i % len(pano_ids)]
        out.append({"panorama_id": pid, "geom": Point(X0 + rng.uniform(0, 4000), Y0 + rng.uniform(0, 4000)),
                    "bbox_xmin": 100.0, "bbox_ymin": 200.0, "bbox_xmax": 140.0, "bbox_ymax": 240.0,
                    "vendor_label": "traffic_sign", "asset_class": "sign", "vzkat_code": rng.choice(codes),
                    "score": rng.random(), "external_id": f"det-{i}"})
    return out


def _bench_backend(label, open_fresh):
    results = []
    with open_fresh() as store:
        pano_ids = _prepare(store)
        rows = _detections(pano_ids, N_DETECTIONS)
        t0 = time.perf_counter()
        n = store.insert_many("detection", rows)
        bulk_s = time.perf_counter() - t0
        assert n == N_DETECTIONS == store.count("detection")

        rng = random.Random(5)
        pts = [(X0 + rng.uniform(0, 4000), Y0 + rng.uniform(0, 4000)) for _ in range(LOOKUPS)]
        nearest_ms = _median_ms(lambda x, y: store.nearest("detection", x, y, k=5), pts)
        bbox_ms = _median_ms(lambda x, y: store.in_bbox("detection", x, y, x + 100, y + 100), pts)

    peer_name, peer_value = _bulk_peer(label, open_fresh, rows)
    with open_fresh() as store:
        pano_ids = _prepare(store)
        sample = _detections(pano_ids, PEER_SAMPLE, seed=2)
        t0 = time.perf_counter()
        with store.transaction():
            for row in sample:
                store.insert("detection", row)
        peer_s = (time.perf_counter() - t0) * N_DETECTIONS / PEER_SAMPLE

    results.append({"name": f"store {label}: insert_many 250,000 detections (point geometry, 12 columns)",
                    "value": round(bulk_s, 2), "unit": "s", "peer": peer_name,
                    "peer_value": None if peer_value is None else round(peer_value, 2)})
    results.append({"name": f"store {label}: insert_many 250,000 detections, against row by row",
                    "value": round(bulk_s, 2), "unit": "s",
                    "peer": f"Store.insert row by row, {PEER_SAMPLE} rows scaled to 250,000",
                    "peer_value": round(peer_s, 2)})
    results.append({"name": f"store {label}: nearest k=5 among 250,000 detections, median",
                    "value": round(nearest_ms, 2), "unit": "ms", "peer": None, "peer_value": None})
    results.append({"name": f"store {label}: in_bbox 100 m x 100 m among 250,000 detections, median",
                    "value": round(bbox_ms, 2), "unit": "ms", "peer": None, "peer_value": None})
    return results


def _bulk_peer(label, open_fresh, rows):
    """(peer name, seconds): ogr2ogr for GeoPackage, a bare COPY for PostGIS."""
    if label == "GeoPackage":
        return "ogr2ogr of the same rows (CSV with x/y) into a new GeoPackage with spatial index", _ogr2ogr(rows)
    with open_fresh() as store:
        _prepare(store)  # the same panoramas, the same ids (a fresh database)
        from herzlich_digital_plugin.store.copy_columns import fill_copies
        from herzlich_digital_plugin.store.postgis import _copy_field
        cols = list(rows[0])
        encoded = [store._encode_row("detection", cols, r) for r in rows]
        cols, encoded = fill_copies(store, "detection", cols, encoded)
        text = "".join("\t".join(_copy_field(v) for v in r) + "\n" for r in encoded)
        cur = store._conn.cursor()
        t0 = time.perf_counter()
        cur.execute("BEGIN")
        cur.copy_expert(f"COPY detection ({', '.join(cols)}) FROM STDIN", io.StringIO(text))
        cur.execute("COMMIT")
        return "bare COPY of the same rows (prepared text) into an identical empty detection table", \
            time.perf_counter() - t0


def _ogr2ogr(rows):
    exe = shutil.which("ogr2ogr")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="hd_bench_ogr_") as tmp:
        src = os.path.join(tmp, "detections.csv")
        cols = [c for c in rows[0] if c != "geom"]
        with open(src, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["x", "y", *cols])
            for r in rows:
                w.writerow([r["geom"].x, r["geom"].y, *[r[c] for c in cols]])
        out = os.path.join(tmp, "out.gpkg")
        t0 = time.perf_counter()
        subprocess.run([exe, "-q", "-f", "GPKG", out, src, "-oo", "X_POSSIBLE_NAMES=x", "-oo",  # nosec B603
                        "Y_POSSIBLE_NAMES=y", "-oo", "AUTODETECT_TYPE=YES", "-a_srs", "EPSG:25832",
                        "-nln", "detection", "-lco", "SPATIAL_INDEX=YES", "-gt", "unlimited"], check=True)
        return time.perf_counter() - t0


def _median_ms(fn, pts):
    times = []
    for x, y in pts:
        t0 = time.perf_counter()
        fn(x, y)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def run():
    results = []
    with tempfile.TemporaryDirectory(prefix="hd_bench_store_") as tmp:
        counter = iter(range(100))
        results += _bench_backend("GeoPackage", lambda: open_store(os.path.join(tmp, f"b{next(counter)}.gpkg")))

    try:
        from pg_server import PostgresServer, PostgresUnavailable
        server = PostgresServer().start()
    except (ImportError, PostgresUnavailable) as exc:
        results.append({"name": f"store PostGIS: not measured ({exc})", "value": None, "unit": "s",
                        "peer": None, "peer_value": None})
        return results
    try:
        server.create_database("hd_bench_tpl", postgis=True)

        def fresh():
            return open_store(server.conninfo(server.create_database(template="hd_bench_tpl")))
        results += _bench_backend("PostGIS", fresh)
    finally:
        server.stop()
    return results


if __name__ == "__main__":
    for r in run():
        print(r)
