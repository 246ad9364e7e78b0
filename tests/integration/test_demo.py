"""The demo company: built once per module on a real SQLite file, then examined."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import (
    ChecklistResult,
    InspectionBody,
    OrientationBody,
    TrainingBody,
)
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.kinds import ActionStatus, EmploymentType, RecordKind, RecordStatus
from secor_desktop.domain.ledger import FLAG_CLOCK_BACKWARDS, FLAG_LATE_ENTRY
from secor_desktop.domain.model import Record, RevisionInfo, Worker
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.context import random_id
from secor_desktop.services.demo import DemoSummary, build_demo
from secor_desktop.services.facade import Services

NOW = datetime(2026, 11, 2, 17, tzinfo=UTC)
AS_OF = NOW.date()


def fresh_services(folder: Path) -> Services:
    return open_services(AppPaths(folder / "data"), FixedClock(NOW))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Services, DemoSummary]:
    services = fresh_services(tmp_path_factory.mktemp("demo"))
    return services, build_demo(services, seed=1)


@pytest.fixture(scope="module")
def services(demo: tuple[Services, DemoSummary]) -> Services:
    return demo[0]


@pytest.fixture(scope="module")
def summary(demo: tuple[Services, DemoSummary]) -> DemoSummary:
    return demo[1]


@pytest.fixture(scope="module")
def records(services: Services) -> list[Record]:
    return services.records.find()


@pytest.fixture(scope="module")
def histories(services: Services, records: list[Record]) -> dict[str, list[RevisionInfo]]:
    return {r.id: services.records.history(r.id) for r in records}


@pytest.fixture(scope="module")
def workers(services: Services) -> list[Worker]:
    return services.roster.workers()


def test_every_record_kind_is_present(records: list[Record]) -> None:
    """Each record kind has at least one record."""
    assert {r.kind for r in records} == set(RecordKind)


def test_records_span_at_least_twelve_months(records: list[Record]) -> None:
    """The oldest record is at least a year before the newest, which is on the as-of date."""
    dates = [r.event_date for r in records]
    assert max(dates) == AS_OF
    assert max(dates) - min(dates) >= timedelta(days=365)


def test_size_stays_within_the_planned_range(records: list[Record]) -> None:
    """Between 600 and 900 records: realistic, yet quick to build."""
    assert 600 <= len(records) <= 900


def test_summary_matches_the_database(services: Services, summary: DemoSummary) -> None:
    """The summary's counts are those the database reports."""
    info = services.info()
    assert summary.records_by_kind == info.record_counts
    assert (summary.workers, summary.sites, summary.actions) == (
        info.workers,
        info.sites,
        info.corrective_actions,
    )
    assert summary.last_date == AS_OF
    assert summary.first_date <= AS_OF - timedelta(days=365)


def test_a_few_records_are_unsigned_drafts(records: list[Record]) -> None:
    """Three to five records are still drafts."""
    drafts = [r for r in records if r.status is RecordStatus.DRAFT]
    assert 3 <= len(drafts) <= 5


def test_one_record_is_void_with_a_reason(records: list[Record]) -> None:
    """Exactly one record is void, and it says why."""
    void = [r for r in records if r.status is RecordStatus.VOID]
    assert len(void) == 1
    assert void[0].void_reason


def test_a_signed_record_was_amended_with_a_reason(
    records: list[Record], histories: dict[str, list[RevisionInfo]]
) -> None:
    """A record that is signed now has an earlier change made with a reason."""
    amended = [
        r
        for r in records
        if r.status is RecordStatus.SIGNED and any(h.reason for h in histories[r.id])
    ]
    assert amended


def test_two_or_three_records_were_entered_late(
    histories: dict[str, list[RevisionInfo]],
) -> None:
    """A few records were written up well after their event and carry the late-entry flag."""
    late = [rid for rid, revs in histories.items() if FLAG_LATE_ENTRY in revs[0].flags]
    assert 2 <= len(late) <= 3


