"""The one seam between the SensorThings client and HTTP.

A transport is any object with ``get_json(url) -> (status, body)``: the HTTP status (int) and the raw body
(bytes or str). It raises ``TransportError`` when no HTTP answer arrived at all (server down, timeout). The
client does everything else: JSON parsing, status codes, paging. Inside QGIS the adapter
``sensors.qgis_transport.QgisTransport`` goes through QGIS's network stack; outside, ``RequestsTransport``.
"""
from typing import Dict, Optional, Tuple

ACCEPT_JSON = {"Accept": "application/json"}


class TransportError(Exception):
    """No HTTP answer: ``kind`` is "unreachable" or "timeout"."""

    def __init__(self, kind: str, detail: str = "", seconds: Optional[float] = None):
        super().__init__(detail or kind)
        self.kind = kind
        self.detail = detail
        self.seconds = seconds


class RequestsTransport:
    """``requests`` based transport for command-line use, the demo feeder and tests."""

    def __init__(self, timeout_s: float = 20.0, headers: Optional[Dict[str, str]] = None, auth=None,
                 session=None):
        import requests  # imported here: the core itself needs only the standard library

        self._requests = requests
        self.session = session or requests.Session()
        self.timeout_s = timeout_s
        self.headers = dict(ACCEPT_JSON, **(headers or {}))
        self.auth = auth

    def get_json(self, url: str) -> Tuple[int, bytes]:
        try:
            response = self.session.get(url, headers=self.headers, timeout=self.timeout_s, auth=self.auth)
        except self._requests.Timeout as error:
            raise TransportError("timeout", str(error), self.timeout_s) from error
        except self._requests.RequestException as error:
            raise TransportError("unreachable", _short(error)) from error
        return response.status_code, response.content

    def close(self):
        self.session.close()


def _short(error: Exception) -> str:
    """The innermost reason of a requests/urllib3 error (its str() repeats the whole chain)."""
    reason = error
    while getattr(reason, "__context__", None) is not None and not isinstance(reason, OSError):
        reason = reason.__context__
    text = str(reason) or type(reason).__name__
    return text if len(text) < 200 else text[:197] + "…"
