"""Captures split into sequences by time gap and jump, ranked in time order, with deterministic ids."""
import datetime as dt
import random

from herzlich_digital_plugin.panorama.sequences import MAX_GAP_S, MAX_JUMP_M, campaign_slug, split_sequences

T0 = dt.datetime(2023, 6, 12, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def _drive(n, x0=0.0, t0=T0, step_m=5.0, step_s=1.0):
    return [(x0 + i * step_m, 100.0, t0 + dt.timedelta(seconds=i * step_s)) for i in range(n)]


def _groups(result):
    groups = {}
    for i, (seq, rank) in enumerate(result):
        groups.setdefault(seq, []).append((rank, i))
    return sorted([i for _, i in sorted(members)] for members in groups.values())


def test_one_drive_is_one_sequence_ranked_from_zero():
    result = split_sequences(_drive(10), "kl-2023")
    assert {seq for seq, _ in result} == {"kl-2023_20230612T060000Z"}  # UTC time of the first capture
    assert [rank for _, rank in result] == list(range(10))


def test_time_gap_splits_only_above_the_limit():
    a = _drive(4)
    at_limit = _drive(3, x0=20.0, t0=a[-1][2] + dt.timedelta(seconds=MAX_GAP_S))
    assert len({s for s, _ in split_sequences(a + at_limit, "c")}) == 1
    beyond = _drive(3, x0=20.0, t0=a[-1][2] + dt.timedelta(seconds=MAX_GAP_S + 0.001))
    result = split_sequences(a + beyond, "c")
    assert _groups(result) == [[0, 1, 2, 3], [4, 5, 6]]
    assert result[4] == ("c_20230612T060033.001Z", 0)


def test_jump_splits_only_above_the_limit():
    a = _drive(3)
    t = a[-1][2] + dt.timedelta(seconds=1)
    at_limit = [(a[-1][0] + MAX_JUMP_M, 100.0, t)]
    assert len({s for s, _ in split_sequences(a + at_limit, "c")}) == 1
    beyond = [(a[-1][0] + 30.0, 100.0 + 40.01, t)]  # 50.008 m diagonally
    assert _groups(split_sequences(a + beyond, "c")) == [[0, 1, 2], [3]]


def test_ranks_follow_time_not_input_order_and_ids_are_stable():
    captures = _drive(6) + _drive(5, x0=5000.0, t0=T0 + dt.timedelta(hours=1))
    forward = split_sequences(captures, "c")
    order = list(range(len(captures)))
    random.Random(3).shuffle(order)
    shuffled = split_sequences([captures[i] for i in order], "c")
    assert [shuffled[order.index(i)] for i in range(len(captures))] == forward
    assert [r for _, r in forward] == [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4]


def test_equal_start_times_get_distinct_ids_and_untimed_captures_chain_by_input_order():
    a = _drive(2)
    b = _drive(2, x0=9000.0)  # same times, far away: a second vehicle
    result = split_sequences(a + b, "c")
    assert _groups(result) == [[0, 1], [2, 3]]  # interleaved in time, yet kept apart
    assert len({s for s, _ in result}) == 2
    untimed = [(0.0, 0.0, None), (4.0, 0.0, None), (500.0, 0.0, None)]
    names = ["a.jpg", "b.jpg", "c.jpg"]
    result = split_sequences(untimed, "c", names=names)
    assert result[0][0] == result[1][0] != result[2][0]
    assert result[0][0].startswith("c_notime_") and [r for _, r in result] == [0, 1, 0]
    assert split_sequences(untimed, "c", names=names) == result


def test_campaign_slug():
    assert campaign_slug("Kaiserslautern Süd 2021") == "kaiserslautern-sued-2021"
    assert campaign_slug("  Straße/Ölweg (Test) ") == "strasse-oelweg-test"
    assert campaign_slug("###") == "campaign"


def test_demo_city_drives_are_recovered():
    """The demo's drives (one street each, minutes apart) come back as its own sequences."""
    from herzlich_digital_plugin.democity.build import build_scene

    _, cap = build_scene("test", 7239)
    captures = [(float(cap.x[i]), float(cap.y[i]), cap.captured_at(i)) for i in range(len(cap))]
    result = split_sequences(captures, "kl")
    ours = {}
    for i, (seq, rank) in enumerate(result):
        ours.setdefault(seq, {})[rank] = i
    theirs = {}
    for i in range(len(cap)):
        theirs.setdefault(str(cap.sequence[i]), {})[int(cap.rank[i])] = i
    assert sorted(map(sorted, (m.values() for m in ours.values()))) == \
        sorted(map(sorted, (m.values() for m in theirs.values())))
    for members in ours.values():  # same order within each drive
        indices = [members[r] for r in sorted(members)]
        assert [int(cap.rank[i]) for i in indices] == sorted(int(cap.rank[i]) for i in indices)
