"""OGC SensorThings API (STA 1.1) client: pure Python, HTTP through one seam (see transport.py).

Entry points: ``StaClient`` (service root, paging), ``fetch_latest`` (a ``SensorSnapshot`` of every
datastream's latest value), ``fetch_history`` and ``typical_profile``. docs/sensors_design.md describes the API.
"""
from .client import Collection, ServiceInfo, StaClient
from .history import History, fetch_history
from .latest import fetch_latest
from .messages import MESSAGES, FetchCancelled, Notice, StaError
from .observations import Observation, component_observation, format_time, parse_observation, parse_time
from .profile import Profile, berlin_utc_offset_s, typical_profile
from .snapshot import (DATASTREAM, FRESH, MULTI_DATASTREAM, NO_DATA, STALE, SensorRow, SensorSnapshot, aged,
                       marked_stale, newer_of, row_key, with_observation)
from .transport import RequestsTransport, TransportError
from .urls import entity_path, parse_id

__all__ = [
    "Collection", "ServiceInfo", "StaClient", "History", "fetch_history", "fetch_latest", "MESSAGES",
    "FetchCancelled", "Notice", "StaError", "Observation", "component_observation", "format_time",
    "parse_observation", "parse_time", "Profile", "berlin_utc_offset_s", "typical_profile", "DATASTREAM", "FRESH",
    "MULTI_DATASTREAM", "NO_DATA", "STALE", "SensorRow", "SensorSnapshot", "aged", "marked_stale", "newer_of", "row_key",
    "with_observation", "RequestsTransport", "TransportError", "entity_path", "parse_id",
]
