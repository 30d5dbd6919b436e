"""Façades: behind the pavement, junction corners free, varied heights and colours."""
import numpy as np
import pytest

from herzlich_digital_plugin.democity.buildings import HEIGHT_RANGE, build_facades
from herzlich_digital_plugin.democity.geometry import point_segment_distance
from herzlich_digital_plugin.democity.sizes import size_spec
from herzlich_digital_plugin.democity.streets import build_network

SEED = 7239


@pytest.fixture(scope="module")
def demo():
    net = build_network(size_spec("demo"), SEED)
    return net, build_facades(net, SEED)


def _probes(facades, n=6):
    t = np.linspace(0.0, 1.0, n)
    p0 = np.array([(f.x1, f.y1) for f in facades])
    p1 = np.array([(f.x2, f.y2) for f in facades])
    return (p0[:, None, :] + (p1 - p0)[:, None, :] * t[None, :, None]).reshape(-1, 2)


def test_facades_stand_behind_the_pavement(demo):
    net, facades = demo
    probes = _probes(facades)
    for road in net.roads:
        d = point_segment_distance(probes[:, None, :], road.coords[None, :-1], road.coords[None, 1:]).min(axis=1)
        assert d.min() >= road.width / 2 + road.pavement_width - 0.05, road.name


def test_junction_corners_are_left_free(demo):
    net, facades = demo
    probes = _probes(facades)
    inc = net.incident_edges()
    for node in np.flatnonzero(net.degrees() >= 3):
        widest = max(net.roads[e].width / 2 + net.roads[e].pavement_width for e in inc[node])
        d = np.hypot(probes[:, 0] - net.nodes[node, 0], probes[:, 1] - net.nodes[node, 1])
        assert d.min() > widest + 5.0


def test_both_sides_of_every_long_street_are_built_up(demo):
    net, facades = demo
    mids = np.array([((f.x1 + f.x2) / 2, (f.y1 + f.y2) / 2) for f in facades])
    for road in net.roads:
        c = road.coords
        d = point_segment_distance(mids[:, None, :], c[None, :-1], c[None, 1:]).min(axis=1)
        near = d < road.width / 2 + road.pavement_width + 5.0
        assert near.sum() >= 2, road.name


def test_road_is_on_the_left_of_each_facade(demo):
    net, facades = demo
    segs = np.vstack([np.column_stack([r.coords[:-1], r.coords[1:]]) for r in net.roads])
    for f in facades[::7]:
        mid = np.array([(f.x1 + f.x2) / 2, (f.y1 + f.y2) / 2])
        d = point_segment_distance(mid[None, :], segs[:, :2], segs[:, 2:])
        a, b = segs[int(np.argmin(d)), :2], segs[int(np.argmin(d)), 2:]
        t = np.clip(np.dot(mid - a, b - a) / np.dot(b - a, b - a), 0, 1)
        to_road = a + t * (b - a) - mid
        along = np.array([f.x2 - f.x1, f.y2 - f.y1])
        assert along[0] * to_road[1] - along[1] * to_road[0] > 0  # road to the left


def test_heights_and_colours_vary(demo):
    _net, facades = demo
    heights = np.array([f.height for f in facades])
    assert heights.min() >= HEIGHT_RANGE[0] and heights.max() <= HEIGHT_RANGE[1]
    assert heights.std() > 1.5
    colours = {f.colour for f in facades}
    assert len(colours) > 50
    assert all(0 <= c <= 255 and isinstance(c, int) for col in colours for c in col)
    widths = np.array([np.hypot(f.x2 - f.x1, f.y2 - f.y1) for f in facades])
    assert widths.min() > 5.0 and widths.max() < 25.0
