"""An asset's position from the detections that show it (pure numpy, no store).

Signs and lights: least squares intersection of the horizontal rays through each bbox's centre
column (bearing from the panorama pose, docs/conventions.md): the point minimising the sum of
squared perpendicular distances to the rays. Rays with a residual far above the others are dropped
(one at a time, while three remain). ``accuracy`` is the RMS of the perpendicular residuals; with
exactly two rays, which always meet, it is the a-priori ray error (``BEARING_SIGMA_DEG`` at the
mean range) instead.

Markings lie on the road: each bbox centre's ray meets the ground plane below its camera, and the
position is the per-axis median of those ground points (robust to the bbox centre of a long line
moving along it); ``accuracy`` is the RMS distance of the ground points to it.

With one usable detection (or rays too parallel to intersect) the position falls back to the
single-panorama estimate: the detection's stored estimated position, else the ground-plane point
(markings) or the range implied by a typical object size (signs, lights); source "ground_plane".
"""
import math
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..core.equirect import direction_from_pixel

MIN_RAY_ANGLE_DEG = 3.0  # rays closer to parallel than this do not define a point
MIN_RANGE_M = 0.5  # the point must lie at least this far in front of every camera
MAX_RANGE_M = 80.0
MAX_GROUND_RANGE_M = 60.0
OUTLIER_FLOOR_M = 0.75  # a residual below this is never an outlier
OUTLIER_FACTOR = 3.0  # ... nor one below this many times the median residual
BEARING_SIGMA_DEG = 0.3  # a-priori error of one bbox-centre bearing
# Markings that are long along the road: the box centre's ground point wanders along them with the view, so a
# position from a few views can be off by about half the length (also the match's free play, assets.py).
MARKING_HALF_LENGTH_M = {"340": 3.0, "295": 6.0, "299": 3.5, "297": 2.5, "293": 2.0}
GROUND_POINT_SIGMA_M = 0.15  # floor of a marking's stated accuracy (road surface is not flat)
PRIOR_RAYS = 2.0  # weight of that a-priori error against the residuals (in rays)
CAMERA_POSITION_SIGMA_M = 0.1  # a-priori error of a camera position across the ray (pose, GNSS after processing)
SINGLE_VIEW_RELATIVE_ERROR = {"marking": 0.05, "sign": 0.25, "light": 0.25}
TYPICAL_FACE_HEIGHT_M = {"sign": 0.65, "light": 0.95}  # for a range when nothing else is known

TRIANGULATED, GROUND_PLANE = "triangulated", "ground_plane"


@dataclass
class Observation:
    """One detection as seen from its panorama (pose from the panorama row, bbox in full-image pixels)."""
    cam_x: float
    cam_y: float
    heading: float
    width: int
    height: int
    bbox: Tuple[float, float, float, float]
    camera_height: float = 2.5
    pitch: float = 0.0
    roll: float = 0.0
    estimate: Optional[Tuple[float, float]] = None  # the detection's stored estimated position
    detection_id: Optional[int] = None

    def centre_direction(self) -> Tuple[float, float]:
        """(bearing, elevation) of the bbox centre."""
        xmin, ymin, xmax, ymax = self.bbox
        b, e = direction_from_pixel(0.5 * (xmin + xmax), 0.5 * (ymin + ymax), self.width, self.height,
                                    self.heading, self.pitch or 0.0, self.roll or 0.0)
        return float(b), float(e)

    def ground_point(self) -> Optional[Tuple[float, float]]:
        """Where the bbox centre's ray meets the road below the camera (None above the horizon / too far)."""
        b, e = self.centre_direction()
        if e > -0.5:
            return None
        dist = (self.camera_height or 2.5) / math.tan(math.radians(-e))
        if dist > MAX_GROUND_RANGE_M:
            return None
        return (self.cam_x + dist * math.sin(math.radians(b)), self.cam_y + dist * math.cos(math.radians(b)))

    def size_range(self, asset_class: str) -> float:
        """Range implied by the apparent height of a typical object of the class."""
        ang = math.radians(max(self.bbox[3] - self.bbox[1], 1.0) / self.height * 180.0)
        return min(TYPICAL_FACE_HEIGHT_M.get(asset_class, 0.65) / (2.0 * math.tan(ang / 2.0)), MAX_GROUND_RANGE_M)


