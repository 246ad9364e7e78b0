"""The first-run wizard: set up the company in a few steps, or open the demo company.

Each page checks its fields with the domain's own validation before moving on, and the final
save goes through the services; a problem either way is shown under the field it is about.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, bundled_packs_dir, discover_packs
from secor_desktop.domain.kinds import (
    DEFAULT_FREQUENCIES,
    EmploymentType,
    Frequency,
    Province,
    RecordKind,
)
from secor_desktop.domain.model import Company, Site, Worker
from secor_desktop.domain.validation import (
    FieldProblem,
    validate_company,
    validate_site,
    validate_worker,
)
from secor_desktop.gui import crash, notify
from secor_desktop.gui.background import Background
from secor_desktop.gui.widgets.date_field import DateField
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.facade import Services

PROVINCES: dict[Province, str] = {
    Province.AB: "Alberta",
    Province.BC: "British Columbia",
    Province.SK: "Saskatchewan",
    Province.MB: "Manitoba",
    Province.ON: "Ontario",
}
FREQUENCY_LABELS: dict[Frequency, str] = {
    Frequency.DAILY: "Daily (working days)",
    Frequency.WEEKLY: "Weekly",
    Frequency.MONTHLY: "Monthly",
    Frequency.QUARTERLY: "Quarterly",
    Frequency.YEARLY: "Yearly",
    Frequency.AS_NEEDED: "As needed (per event)",
}
EMPLOYMENT_LABELS: dict[EmploymentType, str] = {
    EmploymentType.FULL_TIME: "Full-time",
    EmploymentType.PART_TIME: "Part-time",
    EmploymentType.SEASONAL: "Seasonal",
    EmploymentType.TEMPORARY: "Temporary",
    EmploymentType.OWNER_OPERATOR: "Owner-operator",
    EmploymentType.FAMILY: "Family",
    EmploymentType.VOLUNTEER: "Volunteer",
}
WORKER_COLUMNS = ("Name *", "Role *", "Employment type", "Start date * (year-month-day)", "Owner")
DemoBuilder = Callable[[Services], Any]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _plain(text: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def _prefixed(prefix: str, exc: ValidationError) -> ValidationError:
    """The services name fields of one entity; the wizard shows several entities."""
    return ValidationError([FieldProblem(prefix + p.field, p.message) for p in exc.problems])


class FieldErrors:
    """The small red lines under fields; the text leads with a sign, not colour alone."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self.subjects: dict[str, str] = {}

    def make(self, key: str, parent: QWidget, subject: str = "", lines: int = 1) -> QLabel:
        """``subject`` starts the message ("Company name" + "is required"). The label keeps
        its ``lines`` of space while empty, so a message appearing moves nothing."""
        self.subjects[key] = subject
        label = _plain("", parent)
        label.setStyleSheet("color: #a00000;")
        # Room for the sign too (its glyph can come from a taller fallback font). One line is
        # fixed; the workers' several lines may grow into the space of the table above them.
        height = label.fontMetrics().lineSpacing() * lines + 8
        if lines == 1:
            label.setFixedHeight(height)
        else:
            label.setMinimumHeight(height)
        label.setAccessibleName(f"Problem with {key.replace('_', ' ')}")
        self.labels[key] = label
        return label

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()

    def show(self, key: str, message: str) -> bool:
        """Show ``message`` under ``key``'s field; False if the page has no such field."""
        label = self.labels.get(key)
        if label is None:
            return False
        text = f"{self.subjects.get(key, '')} {message}".strip()
        label.setText(f"⚠ {text[:1].upper()}{text[1:]}")
        return True

    def text(self, key: str) -> str:
        label = self.labels.get(key)
        return label.text() if label is not None else ""


class CompanyPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Your company")
        self.setSubTitle(
            "What the audit and the evidence pack will be about. Fields marked * are required."
        )
        self.errors = FieldErrors()
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Company name (required)")
        self.province = QComboBox(self)
        self.province.setAccessibleName("Province")
        for province, label in PROVINCES.items():
            self.province.addItem(f"{label} ({province.value})", province)
        self.wcb_account = QLineEdit(self)
        self.wcb_account.setAccessibleName("WCB account number")
        self.partner = QLineEdit(self)
        self.partner.setAccessibleName("Certifying partner")
        self.partner.setPlaceholderText("e.g. Alberta Construction Safety Association")
        self.framework = QComboBox(self)
        self.framework.setAccessibleName("Audit framework")
        packs = discover_packs([bundled_packs_dir()])
        for pack in sorted(packs, key=lambda p: p.id != DEFAULT_PACK_ID):
            self.framework.addItem(f"{pack.name} (version {pack.version})", pack.id)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        for label, widget, key in (
            ("Company &name *:", self.name, "name"),
            ("&Province:", self.province, "province"),
            ("&WCB account:", self.wcb_account, "wcb_account"),
            ("&Certifying partner:", self.partner, "certifying_partner"),
            ("&Framework:", self.framework, "framework_id"),
        ):
            form.addRow(label, widget)
            subject = label.replace("&", "").rstrip(":").removesuffix(" *")
            form.addRow("", self.errors.make(key, self, subject))
        layout.addLayout(form)
        layout.addStretch(1)
        demo_box = QFrame(self)
        demo_box.setFrameShape(QFrame.Shape.StyledPanel)
        demo_row = QHBoxLayout(demo_box)
        demo_text = _plain(
            "Just looking? The demo company is a small Alberta builder with a year of records "
            "to explore. It is built in this data folder, which must still be empty.",
            demo_box,
        )
        demo_row.addWidget(demo_text, 1)
        self.demo_button = QPushButton("Open the &demo company", demo_box)
        self.demo_button.setAccessibleName("Open the demo company")
        self.demo_button.clicked.connect(wizard.open_demo)
        demo_row.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(demo_box)

    def company(self) -> Company:
        return Company(
            name=self.name.text().strip(),
            province=Province(self.province.currentData()),
            wcb_account=self.wcb_account.text().strip(),
            certifying_partner=self.partner.text().strip(),
            framework_id=self.framework.currentData() or DEFAULT_PACK_ID,
        )

    def validatePage(self) -> bool:
        self.errors.clear()
        problems = validate_company(self.company())
        for p in problems:
            self.errors.show(p.field, p.message)
        return not problems


class ProgramPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, today: date) -> None:
        super().__init__(wizard)
        self.setTitle("Your safety program")
        self.setSubTitle(
            "How often your program says each record is made. The auditor checks your records "
            "against what you declare here; you can change it later."
        )
        layout = QVBoxLayout(self)
        audit_row = QHBoxLayout()
        self.audit_planned = QCheckBox("An &audit is planned on:", self)
        self.audit_planned.setAccessibleName("An audit date is planned")
        self.audit_date = QDateEdit(self)
        self.audit_date.setCalendarPopup(True)
        self.audit_date.setDisplayFormat("yyyy-MM-dd")
        self.audit_date.setDate(_qdate(today + timedelta(days=120)))
        self.audit_date.setAccessibleName("Planned audit date")
        self.audit_date.setEnabled(False)
        self.audit_planned.toggled.connect(self.audit_date.setEnabled)
        audit_row.addWidget(self.audit_planned)
        audit_row.addWidget(self.audit_date)
        audit_row.addStretch(1)
        layout.addLayout(audit_row)
        grid = QGridLayout()
        self.frequencies: dict[RecordKind, QComboBox] = {}
        kinds = list(RecordKind)
        half = (len(kinds) + 1) // 2
        for i, kind in enumerate(kinds):
            combo = QComboBox(self)
            combo.setAccessibleName(f"How often: {kind.label}")
            for freq, text in FREQUENCY_LABELS.items():
                combo.addItem(text, freq)
            combo.setCurrentIndex(combo.findData(DEFAULT_FREQUENCIES[kind]))
            label = _plain(f"{kind.label}:", self, wrap=False)
            label.setBuddy(combo)
            row, col = i % half, 2 * (i // half)
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            self.frequencies[kind] = combo
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setHorizontalSpacing(12)
        layout.addLayout(grid)
        layout.addStretch(1)
        chain: list[QWidget] = [self.audit_planned, self.audit_date]
        chain += [self.frequencies[k] for k in kinds]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def chosen_frequencies(self) -> dict[RecordKind, Frequency]:
        # Qt hands enum data back as plain text: make them enums again.
        return {kind: Frequency(combo.currentData()) for kind, combo in self.frequencies.items()}

    def planned_audit(self) -> date | None:
        return _pydate(self.audit_date.date()) if self.audit_planned.isChecked() else None


class SitePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Your first site")
        self.setSubTitle(
            "Where work happens: a shop, a yard or a job site. Records are dated and "
            "site-specific. You can add more sites later; leave it blank to skip."
        )
        self.errors = FieldErrors()
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Site name")
        self.address = QLineEdit(self)
        self.address.setAccessibleName("Site address")
        form.addRow("Site &name:", self.name)
        form.addRow("", self.errors.make("name", self, "Site name"))
        form.addRow("&Address:", self.address)
        form.addRow("", self.errors.make("address", self, "Address"))

    def site(self) -> Site | None:
        if not self.name.text().strip() and not self.address.text().strip():
            return None
        return Site(id="", name=self.name.text().strip(), address=self.address.text().strip())

    def validatePage(self) -> bool:
        self.errors.clear()
        site = self.site()
        problems = validate_site(site) if site is not None else []
        for p in problems:
            self.errors.show(p.field, p.message)
        return not problems


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
        self.errors = FieldErrors()
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
        layout.addWidget(self.errors.make("workers", self, lines=3))
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
        start_edit = DateField(f"Worker {n} start date (required)", start, parent=self.table)
        start_edit.subject = "The start date"
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
        self.errors.clear()
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
        if lines:
            self.errors.show("workers", "\n".join(lines))
        return not lines


@dataclass(frozen=True)
class SetupResult:
    company: Company
    sites: int
    workers: int


class FirstRunWizard(QWizard):
    """Accepted once a company exists: set up here, or the demo company."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        tasks: Background,
        demo_builder: DemoBuilder | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.demo_builder = demo_builder
        self.outcome: str | None = None
        self._saved_site = False
        self._saved_workers: set[str] = set()
        self._progress: QProgressDialog | None = None
        today = services.ctx.clock.today()
        self.setWindowTitle("Set up SECOR Desktop")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.company_page = CompanyPage(self)
        self.program_page = ProgramPage(self, today)
        self.site_page = SitePage(self)
        self.workers_page = WorkersPage(self, today)
        for page in (self.company_page, self.program_page, self.site_page, self.workers_page):
            self.addPage(page)
        self.resize(760, 560)

    # --- set up --------------------------------------------------------------------------

    def accept(self) -> None:
        if self.outcome == "demo":
            # QWizard.done() would first validate the page on show (an empty company form).
            QDialog.done(self, QDialog.DialogCode.Accepted)
            return
        if not self.workers_page.validatePage():
            return  # a start date missing or mistyped: said under the table, nothing saved
        try:
            result = self.save()
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        except Exception as exc:
            crash.report(exc, self)
            return
        self.outcome = "setup"
        notify.info(
            f"{result.company.name} is set up with {result.workers} workers and "
            f"{result.sites} site{'s' if result.sites != 1 else ''}.",
            self,
        )
        super().accept()

    def save(self) -> SetupResult:
        """Save through the services; a retry after a refusal does not add things twice."""
        company = self.company_page.company()
        company = replace(
            company,
            frequencies=self.program_page.chosen_frequencies(),
            planned_audit_date=self.program_page.planned_audit(),
        )
        try:
            company = self.services.company.save(company)
        except ValidationError as exc:
            raise ValidationError(
                [FieldProblem(f"company.{p.field}", p.message) for p in exc.problems]
            ) from exc
        site = self.site_page.site()
        if site is not None and not self._saved_site:
            try:
                self.services.roster.add_site(site.name, site.address)
            except ValidationError as exc:
                raise ValidationError(
                    [FieldProblem(f"site.{p.field}", p.message) for p in exc.problems]
                ) from exc
            self._saved_site = True
        workers = self.workers_page.workers()
        for worker in workers:
            if worker.name.casefold() in self._saved_workers:
                continue
            try:
                self.services.roster.add_worker(worker)
            except ValidationError as exc:
                raise ValidationError(
                    [FieldProblem("workers", f"{worker.name}: {p.message}") for p in exc.problems]
                ) from exc
            self._saved_workers.add(worker.name.casefold())
        return SetupResult(company, int(self._saved_site), len(workers))

    def show_problems(self, problems: tuple[FieldProblem, ...]) -> None:
        """Put each problem under its field and go back to the first page that has one."""
        pages = [
            ("company.", self.company_page, self.company_page.errors),
            ("site.", self.site_page, self.site_page.errors),
            ("workers", self.workers_page, self.workers_page.errors),
        ]
        target: QWizardPage | None = None
        unplaced: list[str] = []
        for _, _, errors in pages:
            errors.clear()
        for problem in problems:
            for prefix, page, errors in pages:
                if problem.field.startswith(prefix):
                    key = problem.field.removeprefix(prefix) or "workers"
                    if errors.show(key, problem.message):
                        target = target or page
                        break
            else:
                unplaced.append(str(problem))
        if unplaced:
            notify.warning("This could not be saved:\n" + "\n".join(unplaced), self)
        if target is not None:
            while self.currentPage() is not target and self.currentId() > 0:
                self.back()

    # --- the demo ------------------------------------------------------------------------

    def open_demo(self) -> None:
        info = self.services.info()
        if info.company_name is not None or info.revisions:
            notify.warning(
                "This data folder already has data, so the demo company cannot be built in it. "
                "Start the program with another folder (--data-dir) to look at the demo.",
                self,
            )
            return
        builder = self.demo_builder
        if builder is None:
            from secor_desktop.services.demo import build_demo

            builder = build_demo
        progress = QProgressDialog("Building the demo company (about 15 seconds)…", "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowTitle("Demo company")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        self._progress = progress
        self.setEnabled(False)
        services = self.services

        def finished() -> None:
            progress.close()
            progress.deleteLater()
            self._progress = None
            self.setEnabled(True)

        def done(_summary: object) -> None:
            finished()
            self.outcome = "demo"
            self.accept()

        def failed(exc: BaseException) -> None:
            finished()
            if isinstance(exc, ValueError) and not isinstance(exc, ValidationError):
                notify.warning(str(exc), self)
            else:
                crash.report(exc, self)

        self.tasks.run(lambda: builder(services), done, failed)
