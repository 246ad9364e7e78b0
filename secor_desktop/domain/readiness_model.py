"""The readiness report's shape: what the dashboard, the CLI and the evidence pack show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from secor_desktop.domain.frequency import FrequencyResult
from secor_desktop.domain.kinds import RecordKind


class Status(StrEnum):
    THREE_YEAR = "ready_three_year"
    ONE_YEAR = "ready_one_year"
    NOT_READY = "not_ready"

    @property
    def label(self) -> str:
        return {
            "ready_three_year": "Ready for a three-year certificate",
            "ready_one_year": "Ready for a one-year certificate",
            "not_ready": "Not ready",
        }[self.value]


ORDER = {Status.NOT_READY: 0, Status.ONE_YEAR: 1, Status.THREE_YEAR: 2}


class Severity(StrEnum):
    BLOCKER = "blocker"  # makes the element not ready
    WARNING = "warning"  # costs points at the audit
    NOTE = "note"  # worth knowing


@dataclass(frozen=True)
class Finding:
    element: str | None
    severity: Severity
    code: str
    message: str
    record_id: str | None = None
    worker_id: str | None = None
    action_id: str | None = None


@dataclass(frozen=True)
class KindFrequency:
    kind: RecordKind
    counted: int
    result: FrequencyResult | None  # None: declared "as needed"


@dataclass(frozen=True)
class DocumentCheck:
    id: str
    name: str
    record_id: str | None  # the record fulfilling it, if any
    current: bool


@dataclass(frozen=True)
class ElementReadiness:
    code: str
    name: str
    status: Status
    span_required: bool
    first_record: date | None
    last_record: date | None
    span_months: int
    meets_one_year: bool
    meets_three_year: bool
    counted: int
    not_counted: int
    frequencies: tuple[KindFrequency, ...]
    documents: tuple[DocumentCheck, ...]
    findings: tuple[Finding, ...]
    ready_one_year_on: date
    ready_three_year_on: date
    span_from: date | None = None
    """Where the span is counted from: the first counting record in the 12-month window, or
    the window's first day when the records ran into it without a gap; None with no record."""


@dataclass(frozen=True)
class ReadinessReport:
    as_of: date
    audit_date: date | None
    framework_id: str
    framework_version: str
    one_year_months: int
    three_year_months: int
    status: Status
    weakest_elements: tuple[str, ...]
    elements: tuple[ElementReadiness, ...]
    findings: tuple[Finding, ...]  # not tied to one element (e.g. unlinked actions)
    ready_one_year_on: date
    ready_three_year_on: date
    ready_at_audit_date: Status | None
    window_first: date | None = None
    """The first day of the 12 months judged: records from this day on count toward spans."""
