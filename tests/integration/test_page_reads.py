"""One read per page: each page's snapshot is one call that opens one unit of work, and it
says what the separate calls it replaces said."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest

from secor_desktop.domain.audit_path import audit_path
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.services.facade import Services
from secor_desktop.services.listing import RecordQuery
from secor_desktop.services.page_reads import CycleSnapshot, EligibilitySnapshot, PageReads
from secor_desktop.storage.uow import SqlUnitOfWork
from tests.conftest import SmallCompany


@dataclasses.dataclass
class Counted:
    reads: PageReads
    opened: list[int]


@pytest.fixture
def counted(company: SmallCompany) -> Counted:
    """Page reads over the company's database, counting the units of work they open."""
    ctx = company.services.ctx
    opened: list[int] = []

    def uow() -> SqlUnitOfWork:
        opened.append(1)
        return ctx.uow()

    company.inspection()
    company.services.actions.raise_action(
        "Clear the aisle", due_date=date(2026, 11, 9), owner_id=company.lead.id
    )
    return Counted(
        PageReads(dataclasses.replace(ctx, uow=uow), company.services.readiness.cache), opened
    )


READS: dict[str, Callable[[PageReads], object]] = {
    "today": PageReads.today,
    "workers": PageReads.workers,
    "actions": PageReads.actions,
    "training": PageReads.training,
    "audit path": PageReads.audit_path,
    "program": PageReads.program,
    "eligibility": PageReads.eligibility,
    "cycle": PageReads.cycle,
    "evaluations": PageReads.evaluations,
    "record list": lambda reads: reads.record_list(RecordQuery(kind=RecordKind.INSPECTION), 50),
}


@pytest.mark.parametrize("page", sorted(READS))
def test_each_page_reads_in_one_unit_of_work(counted: Counted, page: str) -> None:
    """A page's snapshot opens exactly one unit of work."""
    READS[page](counted.reads)
    assert len(counted.opened) == 1


def test_the_audit_path_snapshot_is_what_the_separate_reads_said(company: SmallCompany) -> None:
    """Steps, report and pack agree with the readiness report and the training records."""
    services = company.services
    snapshot = services.pages.audit_path()
    pack = services.framework()
    report = services.readiness.report(pack)
    assert snapshot.pack == pack and snapshot.report == report
    assert snapshot.steps == audit_path(
        services.company.get(),  # type: ignore[arg-type]
        services.records.find(RecordKind.TRAINING),
        report,
    )


def test_the_program_snapshot_is_what_the_program_service_said(company: SmallCompany) -> None:
    """The documents' states and names are the program service's own."""
    services = company.services
    snapshot = services.pages.program()
    pack = services.framework()
    assert snapshot.entries == services.program.status(pack)
    assert snapshot.document_names == services.program.document_names(pack)
    assert snapshot.problems == []


def test_the_record_list_snapshot_brings_the_first_page_and_the_names(
    company: SmallCompany,
) -> None:
    """The first page, its count and open actions match the listing; the filters' names come
    with them."""
    services = company.services
    for day in (date(2026, 10, 5), date(2026, 10, 12), date(2026, 10, 19)):
        company.inspection(day=day)
    query = RecordQuery(kind=RecordKind.INSPECTION)
    snapshot = services.pages.record_list(query, 2)
    assert snapshot.total == services.listing.count(query) == 3
    assert [r.id for r in snapshot.records] == [r.id for r in services.listing.page(query, 0, 2)]
    assert [s.name for s in snapshot.sites] == ["Main yard"]
    assert {w.name for w in snapshot.workers} == {"Dana Kowalski", "Zoë Tremblay", "Sam Okafor"}


def test_before_setup_the_pages_say_there_is_nothing_yet(services: Services) -> None:
    """No company: Today, eligibility and the cycle have nothing to show, without an error."""
    assert services.pages.today() is None
    assert services.pages.eligibility() == EligibilitySnapshot(None, None)
    assert services.pages.cycle() == CycleSnapshot(None, None)
