"""Simulated AI detections with known error rates, computed from the ground truth.

For every panorama, every true object within ``MAX_RANGE_M`` (horizontal) whose face is visible (signs and
lights: camera less than ``VISIBLE_ANGLE_DEG`` off the face normal; markings: from any side, but not closer
than ``MIN_MARKING_RANGE_M``) is detected with probability ``DETECTION_PROB_NEAR`` at 0 m falling linearly to
``DETECTION_PROB_FAR`` at MAX_RANGE_M; the rest are misses. Objects cut by the image seam (straight behind the
vehicle) or spanning more than ``MAX_BOX_DEG`` are never detected either. No occlusion test beyond distance:
objects stand in front of the façades.

The bbox is the exact bounding box of the object's face projected with ``core.equirect.world_to_pixel``
(corners, plus the points of the top and bottom edges nearest the camera, where the projection bulges),
widened by a few per cent; it always contains the object and lies inside the image. Coordinates are float
pixel coordinates as world_to_pixel returns them (0 .. width - 1, 0 .. height - 1).

Of the detected objects whose class has a look-alike (274 30/50, 205/206, 283/286, 301/102, 294/341, ...),
``MISCLASSIFICATION_RATE`` get the look-alike's label. Each panorama also gets Poisson(
``FALSE_POSITIVES_PER_PANORAMA``) false positives on background with mostly low scores. Scores are beta
distributed, lower with distance (misclassified ones lower still). The estimated position is a monocular
guess: markings from the bbox centre's ray hitting the ground plane, signs and lights from the bbox centre's
bearing and the range implied by the class's typical size, plus noise of POSITION_NOISE_M + 4 % of the range.

The true asset id of each detection is kept in ``DetectionSet.truth_asset_id`` (-1 for false positives), never
in the store row.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional

import numpy as np

from ..core.equirect import direction_from_pixel, ground_point_from_pixel, world_to_pixel
from .capture import CaptureResult
from .catalogue import CONFUSABLE, KINDS
from .geometry import forward_vector, right_vector
from .randomness import rng_for
from .scene_model import Scene, SceneAsset
from .spatial import pairs_within

MAX_RANGE_M = 25.0
MIN_MARKING_RANGE_M = 3.0  # markings under or right beside the vehicle are not detected
MAX_BOX_DEG = (60.0, 45.0)  # objects spanning more than this (width, height) are too distorted to detect
DETECTION_PROB_NEAR = 0.92
DETECTION_PROB_FAR = 0.28
VISIBLE_ANGLE_DEG = 80.0
MISCLASSIFICATION_RATE = 0.06
FALSE_POSITIVES_PER_PANORAMA = 0.15
BBOX_MARGIN = (0.0, 0.08)  # each side widened by this share of the box size (uniform), plus 1 px
SCORE_BETA_NEAR = (9.0, 1.6)  # mean 0.85 at 0 m
SCORE_BETA_FAR = (3.0, 3.0)  # mean 0.50 at MAX_RANGE_M
SCORE_BETA_FALSE = (1.5, 5.0)  # mean 0.23
MISCLASSIFIED_SCORE_FACTOR = (0.6, 0.95)
POSITION_NOISE_M = 0.3
MODEL_NAME = "HD-Detect"
MODEL_VERSION = "2.4.1-demo"


@dataclass
class DetectionSet:
    """Detections as parallel arrays, ordered by panorama then bbox position."""
    panorama: np.ndarray  # index into the CaptureResult
    bbox: np.ndarray  # (n, 4) xmin, ymin, xmax, ymax
    label: np.ndarray  # predicted vendor label (object array)
    score: np.ndarray
    est_xy: np.ndarray  # (n, 2) estimated position, EPSG:25832
    truth_asset_id: np.ndarray  # -1: false positive
    misclassified: np.ndarray  # bool
    distance: np.ndarray  # horizontal camera-object distance (nan for false positives)
    external_id: np.ndarray
    candidates: Dict[str, np.ndarray]  # every visible (panorama, asset) pair and whether it was detected

    def __len__(self):
        return len(self.panorama)

    def ground_truth(self) -> Dict[str, Optional[int]]:
        """external_id → true asset id (None for false positives)."""
        return {str(e): (int(a) if a >= 0 else None) for e, a in zip(self.external_id, self.truth_asset_id)}

    def rows(self, panorama_ids, model_run_id: int):
        """Store rows for the detection table; ``panorama_ids[i]`` is the store id of panorama i."""
        from shapely.geometry import Point
        for i in range(len(self)):
            kind = KINDS[self.label[i]]
            yield {
                "panorama_id": int(panorama_ids[int(self.panorama[i])]),
                "model_run_id": model_run_id,
                "external_id": str(self.external_id[i]),
                "bbox_xmin": round(float(self.bbox[i, 0]), 2),
                "bbox_ymin": round(float(self.bbox[i, 1]), 2),
                "bbox_xmax": round(float(self.bbox[i, 2]), 2),
                "bbox_ymax": round(float(self.bbox[i, 3]), 2),
                "vendor_label": kind.vendor_label,
                "asset_class": kind.asset_class,
                "vzkat_code": kind.code,
                "vzkat_value": kind.value,
                "score": round(float(self.score[i]), 4),
                "status": "new",
                "geom": Point(round(float(self.est_xy[i, 0]), 3), round(float(self.est_xy[i, 1]), 3)),
            }


def detection_probability(distance) -> np.ndarray:
    d = np.clip(np.asarray(distance, dtype=float) / MAX_RANGE_M, 0.0, 1.0)
    return DETECTION_PROB_NEAR + (DETECTION_PROB_FAR - DETECTION_PROB_NEAR) * d


class AssetArrays:
    """The scene's objects as arrays, for vectorised geometry."""

    def __init__(self, assets: List[SceneAsset], ground_z: float):
        self.ids = np.array([a.asset_id for a in assets], dtype=np.int64)
        self.xy = np.array([(a.x, a.y) for a in assets], dtype=float).reshape(-1, 2)
        self.facing = np.array([a.facing for a in assets], dtype=float)
        self.flat = np.array([a.asset_class == "marking" for a in assets], dtype=bool)
        self.z = ground_z + np.array([a.centre_z for a in assets], dtype=float)
        self.width = np.array([a.size for a in assets], dtype=float)
        self.extent = np.array([((a.length if a.asset_class == "marking" else a.face_height) or a.size)
                                for a in assets], dtype=float)  # height of a face, length of a marking
        self.label = np.array([a.label for a in assets], dtype=object)


