"""The one schema both backends share, declared once.

GeoPackage and PostGIS DDL are both generated from these declarations, so the two
stores cannot drift apart. Pure Python: no QGIS, no database driver.

Column kinds:
    int, real, text, bool   plain values
    json                    TEXT in GeoPackage, JSONB in PostGIS; Python dict/list in the API
    datetime                ISO 8601 TEXT (GeoPackage DATETIME) / TIMESTAMPTZ; aware datetime in the API
    pk                      integer primary key (autoincrement / identity)
Geometry is declared per table; every geometry is EPSG:25832 (ETRS89 / UTM 32N).
"""
from dataclasses import dataclass, field
from typing import Optional, Tuple

SRID = 25832
SCHEMA_VERSION = 5  # 3: the audit trail bound to the login; 4: the sign register; 5: per-statement copy trigger


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    not_null: bool = False
    references: Optional[str] = None  # "table" (its pk "id")
    default: Optional[str] = None  # SQL literal valid in both dialects
    # "fk_column.column": a copy of that column of the row fk_column references, kept right by triggers
    # (ddl.py) on every write, whoever writes. For filters an index must answer without a join.
    copy_of: Optional[str] = None

    @property
    def copy_source(self):
        """(fk column, referenced table's column) of a copied column."""
        fk, col = self.copy_of.split(".")
        return fk, col


@dataclass(frozen=True)
class Table:
    name: str
    columns: Tuple[Column, ...]
    geometry_type: Optional[str] = None  # POINT, POINTZ, LINESTRING, GEOMETRY
    indexes: Tuple[Tuple[str, ...], ...] = field(default_factory=tuple)
    append_only: bool = False  # rows are never updated or deleted (audit tables)

    @property
    def column_names(self):
        return [c.name for c in self.columns]


def _c(name, kind, **kw):
    return Column(name, kind, **kw)


PK = _c("id", "pk")
DETECTION_COUNT_INDEX = ("status", "asset_class", "vzkat_code", "vzkat_value", "score", "campaign_id")

