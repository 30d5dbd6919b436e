"""What a campaign saw, compared with the register: pure numpy, no store, no QGIS.

1. ``observe``: detections (rays from their panoramas through the box centres, monocular estimates, classes,
   scores) are grouped into observed objects, per VzKat code. The best-scored detection seeds a group at its
   estimate; every other detection whose estimate lies within ``GATHER_RADIUS_M``, whose face points the same
   way (the face looks at the camera that saw it) and whose ray passes close to the point joins; the point
   becomes the rays' least-squares crossing, three rounds. The class is the score-weighted vote.
2. ``classify``: register entries and observations are matched one to one, in passes from the surest to the
   loosest (same class within tolerance, same code with another value, another code within tolerance, the
   same class farther away = moved). What stays of the register is *missing* if a panorama of the campaign had
   it in view (``covered``), else *not covered*; what stays of the observations is *new* if at least
   ``NEW_MIN_VIEWS`` detections agree (a lone detection is too often a false positive).
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..core.point_index import PointIndex

CONFIRMED, NEW, MISSING, MOVED = "confirmed", "new", "missing", "moved"
CLASS_CHANGED, VALUE_CHANGED, NOT_COVERED = "class_changed", "value_changed", "not_covered"
CHANGE_TYPES = (CONFIRMED, NEW, MISSING, MOVED, CLASS_CHANGED, VALUE_CHANGED, NOT_COVERED)

GATHER_RADIUS_M = 8.0  # monocular estimates of one sign scatter this far
RANGE_SLACK = 0.5  # a monocular range (from the apparent size) is this unsure
MIN_CROSSING_DEG = 3.0  # rays closer to parallel do not fix a point
RAY_LATERAL_M = 0.5  # a one-view observation matches what its ray passes this close to (plus a share of range)
RAY_LATERAL_SHARE = 0.03
MIN_RAY_SPREAD = 0.01  # smallest eigenvalue per ray of the crossing's normal matrix (about 6° of spread)
FACING_TOLERANCE_DEG = 100.0  # a face is seen up to ~80° off its normal: views of one sign differ this much
SEARCH_RADIUS_M = 10.0  # how far a moved sign is looked for
COVER_DISTANCE_M = 15.0  # a panorama this close, in front of the face, would have seen the sign
COVER_ANGLE_DEG = 60.0
NEW_MIN_VIEWS = 2
DUPLICATE_RADIUS_M = 3.0
ONE_VIEW_SLACK_M = 12.0  # how far a one-view estimate may lie from the sign it saw
VOTE_SHARE = 0.3  # the register's class counts as seen if this share of the votes is for it

Key = Tuple[str, Optional[str], Optional[str]]


@dataclass
class Detections:
    """Parallel arrays of the detections to observe from."""
    ids: np.ndarray
    x: np.ndarray
    y: np.ndarray
    pano_x: np.ndarray
    pano_y: np.ndarray
    panorama_id: np.ndarray
    keys: List[Key]
    score: np.ndarray
    bearing: Optional[np.ndarray] = None  # of the ray through the box centre; None: towards the estimate


@dataclass
class Observed:
    x: float
    y: float
    facing: Optional[float]
    key: Key
    votes: Dict[Key, float]
    detection_ids: List[int]
    best_panorama: Optional[int]
    asset_id: Optional[int] = None
    ray: Optional[Tuple[float, float, float, float, float]] = None  # one view: camera x, y, direction, range

    def distance_to(self, x: float, y: float) -> float:
        """Metres to a point; for a one-view observation the point's distance from the ray (range ±50 %)."""
        if self.ray is None:
            return float(np.hypot(self.x - x, self.y - y))
        cx, cy, dx, dy, rng = self.ray
        along = (x - cx) * dx + (y - cy) * dy
        if not (1 - RANGE_SLACK) * rng - 1.0 <= along <= (1 + RANGE_SLACK) * rng + 1.0:
            return float(np.hypot(self.x - x, self.y - y))
        return float(abs((x - cx) * dy - (y - cy) * dx)) if along > 0 else float(np.hypot(self.x - x, self.y - y))

    @property
    def views(self) -> int:
        return len(self.detection_ids)


