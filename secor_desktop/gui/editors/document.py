"""Policy and procedure documents; workers acknowledge by signing with 'acknowledged'."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from secor_desktop.domain.bodies import Body, DocumentBody, DocumentType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.months import add_months
from secor_desktop.gui.editors.fields import (
    BodyForm,
    OptionalDate,
    WorkerPicker,
    enum_combo,
    set_combo_data,
    text_box,
)
from secor_desktop.gui.editors.starter_marks import StarterMarks

TYPE_LABELS = {
    DocumentType.POLICY.value: "Health and safety policy",
    DocumentType.SAFE_WORK_PRACTICE.value: "Safe work practice",
    DocumentType.SAFE_JOB_PROCEDURE.value: "Safe job procedure",
    DocumentType.COMPANY_RULES.value: "Company rules",
    DocumentType.OTHER.value: "Other",
}


class DocumentForm(BodyForm):
    kind = RecordKind.DOCUMENT
    event_date_label = "Issued on"

    def build(self) -> None:
        self.doc_type = self.add_row(
            "body.doc_type", "Document type", enum_combo(TYPE_LABELS, "Document type")
        )
        self.version = QLineEdit("1")
        self.version.setMaximumWidth(160)
        self.add_row("body.version", "Version", self.version)
        self.owner = self.add_row(
            "body.owner_id", "Signed by (owner)", WorkerPicker(self.workers, "Document owner")
        )
        self.review_due = self.add_row(
            "body.review_due",
            "Review due",
            OptionalDate(
                "Review due", "Review by", add_months(self.services.ctx.clock.today(), 12)
            ),
        )
        text = text_box("Document text", 12)
        # Above the text, so the blanks left and the starter wording are seen first.
        self.marks = StarterMarks(text, self)
        self.form.addRow("", self.marks)
        self.text = self.add_row("body.text", "Text", text)
        # What the form does not show but must keep: which framework documents this one
        # fulfils, and the starter document it began as.
        self._covers: tuple[str, ...] = ()
        self._template: tuple[str, str] = ("", "")

    def load(self, body: Body) -> None:
        assert isinstance(body, DocumentBody)
        set_combo_data(self.doc_type, body.doc_type.value)
        self.version.setText(body.version)
        self.owner.set_worker_id(body.owner_id)
        self.review_due.set_value(body.review_due)
        self._covers = body.covers
        if body.template_id != self._template[0]:
            self.marks.set_template(self.services.program.template_or_none(body.template_id))
        self._template = (body.template_id, body.template_version)
        self.text.setPlainText(body.text)
        self.marks.refresh()

    def body(self) -> DocumentBody:
        return DocumentBody(
            doc_type=DocumentType(self.doc_type.currentData()),
            version=self.version.text(),
            text=self.text.toPlainText(),
            owner_id=self.owner.worker_id(),
            covers=self._covers,
            template_id=self._template[0],
            template_version=self._template[1],
            review_due=self.review_due.value(),
        )
