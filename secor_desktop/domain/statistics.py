"""Injury statistics by year: cases by class, hours, person-years and frequency rates.

What auditors and hiring clients ask for (three years is usual). The definitions, which the
table repeats in words (``definitions``):

- **A case's class** is its incident's classification; a near miss or property damage not
  classified counts by its type. Injuries not classified yet are counted apart
  (``unclassified``) so nobody mistakes them for none; other unclassified incidents
  (environmental, other) are no case.
- **Recordable** cases are medical aid, modified work, lost time and fatalities (every injury
  beyond first aid). The **lost-time** rate counts lost-time cases only.
- **First-aid log entries** are cases too: first aid; medical aid when a WCB claim was made;
  lost time when the lost-time box is ticked. An entry is left out when an injury incident
  (classified first aid to fatality) names the same worker on the same day: that incident is
  the same event, and its classification says how it counts.
- **Hours** come from the monthly hours records; a case's year is the year of its date.
  Void records count for nothing; drafts count (an injury happened whether or not its form is
  signed yet).
- **Rates**: cases x ``rate_base_hours`` / hours, and cases x 100 / person-years (person-years
  = hours / ``hours_per_person_year``). With 2,000 hours a person-year the two are the same
  number (100 x 2,000 = 200,000); both are given because clients ask in either words.
- **Too few hours**: under ``minimum_person_years`` (40, Alberta's practice: see
  ``resources/statistics.json``) a year shows its counts and says why it has no rates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from secor_desktop.domain.bodies import (
    FirstAidBody,
    HoursBody,
    IncidentBody,
    IncidentClass,
    IncidentType,
)
from secor_desktop.domain.model import Record
from secor_desktop.domain.statistics_rules import StatisticsRules

INJURY_CLASSES = (
    IncidentClass.FIRST_AID,
    IncidentClass.MEDICAL_AID,
    IncidentClass.MODIFIED_WORK,
    IncidentClass.LOST_TIME,
    IncidentClass.FATALITY,
)
RECORDABLE = frozenset(
    {
        IncidentClass.MEDICAL_AID,
        IncidentClass.MODIFIED_WORK,
        IncidentClass.LOST_TIME,
        IncidentClass.FATALITY,
    }
)
CLASS_LABELS = {
    IncidentClass.FIRST_AID: "First aid",
    IncidentClass.MEDICAL_AID: "Medical aid",
    IncidentClass.MODIFIED_WORK: "Modified work",
    IncidentClass.LOST_TIME: "Lost time",
    IncidentClass.FATALITY: "Fatality",
    IncidentClass.NEAR_MISS: "Near miss",
    IncidentClass.PROPERTY_DAMAGE: "Property damage",
}


def definitions(rules: StatisticsRules) -> tuple[str, ...]:
    """The table's definitions in words, with the figures it used."""
    return (
        "Recordable cases: medical aid, modified work, lost time and fatalities.",
        "First-aid log entries count as first aid (medical aid with a WCB claim, lost time "
        "when ticked) unless an injury incident names the same worker on the same day.",
        f"Person-years: hours worked / {rules.hours_per_person_year:,}. Rates: cases x "
        f"{rules.rate_base_hours:,} / hours, and cases per 100 person-years.",
        f"No rates under {rules.minimum_person_years} person-years: {rules.minimum_source}",
    )


_CENT = Decimal("0.01")
_BY_TYPE = {
    IncidentType.NEAR_MISS: IncidentClass.NEAR_MISS,
    IncidentType.PROPERTY_DAMAGE: IncidentClass.PROPERTY_DAMAGE,
}


