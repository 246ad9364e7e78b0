"""The injury statistics table, checked against figures worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from itertools import count

import pytest

from secor_desktop.domain.bodies import (
    Body,
    FirstAidBody,
    HoursBody,
    IncidentBody,
    IncidentClass,
    IncidentType,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.record_kinds.hours import HOURS, month_end
from secor_desktop.domain.statistics import (
    StatisticsTable,
    definitions,
    statistics_table,
    table_as_json,
)
from secor_desktop.domain.statistics_rules import load_bundled_statistics_rules

RULES = load_bundled_statistics_rules()
_ids = count(1)
FA, MA, LT = IncidentClass.FIRST_AID, IncidentClass.MEDICAL_AID, IncidentClass.LOST_TIME


def _record(kind: RecordKind, day: date, body: Body) -> Record:
    return Record(f"r{next(_ids)}", kind, "x", day, None, body)


def hours(year: int, month: int, total: int) -> Record:
    day = month_end(f"{year}-{month:02d}")
    assert day is not None
    return _record(HOURS, day, HoursBody(f"{year}-{month:02d}", total))


def incident(
    day: date, cls: IncidentClass | None, people: tuple[str, ...] = ("ann",), **extra: int
) -> Record:
    body = IncidentBody(IncidentType.INJURY, "Hurt", people, classification=cls, **extra)
    return _record(RecordKind.INCIDENT, day, body)


def first_aid(day: date, worker: str, **flags: bool) -> Record:
    return _record(RecordKind.FIRST_AID, day, FirstAidBody(worker, "Cut", "Bandage", **flags))


def scenario() -> list[Record]:
    """Three years: 2024 a small year, 2025 and 2026 big enough for rates."""
    records = [hours(2024, m, 5_000) for m in range(1, 13)]  # 60,000 h in 2024
    records += [hours(2025, m, 8_000) for m in range(1, 13)]  # 96,000 h in 2025
    records += [hours(2026, m, 10_000) for m in range(1, 13)]  # 120,000 h in 2026
    records += [
        first_aid(date(2024, 3, 4), "bob"),  # first aid #1 (2024)
        incident(date(2025, 6, 10), LT, ("ann",), days_lost=12, days_modified=5),
        first_aid(date(2025, 6, 10), "ann"),  # the same event as the lost-time incident
        first_aid(date(2026, 2, 11), "cam"),  # first aid #2 (2026)
        incident(date(2026, 8, 20), MA, ("bob",)),  # the medical aid (2026)
    ]
    return records


@pytest.fixture
def table() -> StatisticsTable:
    return statistics_table(scenario(), last_year=2026, years=3, rules=RULES)


def test_three_years_oldest_first(table: StatisticsTable) -> None:
    """The table has one row per year, oldest first, and a total over the three."""
    assert table.years == (2024, 2025, 2026)
    assert table.total.label == "2024-2026"


def test_small_year_shows_counts_but_no_rates(table: StatisticsTable) -> None:
    """2024 (30 person-years) counts its first aid but gives no rates, and says why."""
    row = table.rows[0]
    assert row.counts[FA] == 1
    assert row.recordable == 0
    assert row.hours == 60_000  # 12 x 5,000
    assert row.months_recorded == 12
    assert row.person_years == Decimal("30.00")  # 60,000 / 2,000
    assert row.rates is None
    assert "30.00 person-years is under 40" in row.no_rates_reason


def test_lost_time_year(table: StatisticsTable) -> None:
    """2025: one lost-time case (its first-aid entry not counted again) and its rates."""
    row = table.rows[1]
    assert row.counts[LT] == 1 and row.counts[FA] == 0
    assert (row.lost_time, row.recordable) == (1, 1)
    assert (row.days_lost, row.days_modified) == (12, 5)
    assert row.person_years == Decimal("48.00")  # 96,000 / 2,000
    assert row.rates is not None and row.no_rates_reason == ""
    # 1 x 200,000 / 96,000 = 2.0833... -> 2.08; 1 x 100 / 48 = 2.0833... -> 2.08
    assert row.rates.lost_time_frequency == Decimal("2.08")
    assert row.rates.recordable_frequency == Decimal("2.08")
    assert row.rates.lost_time_per_100_person_years == Decimal("2.08")
    assert row.rates.recordable_per_100_person_years == Decimal("2.08")


def test_medical_aid_year(table: StatisticsTable) -> None:
    """2026: a first aid and a medical aid; only the medical aid is recordable."""
    row = table.rows[2]
    assert (row.counts[FA], row.counts[MA], row.recordable, row.lost_time) == (1, 1, 1, 0)
    assert row.person_years == Decimal("60.00")  # 120,000 / 2,000
    assert row.rates is not None
    assert row.rates.lost_time_frequency == Decimal("0.00")  # 0 x 200,000 / 120,000
    # 1 x 200,000 / 120,000 = 1.6666... -> 1.67; 1 x 100 / 60 = 1.6666... -> 1.67
    assert row.rates.recordable_frequency == Decimal("1.67")
    assert row.rates.recordable_per_100_person_years == Decimal("1.67")


def test_three_year_total(table: StatisticsTable) -> None:
    """The total adds the years: 2 first aids, 1 medical aid, 1 lost time, and its rates."""
    row = table.total
    assert (row.counts[FA], row.counts[MA], row.counts[LT]) == (2, 1, 1)
    assert row.recordable == 2  # medical aid + lost time
    assert row.hours == 276_000  # 60,000 + 96,000 + 120,000
    assert row.person_years == Decimal("138.00")  # 276,000 / 2,000
    assert row.rates is not None
    # 1 x 200,000 / 276,000 = 0.7246... -> 0.72
    assert row.rates.lost_time_frequency == Decimal("0.72")
    # 2 x 200,000 / 276,000 = 1.4492... -> 1.45
    assert row.rates.recordable_frequency == Decimal("1.45")
    assert row.days_lost == 12


def test_year_without_hours_says_so() -> None:
    """A year with cases but no hours records has no rates and asks for the hours."""
    table = statistics_table(
        [first_aid(date(2026, 1, 5), "bob")], last_year=2026, years=1, rules=RULES
    )
    row = table.rows[0]
    assert row.counts[FA] == 1 and row.rates is None
    assert row.no_rates_reason == "No hours are recorded: enter the hours worked each month."
    assert table.total.label == "2026"


def test_void_records_do_not_count() -> None:
    """A void incident and a void hours record count for nothing."""
    void_injury = replace(incident(date(2026, 3, 3), LT), void_reason="entered twice")
    void_hours = replace(hours(2026, 3, 99_000), void_reason="wrong month")
    table = statistics_table([void_injury, void_hours], last_year=2026, years=1, rules=RULES)
    assert table.rows[0].lost_time == 0 and table.rows[0].hours == 0


def test_records_outside_the_years_are_left_out() -> None:
    """An injury and hours dated before the first year shown are not counted."""
    old = [incident(date(2020, 3, 3), LT), hours(2020, 3, 500)]
    table = statistics_table(old, last_year=2026, years=3, rules=RULES)
    assert table.total.lost_time == 0 and table.total.hours == 0


def test_unclassified_injuries_counted_apart() -> None:
    """An injury with no classification is counted as unclassified, not as a case."""
    table = statistics_table(
        [incident(date(2026, 3, 3), None)], last_year=2026, years=1, rules=RULES
    )
    row = table.rows[0]
    assert row.unclassified == 1 and sum(row.counts.values()) == 0


def test_near_miss_is_not_an_injury() -> None:
    """A near miss naming a worker leaves that day's first-aid entry counted on its own."""
    records = [
        incident(date(2026, 3, 3), IncidentClass.NEAR_MISS, ("bob",)),
        first_aid(date(2026, 3, 3), "bob"),
    ]
    row = statistics_table(records, last_year=2026, years=1, rules=RULES).rows[0]
    assert row.counts[IncidentClass.NEAR_MISS] == 1 and row.counts[FA] == 1
    assert row.recordable == 0


