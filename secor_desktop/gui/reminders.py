"""Reminders: at start, and once a day at a chosen time while the program runs, say what is due.

The words come from ``domain.due_text.reminder`` (tested once for every front end). Where the
desktop has a system tray, Qt's tray message shows them (clicking it opens the Today page);
elsewhere (some Linux desktops, offscreen) a banner at the top of the main window does. The
choice (on/off and the time) is a preference of this computer, kept in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QWidget,
)

from secor_desktop.gui.background import Background

if TYPE_CHECKING:  # the first window paints before the due-date rules are imported
    from secor_desktop.domain.due import DueList
    from secor_desktop.domain.due_text import Reminder
    from secor_desktop.services.facade import Services

KEY_ENABLED = "reminders/enabled"
KEY_TIME = "reminders/time"
DEFAULT_TIME = time(7, 30)
CHECK_EVERY_MS = 60_000


class ReminderPrefs:
    """On/off (on by default) and the time of day, in this computer's settings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def enabled(self) -> bool:
        value = self.settings.value(KEY_ENABLED, True)
        return value not in (False, "false", "0", 0)

    def set_enabled(self, on: bool) -> None:
        self.settings.setValue(KEY_ENABLED, on)

    def remind_at(self) -> time:
        text = str(self.settings.value(KEY_TIME, DEFAULT_TIME.strftime("%H:%M")))
        try:
            return time.fromisoformat(text)
        except ValueError:
            return DEFAULT_TIME

    def set_remind_at(self, at: time) -> None:
        self.settings.setValue(KEY_TIME, at.strftime("%H:%M"))


class ReminderBanner(QFrame):
    """The reminder at the top of the main window, where there is no system tray."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.setStyleSheet(
            "#reminderBanner { background: #fff4ce; border-bottom: 1px solid #e0c060; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Reminder")
        self.open_button = QPushButton("Open Today", self)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.clicked.connect(self.hide)
        self.open_button.clicked.connect(self.hide)
        row.addWidget(self.text, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def show_reminder(self, text: Reminder) -> None:
        self.text.setText(f"{text.title}\n{text.body}")
        self.show()


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Reminders(QObject):
    """Shows the reminder at start and at the chosen time (once a day) while running."""

    # The daily reminder came: a new working day, so the window works its pages out again.
    day_started = Signal()

    def __init__(
        self,
        services: Services,
        tasks: Background,
        prefs: ReminderPrefs,
        show_banner: Callable[[Reminder], None],
        open_today: Callable[[], None],
        parent: QWidget,
        has_tray: Callable[[], bool] = tray_available,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.prefs = prefs
        self.show_banner = show_banner
        self.open_today = open_today
        self.has_tray = has_tray
        self.tray: QSystemTrayIcon | None = None
        self.last_day: date | None = None
        self.shown: list[Reminder] = []  # what was shown, newest last (tests, the log)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.tick)

    def start(self, remind_now: bool = True) -> None:
        """The reminder at start (when on), then the daily check. Right after the first-run
        setup there is no reminder at start: the path to the audit says what to do first."""
        if self.prefs.enabled() and remind_now:
            now = self.services.ctx.clock.now().astimezone()
            if now.time() >= self.prefs.remind_at():
                self.last_day = now.date()  # the start reminder stands for today's
            self.remind()
        self.timer.start()

    def tick(self) -> None:
        """Once a minute: remind when the chosen time has come and today's is not shown."""
        if not self.prefs.enabled():
            return
        now = self.services.ctx.clock.now().astimezone()
        if now.time() >= self.prefs.remind_at() and self.last_day != now.date():
            self.last_day = now.date()
            self.day_started.emit()
            self.remind()

    def remind(self) -> None:
        """Work out what is due off the GUI thread, then show it (nothing due: nothing shown)."""
        # The services are asked for on the worker: the first ask imports the page reads.
        self.tasks.run(lambda: self.services.pages.today(), self._show)

    def _show(self, due: DueList | None) -> None:
        if not shiboken6.isValid(self):  # the window closed while the list was worked out
            return
        from secor_desktop.domain.due_text import reminder

        text = reminder(due) if due is not None else None
        if text is None:
            return
        self.shown.append(text)
        if self.has_tray():
            tray = self._tray()
            tray.showMessage(text.title, text.body, QSystemTrayIcon.MessageIcon.Information)
        else:
            self.show_banner(text)

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            app = QApplication.instance()
            icon = app.windowIcon() if isinstance(app, QApplication) else None
            self.tray = QSystemTrayIcon(self)
            if icon is not None:
                self.tray.setIcon(icon)
            self.tray.setToolTip("SECOR Desktop")
            self.tray.messageClicked.connect(self.open_today)
            self.tray.activated.connect(lambda _reason: self.open_today())
            self.tray.show()
        return self.tray
