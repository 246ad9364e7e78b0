"""File > Backups…, the automatic backups while the app is open, and the startup offer to
restore a damaged database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from secor_desktop.app import gui_launch
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.auto_backup import AutoBackup
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.backups_dialog import RECORDS, BackupsDialog
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.notify import RecordingNotifier
from secor_desktop.gui.pages.dashboard import DashboardPage
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany

Yes, Cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    """Answer every question box with ``button``; returns the questions' texts."""
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def dialog(qtbot: QtBot, company: SmallCompany) -> BackupsDialog:
    company.inspection()
    company.services.backups.make()
    widget = BackupsDialog(company.services.backups, InlineBackground())
    qtbot.addWidget(widget)
    return widget


def test_lists_backups_with_date_size_and_record_counts(dialog: BackupsDialog) -> None:
    """One row per backup: when it was made, its size and how many records it holds."""
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells[0].startswith("2026-11-0") and cells[1].endswith("KB")
    assert cells[RECORDS] == "1"
    assert "Inspection: 1" in dialog.table.item(0, 0).toolTip()


def test_back_up_now_adds_a_backup(
    dialog: BackupsDialog, clock: FixedClock, messages: RecordingNotifier
) -> None:
    """'Back up now' writes a backup and lists it first."""
    clock.advance(timedelta(minutes=5))
    dialog.backup_button.click()
    assert dialog.table.rowCount() == 2
    assert any("Backup written" in t for t in messages.texts("info"))


