"""Training for a crew: one course taken by several workers, one training record each.

A first-aid course for the whole crew is one event, but the audit (and the training matrix)
wants one record per worker. All the records are checked first and written in one unit of
work: either every worker gets a record or none does, so a refused row never leaves half a
crew recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.canonical import with_content_hash
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.validation import FieldProblem, raise_if, validate_record
from secor_desktop.services.context import ServiceContext, clean, roster_of


@dataclass(frozen=True, slots=True)
class Trainee:
    """One worker of the crew, with the number on their own certificate if there is one."""

    worker_id: str
    certificate_number: str = ""


@dataclass(frozen=True, slots=True)
class CrewCourse:
    """What the whole crew shares: the course, who gave it, when, and until when it holds."""

    course: str
    provider: str
    completed_on: date
    expiry: date | None = None
    site_id: str | None = None


def record_crew_training(
    ctx: ServiceContext, course: CrewCourse, trainees: Sequence[Trainee]
) -> list[Record]:
    """One TRAINING record per trainee, all or nothing. Problems name the worker (field
    ``trainees[i]``), so the dialog can point at the row to fix."""
    problems: list[FieldProblem] = []
    if not trainees:
        problems.append(FieldProblem("trainees", "tick at least one worker"))
    with ctx.uow() as uow:
        roster = roster_of(uow, ctx.clock)
        records: list[Record] = []
        seen: set[str] = set()
        for i, trainee in enumerate(trainees):
            worker = roster.workers.get(trainee.worker_id)
            if worker is None:
                problems.append(FieldProblem(f"trainees[{i}]", "is not a worker on the roster"))
                continue
            if trainee.worker_id in seen:
                problems.append(FieldProblem(f"trainees[{i}]", f"{worker.name} is listed twice"))
                continue
            seen.add(trainee.worker_id)
            day = course.completed_on.isoformat()
            if not worker.active_on(course.completed_on):
                when = (
                    f"starts on {worker.start_date.isoformat()}"
                    if course.completed_on < worker.start_date
                    else f"left on {worker.end_date.isoformat() if worker.end_date else ''}"
                )
                problems.append(
                    FieldProblem(
                        f"trainees[{i}]",
                        f"{worker.name} {when}, so cannot have taken the course on {day}",
                    )
                )
            record = with_content_hash(
                Record(
                    id=ctx.new_id(),
                    kind=RecordKind.TRAINING,
                    title=clean(f"{course.course} - {worker.name}"),
                    event_date=course.completed_on,
                    site_id=course.site_id,
                    body=TrainingBody(
                        worker_id=worker.id,
                        course=clean(course.course),
                        provider=clean(course.provider),
                        expiry=course.expiry,
                        certificate_number=clean(trainee.certificate_number),
                    ),
                )
            )
            for p in validate_record(record, roster):
                field = p.field if not p.field.startswith("body.worker") else f"trainees[{i}]"
                message = p.message
                if p.field == "body.certificate_number":
                    field, message = f"trainees[{i}]", f"{worker.name}'s certificate {message}"
                problems.append(FieldProblem(field, message))
            records.append(record)
        raise_if(_unique(problems))
        now = ctx.now()
        for record in records:
            uow.save(record, entered_at=now, reason=None)
        uow.commit()
    return records


def _unique(problems: list[FieldProblem]) -> list[FieldProblem]:
    """The course's own problems appear once, not once per worker."""
    out: list[FieldProblem] = []
    for p in problems:
        if p not in out:
            out.append(p)
    return out
