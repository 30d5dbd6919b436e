"""A datastream's observations over a time range, paged, as arrays and table rows."""
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import List, Optional

import numpy as np

from .client import StaClient, safe_entity_path
from .latest import with_order_fallback
from .messages import Notice
from .observations import format_time, parse_observation, result_text
from .snapshot import DATASTREAM
from .urls import EntityId

DEFAULT_MAX_OBSERVATIONS = 200000  # five years of 15-minute values


@dataclass
class History:
    datastream_id: EntityId
    times: np.ndarray  # POSIX seconds (UTC) of each phenomenonTime's end, ascending
    values: np.ndarray  # the result as a number, NaN where it is none
    results: List[str]  # the result as text
    starts: np.ndarray  # POSIX seconds of each phenomenonTime's start (== times for instants)
    notices: List[Notice] = field(default_factory=list)
    requests: int = 0
    complete: bool = True
    order_field: str = "phenomenonTime"

    def __len__(self) -> int:
        return len(self.times)

    def rows(self) -> List[dict]:
        """One dict per observation: time (aware datetime, UTC), start, value (float or None), result."""
        out = []
        for t, s, v, r in zip(self.times.tolist(), self.starts.tolist(), self.values.tolist(), self.results):
            out.append({"time": datetime.fromtimestamp(t, tz=timezone.utc),
                        "start": datetime.fromtimestamp(s, tz=timezone.utc),
                        "value": None if v != v else v, "result": r})
        return out


def fetch_history(client: StaClient, datastream_id: EntityId, start: datetime, end: datetime,
                  collection: str = DATASTREAM, component: Optional[int] = None,
                  max_observations: int = DEFAULT_MAX_OBSERVATIONS) -> History:
    """Observations with start <= phenomenonTime <= end (UTC, 'Z' literals), oldest first."""
    if end < start:
        start, end = end, start
    requests_before = client.requests
    path = safe_entity_path(collection, datastream_id, "Observations")
    time_filter = f"phenomenonTime ge {format_time(start)} and phenomenonTime le {format_time(end)}"
    notices: List[Notice] = []

    def query(order_field):
        params = [("$select", "id,phenomenonTime,result,resultTime"), ("$filter", time_filter),
                  ("$orderby", f"{order_field} asc")]
        return client.collect(path, params, "Observations", max_observations)

    page, order_field = with_order_fallback(client, query, notices)
    notices += page.notices
    if any(n.code == "capped" for n in page.notices):
        notices.append(Notice("history_truncated", {"count": max_observations}))

    times, starts, values, results = [], [], [], []
    for entity in page.items:
        observation = parse_observation(entity, component)
        if observation is None or observation.time is None:
            continue
        times.append(observation.time.timestamp())
        starts.append(observation.start.timestamp())
        values.append(np.nan if observation.value is None else observation.value)
        results.append(result_text(observation.result))
    order = np.argsort(np.asarray(times, dtype=np.float64), kind="stable")
    return History(datastream_id, np.asarray(times, dtype=np.float64)[order],
                   np.asarray(values, dtype=np.float64)[order], [results[i] for i in order.tolist()],
                   np.asarray(starts, dtype=np.float64)[order], notices, client.requests - requests_before,
                   page.complete, order_field)
