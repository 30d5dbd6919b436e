"""DDL for both backends, generated from schema.py so GeoPackage and PostGIS cannot drift.

Every function returns a list of (sql, params) pairs. Identifiers only ever come from
schema.py and pass ``quote_ident``; values (names registered in gpkg_* tables) are
parameters.
"""
import hashlib

from .audit import audit_triggers
from .copy_columns import copy_triggers
from .identifiers import pg_table_ref, quote_ident
from .schema import SRID, TABLES

GPKG_APPLICATION_ID = 0x47504B47  # 'GPKG'
GPKG_USER_VERSION = 10300  # GeoPackage 1.3: the rtree trigger set GDAL 3.6 validates
META_TABLE = "schema_meta"
GEOM = "geom"

# --------------------------------------------------------------------------- GeoPackage

_GPKG_TYPES = {"int": "INTEGER", "real": "REAL", "text": "TEXT", "bool": "BOOLEAN",
               "json": "TEXT", "datetime": "DATETIME"}

WKT_25832 = (
    'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",'
    'SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6258"]],'
    'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,'
    'AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4258"]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],'
    'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],'
    'AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","25832"]]')
WKT_4326 = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
    '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
    'AUTHORITY["EPSG","4326"]]')

_GPKG_CORE = (
    """CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
        srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)""",
    """CREATE TABLE IF NOT EXISTS gpkg_contents (
        table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
        description TEXT DEFAULT '',
        last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
        CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
        CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
        CONSTRAINT uk_gc_table_name UNIQUE (table_name),
        CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
        CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
    """CREATE TABLE IF NOT EXISTS gpkg_extensions (
        table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
        definition TEXT NOT NULL, scope TEXT NOT NULL,
        CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))""",
    # gpkg_schema extension: lets GDAL/QGIS know which TEXT columns hold JSON.
    """CREATE TABLE IF NOT EXISTS gpkg_data_columns (
        table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT,
        description TEXT, mime_type TEXT, constraint_name TEXT,
        CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
        CONSTRAINT gdc_tn UNIQUE (table_name, name))""",
    """CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (
        constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT,
        min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN,
        description TEXT,
        CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))""",
)

_SRS_ROWS = (
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    ("WGS 84 geodetic", 4326, "EPSG", 4326, WKT_4326,
     "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
    ("ETRS89 / UTM zone 32N", SRID, "EPSG", SRID, WKT_25832, "ETRS89 / UTM zone 32N, metres"),
)

_SCHEMA_EXTENSION = "http://www.geopackage.org/spec121/#extension_schema"
_RTREE_EXTENSION = "http://www.geopackage.org/spec121/#extension_rtree"

# The standard GeoPackage 1.3 rtree triggers; ST_* are registered on our connection.
_RTREE_TRIGGERS = (
    """CREATE TRIGGER "{r}_insert" AFTER INSERT ON {t}
  WHEN (new.{c} NOT NULL AND NOT ST_IsEmpty(NEW.{c}))
BEGIN
  INSERT OR REPLACE INTO "{r}" VALUES (
    NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c}));
END""",
    """CREATE TRIGGER "{r}_update1" AFTER UPDATE OF {c} ON {t}
  WHEN OLD.{i} = NEW.{i} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))
BEGIN
  INSERT OR REPLACE INTO "{r}" VALUES (
    NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c}));
END""",
    """CREATE TRIGGER "{r}_update2" AFTER UPDATE OF {c} ON {t}
  WHEN OLD.{i} = NEW.{i} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))
BEGIN
  DELETE FROM "{r}" WHERE id = OLD.{i};
END""",
    """CREATE TRIGGER "{r}_update3" AFTER UPDATE OF {c} ON {t}
  WHEN OLD.{i} != NEW.{i} AND (NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))
BEGIN
  DELETE FROM "{r}" WHERE id = OLD.{i};
  INSERT OR REPLACE INTO "{r}" VALUES (
    NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c}));
END""",
    """CREATE TRIGGER "{r}_update4" AFTER UPDATE ON {t}
  WHEN OLD.{i} != NEW.{i} AND (NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))
