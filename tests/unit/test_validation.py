"""Saving rules, read as the rules: each problem names the field a form can point at."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from secor_desktop.domain.bodies import (
    AdminBody,
    AdminType,
    Body,
    ChecklistItem,
    ChecklistResult,
    Control,
    ControlLevel,
    DrillBody,
    FlhaBody,
    HazardAssessmentBody,
    HazardItem,
    IncidentBody,
    IncidentType,
    InspectionBody,
    InspectionType,
    TrainingBody,
)
from secor_desktop.domain.kinds import ActionStatus, Province, RecordKind
from secor_desktop.domain.model import Company, CorrectiveAction, Record, Site
from secor_desktop.domain.validation import (
    FieldProblem,
    Roster,
    ValidationError,
    raise_if,
    validate_action,
    validate_company,
    validate_record,
    validate_signature,
)
from tests.unit.readiness_kit import LEAD, OWNER

TODAY = date(2026, 11, 2)
YARD = Site("yard", "Main yard")
ROSTER = Roster(today=TODAY, workers={w.id: w for w in (OWNER, LEAD)}, sites={YARD.id: YARD})
HAZARD = HazardItem("Roofing", "Fall", 4, 3, (Control(ControlLevel.ENGINEERING, "Guard rail"),))


def fields(problems: list[FieldProblem]) -> list[str]:
    return [p.field for p in problems]


def record(kind: RecordKind, body: Body, day: date = date(2026, 10, 1), **kw: object) -> Record:
    return Record("r1", kind, f"{kind.label} at the yard", day, "yard", body, **kw)  # type: ignore[arg-type]


def flha(*hazards: HazardItem, crew: tuple[str, ...] = ("lead",)) -> Record:
    return record(RecordKind.FLHA, FlhaBody("Re-roof the shop", hazards, crew))


def inspection(*items: ChecklistItem) -> Record:
    body = InspectionBody(InspectionType.SITE, "Yard", "lead", items)
    return record(RecordKind.INSPECTION, body)


def incident(investigated: date | None) -> Record:
    body = IncidentBody(
        IncidentType.NEAR_MISS,
        "Ladder slipped",
        ("lead",),
        investigated_by_id="lead",
        investigation_date=investigated,
    )
    return record(RecordKind.INCIDENT, body, day=date(2026, 10, 10))


def drill(minutes: int) -> Record:
    return record(RecordKind.DRILL, DrillBody("Fire in the shop", ("lead", "own"), minutes))


ACTION = CorrectiveAction(
    "a1", "Fix the rail", due_date=date(2026, 11, 30), created_date=date(2026, 10, 1)
)


# --- the company ----------------------------------------------------------------------


@pytest.mark.parametrize("days", [1, 7, 365])
def test_late_entry_limit_within_a_year_is_accepted(days: int) -> None:
    """The late-entry limit may be any number of days from 1 to 365."""
    company = Company("Test Co", Province.AB, late_entry_days=days)
    assert validate_company(company) == []


@pytest.mark.parametrize("days", [0, -1, 366])
def test_late_entry_limit_outside_a_year_is_refused(days: int) -> None:
    """A late-entry limit of 0 days, or of more than a year, is refused by name."""
    company = Company("Test Co", Province.AB, late_entry_days=days)
    assert validate_company(company) == [
        FieldProblem("late_entry_days", "must be between 1 and 365 days")
    ]


def test_validation_error_lists_every_problem() -> None:
    """Raising the problems keeps each one and says them all in the message."""
    problems = [FieldProblem("name", "is required"), FieldProblem("role", "is required")]
    with pytest.raises(ValidationError) as caught:
        raise_if(problems)
    assert caught.value.problems == tuple(problems)
    assert str(caught.value) == "name: is required; role: is required"


# --- corrective actions ---------------------------------------------------------------


def test_action_owner_must_be_on_the_roster() -> None:
    """A corrective action cannot be assigned to someone who is not on the roster."""
    action = replace(ACTION, owner_id="ghost")
    assert validate_action(action, ROSTER) == [
        FieldProblem("owner_id", "is not a worker on the roster")
    ]


def test_action_cannot_close_before_it_was_raised() -> None:
    """An action closed before the day it was raised is refused."""
    action = replace(
        ACTION,
        status=ActionStatus.CLOSED,
        closed_date=date(2026, 9, 30),
        closure_note="Rail bolted",
    )
    assert validate_action(action, ROSTER) == [
        FieldProblem("closed_date", "comes before the action was raised")
    ]


def test_action_closed_on_the_day_it_was_raised_is_accepted() -> None:
    """Closing an action the same day it was raised, with a note, is fine."""
    action = replace(
        ACTION,
        owner_id="lead",
        status=ActionStatus.CLOSED,
        closed_date=ACTION.created_date,
        closure_note="Rail bolted",
    )
    assert validate_action(action, ROSTER) == []


# --- records: common fields -----------------------------------------------------------


def test_record_site_must_be_one_of_the_company_sites() -> None:
    """A record cannot be filed under a site the company does not have."""
    problems = validate_record(replace(drill(12), site_id="elsewhere"), ROSTER)
    assert problems == [FieldProblem("site_id", "is not one of the company's sites")]


def test_record_without_a_site_is_accepted() -> None:
    """A record need not name a site (company-wide records)."""
    assert validate_record(replace(drill(12), site_id=None), ROSTER) == []


def test_body_of_another_kind_is_refused_and_not_checked_further() -> None:
    """A body that does not fit the record's kind is the only problem reported."""
    wrong = replace(drill(0), kind=RecordKind.INSPECTION)
    (problem,) = validate_record(wrong, ROSTER)
    assert problem.field == "body" and "'Inspection'" in problem.message


