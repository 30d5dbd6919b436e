"""compareregister's core on the demo city: every injected register fault found with its type (both backends).

The demo register (democity/register.py) is the true signs with known faults; tests/register_truth.py turns them
into the expected change type per entry. Figures of the 'demo' city, seed 7239 (see the report in the docs).
"""
import pytest

from herzlich_digital_plugin.democity.build import build_demo_city, build_scene
from herzlich_digital_plugin.democity.randomness import DEFAULT_SEED
from herzlich_digital_plugin.register.compare import compare_register, resolve_campaign
from herzlich_digital_plugin.store import open_store
from store_copy import copy_store
from register_truth import expected_types, score

# (type, lowest precision, lowest recall) for the full 2021 campaign; the goal is 0.95 each, where a
# figure is lower the test holds what the method reaches today (moved/new: signs seen from one panorama only).
FLOORS_2021 = (("confirmed", 0.98, 0.98), ("new", 0.95, 0.80), ("missing", 0.90, 0.95), ("moved", 0.95, 0.75),
               ("class_changed", 0.95, 0.95), ("value_changed", 0.85, 0.85))
FLOORS_2023 = (("confirmed", 0.98, 0.98), ("new", 0.95, 0.80), ("missing", 0.70, 0.95), ("moved", 0.95, 0.95),
               ("not_covered", 0.98, 0.98))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("register_demo")
    result = build_demo_city("demo", DEFAULT_SEED, folder)
    scene, cap = build_scene("demo", DEFAULT_SEED)
    truth = {k: expected_types(scene, cap, DEFAULT_SEED, k) for k in (0, 1)}
    return str(result.store_path), truth


@pytest.fixture
def city(request, backend, demo):
    path, truth = demo
    if backend == "gpkg":
        return path, truth
    uri = request.getfixturevalue("postgis_db")()
    with open_store(path) as src, open_store(uri) as dst:
        copy_store(src, dst)
    return uri, truth


@pytest.mark.parametrize("campaign, floors", [(0, FLOORS_2021), (1, FLOORS_2023)])
def test_every_fault_found_with_its_type(city, campaign, floors):
    uri, truth = city
    expected, new_truth = truth[campaign]
    with open_store(uri) as store:
        result = compare_register(store, str(campaign + 1))
        figures = score(store, result, expected, new_truth)
        assert store.count("register_change", {"compare_id": result.compare_id}) == len(result.changes)
    for change_type, precision, recall in floors:
        p, r, found, wanted = figures[change_type]
        assert wanted > 0, change_type
        assert p >= precision and r >= recall, (change_type, figures[change_type])
    # Unchanged signs the campaign saw are not flagged.
    unchanged = [e for e, t in expected.items() if t == "confirmed"]
    assert figures["confirmed"][1] * len(unchanged) >= len(unchanged) - max(1, len(unchanged) // 100)


def test_latest_campaign_and_history(city):
    uri, _ = city
    with open_store(uri) as store:
        assert resolve_campaign(store, "") == 2 == resolve_campaign(store, "Kaiserslautern 2023")
        with pytest.raises(ValueError, match="Kaiserslautern 2021"):
            resolve_campaign(store, "2025")
        first = compare_register(store)
        second = compare_register(store, tolerance=3.0)
        assert second.compare_id > first.compare_id
        assert store.count("register_change", {"compare_id": first.compare_id}) == len(first.changes)
        runs = store.select("register_compare")
        assert [r["tolerance_m"] for r in runs[-2:]] == [2.0, 3.0] and runs[-1]["counts"] == second.counts


def test_between_two_campaigns_without_register(city):
    uri, _ = city
    with open_store(uri) as store:
        result = compare_register(store, "2", other_campaign="1")
        counts = result.counts
        # The 2023 drive covers ~30 % of 2021's streets: most of 2021's signs are not covered by it, and of the
        # covered ones nearly all are seen again (the city did not change between the campaigns).
        assert counts["not_covered"] > counts["confirmed"] > 10 * max(1, counts["class_changed"])
        assert counts["confirmed"] > 5 * max(1, counts["missing"] + counts["moved"])
        with pytest.raises(ValueError, match="two different campaigns"):
            compare_register(store, "2", other_campaign="2")


def test_cancel_stores_nothing(city):
    uri, _ = city
    with open_store(uri) as store:
        before = store.count("register_compare")
        result = compare_register(store, cancelled=lambda: True)
        assert result.cancelled and store.count("register_compare") == before
