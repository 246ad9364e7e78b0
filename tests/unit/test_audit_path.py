"""The four steps to the audit, each state read from the profile, training and readiness."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from secor_desktop.domain.audit_path import (
    INTERNAL_AUDITOR_COURSE,
    NextThing,
    StepState,
    audit_path,
    current_step,
    is_auditor_course,
)
from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.readiness_model import (
    ElementReadiness,
    Finding,
    ReadinessReport,
    Severity,
    Status,
)
from tests.unit import readiness_kit as kit

DAY = date(2026, 11, 2)


def report(
    status: Status = Status.NOT_READY,
    findings: tuple[Finding, ...] = (),
    ready_at_audit: Status | None = None,
) -> ReadinessReport:
    element = ElementReadiness(
        "1", "Policy", status, True, None, None, 0, False, False, 0, 0, (), (), findings,
        date(2027, 2, 2), date(2027, 11, 2),
    )  # fmt: skip
    return ReadinessReport(
        DAY, None, "pack", "1", 3, 12, status, ("1",), (element,), (),
        date(2027, 2, 2), date(2027, 11, 2), ready_at_audit,
    )  # fmt: skip


def blocker(code: str, message: str = "No signed Health and safety policy on record.") -> Finding:
    return Finding("1", Severity.BLOCKER, code, message)


def test_state_labels_are_words() -> None:
    """Each state reads as a word on the page."""
    assert [s.label for s in StepState] == ["Done", "Under way", "To do"]


def test_new_company_has_four_steps_to_do() -> None:
    """No partner, no training, documents missing, no audit date: all four to do."""
    steps = audit_path(kit.company(), [], report(findings=(blocker("document_missing"),)))
    assert [s.state for s in steps] == [StepState.TO_DO] * 4
    assert [s.next_thing for s in steps] == [
        NextThing.SETTINGS,
        NextThing.NEW_TRAINING,
        NextThing.FIX_FINDING,
        NextThing.AUDIT_CYCLE,
    ]
    assert current_step(steps) is steps[0]


def test_partner_set_is_done() -> None:
    """A certifying partner in the profile finishes step 1 and names the partner."""
    company = replace(kit.company(), certifying_partner="ACSA")
    step = audit_path(company, [], report())[0]
    assert step.state is StepState.DONE and "ACSA" in step.summary


def test_auditor_courses_are_recognised_by_their_words() -> None:
    """ "Internal auditor training" and "SECOR assessor course" count; first aid does not."""
    assert is_auditor_course(INTERNAL_AUDITOR_COURSE)
    assert is_auditor_course("SECOR Internal Assessor course")
    assert not is_auditor_course("Standard First Aid")


def test_signed_auditor_training_is_done() -> None:
    """A signed internal auditor training record finishes step 2; other records are ignored."""
    records = [
        kit.inspection(date(2026, 5, 1)),
        kit.training(date(2026, 5, 1), "Standard First Aid", None),
        kit.training(date(2026, 6, 1), "Internal auditor training", None),
    ]
    step = audit_path(kit.company(), records, report())[1]
    assert step.state is StepState.DONE and step.next_thing is NextThing.NOTHING
    assert "2026-06-01" in step.summary


def test_draft_auditor_training_is_under_way_and_opens_the_draft() -> None:
    """An unsigned auditor training is under way; its button opens that record to sign."""
    draft = kit.record(
        RecordKind.TRAINING,
        date(2026, 6, 1),
        TrainingBody("lead", "Internal auditor training", "ACSA"),
        signers=(),
    )
    step = audit_path(kit.company(), [draft], report())[1]
    assert step.state is StepState.IN_PROGRESS
    assert (step.next_thing, step.record_id) == (NextThing.OPEN_RECORD, draft.id)


def test_void_auditor_training_does_not_count() -> None:
    """A voided auditor training record leaves step 2 to do."""
    void = kit.record(
        RecordKind.TRAINING,
        date(2026, 6, 1),
        TrainingBody("lead", "Internal auditor training", "ACSA"),
        void=True,
    )
    assert audit_path(kit.company(), [void], report())[1].state is StepState.TO_DO


def test_missing_documents_are_counted_and_the_first_is_the_fix() -> None:
    """Two documents missing: step 3 says two, and its fix is the first one's finding."""
    first = blocker("document_missing")
    second = blocker("document_stale", "The Emergency plan was not reviewed.")
    step = audit_path(kit.company(), [], report(findings=(first, second)))[2]
    assert step.summary.startswith("2 written documents still to write and sign.")
    assert step.finding is first and step.state is StepState.TO_DO


def test_one_missing_document_is_singular() -> None:
    """One document: "1 written document"."""
    step = audit_path(kit.company(), [], report(findings=(blocker("policy_not_owner"),)))[2]
    assert step.summary.startswith("1 written document still")


def test_documents_signed_but_another_blocker_is_the_next_fix() -> None:
    """No document missing, but no inspections yet: step 3 is under way, its fix that gap."""
    gap = blocker("no_records", "No signed, complete inspections yet.")
    span = blocker("span_short", "Records span 1 month(s).")
    warning = Finding("1", Severity.WARNING, "frequency_missed", "Missed weeks.")
    step = audit_path(kit.company(), [], report(findings=(span, warning, gap)))[2]
    assert step.state is StepState.IN_PROGRESS and step.finding is gap


def test_only_the_span_left_says_when() -> None:
    """Only time is missing: step 3 says the day the records reach three months."""
    step = audit_path(kit.company(), [], report(findings=(blocker("span_short", "short"),)))[2]
    assert step.state is StepState.IN_PROGRESS and step.next_thing is NextThing.NOTHING
    assert "on 2027-02-02" in step.summary


def test_ready_program_is_done() -> None:
    """Readiness for a certificate finishes step 3."""
    step = audit_path(kit.company(), [], report(Status.ONE_YEAR))[2]
    assert step.state is StepState.DONE


def test_planned_audit_says_whether_it_will_be_ready() -> None:
    """An audit date makes step 4 under way, with readiness on that day in words."""
    company = replace(kit.company(), planned_audit_date=date(2027, 3, 1))
    late = audit_path(company, [], report(ready_at_audit=Status.NOT_READY))[3]
    ready = audit_path(company, [], report(ready_at_audit=Status.ONE_YEAR))[3]
    assert late.state is StepState.IN_PROGRESS and "will not be ready then" in late.summary
    assert "ready for a one-year certificate by then" in ready.summary


def test_certified_company_has_done_every_step() -> None:
    """Partner, auditor, a ready program and a certificate: all four done, no current step."""
    company = replace(kit.company(), certifying_partner="ACSA", certificate_date=date(2026, 9, 1))
    records = [kit.training(date(2026, 6, 1), "Internal auditor training", None)]
    steps = audit_path(company, records, report(Status.THREE_YEAR))
    assert [s.state for s in steps] == [StepState.DONE] * 4
    assert current_step(steps) is None
