"""Repeat a record and record training for a crew, through the real services and SQLite."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from secor_desktop.domain.bodies import (
    Control,
    ControlLevel,
    FlhaBody,
    HazardItem,
    TrainingBody,
)
from secor_desktop.domain.kinds import EmploymentType, RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.domain.model import Record, Worker
from secor_desktop.services.crew_training import CrewCourse, Trainee
from secor_desktop.services.errors import ValidationError
from tests import postgres_server
from tests.conftest import TODAY, SmallCompany, signature_png

YESTERDAY = TODAY - timedelta(days=1)


def _flha(company: SmallCompany, day: date = YESTERDAY, title: str = "Daily FLHA") -> Record:
    return company.services.records.create(
        RecordKind.FLHA,
        title=title,
        event_date=day,
        site_id=company.site.id,
        body=FlhaBody(
            "Tear-off, north slope",
            (HazardItem("Tear-off", "Fall", 5, 2, (Control(ControlLevel.PPE, "Harness"),)),),
            (company.lead.id, company.worker.id),
        ),
    )


def _count(company: SmallCompany, table: str) -> int:
    return postgres_server.count_rows(company.services, table)


def test_repeat_stores_a_new_unsigned_draft_dated_today(company: SmallCompany) -> None:
    """repeat() saves a draft with yesterday's content, today's date and no signatures."""
    records = company.services.records
    old = _flha(company)
    records.sign(
        old.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    new = records.repeat(old.id)
    stored = records.get(new.id)
    assert stored.id != old.id and stored.status is RecordStatus.DRAFT
    assert (stored.event_date, stored.body, stored.site_id) == (TODAY, old.body, old.site_id)
    assert records.get(old.id).status is RecordStatus.SIGNED


def test_repeat_copy_stores_nothing(company: SmallCompany) -> None:
    """The copy the editor shows is not written until the user saves it."""
    old = _flha(company)
    before = _count(company, "revisions")
    copy = company.services.records.repeat_copy(old.id)
    assert copy.id == "" and copy.event_date == TODAY
    assert _count(company, "revisions") == before


def test_newest_is_the_latest_date_then_the_latest_entered(company: SmallCompany) -> None:
    """Repeat last picks the latest event date; on the same date, the one entered last."""
    _flha(company, YESTERDAY - timedelta(days=3), "older")
    _flha(company, YESTERDAY, "first of the day")
    latest = _flha(company, YESTERDAY, "second of the day")
    _flha(company, YESTERDAY - timedelta(days=1), "entered last but older")
    newest = company.services.records.newest(RecordKind.FLHA)
    assert newest is not None and newest.id == latest.id


def test_newest_skips_void_records_and_other_kinds(company: SmallCompany) -> None:
    """A void record is never the one repeated; nothing of the kind gives None."""
    kept = _flha(company, YESTERDAY - timedelta(days=2), "kept")
    voided = _flha(company, YESTERDAY, "typed twice")
    company.services.records.void(voided.id, "typed twice")
    newest = company.services.records.newest(RecordKind.FLHA)
    assert newest is not None and newest.id == kept.id
    assert company.services.records.newest(RecordKind.DRILL) is None


def _crew(company: SmallCompany, n: int) -> list[Worker]:
    roster = company.services.roster
    return [
        roster.add_worker(
            Worker("", f"Crew member {i}", "Labourer", EmploymentType.FULL_TIME, date(2025, 1, 6))
        )
        for i in range(n)
    ]


COURSE = CrewCourse("Standard First Aid", "Red Cross", TODAY, date(2029, 11, 2))


def test_crew_training_makes_one_record_per_worker(company: SmallCompany) -> None:
    """Five workers, one course: five training records, each with its own certificate."""
    crew = _crew(company, 5)
    made = company.services.records.record_crew_training(
        COURSE, [Trainee(w.id, f"SFA-{i}") for i, w in enumerate(crew)]
    )
    stored = company.services.records.find(RecordKind.TRAINING)
    assert {r.id for r in stored} == {r.id for r in made} and len(stored) == 5
    bodies = {r.body.worker_id: r.body for r in stored if isinstance(r.body, TrainingBody)}
    assert bodies[crew[3].id] == TrainingBody(
        crew[3].id, "Standard First Aid", "Red Cross", date(2029, 11, 2), "SFA-3"
    )


def test_a_worker_who_left_refuses_the_whole_crew(company: SmallCompany) -> None:
    """One worker gone before the course date: no record at all, and the worker is named."""
    crew = _crew(company, 5)
    company.services.roster.save_worker(replace(crew[2], end_date=TODAY - timedelta(days=10)))
    before = (_count(company, "records"), _count(company, "revisions"))
    with pytest.raises(ValidationError) as caught:
        company.services.records.record_crew_training(COURSE, [Trainee(w.id) for w in crew])
    (problem,) = caught.value.problems
    assert problem.field == "trainees[2]"
    assert "Crew member 2 left on 2026-10-23" in problem.message
    assert (_count(company, "records"), _count(company, "revisions")) == before


def test_an_empty_crew_and_a_bad_expiry_are_refused(company: SmallCompany) -> None:
    """No worker ticked, or an expiry before the course: refused with one line each."""
    with pytest.raises(ValidationError, match="tick at least one worker"):
        company.services.records.record_crew_training(COURSE, [])
    crew = _crew(company, 2)
    with pytest.raises(ValidationError) as caught:
        company.services.records.record_crew_training(
            replace(COURSE, expiry=TODAY), [Trainee(w.id) for w in crew]
        )
    assert [p.field for p in caught.value.problems] == ["body.expiry"]


def test_a_worker_listed_twice_is_refused(company: SmallCompany) -> None:
    """The same worker twice would make two records of one course: refused, naming them."""
    with pytest.raises(ValidationError, match="Sam Okafor is listed twice"):
        company.services.records.record_crew_training(
            COURSE, [Trainee(company.worker.id), Trainee(company.worker.id)]
        )


def test_a_worker_who_starts_later_is_refused(company: SmallCompany) -> None:
    """A course dated before the worker's start date is refused, naming the start date."""
    early = replace(COURSE, completed_on=date(2026, 3, 1), expiry=None)
    with pytest.raises(ValidationError, match="Sam Okafor starts on 2026-04-01"):
        company.services.records.record_crew_training(early, [Trainee(company.worker.id)])