def test_first_aid_flags_raise_the_class() -> None:
    """A first-aid entry with a WCB claim is medical aid; with lost time ticked, lost time."""
    records = [
        first_aid(date(2026, 3, 3), "bob", wcb_claim=True),
        first_aid(date(2026, 4, 3), "cam", wcb_claim=True, lost_time=True),
    ]
    row = statistics_table(records, last_year=2026, years=1, rules=RULES).rows[0]
    assert (row.counts[FA], row.counts[MA], row.counts[LT]) == (0, 1, 1)


def test_two_hours_records_for_a_month_count_once() -> None:
    """Should an old import hold two hours records for a month, the larger stands, not the sum."""
    records = [hours(2026, 3, 1_000), hours(2026, 3, 1_200)]
    row = statistics_table(records, last_year=2026, years=1, rules=RULES).rows[0]
    assert (row.hours, row.months_recorded) == (1_200, 1)


def test_other_kinds_are_ignored() -> None:
    """Records of other kinds (an inspection) do not reach the table."""
    from secor_desktop.domain.bodies import InspectionBody, InspectionType

    body = InspectionBody(InspectionType.SITE, "Yard", "ann", ())
    records = [_record(RecordKind.INSPECTION, date(2026, 3, 3), body)]
    row = statistics_table(records, last_year=2026, years=1, rules=RULES).rows[0]
    assert sum(row.counts.values()) == 0 and row.hours == 0


def test_years_under_one_is_a_bug() -> None:
    """Asking the pure function for no years at all raises (front ends refuse it first)."""
    with pytest.raises(ValueError, match="years"):
        statistics_table([], last_year=2026, years=0, rules=RULES)


def test_json_form(table: StatisticsTable) -> None:
    """The JSON form carries rates as text, None for a small year, and the threshold."""
    data = table_as_json(table)
    assert data["years"][0]["rates"] is None
    assert data["years"][1]["rates"]["lost_time_frequency"] == "2.08"
    assert data["total"]["recordable"] == 2
    assert data["minimum_person_years"] == 40
    assert data["definitions"] == list(definitions(RULES))


def test_definitions_name_the_threshold_and_its_source() -> None:
    """The words printed beside the table say what is recordable and why small years lack rates."""
    words = " ".join(definitions(RULES))
    assert "medical aid, modified work, lost time and fatalities" in words
    assert "40 person-years" in words and "Alberta" in words


def test_unclassified_near_miss_counts_by_its_type() -> None:
    """A near miss or property damage not classified counts by its type; other types not."""
    records = [
        _record(RecordKind.INCIDENT, date(2026, 3, 3), IncidentBody(t, "x", ()))
        for t in (IncidentType.NEAR_MISS, IncidentType.PROPERTY_DAMAGE, IncidentType.OTHER)
    ]
    row = statistics_table(records, last_year=2026, years=1, rules=RULES).rows[0]
    assert row.counts[IncidentClass.NEAR_MISS] == 1
    assert row.counts[IncidentClass.PROPERTY_DAMAGE] == 1
    assert row.unclassified == 0 and sum(row.counts.values()) == 2
