"""The dashboard's one read: everything the page shows, from one unit of work.

The page used to gather its numbers with five calls (the pack, readiness, the counts, the
evidence map, the weekly activity), each opening its own unit of work, so a save landing in
between could show counts from one state and readiness from another. Here they all come from
one transaction, and the framework catalogue is parsed at most once (``CatalogueCache``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from secor_desktop.domain.activity import ActivityGrid
from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, FrameworkPack, pack_for_kind
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.readiness_model import ReadinessReport
from secor_desktop.services.frameworks import PackCatalogue, pack_or_default
from secor_desktop.services.locations import Locations
from secor_desktop.services.program import ProgramFacts, facts_in
from secor_desktop.services.readiness import ReadinessService

if TYPE_CHECKING:
    from secor_desktop.storage.uow import SqlUnitOfWork


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
class DashboardSnapshot:
    """What the dashboard shows, all read in one unit of work."""

    info: Info
    pack: FrameworkPack
    evidence: dict[RecordKind, tuple[str, ...]]  # which elements each kind counts for
    report: ReadinessReport | None  # None before the company is set up
    activity: ActivityGrid
    # What the fixes offered for the findings look at (names, the starter documents' blanks,
    # the records the findings point at), so describing a fix reads nothing more.
    facts: ProgramFacts
    records: Sequence[Record]  # the records the fixes look into (``_named``), same snapshot


def info_in(
    uow: SqlUnitOfWork, locations: Locations, record_counts: dict[str, int] | None = None
) -> Info:
    """The program's counts, by SQL COUNT (no table is loaded to be counted); the records per
    kind as given when the caller has them already."""
    company = uow.get_company()
    count, head = uow.chain_head()
    rows = uow.count_rows()
    return Info(
        locations=locations,
        company_name=company.name if company else None,
        record_counts=uow.count_records_by_kind() if record_counts is None else record_counts,
        workers=rows["workers"],
        sites=rows["sites"],
        corrective_actions=rows["actions"],
        revisions=count,
        chain_head=head,
    )


def dashboard_in(
    uow: SqlUnitOfWork,
    locations: Locations,
    catalogue: PackCatalogue,
    readiness: ReadinessService,
) -> DashboardSnapshot:
    """The dashboard's snapshot inside one open unit of work."""
    facts = facts_in(uow)
    company = facts.company
    pack = pack_or_default(catalogue, company.framework_id if company else DEFAULT_PACK_ID)
    report, activity, by_kind = readiness.dashboard_in(uow, pack)  # patched after a save
    return DashboardSnapshot(
        info=info_in(uow, locations, by_kind),
        pack=pack,
        evidence=pack_for_kind(pack),
        report=report,
        activity=activity,
        facts=facts,
        records=uow.list_records(ids=_named(report)) if report is not None else (),
    )


def _named(report: ReadinessReport) -> set[str]:
    """The records the fixes offered for the findings look into (``gui/fixes``): a
    certificate to renew, and the unfinished records of an element missing a directive
    document (one may be its draft). Fixes that only open a record need no more than its id;
    anything else a fix asks for is read then (``FixContext.record``)."""
    ids: set[str] = set()
    for element in report.elements:
        missing = any(f.code == "document_missing" for f in element.findings)
        for f in element.findings:
            wanted = f.code.startswith("certificate_") or (missing and f.code == "not_counted")
            if wanted and f.record_id:
                ids.add(f.record_id)
    return ids
