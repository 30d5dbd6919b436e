"""Register import (register/importer.py) and the schema-4 tables, on GeoPackage and PostGIS."""
import pytest
from shapely.geometry import LineString, Point

from herzlich_digital_plugin.register.importer import RegisterMapping, import_register, stored_mapping
from herzlich_digital_plugin.store import ddl, migrations, open_store

MAPPING = RegisterMapping(id="Schild_ID", vzkat="VZ_Nr", value="Wert", direction="Blickrichtung", post="Pfosten",
                          installed="Datum", condition="Zustand", district="Bezirk", supplements="Zusatz")


def _row(n, code="274-53", x=410000.0, y=5477000.0, **extra):
    attrs = {"Schild_ID": f"S{n}", "VZ_Nr": code, "Wert": None, "Blickrichtung": 90.0, "Pfosten": f"P{n // 2}",
             "Datum": "2019-05-01", "Zustand": "gut", "Bezirk": "Innenstadt", "Zusatz": None, "Baulast": "Stadt"}
    attrs.update(extra)
    return (f"row {n}", attrs, Point(x + n, y))


def test_import_maps_codes_keeps_extra_fields_and_the_mapping(store):
    rows = [_row(1), _row(2, "DE:260,1020-30"), _row(3, "206", Zusatz="1040-30"), _row(4, "1020-30"),
            _row(5, "274", Wert="50"), _row(6, "Haltverbot", Blickrichtung="-350")]
    report = import_register(store, rows, MAPPING)
    assert (report.imported, report.updated, report.rejected) == (6, 0, [])
    by_id = {r["external_id"]: r for r in store.select("register_entry")}
    assert (by_id["S1"]["vzkat_code"], by_id["S1"]["vzkat_value"], by_id["S1"]["source_code"]) == ("274", "30", "274-53")
    assert (by_id["S2"]["vzkat_code"], by_id["S2"]["supplements"]) == ("260", ["1020-30"])
    assert by_id["S3"]["supplements"] == ["1040-30"]
    assert (by_id["S4"]["vzkat_code"], by_id["S4"]["vzkat_value"]) == ("1020", "30")
    assert by_id["S5"]["vzkat_value"] == "50"
    assert by_id["S6"]["vzkat_code"] == "283" and by_id["S6"]["direction"] == pytest.approx(10.0)
    assert by_id["S1"]["extra"] == {"Baulast": "Stadt"} and by_id["S1"]["post_id"] == "P0"
    assert by_id["S1"]["position_source"] == "survey" and by_id["S1"]["geom"].x == pytest.approx(410001.0)
    assert stored_mapping(store) == MAPPING


def test_unusable_rows_are_reported_and_not_written(store):
    rows = [_row(1), ("row 2", {**_row(2)[1], "Schild_ID": None}, Point(1, 2)),
            ("row 3", _row(3)[1], None), _row(4, "Blumenkübel"), _row(5, "206", Blickrichtung="Nord"),
            _row(6, "274-53", Wert="50"), ("row 7", _row(7)[1], LineString([(0, 0), (1, 1)])),
            ("row 8", {**_row(8)[1], "Schild_ID": "S1"}, Point(3, 4)), _row(9, "206", Blickrichtung=400)]
    report = import_register(store, rows, MAPPING)
    reasons = dict(report.rejected)
    assert report.imported == 1 and len(report.rejected) == 8
    assert "id field" in reasons["row 2"] and "no position" in reasons["row 3"]
    assert "Blumenkübel" in reasons["row 4"] and "274-53" in reasons["row 4"]  # the message lists examples
    assert "Nord" in reasons["row 5"] and "50" in reasons["row 6"] and "LineString" in reasons["row 7"]
    assert "twice" in reasons["row 8"] and "400" in reasons["row 9"]
    assert store.count("register_entry") == 1


def test_reimport_updates_by_id(store):
    import_register(store, [_row(1), _row(2, "206")], MAPPING)
    first = {r["external_id"]: r for r in store.select("register_entry")}
    report = import_register(store, [_row(1), _row(2, "205"), _row(3, "283-10")], MAPPING)
    assert (report.imported, report.updated, report.unchanged) == (1, 1, 1)
    after = {r["external_id"]: r for r in store.select("register_entry")}
    assert after["S2"]["id"] == first["S2"]["id"] and after["S2"]["vzkat_code"] == "205"
    assert after["S2"]["version"] == first["S2"]["version"] + 1 and after["S1"]["version"] == first["S1"]["version"]
    assert (after["S3"]["vzkat_code"], after["S3"]["vzkat_value"]) == ("283", "10")


def test_cancel_writes_nothing(store):
    report = import_register(store, [_row(n) for n in range(10)], MAPPING, cancelled=lambda: True)
    assert report.cancelled and store.count("register_entry") == 0


def test_triangulation_never_moves_register_positions(store):
    from herzlich_digital_plugin.review.triangulate_assets import triangulate_assets
    import_register(store, [_row(1)], MAPPING)
    before = store.select("register_entry")[0]
    triangulate_assets(store)
    after = store.select("register_entry")[0]
    assert after["geom"].equals(before["geom"]) and after["version"] == before["version"]


def test_schema_2_store_gets_the_register_tables(request, backend, tmp_path, monkeypatch):
    """A store made before schema 4 (the register) is upgraded in place: the three tables appear, the data stays."""
    uri = str(tmp_path / "old.gpkg") if backend == "gpkg" else request.getfixturevalue("postgis_db")("hd_tpl_empty")
    register = set(migrations.REGISTER_TABLES)
    with monkeypatch.context() as m:
        m.setattr(ddl, "TABLES", tuple(t for t in ddl.TABLES if t.name not in register))
        m.setattr(migrations, "MIGRATIONS", [mig for mig in migrations.MIGRATIONS if mig.version < 4])
        with open_store(uri) as old:
            assert old.schema_version < 4
            old.insert("campaign", {"name": "2021"})
            with pytest.raises(Exception):
                old.count("register_entry")
    with open_store(uri) as s:
        assert s.schema_version == migrations.latest_version()  # 4 and every later migration
        assert s.count("campaign") == 1 and s.count("register_entry") == 0
        import_register(s, [_row(1)], MAPPING)
        assert s.count("register_entry") == 1