# --- records: hazard lines ------------------------------------------------------------


def test_hazard_assessment_lists_at_least_one_hazard() -> None:
    """A hazard assessment with no task-hazard lines is refused."""
    body = HazardAssessmentBody("Re-roof the shop", (), "lead")
    problems = validate_record(record(RecordKind.HAZARD_ASSESSMENT, body), ROSTER)
    assert problems == [FieldProblem("body.hazards", "list at least one task and hazard")]


@pytest.mark.parametrize(("severity", "likelihood"), [(0, 3), (6, 3), (3, 0), (3, 6)])
def test_hazard_ratings_run_from_one_to_five(severity: int, likelihood: int) -> None:
    """Severity and likelihood outside 1 to 5 are refused, each by its own path."""
    item = replace(HAZARD, severity=severity, likelihood=likelihood)
    bad = "severity" if severity != 3 else "likelihood"
    problems = validate_record(flha(item), ROSTER)
    assert problems == [FieldProblem(f"body.hazards[0].{bad}", "must be from 1 to 5")]


@pytest.mark.parametrize("rating", [1, 5])
def test_hazard_ratings_at_the_ends_of_the_scale_are_accepted(rating: int) -> None:
    """Ratings of exactly 1 and exactly 5 are on the scale."""
    item = replace(HAZARD, severity=rating, likelihood=rating)
    assert validate_record(flha(item), ROSTER) == []


def test_each_hazard_names_at_least_one_control() -> None:
    """A hazard line with no control is refused at that line."""
    problems = validate_record(flha(HAZARD, replace(HAZARD, controls=())), ROSTER)
    assert problems == [FieldProblem("body.hazards[1].controls", "name at least one control")]


def test_flha_lists_the_crew() -> None:
    """A field-level hazard assessment must say who did the task."""
    problems = validate_record(flha(HAZARD, crew=()), ROSTER)
    assert problems == [FieldProblem("body.crew_ids", "list the crew who did the task")]


# --- records: the other kinds' rules --------------------------------------------------


def test_inspection_has_at_least_one_checklist_item() -> None:
    """An inspection with an empty checklist is refused."""
    problems = validate_record(inspection(), ROSTER)
    assert problems == [FieldProblem("body.items", "add at least one checklist item")]


def test_inspection_items_need_text() -> None:
    """A blank checklist line is refused at its index."""
    items = (
        ChecklistItem("Exits clear", ChecklistResult.OK),
        ChecklistItem(" ", ChecklistResult.NA),
    )
    assert validate_record(inspection(*items), ROSTER) == [
        FieldProblem("body.items[1].text", "is required")
    ]


def test_a_note_over_the_limit_is_named_by_its_path() -> None:
    """A checklist note longer than the limit is refused at its item, the shorter one not."""
    items = (
        ChecklistItem("Exits clear", ChecklistResult.OK, note="fine"),
        ChecklistItem("Ladders", ChecklistResult.OK, note="x" * 100_001),
    )
    assert validate_record(inspection(*items), ROSTER) == [
        FieldProblem("body.items[1].note", "is 100,001 characters; the limit is 100,000")
    ]


