"""What the roadworks importers share: the report and writing checked candidates to the store.

A file is imported in one transaction, each record in its own savepoint: a record that fails
validation is reported and leaves nothing behind, the others are kept. Records carrying an
``external_id`` that is already in the store update that roadworks (with history) instead of
adding a second one.
"""
import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

from .exchange_text import tr
from .model import FIELDS, Roadworks, ValidationError
from .repository import create, find_by_external_id, update

# Fields a re-import never touches: the planner's own work.
KEEP_ON_REIMPORT = ("detour",)


@dataclass
class Candidate:
    """One record read from a file: a roadworks ready to be checked and stored, or why it cannot be."""
    source: str  # record id or feature number, for messages
    works: Optional[Roadworks] = None
    reason: Optional[str] = None
    warnings: List[str] = field(default_factory=list)


@dataclass
class ImportReport:
    imported: int = 0  # new roadworks
    updated: int = 0  # existing roadworks (same external id) changed
    unchanged: int = 0  # existing roadworks the file did not change
    merged: int = 0  # records folded into another one (DATEX II lane/speed management)
    rejected: List[Tuple[str, str]] = field(default_factory=list)  # (source, reason)
    warnings: List[Tuple[str, str]] = field(default_factory=list)  # (source, message)
    skipped_types: Counter = field(default_factory=Counter)  # record type -> number of records skipped
    ids: List[int] = field(default_factory=list)  # roadworks written (new or updated)
    format: str = ""

    @property
    def skipped(self) -> int:
        return sum(self.skipped_types.values())

    def reject(self, source: str, reason: str) -> None:
        self.rejected.append((str(source), reason))

    def warn(self, source: str, message: str) -> None:
        self.warnings.append((str(source), message))

    def summary(self) -> str:
        text = tr("{imported} roadworks imported, {updated} updated, {unchanged} unchanged, {rejected} rejected, "
                  "{skipped} records of other types skipped.").format(
            imported=self.imported, updated=self.updated, unchanged=self.unchanged, rejected=len(self.rejected),
            skipped=self.skipped)
        if self.skipped_types:
            text += " " + tr("Skipped record types: {types}.").format(types=self.skipped_types_text())
        return text

    def skipped_types_text(self) -> str:
        return ", ".join("%s × %d" % (name, n) for name, n in sorted(self.skipped_types.items()))

    def write_report(self, path) -> Path:
        """CSV (UTF-8 with BOM) of rejected records and skipped record types: source, outcome, reason."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            writer.writerow(["source", "outcome", "reason"])
            for source, reason in self.rejected:
                writer.writerow([source, "rejected", reason])
            for name, count in sorted(self.skipped_types.items()):
                writer.writerow([name, "skipped", tr("{count} records of this type are not roadworks and were "
                                                     "skipped.").format(count=count)])
            for source, message in self.warnings:
                writer.writerow([source, "warning", message])
        return path


def store_candidates(store, candidates: Iterable[Candidate], report: ImportReport, actor: str) -> ImportReport:
    """Validate and write every candidate (one transaction, a savepoint per record)."""
    with store.transaction():
        for candidate in candidates:
            for message in candidate.warnings:
                report.warn(candidate.source, message)
            if candidate.works is None:
                report.reject(candidate.source, candidate.reason or tr("no usable data"))
                continue
            try:
                with store.transaction():
                    _store_one(store, candidate.works, report, actor)
            except ValidationError as error:
                report.reject(candidate.source, str(error))
    return report


def _store_one(store, works: Roadworks, report: ImportReport, actor: str) -> None:
    existing = find_by_external_id(store, works.external_id) if works.external_id else None
    if existing is None:
        stored = create(store, works, actor, action="import")
        report.imported += 1
        report.ids.append(stored.id)
        return
    changes = {name: getattr(works, name) for name in FIELDS
               if name not in KEEP_ON_REIMPORT and getattr(works, name) is not None}
    stored = update(store, existing.id, changes, existing.version, actor, action="import")
    if stored.version == existing.version:
        report.unchanged += 1
    else:
        report.updated += 1
        report.ids.append(stored.id)
