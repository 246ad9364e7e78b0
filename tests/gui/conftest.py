"""GUI test defaults: messages recorded, settings in a temporary place, and an inline
background runner attached to the application (for the editors' photo strip, whose makers
cannot pass one yet).

Autouse, so no GUI test can block on a modal message box or write to the real user's
configuration. Pages and dialogs take their runner as a parameter: tests pass an
``InlineBackground()`` where order matters, or the ``threads`` fixture's real pool.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import crash, notify
from secor_desktop.gui.background import Background, InlineBackground
from secor_desktop.gui.editors import inspection as inspection_module
from secor_desktop.gui.editors.base import RecordEditor
from tests.conftest import SmallCompany


@pytest.fixture(autouse=True)
def app_background(qapp: QCoreApplication) -> Iterator[Background]:
    """The application's runner, inline (only the editors' photo strip looks it up)."""
    runner = InlineBackground().attach_to_application()
    yield runner
    runner.setParent(None)
    runner.setObjectName("")


@pytest.fixture
def threads(qtbot: QtBot) -> Iterator[Background]:
    """A real two-thread pool: ops run off the GUI thread, answers come through the event
    loop (wait for them with ``qtbot.waitUntil``). Drained before the test's widgets close."""
    runner = Background.threaded()
    yield runner
    for _ in range(3):  # an answer shown may start another load (a page of rows, say)
        assert runner.wait_for_all(10_000)
        qtbot.waitUntil(lambda: runner.pending() == 0, timeout=10_000)
        qtbot.wait(20)
    shiboken6.delete(runner)  # its pool's idle threads end now, not at interpreter exit


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


# --- record editors ---------------------------------------------------------------------


@dataclass
class Answers:
    """What the patched message and input boxes answer, and what they were asked."""

    question: QMessageBox.StandardButton = QMessageBox.StandardButton.Discard
    reason: tuple[str, bool] = ("", False)
    asked: list[str] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Answers]:
    """No modal box ever blocks a test: boxes answer from ``Answers``."""
    given = Answers()

    def question(_parent: Any, title: str, _text: str, *_a: Any) -> QMessageBox.StandardButton:
        given.asked.append(title)
        return given.question

    def get_text(_parent: Any, title: str, *_a: Any, **_k: Any) -> tuple[str, bool]:
        given.asked.append(title)
        return given.reason

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    monkeypatch.setattr(
        inspection_module.ActionOfferDialog, "exec", lambda self: QDialog.DialogCode.Rejected
    )
    previous = notify.install(notify.RecordingNotifier())
    yield given
    notify.install(previous)


@pytest.fixture
def open_editor(
    qtbot: QtBot, company: SmallCompany, answers: Answers
) -> Iterator[Callable[..., RecordEditor]]:
    """Editors whose modal boxes answer from ``answers``; each is closed while the answers still
    apply (pytest-qt closes widgets after the patches are undone, and an editor with unsaved
    changes would then wait on a real "Unsaved changes" box for ever)."""
    made: list[RecordEditor] = []

    def make(kind: RecordKind, record_id: str | None = None) -> RecordEditor:
        editor = RecordEditor(None, company.services, kind, record_id)
        qtbot.addWidget(editor)
        editor.show()
        made.append(editor)
        return editor

    yield make
    answers.question = QMessageBox.StandardButton.Discard
    for editor in made:
        editor.close()
