"""File > Prequalification pack…: one PDF and a folder of originals, made off the GUI thread.

The pack is checked and written in the background with a progress bar; Cancel stops it and
nothing is written (the service writes the PDF and the folder together, or neither). At the
end the dialog lists the files put in the folder and every part not included, with what to do,
and opens the PDF (``open_url``, a parameter so tests see what would open).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.gui import crash
from secor_desktop.gui.background import Background
from secor_desktop.gui.forms.errors import MessageLine
from secor_desktop.services.errors import UserError
from secor_desktop.services.evidence_pack import ExportCancelled
from secor_desktop.services.facade import Services
from secor_desktop.services.prequal import (
    PrequalSummary,
    UnverifiedDatabase,
    check_output,
    files_folder,
)

OpenUrl = Callable[[QUrl], object]
FOLDER_KEY = "prequal/folder"


class _Bridge(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    progressed = Signal(float, str)


def result_text(summary: PrequalSummary) -> str:
    """What was written and what was not, for the dialog's list."""
    lines = [f"In the folder {summary.folder.name}:"]
    lines += [f"  {name}" for name in summary.files] or ["  (no file)"]
    if summary.missing:
        lines.append("Not included (also listed on the first page):")
        lines += [
            f"• {m.part.number}. {m.part.label}: {m.reason} {m.what_to_do}" for m in summary.missing
        ]
    lines += [f"Check: {flag}" for flag in summary.flags]
    lines += [f"Warning: {warning}" for warning in summary.warnings]
    return "\n".join(lines)


class PrequalDialog(QDialog):
    written = Signal(object)  # the PrequalSummary of a finished pack

    def __init__(
        self,
        services: Services,
        tasks: Background,
        parent: QWidget | None = None,
        *,
        open_url: OpenUrl = QDesktopServices.openUrl,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.open_url = open_url
        self.settings = settings if settings is not None else QSettings()
        self.running = False
        self.summary: PrequalSummary | None = None
        self._cancel = threading.Event()
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._show_progress)
        self.setWindowTitle("Prequalification pack")
        self._build()
        self.resize(640, 480)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "For ISNetworld, Avetta, ComplyWorks or ContractorXchange: one PDF with your SECOR "
            "certificate, latest self-evaluation, injury statistics, WCB clearance letter, "
            "insurance certificate, safety manual and training matrix, and beside it a folder "
            "of the original files to upload. Anything missing is listed on its first page.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        today = self.services.ctx.clock.today().isoformat()
        self.path = QLineEdit(str(self._default_folder() / f"prequalification-{today}.pdf"), self)
        self.path.setAccessibleName("Save to")
        self.browse = QPushButton("&Browse…", self)
        self.browse.clicked.connect(self.choose_path)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        label = QLabel("&Save to:", self)
        label.setBuddy(self.path)
        form.addRow(label, where)
        self.folder_note = QLabel("", self)
        self.folder_note.setTextFormat(Qt.TextFormat.PlainText)
        self.folder_note.setWordWrap(True)
        form.addRow("", self.folder_note)
        self.path.textChanged.connect(self._path_changed)
        self._path_changed()

        self.message = MessageLine(self, collapse=True)  # hidden while there is no problem
        layout.addWidget(self.message)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("What was written")
        self.report.hide()
        layout.addWidget(self.report, 1)
        layout.addStretch(0)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.make_button = QPushButton("&Make pack", self)
        self.make_button.setDefault(True)
        self.cancel_button = QPushButton("Close", self)
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.make_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self._inputs: list[QWidget] = [self.path, self.browse, self.make_button]

    def _default_folder(self) -> Path:
        saved = self.settings.value(FOLDER_KEY)
        folder = Path(str(saved)) if saved else None
        if folder is None or not folder.is_dir():
            documents = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            folder = Path(documents) if documents else Path.home()
        return folder

    def _output(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def _path_changed(self) -> None:
        out = self._output()
        self.folder_note.setText(
            f"The original files go in the folder {files_folder(out).name} beside it."
            if out.name and self.path.text().strip()
            else ""
        )

    def choose_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the prequalification pack as", self.path.text(), "PDF files (*.pdf)"
        )
        if chosen:
            self.path.setText(chosen)

    def _show_problem(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    # --- the work ------------------------------------------------------------------------

    def start(self) -> None:
        if self.running:
            return
        if not self.path.text().strip():
            self._show_problem("Choose where to save the PDF ('Save to').")
            return
        out = self._output()
        try:
            check_output(out)  # a bad place is told at once, the keyboard left on the path
        except UserError as exc:
            self._show_problem(str(exc))
            self.path.setFocus()
            return
        self._show_problem(None)
        self._cancel.clear()
        self._set_running(True)
        self.report.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText("Starting…")
        service = self.services.prequal
        emit = self._bridge.progressed.emit
        cancelled = self._cancel.is_set

        def work() -> PrequalSummary:  # on a worker thread: no widgets here
            return service.export(out, progress=emit, cancelled=cancelled)

        self.tasks.run(work, self._done, self._failed)

    def _set_running(self, running: bool) -> None:
        self.running = running
        for widget in self._inputs:
            widget.setEnabled(not running)
        self.cancel_button.setText("Cancel" if running else "Close")
        self.cancel_button.setEnabled(True)

    def _show_progress(self, share: float, what: str) -> None:
        self.progress.setValue(round(share * 100))
        if not self._cancel.is_set():
            self.status.setText(f"{what}…" if share < 1 else "Done.")

    def reject(self) -> None:
        """Cancel stops the work under way (its result comes back here); else it closes."""
        if self.running:
            self._cancel.set()
            self.status.setText("Cancelling…")
            self.cancel_button.setEnabled(False)
            return
        super().reject()

    def _done(self, summary: PrequalSummary) -> None:
        self._set_running(False)
        self.summary = summary
        self.settings.setValue(FOLDER_KEY, str(summary.path.parent))
        self.progress.setValue(100)
        missing = len(summary.missing)
        self.status.setText(
            f"Wrote {summary.path} ({summary.pages} pages) and {len(summary.files)} file(s) in "
            f"{summary.folder.name}."
            + (f" {missing} part(s) not included: see below." if missing else "")
        )
        self.report.setPlainText(result_text(summary))
        self.report.show()
        self.cancel_button.setFocus()  # done: Enter closes
        self.written.emit(summary)
        self.open_url(QUrl.fromLocalFile(str(summary.path)))

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self.progress.hide()
        self.status.setText("")
        self.path.setFocus()  # the inputs were disabled while it ran: the keyboard comes back
        if isinstance(exc, ExportCancelled):
            self.status.setText("Cancelled: nothing was written.")
        elif isinstance(exc, UnverifiedDatabase):
            self._show_problem(
                f"No pack was written: the integrity check found {len(exc.problems)} "
                "problem(s), listed below. Restore the latest backup (File > Backups)."
            )
            self.report.setPlainText("\n".join(f"• {p}" for p in exc.problems))
            self.report.show()
        elif isinstance(exc, UserError):
            self._show_problem(str(exc))
        else:
            self.status.setText("The pack failed: nothing was written.")
            crash.report(exc, self)
