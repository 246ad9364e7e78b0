"""A record's revision history: every saved version, when it was entered, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.model import Record, RevisionInfo
from secor_desktop.gui.editors.fields import plain_label
from secor_desktop.services.facade import Services

FLAG_WORDS = {
    "late_entry": "Entered late (long after the event date)",
    "clock_backwards": "Computer clock went backwards",
}
COLUMNS = (
    "Revision",
    "Entered at",
    "Event date",
    "Reason for the change",
    "Flags",
    "First saved on",
)
CONFLICT = (
    "Changed on two laptops since they last exchanged: both versions are kept below. Choose "
    "the one to keep in File › Exchange with another laptop…"
)


def flag_words(flags: tuple[str, ...]) -> str:
    return "; ".join(FLAG_WORDS.get(f, f.replace("_", " ")) for f in flags)


def entered_text(info: RevisionInfo) -> str:
    """Local time, to the minute, with the UTC offset so an auditor can read it unambiguously."""
    return info.entered_at.astimezone().strftime("%Y-%m-%d %H:%M %z")


class HistoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, services: Services, record: Record) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History: {record.title}")
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        infos = services.records.history(record.id)
        signed = ", ".join(
            f"{s.signer_name} ({s.meaning.value}, {s.signed_at.astimezone():%Y-%m-%d %H:%M})"
            for s in record.signatures
        )
        summary = plain_label(
            f"{record.kind.label}: {record.title}\n"
            f"{len(infos)} revision(s). Signatures: {signed or 'none'}."
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        origins = services.exchange.item_origins("record", record.id)
        self.conflict_note = plain_label(CONFLICT if origins.in_conflict else "")
        self.conflict_note.setWordWrap(True)
        self.conflict_note.setStyleSheet("color: #b71c1c;")
        self.conflict_note.setVisible(origins.in_conflict)
        layout.addWidget(self.conflict_note)
        self.table = QTableWidget(len(infos), len(COLUMNS))
        self.table.setAccessibleName("Revisions")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        for row, info in enumerate(infos):
            reason = info.reason or ("created" if info.revision == 1 else "")
            cells = (
                str(info.revision),
                entered_text(info),
                info.event_date.isoformat() if info.event_date else "",
                reason,
                flag_words(info.flags),
                origins.saved_on.get(info.seq, "this laptop"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        for col in (0, 1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
