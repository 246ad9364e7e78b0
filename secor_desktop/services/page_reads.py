"""One read per page: each sidebar page (but the dashboard) asks one call here for everything
it shows, read in one unit of work, so what it shows is one consistent moment of the database.

The pages call these off the GUI thread (``gui/background.py``). Each call opens exactly one
unit of work, then hands the rows to the same pure rules the other use cases call (readiness,
eligibility, the cycle, scoring, the program's states), so a page, the CLI and the PDF agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from secor_desktop.domain.audit_path import PathStep, audit_path
from secor_desktop.domain.cycle import CycleReport
from secor_desktop.domain.due import DueList
from secor_desktop.domain.eligibility import EligibilityReport
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, FrameworkPack
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Company, Record, Site, Worker
from secor_desktop.domain.parties import KIND_KEY as PARTY_KIND
from secor_desktop.domain.provinces import ProvinceRule, load_bundled_province_rules
from secor_desktop.domain.readiness import judge_readiness
from secor_desktop.domain.readiness_input import detail_kinds
from secor_desktop.domain.readiness_model import ReadinessReport
from secor_desktop.domain.starter import TemplateError
from secor_desktop.domain.training import TrainingMatrix
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.due import DueService
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.evaluations import (
    ScoredEvaluation,
    TrendPoint,
    cycle_of,
    history_of,
    trend_of,
)
from secor_desktop.services.frameworks import PackCatalogue, catalogue, pack_or_default
from secor_desktop.services.listing import MAX_PAGE, ListingService, RecordQuery
from secor_desktop.services.people import ActionBoard, PeopleService, WorkerFile
from secor_desktop.services.program import ProgramEntry, ProgramService, document_names_in
from secor_desktop.services.readiness import eligibility_of
from secor_desktop.services.record_cache import RecordCache
from secor_desktop.services.records import RecordService

if TYPE_CHECKING:
    from secor_desktop.storage.uow import SqlUnitOfWork


@dataclass(frozen=True)
class AuditPath:
    """The "Your path to the audit" page's read: the four steps, and the report and pack the
    dashboard's fixes need (a step's button may be the fix for a finding)."""

    company_name: str
    steps: tuple[PathStep, ...]
    report: ReadinessReport
    pack: FrameworkPack


@dataclass(frozen=True)
class ProgramSnapshot:
    """The written-program page: each starter document's state, the names of the documents
    the framework asks for, and the company's own starter files that could not be read."""

    entries: list[ProgramEntry]
    document_names: dict[str, str]
    problems: list[TemplateError]


@dataclass(frozen=True)
class EligibilitySnapshot:
    """The headcount test and the province's published rules (both None before setup)."""

    report: EligibilityReport | None
    rule: ProvinceRule | None


@dataclass(frozen=True)
class CycleSnapshot:
    """The audit-cycle page: the profile, and the cycle (None until a certificate date)."""

    company: Company | None
    report: CycleReport | None


@dataclass(frozen=True)
class EvaluationsSnapshot:
    """The self-evaluations page: every evaluation scored, the trend, the certificate span."""

    pack: FrameworkPack
    history: list[ScoredEvaluation]
    trend: list[TrendPoint]
    cycle: tuple[date, date] | None


@dataclass(frozen=True)
class RecordListSnapshot:
    """A record list's first page for its filters, with the names its filters offer."""

    query: RecordQuery
    sites: list[Site]
    workers: list[Worker]
    total: int
    records: list[Record]
    open_actions: dict[str, int]