TABLES = (
    Table("store_info", (
        PK,
        _c("key", "text", not_null=True),  # e.g. "democity": {"size": "demo", "seed": 7239}
        _c("value", "json"),
    ), indexes=(("key",),)),
    Table("campaign", (
        PK,
        _c("name", "text", not_null=True),
        _c("vendor", "text"),
        _c("started_at", "datetime"),
        _c("ended_at", "datetime"),
        _c("notes", "text"),
    ), indexes=(("name",),)),
    Table("road", (
        PK,
        _c("name", "text"),
        _c("road_class", "text"),  # primary, secondary, residential, service
        _c("lanes", "int"),
        _c("speed_limit", "int"),  # km/h
        _c("oneway", "int", default="0"),  # 0 both ways, 1 along digitising direction
    ), geometry_type="LINESTRING"),
    Table("panorama", (
        PK,
        _c("campaign_id", "int", references="campaign"),
        _c("sequence_id", "text"),
        _c("sequence_rank", "int"),
        _c("captured_at", "datetime"),
        _c("heading", "real"),  # bearing of the image's centre column (GPano PoseHeadingDegrees)
        _c("pitch", "real", default="0"),
        _c("roll", "real", default="0"),
        _c("camera_height", "real", default="2.5"),  # metres above the road surface
        _c("width", "int"),
        _c("height", "int"),
        _c("image_uri", "text"),
    ), geometry_type="POINTZ", indexes=(("campaign_id",), ("sequence_id", "sequence_rank"))),
    Table("model_run", (
        PK,
        _c("name", "text", not_null=True),
        _c("version", "text"),
        _c("created_at", "datetime"),
    )),
    Table("asset", (
        PK,
        _c("asset_class", "text", not_null=True),  # sign, marking, light
        _c("vzkat_code", "text"),  # e.g. "274" (StVO Verkehrszeichenkatalog)
        _c("vzkat_value", "text"),  # e.g. "30" for 274 speed limit
        _c("direction", "real"),  # bearing the face points to
        _c("condition", "text"),  # good, damaged, faded, covered, missing
        _c("lifecycle_status", "text", default="'existing'"),  # planned, existing, removed
        _c("position_source", "text"),  # ground_truth, triangulated, ground_plane, manual
        _c("position_accuracy", "real"),  # metres
        _c("height", "real"),  # metres above ground of the object's centre
        _c("size", "real"),  # metres, object width
        _c("version", "int", not_null=True, default="1"),  # optimistic locking
        _c("created_at", "datetime"),
        _c("updated_at", "datetime"),
    ), geometry_type="POINT", indexes=(("asset_class", "vzkat_code"),)),
    Table("detection", (
        PK,
        _c("panorama_id", "int", not_null=True, references="panorama"),
        _c("model_run_id", "int", references="model_run"),
        _c("external_id", "text"),
        _c("bbox_xmin", "real"),  # pixels in the full-resolution equirectangular image
        _c("bbox_ymin", "real"),
        _c("bbox_xmax", "real"),
        _c("bbox_ymax", "real"),
        _c("vendor_label", "text"),
        _c("asset_class", "text"),
        _c("vzkat_code", "text"),
        _c("vzkat_value", "text"),
        _c("score", "real"),
        _c("status", "text", default="'new'"),  # derived from review_event: new, accepted, rejected, ...
        _c("asset_id", "int", references="asset"),
        _c("campaign_id", "int", copy_of="panorama_id.campaign_id"),  # the panorama's (schema 2)
    ), geometry_type="POINT",  # estimated position
        # (status, score) and (status, class…, score, campaign) serve the review queue's orders and the
        # inspector's grouped counts, also with a campaign filter, from the index alone; both start with
        # status, which replaces an index on status.
        indexes=(("panorama_id",), ("vzkat_code",), ("score",), ("asset_id",), ("status", "score"),
                 DETECTION_COUNT_INDEX)),
    Table("review_event", (
        PK,
        _c("detection_id", "int", references="detection"),
        _c("asset_id", "int", references="asset"),
        _c("actor", "text", not_null=True),
        _c("role", "text"),
        _c("action", "text", not_null=True),  # accept, reject, relabel, move, skip, undo, annotate...
        _c("old_value", "json"),
        _c("new_value", "json"),
        _c("reason", "text"),
        _c("shown_at", "datetime"),
        _c("decided_at", "datetime", not_null=True),
        # Set by the server on PostGIS (store/audit.py, schema 3): the database login and its clock.
        _c("login", "text"),
        _c("recorded_at", "datetime"),
    ), indexes=(("detection_id",), ("asset_id",)), append_only=True),
    # A reviewer's claim on a detection (review queue). id = the detection's id, so a
    # detection has at most one lease; rows are replaced when a lease expires and deleted
    # when the decision is made or the session releases it.
    Table("review_lease", (
        PK,
        _c("reviewer", "text", not_null=True),
        _c("session_id", "text", not_null=True),
        _c("claimed_at", "datetime", not_null=True),
        _c("expires_at", "datetime", not_null=True),
        _c("login", "text"),  # the holder's database login (PostGIS trigger, schema 3)
    ), indexes=(("session_id",), ("expires_at",))),
    Table("annotation", (
        PK,
        _c("asset_id", "int", not_null=True, references="asset"),
        _c("note", "text"),
        _c("condition", "text"),
        _c("photos", "json"),  # list of file paths
        _c("snapshot_path", "text"),
        _c("author", "text"),
        _c("created_at", "datetime"),
    ), indexes=(("asset_id",),)),
    Table("roadworks", (
        PK,
        _c("title", "text", not_null=True),
        _c("description", "text"),
        _c("planned_start", "datetime"),
        _c("planned_end", "datetime"),
        _c("actual_start", "datetime"),
        _c("actual_end", "datetime"),
        _c("status", "text", default="'planned'"),  # planned, approved, active, completed, cancelled
        _c("restriction", "text"),  # full_closure, one_lane, lanes_one_direction, shoulder, none
        # Traffic the restriction applies to: both, forward (along the digitising direction), backward.
        _c("direction", "text", default="'both'"),
        _c("road_name", "text"),  # e.g. "L154 Albbruck-St. Blasien"; exports fall back to the road table
        _c("lanes_closed", "int"),
        _c("speed_limit", "int"),
        _c("responsible_body", "text"),
        _c("contractor", "text"),
        _c("contact", "text"),
        _c("order_number", "text"),  # verkehrsrechtliche Anordnung
        _c("detour", "text"),  # WKT of the chosen detour line, EPSG:25832
        _c("notes", "text"),
        _c("external_id", "text"),
        _c("version", "int", not_null=True, default="1"),
        _c("updated_at", "datetime"),
    ), geometry_type="GEOMETRY", indexes=(("status",), ("external_id",))),
    Table("roadworks_history", (
        PK,
        _c("roadworks_id", "int", not_null=True, references="roadworks"),
        _c("actor", "text", not_null=True),
        _c("changed_at", "datetime", not_null=True),
        _c("action", "text"),  # create, update, transition, import
        _c("version", "int"),  # the roadworks row's version after this change
        _c("old_value", "json"),  # {field: value before} of the changed fields only
        _c("new_value", "json"),  # {field: value after}
        _c("login", "text"),  # PostGIS: session_user and now(), set by a trigger (schema 3)
        _c("recorded_at", "datetime"),
    ), indexes=(("roadworks_id",),), append_only=True),
    Table("sensor_station", (
        PK,
        _c("name", "text", not_null=True),
        _c("kind", "text"),  # traffic_counter, radar, parking, environment
        _c("road_name", "text"),
        _c("description", "text"),
    ), geometry_type="POINT"),
    Table("sensor_datastream", (
        PK,
        _c("station_id", "int", not_null=True, references="sensor_station"),
        _c("name", "text", not_null=True),
        _c("observed_property", "text", not_null=True),  # traffic_volume, speed, occupancy
        _c("unit", "text"),
    ), indexes=(("station_id",),)),
    Table("sensor_observation", (
        PK,
        _c("datastream_id", "int", not_null=True, references="sensor_datastream"),
        _c("phenomenon_time", "datetime", not_null=True),
        _c("result", "real"),
    ), indexes=(("datastream_id", "phenomenon_time"),)),
    # The city's sign register (Verkehrszeichenkataster), schema 4. Positions are surveyed: only an import
    # or a reviewer's "update register" changes them, never triangulation (which writes asset only).
    Table("register_entry", (
        PK,
        _c("external_id", "text", not_null=True),  # the register's own id; a re-import updates by it
        _c("asset_class", "text", not_null=True),  # sign, marking, light
        _c("vzkat_code", "text"),  # "274", "1020" (a Zusatzzeichen is its own entry or a supplement)
        _c("vzkat_value", "text"),  # speed or variant: "30", "20"
        _c("supplements", "json"),  # Zusatzzeichen on the same sign: ["1020-30"]
        _c("direction", "real"),  # bearing the face points to
        _c("post_id", "text"),  # Standort/Pfosten: several signs share one
        _c("installed_on", "text"),  # as the register writes it
        _c("condition", "text"),
        _c("district", "text"),
        _c("source_code", "text"),  # the VzKat text exactly as the register had it
        _c("extra", "json"),  # every other field of the register row
        _c("lifecycle_status", "text", default="'existing'"),  # existing, removed
        _c("position_source", "text", default="'survey'"),
        _c("version", "int", not_null=True, default="1"),
        _c("imported_at", "datetime"),
        _c("updated_at", "datetime"),
    ), geometry_type="POINT", indexes=(("external_id",), ("vzkat_code",))),
    # One comparison run: register vs a campaign, or one campaign vs an earlier one (other_campaign_id).
    Table("register_compare", (
        PK,
        _c("campaign_id", "int", references="campaign"),
        _c("other_campaign_id", "int", references="campaign"),
        _c("tolerance_m", "real"),
        _c("actor", "text"),
        _c("created_at", "datetime", not_null=True),
        _c("counts", "json"),  # {change type: n}
    )),
    # What one comparison found per register entry / observed object; earlier runs stay as history.
    Table("register_change", (
        PK,
        _c("compare_id", "int", not_null=True, references="register_compare"),
        _c("register_id", "int", references="register_entry"),
        _c("change_type", "text", not_null=True),  # confirmed, new, missing, moved, class_changed, ...
        _c("register_code", "text"),
        _c("register_value", "text"),
        _c("observed_class", "text"),
        _c("observed_code", "text"),
        _c("observed_value", "text"),
        _c("distance_m", "real"),
        _c("direction", "real"),  # observed facing
        _c("views", "int"),  # detections behind the observation
        _c("panorama_id", "int", references="panorama"),  # best view (for missing: where it should show)
        _c("detection_ids", "json"),
        _c("register_x", "real"),
        _c("register_y", "real"),
        _c("decision", "text"),  # update_register, keep_register, inspect
        _c("decided_by", "text"),
        _c("decided_at", "datetime"),
        _c("version", "int", not_null=True, default="1"),
    ), geometry_type="POINT", indexes=(("compare_id", "change_type"), ("register_id",))),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}


def table(name):
    """The declaration of one table; KeyError names the unknown table."""
    return TABLES_BY_NAME[name]
