"""The review's own errors, shared by decisions and annotations (both raise them, the GUI catches them)."""
from typing import Dict, Optional

from ..store.errors import ConflictError, StoreError
from .items import ReviewItem
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
        self.changed_by: Optional[str] = None  # who made the stored version, and when (see with_author)
        self.changed_at = None
        if message is None:
            message = tr("Someone else changed asset {id} in the meantime (you saw version {mine}, it is now at "
                         "version {theirs}). Nothing was overwritten: compare both versions and decide again."
                         ).format(id=theirs.get("id"), mine=base_version, theirs=theirs.get("version"))
        super().__init__(theirs, message)


class ItemTaken(ConflictError):
    """Another reviewer holds the item's lease, or decided it since it was shown."""


def with_author(store, conflict: "Conflict", asset_id) -> "Conflict":
    """Fill in who changed the asset last and when (its newest review event), for the conflict dialog."""
    try:
        rows = store.query(f"SELECT actor, decided_at FROM {store.table_ref('review_event')} "  # nosec B608
                           "WHERE asset_id = %s ORDER BY id DESC LIMIT 1", (int(asset_id),),
                           decode_as={"decided_at": "datetime"})
    except StoreError:
        rows = []
    if rows:
        conflict.changed_by, conflict.changed_at = rows[0]["actor"], rows[0]["decided_at"]
    return conflict


class ClassNeeded(ValueError):
    """The detection's vendor label maps to no class: accepting it needs the class (relabel with one)."""

    def __init__(self, item: ReviewItem):
        self.vendor_label = item.vendor_label
        super().__init__(tr("The label '{label}' of detection {id} maps to no class: choose the class of the "
                            "object.").format(label=item.vendor_label or "–", id=item.detection_id))
