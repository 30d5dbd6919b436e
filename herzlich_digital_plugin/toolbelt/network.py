"""HTTP through QGIS's own network stack, so proxy settings and authcfg apply.

``QgsBlockingNetworkRequest`` blocks its thread: call it from a QgsTask or worker thread, never from the GUI
thread. Pure clients (core/) take any object with this ``get(url, headers)`` shape, so they run under
``requests`` outside QGIS too.
"""
import threading
from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple
from urllib.parse import urlsplit

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QByteArray, QCoreApplication, Qt, QThread, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from .i18n import tr


class NetworkError(Exception):
    """A request failed; the message is meant for the user."""

    def __init__(self, message: str, status: Optional[int] = None, url: str = "", timed_out: bool = False,
                 too_large: bool = False):
        super().__init__(message)
        self.status = status
        self.url = url
        self.timed_out = timed_out
        self.too_large = too_large


@dataclass
class HttpResponse:
    status: int
    content: bytes
    headers: Dict[str, str] = field(default_factory=dict)
    url: str = ""

    def text(self, encoding: str = "utf-8") -> str:
        return self.content.decode(encoding, errors="replace")


MAX_REDIRECTS = 5
DEFAULT_MAX_BYTES = 256 * 1024 * 1024  # an answer larger than this is refused, not held in memory
_REDIRECT_REFUSED = (QNetworkReply.NetworkError.InsecureRedirectError, QNetworkReply.NetworkError.ProtocolUnknownError,
                     QNetworkReply.NetworkError.TooManyRedirectsError)
_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> Tuple[str, str, int]:
    """(scheme, host, port) of an http(s) address, the unit credentials belong to."""
    parts = urlsplit(url or "")
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return scheme, (parts.hostname or "").lower(), port or _PORTS.get(scheme, 0)


def strip_userinfo(url: str) -> str:
    """``http://bob:pw@host/x`` -> ``http://host/x``: a password never goes into a log, a message or a setting."""  # pragma: allowlist secret
    parts = urlsplit(url or "")
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


def has_userinfo(url: str) -> bool:
    return "@" in urlsplit((url or "").strip()).netloc


def authcfg_exists(authcfg: str) -> bool:
    from qgis.core import QgsApplication
    return authcfg in QgsApplication.authManager().configIds()


class QgisHttpClient:
    """GET/POST with QgsBlockingNetworkRequest; honours QGIS proxy settings and an optional authcfg.

    ``origin``: the address the authcfg belongs to (scheme, host and port count). The credentials go only
    there: a request elsewhere is refused. Redirects are followed by Qt only to http(s), never from https to
    http, and with credentials only within the origin; QGIS's own redirect following never sees them.
    """

    def __init__(self, authcfg: str = "", timeout_s: float = 20.0, origin: str = "",
                 max_bytes: int = DEFAULT_MAX_BYTES):
        self.authcfg = authcfg or ""
        self.timeout_s = timeout_s
        self.origin = origin_of(origin) if origin else None
        self.max_bytes = max_bytes

    def _request(self, url: str, headers: Optional[Dict[str, str]]) -> QNetworkRequest:
        if has_userinfo(url):
            raise NetworkError(tr("The address {url} contains a user name or password; use an authentication "
                                  "configuration (authcfg) instead.").format(url=strip_userinfo(url)),
                               url=strip_userinfo(url))
        qurl = QUrl(url)
        if not qurl.isValid() or qurl.scheme() not in ("http", "https"):
            raise NetworkError(tr("Not a valid http(s) address: {url}").format(url=url), url=url)
        if self.authcfg:
            if not authcfg_exists(self.authcfg):
                raise NetworkError(tr("The authentication configuration '{authcfg}' does not exist in this QGIS "
                                      "profile.").format(authcfg=self.authcfg), url=url)
            if self.origin is not None and origin_of(url) != self.origin:
                raise NetworkError(tr("The address {url} is on another server than {origin}; the credentials "
                                      "are not sent there.").format(url=url, origin=_origin_text(self.origin)),
                                   url=url)
        request = QNetworkRequest(qurl)
        # Qt follows redirects itself, so QgsBlockingNetworkRequest (which would follow file: and carry the
        # authcfg anywhere) never sees one; with credentials only within the same scheme, host and port.
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute,
                             QNetworkRequest.RedirectPolicy.SameOriginRedirectPolicy if self.authcfg
                             else QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy)
        request.setMaximumRedirectsAllowed(MAX_REDIRECTS)
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
        too_big = []

        def progress(received, total):
            if (received > self.max_bytes or total > self.max_bytes) and not too_big:
                too_big.append(max(received, total))
                feedback.cancel()
        blocking.downloadProgress.connect(progress, Qt.ConnectionType.DirectConnection)
        timer = threading.Timer(self.timeout_s, feedback.cancel)
        timer.start()
        try:
            error = send(blocking, feedback)
        finally:
            timer.cancel()
            timer.join()
        try:
            if too_big:
                raise NetworkError(tr("The answer from {url} is larger than {mb} MB; it was not read.")
                                   .format(url=url, mb=round(self.max_bytes / 1e6)), url=url, too_large=True)
            if feedback.isCanceled():
                raise NetworkError(tr("No answer from {url} within {seconds} s.")
                                   .format(url=url, seconds=self.timeout_s), url=url, timed_out=True)
            return self._response(blocking, error, url)
        finally:
            # Released here, on the thread that made them, with no request running: never later by the
            # garbage collector on whichever thread happens to drop the last reference.
            blocking.downloadProgress.disconnect(progress)
            sip.delete(blocking)
            sip.delete(feedback)

    @staticmethod
    def _response(blocking, error, url: str) -> HttpResponse:
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        status = int(status) if status else None
        final_url = reply.request().url().toString() if reply.request() is not None else url
        if reply.error() in _REDIRECT_REFUSED or (status is not None and 300 <= status < 400):
            target = bytes(reply.rawHeader(b"Location")).decode("latin-1", errors="replace")
            raise NetworkError(tr("The server at {url} redirected the request to '{target}'; this redirect is not "
                                  "followed (only to http(s) addresses, and with credentials only to the same "
                                  "server).").format(url=url, target=strip_userinfo(target)[:300]),
                               status=status, url=url)
        if final_url and urlsplit(final_url).scheme.lower() not in ("http", "https"):
            raise NetworkError(tr("Not a valid http(s) address: {url}").format(url=final_url), url=url)
        if error != QgsBlockingNetworkRequest.ErrorCode.NoError and status is None:
            raise NetworkError(
                tr("Request to {url} failed: {error}").format(url=url, error=blocking.errorMessage()), url=url)
        headers = {bytes(name).decode("latin-1").lower(): bytes(reply.rawHeader(name)).decode("latin-1")
                   for name in reply.rawHeaderList()}
        return HttpResponse(status or 0, bytes(reply.content()), headers, url)


def _origin_text(origin: Tuple[str, str, int]) -> str:
    return f"{origin[0]}://{origin[1]}:{origin[2]}"


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
            manager = QgsNetworkAccessManager.instance(Qt.ConnectionType.DirectConnection)
            manager.setCache(None)
            # An HTTP 401 in a background request must come back as a status, never as QGIS's modal
            # credential prompt (which blocked a sensor refresh for 150 s and came back on every retry).
            try:
                manager.authenticationRequired.disconnect()
            except TypeError:  # nothing connected
                pass
            _uncached.done = True
        return
    cache = QgsNetworkAccessManager.instance().cache()
    if cache is not None:
        cache.remove(url)
