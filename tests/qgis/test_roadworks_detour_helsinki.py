"""Conformance on a real OSM network: 200 single-segment full closures on the Helsinki extract, each direction's
detour against networkx and QGIS's native:shortestpathpointtopoint (see tests/roadworks_conformance.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import roadworks_conformance  # noqa: E402

from herzlich_digital_plugin.roadworks.detour_graph import clear_cache  # noqa: E402


def test_detours_agree_with_networkx_and_qgis_on_helsinki(qgis_processing):
    clear_cache()
    out = roadworks_conformance.compare(200)
    clear_cache()
    assert out["closures"] == 200 and out["directions"] > 200
    assert out["disagreements"] == []  # lengths within 1 m, routes on the reference graph, "no detour" confirmed
    assert 0 < out["no_detour"] < out["directions"]
    # an OSM layer in EPSG:3067 with oneway/maxspeed in other_tags: read without mapping, bridges not noded
    assert len(out["warnings"]) == 1 and "cross without a shared vertex" in out["warnings"][0]
