"""All use cases behind one object, built once by the composition root for the GUI and CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from secor_desktop.services.actions import ActionService
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.integrity import VerifyReport, verify
from secor_desktop.services.records import RecordService
from secor_desktop.services.roster import CompanyService, RosterService


@dataclass(frozen=True)
class Locations:
    """Where this program keeps things, for ``info`` and the About dialog."""

    data_dir: Path
    database: Path
    blobs: Path
    log_file: Path
    schema_revision: str


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


class Services:
    def __init__(self, ctx: ServiceContext, locations: Locations) -> None:
        self.ctx = ctx
        self.locations = locations
        self.company = CompanyService(ctx)
        self.roster = RosterService(ctx)
        self.records = RecordService(ctx)
        self.actions = ActionService(ctx)

    def verify(self) -> VerifyReport:
        return verify(self.ctx)

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
