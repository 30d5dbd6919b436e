"""Export the asset inventory with VzKat codes and status: GeoPackage, GeoJSON or CSV.

STATUS: "all"; "accepted" (confirmed by review: at least one accepted or relabeled detection and
not withdrawn); or a lifecycle status ("existing", "planned", "removed", "withdrawn").
GeoPackage and CSV are in EPSG:25832 (CSV adds lon/lat); GeoJSON is RFC 7946 (WGS 84 lon/lat).
The GeoPackage is written with sqlite3 alone (a plain point layer "assets", no spatial index).
"""
import csv
import json
import os
import sqlite3
from pathlib import Path
from typing import Dict, List

from ..core.definitions import ASSET_EXPORT_FORMATS as FORMATS
from ..core.definitions import ASSET_EXPORT_STATUSES as STATUSES
from ..core.geodesy import utm32_to_wgs84
from ..store import ddl
from ..store.geometry import gpkg_encode
from ..store.schema import SRID
from ..store.values import datetime_text
from . import vzkat
from .assets import LINKED_STATUSES
from .text import tr

FIELDS = (("id", "INTEGER"), ("asset_class", "TEXT"), ("vzkat_code", "TEXT"), ("vzkat_value", "TEXT"),
          ("vzkat_name", "TEXT"), ("status", "TEXT"), ("condition", "TEXT"), ("position_source", "TEXT"),
          ("position_accuracy", "REAL"), ("detections", "INTEGER"), ("direction", "REAL"), ("height", "REAL"),
          ("size", "REAL"), ("version", "INTEGER"), ("created_at", "DATETIME"), ("updated_at", "DATETIME"))
LAYER = "assets"


def asset_rows(store, status: str = "all") -> List[Dict]:
    """Assets with their accepted-detection count and German class name, filtered by STATUS."""
    if status not in STATUSES:
        raise ValueError(tr("Unknown status '{status}'; use one of: {statuses}.").format(
            status=status, statuses=", ".join(STATUSES)))
    a, d = store.table_ref("asset"), store.table_ref("detection")
    sql = (f"SELECT a.id, a.asset_class, a.vzkat_code, a.vzkat_value, a.lifecycle_status AS status, "  # nosec B608
           "a.condition, a.position_source, a.position_accuracy, a.direction, a.height, a.size, a.version, "
           "a.created_at, a.updated_at, a.geom, COALESCE(n.detections, 0) AS detections "
           f"FROM {a} a LEFT JOIN (SELECT asset_id, COUNT(*) AS detections FROM {d} "
           "WHERE status IN (%s, %s) AND asset_id IS NOT NULL GROUP BY asset_id) n ON n.asset_id = a.id")
    params: list = list(LINKED_STATUSES)
    if status == "accepted":
        sql += " WHERE COALESCE(n.detections, 0) > 0 AND COALESCE(a.lifecycle_status, 'existing') <> %s"
        params.append("withdrawn")
    elif status != "all":
        sql += " WHERE COALESCE(a.lifecycle_status, 'existing') = %s"
        params.append(status)
    sql += " ORDER BY a.id"
    rows = store.query(sql, params, decode_as={"created_at": "datetime", "updated_at": "datetime", "geom": "geometry"})
    for r in rows:
        r["status"] = r["status"] or "existing"
        r["vzkat_name"] = vzkat.name_of(r["asset_class"], r["vzkat_code"], r["vzkat_value"])
        r["detections"] = int(r["detections"] or 0)
    return rows


def export_assets(store, path, status: str = "all", fmt: str = "") -> int:
    """Write the assets to ``path`` (format from ``fmt`` or the extension); returns the count."""
    fmt = fmt or {".gpkg": "gpkg", ".geojson": "geojson", ".json": "geojson", ".csv": "csv"}.get(
        Path(path).suffix.lower(), "")
    if fmt not in FORMATS:
        raise ValueError(tr("Unknown export format '{format}'; use one of: {formats}.").format(
            format=fmt, formats=", ".join(FORMATS)))
    rows = asset_rows(store, status)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    {"gpkg": _write_gpkg, "geojson": _write_geojson, "csv": _write_csv}[fmt](rows, os.fspath(path))
    return len(rows)


def _plain(value):
    return datetime_text(value) if hasattr(value, "tzinfo") else value


def _write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow([f for f, _ in FIELDS] + ["x", "y", "lon", "lat"])
        for r in rows:
            g = r["geom"]
            xy = [None, None, None, None]
            if g is not None and not g.is_empty:
                lon, lat = utm32_to_wgs84(g.x, g.y)
                xy = [round(g.x, 3), round(g.y, 3), round(float(lon), 8), round(float(lat), 8)]
            w.writerow([_plain(r[f]) for f, _ in FIELDS] + xy)


def _write_geojson(rows, path):
    features = []
    for r in rows:
        g = r["geom"]
        geometry = None
        if g is not None and not g.is_empty:
            lon, lat = utm32_to_wgs84(g.x, g.y)
            geometry = {"type": "Point", "coordinates": [round(float(lon), 8), round(float(lat), 8)]}
        features.append({"type": "Feature", "id": r["id"], "geometry": geometry,
                         "properties": {f: _plain(r[f]) for f, _ in FIELDS}})
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)


def _write_gpkg(rows, path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id = {ddl.GPKG_APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {ddl.GPKG_USER_VERSION}")
        for sql, params in ddl.gpkg_core():
            conn.execute(sql, params)
        cols = ", ".join(f'"{f}" {t}' for f, t in FIELDS if f != "id")
        conn.execute(f'CREATE TABLE "{LAYER}" ("fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
                     f'"geom" POINT, {cols})')
        pts = [r["geom"] for r in rows if r["geom"] is not None and not r["geom"].is_empty]
        extent = (min(p.x for p in pts), min(p.y for p in pts), max(p.x for p in pts), max(p.y for p in pts)) \
            if pts else (None, None, None, None)
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, "
                     "min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, "
                     "strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, ?, ?, ?, ?)",
                     (LAYER, LAYER, "Herzlich Digital asset inventory", *extent, SRID))
        conn.execute("INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) "
                     "VALUES (?, 'geom', 'POINT', ?, 0, 0)", (LAYER, SRID))
        names = [f for f, _ in FIELDS]
        sql = (f'INSERT INTO "{LAYER}" ("fid", "geom", {", ".join(chr(34) + f + chr(34) for f in names if f != "id")}) '  # nosec B608
               f"VALUES ({', '.join(['?'] * (len(names) + 1))})")
        conn.executemany(sql, [
            (r["id"], None if r["geom"] is None or r["geom"].is_empty else gpkg_encode(r["geom"], 2),
             *[_plain(r[f]) for f in names if f != "id"]) for r in rows])
        conn.commit()
    finally:
        conn.close()
