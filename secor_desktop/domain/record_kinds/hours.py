"""Hours worked: one record a month, the denominator of the injury statistics.

Dated the month's last day: the hours are known once the month is over, so a record entered
early the next month is not flagged as a late entry (the ledger measures lateness from the
record's date), and the current month cannot be filled in before it ends.

Company-wide (no site), signed by whoever vouches for the figure (payroll, the owner). That
a month has only one live record needs the store, so the records service checks it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import cast

from secor_desktop.domain.bodies import HoursBody
from secor_desktop.domain.kinds import Frequency, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import KindSpec, ListColumn, SigningRule, register
from secor_desktop.domain.validation import FieldProblem

_MONTH = re.compile(r"(\d{4})-(\d{2})")
# Nobody works more hours in a month than it has (31 days x 24 hours).
MAX_WORKER_HOURS = 31 * 24


def month_start(month: str) -> date | None:
    """The first day of a "YYYY-MM" month, or None when the text is not one."""
    match = _MONTH.fullmatch(month)
    if match is None or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        return None
    return date(int(match[1]), int(match[2]), 1)


def month_end(month: str) -> date | None:
    """The last day of a "YYYY-MM" month (the hours record's date), or None."""
    start = month_start(month)
    if start is None:
        return None
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _hours_rules(problems: list[FieldProblem], record: Record) -> None:
    body = cast(HoursBody, record.body)
    end = month_end(body.month)
    if end is None:
        problems.append(FieldProblem("body.month", "write the month as YYYY-MM, e.g. 2026-03"))
    elif record.event_date != end:
        problems.append(
            FieldProblem("event_date", f"must be the month's last day, {end.isoformat()}")
        )
    if body.total_hours < 0:
        problems.append(FieldProblem("body.total_hours", "cannot be negative; enter 0 or more"))
    _worker_rules(problems, body)


def _worker_rules(problems: list[FieldProblem], body: HoursBody) -> None:
    if len(body.worker_ids) != len(body.worker_hours):
        problems.append(FieldProblem("body.worker_hours", "give one figure for each worker listed"))
        return
    for i, hours in enumerate(body.worker_hours):
        if not 0 <= hours <= MAX_WORKER_HOURS:
            problems.append(
                FieldProblem(
                    f"body.worker_hours[{i}]", f"must be from 0 to {MAX_WORKER_HOURS} hours"
                )
            )
    for i, worker_id in enumerate(body.worker_ids):
        if worker_id in body.worker_ids[:i]:
            problems.append(FieldProblem(f"body.worker_ids[{i}]", "lists this worker twice"))
    if body.worker_ids and sum(body.worker_hours) != body.total_hours:
        problems.append(
            FieldProblem(
                "body.total_hours",
                f"is {body.total_hours:,} but the workers' hours add up to "
                f"{sum(body.worker_hours):,}; make them agree",
            )
        )


HOURS = register(
    KindSpec(
        key="hours",
        label="Hours worked",
        plural="Hours worked records",
        body=HoursBody,
        frequency=Frequency.MONTHLY,
        signing=SigningRule((), (SignatureMeaning.PERFORMED, SignatureMeaning.REVIEWED)),
        default_meaning=SignatureMeaning.PERFORMED,
        column=ListColumn("month", "Month"),
        worker_fields=("worker_ids",),
        rules=_hours_rules,
        company_wide=True,
    )
)
