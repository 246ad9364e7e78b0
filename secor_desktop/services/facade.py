"""All use cases behind one object, built once by the composition root for the GUI and CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from secor_desktop.domain.audit_path import PathStep, audit_path
from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, FrameworkPack, pack_for_kind
from secor_desktop.domain.kept_head import KeptHead
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.readiness_model import ReadinessReport
from secor_desktop.services.actions import ActionService
from secor_desktop.services.backups import BackupService
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.due import DueService
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.evaluations import EvaluationService
from secor_desktop.services.frameworks import PackCatalogue, catalogue, pack_or_default
from secor_desktop.services.kept_head import HeadReport, check_kept_head
from secor_desktop.services.library import LibraryService
from secor_desktop.services.listing import ListingService
from secor_desktop.services.locations import Locations
from secor_desktop.services.people import PeopleService
from secor_desktop.services.program import ProgramService
from secor_desktop.services.readiness import ReadinessService
from secor_desktop.services.records import RecordService
from secor_desktop.services.roster import CompanyService, RosterService
from secor_desktop.services.search import SearchService
from secor_desktop.services.sheets import SheetService

if TYPE_CHECKING:
    from secor_desktop.services.integrity import VerifyReport


@dataclass(frozen=True)
class Info:
    locations: Locations
    company_name: str | None
    record_counts: dict[str, int]
    workers: int
    sites: int
    corrective_actions: int
    revisions: int
    chain_head: str


@dataclass(frozen=True)
class AuditPath:
    """The "Your path to the audit" page's read: the four steps, and the report and pack the
    dashboard's fixes need (a step's button may be the fix for a finding)."""

    company_name: str
    steps: tuple[PathStep, ...]
    report: ReadinessReport
    pack: FrameworkPack


class Services:
    def __init__(self, ctx: ServiceContext, locations: Locations) -> None:
        self.ctx = ctx
        self.locations = locations
        self.company = CompanyService(ctx)
        self.roster = RosterService(ctx)
        self.records = RecordService(ctx)
        self.program = ProgramService(ctx, self.records)
        self.actions = ActionService(ctx)
        self.readiness = ReadinessService(ctx)
        self.due = DueService(ctx, self.readiness.cache)
        self.evaluations = EvaluationService(ctx)
        self.listing = ListingService(ctx)
        self.people = PeopleService(ctx)
        self.search = SearchService(ctx)
        self.sheets = SheetService(ctx)
        self.backups = BackupService(locations, ctx.clock)
        self.library = LibraryService(locations.data_dir)

    def frameworks(self) -> PackCatalogue:
        """Bundled packs and the user's own (in DATA_DIR/frameworks), with broken files."""
        return catalogue(self.ctx.framework_dir)

    def framework(self) -> FrameworkPack:
        """The company's chosen framework pack (the default pack before setup)."""
        company = self.company.get()
        return pack_or_default(
            self.frameworks(), company.framework_id if company else DEFAULT_PACK_ID
        )

    def evidence_elements(self) -> dict[RecordKind, tuple[str, ...]]:
        """Which audit elements each record kind counts for, from the framework data file."""
        return pack_for_kind(self.framework())

    def audit_path(self) -> AuditPath:
        """The seed's four steps to a certificate, each as it stands today."""
        company = self.company.get()
        if company is None:
            raise NotFoundError("There is no company yet: set it up first.")
        pack = self.framework()
        report = self.readiness.report(pack)
        steps = audit_path(company, self.records.find(RecordKind.TRAINING), report)
        return AuditPath(company.name, steps, report, pack)

    def verify(self) -> VerifyReport:
        from secor_desktop.services.integrity import verify  # SQLAlchemy: not at startup

        return verify(self.ctx)

    def check_kept_head(self, kept: KeptHead) -> HeadReport:
        """Is the chain the one whose head was kept elsewhere? (backups help name where not)"""
        return check_kept_head(self.ctx, kept, self.backups)

    def info(self) -> Info:
        with self.ctx.uow() as uow:
            company = uow.get_company()
            count, head = uow.chain_head()
            return Info(
                locations=self.locations,
                company_name=company.name if company else None,
                record_counts=uow.count_records_by_kind(),
                workers=len(uow.list_workers()),
                sites=len(uow.list_sites()),
                corrective_actions=len(uow.list_actions()),
                revisions=count,
                chain_head=head,
            )
