"""The first-run wizard: set up the company in a few steps, or open the demo company.

Each page checks its fields with the domain's own validation before moving on, and the final
save goes through the services; a problem either way is shown under the field it is about.
The pages live in ``first_run_pages`` (company, program, site) and ``first_run_workers``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget, QWizard, QWizardPage

from secor_desktop.domain.model import Company
from secor_desktop.domain.validation import FieldProblem
from secor_desktop.gui import crash, notify
from secor_desktop.gui.background import Background
from secor_desktop.gui.first_run_pages import CompanyPage, ProgramPage, SitePage
from secor_desktop.gui.first_run_workers import WorkersPage
from secor_desktop.services.errors import UserError, ValidationError
from secor_desktop.services.facade import Services

DemoBuilder = Callable[[Services], Any]


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
            f"{result.company.name} is set up with {result.workers} "
            f"worker{'s' if result.workers != 1 else ''} and "
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
        placed: dict[str, list[FieldProblem]] = {prefix: [] for prefix, _, _ in pages}
        for problem in problems:
            for prefix, page, errors in pages:
                key = problem.field.removeprefix(prefix) or "workers"
                if problem.field.startswith(prefix) and errors.find(key) is not None:
                    placed[prefix].append(FieldProblem(key, problem.message))
                    target = target or page
                    break
            else:
                unplaced.append(str(problem))
        for prefix, _, errors in pages:
            errors.show(placed[prefix])
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
            if isinstance(exc, UserError) and not isinstance(exc, ValidationError):
                notify.warning(str(exc), self)
            else:
                crash.report(exc, self)

        self.tasks.run(lambda: builder(services), done, failed)
