"""Record training for a crew: one course, many workers, one training record each.

The whole crew is saved at once or not at all (``RecordService.record_crew_training``): a
refused row (someone who had left before the course date) is named, nothing is stored, and
everything typed stays for the user to fix. Keys as in the record editors: Tab walks the
fields, Enter moves to the next field, Space ticks a worker, Ctrl+S records, Esc closes.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.model import Record, Worker
from secor_desktop.domain.validation import FieldProblem, ValidationError
from secor_desktop.gui import notify
from secor_desktop.gui.editors.fields import OptionalDate, plain_label
from secor_desktop.gui.editors.keys import EditorKeys
from secor_desktop.gui.editors.training import COMMON_COURSES
from secor_desktop.gui.forms.errors import ERROR_STYLE
from secor_desktop.gui.widgets.date_field import DateField
from secor_desktop.services.crew_training import CrewCourse, Trainee
from secor_desktop.services.errors import KnownError
from secor_desktop.services.facade import Services

FORMER_WORKERS_DAYS = 730  # someone who left within two years may still need a past course
COL_NAME, COL_CERTIFICATE = 0, 1
_ROW = re.compile(r"^trainees\[(\d+)\]$")


def crew_candidates(workers: list[Worker], today: date) -> list[Worker]:
    """Workers active today, and those who left recently (a course taken before they left)."""
    since = today - timedelta(days=FORMER_WORKERS_DAYS)
    return [w for w in workers if w.end_date is None or w.end_date >= since]


class CrewTrainingDialog(QDialog):
    """Construct and ``show()`` it in tests; pages ``exec()`` it."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.created: list[Record] = []
        self.setWindowTitle("Record training for a crew")
        self.resize(760, 600)
        today = services.ctx.clock.today()
        self.workers = crew_candidates(services.roster.workers(), today)

        layout = QVBoxLayout(self)
        intro = plain_label(
            "One course taken by several workers: each ticked worker gets a training record. "
            "All are saved together, or none if a row has a problem."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.course = QComboBox()
        self.course.setEditable(True)
        self.course.addItems(COMMON_COURSES)
        self.course.setCurrentIndex(-1)
        self.course.setEditText("")
        self.course.setAccessibleName("Course")
        self.course.setMinimumWidth(380)
        course_line = self.course.lineEdit()
        assert course_line is not None
        self.course_line = course_line
        course_line.setPlaceholderText("Choose or type the course")
        self.provider = QLineEdit()
        self.provider.setAccessibleName("Provider")
        self.provider.setPlaceholderText("Who gave it, e.g. St. John Ambulance")
        self.completed = DateField("Completed on", today, subject="The date completed")
        self.completed.set_latest(today, is_today=True)
        default_expiry = today.replace(year=today.year + 3, day=min(today.day, 28))
        self.expiry = OptionalDate("Expiry date", "Expires on", default_expiry)
        self.site = QComboBox()
        self.site.setAccessibleName("Site")
        self.site.addItem("(no particular site)", "")
        for site in services.roster.sites():
            if site.active:
                self.site.addItem(site.name, site.id)
        for text, widget in (
            ("&Course *", self.course),
            ("&Provider", self.provider),
            ("Completed &on *", self.completed),
            ("E&xpiry", self.expiry),
            ("S&ite", self.site),
        ):
            label = plain_label(text.replace("&", ""))
            label.setText(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(widget.focusProxy() or widget)
            form.addRow(label, widget)
        layout.addLayout(form)

        layout.addWidget(plain_label("Workers: tick each one who took it (Space ticks)"))
        self.table = QTableWidget(len(self.workers), 2)
        self.table.setHorizontalHeaderLabels(["Worker", "Certificate number (optional)"])
        self.table.setAccessibleName("Workers who took the course")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, worker in enumerate(self.workers):
            left = f" (left {worker.end_date.isoformat()})" if worker.end_date else ""
            name = QTableWidgetItem(f"{worker.name} ({worker.role}){left}")
            name.setData(Qt.ItemDataRole.UserRole, worker.id)
            name.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            name.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, COL_NAME, name)
            self.table.setItem(row, COL_CERTIFICATE, QTableWidgetItem(""))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in every other list
        layout.addWidget(self.table, 1)

        self.problems = plain_label("")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.problems)

        buttons = QHBoxLayout()
        buttons.addWidget(plain_label("Enter: next field  ·  Ctrl+S: record  ·  Esc: close"))
        buttons.addStretch(1)
        self.save_button = QPushButton("&Record training")
        self.save_button.setAccessibleName("Record the training for every ticked worker")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.keys = EditorKeys(self, self.course_line, self.save)
        self.course.setFocus()

    # --- reading the form ----------------------------------------------------------------

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def ticked_rows(self) -> list[int]:
        return [
            row
            for row in range(self.table.rowCount())
            if self._cell(row, COL_NAME).checkState() == Qt.CheckState.Checked
        ]

    def set_ticked(self, worker_id: str, ticked: bool = True) -> None:
        for row, worker in enumerate(self.workers):
            if worker.id == worker_id:
                state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
                self._cell(row, COL_NAME).setCheckState(state)

    def trainees(self) -> tuple[list[int], list[Trainee]]:
        rows = self.ticked_rows()
        return rows, [
            Trainee(
                self.workers[row].id,
                self._cell(row, COL_CERTIFICATE).text().strip(),
            )
            for row in rows
        ]

    # --- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Record every ticked worker, or nobody: a problem is shown and nothing is stored."""
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.table and self.table.isAncestorOf(focus):
            self.table.commitData(focus)  # a certificate number still being typed
        problems: list[str] = []
        course = self.course.currentText().strip()
        if not course:
            problems.append("Course: type or choose the course.")
        completed = self.completed.value()
        if completed is None:
            problems.append(f"Completed on: {self.completed.problem() or 'give the date'}.")
        if self.expiry.input_problem():
            problems.append(f"Expiry: {self.expiry.input_problem()}.")
        rows, trainees = self.trainees()
        if not trainees:
            problems.append("Workers: tick at least one worker.")
        if problems or completed is None:
            return self._show(problems)
        site = str(self.site.currentData() or "") or None
        crew_course = CrewCourse(course, self.provider.text(), completed, self.expiry.value(), site)
        try:
            self.created = self.services.records.record_crew_training(crew_course, trainees)
        except ValidationError as exc:
            return self._show([self._sentence(p, rows) for p in exc.problems])
        except KnownError as exc:
            notify.error(str(exc), self)
            return False
        notify.info(f"Recorded {course} for {len(self.created)} workers.", self)
        self.accept()
        return True

    def _sentence(self, problem: FieldProblem, rows: list[int]) -> str:
        """A problem in words, naming the row's worker; the row is selected to show where."""
        match = _ROW.match(problem.field)
        if match:
            row = rows[int(match.group(1))]
            self.table.setCurrentCell(row, COL_NAME)
            message = problem.message
            name = self.workers[row].name
            return message if message.startswith(name) else f"{name}: {message}"
        field = {
            "body.expiry": "Expiry",
            "body.course": "Course",
            "event_date": "Completed on",
            "title": "Course",
            "body.provider": "Provider",
        }.get(problem.field, problem.field)
        return f"{field}: {problem.message}"

    def _show(self, problems: list[str]) -> bool:
        self.problems.setText(
            "Nothing was recorded. " + " ".join(p if p.endswith(".") else f"{p}." for p in problems)
        )
        return False