def test_the_clock_never_goes_backwards(histories: dict[str, list[RevisionInfo]]) -> None:
    """Every revision was entered after the one before it."""
    assert not [h for revs in histories.values() for h in revs if FLAG_CLOCK_BACKWARDS in h.flags]


def test_nothing_is_entered_after_the_callers_clock(
    histories: dict[str, list[RevisionInfo]],
) -> None:
    """The demo ends early on the as-of day, so the user's next entry follows it."""
    assert max(h.entered_at for revs in histories.values() for h in revs) <= NOW


def test_some_open_actions_are_overdue(services: Services) -> None:
    """At least two open corrective actions are past their due date."""
    assert sum(a.overdue_on(AS_OF) for a in services.actions.all()) >= 2


def test_most_actions_are_closed_with_a_note(services: Services) -> None:
    """Closed actions outnumber open ones, and each says how it was closed."""
    actions = services.actions.all()
    closed = [a for a in actions if a.status is ActionStatus.CLOSED]
    assert len(closed) > len(actions) / 2
    assert all(a.closure_note and a.closed_date for a in closed)


def test_deficient_inspection_items_raise_linked_actions(
    services: Services, records: list[Record]
) -> None:
    """Every inspection with a deficient item is the source of a corrective action."""
    deficient = {
        r.id
        for r in records
        if isinstance(r.body, InspectionBody)
        and r.status is RecordStatus.SIGNED
        and any(i.result is ChecklistResult.DEFICIENT for i in r.body.items)
    }
    sources = {a.source_record_id for a in services.actions.all()}
    assert deficient
    assert deficient <= sources


def test_certificates_expire_within_30_60_and_90_days(records: list[Record]) -> None:
    """Some certificates lapse within each of the 30, 60 and 90-day warning windows."""
    days_left = [
        (r.body.expiry - AS_OF).days
        for r in records
        if isinstance(r.body, TrainingBody) and r.body.expiry is not None
    ]
    assert any(0 <= d <= 30 for d in days_left)
    assert any(30 < d <= 60 for d in days_left)
    assert any(60 < d <= 90 for d in days_left)


def test_one_certificate_has_already_expired(records: list[Record]) -> None:
    """At least one certificate's expiry date has passed."""
    assert any(
        isinstance(r.body, TrainingBody) and r.body.expiry is not None and r.body.expiry < AS_OF
        for r in records
    )


def test_some_records_carry_photos(records: list[Record]) -> None:
    """A few inspections and incidents have a JPEG photo attached."""
    with_photos = [r for r in records if r.attachments]
    assert {r.kind for r in with_photos} == {RecordKind.INSPECTION, RecordKind.INCIDENT}
    assert all(a.media_type == "image/jpeg" for r in with_photos for a in r.attachments)


def test_every_worker_has_an_orientation(records: list[Record], workers: list[Worker]) -> None:
    """Each worker on the roster was oriented."""
    oriented = {r.body.worker_id for r in records if isinstance(r.body, OrientationBody)}
    assert oriented == {w.id for w in workers}


def test_the_roster_has_a_seasonal_worker_who_left_in_autumn(workers: list[Worker]) -> None:
    """The seasonal labourer started in spring and left in autumn."""
    seasonal = [w for w in workers if w.employment_type is EmploymentType.SEASONAL]
    assert len(seasonal) == 1
    assert seasonal[0].start_date.month in (3, 4, 5)
    assert seasonal[0].end_date is not None and seasonal[0].end_date.month in (9, 10, 11)


def test_the_roster_has_an_owner_operator(workers: list[Worker]) -> None:
    """The owner is on the roster as an owner-operator."""
    owners = [w for w in workers if w.is_owner]
    assert [w.employment_type for w in owners] == [EmploymentType.OWNER_OPERATOR]


def test_the_roster_is_a_small_employer(workers: list[Worker]) -> None:
    """About eight people, including part-time and a recent hire."""
    assert 7 <= len(workers) <= 10
    assert any(w.employment_type is EmploymentType.PART_TIME for w in workers)
    assert any(AS_OF - w.start_date < timedelta(days=120) for w in workers)


