"""GUI test defaults: background work inline, messages recorded, settings in a temporary place.

Autouse, so no GUI test can block on a modal message box, write to the real user's
configuration, or leave a worker thread running after it ends.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QWidget

from secor_desktop.gui import background, crash, notify


@pytest.fixture(autouse=True)
def inline_background(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "RUN_INLINE", True)


@pytest.fixture(autouse=True)
def messages() -> Iterator[notify.RecordingNotifier]:
    recorder = notify.RecordingNotifier()
    previous = notify.install(recorder)
    yield recorder
    notify.install(previous)


@pytest.fixture(autouse=True)
def crashes() -> Iterator[list[BaseException]]:
    """Bugs reported to the user (instead of a modal crash dialog)."""
    seen: list[BaseException] = []

    def record(exc: BaseException, parent: QWidget | None) -> None:
        seen.append(exc)

    previous = crash.set_crash_presenter(record)
    hook = sys.excepthook
    yield seen
    crash.set_crash_presenter(previous)
    sys.excepthook = hook


@pytest.fixture(autouse=True)
def temporary_settings(
    tmp_path: Path, request: pytest.FixtureRequest, qapp: QCoreApplication
) -> Iterator[Path]:
    """QSettings() anywhere in a test reads and writes an INI file under tmp_path."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    org, app = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder))
    QCoreApplication.setOrganizationName(f"secor-desktop-test-{request.node.name[:40]}")
    QCoreApplication.setApplicationName("secor-desktop-test")
    yield folder
    QCoreApplication.setOrganizationName(org)
    QCoreApplication.setApplicationName(app)
