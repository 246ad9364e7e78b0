"""All use cases behind one object, built once by the composition root for the GUI and CLI.

Each service is made (and its module imported) the first time it is used: the desktop's
first window paints before the record, readiness, dashboard and sheet modules are imported,
since the first uses are in the pages' first loads, off the GUI thread after the paint (issue
20's fast start). ``functools.cached_property`` makes each once, under its lock on Python 3.11,
so the services sharing the readiness cache (``due``, ``pages``) get the same one.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from secor_desktop.services.context import ServiceContext
from secor_desktop.services.locations import Locations

if TYPE_CHECKING:
    from secor_desktop.domain.frameworks import FrameworkPack
    from secor_desktop.domain.kept_head import KeptHead
    from secor_desktop.domain.kinds import RecordKind
    from secor_desktop.services.actions import ActionService
    from secor_desktop.services.backups import BackupService
    from secor_desktop.services.dashboard import DashboardSnapshot, Info
    from secor_desktop.services.due import DueService
    from secor_desktop.services.evaluations import EvaluationService
    from secor_desktop.services.evidence_pack import EvidencePackService
    from secor_desktop.services.exchange_service import ExchangeService
    from secor_desktop.services.frameworks import CatalogueCache, PackCatalogue
    from secor_desktop.services.hs_links import LinkService
    from secor_desktop.services.integrity import VerifyProgress, VerifyReport
    from secor_desktop.services.kept_head import HeadReport
    from secor_desktop.services.library import LibraryService
    from secor_desktop.services.listing import ListingService
    from secor_desktop.services.page_reads import PageReads
    from secor_desktop.services.parties import PartiesService
    from secor_desktop.services.people import PeopleService
    from secor_desktop.services.prequal import PrequalService
    from secor_desktop.services.program import ProgramService
    from secor_desktop.services.readiness import ReadinessService
    from secor_desktop.services.records import RecordService
    from secor_desktop.services.roster import CompanyService, RosterService
    from secor_desktop.services.search import SearchService
    from secor_desktop.services.sheets import SheetService
    from secor_desktop.services.statistics import StatisticsService


class Services:
    def __init__(self, ctx: ServiceContext, locations: Locations) -> None:
        self.ctx = ctx
        self.locations = locations

    @cached_property
    def company(self) -> CompanyService:
        from secor_desktop.services.roster import CompanyService

        return CompanyService(self.ctx)

    @cached_property
    def roster(self) -> RosterService:
        from secor_desktop.services.roster import RosterService

        return RosterService(self.ctx)

    @cached_property
    def records(self) -> RecordService:
        from secor_desktop.services.records import RecordService

        return RecordService(self.ctx)

    @cached_property
    def program(self) -> ProgramService:
        from secor_desktop.services.program import ProgramService

        return ProgramService(self.ctx, self.records)

    @cached_property
    def actions(self) -> ActionService:
        from secor_desktop.services.actions import ActionService

        return ActionService(self.ctx)

    @cached_property
    def readiness(self) -> ReadinessService:
        from secor_desktop.services.readiness import ReadinessService

        return ReadinessService(self.ctx)

    @cached_property
    def due(self) -> DueService:
        from secor_desktop.services.due import DueService

        return DueService(self.ctx)

    @cached_property
    def evaluations(self) -> EvaluationService:
        from secor_desktop.services.evaluations import EvaluationService

        return EvaluationService(self.ctx)

    @cached_property
    def listing(self) -> ListingService:
        from secor_desktop.services.listing import ListingService

        return ListingService(self.ctx)

    @cached_property
    def people(self) -> PeopleService:
        from secor_desktop.services.people import PeopleService

        return PeopleService(self.ctx)

    @cached_property
    def search(self) -> SearchService:
        from secor_desktop.services.search import SearchService

        return SearchService(self.ctx)

    @cached_property
    def sheets(self) -> SheetService:
        from secor_desktop.services.sheets import SheetService

        return SheetService(self.ctx)

    @cached_property
    def backups(self) -> BackupService:
        from secor_desktop.services.backups import BackupService

        return BackupService(self.locations, self.ctx.clock)

    @cached_property
    def library(self) -> LibraryService:
        from secor_desktop.services.library import LibraryService

        return LibraryService(self.locations.data_dir)

    @cached_property
    def links(self) -> LinkService:
        """H&S meetings' inspections and investigations."""
        from secor_desktop.services.hs_links import LinkService

        return LinkService(self.ctx)

    @cached_property
    def _catalogue(self) -> CatalogueCache:
        from secor_desktop.services.frameworks import CatalogueCache

        return CatalogueCache(self.ctx.framework_dir)

    @cached_property
    def exchange(self) -> ExchangeService:
        from secor_desktop.services.exchange_service import ExchangeService

        return ExchangeService(self.ctx)

    @cached_property
    def pages(self) -> PageReads:
        """Each sidebar page's one read (services/page_reads.py); the dashboard's is its own."""
        from secor_desktop.services.page_reads import PageReads

        return PageReads(self.ctx, self.readiness.cache)

    @cached_property
    def parties(self) -> PartiesService:
        """The register of other workplace parties."""
        from secor_desktop.services.parties import PartiesService

        return PartiesService(self.ctx)

    @cached_property
    def statistics(self) -> StatisticsService:
        """The injury statistics table (issue 19)."""
        from secor_desktop.services.statistics import StatisticsService

        return StatisticsService(self.ctx)

    def frameworks(self) -> PackCatalogue:
        """Bundled packs and the user's own (in DATA_DIR/frameworks), with broken files."""
        return self._catalogue.get()

    def framework(self) -> FrameworkPack:
        """The company's chosen framework pack (the default pack before setup)."""
        from secor_desktop.domain.frameworks import DEFAULT_PACK_ID
        from secor_desktop.services.frameworks import pack_or_default

        company = self.company.get()
        return pack_or_default(
            self.frameworks(), company.framework_id if company else DEFAULT_PACK_ID
        )

    def evidence_elements(self) -> dict[RecordKind, tuple[str, ...]]:
        """Which audit elements each record kind counts for, from the framework data file."""
        from secor_desktop.domain.frameworks import pack_for_kind

        return pack_for_kind(self.framework())

    def verify(self, progress: VerifyProgress | None = None) -> VerifyReport:
        """``progress(done, total)`` is told every so often from the thread that verifies."""
        from secor_desktop.services.integrity import verify  # SQLAlchemy: not at startup

        return verify(self.ctx, progress=progress)

    def check_kept_head(self, kept: KeptHead) -> HeadReport:
        """Is the chain the one whose head was kept elsewhere? (backups help name where not)"""
        from secor_desktop.services.kept_head import check_kept_head

        return check_kept_head(self.ctx, kept, self.backups)

    # --- one read per screen and per output (snapshots read in one unit of work) ---------

    def info(self) -> Info:
        """The program's counts and chain head (counted in SQL)."""
        from secor_desktop.services.dashboard import info_in

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
        from secor_desktop.services.dashboard import dashboard_in

        with self.ctx.reads() as uow:
            return dashboard_in(uow, self.locations, self.frameworks(), self.readiness)