def project_bbox(arr: AssetArrays, ai: np.ndarray, cam: np.ndarray, heading: np.ndarray, width: int, height: int):
    """Exact projected bbox (xmin, ymin, xmax, ymax) of objects ``ai`` seen from cameras ``cam`` (n, 3).

    Also returns the projected centre (u, v) and a mask of boxes cut by the seam (or with the camera on the
    object), whose bbox is meaningless.
    """
    n = len(ai)
    across = right_vector(arr.facing[ai])  # horizontal axis of the face / across a marking
    along = forward_vector(arr.facing[ai])  # face normal / along a marking
    half_w = arr.width[ai] / 2
    half_e = arr.extent[ai] / 2
    flat = arr.flat[ai]
    centre = np.column_stack([arr.xy[ai], arr.z[ai]])
    rel = cam[:, :2] - arr.xy[ai]
    t_across = np.clip(np.sum(rel * across, axis=1), -half_w, half_w)
    t_along = np.clip(np.sum(rel * along, axis=1), -half_e, half_e)
    # Local (across, along, up) offsets of 4 corners + 2 nearest-edge points.
    sa = np.array([-1, 1, 1, -1], float)
    sb = np.array([-1, -1, 1, 1], float)
    a_off = np.concatenate([sa[None, :] * half_w[:, None], t_across[:, None], t_across[:, None]], axis=1)
    b_off = np.concatenate([sb[None, :] * half_e[:, None], -half_e[:, None], half_e[:, None]], axis=1)
    along_off = np.where(flat[:, None], b_off, 0.0)
    along_off[:, 4] = np.where(flat, t_along, 0.0)  # flat: the single nearest point of the rectangle
    along_off[:, 5] = np.where(flat, t_along, 0.0)
    up_off = np.where(flat[:, None], 0.0, b_off)
    px = centre[:, 0:1] + a_off * across[:, 0:1] + along_off * along[:, 0:1]
    py = centre[:, 1:2] + a_off * across[:, 1:2] + along_off * along[:, 1:2]
    pz = centre[:, 2:3] + up_off
    k = px.shape[1]
    world = np.stack([px - cam[:, 0:1], py - cam[:, 1:2], pz - cam[:, 2:3]], axis=-1).reshape(-1, 3)
    u, v, _ = world_to_pixel(world, (0.0, 0.0, 0.0), width, height, np.repeat(heading, k))
    u = u.reshape(n, k)
    v = v.reshape(n, k)
    uc, vc, _ = world_to_pixel(centre - cam, (0.0, 0.0, 0.0), width, height, heading)
    # Cut by the seam: wrapped around (wide) or reaching into the half pixel beyond the first/last centre.
    seam = ((u.max(axis=1) - u.min(axis=1)) > width / 2) | (u.min(axis=1) < 0.0) | (u.max(axis=1) > width - 1.0)
    inside = flat & (np.abs(np.sum(rel * across, axis=1)) <= half_w) & (np.abs(np.sum(rel * along, axis=1)) <= half_e)
    box = np.column_stack([u.min(axis=1), v.min(axis=1), u.max(axis=1), v.max(axis=1)])
    return box, uc, vc, seam | inside


