"""Roadworks in the store (GeoPackage and PostGIS): history on every change, optimistic locking,
nothing saved half-way."""
from datetime import datetime, timedelta, timezone

import pytest
from shapely.geometry import LineString, Polygon

from herzlich_digital_plugin.roadworks import repository as repo
from herzlich_digital_plugin.roadworks.model import Roadworks, ValidationError
from herzlich_digital_plugin.store import ConflictError, NotFoundError, StoreError

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 7, 0, tzinfo=CET)
LINE = LineString([(411000.0, 5479000.0), (411120.0, 5479040.0)])
BOWTIE = Polygon([(411000, 5479000), (411100, 5479100), (411100, 5479000), (411000, 5479100)])


def new_works(**changes):
    return Roadworks(title="Kanalsanierung Pariser Straße", geometry=LINE, planned_start=T0,
                     planned_end=T0 + timedelta(days=30), restriction="one_lane", lanes_closed=1).replace(**changes)


def counts(store):
    return store.count("roadworks"), store.count("roadworks_history")


def test_create_stores_the_row_and_its_first_history_entry(store):
    works = repo.create(store, new_works(contractor="Tiefbau Becker GmbH"), actor="m.muster")
    assert works.id is not None and works.version == 1
    assert works.planned_start == T0 and works.contractor == "Tiefbau Becker GmbH"
    assert works.geometry.equals(LINE)
    (entry,) = repo.history(store, works.id)
    assert (entry.actor, entry.action, entry.version, entry.old) == ("m.muster", "create", 1, {})
    assert entry.new["title"] == "Kanalsanierung Pariser Straße"
    assert entry.new["planned_start"] == "2026-11-02T06:00:00.000Z"
    assert entry.new["geometry"] == "LINESTRING (411000 5479000, 411120 5479040)"


def test_every_change_writes_history_with_old_and_new(store):
    works = repo.create(store, new_works(), actor="planer")
    works = repo.update(store, works.id, {"speed_limit": 30, "notes": "Anlieger frei"}, works.version, "planer2")
    assert works.version == 2 and works.speed_limit == 30
    moved = LineString([(411000.0, 5479000.0), (411150.0, 5479060.0)])
    works = repo.update(store, works.id, {"geometry": moved, "speed_limit": 20}, works.version, "planer")
    works = repo.transition(store, works.id, "approved", works.version, "chefin")
    entries = repo.history(store, works.id)
    assert [e.action for e in entries] == ["create", "update", "update", "transition"]
    assert [e.version for e in entries] == [1, 2, 3, 4]
    assert [e.actor for e in entries] == ["planer", "planer2", "planer", "chefin"]
    assert entries[1].old == {"speed_limit": None, "notes": None}
    assert entries[1].new == {"speed_limit": 30, "notes": "Anlieger frei"}
    assert entries[2].old["speed_limit"] == 30 and entries[2].new["speed_limit"] == 20
    assert entries[2].new["geometry"] == "LINESTRING (411000 5479000, 411150 5479060)"
    assert entries[3].old == {"status": "planned"} and entries[3].new == {"status": "approved"}


def test_a_change_that_changes_nothing_writes_nothing(store):
    works = repo.create(store, new_works(), actor="planer")
    # Same instant in another zone, same geometry, same text: no new version, no history.
    same = repo.update(store, works.id, {"planned_start": T0.astimezone(timezone.utc), "geometry": LINE,
                                         "title": "Kanalsanierung Pariser Straße "}, works.version, "planer")
    assert same.version == 1
    assert counts(store) == (1, 1)


@pytest.mark.parametrize("changes, field", [
    ({"geometry": BOWTIE}, "geometry"),
    ({"planned_end": T0 - timedelta(days=1)}, "planned_end"),
    ({"status": "completed"}, "status"),
    ({"lanes_closed": 40}, "lanes_closed"),
])
def test_invalid_changes_save_nothing(store, changes, field):
    works = repo.create(store, new_works(), actor="planer")
    with pytest.raises(ValidationError) as info:
        repo.update(store, works.id, dict(changes, notes="would be lost"), works.version, "planer")
    assert field in info.value.fields
    assert counts(store) == (1, 1)
    stored = repo.get(store, works.id)
    assert stored == works  # the valid part of the change (notes) was not saved either


def test_invalid_new_roadworks_is_not_inserted(store):
    with pytest.raises(ValidationError) as info:
        repo.create(store, new_works(geometry=BOWTIE, planned_end=T0 - timedelta(hours=1)), actor="planer")
    assert info.value.fields == ["geometry", "planned_end"]
    assert counts(store) == (0, 0)


