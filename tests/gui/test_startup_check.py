"""The startup integrity check: after the window has painted. When the lock file shows that the
last run was killed, the window refuses every edit until the check has passed. A damaged file
is told and offered the latest backup in both cases, as it always was."""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from secor_desktop.app import gui_launch
from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.data_lock import boot_id, lock_path, machine_id
from secor_desktop.app.paths import AppPaths
from secor_desktop.gui import application
from secor_desktop.gui.auto_backup import AutoBackup
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.startup import DAMAGED_EXIT_CODE, IntegrityCheck
from secor_desktop.services.clock import FixedClock
from tests.conftest import SmallCompany

RECORDS = 60


@pytest.fixture
def damaged(company: SmallCompany) -> AppPaths:
    """Sixty records and one good backup, then garbage over pages in the middle of the file:
    still recognisably our database, but ``quick_check`` finds it damaged."""
    for i in range(RECORDS):
        company.inspection(f"Inspection {i}")
    company.services.backups.make()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    db = company.services.locations.database
    data = bytearray(db.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle : middle + 4 * 4096] = random.Random(3).randbytes(4 * 4096)
    db.write_bytes(bytes(data))
    return AppPaths(company.services.locations.data_dir)


def main_window_shown() -> bool:
    return any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets())


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[bool]:
    """Answer every question with ``button``; records, per question, whether the main window
    was on screen when it was asked."""
    asked_with_window: list[bool] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        assert "damaged" in text and "Restore that backup now?" in text
        asked_with_window.append(main_window_shown())
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked_with_window


def run_until_checked(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand in for the event loop: wait for the window and its integrity check, then quit
    with the code the program asked for."""
    app = application.make_app()
    exit_codes: list[int] = []
    monkeypatch.setattr(app, "exit", lambda code=0: exit_codes.append(code))

    def loop() -> int:
        qtbot.waitUntil(main_window_shown, timeout=10_000)
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        check = window.findChild(IntegrityCheck)
        assert check is not None
        qtbot.waitUntil(lambda: check.done, timeout=10_000)
        window.close()
        window.deleteLater()
        return exit_codes[-1] if exit_codes else 0

    monkeypatch.setattr(app, "exec", loop)


def leave_a_killed_runs_lock(data_dir: Path) -> None:
    """The lock file a run killed with SIGKILL leaves behind: its process is gone."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    holder = [str(gone.pid), "python3", socket.gethostname(), machine_id(), boot_id()]
    lock_path(data_dir).write_text("\n".join(holder) + "\n")


def test_damaged_file_found_after_paint_is_restored_when_the_user_agrees(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, damaged: AppPaths, clock: FixedClock
) -> None:
    """Clean last exit: the window paints first, then the check finds the damage and the
    restore the user agrees to brings every record back."""
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    run_until_checked(qtbot, monkeypatch)
    assert gui_launch.launch_gui(damaged) == 0
    assert asked == [True]  # asked once, over the painted main window
    reopened = open_services(damaged, clock)
    assert len(reopened.records.find()) == RECORDS


def test_damaged_file_found_after_paint_closes_untouched_when_the_user_declines(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, damaged: AppPaths
) -> None:
    """Declined: the program closes as the question says, the file is left byte for byte
    and no backup of the damaged file is attempted at quit."""
    before = damaged.database.read_bytes()
    backups = sorted((damaged.data_dir / "backups").iterdir())
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    run_until_checked(qtbot, monkeypatch)
    assert gui_launch.launch_gui(damaged) == DAMAGED_EXIT_CODE
    assert asked == [True]
    assert damaged.database.read_bytes() == before
    assert sorted((damaged.data_dir / "backups").iterdir()) == backups


def test_after_an_unclean_exit_damage_is_found_over_a_window_that_refused_edits(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, damaged: AppPaths
) -> None:
    """A lock file left by a killed run: the damage is found after the paint, over a window
    that refused edits; declining closes it and leaves the file byte for byte."""
    leave_a_killed_runs_lock(damaged.data_dir)
    before = damaged.database.read_bytes()
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    refused: list[bool] = []
    answered = QMessageBox.question

    def asked_over(parent: object, title: str, text: str, *args: object) -> object:
        refused.append(isinstance(parent, MainWindow) and parent.edits_refused())
        return answered(parent, title, text, *args)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(asked_over))
    run_until_checked(qtbot, monkeypatch)
    assert gui_launch.launch_gui(damaged) == DAMAGED_EXIT_CODE
    assert asked == [True]
    assert refused == [True]
    assert damaged.database.read_bytes() == before


