"""The demo city's ground truth as plain data: what the generator builds and the renderer draws.

Pure Python + numpy. Coordinates are EPSG:25832 metres; z is height above the local road surface
(the demo city is flat at ``Scene.ground_z`` metres above sea level).
"""
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import numpy as np


@dataclass
class RoadSegment:
    """A road centreline. Width covers all lanes; pavements lie outside it."""
    road_id: int
    name: str
    road_class: str  # primary, secondary, residential
    coords: np.ndarray  # (n, 2) float64 polyline
    lanes: int
    speed_limit: int  # km/h
    oneway: int  # 0 both ways, 1 along the digitising direction
    lane_width: float = 3.25
    pavement_width: float = 2.5

    @property
    def width(self) -> float:
        return self.lanes * self.lane_width


@dataclass
class Facade:
    """A vertical wall rectangle from (x1, y1) to (x2, y2), from the ground up to ``height``."""
    x1: float
    y1: float
    x2: float
    y2: float
    height: float
    colour: Tuple[int, int, int]


@dataclass
class SceneAsset:
    """One true object. Signs and lights stand on a pole at (x, y); markings lie flat on the road.

    ``shape``: circle, triangle, triangle_down, octagon, square, diamond, rectangle, light, marking.
    ``facing``: bearing the sign face points to (towards the traffic it addresses).
    ``centre_z``: height of the face centre above ground; ``size``: face width in metres.
    """
    asset_id: int
    asset_class: str  # sign, marking, light
    vzkat_code: Optional[str]
    vzkat_value: Optional[str]
    x: float
    y: float
    facing: float
    centre_z: float
    size: float
    shape: str
    colour: Tuple[int, int, int]  # dominant face colour, what a pixel test looks for
    road_id: Optional[int] = None
    face_height: Optional[float] = None  # vertical extent of a sign/light face; None: same as size
    length: Optional[float] = None  # markings: extent along ``facing``; None: same as size
    label: Optional[str] = None  # vendor class label of this kind (democity.catalogue.KINDS)


@dataclass
class Scene:
    ground_z: float
    roads: List[RoadSegment] = field(default_factory=list)
    facades: List[Facade] = field(default_factory=list)
    assets: List[SceneAsset] = field(default_factory=list)
