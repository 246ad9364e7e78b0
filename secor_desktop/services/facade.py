"""All use cases behind one object, built once by the composition root for the GUI and CLI."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, FrameworkPack, pack_for_kind
from secor_desktop.domain.kept_head import KeptHead
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.services.actions import ActionService
from secor_desktop.services.backups import BackupService
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.dashboard import DashboardSnapshot, Info, dashboard_in, info_in
from secor_desktop.services.due import DueService
from secor_desktop.services.evaluations import EvaluationService
from secor_desktop.services.exchange_service import ExchangeService
from secor_desktop.services.frameworks import CatalogueCache, PackCatalogue, pack_or_default
from secor_desktop.services.hs_links import LinkService
from secor_desktop.services.kept_head import HeadReport, check_kept_head
from secor_desktop.services.library import LibraryService
from secor_desktop.services.listing import ListingService
from secor_desktop.services.locations import Locations
from secor_desktop.services.page_reads import PageReads
from secor_desktop.services.parties import PartiesService
from secor_desktop.services.people import PeopleService
from secor_desktop.services.program import ProgramService
from secor_desktop.services.readiness import ReadinessService
from secor_desktop.services.records import RecordService
from secor_desktop.services.roster import CompanyService, RosterService
from secor_desktop.services.search import SearchService
from secor_desktop.services.sheets import SheetService
from secor_desktop.services.statistics import StatisticsService

if TYPE_CHECKING:
    from secor_desktop.services.evidence_pack import EvidencePackService
    from secor_desktop.services.integrity import VerifyProgress, VerifyReport
    from secor_desktop.services.prequal import PrequalService


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
        self.due = DueService(ctx)
        self.evaluations = EvaluationService(ctx)
        self.listing = ListingService(ctx)
        self.people = PeopleService(ctx)
        self.search = SearchService(ctx)
        self.sheets = SheetService(ctx)
        self.backups = BackupService(locations, ctx.clock)
        self.library = LibraryService(locations.data_dir)
        self.links = LinkService(ctx)  # H&S meetings' inspections and investigations
        self._catalogue = CatalogueCache(ctx.framework_dir)
        self.exchange = ExchangeService(ctx)
        # Each sidebar page's one read (services/page_reads.py); the dashboard's is its own.
        self.pages = PageReads(ctx, self.readiness.cache)
        self.parties = PartiesService(ctx)  # the register of other workplace parties
        self.statistics = StatisticsService(ctx)  # the injury statistics table (issue 19)

    def frameworks(self) -> PackCatalogue:
        """Bundled packs and the user's own (in DATA_DIR/frameworks), with broken files."""
        return self._catalogue.get()

    def framework(self) -> FrameworkPack:
        """The company's chosen framework pack (the default pack before setup)."""
        company = self.company.get()
        return pack_or_default(
            self.frameworks(), company.framework_id if company else DEFAULT_PACK_ID
        )

    def evidence_elements(self) -> dict[RecordKind, tuple[str, ...]]:
        """Which audit elements each record kind counts for, from the framework data file."""
        return pack_for_kind(self.framework())

    def verify(self, progress: VerifyProgress | None = None) -> VerifyReport:
        """``progress(done, total)`` is told every so often from the thread that verifies."""
        from secor_desktop.services.integrity import verify  # SQLAlchemy: not at startup

        return verify(self.ctx, progress=progress)

    def check_kept_head(self, kept: KeptHead) -> HeadReport:
        """Is the chain the one whose head was kept elsewhere? (backups help name where not)"""
        return check_kept_head(self.ctx, kept, self.backups)

    # --- one read per screen and per output (snapshots read in one unit of work) ---------

    def info(self) -> Info:
        """The program's counts and chain head (counted in SQL)."""
        with self.ctx.uow() as uow:
            return info_in(uow, self.locations)

    @cached_property
    def evidence_pack(self) -> EvidencePackService:
        """The auditor's pack: verify, read and print in one unit of work. Imported on first
        use (it brings ReportLab, which a start without an export does not need)."""
        from secor_desktop.services.evidence_pack import EvidencePackService

        return EvidencePackService(self.ctx, self.frameworks)

    @cached_property
    def prequal(self) -> PrequalService:
        """The prequalification pack (PDF and folder of originals); imported on first use."""
        from secor_desktop.services.prequal import PrequalService

        return PrequalService(self.ctx, self.frameworks)

    def dashboard(self) -> DashboardSnapshot:
        """Everything the dashboard shows, read in one unit of work (a reader's)."""
        with self.ctx.reads() as uow:
            return dashboard_in(uow, self.locations, self.frameworks(), self.readiness)