BEGIN
  DELETE FROM "{r}" WHERE id IN (OLD.{i}, NEW.{i});
END""",
    """CREATE TRIGGER "{r}_delete" AFTER DELETE ON {t}
  WHEN old.{c} NOT NULL
BEGIN
  DELETE FROM "{r}" WHERE id = OLD.{i};
END""",
)


def rtree_name(table_name):
    return f"rtree_{table_name}_{GEOM}"


def gpkg_geometry_type_name(geometry_type):
    """gpkg_geometry_columns type name and z flag (1 = mandatory) of a declared type."""
    if geometry_type.endswith("Z"):
        return geometry_type[:-1], 1
    return geometry_type, 0


def gpkg_core():
    """The GeoPackage metadata tables and the SRS rows the spec requires."""
    stmts = [(sql, ()) for sql in _GPKG_CORE]
    stmts += [("INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
               "organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)", row)
              for row in _SRS_ROWS]
    stmts += [("INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, "
               "definition, scope) VALUES (?, NULL, 'gpkg_schema', ?, 'read-write')", (name, _SCHEMA_EXTENSION))
              for name in ("gpkg_data_columns", "gpkg_data_column_constraints")]
    return stmts


def _gpkg_column(col):
    if col.kind == "pk":
        return f"{quote_ident(col.name)} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"
    parts = [quote_ident(col.name), _GPKG_TYPES[col.kind]]
    if col.not_null:
        parts.append("NOT NULL")
    if col.default is not None:
        parts.append(f"DEFAULT {col.default}")
    if col.references:
        parts.append(f"REFERENCES {quote_ident(col.references)}(\"id\")")
    return " ".join(parts)


def gpkg_table(table):
    """CREATE TABLE, indexes, gpkg_* registration and rtree index of one user table."""
    t = quote_ident(table.name)
    cols = [_gpkg_column(c) for c in table.columns]
    if table.geometry_type:
        type_name, z = gpkg_geometry_type_name(table.geometry_type)
        cols.append(f"{quote_ident(GEOM)} {type_name}")
    stmts = [(f"CREATE TABLE {t} ({', '.join(cols)})", ())]
    stmts += [(sql, ()) for sql in _index_sql(table, t)]
    data_type = "features" if table.geometry_type else "attributes"
    stmts.append(("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                  "last_change, srs_id) VALUES (?, ?, ?, '', strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?)",
                  (table.name, data_type, table.name, SRID if table.geometry_type else None)))
    for col in table.columns:
        if col.kind == "json":
            stmts.append(("INSERT INTO gpkg_data_columns (table_name, column_name, name, mime_type) "
                          "VALUES (?, ?, ?, 'application/json')", (table.name, col.name, col.name)))
    if table.geometry_type:
        stmts.append(("INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, "
                      "srs_id, z, m) VALUES (?, ?, ?, ?, ?, 0)", (table.name, GEOM, type_name, SRID, z)))
        r = rtree_name(table.name)
        quote_ident(r)
        stmts.append((f'CREATE VIRTUAL TABLE "{r}" USING rtree(id, minx, maxx, miny, maxy)', ()))
        stmts += [(trig.format(r=r, t=t, c=quote_ident(GEOM), i='"id"'), ()) for trig in _RTREE_TRIGGERS]
        stmts.append(("INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, "
                      "scope) VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')",
                      (table.name, GEOM, _RTREE_EXTENSION)))
    return stmts


def gpkg_meta():
    return [(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (version INTEGER PRIMARY KEY, "
             "applied_at DATETIME NOT NULL, description TEXT)", ())]


# --------------------------------------------------------------------------- PostGIS

_PG_TYPES = {"int": "INTEGER", "real": "DOUBLE PRECISION", "text": "TEXT", "bool": "BOOLEAN",
             "json": "JSONB", "datetime": "TIMESTAMPTZ"}
_PG_GEOMETRY = {"POINT": "Point", "POINTZ": "PointZ", "LINESTRING": "LineString",
                "POLYGON": "Polygon", "GEOMETRY": "Geometry"}


def pg_geometry_type(geometry_type):
    """PostGIS/QGIS spelling of a declared geometry type (PointZ, LineString...)."""
    return _PG_GEOMETRY[geometry_type]


def _pg_column(col, schema):
    if col.kind == "pk":
        return f"{quote_ident(col.name)} INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    parts = [quote_ident(col.name), _PG_TYPES[col.kind]]
    if col.not_null:
        parts.append("NOT NULL")
    if col.default is not None:
        parts.append(f"DEFAULT {col.default}")
    if col.references:
        parts.append(f"REFERENCES {pg_table_ref(schema, col.references)}(\"id\")")
    return " ".join(parts)


def pg_table(table, schema):
    """CREATE TABLE and indexes (GiST for the geometry) of one user table."""
    t = pg_table_ref(schema, table.name)
    cols = [_pg_column(c, schema) for c in table.columns]
    if table.geometry_type:
        cols.append(f"{quote_ident(GEOM)} geometry({pg_geometry_type(table.geometry_type)}, {SRID})")
    stmts = [f"CREATE TABLE {t} ({', '.join(cols)})"]
    stmts += _index_sql(table, t)
    if table.geometry_type:
        idx = quote_ident(f"sidx_{table.name}_{GEOM}")
        stmts.append(f"CREATE INDEX {idx} ON {t} USING GIST ({quote_ident(GEOM)})")
    return [(sql, ()) for sql in stmts]


def pg_meta(schema):
    return [(f"CREATE TABLE IF NOT EXISTS {pg_table_ref(schema, META_TABLE)} (version INTEGER PRIMARY KEY, "
             "applied_at TIMESTAMPTZ NOT NULL, description TEXT)", ())]


# --------------------------------------------------------------------------- shared

def index_name(table_name, cols):
    """idx_<table>_<columns>; past PostgreSQL's 63 characters, shortened with a hash of the full name."""
    name = "idx_" + table_name + "_" + "_".join(cols)
    if len(name) > 63:
        name = name[:54] + "_" + hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8]
    return name


