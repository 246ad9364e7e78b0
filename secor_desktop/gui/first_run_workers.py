"""The first-run wizard's workers page: the roster typed into a table, one row a worker.

Each row's start date is the typed year-month-day field of the record editors; the page checks
the rows with the domain's validation before the wizard saves, and lists what is wrong under
the table (one line a problem, each naming the worker).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from secor_desktop.domain.kinds import EmploymentType
from secor_desktop.domain.model import Worker
from secor_desktop.domain.validation import FieldProblem, validate_worker
from secor_desktop.gui.first_run_pages import error_line, first_run_errors
from secor_desktop.gui.models.workers_model import EMPLOYMENT_LABELS
from secor_desktop.gui.widgets.date_field import DateField

if TYPE_CHECKING:
    from secor_desktop.gui.first_run import FirstRunWizard

WORKER_COLUMNS = ("Name *", "Role *", "Employment type", "Start date * (year-month-day)", "Owner")


class WorkersPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, today: date) -> None:
        super().__init__(wizard)
        self.today = today
        self.setTitle("Your workers")
        self.setSubTitle(
            "Everyone covered by the safety program, owners and part-time or seasonal help "
            "included: the roster decides who signs and who needs training. Tick the owner: "
            "the health and safety policy must carry their signature."
        )
        self.errors = first_run_errors()
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(WORKER_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(WORKER_COLUMNS))
        self.table.setAccessibleName("Workers")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(2, 150)
        self.table.setColumnWidth(3, 210)
        self.table.setColumnWidth(4, 70)
        layout.addWidget(self.table, 1)
        layout.addWidget(error_line(self.errors, "workers", "", self.table, self, lines=3))
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add worker", self)
        self.add_button.setAccessibleName("Add a worker")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton("&Remove worker", self)
        self.remove_button.setAccessibleName("Remove the selected worker")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_row()

    def add_row(
        self,
        name: str = "",
        role: str = "",
        employment: EmploymentType = EmploymentType.FULL_TIME,
        start: date | None = None,
    ) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        n = row + 1
        name_edit = QLineEdit(name, self.table)
        name_edit.setAccessibleName(f"Worker {n} name")
        role_edit = QLineEdit(role, self.table)
        role_edit.setAccessibleName(f"Worker {n} role")
        role_edit.setPlaceholderText("e.g. Roofer")
        kind = QComboBox(self.table)
        kind.setAccessibleName(f"Worker {n} employment type")
        for value, label in EMPLOYMENT_LABELS.items():
            kind.addItem(label, value)
        kind.setCurrentIndex(kind.findData(employment))
        # Starts empty and required: a default of today would quietly make every worker new
        # (and their training not yet due), which is rarely true on a first run.
        start_edit = DateField(
            f"Worker {n} start date (required)", start, subject="The start date", parent=self.table
        )
        owner = QCheckBox(self.table)
        owner.setAccessibleName(f"Worker {n} is an owner")
        owner.setChecked(employment is EmploymentType.OWNER_OPERATOR)
        kind.currentIndexChanged.connect(
            lambda _i, k=kind, o=owner: o.setChecked(
                o.isChecked() or k.currentData() == EmploymentType.OWNER_OPERATOR
            )
        )
        for col, widget in enumerate((name_edit, role_edit, kind, start_edit, owner)):
            self.table.setCellWidget(row, col, widget)
        self.table.setRowHeight(row, max(self.table.rowHeight(row), kind.sizeHint().height() + 4))
        previous = self.table.cellWidget(row - 1, 4) if row else self.table
        QWidget.setTabOrder(previous, name_edit)
        QWidget.setTabOrder(name_edit, role_edit)
        QWidget.setTabOrder(role_edit, kind)
        QWidget.setTabOrder(kind, start_edit.line)
        QWidget.setTabOrder(start_edit.line, owner)
        QWidget.setTabOrder(owner, self.add_button)
        name_edit.setFocus()
        return row

    def initializePage(self) -> None:
        """Put the cursor in the first worker's name once the page shows: the first letter
        typed used to go to the table and be lost ("Dana" became "ana")."""
        first = self.cell(0, 0) if self.table.rowCount() else None
        if isinstance(first, QLineEdit):
            QTimer.singleShot(0, first, first.setFocus)  # dropped if the row goes first

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows:
            focus = self.focusWidget()
            rows = [r for r in range(self.table.rowCount()) if self._row_has(r, focus)]
        for row in rows:
            self.table.removeRow(row)

    def _row_has(self, row: int, widget: QWidget | None) -> bool:
        return any(self.table.cellWidget(row, c) is widget for c in range(len(WORKER_COLUMNS)))

    def cell(self, row: int, col: int) -> Any:
        return self.table.cellWidget(row, col)

    def _filled_rows(self) -> list[int]:
        return [
            row
            for row in range(self.table.rowCount())
            if self.cell(row, 0).text().strip() or self.cell(row, 1).text().strip()
        ]

    def workers(self) -> list[Worker]:
        """The filled-in rows (rows with neither name nor role are ignored)."""
        found = []
        for row in range(self.table.rowCount()):
            name, role = self.cell(row, 0).text().strip(), self.cell(row, 1).text().strip()
            if not name and not role:
                continue
            employment = EmploymentType(self.cell(row, 2).currentData())
            start = self.cell(row, 3).value()
            found.append(
                Worker(
                    id="",
                    name=name,
                    role=role,
                    employment_type=employment,
                    # validatePage refuses a missing start date before anything is saved
                    start_date=start or self.today,
                    is_owner=self.cell(row, 4).isChecked(),
                )
            )
        return found

    def validatePage(self) -> bool:
        lines: list[str] = []
        seen: set[str] = set()
        for row in self._filled_rows():
            name = self.cell(row, 0).text().strip()
            problem = self.cell(row, 3).problem()
            if problem:
                lines.append(f"{name or f'Worker {row + 1}'}: {problem}")
        for i, worker in enumerate(self.workers()):
            who = worker.name or f"Worker {i + 1}"
            lines += [
                f"{who}: {p.field.replace('_', ' ')} {p.message}" for p in validate_worker(worker)
            ]
            if worker.name and worker.name.casefold() in seen:
                lines.append(f"{who}: the name appears twice; add an initial to tell them apart")
            seen.add(worker.name.casefold())
        self.errors.show([FieldProblem("workers", "\n".join(lines))] if lines else [])
        return not lines