def _round(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Rates:
    """Frequency rates of one row: per ``rate_base_hours`` hours and per 100 person-years."""

    lost_time_frequency: Decimal
    recordable_frequency: Decimal
    lost_time_per_100_person_years: Decimal
    recordable_per_100_person_years: Decimal


@dataclass(frozen=True, slots=True)
class StatisticsRow:
    """One year (or the total of the years): ``rates`` is None when ``no_rates_reason`` says
    why."""

    label: str
    counts: Mapping[IncidentClass, int]  # every class, 0 included
    unclassified: int
    days_lost: int
    days_modified: int
    hours: int
    months_recorded: int
    person_years: Decimal
    rates: Rates | None
    no_rates_reason: str

    @property
    def recordable(self) -> int:
        return sum(n for cls, n in self.counts.items() if cls in RECORDABLE)

    @property
    def lost_time(self) -> int:
        return self.counts[IncidentClass.LOST_TIME]


@dataclass(frozen=True, slots=True)
class StatisticsTable:
    """Rows oldest year first, then the total over them, and the figures they used."""

    rows: tuple[StatisticsRow, ...]
    total: StatisticsRow
    rules: StatisticsRules

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(int(row.label) for row in self.rows)


@dataclass
class _Tally:
    counts: dict[IncidentClass, int]
    unclassified: int = 0
    days_lost: int = 0
    days_modified: int = 0

    @classmethod
    def empty(cls) -> _Tally:
        return cls({c: 0 for c in IncidentClass})

    def add(self, other: _Tally) -> None:
        for cls, n in other.counts.items():
            self.counts[cls] += n
        self.unclassified += other.unclassified
        self.days_lost += other.days_lost
        self.days_modified += other.days_modified


def incident_class(body: IncidentBody) -> IncidentClass | None:
    """The incident's classification; unclassified near misses and property damage count by
    their type, which already says it."""
    if body.classification is not None:
        return body.classification
    return _BY_TYPE.get(body.incident_type)


def _first_aid_class(body: FirstAidBody) -> IncidentClass:
    if body.lost_time:
        return IncidentClass.LOST_TIME
    if body.wcb_claim:
        return IncidentClass.MEDICAL_AID
    return IncidentClass.FIRST_AID


def _cases(
    live: list[Record], first: int, last: int
) -> tuple[dict[int, _Tally], dict[int, dict[int, int]]]:
    """Tallies and hours by month, by year, for the years ``first`` to ``last``."""
    tallies = {year: _Tally.empty() for year in range(first, last + 1)}
    hours: dict[int, dict[int, int]] = {year: {} for year in tallies}
    injured_on: set[tuple[str, date]] = set()
    for record in live:
        body = record.body
        if isinstance(body, IncidentBody) and body.classification in INJURY_CLASSES:
            injured_on.update((worker, record.event_date) for worker in body.people_ids)
    for record in live:
        year, body = record.event_date.year, record.body
        if year not in tallies:
            continue
        tally = tallies[year]
        if isinstance(body, HoursBody):
            month = record.event_date.month
            # One live record a month is the rule; should an old import hold two, the larger
            # stands (never the sum, which would double the month).
            hours[year][month] = max(hours[year].get(month, 0), body.total_hours)
        elif isinstance(body, IncidentBody):
            cls = incident_class(body)
            if cls is not None:
                tally.counts[cls] += 1
            elif body.incident_type is IncidentType.INJURY:
                tally.unclassified += 1
            tally.days_lost += body.days_lost
            tally.days_modified += body.days_modified
        elif (
            isinstance(body, FirstAidBody) and (body.worker_id, record.event_date) not in injured_on
        ):
            tally.counts[_first_aid_class(body)] += 1
    return tallies, hours


def _row(
    label: str, tally: _Tally, hours: int, months: int, rules: StatisticsRules
) -> StatisticsRow:
    person_years = Decimal(hours) / rules.hours_per_person_year
    rates: Rates | None = None
    if hours == 0:
        reason = "No hours are recorded: enter the hours worked each month."
    elif person_years < rules.minimum_person_years:
        reason = (
            f"{_round(person_years)} person-years is under {rules.minimum_person_years}: "
            "rates on so few hours swing too far with one injury to mean anything (Alberta "
            "does not work them out), so only the counts are shown."
        )
    else:
        reason = ""
        recordable = sum(n for cls, n in tally.counts.items() if cls in RECORDABLE)
        lost = tally.counts[IncidentClass.LOST_TIME]
        rates = Rates(
            lost_time_frequency=_round(Decimal(lost * rules.rate_base_hours) / hours),
            recordable_frequency=_round(Decimal(recordable * rules.rate_base_hours) / hours),
            lost_time_per_100_person_years=_round(lost * 100 / person_years),
            recordable_per_100_person_years=_round(recordable * 100 / person_years),
        )
    return StatisticsRow(
        label=label,
        counts=dict(tally.counts),
        unclassified=tally.unclassified,
        days_lost=tally.days_lost,
        days_modified=tally.days_modified,
        hours=hours,
        months_recorded=months,
        person_years=_round(person_years),
        rates=rates,
        no_rates_reason=reason,
    )


def statistics_table(
    records: Iterable[Record], *, last_year: int, years: int, rules: StatisticsRules
) -> StatisticsTable:
    """The table for the ``years`` calendar years ending with ``last_year``, and their total.

    ``records`` may hold any kinds; only hours, incidents and first-aid entries are read.
    """
    if years < 1:
        raise ValueError("years must be 1 or more")
    first = last_year - years + 1
    live = [r for r in records if r.void_reason is None]
    tallies, hours = _cases(live, first, last_year)
    rows = tuple(
        _row(str(year), tallies[year], sum(hours[year].values()), len(hours[year]), rules)
        for year in range(first, last_year + 1)
    )
    total = _Tally.empty()
    for tally in tallies.values():
        total.add(tally)
    label = str(first) if years == 1 else f"{first}-{last_year}"
    total_row = _row(
        label,
        total,
        sum(row.hours for row in rows),
        sum(row.months_recorded for row in rows),
        rules,
    )
    return StatisticsTable(rows=rows, total=total_row, rules=rules)


def row_as_json(row: StatisticsRow) -> dict[str, Any]:
    """A row as plain JSON values (the command line's ``--json``; decimals as text)."""
    rates = row.rates
    return {
        "label": row.label,
        "counts": {cls.value: n for cls, n in row.counts.items()},
        "recordable": row.recordable,
        "unclassified": row.unclassified,
        "days_lost": row.days_lost,
        "days_modified": row.days_modified,
        "hours": row.hours,
        "months_recorded": row.months_recorded,
        "person_years": str(row.person_years),
        "rates": None
        if rates is None
        else {
            "lost_time_frequency": str(rates.lost_time_frequency),
            "recordable_frequency": str(rates.recordable_frequency),
            "lost_time_per_100_person_years": str(rates.lost_time_per_100_person_years),
            "recordable_per_100_person_years": str(rates.recordable_per_100_person_years),
        },
        "no_rates_reason": row.no_rates_reason,
    }


def table_as_json(table: StatisticsTable) -> dict[str, Any]:
    rules = table.rules
    return {
        "years": [row_as_json(row) for row in table.rows],
        "total": row_as_json(table.total),
        "hours_per_person_year": rules.hours_per_person_year,
        "rate_base_hours": rules.rate_base_hours,
        "minimum_person_years": rules.minimum_person_years,
        "minimum_person_years_source": rules.minimum_source,
        "definitions": list(definitions(rules)),
    }
