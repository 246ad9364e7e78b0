"""Policy and procedure documents; workers acknowledge by signing with 'acknowledged'."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from secor_desktop.domain.bodies import Body, DocumentBody, DocumentType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import (
    BodyForm,
    WorkerPicker,
    enum_combo,
    set_combo_data,
    text_box,
)

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
        self.text = self.add_row("body.text", "Text", text_box("Document text", 12))

    def load(self, body: Body) -> None:
        assert isinstance(body, DocumentBody)
        set_combo_data(self.doc_type, body.doc_type.value)
        self.version.setText(body.version)
        self.owner.set_worker_id(body.owner_id)
        self.text.setPlainText(body.text)

    def body(self) -> DocumentBody:
        return DocumentBody(
            doc_type=DocumentType(self.doc_type.currentData()),
            version=self.version.text(),
            text=self.text.toPlainText(),
            owner_id=self.owner.worker_id(),
        )
