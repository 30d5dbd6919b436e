"""Progress in steps of at most 1 % and cancel for long imports (pure Python: no QGIS, no Qt).

Every importer (panoramas, detections, roadworks, the sign register) reports through the same two callbacks
the processing algorithms hand down: ``progress(percent, text)`` and ``cancelled() -> bool``. ``Steps`` turns
"n of total items done" into calls of ``progress`` whenever the half percent changes (so never more than
1 % apart while one item is at most 0.5 % of the work, and not 250,000 calls either) and raises
``ImportCancelled`` when the user pressed cancel. Raised inside ``store.transaction()`` (or from
``insert_many``'s ``on_batch``) it rolls the import back: a cancelled import leaves nothing behind.

    steps = Steps(progress, cancelled, total=len(rows), start=10, end=99, text=tr("Writing detections"))
    try:
        with store.transaction():
            store.insert_many("detection", rows, on_batch=steps.done)
    except ImportCancelled:
        report.cancelled = True
"""
from typing import Callable, Optional

Progress = Optional[Callable[[float, str], None]]
Cancelled = Optional[Callable[[], bool]]


class ImportCancelled(Exception):
    """The user cancelled; raised inside the import's transaction so that it is rolled back."""


class Steps:
    """Maps ``done(n)`` (n of ``total`` items) onto ``start`` … ``end`` percent."""

    def __init__(self, progress: Progress, cancelled: Cancelled, total: int, start: float = 0.0,
                 end: float = 100.0, text: str = ""):
        self.progress, self.cancelled = progress, cancelled
        self.total, self.start, self.end, self.text = max(int(total), 0), float(start), float(end), text
        self.last = None  # the half percent reported last

    def percent(self, n: int) -> float:
        if self.total <= 0:
            return self.end
        return self.start + (self.end - self.start) * min(n, self.total) / self.total

    def done(self, n: int) -> None:
        """n items are done: report when the half percent moved; ImportCancelled on cancel."""
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()
        pct = self.percent(n)
        if self.progress is not None and int(pct * 2) != self.last:
            self.last = int(pct * 2)
            self.progress(pct, self.text)
