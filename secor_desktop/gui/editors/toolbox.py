"""Toolbox talks and safety meetings: topic, presenter, attendees (each signs), notes."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton

from secor_desktop.domain.bodies import Body, ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.library import Topic
from secor_desktop.gui.editors.fields import BodyForm, WorkerChecklist, WorkerPicker, text_box


class ToolboxTalkForm(BodyForm):
    kind = RecordKind.TOOLBOX_TALK
    event_date_label = "Held on"

    def build(self) -> None:
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("e.g. Ladder safety, heat stress, new fall-arrest anchors")
        self.add_row("body.topic", "Topic", self.topic)
        self.pick_button = QPushButton("Pick a topic from the library…")
        self.pick_button.setAccessibleName("Pick a topic: fills the topic and its talking points")
        self.pick_button.setToolTip("Fills the topic, and its talking points into the notes")
        self.pick_button.clicked.connect(self.pick_topic)
        pick_row = QHBoxLayout()
        pick_row.setContentsMargins(0, 0, 0, 0)
        pick_row.addWidget(self.pick_button)
        pick_row.addStretch(1)
        self.form.addRow("", pick_row)
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

    def pick_topic(self) -> bool:
        """The topic picker: the chosen topic's title becomes the topic, its talking points
        the notes (added under notes already typed, never replacing them)."""
        from secor_desktop.gui.editors.library_pickers import TopicPicker

        picker = TopicPicker(self.services, self)
        try:
            if not picker.exec() or picker.chosen is None:
                return False
            self.use_topic(picker.chosen)
            return True
        finally:
            picker.deleteLater()

    def use_topic(self, topic: Topic) -> None:
        self.topic.setText(topic.title)
        typed = self.notes.toPlainText().rstrip()
        self.notes.setPlainText(f"{typed}\n\n{topic.notes()}" if typed else topic.notes())
        self.presenter.setFocus()

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
