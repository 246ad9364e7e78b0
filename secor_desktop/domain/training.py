"""The training matrix: for each worker and course, where their latest certificate stands.

Pure: the same matrix drives the GUI page, and can drive a PDF or the CLI, from the records
alone and a date. A certificate is valid through its expiry date, so one expiring today is
still current today (and warned about); it is expired from the next day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.model import Record, Worker

# Warning windows before an expiry, in days, nearest first (the issue: warn 90/60/30 ahead).
WARN_30 = 30
WARN_60 = 60
WARN_90 = 90


class TrainingStatus(StrEnum):
    """Where a certificate stands on a day, worst first."""

    EXPIRED = "expired"
    WITHIN_30 = "30"
    WITHIN_60 = "60"
    WITHIN_90 = "90"
    CURRENT = "current"
    NO_EXPIRY = "no_expiry"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[TrainingStatus, str] = {
    TrainingStatus.EXPIRED: "Expired",
    TrainingStatus.WITHIN_30: "Expires within 30 days",
    TrainingStatus.WITHIN_60: "Expires within 60 days",
    TrainingStatus.WITHIN_90: "Expires within 90 days",
    TrainingStatus.CURRENT: "Current",
    TrainingStatus.NO_EXPIRY: "No expiry",
}


def training_status(expiry: date | None, as_of: date) -> TrainingStatus:
    """The status of a certificate with this expiry on ``as_of``."""
    if expiry is None:
        return TrainingStatus.NO_EXPIRY
    days_left = (expiry - as_of).days
    if days_left < 0:
        return TrainingStatus.EXPIRED
    if days_left <= WARN_30:
        return TrainingStatus.WITHIN_30
    if days_left <= WARN_60:
        return TrainingStatus.WITHIN_60
    if days_left <= WARN_90:
        return TrainingStatus.WITHIN_90
    return TrainingStatus.CURRENT


def course_key(course: str) -> str:
    """Courses typed twice with different spacing or case are the same course."""
    return " ".join(course.split()).casefold()


@dataclass(frozen=True)
class TrainingCell:
    """A worker's standing in one course: their most recently completed certificate."""

    worker_id: str
    course: str
    record_id: str
    completed: date
    expiry: date | None
    status: TrainingStatus
    days_left: int | None  # None when the certificate has no expiry


@dataclass(frozen=True)
class TrainingMatrix:
    as_of: date
    workers: tuple[Worker, ...]
    courses: tuple[str, ...]  # display names, sorted
    cells: Mapping[tuple[str, str], TrainingCell] = field(default_factory=dict)

    def cell(self, worker_id: str, course: str) -> TrainingCell | None:
        """None when the worker has never taken the course."""
        return self.cells.get((worker_id, course_key(course)))

    def counts(self) -> dict[TrainingStatus, int]:
        """How many cells are in each status (every status present, zero or not)."""
        result = dict.fromkeys(TrainingStatus, 0)
        for cell in self.cells.values():
            result[cell.status] += 1
        return result


def newer_certificate(candidate: Record, current: Record) -> bool:
    """Most recent completion wins; on the same day, the later expiry (none = never expires)."""
    a, b = candidate.body, current.body
    assert isinstance(a, TrainingBody) and isinstance(b, TrainingBody)
    return newer_on(candidate.event_date, a.expiry, current.event_date, b.expiry)


def newer_on(
    completed: date, expiry: date | None, other_completed: date, other_expiry: date | None
) -> bool:
    """``newer_certificate`` on the dates alone (readiness holds projections, not bodies)."""
    if completed != other_completed:
        return completed > other_completed
    if expiry is None or other_expiry is None:
        return expiry is None and other_expiry is not None
    return expiry > other_expiry


def training_matrix(
    workers: Iterable[Worker], training_records: Iterable[Record], as_of: date
) -> TrainingMatrix:
    """Workers (in the order given) by courses (alphabetical), each cell the latest certificate.

    Void records and records of other kinds are ignored, as are records of workers not listed.
    A renewed certificate supersedes the earlier one: the cell is the latest completion.
    """
    rows = tuple(workers)
    listed = {w.id for w in rows}
    latest: dict[tuple[str, str], Record] = {}
    for record in training_records:
        body = record.body
        if record.kind is not RecordKind.TRAINING or record.status is RecordStatus.VOID:
            continue
        if not isinstance(body, TrainingBody) or body.worker_id not in listed:
            continue
        key = (body.worker_id, course_key(body.course))
        if not key[1]:
            continue
        if key not in latest or newer_certificate(record, latest[key]):
            latest[key] = record
    names: dict[str, tuple[date, str]] = {}
    cells: dict[tuple[str, str], TrainingCell] = {}
    for key, record in latest.items():
        body = record.body
        assert isinstance(body, TrainingBody)
        course = " ".join(body.course.split())
        # The course's column heading is its most recently typed spelling.
        if key[1] not in names or record.event_date > names[key[1]][0]:
            names[key[1]] = (record.event_date, course)
        cells[key] = TrainingCell(
            worker_id=key[0],
            course=course,
            record_id=record.id,
            completed=record.event_date,
            expiry=body.expiry,
            status=training_status(body.expiry, as_of),
            days_left=None if body.expiry is None else (body.expiry - as_of).days,
        )
    courses = tuple(sorted((name for _, name in names.values()), key=str.casefold))
    return TrainingMatrix(as_of=as_of, workers=rows, courses=courses, cells=cells)
