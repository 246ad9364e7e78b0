"""The written program: every starter document, where the company stands with it, and the manual.

A new company's first blockers are its missing documents. Here each starter document shows its
state (not started, draft, signed, review due) and what requirement it answers; Start opens
the document editor filled from the company profile (nothing is saved until the owner saves),
Open opens the document already begun. "Print the program manual…" writes the signed
documents as one PDF, separate from the auditor's evidence pack.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import notify
from secor_desktop.gui.background import Background
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.evaluation.pages import heading
from secor_desktop.gui.fixes import Fix, prepared_editor
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import plain_label
from secor_desktop.services.errors import KnownError, NotFoundError, ValidationError
from secor_desktop.services.facade import Services
from secor_desktop.services.page_reads import ProgramSnapshot
from secor_desktop.services.program import ProgramEntry, ProgramState

COLUMNS = ["Document", "State", "Review due", "Answers"]
COL_TITLE, COL_STATE, COL_DUE, COL_ANSWERS = range(4)
ENTRY_ROLE = Qt.ItemDataRole.UserRole
STATE_COLOURS = {
    ProgramState.NOT_STARTED: "#52606d",
    ProgramState.DRAFT: "#b7791f",
    ProgramState.SIGNED: "#2f855a",
    ProgramState.REVIEW_DUE: "#c53030",
}


class _Table(QTableWidget):
    """Enter (or Return) on a row starts or opens its document, as a double-click does."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.entered.emit()
            return
        super().keyPressEvent(event)


class ProgramPage(QWidget):
    title = "Written program"
    records_changed = Signal()

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.loads = tasks.latest(self)
        self.entries: list[ProgramEntry] = []
        self.editor: RecordEditor | None = None

        intro = plain_label(
            "Your written safety program, one document at a time. Start a document from its "
            "starter, fill in its blanks, change the wording to fit how your company works, "
            "then sign it as the owner. Workers acknowledge it by signing too.",
            self,
        )
        intro.setWordWrap(True)
        self.table = _Table(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Starter documents")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (COL_TITLE, COL_STATE, COL_DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.entered.connect(self.activate)
        self.table.doubleClicked.connect(lambda _index: self.activate())
        self.table.currentCellChanged.connect(lambda *_: self._selected())

        self.requirement = plain_label("", self)
        self.requirement.setWordWrap(True)
        self.requirement.setAccessibleName("What the selected document answers")
        self.open_button = QPushButton("&Start…", self)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.activate)
        self.manual_button = QPushButton("Print the program &manual…", self)
        self.manual_button.setAutoDefault(False)
        self.manual_button.setToolTip(
            "Write every signed document as one 'Health and Safety Program' PDF"
        )
        self.manual_button.clicked.connect(self.choose_manual_file)
        self.summary = plain_label("", self)
        self.broken = plain_label("", self)
        self.broken.setWordWrap(True)
        self.broken.setStyleSheet("color: #b3261e;")
        self.broken.setAccessibleName("Starter documents that could not be read")

        top = QHBoxLayout()
        top.addWidget(heading("Written program", self))
        top.addStretch(1)
        top.addWidget(self.manual_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.requirement, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.broken)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.refresh()

    # --- showing ---------------------------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(records_changed=self.records_changed, loads=self.loads)

    def refresh(self) -> None:
        """Read every document's state off the GUI thread (one read), keeping the selection."""
        current = self.current_entry()
        keep = current.template.id if current else None

        def slow() -> None:
            if not self.entries:  # a refresh keeps the table it shows until the answer comes
                self.summary.setText("Loading the documents…")

        self.loads.run(self.services.pages.program, lambda s: self._show(s, keep), on_slow=slow)

    def _show(self, snapshot: ProgramSnapshot, keep: str | None) -> None:
        self.entries = snapshot.entries
        pack_names = snapshot.document_names
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            t = entry.template
            answers = "; ".join(pack_names.get(c, c) for c in t.covers) or "Good practice"
            cells = [
                t.title,
                entry.state.value.capitalize(),
                entry.review_due.isoformat() if entry.review_due else "",
                answers,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ENTRY_ROLE, entry)
                if column == COL_STATE:
                    item.setForeground(QBrush(QColor(STATE_COLOURS[entry.state])))
                self.table.setItem(row, column, item)
        counts = {s: sum(1 for e in self.entries if e.state is s) for s in ProgramState}
        self.summary.setText(
            f"{counts[ProgramState.SIGNED]} signed, {counts[ProgramState.DRAFT]} draft, "
            f"{counts[ProgramState.REVIEW_DUE]} due for review, "
            f"{counts[ProgramState.NOT_STARTED]} not started."
        )
        problems = snapshot.problems
        self.broken.setText(
            "Your own starter documents that could not be read (fix or remove the file): "
            + "; ".join(str(p) for p in problems)
            if problems
            else ""
        )
        self.broken.setVisible(bool(problems))
        ids = [e.template.id for e in self.entries]
        self.table.setCurrentCell(ids.index(keep) if keep in ids else 0, 0)
        self._selected()

    def current_entry(self) -> ProgramEntry | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.entries):
            return None
        return self.entries[row]

    def _selected(self) -> None:
        entry = self.current_entry()
        self.open_button.setEnabled(entry is not None)
        if entry is None:
            self.requirement.setText("")
            return
        started = entry.record_id is not None
        self.open_button.setText("&Open…" if started else "&Start…")
        self.open_button.setAccessibleName(
            f"{'Open' if started else 'Start'} the {entry.template.title}"
        )
        self.requirement.setText(f"Why: {entry.template.requirement}")

    # --- acting ----------------------------------------------------------------------------

    def activate(self) -> None:
        """Open the selected document, or start it from its starter (saved only on Save)."""
        entry = self.current_entry()
        if entry is None:
            return
        try:
            if entry.record_id is not None:
                editor: QWidget | None = RecordEditor(
                    self, self.services, RecordKind.DOCUMENT, entry.record_id
                )
            else:
                title, body = self.services.program.draft(entry.template.id)
                fields = {name: getattr(body, name) for name in body.__dataclass_fields__}
                fix = Fix("Start", new_kind=RecordKind.DOCUMENT, title=title, body_fields=fields)
                editor = prepared_editor(self, self.services, fix)
        except (NotFoundError, ValidationError) as exc:
            notify.warning(f"This document cannot be opened: {exc}", self)
            return
        assert isinstance(editor, RecordEditor)
        self.editor = editor
        editor.finished.connect(self._editor_closed)
        editor.open()  # window-modal, no nested event loop
        text = getattr(editor.form, "text", None)
        if isinstance(text, QWidget):
            text.setFocus()  # the document's words are what the owner works on

    def _editor_closed(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            saved = editor.saved_any
            editor.deleteLater()
            if saved:
                self.refresh()
                self.records_changed.emit()

    def choose_manual_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Print the program manual",
            str(Path.home() / "health-and-safety-program.pdf"),
            "PDF files (*.pdf)",
        )
        if name:
            self.write_manual(Path(name))

    def write_manual(self, out: Path) -> bool:
        """Write the manual to ``out``; say what was written, or why not."""
        if out.suffix.lower() != ".pdf":
            out = out.with_suffix(".pdf")
        try:
            manual = self.services.program.write_manual(out, self.services.framework())
        except (OSError, KnownError) as exc:
            notify.warning(f"The manual was not written to {out}: {exc}", self)
            return False
        drafts = len(manual.drafts_left_out)
        notify.info(
            f"Wrote {out.name}: {len(manual.documents)} signed document(s)"
            + (f"; {drafts} draft(s) left out until signed." if drafts else "."),
            self,
        )
        return True
