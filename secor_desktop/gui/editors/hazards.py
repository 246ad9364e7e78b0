"""Formal and field-level hazard assessments: task-hazard lines rated and controlled.

The lines are edited master-detail: a table lists every line with its computed risk, and the
selected line's task, hazard, ratings and controls (by the hierarchy) are edited below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.bodies import (
    Body,
    Control,
    ControlLevel,
    FlhaBody,
    HazardAssessmentBody,
    HazardItem,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import (
    KEEP_ENABLED,
    BodyForm,
    LockAware,
    WorkerChecklist,
    WorkerPicker,
    plain_label,
)
from secor_desktop.gui.forms.errors import error_label
from secor_desktop.gui.signals import emit

LEVEL_LABELS: dict[ControlLevel, str] = {
    ControlLevel.ELIMINATION: "Elimination",
    ControlLevel.SUBSTITUTION: "Substitution",
    ControlLevel.ENGINEERING: "Engineering",
    ControlLevel.ADMINISTRATIVE: "Administrative",
    ControlLevel.PPE: "PPE",
}
# "Task step", not "Task": the field-level form's record has a "Job or task" of its own, and two
# fields both called "Task" left people unsure which one they were filling in.
COLUMNS = ("Task step", "Hazard", "Severity", "Likelihood", "Risk", "Controls")


def risk_words(risk: int) -> str:
    """A plain-words band for severity x likelihood (1-25)."""
    if risk >= 15:
        return "high"
    if risk >= 8:
        return "medium"
    return "low"


@dataclass
class _Line:
    task: str = ""
    hazard: str = ""
    severity: int = 3
    likelihood: int = 3
    controls: dict[ControlLevel, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, item: HazardItem) -> _Line:
        controls: dict[ControlLevel, list[str]] = {}
        for control in item.controls:
            controls.setdefault(control.level, []).append(control.description)
        return cls(item.task, item.hazard, item.severity, item.likelihood, controls)

    def item(self) -> HazardItem:
        controls = tuple(
            Control(level, text)
            for level in ControlLevel
            for text in self.controls.get(level, [])
            if text.strip()
        )
        return HazardItem(self.task, self.hazard, self.severity, self.likelihood, controls)


class HazardLinesEditor(LockAware):
    """Task-hazard lines: a table of every line, and the selected line's details."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Tasks and hazards")
        self._lines: list[_Line] = []
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Task and hazard lines")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setProperty(KEEP_ENABLED, True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col in (0, 1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        for col in (2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(170)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_line(row))
        outer.addWidget(self.table)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add line")
        self.add_button.setAccessibleName("Add a task and hazard line")
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton("Remove line")
        self.remove_button.setAccessibleName("Remove the selected line")
        self.remove_button.clicked.connect(self.remove_line)
        self.library_button = QPushButton("Add hazards from the library…")
        self.library_button.setAccessibleName(
            "Add hazards from the library, by trade and task, with their usual controls"
        )
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.library_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.error = error_label(self)  # problems with the lines show right under the table
        outer.addWidget(self.error)

        self.detail = QWidget()
        grid = QGridLayout(self.detail)
        grid.setContentsMargins(0, 0, 0, 0)
        self.task = QLineEdit()
        self.task.setAccessibleName("Task step")
        self.task.setPlaceholderText("One step of the job, e.g. Loading shingles onto the roof")
        self.hazard = QLineEdit()
        self.hazard.setAccessibleName("Hazard")
        self.hazard.setPlaceholderText("What could hurt someone, e.g. Fall from the roof edge")
        self.severity = QSpinBox()
        self.severity.setRange(1, 5)
        self.severity.setAccessibleName("Severity, 1 (minor) to 5 (fatal)")
        self.likelihood = QSpinBox()
        self.likelihood.setRange(1, 5)
        self.likelihood.setAccessibleName("Likelihood, 1 (rare) to 5 (almost certain)")
        self.risk = plain_label("")
        self.risk.setAccessibleName("Risk")
        grid.addWidget(plain_label("Task step"), 0, 0)
        grid.addWidget(self.task, 0, 1, 1, 3)
        grid.addWidget(plain_label("Hazard"), 1, 0)
        grid.addWidget(self.hazard, 1, 1, 1, 3)
        ratings = QHBoxLayout()
        ratings.addWidget(plain_label("Severity (1-5)"))
        ratings.addWidget(self.severity)
        ratings.addSpacing(16)
        ratings.addWidget(plain_label("Likelihood (1-5)"))
        ratings.addWidget(self.likelihood)
        ratings.addSpacing(16)
        ratings.addWidget(self.risk)
        ratings.addStretch(1)
        grid.addWidget(plain_label("Rating"), 2, 0)
        grid.addLayout(ratings, 2, 1, 1, 3)
        grid.addWidget(plain_label("Controls, one per line, most effective first"), 3, 0, 1, 4)
        controls = QHBoxLayout()
        self.control_boxes: dict[ControlLevel, QPlainTextEdit] = {}
        for level, label in LEVEL_LABELS.items():
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(plain_label(label))
            box = QPlainTextEdit()
            box.setAccessibleName(f"{label} controls")
            box.setTabChangesFocus(True)
            box.setMinimumHeight(box.fontMetrics().lineSpacing() * 3 + 12)
            box.setMaximumHeight(box.fontMetrics().lineSpacing() * 4 + 12)
            column.addWidget(box)
            controls.addLayout(column)
            self.control_boxes[level] = box
            box.textChanged.connect(self._detail_edited)
        grid.addLayout(controls, 4, 0, 1, 4)
        grid.setColumnStretch(0, 0)
        grid.setColumnStretch(1, 1)
        outer.addWidget(self.detail)

        for edit in (self.task, self.hazard):
            edit.textChanged.connect(self._detail_edited)
        for spin in (self.severity, self.likelihood):
            spin.valueChanged.connect(self._detail_edited)
        self._show_line(-1)

    # --- data ----------------------------------------------------------------------------

    def items(self) -> tuple[HazardItem, ...]:
        return tuple(line.item() for line in self._lines)

    def set_items(self, items: tuple[HazardItem, ...]) -> None:
        self._lines = [_Line.of(item) for item in items]
        self.table.setRowCount(0)
        self.table.setRowCount(len(self._lines))
        for row in range(len(self._lines)):
            self._refresh_row(row)
        self.table.setCurrentCell(0 if self._lines else -1, 0)
        self._show_line(self.table.currentRow())

    def add_line(self) -> None:
        self._lines.append(_Line())
        row = len(self._lines) - 1
        self.table.setRowCount(len(self._lines))
        self._refresh_row(row)
        self.table.setCurrentCell(row, 0)
        self._show_line(row)
        self.task.setFocus()
        emit(self.changed)

    def add_items(self, items: tuple[HazardItem, ...]) -> None:
        """Add lines (from the library); a blank line left from the start is replaced."""
        if not items:
            return
        self._lines = [line for line in self._lines if line.task or line.hazard]
        self._lines.extend(_Line.of(item) for item in items)
        self.table.setRowCount(0)
        self.table.setRowCount(len(self._lines))
        for row in range(len(self._lines)):
            self._refresh_row(row)
        first = len(self._lines) - len(items)
        self.select_line(first)
        emit(self.changed)

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._lines):
            return
        del self._lines[row]
        self.table.removeRow(row)
        self._show_line(self.table.currentRow())
        emit(self.changed)

    def select_line(self, row: int) -> None:
        self.table.setCurrentCell(row, 0)
        self._show_line(row)

    # --- internals -----------------------------------------------------------------------

    def _refresh_row(self, row: int) -> None:
        line = self._lines[row]
        risk = line.severity * line.likelihood
        count = sum(1 for texts in line.controls.values() for t in texts if t.strip())
        levels = ", ".join(
            LEVEL_LABELS[level] for level in ControlLevel if any(line.controls.get(level, []))
        )
        cells = (
            line.task,
            line.hazard,
            str(line.severity),
            str(line.likelihood),
            f"{risk} ({risk_words(risk)})",
            f"{count}: {levels}" if count else "none yet",
        )
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col in (2, 3):
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, col, item)

    def _show_line(self, row: int) -> None:
        self._loading = True
        has_line = 0 <= row < len(self._lines)
        line = self._lines[row] if has_line else _Line()
        self.task.setText(line.task)
        self.hazard.setText(line.hazard)
        self.severity.setValue(line.severity)
        self.likelihood.setValue(line.likelihood)
        for level, box in self.control_boxes.items():
            box.setPlainText("\n".join(line.controls.get(level, [])))
        self._show_risk()
        self.detail.setEnabled(has_line)
        self.remove_button.setEnabled(has_line and self.add_button.isEnabled())
        self._loading = False

    def _show_risk(self) -> None:
        risk = self.severity.value() * self.likelihood.value()
        self.risk.setText(f"Risk {risk} of 25: {risk_words(risk)}")

    def _detail_edited(self) -> None:
        self._show_risk()
        row = self.table.currentRow()
        if self._loading or not 0 <= row < len(self._lines):
            return
        line = self._lines[row]
        line.task = self.task.text()
        line.hazard = self.hazard.text()
        line.severity = self.severity.value()
        line.likelihood = self.likelihood.value()
        line.controls = {
            level: [t for t in box.toPlainText().split("\n") if t.strip()]
            for level, box in self.control_boxes.items()
        }
        self._refresh_row(row)
        emit(self.changed)

    def set_locked(self, locked: bool) -> None:
        self.add_button.setEnabled(not locked)
        self.library_button.setEnabled(not locked)
        self.remove_button.setEnabled(not locked and self.table.currentRow() >= 0)
        for edit in (self.task, self.hazard):
            edit.setReadOnly(locked)
        for spin in (self.severity, self.likelihood):
            spin.setReadOnly(locked)
        for box in self.control_boxes.values():
            box.setReadOnly(locked)


