"""HTTP through QGIS's own network stack, so proxy settings and authcfg apply.

``QgsBlockingNetworkRequest`` blocks its thread: call it from a QgsTask or worker thread, never from the GUI
thread. Pure clients (core/) take any object with this ``get(url, headers)`` shape, so they run under
``requests`` outside QGIS too.
"""
import threading
from dataclasses import dataclass, field
from typing import Dict, Optional

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, QCoreApplication, Qt, QThread, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from .i18n import tr


class NetworkError(Exception):
    """A request failed; the message is meant for the user."""

    def __init__(self, message: str, status: Optional[int] = None, url: str = "", timed_out: bool = False):
        super().__init__(message)
        self.status = status
        self.url = url
        self.timed_out = timed_out


@dataclass
class HttpResponse:
    status: int
    content: bytes
    headers: Dict[str, str] = field(default_factory=dict)
    url: str = ""

    def text(self, encoding: str = "utf-8") -> str:
        return self.content.decode(encoding, errors="replace")


class QgisHttpClient:
    """GET/POST with QgsBlockingNetworkRequest; honours QGIS proxy settings and an optional authcfg."""

    def __init__(self, authcfg: str = "", timeout_s: float = 20.0):
        self.authcfg = authcfg or ""
        self.timeout_s = timeout_s

    def _request(self, url: str, headers: Optional[Dict[str, str]]) -> QNetworkRequest:
        qurl = QUrl(url)
        if not qurl.isValid() or qurl.scheme() not in ("http", "https"):
            raise NetworkError(tr("Not a valid http(s) address: {url}").format(url=url), url=url)
        request = QNetworkRequest(qurl)
        for key, value in (headers or {}).items():
            request.setRawHeader(key.encode("utf-8"), value.encode("utf-8"))
        return request

    def get(self, url: str, headers: Optional[Dict[str, str]] = None) -> HttpResponse:
        request = self._request(url, headers)
        _forget_cached(request.url())
        try:
            return self._run(url, lambda blocking, feedback: blocking.get(request, True, feedback))
        finally:
            _forget_cached(request.url())

    def post(self, url: str, body: bytes, headers: Optional[Dict[str, str]] = None) -> HttpResponse:
        request = self._request(url, headers)
        return self._run(url, lambda blocking, feedback: blocking.post(request, QByteArray(body), True, feedback))

    def _run(self, url: str, send) -> HttpResponse:
        blocking = QgsBlockingNetworkRequest()
        if self.authcfg:
            blocking.setAuthCfg(self.authcfg)
        # QGIS's own network timeout is global and long; a timer cancels this one request instead.
        feedback = QgsFeedback()
        timer = threading.Timer(self.timeout_s, feedback.cancel)
        timer.start()
        try:
            error = send(blocking, feedback)
        finally:
            timer.cancel()
        if feedback.isCanceled():
            raise NetworkError(tr("No answer from {url} within {seconds} s.").format(url=url, seconds=self.timeout_s),
                               url=url, timed_out=True)
        return self._response(blocking, error, url)

    @staticmethod
    def _response(blocking, error, url: str) -> HttpResponse:
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        status = int(status) if status else None
        if error != QgsBlockingNetworkRequest.ErrorCode.NoError and status is None:
            raise NetworkError(
                tr("Request to {url} failed: {error}").format(url=url, error=blocking.errorMessage()), url=url)
        headers = {bytes(name).decode("latin-1").lower(): bytes(reply.rawHeader(name)).decode("latin-1")
                   for name in reply.rawHeaderList()}
        return HttpResponse(status or 0, bytes(reply.content()), headers, url)


_uncached = threading.local()


def _forget_cached(url: QUrl) -> None:
    """QgsBlockingNetworkRequest saves every GET in QGIS's disk cache, whatever the request asks (3.22), and when
    the same address later fails (HTTP 500, say) the reply comes back as HTTP 200 with the cached body mixed in.
    Our data is live: no cached entry may take part in our requests.

    In a worker thread (a QgsTask) the thread's own network manager simply gets no cache, once: removing
    entries there while other threads' requests wrote to the cache hung 2 of 10 runs of 400 parallel requests
    (and once crashed QGIS in a test). QgsBlockingNetworkRequest works without a cache. On the main thread
    (Processing, qgis_process) the manager is QGIS's own, which keeps its cache: the entry is removed instead.
    """
    if sip.unwrapinstance(QThread.currentThread()) != sip.unwrapinstance(QCoreApplication.instance().thread()):
        if not getattr(_uncached, "done", False):
            # DirectConnection: the first instance() call in a thread fixes how its manager is wired to the
            # main one, and QgsBlockingNetworkRequest asks for DirectConnection.
            QgsNetworkAccessManager.instance(Qt.ConnectionType.DirectConnection).setCache(None)
            _uncached.done = True
        return
    cache = QgsNetworkAccessManager.instance().cache()
    if cache is not None:
        cache.remove(url)
