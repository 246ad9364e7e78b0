"""Refusals reach the user as messages; anything else, a ValueError included, is a bug and
reaches the crash dialog. Each failure is raised inside a real service, under a real action."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from pytestqt.qtbot import QtBot

from secor_desktop.export.pdf_append import AppendError
from secor_desktop.export.pdf_doc import PackLayoutError
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.export_dialog import ExportPackDialog
from secor_desktop.gui.first_run import FirstRunWizard
from secor_desktop.gui.kept_head_dialog import KeptHeadDialog
from secor_desktop.gui.notify import RecordingNotifier
from secor_desktop.services import evidence_pack
from secor_desktop.services import kept_head as kept_head_service
from secor_desktop.services.errors import Refused, UserError
from secor_desktop.services.facade import Services
from secor_desktop.storage.errors import DatabaseLocked
from tests.conftest import SmallCompany
from tests.gui.keys import type_text

LOCKED = "The database is busy: another window is writing to it. Wait a moment and try again."


def raising(exc: Exception) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    return fail


# --- a dialog whose background work fails: Check against a kept head --------------------------


@pytest.fixture
def kept_head_dialog(company: SmallCompany, qtbot: QtBot) -> KeptHeadDialog:
    company.inspection()
    widget = KeptHeadDialog(company.services, InlineBackground())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def check_a_head(qtbot: QtBot, dialog: KeptHeadDialog) -> None:
    dialog.head_edit.setFocus()
    type_text(dialog.head_edit, "ab" * 32)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)


def test_a_value_error_in_the_kept_head_service_reaches_the_crash_dialog(
    kept_head_dialog: KeptHeadDialog,
    qtbot: QtBot,
    crashes: list[BaseException],
    messages: RecordingNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ValueError inside the service is a bug: the crash dialog, not a polite message."""
    bug = ValueError("bad value deep in the service")
    monkeypatch.setattr(kept_head_service, "compare_with_kept_head", raising(bug))
    check_a_head(qtbot, kept_head_dialog)
    assert crashes == [bug]
    assert messages.messages == []


def test_a_user_error_in_the_kept_head_service_reaches_a_message(
    kept_head_dialog: KeptHeadDialog,
    qtbot: QtBot,
    crashes: list[BaseException],
    messages: RecordingNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A refusal (here a locked database) is told in its sentence; no crash dialog."""
    monkeypatch.setattr(
        kept_head_service, "compare_with_kept_head", raising(DatabaseLocked(LOCKED))
    )
    check_a_head(qtbot, kept_head_dialog)
    assert messages.messages == [("error", LOCKED)]
    assert crashes == []


# --- the export dialog: its own message line for refusals ------------------------------------


@pytest.fixture
def export_dialog(qtbot: QtBot, company: SmallCompany, tmp_path: Path) -> ExportPackDialog:
    company.inspection()
    opened: list[QUrl] = []
    widget = ExportPackDialog(
        company.services,
        InlineBackground(),
        open_url=opened.append,
        settings=QSettings(str(tmp_path / "s.ini")),
    )
    qtbot.addWidget(widget)
    (tmp_path / "out").mkdir()
    widget.path.setText(str(tmp_path / "out" / "pack.pdf"))
    return widget


def test_a_value_error_while_exporting_reaches_the_crash_dialog(
    export_dialog: ExportPackDialog,
    qtbot: QtBot,
    crashes: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ValueError inside the pack service is not shown as if the user had asked wrongly."""
    bug = ValueError("a layout bug")
    monkeypatch.setattr(evidence_pack, "render_pack", raising(bug))
    qtbot.mouseClick(export_dialog.export_button, Qt.MouseButton.LeftButton)
    assert crashes == [bug]
    assert export_dialog.message.isHidden()
    assert export_dialog.status.text() == "The export failed: no file was written."


@pytest.mark.parametrize(
    "refusal",
    [
        DatabaseLocked(LOCKED),
        AppendError("The attached PDF a.pdf could not be copied into the pack."),
        PackLayoutError("The evidence pack could not be laid out at Record 'x'."),
    ],
    ids=["locked database", "attached PDF", "layout"],
)
def test_a_user_error_while_exporting_is_shown_in_the_dialog(
    export_dialog: ExportPackDialog,
    qtbot: QtBot,
    crashes: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
    refusal: UserError,
) -> None:
    """A refusal inside the pack service is its sentence in the dialog; no crash dialog."""
    monkeypatch.setattr(evidence_pack, "render_pack", raising(refusal))
    qtbot.mouseClick(export_dialog.export_button, Qt.MouseButton.LeftButton)
    assert export_dialog.message.text() == str(refusal)
    assert not export_dialog.message.isHidden()
    assert crashes == []


# --- the first-run wizard's demo button --------------------------------------------------------


def open_demo_with(qtbot: QtBot, services: Services, exc: Exception) -> FirstRunWizard:
    wizard = FirstRunWizard(services, tasks=InlineBackground(), demo_builder=raising(exc))  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    with qtbot.waitExposed(wizard):
        wizard.show()
    qtbot.mouseClick(wizard.company_page.demo_button, Qt.MouseButton.LeftButton)
    return wizard


def test_a_value_error_building_the_demo_reaches_the_crash_dialog(
    qtbot: QtBot, services: Services, crashes: list[BaseException], messages: RecordingNotifier
) -> None:
    """A ValueError from the demo builder is a bug, not 'the folder is not empty'."""
    bug = ValueError("a builder bug")
    wizard = open_demo_with(qtbot, services, bug)
    assert crashes == [bug] and messages.messages == []
    assert wizard.outcome != "demo"


def test_a_refused_demo_is_a_warning(
    qtbot: QtBot, services: Services, crashes: list[BaseException], messages: RecordingNotifier
) -> None:
    """The builder's refusal is shown as its sentence; the wizard stays open."""
    refusal = Refused("This data folder already holds 3 saved entries; pick an empty one.")
    wizard = open_demo_with(qtbot, services, refusal)
    assert isinstance(refusal, UserError)
    assert messages.messages == [("warning", str(refusal))]
    assert crashes == [] and wizard.outcome != "demo"