@dataclass
class Entry:
    """A register entry (or an earlier campaign's observation) to compare against."""
    id: int
    x: float
    y: float
    direction: Optional[float]
    key: Key


@dataclass
class Change:
    change_type: str
    entry: Optional[Entry]
    observed: Optional[Observed]
    distance: Optional[float] = None
    panorama_id: Optional[int] = None


@dataclass
class Panoramas:
    ids: np.ndarray
    x: np.ndarray
    y: np.ndarray
    index: PointIndex = field(init=False)

    def __post_init__(self):
        self.index = PointIndex(self.x, self.y, np.arange(len(self.ids)))


def angle_diff(a, b):
    """Smallest difference of two bearings in degrees (0 … 180)."""
    d = np.abs((np.asarray(a, float) - np.asarray(b, float)) % 360.0)
    return np.minimum(d, 360.0 - d)


def _bearing(x1, y1, x2, y2):
    return np.degrees(np.arctan2(np.asarray(x2) - x1, np.asarray(y2) - y1)) % 360.0


def _circular_mean(bearings, weights) -> float:
    r = np.radians(bearings)
    return float(np.degrees(np.arctan2((np.sin(r) * weights).sum(), (np.cos(r) * weights).sum())) % 360.0)


def _weighted_median(values, weights) -> float:
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, 0.5 * cum[-1])])


