"""Program administration: reviews, minutes, internal audits, responsibilities, statistics,
and the company's own papers (SECOR certificate, WCB clearance letter, insurance
certificate), each with the day it stops holding; the record's date is the day it was issued.
"""

from __future__ import annotations

from secor_desktop.domain.bodies import AdminBody, AdminType, Body
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.months import add_months
from secor_desktop.domain.prequal import PAPER_TYPES
from secor_desktop.gui.editors.fields import (
    BodyForm,
    OptionalDate,
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
    AdminType.SECOR_CERTIFICATE.value: "SECOR certificate",
    AdminType.WCB_CLEARANCE.value: "WCB clearance letter",
    AdminType.INSURANCE_CERTIFICATE.value: "Insurance certificate",
}
PAPER_HELP = (
    "The record's date is the day the paper was issued. Attach the scan (Files, below); the "
    "prequalification pack (File > Prequalification pack…) prints it and copies the file."
)


class AdminForm(BodyForm):
    kind = RecordKind.ADMIN

    def build(self) -> None:
        self.admin_type = self.add_row(
            "body.admin_type", "Type", enum_combo(TYPE_LABELS, "Administration record type")
        )
        # Offered when ticked: a WCB clearance letter commonly holds for about three months.
        default = add_months(self.services.ctx.clock.today(), 3)
        self.expiry = self.add_row(
            "body.expiry", "Expiry", OptionalDate("Expiry", "Expires on", default)
        )
        self.expiry.setToolTip("Until when the certificate, letter or policy holds")
        self.summary = self.add_row("body.summary", "Summary", text_box("Summary", 8))
        self.attendees = self.add_row(
            "body.attendee_ids", "People present", WorkerChecklist(self.workers, "People present")
        )
        self.admin_type.currentIndexChanged.connect(self._type_changed)
        self._type_changed()

    def _type_changed(self) -> None:
        """A paper (certificate, letter, policy) is told what its date means."""
        is_paper = self.admin_type.currentData() in {t.value for t in PAPER_TYPES}
        self.summary.setPlaceholderText(PAPER_HELP if is_paper else "")

    def load(self, body: Body) -> None:
        assert isinstance(body, AdminBody)
        set_combo_data(self.admin_type, body.admin_type.value)
        self.summary.setPlainText(body.summary)
        self.attendees.set_worker_ids(body.attendee_ids)
        self.expiry.set_value(body.expiry)

    def body(self) -> AdminBody:
        return AdminBody(
            admin_type=AdminType(self.admin_type.currentData()),
            summary=self.summary.toPlainText(),
            attendee_ids=self.attendees.worker_ids(),
            expiry=self.expiry.value(),
        )
