"""Roles on PostGIS: a login in hd_viewer cannot decide (clear message); one in hd_reviewer can do everything."""
import uuid

import pytest
from psycopg2 import sql
from psycopg2.extensions import parse_dsn
from shapely.geometry import Point

from herzlich_digital_plugin.review.decisions import ReviewSession
from herzlich_digital_plugin.review.import_detections import import_detections
from herzlich_digital_plugin.store import PermissionDeniedError, open_store
from review_demo import write_city


@pytest.fixture
def shared_city(postgis_db):
    uri = postgis_db()
    with open_store(uri) as s:
        write_city(s, "test")
    return uri


@pytest.fixture
def login(request, postgis_server):
    def make(conninfo, group):
        name = "u_" + uuid.uuid4().hex[:10]
        password = uuid.uuid4().hex
        conn = postgis_server.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD %s IN ROLE {}").format(
                    sql.Identifier(name), sql.Identifier(group)), (password,))
        finally:
            conn.close()

        def drop():
            conn = postgis_server.connect()
            try:
                with conn.cursor() as cur:
                    cur.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
                    cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
            finally:
                conn.close()
        request.addfinalizer(drop)
        return postgis_server.conninfo(parse_dsn(conninfo)["dbname"], user=name, password=password)
    return make


def test_viewer_cannot_decide(shared_city, login):
    with open_store(login(shared_city, "hd_viewer"), create=False) as store:
        s = ReviewSession(store, "vera")  # the role label says reviewer; the database says viewer
        assert s.counts().total == store.count("detection") > 0  # looking is fine
        with pytest.raises(PermissionDeniedError, match="hd_reviewer"):
            s.claim_next()
        item = s.item(1)
        for decide in (lambda: s.accept(item), lambda: s.reject(item, "false_positive"),
                       lambda: s.relabel(item, "274", "50"), lambda: s.skip(item)):
            with pytest.raises(PermissionDeniedError, match="may not record review decisions"):
                decide()
        assert store.count("review_event") == 0 and store.count("asset") == 0
        assert store.get("detection", 1)["status"] == "new"


def test_reviewer_can_decide(shared_city, login, tmp_path):
    with open_store(login(shared_city, "hd_reviewer"), create=False) as store:
        s = ReviewSession(store, "rita")
        items = s.claim_next(n=5)
        a = s.accept(items[0])
        s.reject(items[1], "duplicate")
        s.relabel(items[2], "206")
        s.skip(items[3])
        s.move(items[0], (items[0].position[0] + 0.5, items[0].position[1]))
        for _ in range(4):
            s.undo()
        photo = tmp_path / "p.jpg"
        photo.write_bytes(b"x")
        s.annotate(a.asset_id, note="ok", condition="good", photos=[photo])
        s.release()
        assert store.count("review_event") == 10 and store.count("review_lease") == 0
        # Reviewers may not import (detection rows are not theirs to create).
        path = tmp_path / "d.csv"
        path.write_text("id,label,score,panorama_id,xmin,ymin,xmax,ymax\nx,regulatory--stop--g1,0.5,1,1,1,9,9\n",
                        encoding="utf-8")
        with pytest.raises(PermissionDeniedError):
            import_detections(store, path)
        aid = store.insert("asset", {"asset_class": "sign", "vzkat_code": "205", "geom": Point(410000, 5477000)})
        assert s.edit_asset(aid, 1, {"condition": "damaged"}).asset_version == 2
