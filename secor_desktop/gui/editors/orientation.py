"""Orientations: the three rights, each ticked, then the policy, hazards and emergencies."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QVBoxLayout

from secor_desktop.domain.bodies import Body, OrientationBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import BodyForm, WorkerPicker, text_box

RIGHTS = (
    ("right_to_know", "The right to know the hazards of the work"),
    ("right_to_participate", "The right to participate in health and safety"),
    ("right_to_refuse", "The right to refuse unsafe work"),
)
TOPICS = (
    ("policy_reviewed", "The health and safety policy"),
    ("hazards_reviewed", "The hazards of the job and their controls"),
    ("emergency_procedures_reviewed", "Emergency procedures and the muster point"),
)


class OrientationForm(BodyForm):
    kind = RecordKind.ORIENTATION
    event_date_label = "Oriented on"

    def build(self) -> None:
        self.worker = self.add_row(
            "body.worker_id", "New worker", WorkerPicker(self.workers, "New worker")
        )
        self.orienter = self.add_row(
            "body.orienter_id", "Oriented by", WorkerPicker(self.workers, "Oriented by")
        )
        self.ticks: dict[str, QCheckBox] = {}
        for title, entries in (("The three rights", RIGHTS), ("Also covered", TOPICS)):
            group = QGroupBox(title)
            group.setAccessibleName(title)
            column = QVBoxLayout(group)
            for name, text in entries:
                tick = QCheckBox(text)
                tick.setAccessibleName(text)
                column.addWidget(tick)
                self.ticks[name] = tick
                self.watch(tick)
            self.form.addRow(group)
        self.notes = self.add_row("body.notes", "Notes", text_box("Notes", 3))
        self.party = QLineEdit()
        self.party.setPlaceholderText(
            "Leave empty for your own worker; or the subcontractor or supplier they came with"
        )
        self.add_row("body.party", "Other workplace party", self.party)

    def load(self, body: Body) -> None:
        assert isinstance(body, OrientationBody)
        self.worker.set_worker_id(body.worker_id)
        self.orienter.set_worker_id(body.orienter_id)
        for name, tick in self.ticks.items():
            tick.setChecked(bool(getattr(body, name)))
        self.notes.setPlainText(body.notes)
        self.party.setText(body.party)

    def body(self) -> OrientationBody:
        ticked = {name: tick.isChecked() for name, tick in self.ticks.items()}
        return OrientationBody(
            worker_id=self.worker.worker_id(),
            orienter_id=self.orienter.worker_id(),
            notes=self.notes.toPlainText(),
            party=self.party.text(),
            **ticked,
        )
