"""The client's notices and errors in the user's language (the core only has English templates)."""
from urllib.parse import urlsplit

from ..core.sensorthings.messages import StaError, render
from ..toolbelt.i18n import tr


def message(item) -> str:
    """Translated text of a core ``Notice`` or ``StaError`` (anything with ``text(translate)``)."""
    return item.text(tr)


def short_url(url: str, length: int = 60) -> str:
    """``host/FROST-Server/v1.1/Datastreams`` for a long request URL: no scheme, no query, the middle of a
    long path elided, so the message bar still shows what failed."""
    parts = urlsplit(url or "")
    if not parts.netloc:
        return (url or "")[:length]
    text = parts.netloc + parts.path.rstrip("/")
    if len(text) <= length:
        return text
    segments = parts.path.strip("/").split("/")
    tail = segments[-1][:max(8, length - len(parts.netloc) - 5)] if segments else ""
    return f"{parts.netloc}/…/{tail}"


def short_message(error: BaseException) -> str:
    """The translated error with its URL shortened (the full one goes to the log)."""
    if isinstance(error, StaError):
        params = dict(error.params)
        if params.get("url"):
            params["url"] = short_url(str(params["url"]))
        return render(error.code, params, tr)
    return str(error)
