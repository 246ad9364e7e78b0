"""The dashboard's aggregates kept between refreshes: after each kind of save, the patched
cache shows what a fresh read shows, and only a change whose old share it cannot know makes
it read everything again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.services.dashboard import DashboardSnapshot
from secor_desktop.services.facade import Services
from secor_desktop.services.facts_cache import FactsCache
from tests.conftest import TODAY, SmallCompany, signature_png


def shown(services: Services) -> tuple[object, ...]:
    """What the dashboard shows of the records."""
    s: DashboardSnapshot = services.dashboard()
    return (s.report, s.activity, s.info.record_counts)


def fresh(services: Services) -> tuple[object, ...]:
    """The same, read afresh (a new cache, as just started)."""
    kept = services.readiness.facts
    services.readiness.facts = FactsCache()
    try:
        return shown(services)
    finally:
        services.readiness.facts = kept


def sign(company: SmallCompany, record_id: str) -> None:
    company.services.records.sign(
        record_id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )


def signed_inspection(services: Services) -> Record:
    with services.ctx.uow() as uow:
        return next(r for r in uow.list_records(RecordKind.INSPECTION) if r.current_signatures)


@pytest.fixture
def started(company: SmallCompany) -> SmallCompany:
    """A company with a few signed inspections, its dashboard shown once."""
    for weeks in range(3):
        record = company.inspection(f"Inspection {weeks}", TODAY - timedelta(weeks=weeks))
        sign(company, record.id)
    shown(company.services)
    return company


def new_draft(c: SmallCompany) -> None:
    c.inspection("A new draft", TODAY - timedelta(days=1))


def draft_signed(c: SmallCompany) -> None:
    sign(c, c.inspection("Signed later", TODAY - timedelta(days=2)).id)


def draft_voided(c: SmallCompany) -> None:
    c.services.records.void(c.inspection("Entered twice").id, "entered twice")


def certificate(c: SmallCompany) -> None:
    c.services.records.create(
        RecordKind.TRAINING,
        title="Standard First Aid",
        event_date=TODAY - timedelta(days=30),
        site_id=None,
        body=TrainingBody(c.lead.id, "Standard First Aid", "Red Cross", TODAY + timedelta(60)),
    )


def site_renamed(c: SmallCompany) -> None:
    c.services.roster.save_site(replace(c.site, address="99 Industrial Rd"))


PATCHED: dict[str, Callable[[SmallCompany], None]] = {
    "a new draft": new_draft,
    "a draft signed": draft_signed,
    "a draft voided": draft_voided,
    "a new certificate": certificate,
    "a site saved": site_renamed,
}


@pytest.mark.parametrize("change", sorted(PATCHED))
def test_a_save_is_patched_in_and_shows_what_a_fresh_read_shows(
    started: SmallCompany, change: str
) -> None:
    """After the save the cache is patched, not read again, and agrees with a fresh read."""
    services = started.services
    cache = services.readiness.facts
    full = cache.full_reads
    PATCHED[change](started)
    assert shown(services) == fresh(services)
    assert cache.full_reads == full
    assert cache.delta_reads >= 1


def test_a_counting_record_voided_is_read_again_and_agrees(started: SmallCompany) -> None:
    """Voiding a signed record (its old share unknown to the cache) reads everything again."""
    services = started.services
    cache = services.readiness.facts
    full = cache.full_reads
    signed = signed_inspection(services)
    services.records.void(signed.id, "wrong site")
    assert shown(services) == fresh(services)
    assert cache.full_reads == full + 1


def test_a_signed_record_amended_then_signed_agrees(started: SmallCompany) -> None:
    """A signed record changed (and so no longer counting), then signed again, agrees."""
    services = started.services
    record = signed_inspection(services)
    services.records.update(
        record.id,
        title=record.title,
        event_date=record.event_date - timedelta(days=1),
        site_id=record.site_id,
        body=record.body,
        attachments=record.attachments,
        reason="the day was wrong",
    )
    assert shown(services) == fresh(services)
    sign(started, record.id)
    assert shown(services) == fresh(services)
