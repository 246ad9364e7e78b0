"""Helpers for driving record editors: typing any text, filling each kind's required fields."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from secor_desktop.domain.bodies import ChecklistResult, ControlLevel
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.record_kinds.hours import HOURS
from secor_desktop.gui.editors.admin import AdminForm
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.document import DocumentForm
from secor_desktop.gui.editors.emergency import DrillForm, EmergencyPlanForm
from secor_desktop.gui.editors.first_aid import FirstAidForm
from secor_desktop.gui.editors.hazards import FlhaForm, HazardAssessmentForm
from secor_desktop.gui.editors.hours import HoursForm
from secor_desktop.gui.editors.incident import IncidentForm
from secor_desktop.gui.editors.inspection import InspectionForm
from secor_desktop.gui.editors.orientation import OrientationForm
from secor_desktop.gui.editors.parties import WorkplacePartyForm
from secor_desktop.gui.editors.toolbox import ToolboxTalkForm
from secor_desktop.gui.editors.training import TrainingForm
from secor_desktop.gui.widgets.signature_pad import SignaturePad
from tests.conftest import SmallCompany


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events carrying the characters (qtbot.keyClicks is ASCII-only)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def draw_signature(pad: SignaturePad) -> None:
    """A short zig-zag stroke, as a mouse, touchpad or synthesised touch would make it."""
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(30, 60))
    for x, y in ((60, 40), (90, 80), (120, 40), (150, 80), (180, 50)):
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(200, 60)
    )


def _hazard_line(form: HazardAssessmentForm | FlhaForm) -> None:
    form.lines.task.setText("Loading shingles onto the roof")
    form.lines.hazard.setText("Fall from the roof edge")
    form.lines.severity.setValue(5)
    form.lines.likelihood.setValue(2)
    form.lines.control_boxes[ControlLevel.ENGINEERING].setPlainText("Guardrail on the eave")
    form.lines.control_boxes[ControlLevel.PPE].setPlainText("Harness\nHard hat")


def fill(editor: RecordEditor, company: SmallCompany, title: str = "Test record") -> None:
    """Fill the title and every field the kind requires."""
    editor.title.setText(title)
    FILLERS[editor.kind](editor.form, company)


def _fill_hazard_assessment(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, HazardAssessmentForm)
    form.job.setText("Residential re-roof")
    form.assessed_by.set_worker_id(c.lead.id)
    _hazard_line(form)


def _fill_flha(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, FlhaForm)
    form.task.setText("Tear-off, north slope")
    _hazard_line(form)
    form.crew.set_worker_ids((c.lead.id, c.worker.id))


def _fill_inspection(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, InspectionForm)
    form.target.setText("Main yard")
    form.inspector.set_worker_id(c.lead.id)
    for row in range(form.checklist.table.rowCount()):
        form.checklist.set_result(row, ChecklistResult.OK)
    for row in range(form.checklist.table.rowCount()):
        form.checklist.set_result(row, ChecklistResult.OK)


def _fill_toolbox(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, ToolboxTalkForm)
    form.topic.setText("Ladder safety")
    form.presenter.set_worker_id(c.lead.id)
    form.attendees.set_worker_ids((c.worker.id, c.owner.id))


def _fill_training(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, TrainingForm)
    form.worker.set_worker_id(c.worker.id)
    form.course.setEditText("Fall protection")
    form.provider.setText("Safety Co.")


def _fill_orientation(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, OrientationForm)
    form.worker.set_worker_id(c.worker.id)
    form.orienter.set_worker_id(c.lead.id)
    for tick in form.ticks.values():
        tick.setChecked(True)


def _fill_incident(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, IncidentForm)
    form.description.setPlainText("Bundle of shingles slid off the roof; nobody below.")
    form.people.set_worker_ids((c.worker.id,))


def _fill_plan(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, EmergencyPlanForm)
    form.muster.setText("North gate")
    form.contacts.setPlainText("911; Dana 403-555-0100")
    form.procedures.setPlainText("Stop work, call 911, muster at the north gate.")


def _fill_drill(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, DrillForm)
    form.scenario.setText("Fire in the shop")
    form.participants.set_worker_ids((c.lead.id, c.worker.id))
    form.duration.setValue(6)


def _fill_document(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, DocumentForm)
    form.owner.set_worker_id(c.owner.id)
    form.text.setPlainText("We put safety first.")


def _fill_first_aid(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, FirstAidForm)
    form.worker.set_worker_id(c.worker.id)
    form.injury.setPlainText("Splinter, left hand")
    form.treatment.setPlainText("Removed, cleaned, bandaged")


def _fill_admin(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, AdminForm)
    form.summary.setPlainText("Quarterly program review: all elements on track.")


def _fill_party(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, WorkplacePartyForm)
    form.name.setText("Acme Framing Ltd.")


FILLERS: dict[RecordKind, Callable[[QWidget, SmallCompany], None]] = {
    RecordKind.HAZARD_ASSESSMENT: _fill_hazard_assessment,
    RecordKind.FLHA: _fill_flha,
    RecordKind.INSPECTION: _fill_inspection,
    RecordKind.TOOLBOX_TALK: _fill_toolbox,
    RecordKind.TRAINING: _fill_training,
    RecordKind.ORIENTATION: _fill_orientation,
    RecordKind.INCIDENT: _fill_incident,
    RecordKind.EMERGENCY_PLAN: _fill_plan,
    RecordKind.DRILL: _fill_drill,
    RecordKind.DOCUMENT: _fill_document,
    RecordKind.FIRST_AID: _fill_first_aid,
    RecordKind.ADMIN: _fill_admin,
    RecordKind("workplace_party"): _fill_party,
}


def _fill_hours(form: QWidget, c: SmallCompany) -> None:
    assert isinstance(form, HoursForm)
    form.month.setText("2026-10")
    form.total.setText("480")


FILLERS[HOURS] = _fill_hours
