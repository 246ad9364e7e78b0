"""Find any record by its words, whatever its kind (Ctrl+F from anywhere in the main window).

The full-text index answers as the user types (``services.search``); Enter in the box opens
the first result, Enter or a double-click on a result opens that one in its editor. The most
recently entered records come first, as in the lists.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.model import Record
from secor_desktop.domain.validation import ValidationError
from secor_desktop.gui.pages._forms import open_record
from secor_desktop.services.facade import Services

RESULT_LIMIT = 200
TYPING_PAUSE_MS = 200
RECORD_ROLE = Qt.ItemDataRole.UserRole
COL_KIND, COL_DATE, COL_TITLE, COL_WHERE, COL_STATE = range(5)
STATE_WORDS = {"draft": "Draft (not signed)", "signed": "Signed", "void": "Void"}
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchDialog(QDialog):
    """Search every record; open one with Enter."""

    records_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Find records")
        self.resize(900, 520)
        self.box = QLineEdit(self)
        self.box.setAccessibleName("Words to find")
        self.box.setPlaceholderText(
            "Type words from a title, a site, a name or what a record says, e.g. ladder"
        )
        self.box.setClearButtonEnabled(True)
        self.box.installEventFilter(self)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("How many records match")
        self.results = QTableWidget(0, 5, self)
        self.results.setHorizontalHeaderLabels(["Kind", "Date", "Title", "Found in", "State"])
        self.results.setAccessibleName("Records found")
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setWordWrap(False)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATE, QHeaderView.ResizeMode.ResizeToContents)
        self.results.cellDoubleClicked.connect(lambda row, _col: self.open_row(row))
        self.results.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        hint = QLabel("Enter opens the record; Esc closes this window.", self)
        layout.addWidget(hint)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.search)
        self.box.textChanged.connect(lambda _text: self.timer.start())
        self.summary.setText("Type at least one letter.")

    def search(self) -> None:
        """Run the search for what the box holds now (also run when typing pauses)."""
        self.timer.stop()
        text = self.box.text().strip()
        self.results.setRowCount(0)
        if not text:
            self.summary.setText("Type at least one letter.")
            return
        try:
            found = self.services.search.search(text, limit=RESULT_LIMIT)
        except ValidationError as exc:
            self.summary.setText(f"Cannot search for this: {exc}")
            return
        self.results.setRowCount(len(found.records))
        for row, record in enumerate(found.records):
            self._show(row, record, found.text)
        if not found.total:
            self.summary.setText(f"No record mentions “{text}”.")
        elif found.total > len(found.records):
            self.summary.setText(
                f"{found.total:,} records match; the {len(found.records)} newest are shown. "
                "Add a word to narrow it down."
            )
        else:
            n = found.total
            self.summary.setText(f"{n} record{'s match' if n != 1 else ' matches'}.")
        if found.records:
            self.results.selectRow(0)

    def _show(self, row: int, record: Record, text: str) -> None:
        kind = QTableWidgetItem(record.kind.label)
        kind.setData(RECORD_ROLE, record.id)
        self.results.setItem(row, COL_KIND, kind)
        self.results.setItem(row, COL_DATE, QTableWidgetItem(record.event_date.isoformat()))
        title = QTableWidgetItem(record.title)
        title.setToolTip(record.title)
        self.results.setItem(row, COL_TITLE, title)
        # Say why a record matched when the title does not show it (a checklist line, a note).
        where = "the title" if text.casefold() in record.title.casefold() else "its contents"
        self.results.setItem(row, COL_WHERE, QTableWidgetItem(where))
        state = STATE_WORDS.get(record.status.value, record.status.value)
        self.results.setItem(row, COL_STATE, QTableWidgetItem(state))

    def result_titles(self) -> list[str]:
        items = (self.results.item(r, COL_TITLE) for r in range(self.results.rowCount()))
        return [item.text() for item in items if item is not None]

    def open_row(self, row: int) -> bool:
        """Open the record on this row in its editor; True when something was saved."""
        item = self.results.item(row, COL_KIND)
        if item is None:
            return False
        record_id = str(item.data(RECORD_ROLE))
        kind = self.services.records.get(record_id).kind
        saved = open_record(self, self.services, kind, record_id)
        if saved:
            self.records_changed.emit()
            self.search()
        return saved

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in ENTER_KEYS:
                if watched is self.box:
                    if self.timer.isActive() or not self.results.rowCount():
                        self.search()
                    if self.results.rowCount():
                        self.results.setFocus()
                        self.open_row(max(self.results.currentRow(), 0))
                    return True
                if watched is self.results:
                    self.open_row(max(self.results.currentRow(), 0))
                    return True
            if watched is self.box and event.key() == Qt.Key.Key_Down and self.results.rowCount():
                self.results.setFocus()
                return True
        return super().eventFilter(watched, event)