def test_an_inspector_id_over_the_short_limit_is_refused() -> None:
    """An id in the body is held to the short limit, like the walk always held it."""
    body = InspectionBody(
        InspectionType.SITE, "Yard", "w" * 201, (ChecklistItem("Exits", ChecklistResult.OK),)
    )
    problems = validate_record(record(RecordKind.INSPECTION, body), ROSTER)
    assert FieldProblem("body.inspector_id", "is 201 characters; the limit is 200") in problems


def test_a_drill_note_over_the_limit_is_named_among_its_numbers() -> None:
    """A drill (numbers and dates beside its texts) with a note over the limit names it."""
    body = DrillBody("Fire in the shop", ("lead",), 10, lessons="x" * 100_001)
    problems = validate_record(record(RecordKind.DRILL, body), ROSTER)
    assert fields(problems) == ["body.lessons"]


def test_investigation_cannot_come_before_the_incident() -> None:
    """An incident investigated before it happened is refused."""
    problems = validate_record(incident(date(2026, 10, 9)), ROSTER)
    assert problems == [FieldProblem("body.investigation_date", "comes before the incident itself")]


@pytest.mark.parametrize("investigated", [None, date(2026, 10, 10)])
def test_investigation_on_the_day_or_not_yet_is_accepted(investigated: date | None) -> None:
    """An incident investigated the same day, or not investigated yet, is accepted."""
    assert validate_record(incident(investigated), ROSTER) == []


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1])
def test_drill_lasts_from_one_minute_to_a_day(minutes: int) -> None:
    """A drill of no time, or of more than 24 hours, is refused."""
    assert validate_record(drill(minutes), ROSTER) == [
        FieldProblem("body.duration_minutes", "must be between 1 and 1,440 minutes")
    ]


@pytest.mark.parametrize("minutes", [1, 24 * 60])
def test_drill_of_one_minute_or_a_full_day_is_accepted(minutes: int) -> None:
    """The ends of the drill length range, 1 and 1,440 minutes, are accepted."""
    assert validate_record(drill(minutes), ROSTER) == []


def test_certificate_expiry_comes_after_completion() -> None:
    """A certificate cannot expire on or before the day the course was completed."""
    body = TrainingBody("lead", "First aid", "Red Cross", expiry=date(2026, 10, 1))
    problems = validate_record(record(RecordKind.TRAINING, body), ROSTER)
    assert problems == [FieldProblem("body.expiry", "must come after the completion date")]


# --- signatures -----------------------------------------------------------------------


def test_signer_must_be_on_the_roster() -> None:
    """Someone not on the roster cannot sign, and nothing else is checked."""
    assert validate_signature(None, "ghost", TODAY, TODAY) == [
        FieldProblem("signer", "'ghost' is not a worker on the roster")
    ]


def test_worker_who_has_left_cannot_sign() -> None:
    """A worker cannot sign after their last day."""
    gone = replace(LEAD, end_date=date(2026, 10, 31))
    assert validate_signature(gone, "lead", TODAY, date(2026, 10, 1)) == [
        FieldProblem("signer", "Sam Lead left on 2026-10-31")
    ]


def test_worker_may_sign_on_their_last_day() -> None:
    """The last day of employment is still a day a worker can sign."""
    leaving = replace(LEAD, end_date=TODAY)
    assert validate_signature(leaving, "lead", TODAY, date(2026, 10, 1)) == []


def test_signature_cannot_predate_the_record() -> None:
    """A record cannot be signed before the day it records."""
    assert validate_signature(LEAD, "lead", date(2026, 9, 30), date(2026, 10, 1)) == [
        FieldProblem("signed_at", "comes before the record's date")
    ]


def test_a_paper_expiring_before_it_was_issued_is_refused() -> None:
    """A clearance letter whose expiry comes before its issue date is refused, naming expiry."""
    body = AdminBody(AdminType.WCB_CLEARANCE, "Clearance", expiry=date(2026, 9, 30))
    assert validate_record(record(RecordKind.ADMIN, body), ROSTER) == [
        FieldProblem(
            "body.expiry",
            "is 2026-09-30, before the date issued (2026-10-01): give the expiry printed on "
            "the paper",
        )
    ]


@pytest.mark.parametrize("expiry", [None, date(2026, 10, 1), date(2027, 1, 1)])
def test_a_paper_expiring_on_or_after_its_issue_day_is_accepted(expiry: date | None) -> None:
    """A paper with no expiry, or expiring on or after the issue day, is accepted."""
    body = AdminBody(AdminType.INSURANCE_CERTIFICATE, "Liability", expiry=expiry)
    assert validate_record(record(RecordKind.ADMIN, body), ROSTER) == []