def _crossings(c0, d0, cams, dirs):
    """Distances along ray 0 and along each other ray to where they cross (inf when parallel)."""
    rel = cams - c0[None, :]
    denom = d0[0] * dirs[:, 1] - d0[1] * dirs[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t0 = (rel[:, 0] * dirs[:, 1] - rel[:, 1] * dirs[:, 0]) / denom
        t1 = (rel[:, 0] * d0[1] - rel[:, 1] * d0[0]) / denom
    bad = np.abs(denom) < np.sin(np.radians(MIN_CROSSING_DEG))
    t0[bad], t1[bad] = np.inf, np.inf
    return t0, t1


def _ray_fix(cams, dirs, fallback):
    """Least-squares crossing of 2-D rays; ``fallback`` moved onto the rays when they are near-parallel."""
    eye = np.eye(2)
    proj = eye[None, :, :] - dirs[:, :, None] * dirs[:, None, :]
    a = proj.sum(axis=0)
    if len(cams) >= 2 and np.linalg.eigvalsh(a)[0] >= MIN_RAY_SPREAD * len(cams):
        point = np.linalg.solve(a, np.einsum("nij,nj->i", proj, cams))
        if np.all(np.sum((point - cams) * dirs, axis=1) > 0):  # in front of every camera
            return point
    along = np.maximum(np.sum((fallback - cams) * dirs, axis=1), 0.5)
    return np.median(cams + along[:, None] * dirs, axis=0)


def observe(dets: Detections, cancelled=None) -> List[Observed]:
    """Group detections into observed objects (see module docstring), one VzKat code at a time: rays of
    different signs cross anywhere, and a look-alike's single mislabelled view stays a one-view observation."""
    out: List[Observed] = []
    codes = sorted({k[:2] for k in dets.keys}, key=lambda k: (k[0], k[1] or ""))
    for code in codes:
        sel = np.array([k[:2] == code for k in dets.keys], bool)
        out += _observe_class(dets, np.flatnonzero(sel), cancelled)
    return out


def _observe_class(dets: Detections, rows: np.ndarray, cancelled) -> List[Observed]:
    if len(rows) == 0:
        return []
    x, y, px, py = dets.x[rows], dets.y[rows], dets.pano_x[rows], dets.pano_y[rows]
    score, keys = dets.score[rows], [dets.keys[i] for i in rows]
    cams = np.column_stack([px, py])
    if dets.bearing is not None:
        b = np.radians(dets.bearing[rows])
    else:
        b = np.arctan2(x - px, y - py)
    dirs = np.column_stack([np.sin(b), np.cos(b)])
    facing = (np.degrees(b) + 180.0) % 360.0  # the face looks back at the camera
    index = PointIndex(x, y)
    taken = np.zeros(len(rows), bool)
    out = []
    for count, seed in enumerate(np.argsort(-score, kind="stable")):
        if taken[seed]:
            continue
        if cancelled and count % 2000 == 0 and cancelled():
            return []
        seed_range = max(float(np.hypot(x[seed] - px[seed], y[seed] - py[seed])), 1.0)
        near = np.array([i for i, _ in index.within(x[seed], y[seed], GATHER_RADIUS_M + 0.3 * seed_range)], int)
        near = near[~taken[near] & (near != seed)]
        near = near[angle_diff(facing[near], facing[seed]) <= FACING_TOLERANCE_DEG]
        # Where each candidate's ray crosses the seed's: a sign seen twice has its rays cross at it.
        t_seed, t_other = _crossings(cams[seed], dirs[seed], cams[near], dirs[near])
        ok = (t_seed > 0.5) & (t_other > 0.5) & (np.abs(t_seed - seed_range) <= RANGE_SLACK * seed_range + 2.0)
        near, t_seed = near[ok], t_seed[ok]
        members = np.array([seed])
        if len(near):
            centre = float(np.median(t_seed))
            members = np.concatenate([[seed], near[np.abs(t_seed - centre) <= max(1.5, 0.1 * centre)]])
            point = _ray_fix(cams[members], dirs[members], cams[seed] + dirs[seed] * centre)
        else:
            point = np.array([x[seed], y[seed]])
        taken[members] = True
        w = np.maximum(score[members], 1e-3)
        votes: Dict[Key, float] = {}
        for i, wi in zip(members, w):
            votes[keys[i]] = votes.get(keys[i], 0.0) + float(wi)
        key = max(votes.items(), key=lambda kv: kv[1])[0]
        best = members[np.argmax(w)]
        obs = Observed(float(point[0]), float(point[1]), _circular_mean(facing[members], w), key, votes,
                       [int(dets.ids[rows[i]]) for i in members], int(dets.panorama_id[rows[best]]))
        if len(members) == 1:  # one view: sure of the bearing, not of the range
            obs.ray = (float(px[seed]), float(py[seed]), float(dirs[seed, 0]), float(dirs[seed, 1]), seed_range)
        out.append(obs)
    return out


def covered(entry: Entry, panos: Panoramas) -> Optional[int]:
    """The nearest panorama that had the entry in view (within COVER_DISTANCE_M, in front of its face), or None."""
    for i, _ in panos.index.within(entry.x, entry.y, COVER_DISTANCE_M):
        if entry.direction is None:
            return int(panos.ids[i])
        seen_from = _bearing(entry.x, entry.y, panos.x[i], panos.y[i])
        if angle_diff(seen_from, entry.direction) <= COVER_ANGLE_DEG:
            return int(panos.ids[i])
    return None


def _share(obs: Observed, key: Key) -> float:
    total = sum(obs.votes.values())
    return sum(w for k, w in obs.votes.items() if k == key) / total if total else 0.0


def _same_code_share(obs: Observed, key: Key) -> float:
    total = sum(obs.votes.values())
    return sum(w for k, w in obs.votes.items() if k[:2] == key[:2]) / total if total else 0.0


def _facing_ok(entry: Entry, obs: Observed) -> bool:
    return entry.direction is None or obs.facing is None or \
        angle_diff(entry.direction, obs.facing) <= FACING_TOLERANCE_DEG


def classify(entries: Sequence[Entry], observed: Sequence[Observed], panos: Panoramas, tolerance: float,
             classes: Optional[set] = None) -> List[Change]:
    """One change per entry and per unmatched observation of the register's classes."""
    classes = classes if classes is not None else {e.key[0] for e in entries}
    obs = [o for o in observed if o.key[0] in classes]
    if obs:
        index = PointIndex(np.array([o.x for o in obs]), np.array([o.y for o in obs]))
    entry_done: Dict[int, Change] = {}
    obs_used = np.zeros(len(obs), bool)

    def near(e, radius):
        if not obs:
            return []
        out = []
        for j, _ in index.within(e.x, e.y, radius + ONE_VIEW_SLACK_M):
            if obs_used[j] or not _facing_ok(e, obs[j]):
                continue
            d = obs[j].distance_to(e.x, e.y)
            if d <= radius + RAY_LATERAL_SHARE * (obs[j].ray[4] if obs[j].ray else 0.0):
                out.append((j, d))
        return out

    def value_of(o, e):
        """The observation's value for the entry's code (its best-voted one)."""
        same = [(w, k) for k, w in o.votes.items() if k[:2] == e.key[:2]]
        return max(same)[1][2] if same else o.key[2]

    passes = (
        # (radius, test(entry, obs) -> change type or None)
        (tolerance, lambda e, o: CONFIRMED if _share(o, e.key) >= VOTE_SHARE or (
            e.key[2] is None and _same_code_share(o, e.key) >= VOTE_SHARE) else None),
        (tolerance, lambda e, o: (VALUE_CHANGED if e.key[2] and value_of(o, e) and value_of(o, e) != e.key[2]
                                  else CONFIRMED) if _same_code_share(o, e.key) >= VOTE_SHARE else None),
        (tolerance, lambda e, o: CLASS_CHANGED if o.views >= NEW_MIN_VIEWS else None),
        # Moved: the same code seen twice farther off, or once by a ray that clearly misses the register point.
        (SEARCH_RADIUS_M, lambda e, o: MOVED if _same_code_share(o, e.key) >= 0.5 and (
            o.views >= NEW_MIN_VIEWS or o.distance_to(e.x, e.y) > tolerance + 1.0) else None),
    )
    for radius, test in passes:
        candidates = []
        for e in entries:
            if e.id in entry_done:
                continue
            for j, d in near(e, radius):
                kind = test(e, obs[j])
                if kind:
                    candidates.append((d, e.id, j, kind, e))
        candidates.sort(key=lambda c: (c[0], c[1], c[2]))
        for d, eid, j, kind, e in candidates:
            if eid in entry_done or obs_used[j]:
                continue
            obs_used[j] = True
            entry_done[eid] = Change(kind, e, obs[j], d, obs[j].best_panorama)
    out = []
    for e in entries:
        change = entry_done.get(e.id)
        if change is None:
            pano = covered(e, panos)
            change = Change(MISSING if pano is not None else NOT_COVERED, e, None, None, pano)
        out.append(change)
    # A second group of the same sign (views from far apart did not join) is no new sign: drop what lies
    # within DUPLICATE_RADIUS_M of a register entry or a matched observation of the same code.
    anchors = [(e.x, e.y, e.key[:2]) for e in entries]
    anchors += [(c.observed.x, c.observed.y, c.observed.key[:2]) for c in out if c.observed is not None]
    if anchors:
        anchor_index = PointIndex(np.array([a[0] for a in anchors]), np.array([a[1] for a in anchors]))
    for j, o in enumerate(obs):
        if obs_used[j] or o.views < NEW_MIN_VIEWS:
            continue
        if anchors and any(anchors[i][2] == o.key[:2]
                           for i, _ in anchor_index.within(o.x, o.y, max(DUPLICATE_RADIUS_M, tolerance))):
            continue
        out.append(Change(NEW, None, o, None, o.best_panorama))
    return out
