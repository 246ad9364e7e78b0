"""The readiness record cache reads again exactly what the ledger says changed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.services import record_cache
from secor_desktop.services.facade import Services
from secor_desktop.services.record_cache import RecordCache
from tests.conftest import SmallCompany, signature_png


def fresh(services: Services) -> list[Record]:
    with services.ctx.uow() as uow:
        return list(uow.list_records())


def cached(services: Services, cache: RecordCache) -> list[Record]:
    with services.ctx.uow() as uow:
        return list(cache.records(uow))


def test_saves_signatures_and_voids_are_read_again_and_nothing_else(
    company: SmallCompany,
) -> None:
    services = company.services
    cache = RecordCache()
    first = company.inspection("First")
    assert cached(services, cache) == fresh(services)
    assert (cache.full_reads, cache.delta_reads) == (1, 0)

    assert cached(services, cache) == fresh(services)  # nothing changed: nothing read
    assert (cache.full_reads, cache.delta_reads) == (1, 0)

    company.inspection("Second")
    services.records.sign(
        first.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    now = cached(services, cache)
    assert now == fresh(services)
    assert sorted(r.title for r in now) == ["First", "Second"]
    assert next(r for r in now if r.id == first.id).signatures
    assert (cache.full_reads, cache.delta_reads) == (1, 1)

    services.records.void(first.id, "entered twice")
    assert cached(services, cache) == fresh(services)
    assert (cache.full_reads, cache.delta_reads) == (1, 2)

    services.roster.add_site("Second yard")  # a revision, but of a site: no record read
    assert cached(services, cache) == fresh(services)
    assert (cache.full_reads, cache.delta_reads) == (1, 3)


def test_a_different_history_is_read_in_full(
    company: SmallCompany, make_services: Callable[[str], Services]
) -> None:
    """As after restoring a backup: the revision seen last is not in the file any more."""
    cache = RecordCache()
    company.inspection("In the first folder")
    assert cached(company.services, cache) == fresh(company.services)
    other = make_services("other")
    assert cached(other, cache) == [] == fresh(other)
    assert cache.full_reads == 2


def test_many_changes_are_read_in_full(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = company.services
    cache = RecordCache()
    company.inspection("One")
    cached(services, cache)
    monkeypatch.setattr(record_cache, "DELTA_LIMIT", 1)
    company.inspection("Two")
    company.inspection("Three")
    assert cached(services, cache) == fresh(services)
    assert (cache.full_reads, cache.delta_reads) == (2, 0)


def test_readiness_sees_a_new_record_at_once(company: SmallCompany) -> None:
    services = company.services
    pack = services.framework()
    before = services.readiness.report(pack)
    record = company.inspection("Fresh")
    after = services.readiness.report(pack)
    assert before != after
    assert any(f.record_id == record.id for e in after.elements for f in e.findings)
