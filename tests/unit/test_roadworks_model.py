"""Roadworks validation and lifecycle: every bad input gives a clear message naming the field."""
from datetime import datetime, timedelta, timezone

import pytest
from shapely.geometry import LineString, Point, Polygon

from herzlich_digital_plugin.roadworks.model import (NEXT_STATUSES, STATUSES, Roadworks, ValidationError,
                                                     check_transition, transition_problem, validate)

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 7, 0, tzinfo=CET)
LINE = LineString([(411000.0, 5479000.0), (411120.0, 5479040.0)])
SQUARE = Polygon([(411000, 5479000), (411050, 5479000), (411050, 5479050), (411000, 5479050)])
BOWTIE = Polygon([(411000, 5479000), (411100, 5479100), (411100, 5479000), (411000, 5479100)])


def works(**changes):
    base = Roadworks(title="Kanalsanierung", geometry=LINE, planned_start=T0, planned_end=T0 + timedelta(days=5))
    return base.replace(**changes)


def problems(w):
    with pytest.raises(ValidationError) as info:
        validate(w)
    return info.value


def test_a_complete_roadworks_is_valid():
    validate(works(restriction="one_lane", lanes_closed=1, speed_limit=30, direction="forward"))
    validate(works(geometry=SQUARE, planned_end=None))  # polygon, open-ended


def test_self_intersecting_polygon_is_explained():
    error = problems(works(geometry=BOWTIE))
    assert error.fields == ["geometry"]
    # The crossing of the two diagonals is at (411050, 5479050).
    assert "crosses itself" in str(error) and "411050.0" in str(error) and "5479050.0" in str(error)


def test_end_before_start_names_both_times():
    error = problems(works(planned_end=T0 - timedelta(hours=2)))
    assert error.fields == ["planned_end"]
    assert "must be after the planned start" in str(error)
    assert "2026-11-02T06:00+00:00" not in str(error)  # shown in the zone it was given in
    assert T0.isoformat(timespec="minutes") in str(error)


def test_end_equal_to_start_is_refused():
    assert problems(works(planned_end=T0)).fields == ["planned_end"]


def test_actual_times_are_checked_too():
    assert problems(works(actual_start=T0, actual_end=T0 - timedelta(minutes=1))).fields == ["actual_end"]
    assert problems(works(actual_end=T0)).fields == ["actual_start"]


@pytest.mark.parametrize("geometry, words", [
    (None, "missing"),
    (Point(411000, 5479000), "line or a polygon"),
    (LineString([(411000, 5479000), (411000, 5479000)]), "two different points"),
    (LineString([(7.77, 49.44), (7.78, 49.45)]), "were longitude/latitude given"),
    (Polygon(), "empty"),
])
def test_geometry_problems(geometry, words):
    error = problems(works(geometry=geometry))
    assert error.fields == ["geometry"]
    assert words in str(error)


@pytest.mark.parametrize("field, value", [
    ("status", "open"), ("restriction", "closed"), ("direction", "north"),
    ("lanes_closed", -1), ("lanes_closed", 13), ("lanes_closed", 1.5), ("lanes_closed", True),
    ("speed_limit", 3), ("speed_limit", 140),
    ("planned_start", datetime(2026, 11, 2, 7, 0)),  # naive
    ("title", "  "),
])
def test_field_problems_name_the_field(field, value):
    assert problems(works(**{field: value})).fields == [field]


def test_missing_start_is_a_problem():
    assert "planned_start" in problems(works(planned_start=None)).fields


def test_all_problems_are_reported_at_once():
    error = problems(works(title="", geometry=BOWTIE, planned_end=T0 - timedelta(days=1), speed_limit=200))
    assert error.fields == ["title", "geometry", "planned_end", "speed_limit"]


def test_lifecycle():
    for old in STATUSES:
        for new in STATUSES:
            allowed = new == old or new in NEXT_STATUSES[old]
            assert (transition_problem(old, new) is None) == allowed, (old, new)
    # cancelled is reachable from every non-final status, nothing leaves a final one
    assert all("cancelled" in NEXT_STATUSES[s] for s in ("planned", "approved", "active"))
    with pytest.raises(ValidationError, match="can only become approved, cancelled"):
        check_transition("planned", "active")
    with pytest.raises(ValidationError, match="is final"):
        check_transition("completed", "active")


def test_effective_period_and_overlap_are_end_exclusive():
    w = works(actual_start=T0 + timedelta(days=1))
    assert w.start == T0 + timedelta(days=1) and w.end == T0 + timedelta(days=5)
    assert not w.overlaps(T0, T0 + timedelta(days=1))  # ends exactly when the works start
    assert not w.overlaps(T0 + timedelta(days=5), None)  # starts exactly when the works end
    assert w.overlaps(T0 + timedelta(days=4, hours=23), T0 + timedelta(days=9))
    assert works(planned_end=None).overlaps(T0 + timedelta(days=999), None)  # open-ended


def test_row_round_trip():
    w = works(road_name="Pariser Straße", contractor="Tiefbau Becker", id=4, version=2)
    row = w.to_row()
    assert row["geom"] is LINE and "geometry" not in row and row["direction"] == "both"
    back = Roadworks.from_row(dict(row, id=4, version=2, updated_at=None))
    assert back == w
