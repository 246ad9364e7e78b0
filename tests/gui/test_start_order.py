"""What a start does after its window has painted, in order: the Today page's first load, then
the start reminder's, never both at once (each works out the due list under the write lock;
on a large file one waited for the other until it failed with "database is busy")."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secor_desktop.app import gui_launch
from secor_desktop.app.paths import AppPaths
from secor_desktop.gui import application
from secor_desktop.gui.auto_backup import AutoBackup
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages.today import TodayPage
from secor_desktop.services.page_reads import PageReads
from tests.conftest import SmallCompany


def test_the_start_reminder_waits_for_the_today_pages_first_load(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, company: SmallCompany
) -> None:
    """Two due-list reads at start (the page's and the reminder's), one after the other, and
    the Today page is the one shown."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    data = AppPaths(company.services.locations.data_dir)
    monkeypatch.setattr(AutoBackup, "at_quit", lambda self: None)
    lock = threading.Lock()
    running = [0]
    calls: list[int] = []  # how many were running when each began
    today = PageReads.today

    def slow_today(self: PageReads, *args: object, **kwargs: object) -> object:
        with lock:
            running[0] += 1
            calls.append(running[0])
        try:
            time.sleep(0.3)  # long enough for a second read started beside it to overlap
            return today(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(PageReads, "today", slow_today)
    app = application.make_app()
    shown: list[object] = []

    def loop() -> int:
        window = None

        def up() -> bool:
            nonlocal window
            # the visible one: a window an earlier test closed may not be deleted yet
            window = next(
                (
                    w
                    for w in QApplication.topLevelWidgets()
                    if isinstance(w, MainWindow) and w.isVisible()
                ),
                None,
            )
            return window is not None

        qtbot.waitUntil(up, timeout=10_000)
        assert window is not None
        qtbot.waitUntil(lambda: len(calls) == 2 and running[0] == 0, timeout=10_000)
        qtbot.waitUntil(lambda: window.tasks.pending() == 0, timeout=10_000)
        shown.append(window.stack.currentWidget())
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(app, "exec", loop)
    assert gui_launch.launch_gui(data) == 0
    assert calls == [1, 1]
    assert isinstance(shown[0], TodayPage)
