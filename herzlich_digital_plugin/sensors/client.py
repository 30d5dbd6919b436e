"""A SensorThings client wired for QGIS: QGIS network stack, authcfg, translated log lines."""
from typing import Callable, Optional

from ..core.sensorthings.client import DEFAULT_MAX_ENTITIES, DEFAULT_PAGE_SIZE, StaClient
from .qgis_transport import QgisTransport


def qgis_sta_client(url: str, authcfg: str = "", timeout_s: float = 20.0, page_size: int = DEFAULT_PAGE_SIZE,
                    max_entities: int = DEFAULT_MAX_ENTITIES, log: Optional[Callable[[str], None]] = None) -> StaClient:
    """A ``StaClient`` for ``url`` that goes through QGIS's network stack (call it off the GUI thread)."""
    return StaClient(url, QgisTransport(authcfg, timeout_s, origin=url), page_size=page_size, max_entities=max_entities,
                     log=log)
