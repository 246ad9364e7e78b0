"""Checks that saving would break a rule. They return problems; services raise them.

Each problem names the field (as a path a form can point at, e.g. ``body.items[2].text``) and
what is wrong in words a safety lead can act on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from secor_desktop.domain.errors import UserError
from secor_desktop.domain.model import Company, CorrectiveAction, Record, Site, Worker
from secor_desktop.domain.registry import spec_for, worker_refs
from secor_desktop.domain.text_limits import LONG_TEXT as LONG_TEXT
from secor_desktop.domain.text_limits import SHORT_TEXT as SHORT_TEXT
from secor_desktop.domain.text_limits import limit_for, within_limits

MEDIUM_TEXT = 2_000  # a checklist note, a hazard line


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(UserError):
    """Input that cannot be saved; nothing was written."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in problems))


def raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationError(problems)


@dataclass(frozen=True)
class Roster:
    """What validation needs to know about the company when a record is saved."""

    today: date
    workers: Mapping[str, Worker]
    sites: Mapping[str, Site]


def check_text(
    problems: list[FieldProblem], field: str, value: str, *, required: bool, limit: int
) -> None:
    if required and not value.strip():
        problems.append(FieldProblem(field, "is required"))
    elif len(value) > limit:
        problems.append(
            FieldProblem(field, f"is {len(value):,} characters; the limit is {limit:,}")
        )


def check_not_future(problems: list[FieldProblem], field: str, value: date, today: date) -> None:
    if value > today:
        problems.append(
            FieldProblem(field, f"{value.isoformat()} is in the future; use today or earlier")
        )


def validate_company(company: Company) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    check_text(problems, "name", company.name, required=True, limit=SHORT_TEXT)
    check_text(problems, "wcb_account", company.wcb_account, required=False, limit=SHORT_TEXT)
    check_text(
        problems,
        "certifying_partner",
        company.certifying_partner,
        required=False,
        limit=SHORT_TEXT,
    )
    check_text(problems, "framework_id", company.framework_id, required=True, limit=SHORT_TEXT)
    if not 0 < company.late_entry_days <= 365:
        problems.append(FieldProblem("late_entry_days", "must be between 1 and 365 days"))
    return problems


def validate_site(site: Site) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    check_text(problems, "name", site.name, required=True, limit=SHORT_TEXT)
    check_text(problems, "address", site.address, required=False, limit=MEDIUM_TEXT)
    if site.active_from and site.active_to and site.active_to < site.active_from:
        problems.append(FieldProblem("active_to", "is before the first day at the site"))
    return problems


def validate_worker(worker: Worker) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    check_text(problems, "name", worker.name, required=True, limit=SHORT_TEXT)
    check_text(problems, "role", worker.role, required=True, limit=SHORT_TEXT)
    check_text(problems, "contact", worker.contact, required=False, limit=MEDIUM_TEXT)
    if worker.end_date is not None and worker.end_date < worker.start_date:
        problems.append(FieldProblem("end_date", "comes before the start date"))
    return problems


def validate_action(action: CorrectiveAction, roster: Roster) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    check_text(problems, "description", action.description, required=True, limit=MEDIUM_TEXT)
    check_text(problems, "closure_note", action.closure_note, required=False, limit=MEDIUM_TEXT)
    if action.owner_id is not None and action.owner_id not in roster.workers:
        problems.append(FieldProblem("owner_id", "is not a worker on the roster"))
    if action.closed_date is not None:
        if action.closed_date < action.created_date:
            problems.append(FieldProblem("closed_date", "comes before the action was raised"))
        check_not_future(problems, "closed_date", action.closed_date, roster.today)
        if not action.closure_note.strip():
            problems.append(FieldProblem("closure_note", "say how the action was closed"))
    return problems


def validate_record(record: Record, roster: Roster) -> list[FieldProblem]:
    """Common fields, then the kind's own rules (its declaration's), then every worker it
    names."""
    problems: list[FieldProblem] = []
    check_text(problems, "title", record.title, required=True, limit=SHORT_TEXT)
    check_not_future(problems, "event_date", record.event_date, roster.today)
    if record.site_id is not None and record.site_id not in roster.sites:
        problems.append(FieldProblem("site_id", "is not one of the company's sites"))
    spec = spec_for(record.kind)
    if not isinstance(record.body, spec.body):
        problems.append(FieldProblem("body", f"does not fit the record kind '{record.kind.label}'"))
        return problems
    _check_body_text(problems, record)
    if spec.rules is not None:
        spec.rules(problems, record)
    for i, site_id in enumerate(getattr(record.body, "site_ids", ())):  # sites covered
        if site_id not in roster.sites:
            problems.append(FieldProblem(f"body.site_ids[{i}]", "is not a site of the company"))
    for field_name, ids in worker_refs(record.kind, record.body).items():
        for i, worker_id in enumerate(ids):
            path = f"body.{field_name}" if len(ids) == 1 else f"body.{field_name}[{i}]"
            if worker_id not in roster.workers:
                problems.append(FieldProblem(path, "is not a worker on the roster"))
    return problems


def validate_signature(
    signer: Worker | None, signer_id: str, signed_on: date, event_date: date
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if signer is None:
        problems.append(FieldProblem("signer", f"{signer_id!r} is not a worker on the roster"))
        return problems
    if signed_on < signer.start_date:
        problems.append(
            FieldProblem(
                "signer",
                f"{signer.name} starts on {signer.start_date.isoformat()} and cannot sign "
                f"on {signed_on.isoformat()}",
            )
        )
    if signer.end_date is not None and signed_on > signer.end_date:
        problems.append(
            FieldProblem("signer", f"{signer.name} left on {signer.end_date.isoformat()}")
        )
    if signed_on < event_date:
        problems.append(FieldProblem("signed_at", "comes before the record's date"))
    return problems


def _check_body_text(problems: list[FieldProblem], record: Record) -> None:
    """Every text field of the body, including nested ones, within its limit.

    The body's kind has a plan of its text fields (``text_limits``); only a body it finds
    over a limit (or unlike its type hints) is walked, to name each problem by its path."""
    if within_limits(record.body):
        return

    def walk(value: object, path: str) -> None:
        if isinstance(value, str):
            check_text(problems, path, value, required=False, limit=limit_for(path))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name), f"{path}.{f.name}")

    walk(record.body, "body")