class PageReads:
    """The pages' reads. ``cache`` is kept for callers that pass one: no page decodes every
    record any more (Today reads the projection, ``DueService``)."""

    def __init__(self, ctx: ServiceContext, cache: RecordCache) -> None:
        self.ctx = ctx
        self.cache = cache
        self._people = PeopleService(ctx)
        self._due = DueService(ctx)

    # --- pages whose read was one unit of work already -----------------------------------

    def today(self) -> DueList | None:
        """What is due today (None before the company is set up)."""
        try:
            return self._due.due()
        except NotFoundError:
            return None

    def workers(self) -> tuple[list[Worker], dict[str, WorkerFile]]:
        """The roster by name, and each worker's file."""
        return self._people.roster_files()

    def actions(self) -> ActionBoard:
        """Every corrective action with its owner and source record named."""
        return self._people.action_board()

    def training(self, *, include_former: bool = False) -> TrainingMatrix:
        """Workers by course, as of today."""
        return self._people.training_matrix(include_former=include_former)

    # --- pages that made several calls ---------------------------------------------------

    def audit_path(self) -> AuditPath:
        """The seed's four steps to a certificate, each as it stands today."""
        found = catalogue(self.ctx.framework_dir)
        today = self.ctx.clock.today()
        with self.ctx.reads() as uow:
            company = _company(uow)
            pack = _pack(found, company)
            workers = uow.list_workers()
            actions = uow.list_actions()
            sources = {a.source_record_id for a in actions if a.source_record_id}
            facts = uow.readiness_facts(today, detail_kinds(pack), sources)  # the projection
            training = uow.list_records(RecordKind.TRAINING)
        report = judge_readiness(
            company, pack, workers, facts, actions, today, company.planned_audit_date
        )
        return AuditPath(company.name, audit_path(company, training, report), report, pack)

    def program(self) -> ProgramSnapshot:
        """Every starter document's state, the framework's documents first."""
        found = catalogue(self.ctx.framework_dir)
        with self.ctx.reads() as uow:
            company = uow.get_company()
            documents = uow.list_records(RecordKind.DOCUMENT)
        pack = _pack(found, company)
        program = ProgramService(self.ctx, RecordService(self.ctx))  # its own template errors
        entries = program.status_of(documents, pack)
        names = document_names_in([*found.packs, pack])
        return ProgramSnapshot(entries, names, list(program.problems))

    def eligibility(self) -> EligibilitySnapshot:
        """The headcount test on today, for the company's province."""
        with self.ctx.reads() as uow:
            company = uow.get_company()
            workers = uow.list_workers()
            today = self.ctx.clock.today()
            parties = uow.list_records(RecordKind(PARTY_KIND), date_to=today)
        if company is None:
            return EligibilitySnapshot(None, None)
        rule = load_bundled_province_rules().get(company.province)
        return EligibilitySnapshot(eligibility_of(company, workers, today, parties), rule)

    def cycle(self) -> CycleSnapshot:
        """The profile and the three-year cycle (None until there is a certificate date)."""
        with self.ctx.reads() as uow:
            company, report, _evaluations = self._cycle_read(uow)
        return CycleSnapshot(company, report)

    def evaluations(self) -> EvaluationsSnapshot:
        """Every evaluation scored against the company's framework, and the trend."""
        found = catalogue(self.ctx.framework_dir)
        with self.ctx.reads() as uow:
            company, report, evaluations = self._cycle_read(uow)
        pack = _pack(found, company)
        span = (report.certificate_date, report.expiry) if report is not None else None
        return EvaluationsSnapshot(
            pack, history_of(pack, evaluations), trend_of(pack, evaluations), span
        )

    def record_list(self, query: RecordQuery, size: int) -> RecordListSnapshot:
        """The first ``size`` records for ``query``, their count, and the sites and workers
        the list's filters offer."""
        record_filter = ListingService._filter(query)  # the list's own checks
        size = max(0, min(size, MAX_PAGE))
        with self.ctx.reads() as uow:
            sites = uow.list_sites()
            workers = uow.list_workers()
            from secor_desktop.storage import queries  # SQLAlchemy: not before the window

            total = queries.count_records(uow, record_filter)
            records = queries.page_records(uow, record_filter, 0, size, total)
            counts = queries.open_action_counts(uow, [r.id for r in records])
        return RecordListSnapshot(query, sites, workers, total, records, counts)

    def _cycle_read(
        self, uow: SqlUnitOfWork
    ) -> tuple[Company | None, CycleReport | None, list[SelfEvaluation]]:
        company = uow.get_company()
        evaluations = uow.list_evaluations()
        names = {w.id: w.name for w in uow.list_workers()}
        training = uow.list_records(RecordKind.TRAINING)
        try:
            report = cycle_of(company, evaluations, names, training, self.ctx.clock.today())
        except NotFoundError:
            report = None
        return company, report, evaluations


def _company(uow: SqlUnitOfWork) -> Company:
    company = uow.get_company()
    if company is None:
        raise NotFoundError("There is no company yet: set it up first.")
    return company


def _pack(found: PackCatalogue, company: Company | None) -> FrameworkPack:
    """The company's chosen framework pack (the default pack before setup)."""
    return pack_or_default(found, company.framework_id if company else DEFAULT_PACK_ID)
