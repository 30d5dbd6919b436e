"""The SensorThings client's transport inside QGIS: QGIS's network stack, so proxy settings and authcfg apply.

Blocking: use it from a QgsTask or a Processing algorithm, never from the GUI thread.
"""
import time
from typing import Tuple

from ..core.sensorthings.transport import ACCEPT_JSON, TransportError
from ..toolbelt.network import NetworkError, QgisHttpClient


class _TransferTimeoutClient(QgisHttpClient):
    """Times a request out with Qt's own transfer timeout: the reply then finishes normally with an error.

    QgisHttpClient's timer cancels from another thread, and in QGIS 3.22 that can delete the reply before it
    reports finished, leaving the worker thread waiting forever (and QGIS unable to quit). Its timer stays as a
    late backstop only.
    """

    def __init__(self, authcfg: str, timeout_s: float, origin: str = ""):
        super().__init__(authcfg=authcfg, timeout_s=3.0 * timeout_s + 5.0, origin=origin)
        self.transfer_timeout_s = timeout_s

    def _request(self, url, headers):
        request = super()._request(url, headers)
        request.setTransferTimeout(max(1, int(self.transfer_timeout_s * 1000)))
        return request


class QgisTransport:
    """``get_json(url) -> (status, body)`` through ``toolbelt.network.QgisHttpClient``.

    ``origin``: the service address the authcfg belongs to; its credentials are sent nowhere else.
    """

    def __init__(self, authcfg: str = "", timeout_s: float = 20.0, origin: str = ""):
        self.http = _TransferTimeoutClient(authcfg, timeout_s, origin)
        self.timeout_s = timeout_s

    def get_json(self, url: str) -> Tuple[int, bytes]:
        started = time.monotonic()
        try:
            response = self.http.get(url, headers=ACCEPT_JSON)
        except NetworkError as error:
            timed_out = getattr(error, "timed_out", False) or time.monotonic() - started >= self.timeout_s * 0.9
            if timed_out:
                raise TransportError("timeout", str(error), self.timeout_s) from error
            raise TransportError("unreachable", str(error)) from error
        if not response.status and time.monotonic() - started >= self.timeout_s * 0.9:
            # the transfer timeout aborted the reply: QGIS reports no error, just no status and no body
            raise TransportError("timeout", "", self.timeout_s)
        return response.status, response.content
