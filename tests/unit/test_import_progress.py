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
