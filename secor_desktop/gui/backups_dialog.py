"""File > Backups…: the backups with date, size and record counts; back up now; restore.

Restoring asks first and says what will happen: the data now in the program is kept as a
'before-restore' backup (so a restore can itself be undone), then the backup's records replace
it and are verified. The window refreshes every page afterwards (``restored``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import crash, notify
from secor_desktop.gui.background import Background
from secor_desktop.services.backups import BackupInfo, BackupService, RestoreReport

COLUMNS = ["Made", "Size", "Records", "Files", "Note"]
MADE, SIZE, RECORDS, FILES, NOTE = range(len(COLUMNS))


def when(info: BackupInfo) -> str:
    made = info.created_at
    return made.astimezone().strftime("%Y-%m-%d %H:%M") if made else "unknown"


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    raise AssertionError("unreachable")


def kind_label(kind: str) -> str:
    try:
        return RecordKind(kind).label
    except ValueError:
        return kind


def note(info: BackupInfo) -> str:
    if info.manifest is None:
        return f"Cannot be read: {info.problem}"
    parts = []
    if "before-restore" in info.path.name:
        parts.append("Data as it was before a restore")
    if info.manifest.chain_problems:
        parts.append(f"Record chain had {info.manifest.chain_problems} problem(s)")
    return "; ".join(parts)


def confirm_restore(parent: QWidget, archive: Path, made: str, records: int | None) -> bool:
    """Ask before anything is replaced, naming what happens to the current data."""
    counted = f" ({records} records)" if records is not None else ""
    answer = QMessageBox.question(
        parent,
        "Restore this backup?",
        f"Restore the backup made {made}{counted}?\n\n"
        "The records now in the program will be replaced by the ones in this backup. "
        "Your current data is kept first, as a 'before-restore' backup in the list, so you "
        "can go back to it by restoring that one.\n\n"
        f"Backup: {archive}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def restore_summary(report: RestoreReport) -> str:
    m = report.manifest
    text = (
        f"Restored the backup made {m.created_at.astimezone():%Y-%m-%d %H:%M} "
        f"({sum(m.record_counts.values())} records, {report.files_added} files added)."
    )
    if report.previous is not None:
        text += f"\nThe data it replaced is kept at {report.previous}."
    return text


class _Checking(QObject):
    """Lives on the GUI thread; the restore's closing check emits from the worker, Qt queues
    each call here."""

    told = Signal(int, int)


class BackupsDialog(QDialog):
    restored = Signal()

    def __init__(
        self, backups: BackupService, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backups = backups
        self.tasks = tasks
        self.setWindowTitle("Backups")
        self.busy = False
        self.checking = _Checking(self)
        self.checking.told.connect(self._show_checking)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A backup is made when the program starts, every 30 minutes while it is open and "
            "when it closes, if anything was saved since the last one. Each holds every "
            f"record, photo and signature, checked before it is kept.\nFolder: {backups.folder}",
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Backups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setStyleSheet("QTableWidget::item { padding: 0px 6px; }")
        self.table.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        layout.addWidget(self.table, 1)

        self.status = QLabel("", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # The restore's closing check reads every revision and record: at 100,000 records
        # that is long enough to wonder whether it hangs, so it counts up here.
        self.check_bar = QProgressBar(self)
        self.check_bar.setAccessibleName("Records checked")
        self.check_bar.hide()
        layout.addWidget(self.check_bar)

        row = QHBoxLayout()
        self.backup_button = QPushButton("&Back up now", self)
        self.restore_button = QPushButton("&Restore…", self)
        self.restore_button.setToolTip("Restore the selected backup")
        self.file_button = QPushButton("Restore from a &file…", self)
        self.file_button.setToolTip("Restore a backup kept elsewhere (a USB stick, another disk)")
        self.folder_button = QPushButton("&Open folder", self)
        for button in (self.backup_button, self.restore_button, self.file_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.folder_button)
        layout.addLayout(row)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_from_file)
        self.folder_button.clicked.connect(self.open_folder)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.found: list[BackupInfo] = []
        self.reload()

    def reject(self) -> None:
        """Closing waits for a backup or restore under way (its result comes back here)."""
        if self.busy:
            self.status.setText("Please wait: the backup or restore is still running.")
            return
        super().reject()

    def sizeHint(self) -> QSize:
        return QSize(820, 460)

    # --- the list ------------------------------------------------------------------------

    def reload(self) -> None:
        self.found = self.backups.list()
        self.table.setRowCount(len(self.found))
        for row, info in enumerate(self.found):
            m = info.manifest
            cells = [
                when(info),
                human_size(info.size),
                str(sum(m.record_counts.values())) if m else "",
                str(m.files) if m else "",
                note(info),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (SIZE, RECORDS, FILES):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(self._tooltip(info))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in (MADE, SIZE, RECORDS, FILES):  # room to breathe between the numbers
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 24)
        if self.found:
            self.table.selectRow(0)
        self.status.setText(
            f"{len(self.found)} backup(s)." if self.found else "No backups yet: make one now."
        )
        self._update_buttons()

    @staticmethod
    def _tooltip(info: BackupInfo) -> str:
        if info.manifest is None:
            return info.path.name
        counts = sorted(info.manifest.record_counts.items(), key=lambda kv: kind_label(kv[0]))
        lines = [info.path.name, *(f"{kind_label(k)}: {n}" for k, n in counts)]
        return "\n".join(lines)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.backup_button.setEnabled(not self.busy)
        self.file_button.setEnabled(not self.busy)
        self.restore_button.setEnabled(
            not self.busy and chosen is not None and chosen.manifest is not None
        )

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        if not busy:
            self.check_bar.hide()
        if text:
            self.status.setText(text)
        self._update_buttons()

    # --- actions -------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self._set_busy(True, "Making a backup…")

        def done(info: BackupInfo) -> None:
            self._set_busy(False)
            self.reload()
            self.status.setText(f"Backup written: {info.path}")
            notify.info(f"Backup written: {info.path}", self)

        self.tasks.run(self.backups.make, done, self._failed)

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.manifest is None or self.busy:
            return
        records = sum(chosen.manifest.record_counts.values())
        if confirm_restore(self, chosen.path, when(chosen), records):
            self.restore(chosen.path)

    def restore_from_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Restore a backup archive", str(self.backups.folder), "Backups (*.zip)"
        )
        if name and confirm_restore(self, Path(name), f"in {Path(name).name}", None):
            self.restore(Path(name))

    def restore(self, archive: Path) -> None:
        """Restore ``archive`` (already confirmed) off the GUI thread."""
        self._set_busy(True, "Restoring… (checking the archive, keeping the current data)")

        def done(report: RestoreReport) -> None:
            self._set_busy(False)
            self.reload()
            self.restored.emit()
            self.status.setText(restore_summary(report))
            if report.verify.ok:
                notify.info(restore_summary(report), self)
            else:
                problems = "\n".join(f"• {p}" for p in report.verify.problems[:10])
                notify.warning(
                    restore_summary(report)
                    + f"\n\nBut verify found {len(report.verify.problems)} problem(s):\n"
                    + problems,
                    self,
                )

        tell = self.checking.told.emit
        self.tasks.run(lambda: self.backups.restore(archive, tell), done, self._failed)

    def _show_checking(self, done: int, total: int) -> None:
        if self.busy and total:
            self.status.setText(f"Restoring… checking every record: {100 * done // total}%")
            self.check_bar.setRange(0, total)
            self.check_bar.setFormat(f"{done:,} of {total:,} checked")
            self.check_bar.setValue(done)
            self.check_bar.show()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.reload()
        crash.report(exc, self)

    def open_folder(self) -> None:
        self.backups.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups.folder)))
