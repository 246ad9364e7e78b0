"""The corrective action dialogs: raise an action, and close one with a note.

Auditors take points off for actions not tracked to completion, so an action names its owner,
due date and source record, and closing one needs a note saying how it was done.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.model import CorrectiveAction
from secor_desktop.domain.validation import FieldProblem, ValidationError
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

DEFAULT_DUE_DAYS = 14
NO_OWNER = "— no owner yet —"
NO_SOURCE = "— none (raised on its own) —"


def _buttons(dialog: QDialog, save_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setText(save_text)
    buttons.rejected.connect(dialog.reject)
    return buttons, save


class RaiseActionDialog(QDialog):
    """A new corrective action: what to do, who owns it, by when, and what it came from."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.saved: CorrectiveAction | None = None
        today = services.ctx.clock.today()
        self.setWindowTitle("Raise a corrective action")
        self.setMinimumWidth(560)
        self.errors = FieldErrors.for_page(QLabel(self))

        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName("Action to take")
        self.description.setPlaceholderText("What must be done, e.g. Replace the frayed lanyard")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.owner = QComboBox(self)
        self.owner.setAccessibleName("Owner")
        self.owner.addItem(NO_OWNER, None)
        for worker in sorted(services.roster.workers(), key=lambda w: w.name.casefold()):
            if worker.active_on(today):
                self.owner.addItem(f"{worker.name} — {worker.role}", worker.id)
        self.due = date_edit("Due date", today + timedelta(days=DEFAULT_DUE_DAYS), self)
        self.due.setMinimumDate(to_qdate(today))
        self.source = QComboBox(self)
        self.source.setAccessibleName("Source record")
        self.source.setEditable(True)
        self.source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.source.addItem(NO_SOURCE, None)
        for heading in services.people.record_headings():
            label = f"{heading.event_date.isoformat()} · {heading.kind.label} · {heading.title}"
            self.source.addItem(label, heading.id)
        completer = QCompleter(self.source.model(), self.source)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.source.setCompleter(completer)

        form = QFormLayout()
        fields: list[tuple[str, str, QWidget]] = [
            ("description", "Action to take", self.description),
            ("owner_id", "Owner", self.owner),
            ("due_date", "Due date", self.due),
            ("source_record_id", "Source record (optional)", self.source),
        ]
        for field, label, widget in fields:
            error = self.errors.add(field, label, widget)
            form.addRow(labelled(label, widget), with_error(widget, error))
        buttons, self.save_button = _buttons(self, "Raise action")
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        order = [self.description, self.owner, self.due, self.source, self.save_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.description.setFocus()

    def set_source(self, record_id: str) -> None:
        index = self.source.findData(record_id)
        if index >= 0:
            self.source.setCurrentIndex(index)

    def _source_id(self) -> str | None:
        """The chosen record; text typed that names no record in the list is refused."""
        index = self.source.currentIndex()
        if index < 0 or self.source.itemText(index) != self.source.currentText():
            index = self.source.findText(self.source.currentText())
        if index < 0:
            if not self.source.currentText().strip():
                return None
            raise ValidationError(
                [FieldProblem("source_record_id", "pick a record from the list, or none")]
            )
        data = self.source.itemData(index)
        return data if isinstance(data, str) else None

    def save(self) -> None:
        try:
            owner = self.owner.currentData()
            self.saved = self.services.actions.raise_action(
                self.description.toPlainText(),
                due_date=from_qdate(self.due.date()),
                owner_id=owner if isinstance(owner, str) else None,
                source_record_id=self._source_id(),
            )
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        self.accept()


class CloseActionDialog(QDialog):
    """Close an action: the day it was done and how (a note is required)."""

    def __init__(
        self, services: Services, action: CorrectiveAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.action = action
        self.saved: CorrectiveAction | None = None
        today = services.ctx.clock.today()
        self.setWindowTitle("Close a corrective action")
        self.setMinimumWidth(520)
        self.errors = FieldErrors.for_page(QLabel(self))
        summary = plain_label(f"Action: {action.description}", self)
        summary.setWordWrap(True)
        summary.setAccessibleName("Action being closed")
        self.closed = date_edit("Closed on", today, self)
        self.closed.setMaximumDate(to_qdate(today))
        self.closed.setMinimumDate(to_qdate(action.created_date))
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName("How it was closed")
        self.note.setPlaceholderText("What was done, by whom; where the evidence is")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(110)
        form = QFormLayout()
        for field, label, widget in (
            ("closed_date", "Closed on", self.closed),
            ("closure_note", "How it was closed", self.note),
        ):
            error = self.errors.add(field, label, widget)
            form.addRow(labelled(label, widget), with_error(widget, error))
        buttons, self.save_button = _buttons(self, "Close action")
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        for first, second in itertools.pairwise([self.closed, self.note, self.save_button]):
            QWidget.setTabOrder(first, second)
        self.note.setFocus()

    def save(self) -> None:
        try:
            self.saved = self.services.actions.close(
                self.action.id,
                closed_date=from_qdate(self.closed.date()),
                note=self.note.toPlainText(),
            )
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        self.accept()
