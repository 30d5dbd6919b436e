"""A point seen in two panoramas: the closest approach of the two viewing rays, and how precise it is.

No ground model is involved, so it measures what a single view cannot: a sign's top, a lamp, a kerb on a
slope. The precision follows from the angular click error and how wide the rays cross.
"""
import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

__all__ = ["TwoViewPoint", "intersect_two_rays"]

MIN_ANGLE_DEG = 2.0  # rays crossing at a narrower angle give no usable depth


@dataclass
class TwoViewPoint:
    point: np.ndarray  # (x, y, z), midpoint of the shortest segment between the rays
    gap_m: float  # length of that segment: large means the two clicks were not the same point
    sigma_m: float  # expected 1-sigma position error from the click error
    angle_deg: float  # angle between the rays


def intersect_two_rays(o1, d1, o2, d2, sigma_rad: float) -> Optional[TwoViewPoint]:
    """Closest approach of rays o + t d (t > 0); None when they are (nearly) parallel or meet behind a camera.

    ``sigma_rad`` is the angular error of one click (e.g. one pixel: 2 pi / image width).
    """
    o1, d1, o2, d2 = (np.asarray(v, dtype=float) for v in (o1, d1, o2, d2))
    d1, d2 = d1 / np.linalg.norm(d1), d2 / np.linalg.norm(d2)
    w0 = o1 - o2
    a, b, c = d1 @ d1, d1 @ d2, d2 @ d2
    d, e = d1 @ w0, d2 @ w0
    denom = a * c - b * b
    angle = math.degrees(math.acos(max(-1.0, min(1.0, float(b)))))
    if denom < 1e-12 or angle < MIN_ANGLE_DEG:
        return None
    t1, t2 = (b * e - c * d) / denom, (a * e - b * d) / denom
    if t1 <= 0 or t2 <= 0:
        return None
    p1, p2 = o1 + t1 * d1, o2 + t2 * d2
    # each ray's lateral error r * sigma, magnified by 1 / sin(angle) along the other ray's direction
    sigma = math.hypot(t1 * sigma_rad, t2 * sigma_rad) / max(math.sin(math.radians(angle)), 1e-6)
    return TwoViewPoint((p1 + p2) / 2.0, float(np.linalg.norm(p1 - p2)), float(sigma), angle)
