"""Training records and certificates: who, which course, from whom, until when."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from secor_desktop.domain.bodies import Body, TrainingBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import BodyForm, OptionalDate, WorkerPicker

COMMON_COURSES = (
    "Standard First Aid with CPR/AED",
    "Fall protection",
    "WHMIS",
    "Ground disturbance",
    "H2S Alive",
    "Confined space",
    "Fire extinguisher",
    "Forklift operator",
    "Internal auditor (SECOR)",
)


class TrainingForm(BodyForm):
    kind = RecordKind.TRAINING
    event_date_label = "Completed on"

    def build(self) -> None:
        self.worker = self.add_row("body.worker_id", "Worker", WorkerPicker(self.workers, "Worker"))
        self.course = QComboBox()
        self.course.setEditable(True)
        self.course.addItems(COMMON_COURSES)
        self.course.setCurrentIndex(-1)
        self.course.setEditText("")
        course_edit = self.course.lineEdit()
        assert course_edit is not None
        course_edit.setPlaceholderText("Choose or type the course")
        self.add_row("body.course", "Course", self.course)
        self.provider = QLineEdit()
        self.provider.setPlaceholderText("Who gave it, e.g. St. John Ambulance")
        self.add_row("body.provider", "Provider", self.provider)
        today = self.services.ctx.clock.today()
        # Many certificates last three years; Feb 29 falls back to Feb 28.
        default_expiry = today.replace(
            year=today.year + 3, day=min(today.day, 28 if today.month == 2 else 31)
        )
        self.expiry = OptionalDate("Expiry date", "Expires on", default_expiry)
        self.add_row("body.expiry", "Expiry", self.expiry)
        self.certificate = QLineEdit()
        self.add_row("body.certificate_number", "Certificate number", self.certificate)

    def load(self, body: Body) -> None:
        assert isinstance(body, TrainingBody)
        self.worker.set_worker_id(body.worker_id)
        self.course.setEditText(body.course)
        self.provider.setText(body.provider)
        self.expiry.set_value(body.expiry)
        self.certificate.setText(body.certificate_number)

    def body(self) -> TrainingBody:
        return TrainingBody(
            worker_id=self.worker.worker_id(),
            course=self.course.currentText(),
            provider=self.provider.text(),
            expiry=self.expiry.value(),
            certificate_number=self.certificate.text(),
        )
