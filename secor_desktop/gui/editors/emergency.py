"""Emergency response plans and drills."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QSpinBox

from secor_desktop.domain.bodies import Body, DrillBody, EmergencyPlanBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import BodyForm, WorkerChecklist, text_box


class EmergencyPlanForm(BodyForm):
    kind = RecordKind.EMERGENCY_PLAN
    event_date_label = "Plan dated"

    def build(self) -> None:
        self.muster = QLineEdit()
        self.muster.setPlaceholderText("e.g. North gate, by the site trailer")
        self.add_row("body.muster_point", "Muster point", self.muster)
        self.contacts = self.add_row(
            "body.emergency_contacts", "Emergency contacts", text_box("Emergency contacts", 3)
        )
        self.procedures = self.add_row("body.procedures", "Procedures", text_box("Procedures", 8))
        self.medical = QLineEdit()
        self.medical.setPlaceholderText("Nearest hospital or clinic, with the address")
        self.add_row("body.nearest_medical", "Nearest medical aid", self.medical)

    def load(self, body: Body) -> None:
        assert isinstance(body, EmergencyPlanBody)
        self.muster.setText(body.muster_point)
        self.contacts.setPlainText(body.emergency_contacts)
        self.procedures.setPlainText(body.procedures)
        self.medical.setText(body.nearest_medical)

    def body(self) -> EmergencyPlanBody:
        return EmergencyPlanBody(
            muster_point=self.muster.text(),
            emergency_contacts=self.contacts.toPlainText(),
            procedures=self.procedures.toPlainText(),
            nearest_medical=self.medical.text(),
        )


class DrillForm(BodyForm):
    kind = RecordKind.DRILL
    event_date_label = "Held on"

    def build(self) -> None:
        self.scenario = QLineEdit()
        self.scenario.setPlaceholderText("e.g. Fire in the shop; evacuate to the muster point")
        self.add_row("body.scenario", "Scenario", self.scenario)
        self.participants = self.add_row(
            "body.participant_ids",
            "Participants (each signs)",
            WorkerChecklist(self.workers, "Participants"),
        )
        self.duration = QSpinBox()
        self.duration.setRange(0, 24 * 60)
        self.duration.setSuffix(" min")
        self.duration.setValue(10)
        self.add_row("body.duration_minutes", "Time taken", self.duration)
        self.lessons = self.add_row("body.lessons", "Lessons learned", text_box("Lessons", 4))

    def load(self, body: Body) -> None:
        assert isinstance(body, DrillBody)
        self.scenario.setText(body.scenario)
        self.participants.set_worker_ids(body.participant_ids)
        self.duration.setValue(body.duration_minutes)
        self.lessons.setPlainText(body.lessons)

    def body(self) -> DrillBody:
        return DrillBody(
            scenario=self.scenario.text(),
            participant_ids=self.participants.worker_ids(),
            duration_minutes=self.duration.value(),
            lessons=self.lessons.toPlainText(),
        )