class _HazardForm(BodyForm):
    lines: HazardLinesEditor

    def pick_hazards(self) -> bool:
        """The hazard library picker; the ticked hazards become lines with their controls."""
        from secor_desktop.gui.editors.library_pickers import HazardPicker

        picker = HazardPicker(self.services, self)
        try:
            if not picker.exec() or not picker.chosen:
                return False
            self.lines.add_items(picker.chosen)
            return True
        finally:
            picker.deleteLater()


class HazardAssessmentForm(_HazardForm):
    kind = RecordKind.HAZARD_ASSESSMENT
    event_date_label = "Assessed on"

    def build(self) -> None:
        self.job = QLineEdit()
        self.job.setPlaceholderText("The job or task assessed, e.g. Residential re-roof")
        self.add_row("body.job", "Job", self.job)
        self.assessed_by = self.add_row(
            "body.assessed_by_id", "Assessed by", WorkerPicker(self.workers, "Assessed by")
        )
        self.lines = HazardLinesEditor()
        self.add_row("body.hazards", "Tasks and hazards", self.lines, self.lines.error)
        self.lines.library_button.clicked.connect(self.pick_hazards)
        self.review_reason = QLineEdit()
        self.review_reason.setPlaceholderText("Why it was reviewed, if it was (work changed...)")
        self.add_row("body.review_reason", "Review reason", self.review_reason)
        self.lines.add_line()

    def load(self, body: Body) -> None:
        assert isinstance(body, HazardAssessmentBody)
        self.job.setText(body.job)
        self.assessed_by.set_worker_id(body.assessed_by_id)
        self.lines.set_items(body.hazards)
        self.review_reason.setText(body.review_reason)

    def body(self) -> HazardAssessmentBody:
        return HazardAssessmentBody(
            job=self.job.text(),
            hazards=self.lines.items(),
            assessed_by_id=self.assessed_by.worker_id(),
            review_reason=self.review_reason.text(),
        )


class FlhaForm(_HazardForm):
    kind = RecordKind.FLHA
    event_date_label = "Date"

    def build(self) -> None:
        self.task = QLineEdit()
        self.task.setPlaceholderText("The job about to start, e.g. Tear-off, north slope")
        self.add_row("body.task", "Job or task", self.task)
        self.lines = HazardLinesEditor()
        self.add_row("body.hazards", "Hazards", self.lines, self.lines.error)
        self.lines.library_button.clicked.connect(self.pick_hazards)
        self.crew = WorkerChecklist(self.workers, "Crew", rows=4)
        self.add_row("body.crew_ids", "Crew (each signs)", self.crew)
        self.lines.add_line()

    def load(self, body: Body) -> None:
        assert isinstance(body, FlhaBody)
        self.task.setText(body.task)
        self.lines.set_items(body.hazards)
        self.crew.set_worker_ids(body.crew_ids)

    def body(self) -> FlhaBody:
        return FlhaBody(
            task=self.task.text(), hazards=self.lines.items(), crew_ids=self.crew.worker_ids()
        )
