"""Two capture campaigns: the vehicle drives each street and takes a panorama every 5 m.

'Kaiserslautern 2021' (October 2021) drives every street once; 'Kaiserslautern 2023' (June 2023) drives
again about ``RERUN_FRACTION`` of the road length. One drive = one street = one sequence; ranks count from
0 along it. The camera rides in the rightmost lane (on the centreline of a one-lane one-way street), 2.5 m
above the road; heading is the smoothed driving direction. Timestamps advance at 15-40 km/h on working
days between 08:00 and 17:00 local time, with a few minutes between drives.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterator, List

import numpy as np

from ..core.equirect import bearing_between
from .geometry import offset_polyline, resample
from .randomness import rng_for
from .sizes import CAMERA_HEIGHT, GROUND_Z, PANORAMA_SPACING, RERUN_FRACTION, SizeSpec
from .streets import Network

VENDOR = "Demo Mobile Mapping GmbH"
SPEED_KMH = (15.0, 40.0)
DRIVE_GAP_S = (120.0, 900.0)
WORKDAY_LOCAL = (8.0, 17.0)  # hours
HEADING_SMOOTHING = 2  # samples each side in the circular mean


@dataclass(frozen=True)
class CampaignSpec:
    name: str
    slug: str  # folder name of its images
    code: str  # sequence id prefix
    first_day: datetime  # local midnight of the first working day, aware
    notes: str


CAMPAIGNS = (
    CampaignSpec("Kaiserslautern 2021", "kaiserslautern-2021", "KL2021",
                 datetime(2021, 10, 4, tzinfo=timezone(timedelta(hours=2))),
                 "Complete capture of the city road network."),
    CampaignSpec("Kaiserslautern 2023", "kaiserslautern-2023", "KL2023",
                 datetime(2023, 6, 12, tzinfo=timezone(timedelta(hours=2))),
                 "Partial re-capture (about 30 % of the road length)."),
)


@dataclass
class CaptureResult:
    """All panoramas of both campaigns, as parallel arrays (index = panorama number)."""
    campaigns: tuple
    campaign: np.ndarray  # index into campaigns
    sequence: np.ndarray  # sequence id (str)
    rank: np.ndarray
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray  # ground point altitude; the camera is camera_height above it
    heading: np.ndarray
    time: np.ndarray  # POSIX seconds (UTC)
    street: np.ndarray  # index into Network.streets
    width: int
    height: int
    camera_height: float = CAMERA_HEIGHT

    def __len__(self):
        return len(self.x)

    def camera_xyz(self) -> np.ndarray:
        return np.column_stack([self.x, self.y, self.z + self.camera_height])

    def captured_at(self, i: int) -> datetime:
        return datetime.fromtimestamp(float(self.time[i]), tz=timezone.utc)

    def image_uri(self, i: int) -> str:
        c = self.campaigns[self.campaign[i]]
        return f"images/{c.slug}/{self.sequence[i]}_{int(self.rank[i])}.jpg"

    def campaign_period(self, k: int):
        t = self.time[self.campaign == k]
        return (datetime.fromtimestamp(float(t.min()), tz=timezone.utc),
                datetime.fromtimestamp(float(t.max()), tz=timezone.utc))

    def rows(self, campaign_ids: List[int]) -> Iterator[dict]:
        """Store rows for the panorama table; ``campaign_ids[k]`` is the store id of campaign k."""
        from shapely.geometry import Point
        for i in range(len(self)):
            yield {
                "campaign_id": campaign_ids[int(self.campaign[i])],
                "sequence_id": str(self.sequence[i]),
                "sequence_rank": int(self.rank[i]),
                "captured_at": self.captured_at(i),
                "heading": round(float(self.heading[i]), 3),
                "pitch": 0.0,
                "roll": 0.0,
                "camera_height": self.camera_height,
                "width": self.width,
                "height": self.height,
                "image_uri": self.image_uri(i),
                "geom": Point(round(float(self.x[i]), 3), round(float(self.y[i]), 3), float(self.z[i])),
            }


def lane_offset(network: Network, street) -> float:
    """Metres right of the centreline where the camera drives (centre of the rightmost lane)."""
    road = network.roads[street.edges[0]]
    if road.oneway:
        return (road.lanes - 1) / 2.0 * road.lane_width
    return (max(1, road.lanes // 2) - 0.5) * road.lane_width


def street_path(network: Network, street) -> np.ndarray:
    """The street's centreline as one polyline in its digitising direction."""
    parts = [network.roads[e].coords for e in street.edges]
    return np.vstack([parts[0]] + [p[1:] for p in parts[1:]])


