"""The demo city's sign register (Verkehrszeichenkataster): its true signs, with the faults a real one has.

From the ground truth, deterministic for (size, seed):
- *added since* (``FAULTS["new"]``): true signs the register lacks, so a comparison must find them new;
- *removed since* (``missing``): register entries where no sign stands (any more), at the pavement edge to the
  right of a capture position and facing its traffic, at least ``PHANTOM_CLEARANCE_M`` from every true object;
- *moved* (``moved``): register position 3–8 m off along the road;
- *other class* (``class_changed``): another sign code than the one standing there;
- *other value* (``value_changed``): a speed sign registered with another speed (274 30 ↔ 50);
- the rest as they stand. Whether a campaign covers an entry is not a fault of the register: the 2023
  campaign drives only part of the city, so everything else is *not covered* by it.
``demo_register`` returns the rows and the truth (``RegisterTruth``) the tests check a comparison against.
The register's VzKat texts mix the spellings real registers use ("274-53", "274 30", "VZ 206", "206").
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .capture import CaptureResult
from .geometry import forward_vector, right_vector
from .randomness import rng_for
from .scene_model import Scene

FAULTS = {"new": 0.04, "missing": 0.04, "moved": 0.04, "class_changed": 0.03}
VALUE_FAULT_SHARE = 0.3  # of the speed signs 274 with a value
MOVE_RANGE_M = (3.0, 8.0)
PHANTOM_CLEARANCE_M = 12.0
PHANTOM_OFFSET_M = 4.5  # right of the camera: rightmost lane to the pavement edge
# Codes swapped in for "other class": none is a look-alike of another (catalogue.CONFUSABLE).
OTHER_CODES = ("250", "267", "220", "314", "239", "136", "224", "357", "240", "222")
DISTRICTS = ("Innenstadt-Nord", "Innenstadt-Ost", "Innenstadt-Süd", "Innenstadt-West")
CONDITIONS = ("gut", "gut", "gut", "verschmutzt", "beschädigt", "verblasst")
_OLD_SPEED_VARIANT = {str(10 * n): str(50 + n) for n in range(1, 10)}  # 30 → 274-53


@dataclass
class RegisterTruth:
    """What really differs: external id → fault (None = as it stands) and true asset id (None for phantoms)."""
    fault: Dict[str, Optional[str]] = field(default_factory=dict)
    asset_of: Dict[str, Optional[int]] = field(default_factory=dict)
    omitted: List[int] = field(default_factory=list)  # true asset ids the register lacks


def _code_text(code, value, rng) -> str:
    if code == "274" and value and rng.random() < 0.5:
        return f"274-{_OLD_SPEED_VARIANT.get(value, value)}"
    if value:
        return f"{code}-{value}" if rng.random() < 0.7 else f"{code} {value}"
    return f"VZ {code}" if rng.random() < 0.2 else code


def _district(x, y, cx, cy) -> str:
    return DISTRICTS[(0 if y >= cy else 2) + (0 if (x >= cx) == (y >= cy) else 1)]


def demo_register(scene: Scene, cap: CaptureResult, seed: int):
    """(rows for register_entry without ids, RegisterTruth)."""
    from shapely.geometry import Point

    rng = rng_for(seed, "register")
    signs = [a for a in scene.assets if a.asset_class == "sign"]
    xy_all = np.array([(a.x, a.y) for a in scene.assets]) if scene.assets else np.zeros((0, 2))
    cx, cy = (np.median(xy_all[:, 0]), np.median(xy_all[:, 1])) if len(xy_all) else (0.0, 0.0)
    n = len(signs)
    order = rng.permutation(n)
    counts = {k: int(round(share * n)) for k, share in FAULTS.items() if k != "missing"}
    fault_of = {}
    start = 0
    for kind, c in counts.items():
        for i in order[start:start + c]:
            fault_of[i] = kind
        start += c
    for i in order[start:]:
        if signs[i].vzkat_code == "274" and signs[i].vzkat_value and rng.random() < VALUE_FAULT_SHARE:
            fault_of[i] = "value_changed"
    truth = RegisterTruth()
    rows = []

    def row(ext, code, value, x, y, facing, a_id):
        text = _code_text(code, value, rng)
        return {"external_id": ext, "asset_class": "sign", "vzkat_code": code, "vzkat_value": value,
                "direction": round(float(facing) % 360.0, 1), "post_id": f"P-{a_id or 90000 + len(rows):05d}",
                "installed_on": f"{int(rng.integers(1995, 2021))}-{int(rng.integers(1, 13)):02d}-01",
                "condition": str(rng.choice(CONDITIONS)), "district": _district(x, y, cx, cy),
                "source_code": text, "extra": {"Bemerkung": None, "Baulast": "Stadt"},
                "geom": Point(round(float(x), 3), round(float(y), 3))}

    for i, a in enumerate(signs):
        kind = fault_of.get(i)
        if kind == "new":
            truth.omitted.append(a.asset_id)
            continue
        ext = f"VZ-{a.asset_id:06d}"
        x, y, code, value = a.x, a.y, a.vzkat_code, a.vzkat_value
        if kind == "moved":
            along = forward_vector(a.facing) * rng.uniform(*MOVE_RANGE_M) * rng.choice([-1.0, 1.0])
            x, y = x + along[0], y + along[1]
        elif kind == "class_changed":
            code = str(rng.choice([c for c in OTHER_CODES if c != a.vzkat_code]))
            value = None
        elif kind == "value_changed":
            value = "50" if value != "50" else "30"
        rows.append(row(ext, code, value, x, y, a.facing, a.asset_id))
        truth.fault[ext], truth.asset_of[ext] = kind, a.asset_id
    # Removed since: phantom entries beside capture positions, clear of every true object.
    wanted = int(round(FAULTS["missing"] * n))
    tries = 0
    from ..core.point_index import PointIndex
    index = PointIndex(xy_all[:, 0], xy_all[:, 1]) if len(xy_all) else None
    placed = []
    while len(placed) < wanted and tries < 50 * max(wanted, 1) and len(cap.x):
        tries += 1
        k = int(rng.integers(0, len(cap.x)))
        p = np.array([cap.x[k], cap.y[k]]) + right_vector(cap.heading[k]) * PHANTOM_OFFSET_M
        if index is not None and index.within(p[0], p[1], PHANTOM_CLEARANCE_M):
            continue
        if any(np.hypot(*(p - q)) < PHANTOM_CLEARANCE_M for q in placed):
            continue
        placed.append(p)
        code = str(rng.choice(OTHER_CODES))
        ext = f"VZ-9{len(placed):05d}"
        rows.append(row(ext, code, None, p[0], p[1], cap.heading[k] + 180.0, None))
        truth.fault[ext], truth.asset_of[ext] = "missing", None
    return rows, truth


REGISTER_CSV_FIELDS = ("Schild_ID", "VZ_Nr", "Blickrichtung", "Pfosten", "Aufstelldatum", "Zustand", "Bezirk",
                       "Baulast", "x", "y")


def write_register_csv(rows, path) -> int:
    """The register as a city exports it (semicolon CSV, German field names, EPSG:25832 x/y)."""
    import csv
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(REGISTER_CSV_FIELDS)
        for r in rows:
            w.writerow([r["external_id"], r["source_code"], r["direction"], r["post_id"], r["installed_on"],
                        r["condition"], r["district"], r["extra"]["Baulast"], r["geom"].x, r["geom"].y])
    return len(rows)
