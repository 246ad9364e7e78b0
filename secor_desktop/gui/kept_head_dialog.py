"""File → Check against a kept head…: is the chain the one whose head you wrote down?

The head is typed or pasted as printed on a pack's cover (two lines of 32 characters, with or
without the count); the check runs in the background and its answer is shown in words, the
same sentences ``secor-desktop verify --expect-head`` prints.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kept_head import KeptHeadError, parse_kept_head
from secor_desktop.gui.background import Background, report_failure
from secor_desktop.services.facade import Services
from secor_desktop.services.kept_head import HeadReport

INTRO = (
    "Type or paste the chain head you kept — from the cover of an evidence pack you gave "
    "your auditor, or from an earlier check — as the 64-character hash, optionally followed "
    "by :COUNT (the number of revisions it was taken after). Spaces and line breaks do not "
    "matter. The check tells you whether this database still holds exactly those revisions."
)


class KeptHeadDialog(QDialog):
    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.setWindowTitle("Check against a kept head")
        self.resize(640, 420)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.head_edit = QPlainTextEdit()
        self.head_edit.setAccessibleName("Kept head")
        self.head_edit.setPlaceholderText("8bc695c9fec6297843e5fecb8fba8c5f…:1219")
        self.head_edit.setTabChangesFocus(True)
        self.head_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.head_edit.setMaximumHeight(80)
        label = QLabel("&Kept head:")
        label.setBuddy(self.head_edit)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setAccessibleName("Result")
        self.answer.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = QPushButton("&Check")
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.check_button.setToolTip("Check (Ctrl+Enter)")
        # Enter starts the cover's second line; Ctrl+Enter checks from the text box.
        QShortcut(QKeySequence("Ctrl+Return"), self, self.check)
        self._refocus = False
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.head_edit)
        layout.addWidget(self.answer, 1)
        layout.addWidget(buttons)
        # Only once all are in the dialog: text box, Check, then Close.
        QWidget.setTabOrder(self.head_edit, self.check_button)
        QWidget.setTabOrder(self.check_button, close)
        self.head_edit.setFocus()

    def check(self) -> None:
        """Read the head; a bad one is answered at once, a good one checked in the background."""
        try:
            kept = parse_kept_head(self.head_edit.toPlainText())
        except KeptHeadError as exc:
            self._show(str(exc), ok=None)
            return
        self._refocus = self.check_button.hasFocus()  # disabling it moves the focus away
        self.check_button.setEnabled(False)
        self._show("Checking every revision against the kept head…", ok=None)
        services = self.services
        self.tasks.run(lambda: services.check_kept_head(kept), self._done, self._failed)

    def _done(self, report: HeadReport) -> None:
        self._ready()
        self._show("\n\n".join(report.lines), ok=report.ok)

    def _failed(self, exc: BaseException) -> None:
        self._ready()
        report_failure(exc)
        self._show("The check could not run.", ok=False)

    def _ready(self) -> None:
        self.check_button.setEnabled(True)
        if self._refocus:
            self.check_button.setFocus()

    def _show(self, text: str, ok: bool | None) -> None:
        colour = {True: "#1b5e20", False: "#b71c1c", None: ""}[ok]
        self.answer.setStyleSheet(f"color: {colour};" if colour else "")
        self.answer.setText(text)
