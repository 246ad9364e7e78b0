"""File → Check against a kept head…: typed as printed, checked, answered in words."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.kept_head_dialog import KeptHeadDialog
from secor_desktop.gui.main_window import MainWindow
from tests.conftest import SmallCompany
from tests.gui.keys import type_text


@pytest.fixture
def dialog(company: SmallCompany, qtbot: QtBot) -> KeptHeadDialog:
    company.inspection()
    widget = KeptHeadDialog(company.services, InlineBackground())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _check(qtbot: QtBot, dialog: KeptHeadDialog, text: str) -> str:
    dialog.head_edit.setFocus()
    type_text(dialog.head_edit, text)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    return dialog.answer.text()


def test_head_typed_as_on_the_cover_passes(
    company: SmallCompany, dialog: KeptHeadDialog, qtbot: QtBot
) -> None:
    """The head typed on two lines with its count, as a pack's cover prints it: OK in words."""
    head = company.services.verify().head
    type_text(dialog.head_edit, head.sha256[:32])
    qtbot.keyClick(dialog.head_edit, Qt.Key.Key_Return)
    answer = _check(qtbot, dialog, f"{head.sha256[32:]}:{head.count}")
    assert dialog.head_edit.toPlainText().count("\n") == 1
    assert answer.startswith(
        f"OK: the chain passes through the kept head at revision #{head.count}"
    )
    assert dialog.check_button.isEnabled()


def test_rebuilt_or_foreign_chain_fails_in_words(
    company: SmallCompany, dialog: KeptHeadDialog, qtbot: QtBot
) -> None:
    """A head this chain never passes through is answered as a failure, saying what it means."""
    answer = _check(qtbot, dialog, "ab" * 32)
    assert answer.startswith("FAILED: the chain does not pass through the kept head anywhere")
    assert "rebuilt" in answer


def test_edited_revision_is_named(
    company: SmallCompany, dialog: KeptHeadDialog, qtbot: QtBot
) -> None:
    """After an edit with sqlite3 the answer names the revision where the chain breaks."""
    head = company.services.verify().head
    with sqlite3.connect(company.services.locations.database) as conn:
        conn.execute("DROP TRIGGER revisions_append_only_update")
        conn.execute("UPDATE revisions SET document = replace(document, 'Weekly', 'Daily')")
    answer = _check(qtbot, dialog, f"{head.sha256}:{head.count}")
    assert "FAILED" in answer and "record 'Daily yard inspection'" in answer


def test_text_that_is_no_head_is_answered_with_a_sentence(
    dialog: KeptHeadDialog, qtbot: QtBot
) -> None:
    """Typing a short hash says what a head looks like; nothing is checked."""
    answer = _check(qtbot, dialog, "8bc695c9")
    assert answer.startswith("The kept head must be the 64-character chain hash")


def test_file_menu_opens_the_dialog(
    company: SmallCompany, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The File menu holds the action, and it opens the dialog."""
    window = MainWindow(company.services, InlineBackground())
    qtbot.addWidget(window)
    opened: list[KeptHeadDialog] = []
    monkeypatch.setattr(KeptHeadDialog, "exec", lambda self: opened.append(self) or 0)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.kept_head_action in file_menu.actions()
    window.kept_head_action.trigger()
    assert len(opened) == 1


def test_ctrl_enter_checks_and_the_focus_stays_on_check(
    company: SmallCompany, dialog: KeptHeadDialog, qtbot: QtBot
) -> None:
    """Ctrl+Enter in the text box checks; pressing Check with the keyboard leaves focus there."""
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.head_edit.setFocus()
    type_text(dialog.head_edit, "ab" * 32)
    qtbot.keyClick(dialog.head_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.answer.text().startswith("FAILED")
    assert "\n" not in dialog.head_edit.toPlainText()
    qtbot.keyClick(dialog.head_edit, Qt.Key.Key_Tab)
    assert dialog.check_button.hasFocus()
    qtbot.keyClick(dialog.check_button, Qt.Key.Key_Space)
    assert dialog.check_button.hasFocus() and dialog.isVisible()
