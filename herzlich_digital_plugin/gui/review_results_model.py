"""The inspector's results table: the filtered detections in the queue's order, fetched a page at a time.

Only the first ``limit`` rows are ever offered (the counts say how many there are in all); each page is one
indexed ``ORDER BY … LIMIT … OFFSET`` query.
"""
from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..review import vzkat
from ..review.filters import where_sql
from ..review.sqlfuncs import install
from ..store import StoreError
from ..toolbelt.i18n import tr
from .review_queue_widget import status_label

ORDER_SQL = {
    "score": "d.score, d.id",
    "class": "d.asset_class, d.vzkat_code, d.vzkat_value, d.score, d.id",
    "walk": "d.panorama_id, d.bbox_xmin, d.id",  # panoramas are numbered along their drives
}
PAGE = 100
LIMIT = 1000
COLUMNS = ("id", "class", "score", "status", "panorama_id")


class ReviewResultsModel(QAbstractTableModel):

    def __init__(self, parent=None, page: int = PAGE, limit: int = LIMIT):
        super().__init__(parent)
        self.page, self.limit = int(page), int(limit)
        self._rows = []
        self._store = None
        self._sql = None
        self._params = []
        self._exhausted = True
        self.error = None

    # ------------------------------------------------------------------ query
    def set_filter(self, store, flt, order: str = "score") -> int:
        """Start over with a new filter; loads the first page, returns its row count."""
        self.beginResetModel()
        self._rows, self._store, self.error = [], store, None
        try:
            install(store)
            cond, params = where_sql(store, flt)
            self._sql = (f"SELECT d.id, d.asset_class, d.vzkat_code, d.vzkat_value, d.score, d.status, "  # nosec B608
                         f"d.panorama_id FROM {store.table_ref('detection')} d WHERE {cond} "
                         f"ORDER BY {ORDER_SQL.get(order, ORDER_SQL['score'])} LIMIT %s OFFSET %s")
            self._params = params
            self._exhausted = False
            self._rows = self._fetch()
        except (StoreError, ValueError) as exc:
            self.error = str(exc)
            self._exhausted = True
        finally:
            self.endResetModel()
        return len(self._rows)

    def _fetch(self) -> list:
        """The next page after the rows held (not added yet)."""
        n = min(self.page, self.limit - len(self._rows))
        if n <= 0 or self._sql is None:
            self._exhausted = True
            return []
        rows = self._store.query(self._sql, self._params + [n, len(self._rows)])
        if len(rows) < n or len(self._rows) + len(rows) >= self.limit:
            self._exhausted = True
        return rows

    def canFetchMore(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        if parent.isValid() or self._exhausted:
            return
        start = len(self._rows)
        try:
            rows = self._fetch()
        except StoreError as exc:
            self.error = str(exc)
            self._exhausted = True
            return
        if rows:
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    # ------------------------------------------------------------------ access
    def detection_id(self, row: int):
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def ids(self) -> list:
        return [r["id"] for r in self._rows]

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("ID"), tr("Class"), tr("Score"), tr("Status"), tr("Panorama"))[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "class":
                name = vzkat.name_of(row["asset_class"] or "", row["vzkat_code"], row["vzkat_value"])
                return f"{row['vzkat_code']} {name}" if row["vzkat_code"] else name
            if column == "score":
                return "–" if row["score"] is None else f"{row['score']:.2f}"
            if column == "status":
                return status_label(row["status"] or "new")
            return row[column]
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("id", "score", "panorama_id"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
