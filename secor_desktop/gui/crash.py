"""Known errors versus bugs (after qutebrowser's ``misc/sql.py`` and Vorta's ExceptionDialog).

A failure the user can act on (disk full, read-only folder, locked or damaged database, input
the services refused) is told as a plain sentence. Anything else is a bug: it is logged with its
traceback and shown in a dialog with the version, the OS and a Copy button, so it can be sent.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop import __version__
from secor_desktop.domain.errors import UserError
from secor_desktop.gui import notify

log = logging.getLogger("secor_desktop.gui")

USER_ERRORS = (UserError,)
"""Refusals with a sentence for the user; everything else (``ValueError`` too) is a bug."""

_log_file: Path | None = None
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def details(exc: BaseException, log_file: Path | None = None) -> str:
    """The text a user copies into a bug report."""
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    lines = [
        f"SECOR Desktop {__version__}",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}",
        f"Log file: {log_file if log_file else 'not set'}",
        "",
        trace.rstrip(),
    ]
    return "\n".join(lines)


class CrashDialog(QDialog):
    def __init__(
        self, exc: BaseException, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("SECOR Desktop: something went wrong")
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The program hit an error it did not expect. What you saved before is safe; the "
            "action you were doing may not have finished. Please copy the details below and "
            "send them to the developers.",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlainText(details(exc, log_file))
        self.details.setAccessibleName("Error details")
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.details, 1)
        where = QLabel(f"The log file has these details too: {log_file or 'no log file'}", self)
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("&Copy details", self)
        self.copy_button.setAccessibleName("Copy error details to the clipboard")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.copy_button.setFocus()

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.details.toPlainText())


def set_log_file(path: Path | None) -> None:
    global _log_file
    _log_file = path


def show_crash_dialog(exc: BaseException, parent: QWidget | None = None) -> None:
    dialog = CrashDialog(exc, _log_file, parent)
    dialog.exec()
    dialog.deleteLater()


_show_crash: Callable[[BaseException, QWidget | None], None] = show_crash_dialog


def set_crash_presenter(
    presenter: Callable[[BaseException, QWidget | None], None],
) -> Callable[[BaseException, QWidget | None], None]:
    """Replace how bugs are shown (tests record them instead); returns the previous one."""
    global _show_crash
    previous, _show_crash = _show_crash, presenter
    return previous


def report(exc: BaseException, parent: QWidget | None = None) -> None:
    """Tell the user about ``exc``: a plain message if they can act on it, else a crash report."""
    # Imported here: the crash handler is installed before the first window, which should
    # not wait for the record model that validation brings.
    from secor_desktop.domain.validation import ValidationError

    if isinstance(exc, ValidationError):
        notify.warning(
            "This could not be saved:\n"
            + "\n".join(f"• {p.field}: {p.message}" for p in exc.problems),
            parent,
        )
    elif isinstance(exc, USER_ERRORS):
        notify.error(str(exc), parent)
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        _show_crash(exc, parent)


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report(exc)


def install_excepthook(log_file: Path | None) -> ExceptHook:
    """Send uncaught exceptions (in slots too) to ``report``; returns the previous hook."""
    set_log_file(log_file)
    previous = sys.excepthook
    sys.excepthook = excepthook
    return previous
