"""The list page of one record kind: filters, search, a lazily loaded table, and a count."""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record, Site, Worker
from secor_desktop.gui import notify
from secor_desktop.gui.background import Background
from secor_desktop.gui.models.records_model import (
    COL_ACTIONS,
    COL_DATE,
    COL_DETAIL,
    COL_SIGNERS,
    COL_SITE,
    COL_STATUS,
    COL_TITLE,
    LoadedPage,
    RecordsModel,
    load_rows,
)
from secor_desktop.gui.pages import PageHooks
from secor_desktop.services.facade import Services
from secor_desktop.services.listing import RecordQuery, StatusFilter
from secor_desktop.services.page_reads import RecordListSnapshot

NO_DATE = QDate(2000, 1, 1)
"""The minimum of the date filters, shown as "Any": no limit on that side."""
SEARCH_DELAY_MS = 250
SITE_MIN_WIDTH, SITE_MAX_WIDTH = 110, 230

STATUS_CHOICES: list[tuple[str, StatusFilter | None]] = [
    ("Any status", None),
    ("Draft", StatusFilter.DRAFT),
    ("Signed", StatusFilter.SIGNED),
    ("Void", StatusFilter.VOID),
    ("Has open actions", StatusFilter.OPEN_ACTIONS),
]


def _plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _date_filter(name: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setSpecialValueText("Any")
    edit.setDate(NO_DATE)
    edit.setAccessibleName(name)
    edit.setToolTip(f"{name}; the earliest date shows as 'Any' (no limit)")
    return edit


def _to_date(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())


class RecordListPage(QWidget):
    records_changed = Signal()
    """Something was saved from this page: the window refreshes every page."""

    def __init__(
        self,
        services: Services,
        tasks: Background,
        kind: RecordKind,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.kind = kind
        self.title = kind.label
        self.listing = services.listing
        self.loads = tasks.latest(self)
        self._names: tuple[list[tuple[str, str]], list[tuple[str, str]]] | None = None
        self.model = RecordsModel(self.listing, kind, self)
        self.model.loaded.connect(self._update_count)
        self.count_label = _plain_label("", self)
        self.count_label.setAccessibleName("Record count")

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        heading = _plain_label(kind.label, self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        header.addWidget(heading)
        header.addStretch(1)
        self.new_button = QPushButton("&New record", self)
        self.new_button.setAccessibleName(f"New {kind.label.lower()} record")
        self.new_button.setToolTip(f"Log a new {kind.label.lower()} (Ctrl+N)")
        self.new_button.clicked.connect(self.new_record)
        self.repeat_button = QPushButton("&Repeat", self)
        self.repeat_button.setAccessibleName("Repeat the selected record")
        self.repeat_button.setToolTip(
            "A new record with the selected one's content, dated today, unsigned (Ctrl+R)"
        )
        self.repeat_button.clicked.connect(self.repeat_selected)
        self.repeat_last_button = QPushButton("Repeat l&ast", self)
        self.repeat_last_button.setAccessibleName(f"Repeat the last {kind.label.lower()}")
        self.repeat_last_button.setToolTip(
            f"A new record with the newest {kind.label.lower()}'s content, dated today "
            "(Ctrl+R when no record is selected)"
        )
        self.repeat_last_button.clicked.connect(self.repeat_last)
        self.crew_button: QPushButton | None = None
        if kind is RecordKind.TRAINING:
            self.crew_button = QPushButton("Record training for a &crew…", self)
            self.crew_button.setAccessibleName("Record one course for several workers")
            self.crew_button.clicked.connect(self.record_crew_training)
            header.addWidget(self.crew_button)
        header.addWidget(self.repeat_button)
        header.addWidget(self.repeat_last_button)
        header.addWidget(self.new_button)
        layout.addLayout(header)

        filters = QGridLayout()
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText("Search titles and contents")
        self.search_box.setToolTip(
            "Finds the text anywhere in the records' titles and contents, in any case"
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(f"Search {kind.label.lower()} records")
        self.date_from = _date_filter("From date", self)
        self.date_to = _date_filter("To date", self)
        self.site_combo = QComboBox(self)
        self.site_combo.setAccessibleName("Site filter")
        self.worker_combo = QComboBox(self)
        self.worker_combo.setAccessibleName("Worker filter")
        self.worker_combo.setToolTip("Records that name this worker or that they signed")
        for combo, everyone in ((self.site_combo, "All sites"), (self.worker_combo, "All workers")):
            combo.addItem(everyone, None)  # the names come with the first load (see below)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Status filter")
        for text, value in STATUS_CHOICES:
            self.status_combo.addItem(text, value)
        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setAccessibleName("Clear all filters")
        self.clear_button.clicked.connect(self.clear_filters)

        row: list[tuple[str, QWidget]] = [
            ("&Search:", self.search_box),
            ("&From:", self.date_from),
            ("&To:", self.date_to),
        ]
        row2: list[tuple[str, QWidget]] = [
            ("S&ite:", self.site_combo),
            ("&Worker:", self.worker_combo),
            ("Stat&us:", self.status_combo),
        ]
        for r, fields in enumerate((row, row2)):
            for c, (text, widget) in enumerate(fields):
                label = _plain_label(text, self)
                label.setBuddy(widget)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                filters.addWidget(label, r, 2 * c)
                filters.addWidget(widget, r, 2 * c + 1)
        filters.addWidget(self.clear_button, 1, 6)
        filters.setColumnStretch(1, 3)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)
        layout.addLayout(filters)

        self.error_label = _plain_label("", self)
        self.error_label.setStyleSheet("color: #8b1a1a;")
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"{kind.label} records")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        head.setSortIndicator(COL_DATE, Qt.SortOrder.DescendingOrder)
        widths = {
            COL_DATE: 96,
            COL_SITE: 150,
            COL_DETAIL: 165,
            COL_STATUS: 90,
            COL_SIGNERS: 175,
            COL_ACTIONS: 100,
        }
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        # Sorts load in the background, the first one too: enabling sorting asks the model to
        # sort (by date, newest first), which loads the first page without blocking the window.
        self.model.loader = self.load
        self.model.page_loader = self.load_rows
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._open_index)  # double-click or Enter
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        layout.addWidget(self.count_label)

        self.setTabOrder(self.repeat_button, self.repeat_last_button)
        self.setTabOrder(self.repeat_last_button, self.new_button)
        self.setTabOrder(self.new_button, self.search_box)
        chain = [
            self.search_box,
            self.date_from,
            self.date_to,
            self.site_combo,
            self.worker_combo,
            self.status_combo,
            self.clear_button,
            self.table,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

        self._fit_site_column([])  # until the first load names the sites
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_box.textChanged.connect(self._search_timer.start)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.apply_filters)
        for combo in (self.site_combo, self.worker_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self._selection_changed()

    # --- filters -------------------------------------------------------------------------

    def _fill_choices(self, sites: list[Site], workers: list[Worker]) -> None:
        """The names the filters offer and the rows show (from the list's snapshot); the
        combos are rebuilt only when a site or worker changed."""
        names = ([(s.id, s.name) for s in sites], [(w.id, w.name) for w in workers])
        if names == self._names:
            return
        first = self._names is None
        self._names = names
        self.model.set_names(dict(names[0]), dict(names[1]))
        for combo, everyone, items in (
            (self.site_combo, "All sites", names[0]),
            (self.worker_combo, "All workers", names[1]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for item_id, name in items:
                combo.addItem(name, item_id)
            found = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
            # As wide as the longest name, never squeezed below it: the width Qt gives a combo
            # filled before it is first shown (the names now come after).
            combo.setMinimumWidth(combo.sizeHint().width())
        if first:
            self._fit_site_column([name for _, name in names[0]])

    def _fit_site_column(self, names: list[str]) -> None:
        """Wide enough for the site names (there are few), within limits: the title keeps
        the rest of the width."""
        metrics = self.table.fontMetrics()
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0) + 20
        self.table.setColumnWidth(COL_SITE, min(max(widest, SITE_MIN_WIDTH), SITE_MAX_WIDTH))

    def current_query(self) -> RecordQuery:
        status = self.status_combo.currentData()  # Qt hands enums back as plain text
        return RecordQuery(
            kind=self.kind,
            date_from=_to_date(self.date_from),
            date_to=_to_date(self.date_to),
            site_id=self.site_combo.currentData(),
            worker_id=self.worker_combo.currentData(),
            status=StatusFilter(status) if status else None,
            text=self.search_box.text(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
        )

    def apply_filters(self) -> None:
        """Load the first page for the current filters, off the GUI thread."""
        self._search_timer.stop()
        query = self.current_query()
        if query.date_from and query.date_to and query.date_from > query.date_to:
            self.error_label.setText("The 'To' date comes before the 'From' date.")
            self.error_label.setVisible(True)
            return
        self.error_label.setVisible(False)
        self.load(query)

    def load(self, query: RecordQuery) -> None:
        """Count and fetch the first page, with the filters' names, off the GUI thread (one
        read), then show it; a newer load supersedes this one."""
        pages, size = self.services.pages, self.model.page_size

        def done(snapshot: RecordListSnapshot) -> None:
            self._fill_choices(snapshot.sites, snapshot.workers)
            self.model.apply(
                LoadedPage(snapshot.query, snapshot.total, snapshot.records, snapshot.open_actions)
            )

        self.loads.run(
            lambda: pages.record_list(query, size),
            done,
            on_slow=lambda: self.count_label.setText("Loading…"),
        )

    def load_rows(
        self, query: RecordQuery, generation: int, number: int, size: int, total: int
    ) -> None:
        """Fetch one page of rows the table wants to show, off the GUI thread."""
        listing, model = self.listing, self.model
        self.tasks.run(
            lambda: load_rows(listing, query, generation, number, size, total), model.add_rows
        )

    def clear_filters(self) -> None:
        widgets = (self.search_box, self.date_from, self.date_to, self.site_combo)
        for w in (*widgets, self.worker_combo, self.status_combo):
            w.blockSignals(True)
        self.search_box.clear()
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        for combo in (self.site_combo, self.worker_combo, self.status_combo):
            combo.setCurrentIndex(0)
        for w in (*widgets, self.worker_combo, self.status_combo):
            w.blockSignals(False)
        self.apply_filters()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def hooks(self) -> PageHooks:
        return PageHooks(
            records_changed=self.records_changed, focus_search=self.focus_search, loads=self.loads
        )

    def refresh(self) -> None:
        """Reload names and records (after a save anywhere)."""
        self.apply_filters()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        noun = "record" if total == 1 else "records"
        self.count_label.setText(f"Showing {shown:,} of {total:,} {noun}")

    # --- opening -------------------------------------------------------------------------

    def _open_index(self, index: object) -> None:
        row = getattr(index, "row", lambda: -1)()
        record = self.model.record_at(row)
        if record is not None:
            self.open_record(record.id)

    def selected_record(self) -> Record | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        self.repeat_button.setEnabled(self.selected_record() is not None)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        record = self.model.record_at(index.row()) if index.isValid() else None
        if record is None:
            return
        self.table.selectRow(index.row())
        self.record_menu(record).exec(self.table.viewport().mapToGlobal(pos))

    def record_menu(self, record: Record) -> QMenu:
        """What a right-click on a row offers."""
        menu = QMenu(self)
        menu.addAction("&Open", lambda: self.open_record(record.id))
        menu.addAction("&Repeat (new record dated today)", lambda: self.repeat(record.id))
        return menu

    def new_record(self) -> None:
        self.open_record(None)

    def record_crew_training(self) -> None:
        from secor_desktop.gui.pages.crew_training_dialog import CrewTrainingDialog

        dialog = CrewTrainingDialog(self.services, self)
        dialog.exec()
        if dialog.created:
            self.records_changed.emit()
            self.refresh()
        dialog.deleteLater()

    def repeat_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.repeat(record.id)

    def repeat_last(self) -> None:
        """Repeat the kind's newest record (latest date, then latest entered; not void)."""
        record = self.services.records.newest(self.kind)
        if record is None:
            notify.info(
                f"There is no {self.kind.label.lower()} to repeat yet: log one with New record.",
                self,
            )
            return
        self.repeat(record.id)

    def repeat_shortcut(self) -> None:
        """Ctrl+R: the selected record, or the newest of the kind when none is selected."""
        if self.selected_record() is not None:
            self.repeat_selected()
        else:
            self.repeat_last()

    def repeat(self, record_id: str) -> None:
        self.open_record(None, repeat_of=record_id)

    def open_record(self, record_id: str | None, *, repeat_of: str | None = None) -> None:
        from secor_desktop.gui.editors import open_record_editor

        try:
            if repeat_of is not None:
                saved = open_record_editor(
                    self, self.services, self.kind, None, repeat_of=repeat_of
                )
            else:
                saved = open_record_editor(self, self.services, self.kind, record_id)
        except NotImplementedError:
            notify.info(
                "The record editors are not in this version yet. Records can be viewed here; "
                "use the command line to add them for now.",
                self,
            )
            return
        if saved:
            self.records_changed.emit()
            self.refresh()

    def sort_by(self, column: int, descending: bool) -> None:
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(column, order)
