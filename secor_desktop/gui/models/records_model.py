"""A table model over records of one kind, loaded a page at a time (after Vorta's table models).

The model holds frozen domain ``Record``s, so ``data()`` never reaches the database. Sorting and
filtering are done by the database through ``ListingService``: ``sort()`` and ``set_query()``
reset the model to the first page of the new order, and ``fetchMore`` adds the next page as the
view scrolls. A proxy model over a partial list would sort only what happened to be loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.model import Record
from secor_desktop.services.listing import (
    DETAIL_FIELDS,
    ListingService,
    RecordQuery,
    SortKey,
)

PAGE_SIZE = 500

COL_DATE, COL_TITLE, COL_SITE, COL_DETAIL, COL_STATUS, COL_SIGNERS, COL_ACTIONS = range(7)
COLUMN_COUNT = 7

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""Native values for sorting and tests: dates, ints, plain strings."""
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
"""The ``Record`` itself."""

SORT_KEYS: dict[int, SortKey] = {
    COL_DATE: SortKey.DATE,
    COL_TITLE: SortKey.TITLE,
    COL_SITE: SortKey.SITE,
    COL_DETAIL: SortKey.BODY_FIELD,
    COL_STATUS: SortKey.STATUS,
    COL_SIGNERS: SortKey.SIGNERS,
    COL_ACTIONS: SortKey.OPEN_ACTIONS,
}

# Text and a symbol carry the status; the colour only repeats it.
STATUS_BADGES: dict[RecordStatus, tuple[str, str]] = {
    RecordStatus.DRAFT: ("✎ Draft", "#8a5a00"),
    RecordStatus.SIGNED: ("✔ Signed", "#1b6e2d"),
    RecordStatus.VOID: ("⊘ Void", "#8b1a1a"),
}


@dataclass(frozen=True)
class LoadedPage:
    """What one load brings back from the services (built off the GUI thread)."""

    query: RecordQuery
    total: int
    records: list[Record]
    open_actions: dict[str, int]


def load_first_page(
    listing: ListingService, query: RecordQuery, size: int = PAGE_SIZE
) -> LoadedPage:
    """Count and first page for ``query``; touches no widget, so it may run in a worker."""
    total = listing.count(query)
    records = listing.page(query, 0, size)
    return LoadedPage(query, total, records, listing.open_action_counts([r.id for r in records]))


class RecordsModel(QAbstractTableModel):
    loaded = Signal()
    """Emitted after a reset or a page was added (the list updates its count label)."""

    def __init__(
        self,
        listing: ListingService,
        kind: RecordKind,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self.listing = listing
        self.kind = kind
        self.page_size = page_size
        self.detail = DETAIL_FIELDS[kind]
        self.query = RecordQuery(kind=kind)
        self.total = 0
        self.records: list[Record] = []
        self.open_actions: dict[str, int] = {}
        self.site_names: dict[str, str] = {}
        self.worker_names: dict[str, str] = {}
        self.loader: Callable[[RecordQuery], None] | None = None
        """If set, re-sorting asks it to load the query (off the GUI thread) and ``apply`` it."""

    # --- loading -------------------------------------------------------------------------

    def set_names(self, sites: dict[str, str], workers: dict[str, str]) -> None:
        """Names for the ids records hold (sites and workers change rarely)."""
        self.site_names, self.worker_names = dict(sites), dict(workers)
        if self.records:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.records) - 1, COLUMN_COUNT - 1)
            )

    def set_query(self, query: RecordQuery) -> None:
        """Show ``query``'s records from the first page (synchronously)."""
        self.apply(load_first_page(self.listing, replace(query, kind=self.kind), self.page_size))

    def reload(self) -> None:
        self.set_query(self.query)

    def apply(self, page: LoadedPage) -> None:
        """Replace the contents with a loaded first page."""
        self.beginResetModel()
        self.query = page.query
        self.total = page.total
        self.records = list(page.records)
        self.open_actions = dict(page.open_actions)
        self.endResetModel()
        self.loaded.emit()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if parent.isValid():
            return False
        return len(self.records) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid() or not self.canFetchMore():
            return
        more = self.listing.page(self.query, len(self.records), self.page_size)
        # The data may have grown or shrunk since the count; never loop on an empty page.
        if not more:
            self.total = len(self.records)
            self.loaded.emit()
            return
        start = len(self.records)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self.records.extend(more)
        self.open_actions.update(self.listing.open_action_counts([r.id for r in more]))
        self.endInsertRows()
        self.total = max(self.total, len(self.records))
        self.loaded.emit()

    # --- the Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {
            COL_DATE: "Date",
            COL_TITLE: "Title",
            COL_SITE: "Site",
            COL_DETAIL: self.detail.header,
            COL_STATUS: "Status",
            COL_SIGNERS: "Signed by",
            COL_ACTIONS: "Open actions",
        }
        return headers.get(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = replace(self.query, sort=key, descending=descending)
        if self.loader is not None:
            self.loader(query)
        else:
            self.set_query(query)

    def record_at(self, row: int) -> Record | None:
        return self.records[row] if 0 <= row < len(self.records) else None

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self.records) if r.id == record_id), -1)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        col = index.column()
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return self._native(record, col)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(record, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return QColor(STATUS_BADGES[record.status][1])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_ACTIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- cell contents -------------------------------------------------------------------

    def _detail_value(self, record: Record) -> str:
        value = getattr(record.body, self.detail.field, "")
        if self.detail.names_worker:
            return self.worker_names.get(str(value), "(unknown worker)")
        if hasattr(value, "value"):  # an enum: show its words
            return str(value.value).replace("_", " ").capitalize()
        return str(value)

    def _signers(self, record: Record) -> list[str]:
        return [s.signer_name for s in record.current_signatures]

    def _native(self, record: Record, col: int) -> date | str | int:
        if col == COL_DATE:
            return record.event_date
        if col == COL_TITLE:
            return record.title
        if col == COL_SITE:
            return self.site_names.get(record.site_id or "", "")
        if col == COL_DETAIL:
            return self._detail_value(record)
        if col == COL_STATUS:
            return record.status.value
        if col == COL_SIGNERS:
            return len(record.current_signatures)
        return self.open_actions.get(record.id, 0)

    def _display(self, record: Record, col: int) -> str:
        if col == COL_DATE:
            return record.event_date.isoformat()
        if col == COL_SITE:
            if record.site_id is None:
                return "—"
            return self.site_names.get(record.site_id, "(unknown site)")
        if col == COL_STATUS:
            return STATUS_BADGES[record.status][0]
        if col == COL_SIGNERS:
            names = self._signers(record)
            if not names:
                return "—"
            if len(names) == 1:
                return names[0]
            return f"{names[0]} +{len(names) - 1}"  # the tooltip lists them all
        if col == COL_ACTIONS:
            count = self.open_actions.get(record.id, 0)
            return str(count) if count else ""
        return str(self._native(record, col))

    def _tooltip(self, record: Record, col: int) -> str | None:
        if col == COL_STATUS and record.void_reason:
            return f"Void: {record.void_reason}"
        if col == COL_SIGNERS and record.current_signatures:
            return "\n".join(
                f"{s.signer_name} ({s.meaning.value})" for s in record.current_signatures
            )
        if col == COL_TITLE:
            return record.title
        return None
