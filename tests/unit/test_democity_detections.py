"""Simulated detections: bboxes that contain the true object, and the error rates the module states."""
import numpy as np
import pytest

from herzlich_digital_plugin.core.equirect import world_to_pixel
from herzlich_digital_plugin.democity import detections as D
from herzlich_digital_plugin.democity.build import build_scene
from herzlich_digital_plugin.democity.catalogue import CONFUSABLE
from herzlich_digital_plugin.democity.geometry import forward_vector, right_vector
from herzlich_digital_plugin.store.schema import table

SEED = 7239


@pytest.fixture(scope="module")
def demo():
    scene, cap = build_scene("demo", SEED)
    return scene, cap, D.generate_detections(scene, cap, SEED)


def _binomial_ok(successes, trials, p, sigmas=4.0):
    sd = np.sqrt(trials * p * (1 - p))
    return abs(successes - trials * p) <= sigmas * sd + 1


def _true_assets(scene, det):
    by_id = {a.asset_id: a for a in scene.assets}
    return [by_id.get(int(i)) for i in det.truth_asset_id]


def test_bbox_inside_image_and_around_the_true_centre(demo):
    scene, cap, det = demo
    W, H = cap.width, cap.height
    assert np.all(det.bbox[:, 0] >= 0) and np.all(det.bbox[:, 2] <= W - 1)
    assert np.all(det.bbox[:, 1] >= 0) and np.all(det.bbox[:, 3] <= H - 1)
    assert np.all(det.bbox[:, 2] > det.bbox[:, 0]) and np.all(det.bbox[:, 3] > det.bbox[:, 1])
    truth = _true_assets(scene, det)
    checked = 0
    for k, a in enumerate(truth):
        if a is None:
            continue
        i = det.panorama[k]
        cam = (cap.x[i], cap.y[i], cap.z[i] + cap.camera_height)
        u, v, _ = world_to_pixel([(a.x, a.y, scene.ground_z + a.centre_z)], cam, W, H, cap.heading[i])
        x0, y0, x1, y1 = det.bbox[k]
        assert x0 <= u[0] <= x1 and y0 <= v[0] <= y1
        checked += 1
    assert checked > 1000


def test_bbox_contains_the_whole_face(demo):
    scene, cap, det = demo
    truth = _true_assets(scene, det)
    g = np.linspace(-1.0, 1.0, 15)
    ga, gb = [m.ravel() for m in np.meshgrid(g, g)]
    for k in range(0, len(det), 7):
        a = truth[k]
        if a is None:
            continue
        i = det.panorama[k]
        across, along = right_vector(a.facing), forward_vector(a.facing)
        if a.asset_class == "marking":
            pts = (np.array([a.x, a.y]) + np.outer(ga * a.size / 2, across) + np.outer(gb * a.length / 2, along))
            z = np.full(len(ga), scene.ground_z)
        else:
            pts = np.array([a.x, a.y]) + np.outer(ga * a.size / 2, across)
            z = scene.ground_z + a.centre_z + gb * a.face_height / 2
        cam = (cap.x[i], cap.y[i], cap.z[i] + cap.camera_height)
        u, v, _ = world_to_pixel(np.column_stack([pts, z]), cam, cap.width, cap.height, cap.heading[i])
        x0, y0, x1, y1 = det.bbox[k]
        assert u.min() >= x0 - 1e-6 and u.max() <= x1 + 1e-6 and v.min() >= y0 - 1e-6 and v.max() <= y1 + 1e-6


def test_detection_probability_falls_with_distance_as_stated(demo):
    _scene, _cap, det = demo
    c = det.candidates
    assert c["distance"].max() <= D.MAX_RANGE_M
    assert np.allclose(c["probability"], D.detection_probability(c["distance"]))
    assert D.detection_probability(0.0) == pytest.approx(D.DETECTION_PROB_NEAR)
    assert D.detection_probability(D.MAX_RANGE_M) == pytest.approx(D.DETECTION_PROB_FAR)
    for lo, hi in ((0, 8), (8, 16), (16, 25.01)):
        m = (c["distance"] >= lo) & (c["distance"] < hi)
        assert m.sum() > 300
        assert _binomial_ok(c["detected"][m].sum(), m.sum(), c["probability"][m].mean())
    # Every detected candidate is a true-positive detection, and nothing else is.
    assert c["detected"].sum() == (det.truth_asset_id >= 0).sum()


