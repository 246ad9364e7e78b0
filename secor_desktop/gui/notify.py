"""One way to tell the user things (after qutebrowser's ``utils/message.py``).

Widgets call ``notify.info/warning/error(text, parent)``; which ``Notifier`` shows it is set
once: message boxes in the application, a ``RecordingNotifier`` in tests, which keeps what was
said so a test can assert on it and no modal box ever blocks a test run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Level = Literal["info", "warning", "error"]

TITLES: dict[Level, str] = {"info": "SECOR Desktop", "warning": "Please check", "error": "Problem"}


class Notifier(Protocol):
    def show(self, level: Level, text: str, parent: QWidget | None) -> None: ...


class MessageBoxNotifier:
    """Warnings and errors in a modal box; information in the status bar when there is one."""

    def __init__(self) -> None:
        self.status_sink: Callable[[str], None] | None = None

    def show(self, level: Level, text: str, parent: QWidget | None) -> None:
        if level == "info" and self.status_sink is not None:
            self.status_sink(text)
            return
        icons = {
            "info": QMessageBox.Icon.Information,
            "warning": QMessageBox.Icon.Warning,
            "error": QMessageBox.Icon.Critical,
        }
        box = QMessageBox(icons[level], TITLES[level], text, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        box.deleteLater()


@dataclass
class RecordingNotifier:
    """For tests: remembers every message, shows nothing."""

    messages: list[tuple[Level, str]] = field(default_factory=list)

    def show(self, level: Level, text: str, parent: QWidget | None) -> None:
        self.messages.append((level, text))

    def texts(self, level: Level | None = None) -> list[str]:
        return [t for lv, t in self.messages if level is None or lv == level]


_notifier: Notifier = MessageBoxNotifier()


def install(notifier: Notifier) -> Notifier:
    """Use ``notifier`` from now on; returns the previous one (so a test can put it back)."""
    global _notifier
    previous, _notifier = _notifier, notifier
    return previous


def current() -> Notifier:
    return _notifier


def set_status_sink(sink: Callable[[str], None] | None) -> None:
    """Where ``info`` goes when the main window is open (its status bar)."""
    if isinstance(_notifier, MessageBoxNotifier):
        _notifier.status_sink = sink


def info(text: str, parent: QWidget | None = None) -> None:
    _notifier.show("info", text, parent)


def warning(text: str, parent: QWidget | None = None) -> None:
    _notifier.show("warning", text, parent)


def error(text: str, parent: QWidget | None = None) -> None:
    _notifier.show("error", text, parent)