def capture(network: Network, spec: SizeSpec, seed: int) -> CaptureResult:
    """Both campaigns for a network (deterministic for a seed)."""
    rng = rng_for(seed, "capture")
    lengths = np.array([sum(float(np.hypot(*np.diff(network.roads[e].coords, axis=0).T).sum()) for e in st.edges)
                        for st in network.streets])
    all_streets = np.arange(len(network.streets))
    order = rng.permutation(len(all_streets))
    cum = np.cumsum(lengths[order])
    rerun = np.sort(order[:int(np.searchsorted(cum, RERUN_FRACTION * cum[-1])) + 1])
    parts = []
    for k, streets in enumerate((all_streets, rerun)):
        parts.append(_drive_campaign(network, k, streets, rng))
    cat = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    return CaptureResult(CAMPAIGNS, cat["campaign"], cat["sequence"], cat["rank"], cat["x"], cat["y"],
                         np.full(len(cat["x"]), GROUND_Z), cat["heading"], cat["time"], cat["street"],
                         spec.image_width, spec.image_height)


def _drive_campaign(network: Network, k: int, streets: np.ndarray, rng) -> dict:
    spec = CAMPAIGNS[k]
    day = spec.first_day
    clock = day + timedelta(hours=WORKDAY_LOCAL[0])
    out = {key: [] for key in ("campaign", "sequence", "rank", "x", "y", "heading", "time", "street")}
    for n, si in enumerate(rng.permutation(streets), start=1):
        st = network.streets[si]
        path = street_path(network, st)
        if not st.oneway and rng.random() < 0.5:
            path = path[::-1]
        pts = resample(offset_polyline(path, lane_offset(network, st)), PANORAMA_SPACING)
        if len(pts) < 2:
            continue
        heading = _smoothed_heading(pts)
        speed = rng.uniform(*SPEED_KMH) / 3.6 * np.exp(0.15 * _smooth_noise(rng, len(pts)))
        dt = np.concatenate([[0.0], PANORAMA_SPACING / speed[1:]])
        end_local = day + timedelta(hours=WORKDAY_LOCAL[1])
        if clock + timedelta(seconds=float(dt.sum())) > end_local:  # next working day
            day = day + timedelta(days=1)
            while day.weekday() >= 5:
                day = day + timedelta(days=1)
            clock = day + timedelta(hours=WORKDAY_LOCAL[0], minutes=float(rng.uniform(0, 30)))
        t = clock.timestamp() + np.cumsum(dt)
        clock = clock + timedelta(seconds=float(dt.sum() + rng.uniform(*DRIVE_GAP_S)))
        m = len(pts)
        out["campaign"].append(np.full(m, k))
        out["sequence"].append(np.full(m, f"{spec.code}_{n:04d}", dtype=object))
        out["rank"].append(np.arange(m))
        out["x"].append(pts[:, 0])
        out["y"].append(pts[:, 1])
        out["heading"].append(heading)
        out["time"].append(np.round(t, 3))
        out["street"].append(np.full(m, si))
    return {key: np.concatenate(v) if v else np.zeros(0) for key, v in out.items()}


def _smoothed_heading(pts: np.ndarray) -> np.ndarray:
    """Driving direction at each point: central differences, then a circular moving average."""
    nxt = np.vstack([pts[1:], pts[-1:]])
    prv = np.vstack([pts[:1], pts[:-1]])
    b = np.radians(np.atleast_1d(bearing_between(prv[:, 0], prv[:, 1], nxt[:, 0], nxt[:, 1])))
    k = HEADING_SMOOTHING
    sx = np.convolve(np.pad(np.sin(b), k, mode="edge"), np.ones(2 * k + 1), mode="valid")
    cx = np.convolve(np.pad(np.cos(b), k, mode="edge"), np.ones(2 * k + 1), mode="valid")
    h = np.degrees(np.arctan2(sx, cx)) % 360.0
    return np.where(h >= 360.0, h - 360.0, h)


def _smooth_noise(rng, n: int) -> np.ndarray:
    w = rng.normal(0.0, 1.0, n + 10)
    return np.convolve(w, np.ones(11) / np.sqrt(11.0), mode="valid")[:n]
