"""Questions asked at startup about a damaged database, just after the window has painted.

``PRAGMA quick_check`` reads the whole database file: on ten years of records that is seconds
(about one per 600 MB on the benchmark machine) that used to pass before the window showed. It
now runs once the window has painted, off the GUI thread (``IntegrityCheck``). After a clean
exit the window is usable at once. After an unclean exit (a crash, a kill, a power cut: the
lock file was left behind) the window shows the records but refuses every edit, saying the
database is being checked, until the check passes (``MainWindow.refuse_edits``): nothing can be
written to a file not yet known sound, so nothing typed can be lost to a restore. A damaged file
found is told in the same words and offered the same restore as before; declined, the program
closes without changing anything, as it says. A check that cannot run at all after an unclean
exit closes the program with the reason, as it did when the check ran before the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from secor_desktop.gui import crash, notify
from secor_desktop.services.backups import BackupService, CorruptDatabase, RestoreReport
from secor_desktop.services.errors import KnownError

log = logging.getLogger("secor_desktop.gui")

Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]
"""How background work is started: ``run(op, on_done, on_error)`` (``gui/background.py``)."""

DAMAGED_EXIT_CODE = 2
"""The program's exit code when it closes because the user declined to restore."""


def offer_restore(problem: str, backup: Path, parent: QWidget | None = None) -> bool:
    """Ask whether to restore ``backup`` over a damaged database (the default is no), over
    ``parent`` when the window is already there."""
    answer = QMessageBox.question(
        parent,
        "The database is damaged",
        f"{problem}\n\nRestore that backup now? The damaged file is kept aside, not deleted. "
        "Choose No to close the program without changing anything.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


UNPAINTED_MS = 5_000
"""A window that has not painted by then (started minimized, hidden by the desktop) gets its
check anyway."""


class _FirstPaint(QObject):
    """Calls ``then`` once, on the next turn of the event loop after the first paint of any
    part of ``window`` (an application-wide filter: children paint, not always the window),
    or after ``UNPAINTED_MS`` if it never paints."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.then = then
        self.fired = False
        QTimer.singleShot(UNPAINTED_MS, self, self.fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            QTimer.singleShot(0, self, self.fire)
        return False

    def fire(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if not self.fired:
            self.fired = True
            self.then()


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Run ``then`` once ``window`` has painted (at once when it is not visible)."""
    app = QCoreApplication.instance()
    if app is None or not window.isVisible():
        QTimer.singleShot(0, then)
        return
    app.installEventFilter(_FirstPaint(window, then))


class IntegrityCheck(QObject):
    """The startup ``quick_check``, run in the background once the window has painted.

    ``damaged`` is set when the file was found damaged and not restored: the program then
    quits (nothing is written, not even the backup at quit).
    """

    def __init__(
        self,
        backups: BackupService,
        window: QWidget,
        run: Runner,
        *,
        on_sound: Callable[[], None] | None = None,
        on_restored: Callable[[], None] | None = None,
        close_when_unchecked: bool = False,
    ) -> None:
        """``close_when_unchecked`` (after an unclean exit): a check that fails for any reason
        other than damage closes the program (exit code 2) instead of warning."""
        super().__init__(window)
        self.backups = backups
        self.window = window
        self.run_in_background = run
        self.on_sound = on_sound
        self.on_restored = on_restored
        self.close_when_unchecked = close_when_unchecked
        self.damaged = False
        self.done = False

    def start_after_paint(self) -> None:
        after_first_paint(self.window, self.run)

    def run(self) -> None:
        self.run_in_background(self.backups.check_database, self._sound, self._failed)

    def _sound(self, _result: object) -> None:
        self.done = True
        log.info("startup integrity check: the database is sound")
        if self.on_sound is not None:
            self.on_sound()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CorruptDatabase):
            self.done = True
            if self.close_when_unchecked:  # left exactly as it was, as before the window
                log.warning("startup integrity check could not run: %s", exc)
                self.damaged = True
                if isinstance(exc, KnownError):
                    notify.error(f"The database could not be checked. {exc}")
                else:
                    crash.report(exc)
                self._close()
            elif isinstance(exc, KnownError):
                notify.warning(f"The database could not be checked. {exc}")
            else:
                crash.report(exc)
            return
        log.warning("startup integrity check: %s", exc)
        self.damaged = True
        if exc.latest_backup is None:
            notify.error(str(exc))
            self._close()
        elif offer_restore(str(exc), exc.latest_backup, self.window):
            self._restore(exc.latest_backup)
        else:
            self._close()

    def _restore(self, archive: Path) -> None:
        from secor_desktop.gui.backups_dialog import restore_summary

        def done(report: RestoreReport) -> None:
            self.damaged = False
            self.done = True
            log.info("restored %s after the startup check found the database damaged", archive)
            notify.info(restore_summary(report))
            if self.on_restored is not None:
                self.on_restored()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KnownError):
                notify.error(f"The backup could not be restored. {exc}")
            else:
                crash.report(exc)
            self._close()

        self.run_in_background(lambda: self.backups.restore(archive), done, failed)

    def _close(self) -> None:
        self.done = True
        app = QApplication.instance()
        if app is not None:
            app.exit(DAMAGED_EXIT_CODE)
