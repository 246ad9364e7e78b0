"""The H&S designation and meeting editors, typed into with key events and saved.

Real widgets on a real SQLite file: the meeting's links to an inspection and an investigation
are ticked in its pickers, read back with their titles when it is reopened, and the inspection's
editor says which meeting reviewed it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import IncidentBody, IncidentType
from secor_desktop.domain.hs_bodies import (
    HsArrangement,
    HsChosenHow,
    HsDesignationBody,
    HsMeetingBody,
    Recommendation,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.committee import HsDesignationForm, HsMeetingForm
from tests.conftest import TODAY, SmallCompany
from tests.gui.editor_helpers import type_text

MEETING = RecordKind("hs_meeting")
DESIGNATION = RecordKind("hs_designation")


def tick(box: QListWidget, starts: str) -> None:
    """Click the row whose text starts with ``starts``, then Space ticks it."""
    (row,) = [i for i in range(box.count()) if box.item(i).text().startswith(starts)]
    box.scrollToItem(box.item(row))
    rect = box.visualItemRect(box.item(row))
    QTest.mouseClick(box.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(box, Qt.Key.Key_Space)


def active(qtbot: QtBot, editor: RecordEditor) -> RecordEditor:
    """The editor as the window with the keyboard, as it is for a person."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def incident(company: SmallCompany) -> Record:
    return company.services.records.create(
        RecordKind.INCIDENT,
        title="Ladder slipped on ice",
        event_date=date(2026, 10, 6),
        site_id=company.site.id,
        body=IncidentBody(IncidentType.NEAR_MISS, "Ladder foot slid.", (company.worker.id,)),
    )


def test_a_meeting_is_typed_linked_and_saved(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Title, attendees, agenda, a recommendation with its response, one inspection and one
    investigation ticked, and a next meeting typed: Ctrl+S stores exactly that."""
    inspection = company.inspection("October yard inspection", date(2026, 10, 14))
    near_miss = incident(company)
    editor = active(qtbot, open_editor(MEETING))
    form = editor.form
    assert isinstance(form, HsMeetingForm)
    type_text(editor.title, "Fall H&S meeting")
    tick(form.attendees, "Zoë Tremblay")
    tick(form.attendees, "Sam Okafor")
    type_text(form.agenda, "Winter driving; October inspections")
    type_text(form.concerns, "Ice on the yard ramp")
    qtbot.mouseClick(form.recommendations.add_button, Qt.MouseButton.LeftButton)
    _holder, what, answer = form.recommendations.rows[0]
    assert what.hasFocus()
    qtbot.keyClicks(what, "Sand the ramp at 6 a.m.")
    qtbot.keyClick(what, Qt.Key.Key_Tab)
    assert answer.hasFocus()
    qtbot.keyClicks(answer, "Done from 21 October")
    qtbot.keyClick(answer, Qt.Key.Key_Tab)
    assert form.recommendations.add_button.hasFocus()  # the lines first, then the button
    qtbot.keyClick(form.recommendations.add_button, Qt.Key.Key_Tab)
    assert form.inspections.hasFocus()
    tick(form.inspections, "2026-10-14 · October yard inspection")
    tick(form.investigations, "2026-10-06 · Ladder slipped on ice")
    tick_box = form.next_meeting.tick
    qtbot.mouseClick(tick_box, Qt.MouseButton.LeftButton, pos=tick_box.rect().center())
    qtbot.keyClick(tick_box, Qt.Key.Key_Tab)
    line = form.next_meeting.edit.line
    assert line.hasFocus()
    qtbot.keyClick(line, Qt.Key.Key_Home)
    qtbot.keyClicks(line, "2027-01-19")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (stored,) = company.services.records.find(MEETING)
    assert stored.title == "Fall H&S meeting" and stored.event_date == TODAY
    assert stored.body == HsMeetingBody(
        attendee_ids=(company.worker.id, company.lead.id),  # in the roster's order
        agenda="Winter driving; October inspections",
        concerns="Ice on the yard ramp",
        recommendations=(Recommendation("Sand the ramp at 6 a.m.", "Done from 21 October"),),
        inspection_ids=(inspection.id,),
        investigation_ids=(near_miss.id,),
        next_meeting=date(2027, 1, 19),
    )


def test_a_reopened_meeting_shows_its_linked_titles_and_the_inspection_its_meeting(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Reopened, the meeting ticks its linked records by title; the inspection's editor says
    "Reviewed at H&S meeting of <date>"."""
    old = company.inspection("Spring inspection", date(2025, 4, 2))  # older than a year
    recent = company.inspection("October yard inspection", date(2026, 10, 14))
    meeting = company.services.records.create(
        MEETING,
        title="Fall H&S meeting",
        event_date=date(2026, 10, 20),
        site_id=None,
        body=HsMeetingBody((company.lead.id,), "Review", inspection_ids=(old.id, recent.id)),
    )
    editor = open_editor(MEETING, meeting.id)
    form = editor.form
    assert isinstance(form, HsMeetingForm)
    assert form.inspections.ticked_texts() == [
        "2026-10-14 · October yard inspection",
        "2025-04-02 · Spring inspection",
    ]
    inspection_editor = open_editor(RecordKind.INSPECTION, recent.id)
    assert inspection_editor.reviewed.isVisible()
    assert inspection_editor.reviewed.text() == "Reviewed at H&S meeting of 2026-10-20."
    assert not open_editor(RecordKind.TOOLBOX_TALK).reviewed.isVisible()


def test_a_meeting_without_attendees_is_refused_in_the_editor(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Save with nobody ticked: the attendees' line says so, the cursor goes there, and
    nothing is stored."""
    editor = active(qtbot, open_editor(MEETING))
    form = editor.form
    assert isinstance(form, HsMeetingForm)
    type_text(editor.title, "Meeting")
    type_text(form.agenda, "Review")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert company.services.records.find(MEETING) == []
    found = editor.registry.find("body.attendee_ids")
    assert found is not None
    assert "tick at least one attendee" in found[1].error.text()
    assert form.attendees.hasFocus()


def test_a_designation_is_typed_and_saved(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Designated by the owner (picked with the arrow key), the lead as representative, chosen
    by the workers, training typed, the yard covered: Save stores exactly that."""
    editor = open_editor(DESIGNATION)
    form = editor.form
    assert isinstance(form, HsDesignationForm)
    type_text(editor.title, "H&S representative")
    form.designated_by.setFocus()
    qtbot.keyClick(form.designated_by, Qt.Key.Key_Down)
    assert form.designated_by.worker_id() == company.owner.id
    tick(form.worker_members, "Zoë Tremblay")
    type_text(form.training, "Representative course, 2026-08-12")
    tick(form.sites, "Main yard")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    (stored,) = company.services.records.find(DESIGNATION)
    assert stored.site_id is None  # company-wide: a new one starts with no particular site
    assert stored.body == HsDesignationBody(
        arrangement=HsArrangement.REPRESENTATIVE,
        designated_by_id=company.owner.id,
        worker_member_ids=(company.lead.id,),
        chosen_how=HsChosenHow.CHOSEN_BY_WORKERS,
        training="Representative course, 2026-08-12",
        site_ids=(company.site.id,),
    )
