"""The client's notices and errors in the user's language (the core only has English templates)."""
from ..toolbelt.i18n import tr


def message(item) -> str:
    """Translated text of a core ``Notice`` or ``StaError`` (anything with ``text(translate)``)."""
    return item.text(tr)
