"""The worker dialogs of the roster page: add or edit a worker, and end their employment.

Each saves through ``services.roster`` only when every field is valid; problems show under
their fields.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import EmploymentType
from secor_desktop.domain.model import Worker
from secor_desktop.domain.validation import ValidationError
from secor_desktop.gui.models.workers_model import EMPLOYMENT_LABELS
from secor_desktop.gui.pages._forms import (
    FieldErrors,
    date_edit,
    from_qdate,
    labelled,
    plain_label,
    to_qdate,
    with_error,
)
from secor_desktop.services.facade import Services


class WorkerDialog(QDialog):
    """Add a worker (``worker`` None) or edit one. Saves only when every field is valid."""

    def __init__(self, services: Services, worker: Worker | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.original = worker
        self.saved: Worker | None = None
        today = services.ctx.clock.today()
        self.setWindowTitle("Edit worker" if worker else "Add a worker")
        self.setMinimumWidth(460)
        form = QFormLayout()
        self.errors = FieldErrors.for_page(QLabel(self))

        self.name = QLineEdit(self)
        self.name.setAccessibleName("Name")
        self.role = QLineEdit(self)
        self.role.setAccessibleName("Role")
        self.role.setPlaceholderText("e.g. Roofer, Site supervisor")
        self.employment = QComboBox(self)
        self.employment.setAccessibleName("Employment type")
        for kind, label in EMPLOYMENT_LABELS.items():
            self.employment.addItem(label, kind.value)
        self.start = date_edit("Start date", today, self)
        self.ended = QCheckBox("Employment has ended", self)
        self.ended.setAccessibleName("Employment has ended")
        self.end = date_edit("End date", today, self)
        self.contact = QLineEdit(self)
        self.contact.setAccessibleName("Contact")
        self.contact.setPlaceholderText("Phone or email")
        self.owner = QCheckBox("Owner of the company", self)
        self.owner.setAccessibleName("Owner of the company")

        rows: list[tuple[str, str, QWidget]] = [
            ("name", "Name", self.name),
            ("role", "Role", self.role),
            ("employment_type", "Employment type", self.employment),
            ("start_date", "Start date", self.start),
        ]
        for field, label, widget in rows:
            form.addRow(
                labelled(label, widget), with_error(widget, self.errors.add(field, label, widget))
            )
        end_row = QWidget(self)
        end_layout = QHBoxLayout(end_row)
        end_layout.setContentsMargins(0, 0, 0, 0)
        end_layout.addWidget(self.ended)
        end_layout.addWidget(self.end, 1)
        form.addRow(
            labelled("End date", self.end),
            with_error(end_row, self.errors.add("end_date", "End date", self.end)),
        )
        form.addRow(
            labelled("Contact", self.contact),
            with_error(self.contact, self.errors.add("contact", "Contact", self.contact)),
        )
        form.addRow("", self.owner)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)

        self.ended.toggled.connect(self.end.setEnabled)
        self._load(worker)
        order = [self.name, self.role, self.employment, self.start, self.ended, self.end]
        order += [self.contact, self.owner, self.save_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.name.setFocus()

    def _load(self, worker: Worker | None) -> None:
        self.end.setEnabled(False)
        if worker is None:
            return
        self.name.setText(worker.name)
        self.role.setText(worker.role)
        self.employment.setCurrentIndex(self.employment.findData(worker.employment_type.value))
        self.start.setDate(to_qdate(worker.start_date))
        if worker.end_date is not None:
            self.ended.setChecked(True)
            self.end.setDate(to_qdate(worker.end_date))
        self.contact.setText(worker.contact)
        self.owner.setChecked(worker.is_owner)

    def worker(self) -> Worker:
        """The worker as the form stands (not yet checked)."""
        return Worker(
            id=self.original.id if self.original else "",
            name=self.name.text(),
            role=self.role.text(),
            employment_type=EmploymentType(self.employment.currentData()),
            start_date=from_qdate(self.start.date()),
            end_date=from_qdate(self.end.date()) if self.ended.isChecked() else None,
            contact=self.contact.text(),
            is_owner=self.owner.isChecked(),
        )

    def save(self) -> None:
        roster = self.services.roster
        try:
            worker = self.worker()
            self.saved = roster.save_worker(worker) if worker.id else roster.add_worker(worker)
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        self.accept()


class EndEmploymentDialog(QDialog):
    """Record the last day a worker worked; they stay on the roster for their records."""

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.original = worker
        self.saved: Worker | None = None
        self.setWindowTitle("End employment")
        self.errors = FieldErrors.for_page(QLabel(self))
        intro = plain_label(
            f"{worker.name} stays on the roster and in every record they are named in; "
            "from the day after this date they no longer count as a current worker and "
            "cannot sign.",
            self,
        )
        intro.setWordWrap(True)
        self.end = date_edit("Last day of work", services.ctx.clock.today(), self)
        form = QFormLayout()
        form.addRow(
            labelled("Last day of work", self.end),
            with_error(self.end, self.errors.add("end_date", "End date", self.end)),
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("End employment")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def save(self) -> None:
        try:
            worker = replace(self.original, end_date=from_qdate(self.end.date()))
            self.saved = self.services.roster.save_worker(worker)
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        self.accept()