def test_restore_cancelled_changes_nothing(
    dialog: BackupsDialog, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restore asks first, naming the 'before-restore' archive; Cancel leaves all as it was."""
    company.inspection("Made after the backup")
    asked = answer(monkeypatch, Cancel)
    dialog.restore_button.click()
    assert "'before-restore' backup" in asked[0] and "replaced" in asked[0]
    assert len(company.services.records.find()) == 2
    assert dialog.table.rowCount() == 1


def test_restore_from_the_window_brings_back_the_backup_and_refreshes_pages(
    qtbot: QtBot,
    company: SmallCompany,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """File > Backups…, Restore, Yes: the backup's records are back, the current data is kept
    as a before-restore backup, and the dashboard shows the restored counts."""
    company.services.backups.make()
    company.inspection("Made after the backup")
    clock.advance(timedelta(minutes=1))
    window = MainWindow(company.services, InlineBackground())
    qtbot.addWidget(window)
    dashboard = window.current_page()
    assert isinstance(dashboard, DashboardPage)
    row = list(RecordKind).index(RecordKind.INSPECTION)
    assert dashboard.table.item(row, 1).text() == "1"
    answer(monkeypatch, Yes)

    def exec_restoring(self: BackupsDialog) -> int:
        self.table.selectRow(0)
        self.restore_button.click()
        return 0

    monkeypatch.setattr(BackupsDialog, "exec", exec_restoring)
    assert window.backups_action.text() == "&Backups…"
    window.backups_action.trigger()
    assert company.services.records.find() == []
    names = [b.path.name for b in company.services.backups.list()]
    assert any("before-restore" in n for n in names)
    assert dashboard.table.item(row, 1).text() == "0"


def test_automatic_backup_runs_when_due(company: SmallCompany, clock: FixedClock) -> None:
    """The 30-minute timer's tick backs up what was saved since the last backup."""
    auto = AutoBackup(company.services.backups, InlineBackground())
    assert auto.timer.interval() == 30 * 60 * 1000
    company.services.backups.make()
    company.inspection()
    clock.advance(timedelta(minutes=31))
    auto.run_due()
    assert len(company.services.backups.list()) == 2


def test_backup_at_quit_ignores_the_interval(company: SmallCompany, clock: FixedClock) -> None:
    """At quit, anything saved since the newest backup is backed up, however recent it is."""
    auto = AutoBackup(company.services.backups, InlineBackground())
    company.services.backups.make()
    company.inspection()
    clock.advance(timedelta(minutes=2))
    auto.at_quit()
    assert len(company.services.backups.list()) == 2
    assert not auto.timer.isActive()


def test_failed_automatic_backup_is_a_warning(
    company: SmallCompany, messages: RecordingNotifier
) -> None:
    """A backup that cannot be written (its folder is a file) is told as a warning."""
    company.inspection()
    company.services.backups.folder.write_text("not a folder")
    AutoBackup(company.services.backups, InlineBackground()).run_due()
    assert any("automatic backup could not be made" in t for t in messages.texts("warning"))


@pytest.fixture
def damaged(company: SmallCompany) -> AppPaths:
    """A data folder with one good backup and a database overwritten with garbage."""
    services: Services = company.services
    company.inspection()
    services.backups.make()
    services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    services.locations.database.write_bytes(b"garbage" * 2000)
    return AppPaths(services.locations.data_dir)


def test_damaged_database_at_startup_restores_when_the_user_agrees(
    damaged: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user is asked, says Yes: the latest backup is restored and the app opens on it."""
    asked = answer(monkeypatch, Yes)
    services = gui_launch.open_checked(damaged)
    assert services is not None and len(services.records.find()) == 1
    assert "damaged" in asked[0]


def test_damaged_database_at_startup_is_left_alone_when_the_user_declines(
    damaged: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user says No: nothing is opened and the damaged file is untouched."""
    answer(monkeypatch, QMessageBox.StandardButton.No)
    assert gui_launch.open_checked(damaged) is None
    assert damaged.database.read_bytes() == b"garbage" * 2000


def test_data_folder_in_a_sync_folder_is_warned_about_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: RecordingNotifier
) -> None:
    """Starting on a folder inside Dropbox shows one warning, then the app runs."""
    started: list[Services] = []
    monkeypatch.setattr(
        gui_launch, "run_gui", lambda services, _i, **_kw: started.append(services) or 0
    )
    assert gui_launch.launch_gui(AppPaths(tmp_path / "Dropbox" / "secor")) == 0
    assert len(started) == 1
    warnings = messages.texts("warning")
    assert len(warnings) == 1 and "Dropbox" in warnings[0]


def test_dialog_stays_open_while_a_restore_runs(dialog: BackupsDialog) -> None:
    """Close (or Escape) is refused while work is under way, so its result has a dialog."""
    dialog.show()
    dialog._set_busy(True, "Restoring…")
    dialog.reject()
    assert dialog.isVisible() and "still running" in dialog.status.text()
    dialog._set_busy(False)
    dialog.reject()
    assert not dialog.isVisible()


def test_opening_the_app_leaves_the_daily_backup_to_the_window(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    """Opening the data folder makes no backup (that would keep the window from showing for
    tens of seconds on a large file); the window's first AutoBackup tick, in the background,
    makes the one that is due."""
    company.inspection()
    data = AppPaths(company.services.locations.data_dir)
    assert company.services.backups.list() == []
    opened = gui_launch.open_checked(data)
    assert opened is not None
    assert opened.backups.list() == []
    opened.backups.clock = clock
    AutoBackup(opened.backups, InlineBackground()).run_due()
    assert len(opened.backups.list()) == 1


def test_restore_check_counts_up_to_its_end_in_a_bar(
    dialog: BackupsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a restore checks the records, a bar counts what is checked, up to the total."""
    from secor_desktop.services import integrity

    monkeypatch.setattr(integrity, "PROGRESS_EVERY", 1)
    answer(monkeypatch, Yes)
    shown: list[tuple[int, int, str]] = []
    bar = dialog.check_bar
    bar.valueChanged.connect(lambda v: shown.append((v, bar.maximum(), bar.text())))
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    assert len(shown) > 3
    assert [v for v, _, _ in shown] == sorted(v for v, _, _ in shown)
    last, total, text = shown[-1]
    assert last == total > 3
    assert text == f"{total:,} of {total:,} checked"
    assert dialog.check_bar.isHidden()  # the restore is over: its summary replaces the bar