@dataclass
class Estimate:
    x: float
    y: float
    source: str  # triangulated, ground_plane
    accuracy: Optional[float]  # metres
    used: int  # observations used
    dropped: List[int]  # indices of observations dropped as outliers
    height: Optional[float] = None  # of the object's centre above the road (signs, lights)
    size: Optional[float] = None  # apparent width in metres (signs, lights)
    direction: Optional[float] = None  # bearing the face points to: towards the cameras that saw it


def single_view(obs: Observation, asset_class: str) -> Optional[Tuple[float, float]]:
    """The one-panorama position guess of a detection (see module docstring)."""
    if obs.estimate is not None:
        return obs.estimate
    if asset_class == "marking":
        return obs.ground_point()
    b, _ = obs.centre_direction()
    r = obs.size_range(asset_class)
    return (obs.cam_x + r * math.sin(math.radians(b)), obs.cam_y + r * math.cos(math.radians(b)))


def triangulate(observations: Sequence[Observation], asset_class: str, code: Optional[str] = None) -> Optional[Estimate]:
    """The asset's position from its observations; None when there is nothing to go on.

    ``code``: the VzKat code (a long marking states a wider accuracy)."""
    obs = list(observations)
    if not obs:
        return None
    est = _ground_points(obs, code) if asset_class == "marking" else _rays(obs)
    if est is not None:
        if asset_class != "marking":
            _describe_face(est, obs)
        return est
    return _fallback(obs, asset_class)


def _fallback(obs: List[Observation], asset_class: str) -> Optional[Estimate]:
    pts = [(i, single_view(o, asset_class)) for i, o in enumerate(obs)]
    pts = [(i, p) for i, p in pts if p is not None]
    if not pts:
        return None
    xy = np.array([p for _, p in pts])
    x, y = xy.mean(axis=0)
    ranges = [math.hypot(x - obs[i].cam_x, y - obs[i].cam_y) for i, _ in pts]
    rel = SINGLE_VIEW_RELATIVE_ERROR.get(asset_class, 0.25)
    accuracy = float(np.mean(ranges)) * rel + (0.2 if asset_class == "marking" else 0.0)
    est = Estimate(float(x), float(y), GROUND_PLANE, round(accuracy, 3), len(pts), [])
    if asset_class != "marking":
        _describe_face(est, [obs[i] for i, _ in pts])
    return est


def _rays(obs: List[Observation]) -> Optional[Estimate]:
    if len(obs) < 2:
        return None
    cams = np.array([(o.cam_x, o.cam_y) for o in obs], dtype=float)
    bearings = np.radians([o.centre_direction()[0] for o in obs])
    dirs = np.column_stack([np.sin(bearings), np.cos(bearings)])
    keep = list(range(len(obs)))
    dropped: List[int] = []
    while True:
        solved = _solve_rays(cams[keep], dirs[keep])
        if solved is None:
            return None
        point, residuals, along = solved
        if len(keep) >= 3:
            worst = int(np.argmax(residuals))
            limit = max(OUTLIER_FLOOR_M, OUTLIER_FACTOR * float(np.median(residuals)))
            if residuals[worst] > limit:
                dropped.append(keep.pop(worst))
                continue
        break
    if along.min() < MIN_RANGE_M or along.max() > MAX_RANGE_M:
        return None
    accuracy = _ray_accuracy(dirs[keep], residuals, along)
    return Estimate(float(point[0]), float(point[1]), TRIANGULATED, round(accuracy, 3), len(keep), sorted(dropped))


def _ray_accuracy(dirs, residuals, along) -> float:
    """Radial 1-sigma of the fix from the geometry of the rays and an error per ray calibrated by the residuals.

    Each ray is off perpendicularly by about range × bearing error plus the camera position error. The bearing
    error blends the a-priori BEARING_SIGMA_DEG (as PRIOR_RAYS pseudo-observations) with what the residuals say
    (their angular RMS over n - 2 degrees of freedom): three nearly agreeing rays no longer claim millimetres.
    The covariance of the unweighted least-squares point is A⁻¹ (Σ Pᵢ σᵢ²) A⁻¹ with A = Σ Pᵢ (Pᵢ the projector
    across ray i); the radial sigma is the root of its trace.
    """
    n = len(dirs)
    ranges = np.maximum(along, MIN_RANGE_M)
    prior = math.radians(BEARING_SIGMA_DEG)
    angular = residuals / ranges
    dof = max(n - 2, 0)
    sigma_b = math.sqrt((PRIOR_RAYS * prior ** 2 + float(np.sum(angular ** 2))) / (PRIOR_RAYS + dof))
    sigma = np.sqrt((ranges * sigma_b) ** 2 + CAMERA_POSITION_SIGMA_M ** 2)
    eye = np.eye(2)
    projectors = eye[None, :, :] - dirs[:, :, None] * dirs[:, None, :]
    a_inv = np.linalg.inv(projectors.sum(axis=0))
    middle = np.einsum("n,nij->ij", sigma ** 2, projectors)
    cov = a_inv @ middle @ a_inv
    return float(math.sqrt(max(float(np.trace(cov)), 0.0)))


