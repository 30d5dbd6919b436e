"""Long imports: progress in steps of at most 1 %, cancel at any point leaves nothing behind and says so."""
import pytest

from herzlich_digital_plugin.core.import_steps import ImportCancelled, Steps
from herzlich_digital_plugin.review.import_detections import import_detections
from test_review_import import _feature, _write, city  # noqa: F401  (the fixture)

N = 3000


def test_steps_report_every_whole_percent_and_raise_on_cancel():
    seen = []
    steps = Steps(lambda p, t: seen.append(p), lambda: False, total=N, start=10, end=90, text="x")
    for n in range(N + 1):
        steps.done(n)
    assert seen[0] == 10 and seen[-1] == 90
    assert max(b - a for a, b in zip(seen, seen[1:])) <= 1.0
    assert len(seen) == 161  # once per half percent, not once per item
    with pytest.raises(ImportCancelled):
        Steps(None, lambda: True, total=5).done(1)


def _file(tmp_path, pano):
    return _write(tmp_path / "many.geojson", [_feature(f"d{i}", pano) for i in range(N)])


def test_detection_import_progress_steps_at_most_one_percent(city, tmp_path):  # noqa: F811
    store, pano = city
    seen = []
    report = import_detections(store, _file(tmp_path, pano), progress=lambda p, t="": seen.append(p))
    assert report.imported == N and not report.cancelled
    assert seen == sorted(seen) and seen[-1] >= 98.0
    assert max(b - a for a, b in zip([0.0] + seen, seen)) <= 1.0


@pytest.mark.parametrize("at", [30.0, 80.0])  # while checking, while writing
def test_cancelled_detection_import_leaves_nothing_behind(city, tmp_path, at):  # noqa: F811
    store, pano = city
    before, runs = store.count("detection"), store.count("model_run")
    last = [0.0]
    report = import_detections(store, _file(tmp_path, pano), model_run="fresh",
                               progress=lambda p, t="": last.__setitem__(0, p), cancelled=lambda: last[0] >= at)
    assert report.cancelled and report.imported == 0
    assert store.count("detection") == before and store.count("model_run") == runs


def _candidates(n):
    import datetime as dt
    t0 = dt.datetime(2024, 5, 1, 8, tzinfo=dt.timezone.utc)
    return [{"source": f"p{i}.jpg", "x": 406000.0 + 5 * i, "y": 5474000.0, "z": 240.0, "heading": 90.0,
             "pitch": 0.0, "roll": 0.0, "captured_at": t0 + dt.timedelta(seconds=i), "width": 8192, "height": 4096,
             "image_uri": f"/data/p{i}.jpg"} for i in range(n)]


def test_panorama_writing_progress_and_cancel_leaves_nothing_behind(store):
    from herzlich_digital_plugin.panorama.import_common import ImportReport, store_candidates
    seen = []
    report = store_candidates(store, _candidates(2000), "Fahrt A", ImportReport(), 2.5,
                              progress=lambda p, t="": seen.append(p))
    assert report.imported == 2000 and store.count("panorama") == 2000
    assert seen[0] == 90.0 and seen[-1] == 99.0 and max(b - a for a, b in zip(seen, seen[1:])) <= 1.0
    last = [0.0]
    report = store_candidates(store, _candidates(2000), "Fahrt B", ImportReport(), 2.5,
                              progress=lambda p, t="": last.__setitem__(0, p), cancelled=lambda: last[0] >= 95.0)
    assert report.cancelled and report.imported == 0
    assert store.count("panorama") == 2000 and store.count("campaign", {"name": "Fahrt B"}) == 0
