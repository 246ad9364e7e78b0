"""The seed's four steps to a certificate, each with where the company stands and what to do next.

1. Choose a certifying partner. 2. Complete internal auditor training. 3. Build and implement
the program (signed written documents, then at least three months of field records).
4. The audit. Each step's state is read from the data the program already has (the company
profile, the training records, the readiness report), so the page a new company lands on
after its setup never disagrees with the dashboard. Pure: the GUI turns ``NextThing`` into a
button (Settings, a new training record, the dashboard's fix for a finding, the audit cycle).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.model import Company, Record
from secor_desktop.domain.readiness_model import Finding, ReadinessReport, Severity, Status

INTERNAL_AUDITOR_COURSE = "Internal auditor training"
AUDITOR_WORDS = ("auditor", "assessor")  # "Internal auditor training", "SECOR assessor course"
DOCUMENT_CODES = ("document_missing", "document_stale", "policy_not_owner")
SPAN_CODES = ("span_short", "span_one_year")


class StepState(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    TO_DO = "to_do"

    @property
    def label(self) -> str:
        return {"done": "Done", "in_progress": "Under way", "to_do": "To do"}[self.value]


class NextThing(StrEnum):
    SETTINGS = "settings"  # the company profile: choose the certifying partner
    NEW_TRAINING = "new_training"  # a training record prefilled with the course
    OPEN_RECORD = "open_record"  # an existing record (a draft to sign)
    FIX_FINDING = "fix_finding"  # the dashboard's fix for ``finding``
    AUDIT_CYCLE = "audit_cycle"  # plan the audit date, see the cycle
    NOTHING = "nothing"


@dataclass(frozen=True)
class PathStep:
    number: int
    title: str
    state: StepState
    summary: str  # where the company stands, in words
    next_label: str  # the button's words ("" when there is nothing to do)
    next_thing: NextThing
    finding: Finding | None = None
    record_id: str | None = None


TITLES = (
    "Choose a certifying partner",
    "Complete internal auditor training",
    "Build and implement your program",
    "The audit",
)


def audit_path(
    company: Company, records: Iterable[Record], report: ReadinessReport
) -> tuple[PathStep, ...]:
    """The four steps, in order, for this company on the report's day."""
    return (
        _partner_step(company),
        _training_step(records),
        _program_step(report),
        _audit_step(company, report),
    )


def current_step(steps: tuple[PathStep, ...]) -> PathStep | None:
    """The first step not done yet (None: all four are)."""
    return next((s for s in steps if s.state is not StepState.DONE), None)


def _partner_step(company: Company) -> PathStep:
    if company.certifying_partner.strip():
        return PathStep(
            1,
            TITLES[0],
            StepState.DONE,
            f"Your certifying partner is {company.certifying_partner}.",
            "Change it in Settings…",
            NextThing.SETTINGS,
        )
    return PathStep(
        1,
        TITLES[0],
        StepState.TO_DO,
        "The partner (for example your industry's safety association) registers you, trains "
        "your internal auditor and accepts your audit. Ask them which audit tool they use.",
        "Enter your partner in Settings…",
        NextThing.SETTINGS,
    )


def is_auditor_course(course: str) -> bool:
    words = course.casefold()
    return any(w in words for w in AUDITOR_WORDS)


def _training_step(records: Iterable[Record]) -> PathStep:
    signed: Record | None = None
    draft: Record | None = None
    for record in sorted(records, key=lambda r: r.event_date):
        body = record.body
        if record.kind is not RecordKind.TRAINING or not isinstance(body, TrainingBody):
            continue
        if not is_auditor_course(body.course):
            continue
        if record.status is RecordStatus.SIGNED:
            signed = record
        elif record.status is RecordStatus.DRAFT:
            draft = record
    if signed is not None:
        return PathStep(
            2,
            TITLES[1],
            StepState.DONE,
            f"On record: {signed.title}, completed {signed.event_date.isoformat()}.",
            "",
            NextThing.NOTHING,
        )
    if draft is not None:
        return PathStep(
            2,
            TITLES[1],
            StepState.IN_PROGRESS,
            f"{draft.title} is saved but not signed yet.",
            "Open the training record to sign it…",
            NextThing.OPEN_RECORD,
            record_id=draft.id,
        )
    return PathStep(
        2,
        TITLES[1],
        StepState.TO_DO,
        "Someone in the company takes the partner's internal auditor course: they will do "
        "the maintenance audits in years two and three. Record it when it is done.",
        "Record the internal auditor training…",
        NextThing.NEW_TRAINING,
    )


def _program_step(report: ReadinessReport) -> PathStep:
    findings = [f for e in report.elements for f in e.findings] + list(report.findings)
    blockers = [f for f in findings if f.severity is Severity.BLOCKER]
    documents = [f for f in blockers if f.code in DOCUMENT_CODES]
    if report.status is not Status.NOT_READY:
        return PathStep(
            3,
            TITLES[2],
            StepState.DONE,
            f"{report.status.label}: your documents are signed and your records span long enough.",
            "",
            NextThing.NOTHING,
        )
    if documents:
        count = len(documents)
        return PathStep(
            3,
            TITLES[2],
            StepState.TO_DO,
            f"{count} written document{'s' if count != 1 else ''} still to write and sign. "
            f"First: {documents[0].message}",
            "Fix the first one…",
            NextThing.FIX_FINDING,
            finding=documents[0],
        )
    other = next((f for f in blockers if f.code not in SPAN_CODES), None)
    if other is not None:
        return PathStep(
            3,
            TITLES[2],
            StepState.IN_PROGRESS,
            f"Your documents are signed. Still blocking: {other.message}",
            "Fix it…",
            NextThing.FIX_FINDING,
            finding=other,
        )
    return PathStep(
        3,
        TITLES[2],
        StepState.IN_PROGRESS,
        "Your documents are signed; now keep recording. Your records reach the "
        f"{report.one_year_months} months a first certificate needs on "
        f"{report.ready_one_year_on.isoformat()}.",
        "",
        NextThing.NOTHING,
    )


def _audit_step(company: Company, report: ReadinessReport) -> PathStep:
    if company.certificate_date is not None:
        return PathStep(
            4,
            TITLES[3],
            StepState.DONE,
            f"Certified on {company.certificate_date.isoformat()}. Maintenance audits follow "
            "in years two and three.",
            "Open the audit cycle",
            NextThing.AUDIT_CYCLE,
        )
    if company.planned_audit_date is not None:
        ready = report.ready_at_audit_date
        when = company.planned_audit_date.isoformat()
        if ready is None or ready is Status.NOT_READY:
            words = f"Your audit is planned for {when}; at this pace you will not be ready then."
        else:
            words = f"Your audit is planned for {when}: {ready.label.lower()} by then."
        return PathStep(
            4,
            TITLES[3],
            StepState.IN_PROGRESS,
            words,
            "Open the audit cycle",
            NextThing.AUDIT_CYCLE,
        )
    return PathStep(
        4,
        TITLES[3],
        StepState.TO_DO,
        "When the program is ready, book the audit with your partner and enter its date: the "
        "dashboard then says whether you will be ready on the day.",
        "Plan the audit…",
        NextThing.AUDIT_CYCLE,
    )