def generate_detections(scene: Scene, cap: CaptureResult, seed: int, chunk: int = 200_000) -> DetectionSet:
    """Detections for every panorama of a capture (deterministic for a seed)."""
    rng = rng_for(seed, "detections")
    arr = AssetArrays(scene.assets, scene.ground_z)
    cam = cap.camera_xyz()
    W, H = cap.width, cap.height
    ip, ia, dist = pairs_within(cam[:, :2], arr.xy, MAX_RANGE_M) if len(arr.ids) else (np.zeros(0, int),) * 2 + (
        np.zeros(0),)
    # Visible side of signs and lights; markings from anywhere.
    to_cam = cam[ip, :2] - arr.xy[ia]
    normal = forward_vector(arr.facing[ia])
    cos_angle = np.sum(to_cam * normal, axis=1) / np.maximum(dist, 1e-6)
    visible = arr.flat[ia] | (cos_angle > np.cos(np.radians(VISIBLE_ANGLE_DEG)))
    ip, ia, dist = ip[visible], ia[visible], dist[visible]
    near_marking = arr.flat[ia] & (dist < MIN_MARKING_RANGE_M)
    ip, ia, dist = ip[~near_marking], ia[~near_marking], dist[~near_marking]
    # Seam, camera-on-marking and very distorted cases are not candidates at all.
    keep = np.ones(len(ip), bool)
    boxes = np.zeros((len(ip), 4))
    centres = np.zeros((len(ip), 2))
    for s in range(0, len(ip), chunk):
        sl = slice(s, s + chunk)
        box, uc, vc, bad = project_bbox(arr, ia[sl], cam[ip[sl]], cap.heading[ip[sl]], W, H)
        huge = (((box[:, 2] - box[:, 0]) > MAX_BOX_DEG[0] / 360.0 * W)
                | ((box[:, 3] - box[:, 1]) > MAX_BOX_DEG[1] / 180.0 * H))
        boxes[sl], centres[sl, 0], centres[sl, 1], keep[sl] = box, uc, vc, ~(bad | huge)
    ip, ia, dist, boxes, centres = ip[keep], ia[keep], dist[keep], boxes[keep], centres[keep]
    p = detection_probability(dist)
    detected = rng.random(len(ip)) < p
    candidates = {"panorama": ip, "asset_index": ia, "distance": dist, "probability": p, "detected": detected}

    tp_p, tp_a, tp_d, tp_box = ip[detected], ia[detected], dist[detected], boxes[detected]
    n_tp = len(tp_p)
    true_label = arr.label[tp_a]
    twin = np.array([CONFUSABLE.get(lbl) for lbl in true_label], dtype=object)
    has_twin = np.array([t is not None for t in twin], dtype=bool)
    mis = has_twin & (rng.random(n_tp) < MISCLASSIFICATION_RATE)
    label = np.where(mis, twin, true_label)
    frac = np.clip(tp_d / MAX_RANGE_M, 0.0, 1.0)
    a = SCORE_BETA_NEAR[0] + (SCORE_BETA_FAR[0] - SCORE_BETA_NEAR[0]) * frac
    b = SCORE_BETA_NEAR[1] + (SCORE_BETA_FAR[1] - SCORE_BETA_NEAR[1]) * frac
    score = rng.beta(a, b)
    score = np.where(mis, score * rng.uniform(*MISCLASSIFIED_SCORE_FACTOR, n_tp), score)
    tp_box = _widen(rng, tp_box, W, H)

    fp_p, fp_box, fp_label = _false_positives(rng, len(cap), W, H)
    fp_score = rng.beta(*SCORE_BETA_FALSE, len(fp_p))

    pano = np.concatenate([tp_p, fp_p])
    bbox = np.vstack([tp_box, fp_box])
    labels = np.concatenate([label, fp_label])
    scores = np.clip(np.concatenate([score, fp_score]), 0.001, 0.999)
    truth = np.concatenate([arr.ids[tp_a], np.full(len(fp_p), -1)])
    misc = np.concatenate([mis, np.zeros(len(fp_p), bool)])
    dists = np.concatenate([tp_d, np.full(len(fp_p), np.nan)])
    order = np.lexsort((bbox[:, 0], pano))
    pano, bbox, labels, scores, truth, misc, dists = (x[order] for x in (pano, bbox, labels, scores, truth, misc,
                                                                          dists))
    est = _estimate_positions(rng, cap, pano, bbox, labels)
    ext = np.array([f"det-{i + 1:07d}" for i in range(len(pano))], dtype=object)
    return DetectionSet(pano, bbox, labels, scores, est, truth, misc, dists, ext, candidates)


