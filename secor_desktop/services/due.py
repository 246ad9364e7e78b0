"""What is due: load the company, roster, records, actions and audits in one read, then ask
the pure rule (``domain/due.py``). The Today page, the CLI and the calendar file share it.

Of the records it reads only what the rule looks at (``uow.due_records``): the newest record
of each kind at each site, found with SQL in the stored projection, and the few registers
whose every entry counts (certificates, documents, orientations, other parties' papers).
Decoding every record took minutes and gigabytes at a million records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from secor_desktop.domain.canonical import COMPANY_ID, ENTITY_COMPANY
from secor_desktop.domain.due import (
    DEFAULT_DAYS,
    MAX_DAYS,
    REGISTER_KINDS,
    DueInputs,
    DueList,
    due_items,
)
from secor_desktop.domain.model import RevisionInfo
from secor_desktop.domain.provinces import load_bundled_province_rules
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import NotFoundError, UserError


class DueRefused(UserError):
    """A due question that cannot be answered as asked (a future day, a missing folder)."""


class DueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def due(self, as_of: date | None = None, days: int = DEFAULT_DAYS) -> DueList:
        """The due list on ``as_of`` (default today; a future day is refused)."""
        today = self.ctx.clock.today()
        day = as_of or today
        if day > today:
            raise DueRefused(
                f"--as-of {day.isoformat()} is in the future: what is due can only be judged "
                "up to today."
            )
        if not 0 <= days <= MAX_DAYS:
            raise DueRefused(f"--days must be between 0 and {MAX_DAYS}.")
        with self.ctx.uow() as uow:
            company = uow.get_company()
            if company is None:
                raise NotFoundError("There is no company yet: set it up first.")
            rule = load_bundled_province_rules().get(company.province)
            inputs = DueInputs(
                company=company,
                sites=uow.list_sites(),
                workers=uow.list_workers(),
                records=uow.due_records(day, REGISTER_KINDS),
                actions=uow.list_actions(),
                audits=[(e.eval_date, e.audit_type) for e in uow.list_evaluations()],
                deadlines=rule.deadlines,
                days_off=rule.days_off(day.year - 2, day.year + 2),
                program_start=_program_start(uow.revision_infos(ENTITY_COMPANY, COMPANY_ID)),
            )
        return due_items(inputs, day, days)

    def write_calendar(self, due: DueList, path: Path) -> None:
        """Write ``due`` as an iCalendar file; a folder that is missing is refused."""
        if not path.parent.is_dir():
            raise DueRefused(f"The folder {path.parent} does not exist: choose a folder that does.")
        from secor_desktop.export.ics import write_ics  # icalendar: only for a calendar file

        try:
            write_ics(due, path, self.ctx.now())
        except OSError as exc:
            raise DueRefused(f"The calendar file {path} could not be written ({exc}).") from exc


def _program_start(company_revisions: list[RevisionInfo]) -> date | None:
    """The local day the company profile was first saved: when its program began here."""
    if not company_revisions:
        return None
    return company_revisions[0].entered_at.astimezone().date()