def gate_the_check(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold ``check_database`` (the startup ``quick_check``) until the event is set."""
    from secor_desktop.services.backups import BackupService

    go = threading.Event()
    check = BackupService.check_database

    def held(self: BackupService, *args: object, **kwargs: object) -> object:
        assert go.wait(10)
        return check(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(BackupService, "check_database", held)
    return go


def test_after_an_unclean_exit_edits_wait_for_the_check(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, company: SmallCompany
) -> None:
    """Killed last run, sound file: the window shows at once saying it is checking, with the
    pages and New record disabled (Ctrl+N opens nothing); once the check passes they work."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    data = AppPaths(company.services.locations.data_dir)
    leave_a_killed_runs_lock(data.data_dir)
    monkeypatch.setattr(AutoBackup, "at_quit", lambda self: None)
    go = gate_the_check(monkeypatch)
    app = application.make_app()
    seen: dict[str, object] = {}

    def loop() -> int:
        qtbot.waitUntil(main_window_shown, timeout=10_000)
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        check = window.findChild(IntegrityCheck)
        assert check is not None
        qtbot.wait(200)  # painted, the check started and held
        seen["while"] = (
            window.edits_refused(),
            window.stack.isEnabled(),
            window.new_action.isEnabled(),
            window.checking_label.isVisible(),
            "checking the database" in window.checking_label.text().lower(),
        )
        # what Ctrl+N opens: windows shown after it that were not before (a window an earlier
        # test left behind is not this start's doing)
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        seen["dialogs"] = [
            w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before
        ]
        go.set()
        qtbot.waitUntil(lambda: check.done, timeout=10_000)
        seen["after"] = (
            window.edits_refused(),
            window.stack.isEnabled(),
            window.new_action.isEnabled(),
            window.checking_label.isVisible(),
        )
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(app, "exec", loop)
    assert gui_launch.launch_gui(data) == 0
    assert seen["while"] == (True, False, False, True, True)
    assert seen["dialogs"] == []  # Ctrl+N opened nothing
    assert seen["after"] == (False, True, True, False)


def test_after_a_clean_exit_edits_do_not_wait_for_the_check(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, company: SmallCompany
) -> None:
    """Clean last run: the window is usable while the check is still running."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    data = AppPaths(company.services.locations.data_dir)
    monkeypatch.setattr(AutoBackup, "at_quit", lambda self: None)
    go = gate_the_check(monkeypatch)
    app = application.make_app()
    seen: list[bool] = []

    def loop() -> int:
        qtbot.waitUntil(main_window_shown, timeout=10_000)
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        check = window.findChild(IntegrityCheck)
        assert check is not None
        qtbot.wait(200)
        seen.extend([window.edits_refused(), window.stack.isEnabled(), check.done])
        go.set()
        qtbot.waitUntil(lambda: check.done, timeout=10_000)
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(app, "exec", loop)
    assert gui_launch.launch_gui(data) == 0
    assert seen == [False, True, False]


def test_sound_file_after_paint_makes_the_startup_backup(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, company: SmallCompany
) -> None:
    """A sound file: nothing is asked, and the day's backup follows the check."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    data = AppPaths(company.services.locations.data_dir)
    monkeypatch.setattr(AutoBackup, "at_quit", lambda self: None)  # only the startup one
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    run_until_checked(qtbot, monkeypatch)
    assert gui_launch.launch_gui(data) == 0
    assert asked == []
    assert len(list((data.data_dir / "backups").iterdir())) == 1


def test_after_first_paint_runs_once_after_the_window_paints(qtbot: QtBot) -> None:
    """The check starts once, after the first paint, however often the window repaints."""
    from PySide6.QtWidgets import QLabel

    from secor_desktop.gui.startup import after_first_paint

    window = QLabel("painted")
    qtbot.addWidget(window)
    painted: list[bool] = []
    window.paintEvent = lambda event: painted.append(True)  # type: ignore[method-assign]
    window.show()
    calls: list[bool] = []
    after_first_paint(window, lambda: calls.append(bool(painted)))
    for _ in range(3):
        window.repaint()
    qtbot.waitUntil(lambda: bool(calls), timeout=3000)
    qtbot.wait(50)
    assert calls == [True]
