"""The hours-worked editor, typed into with key events as a person does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import HoursBody
from secor_desktop.domain.record_kinds.hours import HOURS
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.hours import HoursForm
from tests.conftest import SmallCompany

pytestmark = pytest.mark.usefixtures("answers")


def typed(qtbot: QtBot, widget: object, text: str) -> None:
    qtbot.keyClicks(widget, text)


def save_with_ctrl_s(qtbot: QtBot, editor: RecordEditor) -> None:
    """Ctrl+S as a person presses it: to the focused widget of the active editor."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def hours_form(editor: RecordEditor) -> HoursForm:
    assert isinstance(editor.form, HoursForm)
    return editor.form


def test_typing_a_month_and_saving_stores_it(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Typing the title, month and total, then Ctrl+S, stores the month dated its last day."""
    editor = open_editor(HOURS)
    form = hours_form(editor)
    typed(qtbot, editor.title, "Hours for March")
    typed(qtbot, form.month, "2026-03")
    typed(qtbot, form.total, "1,640")
    save_with_ctrl_s(qtbot, editor)
    (saved,) = company.services.records.find(HOURS)
    assert saved.body == HoursBody("2026-03", 1_640)
    assert saved.event_date == date(2026, 3, 31)  # the month set the date


def test_hours_that_are_not_a_number_are_refused(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """A total typed as words is refused under the Total hours field; nothing is stored."""
    editor = open_editor(HOURS)
    form = hours_form(editor)
    typed(qtbot, editor.title, "Hours for March")
    typed(qtbot, form.month, "2026-03")
    typed(qtbot, form.total, "lots")
    QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "'lots' is not a number of hours" in editor.registry.message_for("body.total_hours")
    assert company.services.records.find() == []


def test_a_second_record_for_the_month_is_refused_under_month(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Saving March twice shows the service's refusal under the Month field."""
    for _ in range(2):
        editor = open_editor(HOURS)
        form = hours_form(editor)
        typed(qtbot, editor.title, "Hours for March")
        typed(qtbot, form.month, "2026-03")
        typed(qtbot, form.total, "1640")
        QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "already recorded" in editor.registry.message_for("body.month")
    assert len(company.services.records.find(HOURS)) == 1


def test_hours_by_worker_make_the_total(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Typing two workers' hours fills the total with their sum, and both are stored."""
    editor = open_editor(HOURS)
    form = hours_form(editor)
    typed(qtbot, editor.title, "Hours for April")
    typed(qtbot, form.month, "2026-04")
    typed(qtbot, form.by_worker.boxes[company.lead.id], "160")
    typed(qtbot, form.by_worker.boxes[company.worker.id], "152")
    assert form.total.text() == "312" and form.total.isReadOnly()
    save_with_ctrl_s(qtbot, editor)
    (saved,) = company.services.records.find(HOURS)
    assert isinstance(saved.body, HoursBody)
    assert saved.body.total_hours == 312
    assert dict(zip(saved.body.worker_ids, saved.body.worker_hours, strict=True)) == {
        company.lead.id: 160,
        company.worker.id: 152,
    }
