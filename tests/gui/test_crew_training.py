"""Training for a crew in one dialog, typed and ticked as a person does: five workers, one
course, five records, or none when one row is wrong."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import EmploymentType, RecordKind
from secor_desktop.domain.model import Worker
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.crew_training_dialog import COL_CERTIFICATE, CrewTrainingDialog
from secor_desktop.gui.pages.training_matrix import TrainingMatrixPage
from tests.conftest import TODAY, SmallCompany

pytestmark = pytest.mark.usefixtures("answers")
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def two_more(company: SmallCompany) -> list[Worker]:
    roster = company.services.roster
    return [
        roster.add_worker(Worker("", name, "Labourer", EmploymentType.FULL_TIME, date(2025, 5, 1)))
        for name in ("Ava Singh", "Ben Moreau")
    ]


def open_dialog(qtbot: QtBot, company: SmallCompany) -> CrewTrainingDialog:
    dialog = CrewTrainingDialog(company.services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_course(qtbot: QtBot, dialog: CrewTrainingDialog) -> None:
    """Course, Tab, provider: typed into whichever field has the keyboard."""
    assert focused() in (dialog.course, dialog.course_line)
    qtbot.keyClicks(focused(), "Chainsaw safety")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Red Cross")


def tick_rows(dialog: CrewTrainingDialog, rows: list[int]) -> None:
    """Click a worker's row, then Space ticks it."""
    for row in rows:
        rect = dialog.table.visualItemRect(dialog.table.item(row, 0))
        QTest.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.keyClick(dialog.table, Qt.Key.Key_Space)


def test_five_workers_get_five_records_in_one_dialog(qtbot: QtBot, company: SmallCompany) -> None:
    """Typed course and provider, five ticked workers, one certificate number, Ctrl+S."""
    two_more(company)
    dialog = open_dialog(qtbot, company)
    assert dialog.table.rowCount() == 5
    type_course(qtbot, dialog)
    tick_rows(dialog, [0, 1, 2, 3, 4])
    cert = dialog.table.visualItemRect(dialog.table.item(2, COL_CERTIFICATE))
    QTest.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cert.center())
    for char in "SFA-77":  # the first key opens the cell's editor, which takes the rest
        QTest.keyClick(focused(), char)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    QTest.keyClick(focused(), Qt.Key.Key_S, CTRL)

    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = company.services.records.find(RecordKind.TRAINING)
    assert len(stored) == 5
    bodies = {r.body.worker_id: r.body for r in stored if isinstance(r.body, TrainingBody)}
    assert set(bodies) == {w.id for w in dialog.workers}
    third = bodies[dialog.workers[2].id]
    assert (third.course, third.provider, third.certificate_number) == (
        "Chainsaw safety",
        "Red Cross",
        "SFA-77",
    )
    assert all(r.event_date == TODAY for r in stored)


def test_a_worker_who_had_left_refuses_all_five_naming_them(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """A course dated after one worker left: nothing stored, the worker named, form kept."""
    extra = two_more(company)
    roster = company.services.roster
    roster.save_worker(replace(extra[1], end_date=TODAY - timedelta(days=20)))
    dialog = open_dialog(qtbot, company)
    type_course(qtbot, dialog)
    tick_rows(dialog, [0, 1, 2, 3, 4])
    QTest.keyClick(focused(), Qt.Key.Key_S, CTRL)

    assert company.services.records.find(RecordKind.TRAINING) == []
    assert "Nothing was recorded." in dialog.problems.text()
    assert "Ben Moreau left on 2026-10-13" in dialog.problems.text()
    assert dialog.isVisible() and dialog.course.currentText() == "Chainsaw safety"
    assert len(dialog.ticked_rows()) == 5


def test_nothing_ticked_is_refused_in_words(qtbot: QtBot, company: SmallCompany) -> None:
    """No course and no worker: both named, nothing stored."""
    dialog = open_dialog(qtbot, company)
    QTest.keyClick(focused(), Qt.Key.Key_S, CTRL)
    assert "Course: type or choose the course." in dialog.problems.text()
    assert "Workers: tick at least one worker." in dialog.problems.text()


def test_esc_closes_without_recording(qtbot: QtBot, company: SmallCompany) -> None:
    """Esc closes the dialog and stores nothing."""
    dialog = open_dialog(qtbot, company)
    type_course(qtbot, dialog)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert company.services.records.find(RecordKind.TRAINING) == []


def test_the_training_matrix_offers_the_crew_dialog(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The training matrix page has a "Record training for a crew" button that opens it."""
    page = TrainingMatrixPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    seen: list[CrewTrainingDialog] = []
    monkeypatch.setattr(CrewTrainingDialog, "exec", lambda self: seen.append(self) or 0)
    QTest.mouseClick(page.crew_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and "crew" in page.crew_button.text()
