"""First-aid log entries, with the WCB claim if there was one."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit

from secor_desktop.domain.bodies import Body, FirstAidBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import BodyForm, WorkerPicker, text_box


class FirstAidForm(BodyForm):
    kind = RecordKind.FIRST_AID
    event_date_label = "Date of injury"

    def build(self) -> None:
        self.worker = self.add_row(
            "body.worker_id", "Injured worker", WorkerPicker(self.workers, "Injured worker")
        )
        self.injury = self.add_row("body.injury", "Injury", text_box("Injury", 2))
        self.treatment = self.add_row("body.treatment", "Treatment", text_box("Treatment", 2))
        self.first_aider = self.add_row(
            "body.first_aider_id",
            "First aider",
            WorkerPicker(self.workers, "First aider", optional=True, none_text="(none)"),
        )
        self.wcb_claim = QCheckBox("A WCB claim was filed")
        self.add_row("body.wcb_claim", "WCB claim", self.wcb_claim)
        self.claim_number = QLineEdit()
        self.add_row("body.claim_number", "Claim number", self.claim_number)
        self.lost_time = QCheckBox("The worker lost time beyond the day of injury")
        self.add_row("body.lost_time", "Lost time", self.lost_time)

    def load(self, body: Body) -> None:
        assert isinstance(body, FirstAidBody)
        self.worker.set_worker_id(body.worker_id)
        self.injury.setPlainText(body.injury)
        self.treatment.setPlainText(body.treatment)
        self.first_aider.set_worker_id(body.first_aider_id)
        self.wcb_claim.setChecked(body.wcb_claim)
        self.claim_number.setText(body.claim_number)
        self.lost_time.setChecked(body.lost_time)

    def body(self) -> FirstAidBody:
        return FirstAidBody(
            worker_id=self.worker.worker_id(),
            injury=self.injury.toPlainText(),
            treatment=self.treatment.toPlainText(),
            first_aider_id=self.first_aider.worker_id() or None,
            wcb_claim=self.wcb_claim.isChecked(),
            claim_number=self.claim_number.text(),
            lost_time=self.lost_time.isChecked(),
        )
