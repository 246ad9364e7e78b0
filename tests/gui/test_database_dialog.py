"""File → Office database…: the address kept in settings, the password only in the keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as NoBackend
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from secor_desktop.gui.database_dialog import SETTING, DatabaseDialog, chosen_url
from secor_desktop.services.credentials import SERVICE, server_password
from tests.gui.keys import type_text

URL = "postgresql://dana@db.example.ca/secor"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict: the platform's stands in for it here."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


def fill(qtbot: QtBot, settings: QSettings, url: str, password: str) -> DatabaseDialog:
    dialog = DatabaseDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url_edit.setFocus()
    type_text(dialog.url_edit, url)
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Tab)
    type_text(dialog.password_edit, password)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    return dialog


def test_address_kept_and_password_in_the_keyring_only(
    qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    """Saved: the address in settings, the password in the keyring, never in the settings."""
    dialog = fill(qtbot, settings, URL, "s3cret-pass")
    assert dialog.result() == DatabaseDialog.DialogCode.Accepted
    assert chosen_url(settings) == URL
    assert memory_keyring.kept == {(SERVICE, URL): "s3cret-pass"}
    assert server_password(URL) == "s3cret-pass"
    assert "s3cret-pass" not in (tmp_path / "settings.ini").read_text()


def test_without_a_keyring_nothing_is_kept_and_pgpass_is_named(
    qtbot: QtBot, settings: QSettings
) -> None:
    """No keyring on the system: told so in a sentence, nothing saved, .pgpass offered."""
    before = keyring.get_keyring()
    keyring.set_keyring(NoBackend())
    try:
        dialog = fill(qtbot, settings, URL, "s3cret-pass")
    finally:
        keyring.set_keyring(before)
    assert dialog.isVisible()
    assert "no keyring" in dialog.error_label.text()
    assert ".pgpass" in dialog.error_label.text()
    assert settings.value(SETTING) is None


def test_a_password_in_the_address_is_refused(qtbot: QtBot, settings: QSettings) -> None:
    """An address carrying a password is refused, naming the field; nothing is kept."""
    dialog = fill(qtbot, settings, "postgresql://dana:hunter2@db.example.ca/secor", "")
    assert dialog.error_label.text().startswith("Server address: leave the password out")
    assert settings.value(SETTING) is None
