"""Program administration: reviews, minutes, internal audits, responsibilities, statistics."""

from __future__ import annotations

from secor_desktop.domain.bodies import AdminBody, AdminType, Body
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import (
    BodyForm,
    WorkerChecklist,
    enum_combo,
    set_combo_data,
    text_box,
)

TYPE_LABELS = {
    AdminType.PROGRAM_REVIEW.value: "Program review",
    AdminType.MEETING_MINUTES.value: "Meeting minutes",
    AdminType.INTERNAL_AUDIT.value: "Internal audit",
    AdminType.RESPONSIBILITIES.value: "Responsibilities",
    AdminType.STATISTICS.value: "Statistics",
}


class AdminForm(BodyForm):
    kind = RecordKind.ADMIN

    def build(self) -> None:
        self.admin_type = self.add_row(
            "body.admin_type", "Type", enum_combo(TYPE_LABELS, "Administration record type")
        )
        self.summary = self.add_row("body.summary", "Summary", text_box("Summary", 8))
        self.attendees = self.add_row(
            "body.attendee_ids", "People present", WorkerChecklist(self.workers, "People present")
        )

    def load(self, body: Body) -> None:
        assert isinstance(body, AdminBody)
        set_combo_data(self.admin_type, body.admin_type.value)
        self.summary.setPlainText(body.summary)
        self.attendees.set_worker_ids(body.attendee_ids)

    def body(self) -> AdminBody:
        return AdminBody(
            admin_type=AdminType(self.admin_type.currentData()),
            summary=self.summary.toPlainText(),
            attendee_ids=self.attendees.worker_ids(),
        )
