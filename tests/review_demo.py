"""Review test data: a demo city's campaigns, panoramas and detections in any store, plus the truth.

Only what reviewing needs is written (no sensors, no roadworks), so even the 'demo' size takes a
second. The ground truth (true asset of each detection, true class and position) comes from the
generator, never from the store.
"""
from dataclasses import dataclass
from typing import Dict, Optional

SEED = 7239
_SCENES = {}


@dataclass
class Truth:
    asset_of: Dict[int, Optional[int]]  # detection id (store) -> true asset id, None: false positive
    assets: Dict[int, object]  # true asset id -> democity SceneAsset
    misclassified: Dict[int, bool]  # detection id -> predicted label is the look-alike's

    def true_key(self, detection_id):
        a = self.assets.get(self.asset_of.get(detection_id))
        return None if a is None else (a.asset_class, a.vzkat_code, a.vzkat_value)


def scene(size="test", seed=SEED):
    if (size, seed) not in _SCENES:
        from herzlich_digital_plugin.democity.build import build_scene
        from herzlich_digital_plugin.democity.detections import generate_detections
        sc, cap = build_scene(size, seed)
        _SCENES[(size, seed)] = (sc, cap, generate_detections(sc, cap, seed))
    return _SCENES[(size, seed)]


def write_city(store, size="test", seed=SEED) -> Truth:
    """Write campaigns, panoramas, the model run and detections (ids from 1) into an empty store."""
    from herzlich_digital_plugin.democity.build import MODEL_RUN_AT
    from herzlich_digital_plugin.democity.capture import CAMPAIGNS
    from herzlich_digital_plugin.democity.detections import MODEL_NAME, MODEL_VERSION
    sc, cap, dets = scene(size, seed)
    with store.transaction():
        for k, c in enumerate(CAMPAIGNS):
            store.insert("campaign", {"id": k + 1, "name": c.name, "vendor": "demo"})
        store.insert_many("panorama", ({"id": i + 1, **row} for i, row in enumerate(cap.rows([1, 2]))))
        store.insert("model_run", {"id": 1, "name": MODEL_NAME, "version": MODEL_VERSION, "created_at": MODEL_RUN_AT})
        store.insert_many("detection", ({"id": i + 1, **row} for i, row in enumerate(dets.rows(range(1, len(cap) + 1), 1))))
    return Truth({i + 1: (int(a) if a >= 0 else None) for i, a in enumerate(dets.truth_asset_id)},
                 {a.asset_id: a for a in sc.assets},
                 {i + 1: bool(m) for i, m in enumerate(dets.misclassified)})
