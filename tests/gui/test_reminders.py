"""Reminders: at start and at the chosen time, in the tray or in a banner; the choices kept."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from pytestqt.qtbot import QtBot

from secor_desktop.gui import autostart
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages.today import TodayPage
from secor_desktop.gui.reminders import ReminderPrefs
from tests.conftest import SmallCompany


@pytest.fixture
def window(qtbot: QtBot, company: SmallCompany, tmp_path: Path) -> MainWindow:
    """A window on a company owing orientations and today's records, with no system tray."""
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(company.services, InlineBackground(), settings)
    window.reminders.has_tray = lambda: False
    qtbot.addWidget(window)
    return window


def test_at_start_the_banner_says_what_is_due(window: MainWindow) -> None:
    """Without a system tray, the start reminder shows in a banner at the top of the window."""
    window.start_reminders()
    assert window.banner.isVisibleTo(window)
    assert window.banner.text.text().startswith("Safety program: 2 overdue, 2 due today")
    assert "Orientation (Sam Okafor): overdue since 2026-04-01" in window.banner.text.text()


def test_no_reminder_at_start_right_after_the_first_run(window: MainWindow) -> None:
    """Started with remind_now=False (just set up), nothing is shown until the daily time."""
    window.start_reminders(remind_now=False)
    assert not window.banner.isVisibleTo(window)


def test_the_banner_opens_today(qtbot: QtBot, window: MainWindow) -> None:
    """The banner's Open Today button shows the Today page and hides the banner."""
    window.start_reminders()
    qtbot.mouseClick(window.banner.open_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.current_page(), TodayPage)
    assert not window.banner.isVisibleTo(window)


def test_the_daily_reminder_comes_once_at_the_chosen_time(qtbot: QtBot, window: MainWindow) -> None:
    """Before the time nothing more; once it has come, one reminder (and the pages worked
    out again for the new day), and not twice a day."""
    prefs = window.reminder_prefs
    prefs.set_remind_at(time(23, 59))  # the test clock says 17:00 UTC
    window.start_reminders()
    assert len(window.reminders.shown) == 1  # the one at start
    window.reminders.tick()
    assert len(window.reminders.shown) == 1
    prefs.set_remind_at(time(6, 0))
    with qtbot.waitSignal(window.reminders.day_started, timeout=1000):
        window.reminders.tick()
    window.reminders.tick()
    assert len(window.reminders.shown) == 2
    window.reminders.timer.stop()


def test_reminders_turned_off_say_nothing(window: MainWindow) -> None:
    """Off, neither the start reminder nor the daily one shows."""
    window.reminder_prefs.set_enabled(False)
    window.start_reminders()
    window.reminders.tick()
    assert window.reminders.shown == [] and not window.banner.isVisibleTo(window)
    window.reminders.timer.stop()


def test_with_a_tray_the_message_goes_there(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the desktop has a tray, the reminder is a tray message, not the banner."""
    messages: list[tuple[str, str]] = []

    class Tray:
        def showMessage(self, title: str, body: str, _icon: object) -> None:
            messages.append((title, body))

    window.reminders.has_tray = lambda: True
    monkeypatch.setattr(window.reminders, "_tray", lambda: Tray())
    window.reminders.remind()
    assert messages and messages[0][0].startswith("Safety program:")
    assert not window.banner.isVisibleTo(window)


def test_the_today_page_keeps_the_reminder_choices(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """Unticking the reminder and typing a time are kept in this computer's settings."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = TodayPage(company.services, InlineBackground(), prefs=ReminderPrefs(settings))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.remind_time.setFocus()
    page.remind_time.setSelectedSection(page.remind_time.Section.HourSection)
    qtbot.keyClicks(page.remind_time, "06")
    box = page.remind_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    prefs = ReminderPrefs(settings)
    assert prefs.remind_at() == time(6, 30)
    assert not prefs.enabled()


def test_start_with_the_computer_writes_and_removes_the_entry(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """Ticking the box writes the XDG autostart entry; unticking removes it."""
    page = TodayPage(
        company.services,
        InlineBackground(),
        prefs=ReminderPrefs(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)),
    )
    qtbot.addWidget(page)
    page.place = autostart.Place("linux", tmp_path, {"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    page.autostart_box.setChecked(False)
    page.autostart_box.click()
    entry = tmp_path / "cfg" / "autostart" / f"{autostart.DESKTOP_ID}.desktop"
    assert entry.is_file() and "Exec=" in entry.read_text()
    page.autostart_box.click()
    assert not entry.exists()
