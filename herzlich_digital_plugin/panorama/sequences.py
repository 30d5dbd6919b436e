"""Split captures into sequences (one continuous drive each), ranked in time order.

The viewer steps to the previous/next panorama of a sequence, so a sequence must never jump
across a stop or a hole in the recording:
- ``MAX_GAP_S``: a capture vehicle triggers every few metres, i.e. about once a second at city
  speeds; a pause of more than 30 s means it parked, turned round or the recorder was paused.
- ``MAX_JUMP_M``: at the usual 5 m trigger distance, 50 m means about ten panoramas are missing
  (GNSS outage, recording cut, a different street): stepping across it would skip a block.
Pure Python; no store access.
"""
import datetime as dt
import hashlib
import math
import re
import unicodedata
from typing import List, Optional, Sequence, Tuple

__all__ = ["MAX_GAP_S", "MAX_JUMP_M", "campaign_slug", "split_sequences"]

MAX_GAP_S = 30.0
MAX_JUMP_M = 50.0

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def campaign_slug(name: str) -> str:
    """'Kaiserslautern Süd 2021' -> 'kaiserslautern-sued-2021' (ASCII, for ids and folder names)."""
    text = unicodedata.normalize("NFKD", (name or "").translate(_GERMAN))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "campaign"


def _time_id(t: dt.datetime) -> str:
    utc = t.astimezone(dt.timezone.utc)
    text = utc.strftime("%Y%m%dT%H%M%S")
    if utc.microsecond:
        text += ".%03d" % (utc.microsecond // 1000)
    return text + "Z"


def split_sequences(captures: Sequence[Tuple[float, float, Optional[dt.datetime]]], slug: str,
                    names: Optional[Sequence[str]] = None, max_gap_s: float = MAX_GAP_S,
                    max_jump_m: float = MAX_JUMP_M) -> List[Tuple[str, int]]:
    """(sequence_id, rank) for each capture (x, y in metres, aware time or None), in input order.

    Captures are ordered by time (equal times keep input order); ranks count from 0. A sequence
    id is ``<slug>_<UTC time of its first capture>`` (e.g. ``kl-2021_20211004T060000Z``), so
    the same captures always get the same ids. Captures without a time cannot be placed in time:
    they are chained in input order with the distance rule only, and their sequence is named
    after the first capture's ``names`` entry (a file name) instead of a time. Captures of two
    vehicles interleaved in time are kept apart (each joins the nearest open sequence).
    """
    n = len(captures)
    timed = sorted((i for i in range(n) if captures[i][2] is not None), key=lambda i: (captures[i][2], i))
    untimed = [i for i in range(n) if captures[i][2] is None]
    out: List[Optional[Tuple[str, int]]] = [None] * n
    used = {}

    def unique(base):
        count = used.get(base, 0) + 1
        used[base] = count
        return base if count == 1 else f"{base}-{count}"

    runs = _timed_runs(timed, captures, max_gap_s, max_jump_m) + _untimed_runs(untimed, captures, max_jump_m)
    for run in runs:
        first = run[0]
        t = captures[first][2]
        if t is not None:
            base = f"{slug}_{_time_id(t)}"
        else:
            label = names[first] if names is not None else str(first)
            base = f"{slug}_notime_{hashlib.sha256(label.encode('utf-8')).hexdigest()[:10]}"
        sequence_id = unique(base)
        for rank, i in enumerate(run):
            out[i] = (sequence_id, rank)
    return out


def _timed_runs(order: List[int], captures, max_gap_s, max_jump_m) -> List[List[int]]:
    """Each capture (in time order) continues the nearest open run it may join, else starts one.

    A run is open while its last capture is at most max_gap_s old; it may be joined within
    max_jump_m of that capture. Two vehicles recording at the same time stay apart this way.
    """
    runs: List[List[int]] = []
    open_runs: List[int] = []
    for i in order:
        x, y, t = captures[i]
        open_runs = [r for r in open_runs if (t - captures[runs[r][-1]][2]).total_seconds() <= max_gap_s]
        best, best_d = None, None
        for r in open_runs:
            px, py, _ = captures[runs[r][-1]]
            d = math.hypot(x - px, y - py)
            if d <= max_jump_m and (best_d is None or d < best_d):
                best, best_d = r, d
        if best is None:
            runs.append([i])
            open_runs.append(len(runs) - 1)
        else:
            runs[best].append(i)
    return runs


def _untimed_runs(order: List[int], captures, max_jump_m) -> List[List[int]]:
    """Captures without time in input order, cut where consecutive ones are too far apart."""
    runs: List[List[int]] = []
    prev = None
    for i in order:
        if prev is None or math.hypot(captures[i][0] - captures[prev][0],
                                      captures[i][1] - captures[prev][1]) > max_jump_m:
            runs.append([])
        runs[-1].append(i)
        prev = i
    return runs
