"""Automatic backups while the app is open: every 30 minutes of use, and once at quit.

Each runs off the GUI thread. ``BackupService.backup_if_due`` decides whether one is needed
(nothing is written when nothing was saved since the newest backup).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from secor_desktop.gui import crash, notify
from secor_desktop.gui.background import Background
from secor_desktop.services.backups import AUTO_INTERVAL, BackupInfo, BackupService
from secor_desktop.services.errors import KnownError

log = logging.getLogger("secor_desktop.gui")


class AutoBackup(QObject):
    made = Signal(object)  # the BackupInfo of a backup just written

    def __init__(
        self,
        backups: BackupService,
        tasks: Background,
        parent: QObject | None = None,
        interval: timedelta = AUTO_INTERVAL,
    ) -> None:
        super().__init__(parent)
        self.backups = backups
        self.tasks = tasks
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(int(interval.total_seconds() * 1000))
        self.timer.timeout.connect(self.run_due)

    def start(self) -> None:
        self.timer.start()

    def run_due(self) -> None:
        """The periodic backup (skipped while one is still being made)."""
        if self.running:
            return
        self.running = True
        self.tasks.run(self.backups.backup_if_due, self._done, self._failed)

    def _done(self, info: BackupInfo | None) -> None:
        self.running = False
        if info is not None:
            notify.info(f"Backup made: {info.path.name}")
            self.made.emit(info)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        if isinstance(exc, KnownError):
            log.warning("automatic backup failed: %s", exc)
            notify.warning(f"The automatic backup could not be made. {exc}")
        else:
            crash.report(exc)

    def at_quit(self) -> None:
        """The last backup, after the window has closed: whatever was saved since the newest
        backup. Failures can only be logged (no window is left to tell)."""
        self.timer.stop()

        def op() -> BackupInfo | None:
            try:
                return self.backups.backup_if_due(interval=timedelta(0))
            except Exception:
                log.exception("the backup at quit failed")
                return None

        self.tasks.run(op, lambda _info: None, lambda _exc: None)
