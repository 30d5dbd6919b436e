"""Roadworks rows: German titles, order numbers, real streets, one conflicting pair."""
import re

from shapely.geometry import LineString

from herzlich_digital_plugin.democity.roadworks import roadworks_rows
from herzlich_digital_plugin.democity.streets import core_street_coords
from herzlich_digital_plugin.store.schema import table


def test_rows_look_like_city_roadworks():
    rows = roadworks_rows()
    columns = set(table("roadworks").column_names) | {"geom"}
    assert len(rows) >= 5
    statuses = {r["status"] for r in rows}
    assert {"planned", "active"} <= statuses
    streets = core_street_coords()
    for r in rows:
        assert set(r) <= columns
        assert re.fullmatch(r"VRA-20\d\d-\d{4}", r["order_number"])
        assert r["planned_start"] < r["planned_end"] and r["planned_start"].tzinfo is not None
        assert r["geom"].geom_type == "LineString" and r["geom"].length > 50
        street = next(name for name in streets if name in r["title"])
        assert LineString(streets[street]).distance(r["geom"]) < 1e-6


def test_two_roadworks_conflict_in_time_and_space():
    rows = roadworks_rows()
    pairs = [(a["title"], b["title"]) for i, a in enumerate(rows) for b in rows[i + 1:]
             if a["planned_start"] < b["planned_end"] and b["planned_start"] < a["planned_end"]
             and a["geom"].buffer(1.0).intersection(b["geom"]).length > 20]
    assert len(pairs) == 1
