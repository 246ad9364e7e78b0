"""File > Export evidence pack…: choose what the auditor gets, then write the PDF in the background.

The export runs off the GUI thread with a progress bar and a Cancel button; it writes to a
temporary file renamed into place at the end, so a cancelled or failed export leaves nothing
(and never a half-written pack). On success the PDF opens in the system viewer (``open_url``,
a parameter so tests can see what would open) and any warnings (text the PDF fonts cannot
show, a photo file missing) are listed in the dialog.

The service checks the database first: when the check fails, the problems are listed here
and nothing is written, unless the user ticks the UNVERIFIED box (then each page says so).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QSize, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.frameworks import AuditType, FrameworkPack
from secor_desktop.gui import crash
from secor_desktop.gui.background import Background
from secor_desktop.gui.export_summary import notes_text, status_text
from secor_desktop.gui.forms.dates import date_edit, from_qdate
from secor_desktop.services.errors import UserError
from secor_desktop.services.evidence_pack import (
    ExportCancelled,
    PackSummary,
    UnverifiedDatabase,
    default_period,
)
from secor_desktop.services.facade import Services

OpenUrl = Callable[[QUrl], object]
AUDIT_TYPES = {
    AuditType.CERTIFICATION: "Certification audit",
    AuditType.MAINTENANCE: "Maintenance audit (years 2 and 3)",
    AuditType.RECERTIFICATION: "Recertification audit",
}
FOLDER_KEY = "export_pack/folder"
ERROR_STYLE = "color: #c53030;"


class _Bridge(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    progressed = Signal(float, str)


class ExportPackDialog(QDialog):
    exported = Signal(object)  # the PackSummary of a finished export

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
        self.framework: FrameworkPack = services.framework()
        self.open_url = open_url
        self.settings = settings if settings is not None else QSettings()
        self.running = False
        self.summary: PackSummary | None = None
        self._cancel = threading.Event()
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._show_progress)
        self.setWindowTitle("Export evidence pack")
        self._build()
        # Qt sizes a dialog from a minimum that ignores how tall wrapped labels get at the
        # width it ends up with, and then squeezes the element list under its own buttons:
        # open at the size the content was designed for (it fits a 1366x768 screen).
        self.resize(self.sizeHint())

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The PDF the auditor receives: cover, contents, readiness, eligibility, every "
            "element's documents and records, the registers, and an integrity appendix with a "
            "hash for every record so the auditor can check that nothing changed after signing.",
            self,
        )
        intro.setWordWrap(True)
        self.intro = intro
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)

        self.audit_type = QComboBox(self)
        for audit_type, text in AUDIT_TYPES.items():
            self.audit_type.addItem(text, audit_type)
        self.audit_type.setAccessibleName("Audit type")
        self.audit_type.setToolTip("Printed on the cover; sets the pass marks shown with scores")
        form.addRow(self._label("&Audit type:", self.audit_type), self.audit_type)

        start, end = default_period(self.services.ctx.clock.today())
        self.date_from = date_edit("Period from", start, self)
        self.date_to = date_edit("Period to", end, self)
        period = QHBoxLayout()
        period.addWidget(self.date_from)
        period.addWidget(QLabel("to", self))
        period.addWidget(self.date_to)
        period.addStretch(1)
        form.addRow(self._label("&Period:", self.date_from), period)

        self.elements = QListWidget(self)
        self.elements.setAccessibleName("Elements")
        self.elements.setToolTip("Untick an element to leave it out of the pack")
        for element in self.framework.elements:
            item = QListWidgetItem(f"{element.code}. {element.name}", self.elements)
            item.setData(Qt.ItemDataRole.UserRole, element.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.elements.setMinimumHeight(150)
        self.elements.setMaximumHeight(240)
        all_none = QVBoxLayout()
        self.all_button = QPushButton("A&ll", self)
        self.none_button = QPushButton("&None", self)
        self.all_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._check_all(Qt.CheckState.Unchecked))
        all_none.addWidget(self.all_button)
        all_none.addWidget(self.none_button)
        all_none.addStretch(1)  # beside the list, so the buttons can never cover it
        # The list and its buttons in a widget of their own, the buttons beside the list: as a
        # nested layout under the list, Qt could give the row less height than both need and
        # draw the buttons over the list.
        box = QWidget(self)
        column = QHBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.elements, 1)
        column.addLayout(all_none)
        box.setMinimumHeight(column.minimumSize().height())
        form.addRow(self._label("&Elements:", self.elements), box)

        self.full = QRadioButton("Every record in &full (fields, checklists, signatures)", self)
        self.summary_only = QRadioButton("&Registers only (a shorter summary pack)", self)
        self.full.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.full)
        group.addButton(self.summary_only)
        detail = QVBoxLayout()
        detail.addWidget(self.full)
        detail.addWidget(self.summary_only)
        form.addRow(QLabel("Detail:", self), detail)
        self.photos = QCheckBox("Include p&hotos (scaled to fit the page)", self)
        self.photos.setChecked(True)
        self.photos.setToolTip("Without photos the pack lists each file's name and hash")
        self.append_pdfs = QCheckBox(
            "Append a&ttached PDF documents (e.g. your safety manual)", self
        )
        self.append_pdfs.setToolTip(
            "Each PDF attached to a record follows the integrity appendix, page for page, "
            "after a page naming its record and the file's SHA-256"
        )
        self.summary_only.toggled.connect(self._detail_changed)
        form.addRow("", self.photos)
        form.addRow("", self.append_pdfs)
        self.drafts = QCheckBox(
            "Include &drafts and voided records, in an appendix (they are not evidence)", self
        )
        self.drafts.setToolTip(
            "By default the pack leaves out records never signed and records voided, and "
            "says how many on its cover"
        )
        form.addRow("", self.drafts)
        self.allow_unverified = QCheckBox(
            "Print even if the integrity check fails (every page marked &UNVERIFIED)", self
        )
        self.allow_unverified.setAccessibleName("Allow an unverified pack")
        self.unverified_warning = QLabel(
            "An UNVERIFIED pack is not evidence: the auditor's check (verify-pack) refuses it. "
            "Use it only to see what the records hold while you sort out the problems.",
            self,
        )
        self.unverified_warning.setWordWrap(True)
        self.unverified_warning.setStyleSheet(ERROR_STYLE)
        self.unverified_warning.hide()
        self.allow_unverified.toggled.connect(self.unverified_warning.setVisible)
        unverified = QVBoxLayout()
        unverified.addWidget(self.allow_unverified)
        unverified.addWidget(self.unverified_warning)
        form.addRow("", unverified)

        self.path = QLineEdit(str(self._default_path(end)), self)
        self.path.setAccessibleName("Save to")
        self.browse = QPushButton("&Browse…", self)
        self.browse.clicked.connect(self.choose_path)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form.addRow(self._label("&Save to:", self.path), where)

        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setAccessibleName("Problem")
        self.message.hide()
        layout.addWidget(self.message)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status)
        self.warnings = QPlainTextEdit(self)
        self.warnings.setReadOnly(True)
        self.warnings.setAccessibleName("Warnings")
        self.warnings.setMinimumHeight(56)  # it scrolls; the dialog must still fit 768 px
        self.warnings.hide()
        layout.addWidget(self.warnings, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QPushButton("E&xport", self)
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the export (nothing is written) or close this window")
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.reject)
        self._inputs: list[QWidget] = [
            self.audit_type,
            self.date_from,
            self.date_to,
            self.elements,
            self.all_button,
            self.none_button,
            self.full,
            self.summary_only,
            self.photos,
            self.append_pdfs,
            self.drafts,
            self.allow_unverified,
            self.path,
            self.browse,
            self.export_button,
        ]

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _detail_changed(self) -> None:
        """Registers only prints no record in full: no photos, no attached PDFs."""
        full = not self.summary_only.isChecked()
        self.photos.setEnabled(full)
        self.append_pdfs.setEnabled(full)

    def _check_all(self, state: Qt.CheckState) -> None:
        for row in range(self.elements.count()):
            item = self.elements.item(row)
            if item is not None:
                item.setCheckState(state)

    def _default_path(self, end: date) -> Path:
        saved = self.settings.value(FOLDER_KEY)
        folder = Path(str(saved)) if saved else None
        if folder is None or not folder.is_dir():
            documents = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            folder = Path(documents) if documents else Path.home()
        return folder / f"secor-evidence-pack-{end.isoformat()}.pdf"

    def sizeHint(self) -> QSize:
        return QSize(640, 620)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Reserve each wrapped text's real height at the width it has now.

        Qt's minimum for a wrapped label assumes some other width, so the dialog could end up
        shorter than its content and squeeze rows over each other (the All and None buttons
        over the element list, after an export listed warnings)."""
        super().resizeEvent(event)
        for label in (self.intro, self.unverified_warning, self.message, self.status):
            if label.isVisibleTo(self) and label.width() > 0:
                label.setMinimumHeight(label.heightForWidth(label.width()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.resizeEvent(QResizeEvent(self.size(), self.size()))

    def choose_path(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the evidence pack as", self.path.text(), "PDF files (*.pdf)"
        )
        if chosen:
            self.path.setText(chosen)

    # --- what was chosen -------------------------------------------------------------------

    def chosen_elements(self) -> list[str]:
        codes = []
        for row in range(self.elements.count()):
            item = self.elements.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                codes.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return codes

    def problem(self) -> str | None:
        """What is wrong with the choices, in words, or None."""
        start, end = from_qdate(self.date_from.date()), from_qdate(self.date_to.date())
        if start > end:
            return (
                f"The period starts on {start.isoformat()}, after it ends on "
                f"{end.isoformat()}: set 'Period from' on or before 'to'."
            )
        if not self.chosen_elements():
            return "Tick at least one element to put in the pack."
        text = self.path.text().strip()
        if not text:
            return "Choose where to save the PDF ('Save to')."
        folder = Path(text).expanduser().parent
        if not folder.is_dir():
            return f"The folder {folder} does not exist: choose another place to save the PDF."
        return None

    def _output(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def _show_problem(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    # --- the export ------------------------------------------------------------------------

    def start_export(self) -> None:
        if self.running:
            return
        trouble = self.problem()
        self._show_problem(trouble)
        if trouble:
            return
        out = self._output()
        every = [e.code for e in self.framework.elements]
        codes = self.chosen_elements()
        options = {
            "period_from": from_qdate(self.date_from.date()),
            "period_to": from_qdate(self.date_to.date()),
            "element_codes": None if codes == every else codes,
            "summary_only": self.summary_only.isChecked(),
            "include_photos": self.photos.isChecked() and not self.summary_only.isChecked(),
            "audit_type": AuditType(self.audit_type.currentData()),
            "include_drafts_and_voids": self.drafts.isChecked(),
            "append_pdfs": self.append_pdfs.isChecked() and not self.summary_only.isChecked(),
            "allow_unverified": self.allow_unverified.isChecked(),
        }
        self.settings.setValue(FOLDER_KEY, str(out.parent))
        self._cancel.clear()
        self._set_running(True)
        self.warnings.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText("Starting…")
        service = self.services.evidence_pack
        framework = self.framework
        emit = self._bridge.progressed.emit
        cancelled = self._cancel.is_set

        def work() -> PackSummary:  # on a worker thread: no widgets here
            return service.export(
                out,
                framework,
                progress=emit,
                cancelled=cancelled,
                invariant=False,  # a real export carries its real creation date
                **options,  # type: ignore[arg-type]
            )

        self.tasks.run(work, self._done, self._failed)

    def _set_running(self, running: bool) -> None:
        self.running = running
        for widget in self._inputs:
            widget.setEnabled(not running)
        if not running:
            self._detail_changed()
        self.cancel_button.setText("Cancel" if running else "Close")
        self.cancel_button.setEnabled(True)

    def _show_progress(self, share: float, what: str) -> None:
        self.progress.setValue(round(share * 100))
        if not self._cancel.is_set():
            self.status.setText(f"{what}…" if share < 1 else "Done.")

    def cancel_export(self) -> None:
        if self.running:
            self._cancel.set()
            self.status.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def reject(self) -> None:
        """Cancel stops an export under way (its result comes back here); else it closes."""
        if self.running:
            self.cancel_export()
            return
        super().reject()

    def _done(self, summary: PackSummary) -> None:
        self._set_running(False)
        self.summary = summary
        self.progress.setValue(100)
        self.status.setText(status_text(summary, self.drafts.isChecked()))
        notes = notes_text(summary)
        if notes:
            self.warnings.setPlainText(notes)
            self.warnings.show()
        self.exported.emit(summary)
        self.open_url(QUrl.fromLocalFile(str(summary.path)))

    def _failed(self, exc: BaseException) -> None:
        self._set_running(False)
        self.progress.hide()
        if isinstance(exc, ExportCancelled):
            self.status.setText("Cancelled: no file was written.")
        elif isinstance(exc, UnverifiedDatabase):
            self.status.setText("")
            self._show_problem(
                f"No pack was written: the integrity check found {len(exc.problems)} "
                "problem(s), listed below. Restore the latest backup (File > Backups), or tick "
                "'Print even if the integrity check fails' to print a pack marked UNVERIFIED."
            )
            self.warnings.setPlainText("\n".join(f"• {p}" for p in exc.problems))
            self.warnings.show()
        elif isinstance(exc, UserError):
            self.status.setText("")
            self._show_problem(str(exc))
        else:
            self.status.setText("The export failed: no file was written.")
            crash.report(exc, self)