def test_company_profile_is_filled_in(services: Services) -> None:
    """An Alberta company with a certifying partner and an audit planned about a month out."""
    company = services.company.get()
    assert company is not None
    assert company.province.value == "AB"
    assert company.wcb_account and company.certifying_partner
    assert company.planned_audit_date is not None
    assert timedelta(days=25) <= company.planned_audit_date - AS_OF <= timedelta(days=40)
    assert company.certificate_date is None


def test_verify_finds_nothing_wrong(services: Services) -> None:
    """The chain, the tables and every file check out."""
    report = services.verify()
    assert report.ok, report.problems[:5]


def test_the_callers_services_are_left_unchanged(services: Services) -> None:
    """The demo works on its own clock and ids, not the caller's."""
    assert services.ctx.clock.now() == NOW
    assert services.ctx.new_id is random_id


def test_a_folder_with_a_company_is_refused(services: Services) -> None:
    """Building the demo over existing data is refused with a sentence (a UserError)."""
    with pytest.raises(UserError, match="already has a company"):
        build_demo(services)


def test_a_folder_with_workers_but_no_company_is_refused(tmp_path: Path) -> None:
    """Any saved data, even without a company profile, makes the folder not empty."""
    services = fresh_services(tmp_path)
    services.roster.add_worker(
        Worker("", "Sam Okafor", "Roofer", EmploymentType.FULL_TIME, date(2024, 1, 8))
    )
    with pytest.raises(UserError, match="already holds"):
        build_demo(services)


def test_an_as_of_date_after_today_is_refused(tmp_path: Path) -> None:
    """The demo cannot hold records dated in the future."""
    with pytest.raises(UserError, match="after today"):
        build_demo(fresh_services(tmp_path), as_of=AS_OF + timedelta(days=1))


def test_the_same_seed_gives_the_same_chain_head(services: Services, tmp_path: Path) -> None:
    """Rebuilding with seed 1 in another folder gives an identical chain."""
    again = fresh_services(tmp_path)
    build_demo(again, seed=1)
    assert again.info().chain_head == services.info().chain_head


def test_a_different_seed_gives_a_different_chain_head(services: Services, tmp_path: Path) -> None:
    """Seed 2 gives a different company history."""
    other = fresh_services(tmp_path)
    build_demo(other, seed=2)
    assert other.info().chain_head != services.info().chain_head


def test_stored_flags_equal_flags_derived_from_the_hashed_documents(
    demo: tuple[Services, DemoSummary],
) -> None:
    """Every revision's flags follow from its hashed dates and the company limit then in force."""
    from secor_desktop.domain.ledger import derive_flags

    services, _ = demo
    with services.ctx.uow() as uow:
        stored = list(uow.stored_revisions())
        infos = {i.seq: i for i in uow.revision_infos()}
    derived = list(derive_flags(r.document for r in stored))
    assert [tuple(infos[r.seq].flags) for r in stored] == derived
    assert any(FLAG_LATE_ENTRY in f for f in derived)


@pytest.mark.parametrize("days", [-400, -90, 0, 23])
def test_readiness_from_the_projection_equals_readiness_from_decoded_records(
    services: Services, days: int
) -> None:
    """The SQL path (stored projection) gives the very report the decode path gives."""
    from secor_desktop.domain.readiness import compute_readiness

    pack = services.framework()
    as_of = AS_OF + timedelta(days=days)
    audit = as_of + timedelta(days=60)
    from_sql = services.readiness.report(pack, as_of, audit)
    with services.ctx.uow() as uow:
        company = uow.get_company()
        assert company is not None
        decoded = compute_readiness(
            company,
            pack,
            uow.list_workers(),
            uow.list_records(),
            uow.list_actions(),
            as_of,
            audit,
        )
    assert from_sql == decoded
    if days >= 0:  # the demo's drafts and voids are judged too
        assert any(f.code == "not_counted" for e in from_sql.elements for f in e.findings)
