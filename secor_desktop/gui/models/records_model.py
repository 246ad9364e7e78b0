"""A table model over records of one kind, loaded a page at a time by row number.

The model knows how many records match (``total``, one count) and holds only the pages of
rows that were shown recently (at most ``max_pages``), each a list of frozen domain ``Record``s,
so ``data()`` never reaches the database on the GUI thread and memory stays flat however many
records there are. ``rowCount()`` is the whole total from the start: the scroll bar is the real
one, and dragging it to the end loads the last page, not every page before it. A row whose
page is not loaded yet shows "Loading…" and asks for its page (off the GUI thread when
``page_loader`` is set, as the list page does; synchronously otherwise, as in tests).

Sorting and filtering are done by the database through ``ListingService``: ``sort()`` and
``set_query()`` reset the model to the first page of the new order. A proxy model over a
partial list would sort only what happened to be loaded.
"""

from __future__ import annotations

from collections import OrderedDict
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
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.model import Record
from secor_desktop.services.listing import (
    ListingService,
    RecordQuery,
    SortKey,
    detail_field,
)

PAGE_SIZE = 100
"""Rows per page: a few screens' worth, so a jump anywhere costs one small query."""
MAX_PAGES = 40
"""Pages kept in memory (the least recently shown go first): 4,000 records at most."""
LOADING = "Loading…"

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
    """What the first load brings back from the services (built off the GUI thread)."""

    query: RecordQuery
    total: int
    records: list[Record]
    open_actions: dict[str, int]


@dataclass(frozen=True)
class LoadedRows:
    """One more page of rows (built off the GUI thread)."""

    generation: int
    number: int
    records: list[Record]
    open_actions: dict[str, int]


def load_first_page(
    listing: ListingService, query: RecordQuery, size: int = PAGE_SIZE
) -> LoadedPage:
    """Count and first page for ``query``; touches no widget, so it may run in a worker."""
    total = listing.count(query)
    records = listing.page(query, 0, size)
    return LoadedPage(query, total, records, listing.open_action_counts([r.id for r in records]))


def load_rows(
    listing: ListingService,
    query: RecordQuery,
    generation: int,
    number: int,
    size: int,
    total: int,
) -> LoadedRows:
    """Page ``number`` of ``query``; touches no widget, so it may run in a worker."""
    records = listing.page(query, number * size, size, total=total)
    actions = listing.open_action_counts([r.id for r in records])
    return LoadedRows(generation, number, records, actions)


PageLoader = Callable[[RecordQuery, int, int, int, int], None]
"""``(query, generation, number, size, total)``: load that page and hand it to ``add_rows``."""


class RecordsModel(QAbstractTableModel):
    loaded = Signal()
    """Emitted after a reset or when a page of rows arrived (the list updates its count)."""

    def __init__(
        self,
        listing: ListingService,
        kind: RecordKind,
        parent: QObject | None = None,
        *,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
    ) -> None:
        super().__init__(parent)
        self.listing = listing
        self.kind = kind
        self.page_size = page_size
        self.max_pages = max_pages
        self.detail = detail_field(kind)
        self.query = RecordQuery(kind=kind)
        self.total = 0
        self.pages: OrderedDict[int, list[Record]] = OrderedDict()
        self.open_actions: dict[str, int] = {}
        self.site_names: dict[str, str] = {}
        self.worker_names: dict[str, str] = {}
        self.generation = 0
        self.loader: Callable[[RecordQuery], None] | None = None
        """If set, re-sorting asks it to load the query (off the GUI thread) and ``apply`` it."""
        self.page_loader: PageLoader | None = None
        """If set, rows not loaded yet are asked of it (off the GUI thread), see ``add_rows``."""
        self._wanted: set[int] = set()
        self._asked: set[int] = set()
        self._ask_timer = QTimer(self)
        self._ask_timer.setSingleShot(True)
        self._ask_timer.setInterval(0)
        self._ask_timer.timeout.connect(self._ask_for_pages)

    # --- loading -------------------------------------------------------------------------

    def set_names(self, sites: dict[str, str], workers: dict[str, str]) -> None:
        """Names for the ids records hold (sites and workers change rarely)."""
        self.site_names, self.worker_names = dict(sites), dict(workers)
        if self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(self.total - 1, COLUMN_COUNT - 1))

    def set_query(self, query: RecordQuery) -> None:
        """Show ``query``'s records from the first page (synchronously)."""
        self.apply(load_first_page(self.listing, replace(query, kind=self.kind), self.page_size))

    def reload(self) -> None:
        self.set_query(self.query)

    def apply(self, page: LoadedPage) -> None:
        """Replace the contents with a loaded first page."""
        self.beginResetModel()
        self.generation += 1
        self.query = page.query
        self.total = page.total
        self.pages = OrderedDict()
        self.open_actions = dict(page.open_actions)
        self._wanted.clear()
        self._asked.clear()
        if page.records or not page.total:
            self.pages[0] = list(page.records)
        self.endResetModel()
        self.loaded.emit()

    def add_rows(self, rows: LoadedRows) -> None:
        """Take a page loaded by ``page_loader`` (ignored if the list was reset since)."""
        if rows.generation != self.generation:
            return
        self._asked.discard(rows.number)
        self._store(rows.number, rows.records, rows.open_actions)
        first = rows.number * self.page_size
        last = min(first + self.page_size, self.total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))
        self.loaded.emit()

    def _store(self, number: int, records: list[Record], actions: dict[str, int]) -> None:
        self.pages[number] = list(records)
        self.pages.move_to_end(number)
        self.open_actions.update(actions)
        while len(self.pages) > self.max_pages:
            _old, dropped = self.pages.popitem(last=False)
            for record in dropped:
                self.open_actions.pop(record.id, None)

    def loaded_rows(self) -> int:
        """How many rows are in memory now (the rest are loaded when shown)."""
        return sum(len(p) for p in self.pages.values())

    def _record(self, row: int) -> Record | None:
        """The record at ``row``, or None while its page is on its way."""
        if not 0 <= row < self.total:
            return None
        number, offset = divmod(row, self.page_size)
        page = self.pages.get(number)
        if page is None:
            if self.page_loader is not None:
                self._wanted.add(number)
                self._ask_timer.start()  # after this paint: never load from inside data()
                return None
            rows = load_rows(
                self.listing, self.query, self.generation, number, self.page_size, self.total
            )
            self._store(number, rows.records, rows.open_actions)
            page = self.pages[number]
        elif number != next(reversed(self.pages)):
            self.pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _ask_for_pages(self) -> None:
        """Ask for the pages wanted since the last paint, if none is on its way already."""
        wanted, self._wanted = self._wanted - self._asked - set(self.pages), set()
        if self.page_loader is None:
            return
        for number in sorted(wanted):
            self._asked.add(number)
            self.page_loader(self.query, self.generation, number, self.page_size, self.total)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return False  # every row is there from the start; pages load as they are shown

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        return None

    # --- the Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.total

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
        """The record at ``row``; None for a row out of range or whose page is on its way."""
        return self._record(row)

    def row_of(self, record_id: str) -> int:
        """The row of a loaded record, or -1."""
        for number, page in self.pages.items():
            for offset, record in enumerate(page):
                if record.id == record_id:
                    return number * self.page_size + offset
        return -1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        record = self._record(row)
        if record is None:
            loading = role == Qt.ItemDataRole.DisplayRole and col == COL_TITLE
            waiting = 0 <= row < self.total and row // self.page_size not in self.pages
            return LOADING if loading and waiting else None
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