def _widen(rng, box, W, H):
    w = box[:, 2] - box[:, 0]
    h = box[:, 3] - box[:, 1]
    m = rng.uniform(*BBOX_MARGIN, (len(box), 4))
    out = box + np.column_stack([-(m[:, 0] * w + 1), -(m[:, 1] * h + 1), m[:, 2] * w + 1, m[:, 3] * h + 1])
    out[:, [0, 2]] = np.clip(out[:, [0, 2]], 0.0, W - 1.0)
    out[:, [1, 3]] = np.clip(out[:, [1, 3]], 0.0, H - 1.0)
    return out


_FALSE_LABELS = np.array([
    "regulatory--no-parking--g1", "regulatory--no-stopping--g1", "information--parking--g1",
    "regulatory--maximum-speed-limit-30--g1", "regulatory--yield--g1", "warning--children--g1",
    "marking--discrete--arrow--straight", "marking--discrete--dashed-line", "object--traffic-light--general-upright",
    "regulatory--priority-road--g1", "information--pedestrians-crossing--g1",
], dtype=object)


def _false_positives(rng, n_pano, W, H):
    counts = rng.poisson(FALSE_POSITIVES_PER_PANORAMA, n_pano)
    pano = np.repeat(np.arange(n_pano), counts)
    n = len(pano)
    labels = _FALSE_LABELS[rng.integers(0, len(_FALSE_LABELS), n)]
    marking = np.array([KINDS[lbl].asset_class == "marking" for lbl in labels], bool)
    size = rng.uniform(0.004, 0.02, n) * W
    aspect = np.where(marking, rng.uniform(0.2, 0.5, n), rng.uniform(0.8, 1.4, n))
    cx = rng.uniform(size, W - 1 - size)
    cy = np.where(marking, rng.uniform(0.55, 0.75, n), rng.uniform(0.38, 0.52, n)) * H
    box = np.column_stack([cx - size / 2, cy - size * aspect / 2, cx + size / 2, cy + size * aspect / 2])
    box[:, [0, 2]] = np.clip(box[:, [0, 2]], 0.0, W - 1.0)
    box[:, [1, 3]] = np.clip(box[:, [1, 3]], 0.0, H - 1.0)
    return pano, box, labels


def _estimate_positions(rng, cap: CaptureResult, pano, bbox, labels):
    """Monocular position guess from each bbox (see module docstring)."""
    n = len(pano)
    if n == 0:
        return np.zeros((0, 2))
    W, H = cap.width, cap.height
    uc = 0.5 * (bbox[:, 0] + bbox[:, 2])
    vc = 0.5 * (bbox[:, 1] + bbox[:, 3])
    heading = cap.heading[pano]
    cam_xy = np.column_stack([cap.x[pano], cap.y[pano]])
    bearing, elevation = direction_from_pixel(uc, vc, W, H, heading)
    bearing = np.atleast_1d(bearing)
    # Signs and lights: range from the apparent height of a typical object of the predicted class.
    typical_h = np.array([np.mean(KINDS[lbl].size_range) * KINDS[lbl].aspect for lbl in labels])
    ang_h = np.radians(np.maximum(bbox[:, 3] - bbox[:, 1], 1.0) / H * 180.0)
    rng_m = np.minimum(typical_h / (2.0 * np.tan(ang_h / 2.0)), 60.0)
    est = cam_xy + forward_vector(bearing) * rng_m[:, None]
    marking = np.array([KINDS[lbl].asset_class == "marking" for lbl in labels], bool)
    if marking.any():
        g = ground_point_from_pixel(uc[marking], vc[marking], (0.0, 0.0, cap.camera_height), cap.camera_height,
                                    W, H, heading[marking])
        ok = np.isfinite(g[:, 0]) & (np.hypot(g[:, 0], g[:, 1]) < 60.0)
        idx = np.flatnonzero(marking)[ok]
        est[idx] = cam_xy[idx] + g[ok, :2]
    d = np.hypot(*(est - cam_xy).T)
    sigma = POSITION_NOISE_M + 0.04 * d
    return est + rng.normal(0.0, 1.0, (n, 2)) * sigma[:, None]