def index_sql(table_name, table_ref, cols):
    return (f"CREATE INDEX {quote_ident(index_name(table_name, cols))} ON {table_ref} "
            f"({', '.join(quote_ident(c) for c in cols)})")


def _index_sql(table, table_ref):
    return [index_sql(table.name, table_ref, cols) for cols in table.indexes]


def add_column(backend, table, column_name, schema=None):
    """ALTER TABLE … ADD COLUMN for a column schema.py declares (used by migrations)."""
    col = next(c for c in table.columns if c.name == column_name)
    if backend == "gpkg":
        return [(f"ALTER TABLE {quote_ident(table.name)} ADD COLUMN {_gpkg_column(col)}", ())]
    return [(f"ALTER TABLE {pg_table_ref(schema, table.name)} ADD COLUMN {_pg_column(col, schema)}", ())]


def replace_index(backend, table, old_cols, new_cols, schema=None):
    """Drop the index on ``old_cols`` and build the one on ``new_cols`` (used by migrations)."""
    old = quote_ident(index_name(table.name, old_cols))
    if backend == "gpkg":
        return [(f"DROP INDEX IF EXISTS {old}", ()),
                (index_sql(table.name, quote_ident(table.name), new_cols), ())]
    return [(f"DROP INDEX IF EXISTS {quote_ident(schema)}.{old}", ()),
            (index_sql(table.name, pg_table_ref(schema, table.name), new_cols), ())]


def create_all(backend, schema=None):
    """Every statement that builds an empty store of the current schema.py."""
    if backend == "gpkg":
        stmts = gpkg_core() + gpkg_meta()
        for table in TABLES:
            stmts += gpkg_table(table)
    else:
        stmts = pg_meta(schema)
        for table in TABLES:
            stmts += pg_table(table, schema)
    for table in TABLES:  # after all tables: a trigger names its source table
        stmts += copy_triggers(backend, table, schema)
    stmts += audit_triggers(backend, schema)
    return stmts