def test_stale_version_is_a_conflict_naming_both_versions(store):
    works = repo.create(store, new_works(), actor="a")
    mine = repo.get(store, works.id)  # two editors load version 1
    theirs = repo.update(store, works.id, {"speed_limit": 30}, works.version, "b")
    with pytest.raises(repo.RoadworksConflictError) as info:
        repo.update(store, mine.id, {"speed_limit": 50}, mine.version, "a")
    error = info.value
    assert isinstance(error, ConflictError)
    assert (error.expected_version, error.current_version) == (1, 2)
    assert "version 1" in str(error) and "version 2" in str(error)
    assert repo.get(store, works.id).speed_limit == 30 == theirs.speed_limit
    assert counts(store) == (1, 2)


def test_a_writer_slipping_in_between_read_and_update_is_a_conflict(store, monkeypatch):
    """The version check in the UPDATE itself catches a concurrent change; everything rolls back."""
    works = repo.create(store, new_works(), actor="a")
    real_update = store.update

    def racing_update(table, id, values, expected_version=None):
        store.execute(f"UPDATE {store.table_ref('roadworks')} SET version = version + 1 WHERE id = %s", [id])
        return real_update(table, id, values, expected_version=expected_version)

    monkeypatch.setattr(store, "update", racing_update)
    with pytest.raises(repo.RoadworksConflictError) as info:
        repo.update(store, works.id, {"speed_limit": 50}, works.version, "a")
    assert (info.value.expected_version, info.value.current_version) == (1, 2)
    monkeypatch.undo()
    assert repo.get(store, works.id).version == 1  # the racing bump was inside our rolled-back transaction
    assert counts(store) == (1, 1)


def test_row_and_history_are_one_transaction(store, monkeypatch):
    works = repo.create(store, new_works(), actor="a")
    real_insert = store.insert

    def failing_insert(table, row):
        if table == "roadworks_history":
            raise StoreError("disk full")
        return real_insert(table, row)

    monkeypatch.setattr(store, "insert", failing_insert)
    with pytest.raises(StoreError):
        repo.update(store, works.id, {"speed_limit": 30}, works.version, "a")
    with pytest.raises(StoreError):
        repo.create(store, new_works(title="Zweite"), actor="a")
    monkeypatch.undo()
    assert repo.get(store, works.id).speed_limit is None
    assert counts(store) == (1, 1)


def test_lifecycle_sets_actual_times(store):
    works = repo.create(store, new_works(), actor="a")
    works = repo.transition(store, works.id, "approved", works.version, "a")
    start = T0 + timedelta(hours=1)
    works = repo.transition(store, works.id, "active", works.version, "a", at=start)
    assert works.actual_start == start and works.status == "active"
    end = T0 + timedelta(days=20)
    works = repo.transition(store, works.id, "completed", works.version, "a", at=end)
    assert works.actual_end == end and works.actual_start == start
    with pytest.raises(ValidationError, match="final"):
        repo.transition(store, works.id, "cancelled", works.version, "a")


def test_missing_roadworks_and_missing_actor(store):
    with pytest.raises(NotFoundError):
        repo.get(store, 99)
    with pytest.raises(NotFoundError):
        repo.update(store, 99, {"notes": "x"}, 1, "a")
    with pytest.raises(ValidationError) as info:
        repo.create(store, new_works(), actor=" ")
    assert info.value.fields == ["actor"]
    assert counts(store) == (0, 0)


def test_list_by_status_and_end_exclusive_time_window(store):
    a = repo.create(store, new_works(title="A", planned_end=T0 + timedelta(days=2)), "x")
    b = repo.create(store, new_works(title="B", planned_start=T0 + timedelta(days=2),
                                     planned_end=T0 + timedelta(days=4), status="approved"), "x")
    c = repo.create(store, new_works(title="C", planned_start=T0 + timedelta(days=10), planned_end=None), "x")
    ids = lambda works: [w.id for w in works]  # noqa: E731
    assert ids(repo.list_roadworks(store)) == [a.id, b.id, c.id]
    assert ids(repo.list_roadworks(store, status="approved")) == [b.id]
    assert ids(repo.list_roadworks(store, status=["planned"])) == [a.id, c.id]
    # [day 2, day 3): A ends exactly at day 2, so only B.
    assert ids(repo.list_roadworks(store, start=T0 + timedelta(days=2), end=T0 + timedelta(days=3))) == [b.id]
    assert ids(repo.list_roadworks(store, start=T0 + timedelta(days=400))) == [c.id]  # open-ended
    assert ids(repo.list_roadworks(store, bbox=(411100, 5479030, 411200, 5479100))) == [a.id, b.id, c.id]
    assert ids(repo.list_roadworks(store, bbox=(0, 5_000_000, 10, 5_000_010))) == []