def _solve_rays(cams, dirs):
    """(point, perpendicular residuals, distances along the rays) or None for (near-)parallel rays."""
    eye = np.eye(2)
    projectors = eye[None, :, :] - dirs[:, :, None] * dirs[:, None, :]
    a = projectors.sum(axis=0)
    rhs = np.einsum("nij,nj->i", projectors, cams)
    if np.linalg.eigvalsh(a)[0] < 1.0 - math.cos(math.radians(MIN_RAY_ANGLE_DEG)):
        return None
    point = np.linalg.solve(a, rhs)
    rel = point[None, :] - cams
    along = np.sum(rel * dirs, axis=1)
    perp = rel - along[:, None] * dirs
    return point, np.hypot(perp[:, 0], perp[:, 1]), along


def _sin_spread(dirs) -> float:
    """Sine of the largest angle between two of the rays (geometry factor of a two-ray fix)."""
    best = 0.0
    for i in range(len(dirs)):
        for j in range(i + 1, len(dirs)):
            best = max(best, abs(dirs[i, 0] * dirs[j, 1] - dirs[i, 1] * dirs[j, 0]))
    return max(best, math.sin(math.radians(MIN_RAY_ANGLE_DEG)))


def _ground_points(obs: List[Observation], code: Optional[str] = None) -> Optional[Estimate]:
    pts = [(i, o.ground_point()) for i, o in enumerate(obs)]
    pts = [(i, p) for i, p in pts if p is not None]
    if len(pts) < 2:
        return None
    idx = [i for i, _ in pts]
    xy = np.array([p for _, p in pts], dtype=float)
    keep = list(range(len(xy)))
    dropped = []
    while True:
        centre = np.median(xy[keep], axis=0)
        residuals = np.hypot(*(xy[keep] - centre).T)
        if len(keep) >= 3:
            worst = int(np.argmax(residuals))
            if residuals[worst] > max(OUTLIER_FLOOR_M, OUTLIER_FACTOR * float(np.median(residuals))):
                dropped.append(idx[keep.pop(worst)])
                continue
        break
    # The spread of the ground points, a floor, and the bias along a long marking (calibrated on the demo city).
    spread = float(np.sqrt(np.mean(residuals ** 2)))
    along = 0.5 * MARKING_HALF_LENGTH_M.get(code, 0.0)
    accuracy = math.sqrt(spread ** 2 + GROUND_POINT_SIGMA_M ** 2 + along ** 2)
    return Estimate(float(centre[0]), float(centre[1]), TRIANGULATED, round(accuracy, 3), len(keep), sorted(dropped))


def _describe_face(est: Estimate, obs: List[Observation]):
    """Height, apparent width and facing of a sign or light from its rays (rough, for the inventory)."""
    heights, sizes, east, north = [], [], 0.0, 0.0
    for i, o in enumerate(obs):
        if i in est.dropped:
            continue
        dist = math.hypot(est.x - o.cam_x, est.y - o.cam_y)
        if dist < MIN_RANGE_M:
            continue
        _, elev = o.centre_direction()
        heights.append((o.camera_height or 2.5) + math.tan(math.radians(elev)) * dist)
        ang = math.radians((o.bbox[2] - o.bbox[0]) / o.width * 360.0)
        sizes.append(2.0 * dist * math.tan(ang / 2.0))
        east += (o.cam_x - est.x) / dist
        north += (o.cam_y - est.y) / dist
    if heights:
        est.height = round(float(np.median(heights)), 2)
        est.size = round(float(np.median(sizes)), 2)
        est.direction = round(math.degrees(math.atan2(east, north)) % 360.0, 1)