def test_only_visible_objects_are_candidates(demo):
    scene, cap, det = demo
    c = det.candidates
    facing = np.array([a.facing for a in scene.assets])[c["asset_index"]]
    flat = np.array([a.asset_class == "marking" for a in scene.assets])[c["asset_index"]]
    xy = np.array([(a.x, a.y) for a in scene.assets])[c["asset_index"]]
    to_cam = np.column_stack([cap.x[c["panorama"]], cap.y[c["panorama"]]]) - xy
    cos = np.sum(to_cam * forward_vector(facing), axis=1) / np.hypot(*to_cam.T)
    assert np.all(flat | (cos > np.cos(np.radians(D.VISIBLE_ANGLE_DEG)) - 1e-9))
    assert np.all(~flat | (c["distance"] >= D.MIN_MARKING_RANGE_M))


def test_misclassification_rate_and_pairs(demo):
    scene, _cap, det = demo
    truth = _true_assets(scene, det)
    tp = np.array([a is not None for a in truth])
    true_label = np.array([a.label if a else None for a in truth], dtype=object)
    confusable = tp & np.array([lbl in CONFUSABLE for lbl in true_label])
    assert confusable.sum() > 500
    mis = det.misclassified
    assert not np.any(mis & ~confusable)
    assert _binomial_ok(mis[confusable].sum(), confusable.sum(), D.MISCLASSIFICATION_RATE)
    for k in np.flatnonzero(mis):
        assert det.label[k] == CONFUSABLE[true_label[k]]
    assert np.all(det.label[tp & ~mis] == true_label[tp & ~mis])


def test_false_positive_rate_and_scores(demo):
    _scene, cap, det = demo
    fp = det.truth_asset_id < 0
    assert _binomial_ok(fp.sum(), len(cap), D.FALSE_POSITIVES_PER_PANORAMA)
    assert np.median(det.score[fp]) < 0.3
    assert np.median(det.score[~fp]) > 0.6
    assert np.all((det.score > 0) & (det.score < 1))
    near = ~fp & (det.distance < 8)
    far = ~fp & (det.distance > 17)
    assert det.score[near].mean() > det.score[far].mean() + 0.1
    assert det.score[det.misclassified].mean() < det.score[~fp & ~det.misclassified].mean()


def test_estimated_positions_are_near_the_truth(demo):
    scene, _cap, det = demo
    truth = _true_assets(scene, det)
    err_sign, err_mark = [], []
    for k, a in enumerate(truth):
        if a is None:
            continue
        e = np.hypot(det.est_xy[k, 0] - a.x, det.est_xy[k, 1] - a.y)
        (err_mark if a.asset_class == "marking" else err_sign).append(e)
    assert np.median(err_mark) < 2.0 and np.median(err_sign) < 4.0
    assert np.percentile(err_sign + err_mark, 90) < 10.0
    assert np.median(err_sign + err_mark) > 0.1  # estimates, not the truth


def test_rows_hide_the_truth(demo):
    _scene, cap, det = demo
    columns = set(table("detection").column_names) | {"geom"}
    rows = list(det.rows(range(101, 101 + len(cap)), model_run_id=3))
    assert len(rows) == len(det)
    for row in rows[:200]:
        assert set(row) <= columns and "asset_id" not in row
        assert row["status"] == "new" and row["model_run_id"] == 3
        assert row["panorama_id"] >= 101
    truth = det.ground_truth()
    assert len(truth) == len(det) == len({r["external_id"] for r in rows})
    assert sum(v is None for v in truth.values()) == (det.truth_asset_id < 0).sum()
    labels = {(r["asset_class"], r["vzkat_code"], r["vzkat_value"]) for r in rows}
    assert ("sign", "274", "30") in labels and ("sign", "274", "50") in labels and ("light", None, None) in labels


def test_same_seed_same_detections(demo):
    scene, cap, det = demo
    again = D.generate_detections(scene, cap, SEED)
    assert np.array_equal(again.bbox, det.bbox) and np.array_equal(again.truth_asset_id, det.truth_asset_id)
    other = D.generate_detections(scene, cap, SEED + 1)
    assert len(other) != len(det) or not np.array_equal(other.bbox, det.bbox)


@pytest.mark.slow
def test_city_has_about_250000_detections():
    scene, cap = build_scene("city", SEED)
    assert len(cap) == pytest.approx(100_600, rel=0.02)
    assert (cap.width, cap.height) == (8192, 4096)
    det = D.generate_detections(scene, cap, SEED)
    assert len(det) == pytest.approx(250_000, rel=0.08)
