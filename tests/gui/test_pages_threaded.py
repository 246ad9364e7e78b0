"""Pages on a real thread pool: each loads off the GUI thread, shows nothing until its answer
comes back through the event loop, then shows it; actions asked for before then wait for it."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.background import SLOW_MS, Background
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages.actions import ActionsPage
from secor_desktop.gui.pages.record_list import RecordListPage
from secor_desktop.gui.pages.settings import SettingsPage
from secor_desktop.gui.pages.training_matrix import TrainingMatrixPage
from secor_desktop.gui.pages.workers import WorkersPage
from secor_desktop.services.page_reads import PageReads
from tests.conftest import SmallCompany


def test_the_workers_page_loads_on_a_thread(
    qtbot: QtBot, company: SmallCompany, threads: Background
) -> None:
    """The roster arrives after the page is built, through the event loop."""
    page = WorkersPage(company.services, threads)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0  # the answer has not been delivered yet
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert page.count.text() == "3 on the roster · 3 current"


def test_the_actions_page_loads_on_a_thread_and_shows_an_action_asked_for_early(
    qtbot: QtBot, company: SmallCompany, threads: Background
) -> None:
    """An action asked for while the board loads is selected once it has come."""
    action = company.services.actions.raise_action(
        "Clear the aisle", due_date=date(2026, 11, 9), owner_id=company.lead.id
    )
    page = ActionsPage(company.services, threads)
    qtbot.addWidget(page)
    page.show_action(action.id)
    assert page.model.rowCount() == 0
    qtbot.waitUntil(lambda: page.selected_action() is not None)
    selected = page.selected_action()
    assert selected is not None and selected.id == action.id
    assert page.summary.text() == "1 open, of which 0 overdue · 0 closed"


def test_the_training_matrix_loads_on_a_thread(
    qtbot: QtBot, company: SmallCompany, threads: Background
) -> None:
    """The matrix arrives after the page is built; ticking former workers loads it again."""
    page = TrainingMatrixPage(company.services, threads)
    qtbot.addWidget(page)
    assert page.summary.text() == ""
    qtbot.waitUntil(lambda: page.summary.text().startswith("As of 2026-11-02: 3 workers"))
    page.include_former.click()
    qtbot.waitUntil(lambda: threads.pending() == 0)
    assert page.summary.text().startswith("As of 2026-11-02: 3 workers")


def test_a_record_list_loads_on_a_thread(
    qtbot: QtBot, company: SmallCompany, threads: Background
) -> None:
    """The first page of records and the site filter's names arrive together."""
    for day in (date(2026, 10, 5), date(2026, 10, 12)):
        company.inspection(day=day)
    page = RecordListPage(company.services, threads, RecordKind.INSPECTION)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0 and page.site_combo.count() == 1
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.count_label.text() == "Showing 2 of 2 records"
    assert page.site_combo.itemText(1) == "Main yard"


def test_the_settings_page_loads_on_a_thread(
    qtbot: QtBot, company: SmallCompany, threads: Background
) -> None:
    """The saved profile arrives after the page is built, and the form then shows it saved."""
    page = SettingsPage(company.services, threads)
    qtbot.addWidget(page)
    assert page.saved is None and page.name.text() == ""  # not delivered yet
    qtbot.waitUntil(lambda: page.saved is not None)
    assert page.name.text() == company.services.company.get().name  # type: ignore[union-attr]
    assert not page.has_unsaved_changes()
    assert page.state_label.text() == "All changes saved."


def hold_workers_read(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the Workers page's read until the returned event is set (at most 10 s)."""
    release = threading.Event()
    real = PageReads.workers

    def held(reads: PageReads) -> object:
        release.wait(10)
        return real(reads)

    monkeypatch.setattr(PageReads, "workers", held)
    return release


def test_a_slow_load_says_it_is_loading_and_keeps_the_window_working(
    qtbot: QtBot,
    company: SmallCompany,
    threads: Background,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the roster read is held up the page says so, and the GUI thread stays free."""
    release = hold_workers_read(monkeypatch)
    page = WorkersPage(company.services, threads)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.count.text() == "Loading the roster…", timeout=SLOW_MS * 8)
    page.hide_former.click()  # the page answers while the read is still held
    assert page.hide_former.isChecked()
    release.set()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    assert page.count.text() == "3 on the roster · 3 current"


def test_every_page_of_the_window_loads_on_threads(
    qtbot: QtBot,
    company: SmallCompany,
    threads: Background,
    tmp_path: Path,
    crashes: list[BaseException],
) -> None:
    """Going down the sidebar with Ctrl+PgDown, every page is shown and its load answers."""
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(company.services, threads, settings)
    qtbot.addWidget(window)
    window.show()
    window.sidebar.setCurrentRow(0)
    for index, _title in enumerate(window.page_titles()):
        assert window.sidebar.currentRow() == index
        qtbot.waitUntil(lambda: threads.pending() == 0, timeout=10_000)
        assert window.stack.currentWidget() is window.page(index)
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.currentRow() == 0
    workers = window.page(window.page_titles().index("Workers"))
    assert isinstance(workers, WorkersPage) and workers.model.rowCount() == 3
    assert crashes == []


def workers_row(window: MainWindow) -> int:
    return window.page_titles().index("Workers")


def test_a_page_opened_for_the_first_time_comes_up_with_its_rows(
    qtbot: QtBot, company: SmallCompany, threads: Background, tmp_path: Path
) -> None:
    """No empty table flashes: when the workers page comes up, its roster is already in."""
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(company.services, threads, settings)
    qtbot.addWidget(window)
    window.show()
    rows_when_shown: list[int] = []

    def shown(_index: int) -> None:
        page = window.stack.currentWidget()
        if isinstance(page, WorkersPage):
            rows_when_shown.append(page.model.rowCount())

    window.stack.currentChanged.connect(shown)
    window.sidebar.setCurrentRow(workers_row(window))
    qtbot.waitUntil(lambda: rows_when_shown != [], timeout=5000)
    assert rows_when_shown == [3]


def test_a_slow_first_load_shows_the_page_saying_it_is_loading(
    qtbot: QtBot,
    company: SmallCompany,
    threads: Background,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The page before stays a moment; then the new page comes up and says it is loading."""
    release = hold_workers_read(monkeypatch)
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(company.services, threads, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: threads.pending() == 0, timeout=10_000)
    before = window.stack.currentWidget()
    window.sidebar.setCurrentRow(workers_row(window))
    page = window.page(workers_row(window))
    assert window.stack.currentWidget() is before
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=SLOW_MS * 8)
    assert isinstance(page, WorkersPage) and page.count.text() == "Loading the roster…"
    release.set()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)


def test_a_worker_added_on_threads_is_selected_after_the_window_refreshes(
    qtbot: QtBot, company: SmallCompany, threads: Background, tmp_path: Path
) -> None:
    """Save in "Add worker": the window's refresh that follows keeps the new worker chosen."""
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(company.services, threads, settings)
    qtbot.addWidget(window)
    window.show()
    page = window.select_page("Workers")
    assert isinstance(page, WorkersPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    dialog = page.add_worker()
    qtbot.keyClicks(dialog.name, "Bob Aaronson")
    qtbot.keyClicks(dialog.role, "Roofer")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    qtbot.waitUntil(lambda: threads.pending() == 0)
    chosen = page.selected_worker()
    assert chosen is not None and chosen.name == "Bob Aaronson"
