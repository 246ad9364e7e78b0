"""Counts and filters run in SQL: nothing is loaded only to be counted or thrown away."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import event

from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.services.facade import Services
from secor_desktop.storage.deferred import DeferredEngine, DeferredUnitsOfWork
from secor_desktop.storage.uow import UnitOfWorkFactory
from tests.conftest import SmallCompany, signature_png


@contextmanager
def statements(services: Services) -> Iterator[list[str]]:
    """Every SQL statement the services' engine runs meanwhile."""
    factory = services.ctx.uow
    assert isinstance(factory, UnitOfWorkFactory | DeferredUnitsOfWork)
    engine = factory.args[0]
    if isinstance(engine, DeferredEngine):  # the app's engine, made at the first query
        engine = engine.get()
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _signed(company: SmallCompany, title: str) -> str:
    record = company.inspection(title)
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    return record.id


def test_info_counts_with_sql_count(company: SmallCompany) -> None:
    """The counts are right, and no worker, site or action row is fetched to count it."""
    services = company.services
    services.actions.raise_action(
        "Fix the ladder", due_date=date(2026, 12, 1), owner_id=company.lead.id
    )
    with statements(services) as seen:
        info = services.info()
    assert (info.workers, info.sites, info.corrective_actions) == (3, 1, 1)
    for table in ("workers", "sites", "corrective_actions"):
        reads = [s for s in seen if f"FROM {table}" in s]
        assert reads and all("count(" in s for s in reads), reads


def test_a_delta_read_fetches_only_the_changed_records_children(company: SmallCompany) -> None:
    """Reading some records by id filters their attachments and signatures in SQL."""
    services = company.services
    first = _signed(company, "First")
    _signed(company, "Second")
    with statements(services) as seen, services.ctx.uow() as uow:
        records = uow.list_records(ids={first})
    assert [r.id for r in records] == [first]
    assert len(records[0].signatures) == 1
    children = [s for s in seen if "FROM attachments" in s or "FROM signatures" in s]
    assert len(children) == 2
    assert all("record_id IN" in s for s in children), children


def test_a_filtered_list_reads_the_same_records_as_before(company: SmallCompany) -> None:
    """A list by date keeps each record's own signatures (the children's filter matches)."""
    services = company.services
    _signed(company, "First")
    with services.ctx.uow() as uow:
        everything = uow.list_records()
        by_date = uow.list_records(date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    assert by_date == [r for r in everything if r.event_date.month == 11]
    assert by_date and all(r.signatures for r in by_date)
