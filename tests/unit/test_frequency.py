"""Declared frequencies kept: which periods count, and what is a gap."""

from __future__ import annotations

from datetime import date, timedelta

from secor_desktop.domain.frequency import Gap, measure, period_key
from secor_desktop.domain.kinds import Frequency

AS_OF = date(2026, 11, 2)


def test_daily_means_working_days_only() -> None:
    """A record every weekday meets every daily period: Saturdays and Sundays are not periods."""
    monday = date(2026, 10, 5)
    weekdays = [monday + timedelta(days=i) for i in range(5)]
    sunday = monday + timedelta(days=6)
    result = measure(weekdays, Frequency.DAILY, monday, sunday)
    assert result is not None
    assert (result.periods_met, result.periods_total, result.gaps) == (5, 5, ())


def test_monthly_periods_are_calendar_months() -> None:
    """Each calendar month with a record is met; the month in progress is left out until met."""
    dates = [date(2026, 1, 10), date(2026, 2, 5), date(2026, 4, 20)]
    result = measure(dates, Frequency.MONTHLY, date(2026, 1, 1), date(2026, 6, 15))
    assert result is not None
    assert (result.periods_met, result.periods_total) == (3, 5)


def test_month_in_progress_counts_once_met() -> None:
    """A record in the current month adds that month as a met period."""
    dates = [date(2026, 1, 10), date(2026, 6, 1)]
    result = measure(dates, Frequency.MONTHLY, date(2026, 1, 1), date(2026, 6, 15))
    assert result is not None
    assert (result.periods_met, result.periods_total) == (2, 6)


def test_monthly_gaps_are_more_than_45_days() -> None:
    """More than 45 days without a monthly record is a gap; one up to the as-of date is ongoing."""
    dates = [date(2026, 1, 10), date(2026, 2, 24), date(2026, 4, 20)]
    result = measure(dates, Frequency.MONTHLY, date(2026, 1, 1), date(2026, 6, 15))
    assert result is not None
    assert result.gaps == (
        Gap(date(2026, 2, 24), date(2026, 4, 20), 55, ongoing=False),
        Gap(date(2026, 4, 20), date(2026, 6, 15), 56, ongoing=True),
    )


def test_yearly_period_is_the_twelve_months_ending_on_the_as_of_date() -> None:
    """The yearly period ending on the as-of date starts on the same day a year earlier."""
    assert period_key(date(2025, 11, 2), Frequency.YEARLY, AS_OF) == (0, 0)
    assert period_key(date(2025, 11, 1), Frequency.YEARLY, AS_OF) == (-1, 0)
    assert period_key(date(2024, 11, 1), Frequency.YEARLY, AS_OF) == (-2, 0)


def test_yearly_kind_counts_one_period_per_year_back() -> None:
    """Over three years, a yearly kind with records in two of the years met two of three."""
    dates = [date(2024, 6, 1), date(2026, 1, 1)]
    result = measure(dates, Frequency.YEARLY, date(2023, 11, 3), AS_OF)
    assert result is not None
    assert (result.periods_met, result.periods_total) == (2, 3)


def test_as_needed_kinds_have_no_frequency_to_keep() -> None:
    """A kind declared 'as needed' is not measured at all."""
    assert measure([date(2026, 1, 1)], Frequency.AS_NEEDED, date(2026, 1, 1), AS_OF) is None
