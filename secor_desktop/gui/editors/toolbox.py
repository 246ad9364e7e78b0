"""Toolbox talks and safety meetings: topic, presenter, attendees (each signs), notes."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from secor_desktop.domain.bodies import Body, ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import BodyForm, WorkerChecklist, WorkerPicker, text_box


class ToolboxTalkForm(BodyForm):
    kind = RecordKind.TOOLBOX_TALK
    event_date_label = "Held on"

    def build(self) -> None:
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("e.g. Ladder safety, heat stress, new fall-arrest anchors")
        self.add_row("body.topic", "Topic", self.topic)
        self.presenter = self.add_row(
            "body.presenter_id", "Presenter", WorkerPicker(self.workers, "Presenter")
        )
        self.attendees = self.add_row(
            "body.attendee_ids",
            "Attendees (each signs)",
            WorkerChecklist(self.workers, "Attendees"),
        )
        self.notes = self.add_row("body.notes", "Notes", text_box("Notes", 4))
        self.concerns = self.add_row(
            "body.concerns", "Concerns raised", text_box("Concerns raised", 3)
        )

    def load(self, body: Body) -> None:
        assert isinstance(body, ToolboxTalkBody)
        self.topic.setText(body.topic)
        self.presenter.set_worker_id(body.presenter_id)
        self.attendees.set_worker_ids(body.attendee_ids)
        self.notes.setPlainText(body.notes)
        self.concerns.setPlainText(body.concerns)

    def body(self) -> ToolboxTalkBody:
        return ToolboxTalkBody(
            topic=self.topic.text(),
            presenter_id=self.presenter.worker_id(),
            attendee_ids=self.attendees.worker_ids(),
            notes=self.notes.toPlainText(),
            concerns=self.concerns.toPlainText(),
        )
