"""Schema versions and forward migrations on both backends."""
import pytest

from herzlich_digital_plugin.store import SchemaVersionError, StoreError, migrations, open_store, schema

PROBE = "CREATE TABLE hd_migration_probe (id INTEGER PRIMARY KEY, note TEXT)"
LATEST = migrations.latest_version()
NEXT = LATEST + 1  # a test migration after the real ones


def _versions(store):
    return [r["version"] for r in store.query("SELECT version FROM schema_meta ORDER BY version")]


def test_code_and_schema_agree():
    assert migrations.latest_version() == schema.SCHEMA_VERSION
    versions = [m.version for m in migrations.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))


def test_fresh_store_is_at_latest_version(empty_store_uri):
    with open_store(empty_store_uri) as s:
        assert s.schema_version == migrations.latest_version()
        assert _versions(s) == list(range(1, LATEST + 1))  # every migration stamped, none run
        assert s.count("detection") == 0


def test_upgrade_by_registered_migration(empty_store_uri, monkeypatch):
    with open_store(empty_store_uri) as s:
        s.insert("campaign", {"name": "before the upgrade"})
    calls = []

    def add_probe(store):
        calls.append(store.schema_version)
        store.execute(PROBE)
        store.execute("INSERT INTO hd_migration_probe (id, note) VALUES (%s, %s)", (1, "migrated"))

    monkeypatch.setattr(migrations, "MIGRATIONS",
                        migrations.MIGRATIONS + [migrations.Migration(NEXT, "test probe", add_probe)])
    with open_store(empty_store_uri) as s:
        assert s.schema_version == NEXT
        assert _versions(s) == list(range(1, NEXT + 1))
        assert s.query("SELECT note FROM hd_migration_probe") == [{"note": "migrated"}]
        assert s.select("campaign")[0]["name"] == "before the upgrade"
    with open_store(empty_store_uri) as s:  # already applied: not run again
        assert s.schema_version == NEXT
    assert calls == [LATEST]


def test_failed_migration_leaves_store_untouched(empty_store_uri, monkeypatch):
    open_store(empty_store_uri).close()

    def broken(store):
        store.execute(PROBE)
        raise RuntimeError("migration bug")

    patched = migrations.MIGRATIONS + [migrations.Migration(NEXT, "broken", broken)]
    monkeypatch.setattr(migrations, "MIGRATIONS", patched)
    with pytest.raises(RuntimeError, match="migration bug"):
        open_store(empty_store_uri)
    monkeypatch.undo()
    with open_store(empty_store_uri) as s:
        assert s.schema_version == LATEST and _versions(s) == list(range(1, LATEST + 1))
        with pytest.raises(StoreError):
            s.query("SELECT * FROM hd_migration_probe")


def test_newer_schema_is_refused(empty_store_uri):
    with open_store(empty_store_uri) as s:
        s.execute("INSERT INTO schema_meta (version, applied_at) VALUES (%s, %s)", (7, "2030-01-01T00:00:00.000Z"))
    with pytest.raises(SchemaVersionError) as err:
        open_store(empty_store_uri)
    msg = str(err.value)
    assert "created by a newer Herzlich Digital (schema 7)" in msg
    assert f"understands up to {migrations.latest_version()}" in msg and "Please update the plugin" in msg


def test_open_without_create(empty_store_uri, backend):
    with pytest.raises(StoreError):
        open_store(empty_store_uri, create=False)
    open_store(empty_store_uri).close()
    with open_store(empty_store_uri, create=False) as s:
        assert s.schema_version == LATEST


def test_unknown_uri_is_refused(tmp_path):
    with pytest.raises(StoreError, match="not a store location"):
        open_store(str(tmp_path / "data.sqlite"))
