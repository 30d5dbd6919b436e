"""The review's own errors, shared by decisions and annotations (both raise them, the GUI catches them)."""
from typing import Dict, Optional

from ..store.errors import ConflictError
from .text import tr


class Conflict(ConflictError):
    """Somebody changed the asset (or the item) first; nothing was overwritten.

    ``mine``: what this session wanted to write, with ``base_version``, the version it had seen.
    ``theirs``: the row as it is stored now (``current_row``).
    """

    def __init__(self, theirs: Dict, mine: Dict, base_version: Optional[int], message: Optional[str] = None):
        self.theirs = theirs
        self.mine = mine
        self.base_version = base_version
        if message is None:
            message = tr("Someone else changed asset {id} in the meantime (you saw version {mine}, it is now at "
                         "version {theirs}). Nothing was overwritten: compare both versions and decide again."
                         ).format(id=theirs.get("id"), mine=base_version, theirs=theirs.get("version"))
        super().__init__(theirs, message)


class ItemTaken(ConflictError):
    """Another reviewer holds the item's lease, or decided it since it was shown."""
