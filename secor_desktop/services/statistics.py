"""The injury statistics table, and the one rule on hours records that needs the store.

``StatisticsService.table(years=3)`` reads the hours, incident and first-aid records of the
years asked for in one unit of work and hands them to ``domain.statistics``; the GUI page, the
command line, the evidence pack and the prequalification pack all print that one table.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from secor_desktop.domain.bodies import HoursBody
from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.record_kinds.hours import HOURS
from secor_desktop.domain.statistics import StatisticsTable, statistics_table
from secor_desktop.domain.statistics_rules import StatisticsRules, load_bundled_statistics_rules
from secor_desktop.domain.validation import FieldProblem
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import Refused

if TYPE_CHECKING:
    from secor_desktop.export.pack_model import EvidencePack
    from secor_desktop.storage.uow import SqlUnitOfWork

MAX_YEARS = 50  # more is almost surely a slip (and a table nobody could read)
STATISTICS_KINDS = (HOURS, RecordKind.INCIDENT, RecordKind.FIRST_AID)


def records_for_statistics(uow: SqlUnitOfWork, first: date, last: date) -> list[Record]:
    """The records the table reads, dated ``first`` to ``last`` (every status: the domain
    leaves void ones out)."""
    found: list[Record] = []
    for kind in STATISTICS_KINDS:
        found += uow.list_records(kind, date_from=first, date_to=last)
    return found


def hours_month_taken(uow: SqlUnitOfWork, record: Record) -> FieldProblem | None:
    """A second live hours record for a month would count its hours twice: refuse it."""
    body = record.body
    if not isinstance(body, HoursBody):
        return None
    for other in uow.list_records(HOURS, date_from=record.event_date, date_to=record.event_date):
        if other.id != record.id and other.void_reason is None:
            return FieldProblem(
                "body.month",
                f"hours for {body.month} are already recorded; amend that record instead",
            )
    return None


bundled_rules = cache(load_bundled_statistics_rules)  # a data file read once
PACK_YEARS = 3  # what auditors and hiring clients ask for


def with_statistics(
    pack: EvidencePack, framework: FrameworkPack, records: list[Record], rules: StatisticsRules
) -> EvidencePack:
    """The pack with the three years to the end of its period, for the element whose evidence
    includes hours worked (when the pack prints that element); read from the same verified
    records the pack prints."""
    code = next((e.code for e in framework.elements if HOURS in e.evidence_kinds), None)
    if code is None or all(section.code != code for section in pack.elements):
        return pack
    last = pack.period_to.year
    table = statistics_table(records, last_year=last, years=PACK_YEARS, rules=rules)
    return replace(pack, statistics=table, statistics_element=code)


class StatisticsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def rules(self) -> StatisticsRules:
        return bundled_rules()

    def table(self, years: int = 3, *, last_year: int | None = None) -> StatisticsTable:
        """The ``years`` calendar years ending with ``last_year`` (this year by default).

        Refuses (``Refused``) a number of years under 1 or over 50.
        """
        if not 1 <= years <= MAX_YEARS:
            raise Refused(f"years: give a whole number from 1 to {MAX_YEARS} (got {years}).")
        last = self.ctx.clock.today().year if last_year is None else last_year
        first = last - years + 1
        with self.ctx.uow() as uow:
            records = records_for_statistics(uow, date(first, 1, 1), date(last, 12, 31))
        return statistics_table(records, last_year=last, years=years, rules=self.rules)

    def table_in(self, uow: SqlUnitOfWork, years: int, last_year: int) -> StatisticsTable:
        """The same table read inside a caller's unit of work (the evidence pack's snapshot)."""
        first = last_year - years + 1
        records = records_for_statistics(uow, date(first, 1, 1), date(last_year, 12, 31))
        return statistics_table(records, last_year=last_year, years=years, rules=self.rules)
