"""Typing into the record editors as a person does: after a refused save, with Enter, Ctrl+S
and Esc, and with required fields marked from the start. Keys go to whichever widget has the
keyboard focus, so a focus jump shows up as text landing in the wrong place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.buttons import LEGEND
from secor_desktop.gui.editors.toolbox import ToolboxTalkForm
from tests.conftest import SmallCompany
from tests.gui.conftest import Answers
from tests.gui.editor_helpers import fill

pytestmark = pytest.mark.usefixtures("answers")


def active(qtbot: QtBot, editor: RecordEditor) -> RecordEditor:
    """The editor as the window with the keyboard, as it is for a person."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_keys(text: str) -> None:
    """Each character as a key press to whichever widget has the focus at that moment."""
    for char in text:
        QTest.keyClick(focused(), char)


def geometry(editor: RecordEditor, *, in_form: bool = False) -> dict[int, QRect]:
    """Where every visible widget sits, in the editor's coordinates; ``in_form`` measures the
    form's widgets within the form itself (a failed Save may scroll to the first problem)."""
    form = editor.form_scroll.widget()

    def anchor(w: QWidget) -> QWidget:
        return form if in_form and form.isAncestorOf(w) else editor

    return {
        id(w): QRect(w.mapTo(anchor(w), w.rect().topLeft()), w.size())
        for w in editor.findChildren(QWidget)
        if w.isVisible() and not (in_form and isinstance(w, QScrollBar))
    }


def test_typing_after_a_failed_save_keeps_every_character_and_the_focus(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """After Save fails, typing a title keeps all of it and the cursor stays in the title."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert focused() is editor.title  # the failed save puts the cursor in the first problem
    type_keys("Future talk test")
    assert editor.title.text() == "Future talk test"
    assert focused() is editor.title
    assert company.services.records.find() == []


def test_the_live_recheck_never_moves_the_focus_to_another_field(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot
) -> None:
    """Typing a topic while the title is still empty leaves the cursor in the topic."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    form = editor.form
    assert isinstance(form, ToolboxTalkForm)
    QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(form.topic, Qt.MouseButton.LeftButton)
    type_keys("Ladders")
    assert form.topic.text() == "Ladders" and focused() is form.topic
    assert editor.registry.message_for("title") == "Title is required"


@pytest.mark.parametrize("kind", list(RecordKind))
def test_no_widget_moves_when_the_problem_messages_appear_or_go(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, kind: RecordKind
) -> None:
    """Every widget keeps its place and size when a failed save shows messages, and nothing
    moves at all while the user then types (the live re-check neither shifts nor scrolls)."""
    editor = active(qtbot, open_editor(kind))
    editor.resize(1100, 690)
    QApplication.processEvents()
    before = geometry(editor, in_form=True)
    editor.save_button.click()
    QApplication.processEvents()
    assert editor.registry.problem_count()  # messages are showing
    assert geometry(editor, in_form=True) == before
    editor.title.setFocus()
    QApplication.processEvents()
    typing = geometry(editor)
    type_keys("A title")
    QApplication.processEvents()
    assert geometry(editor) == typing


def test_required_fields_are_marked_before_any_save(
    open_editor: Callable[..., RecordEditor],
) -> None:
    """An FLHA's title, date, hazard lines and crew carry an asterisk and '(required)' at
    once; the optional site does not; a legend says what the asterisk means."""
    editor = open_editor(RecordKind.FLHA)
    marked = {
        path: slot.row_label.text().endswith(" *")
        for path, slot in editor.registry.slots.items()
        if slot.row_label is not None
    }
    assert marked["title"] and marked["event_date"]
    assert marked["body.hazards"] and marked["body.crew_ids"]
    assert not marked["site_id"]
    assert editor.title.accessibleName() == "Title (required)"
    assert "* required" in LEGEND
    legends = [w for w in editor.findChildren(QLabel) if w.text() == LEGEND]
    assert legends and legends[0].isVisible()


def test_enter_in_a_field_moves_to_the_next_field_and_saves_nothing(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Enter after typing a title goes on to the date; no half-filled record is saved."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    editor.title.setFocus()
    type_keys("F")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is editor.event_date.line
    assert editor.title.text() == "F"
    assert company.services.records.find() == []


def test_ctrl_s_saves_from_any_field(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Ctrl+S pressed in the title saves the filled-in record."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    fill(editor, company, title="Ladder safety")
    editor.title.setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [r.title for r in company.services.records.find()] == ["Ladder safety"]


def test_escape_with_unsaved_changes_asks_first(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, answers: Answers
) -> None:
    """Esc on an edited form asks about the unsaved changes; Cancel keeps the editor open."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    editor.title.setFocus()
    type_keys("Half done")
    answers.question = QMessageBox.StandardButton.Cancel
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert answers.asked == ["Unsaved changes"]
    assert editor.isVisible() and editor.title.text() == "Half done"


def test_escape_on_an_untouched_form_closes_without_asking(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, answers: Answers
) -> None:
    """Esc on a form nobody changed closes it at once."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert not editor.isVisible() and answers.asked == []


def test_a_future_date_is_refused_with_the_reason_as_it_is_typed(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Typing tomorrow's date says why under the date, before any save, and Save refuses."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    fill(editor, company)
    editor.event_date.line.setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys("2026-11-03")
    message = "The date cannot be in the future: today is 2026-11-02."
    assert editor.registry.message_for("event_date") == message
    assert editor.event_date.text() == "2026-11-03"  # kept as typed, not reverted
    assert not editor.save()
    assert company.services.records.find() == []


def test_a_date_typed_whole_is_saved(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Home, then 2015-04-01 typed over the default date, is the record's date."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    fill(editor, company)
    editor.event_date.line.setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Home)
    type_keys("2015-04-01")
    assert editor.save()
    (record,) = company.services.records.find()
    assert record.event_date.isoformat() == "2015-04-01"


def test_photos_and_files_are_one_tab_away(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot
) -> None:
    """The FLHA's photos sit in their own tab, shown whole without scrolling at 1366x768."""
    editor = active(qtbot, open_editor(RecordKind.FLHA))
    editor.resize(1100, 690)
    assert editor.tabs.tabText(1) == "Photos and files"
    editor.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    assert editor.photos.isVisible()
    bottom = editor.photos.add_button.mapTo(editor, editor.photos.add_button.rect().bottomLeft())
    assert bottom.y() < editor.height()


def test_a_new_editor_starts_with_the_cursor_in_the_title(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot
) -> None:
    """The first keys typed into a freshly opened editor land in the title."""
    editor = active(qtbot, open_editor(RecordKind.INSPECTION))
    type_keys("Yard")
    assert editor.title.text() == "Yard"
