"""The desktop app on the wrong database file: a message dialog, never the crash dialog, and
the file and its folder left exactly as they were."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from secor_desktop.app import gui_launch
from secor_desktop.app.paths import AppPaths
from secor_desktop.gui.notify import RecordingNotifier
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany
from tests.integration.mounts import snapshot


def never_runs(monkeypatch: pytest.MonkeyPatch) -> list[Services]:
    started: list[Services] = []
    monkeypatch.setattr(
        gui_launch, "run_gui", lambda services, _i, **_kw: started.append(services) or 0
    )
    return started


def test_foreign_sqlite_file_gets_a_message_and_is_untouched(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: RecordingNotifier,
    crashes: list[BaseException],
) -> None:
    """Someone else's SQLite file: one error message, no crash report, no lock, no stamp."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with sqlite3.connect(data_dir / "secor.sqlite3") as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    before = snapshot(data_dir)
    started = never_runs(monkeypatch)
    assert gui_launch.launch_gui(AppPaths(data_dir)) == 2
    (error,) = messages.texts("error")
    assert "not a secor-desktop database" in error and "contacts" in error
    assert started == [] and crashes == []
    assert snapshot(data_dir) == before


def test_newer_database_gets_a_message_and_is_untouched(
    company: SmallCompany,
    monkeypatch: pytest.MonkeyPatch,
    messages: RecordingNotifier,
    crashes: list[BaseException],
) -> None:
    """A database whose user_version is from a newer release: a message naming the fix."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    data_dir = company.services.locations.data_dir
    with sqlite3.connect(data_dir / "secor.sqlite3") as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = snapshot(data_dir)
    started = never_runs(monkeypatch)
    assert gui_launch.launch_gui(AppPaths(data_dir)) == 2
    (error,) = messages.texts("error")
    assert "newer version" in error and "Install the newer version" in error
    assert started == [] and crashes == []
    assert snapshot(data_dir) == before


def test_zero_byte_database_offers_the_latest_backup(
    company: SmallCompany,
    monkeypatch: pytest.MonkeyPatch,
    messages: RecordingNotifier,
) -> None:
    """An emptied database is not opened as a new company: the app offers the latest backup
    by name, and declining leaves the empty file as it is."""
    company.inspection()
    archive = company.services.backups.make().path
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    data_dir = company.services.locations.data_dir
    (data_dir / "secor.sqlite3").write_bytes(b"")
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    started = never_runs(monkeypatch)
    assert gui_launch.launch_gui(AppPaths(data_dir)) == 2
    assert started == []
    assert len(asked) == 1 and "empty (0 bytes)" in asked[0] and archive.name in asked[0]
    assert (data_dir / "secor.sqlite3").read_bytes() == b""
