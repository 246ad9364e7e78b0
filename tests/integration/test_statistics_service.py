"""Hours records and incident classification through the real services and SQLite file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from secor_desktop.domain.bodies import HoursBody, IncidentBody, IncidentClass, IncidentType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.record_kinds.hours import HOURS, month_end
from secor_desktop.services.errors import Refused, ValidationError
from tests.conftest import SmallCompany


def save_hours(company: SmallCompany, month: str, total: int, **split: object) -> Record:
    return company.services.records.create(
        HOURS,
        title=f"Hours {month}",
        event_date=month_end(month),
        site_id=None,
        body=HoursBody(month, total, **split),  # type: ignore[arg-type]
    )


def save_incident(company: SmallCompany, day: date, **extra: object) -> Record:
    return company.services.records.create(
        RecordKind.INCIDENT,
        title="Fall from a ladder",
        event_date=day,
        site_id=company.site.id,
        body=IncidentBody(
            IncidentType.INJURY,
            "Slipped on the third rung",
            (company.lead.id,),
            **extra,  # type: ignore[arg-type]
        ),
    )


def count(company: SmallCompany) -> int:
    return len(company.services.records.find())


def test_negative_hours_refused_nothing_saved(company: SmallCompany) -> None:
    """Negative hours are refused naming body.total_hours; no record is stored."""
    before = count(company)
    with pytest.raises(ValidationError, match=r"body\.total_hours: cannot be negative"):
        save_hours(company, "2026-03", -5)
    assert count(company) == before


def test_month_twice_refused_nothing_saved(company: SmallCompany) -> None:
    """A second live hours record for a month is refused naming body.month."""
    save_hours(company, "2026-03", 1_600)
    before = count(company)
    with pytest.raises(ValidationError) as refused:
        save_hours(company, "2026-03", 1_700)
    assert str(refused.value) == (
        "body.month: hours for 2026-03 are already recorded; amend that record instead"
    )
    assert count(company) == before


def test_month_free_again_once_void(company: SmallCompany) -> None:
    """Once the month's record is void, a new hours record for that month may be saved."""
    first = save_hours(company, "2026-03", 1_600)
    company.services.records.void(first.id, "Wrong figure from payroll")
    assert save_hours(company, "2026-03", 1_650).body == HoursBody("2026-03", 1_650)


def test_amending_the_month_itself_is_allowed(company: SmallCompany) -> None:
    """Changing the month's own record is not a second record for the month."""
    first = save_hours(company, "2026-03", 1_600)
    changed = company.services.records.update(
        first.id,
        title=first.title,
        event_date=first.event_date,
        site_id=None,
        body=HoursBody("2026-03", 1_640),
        attachments=(),
    )
    assert changed.body == HoursBody("2026-03", 1_640)


def test_workers_hours_must_add_up(company: SmallCompany) -> None:
    """Hours split by worker that do not add up to the total are refused naming the total."""
    ids = (company.lead.id, company.owner.id)
    with pytest.raises(ValidationError, match=r"body\.total_hours: is 300 but .* add up to 320"):
        save_hours(company, "2026-04", 300, worker_ids=ids, worker_hours=(160, 160))
    stored = save_hours(company, "2026-04", 320, worker_ids=ids, worker_hours=(160, 160))
    assert stored.body.worker_hours == (160, 160)  # type: ignore[union-attr]


def test_month_must_match_the_event_date(company: SmallCompany) -> None:
    """An hours record dated other than its month's last day is refused naming event_date."""
    with pytest.raises(ValidationError, match=r"event_date: must be the month's last day"):
        company.services.records.create(
            HOURS,
            title="Hours",
            event_date=date(2026, 3, 5),
            site_id=None,
            body=HoursBody("2026-03", 100),
        )


def test_negative_days_lost_refused_nothing_saved(company: SmallCompany) -> None:
    """Negative days lost are refused naming body.days_lost; nothing is stored."""
    before = count(company)
    with pytest.raises(ValidationError, match=r"body\.days_lost: cannot be negative"):
        save_incident(
            company, date(2026, 5, 4), classification=IncidentClass.LOST_TIME, days_lost=-2
        )
    assert count(company) == before


def test_classified_incident_round_trips(company: SmallCompany) -> None:
    """The classification, days and claim number are stored and read back."""
    stored = save_incident(
        company,
        date(2026, 5, 4),
        classification=IncidentClass.LOST_TIME,
        days_lost=9,
        days_modified=3,
        wcb_claim_number="C-42",
    )
    again = company.services.records.get(stored.id)
    assert isinstance(again.body, IncidentBody)
    assert (again.body.classification, again.body.days_lost, again.body.wcb_claim_number) == (
        IncidentClass.LOST_TIME,
        9,
        "C-42",
    )


def test_service_table_reads_the_store(company: SmallCompany) -> None:
    """Services.statistics.table counts a stored lost-time injury and hours of this year."""
    for month in range(1, 11):
        save_hours(company, f"2026-{month:02d}", 10_000)  # 100,000 h = 50 person-years
    save_incident(company, date(2026, 5, 4), classification=IncidentClass.LOST_TIME, days_lost=4)
    table = company.services.statistics.table(years=3)
    assert table.years == (2024, 2025, 2026)
    row = table.rows[-1]
    assert (row.lost_time, row.days_lost, row.hours) == (1, 4, 100_000)
    assert row.rates is not None
    assert row.rates.lost_time_frequency == Decimal("2.00")  # 1 x 200,000 / 100,000


@pytest.mark.parametrize("years", [0, -1, 51])
def test_service_refuses_bad_years(company: SmallCompany, years: int) -> None:
    """A number of years under 1 or over 50 is refused naming 'years'."""
    with pytest.raises(Refused, match=r"^years: "):
        company.services.statistics.table(years=years)
