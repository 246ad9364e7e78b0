"""The calendar-month definition every month-based rule relies on."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secor_desktop.domain.months import add_months, months_between, spans_months

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
steps = st.integers(min_value=-600, max_value=600)


def test_add_one_month_keeps_the_day_number() -> None:
    """March 15 plus one month is April 15."""
    assert add_months(date(2025, 3, 15), 1) == date(2025, 4, 15)


def test_january_31_plus_one_month_is_february_28() -> None:
    """A day missing from the target month clamps to its last day."""
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)


def test_january_31_plus_one_month_in_a_leap_year_is_february_29() -> None:
    """In 2024 February has 29 days."""
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_february_29_plus_twelve_months_is_february_28() -> None:
    """A leap-day certificate's anniversary falls on February 28."""
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_february_29_plus_forty_eight_months_is_february_29() -> None:
    """Four years on, the leap day exists again."""
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)


def test_negative_months_go_back_across_the_year() -> None:
    """Twelve months before March 31 2025 is March 31 2024; one before March 31 is Feb 29."""
    assert add_months(date(2025, 3, 31), -12) == date(2024, 3, 31)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)


def test_steps_are_not_additive_because_of_clamping() -> None:
    """January 31 + 1 + 1 months is March 28, but January 31 + 2 months is March 31."""
    assert add_months(add_months(date(2025, 1, 31), 1), 1) == date(2025, 3, 28)
    assert add_months(date(2025, 1, 31), 2) == date(2025, 3, 31)


def test_add_months_outside_the_calendar_raises() -> None:
    """Dates past year 9999 cannot be represented."""
    with pytest.raises(OverflowError):
        add_months(date(9999, 12, 1), 1)


def test_exactly_three_months_counts_three() -> None:
    """January 15 to April 15 is three whole months."""
    assert months_between(date(2025, 1, 15), date(2025, 4, 15)) == 3


def test_one_day_short_of_three_months_counts_two() -> None:
    """January 15 to April 14 is not yet three months."""
    assert months_between(date(2025, 1, 15), date(2025, 4, 14)) == 2


def test_month_end_start_reaches_a_shorter_month_end() -> None:
    """January 31 to February 28 2025 is one whole month, by clamping."""
    assert months_between(date(2025, 1, 31), date(2025, 2, 28)) == 1


def test_month_end_start_one_day_short() -> None:
    """January 31 to March 30 is one month: March 31 is the two-month mark."""
    assert months_between(date(2025, 1, 31), date(2025, 3, 30)) == 1


def test_same_day_is_zero_months() -> None:
    """No time has passed."""
    assert months_between(date(2025, 6, 1), date(2025, 6, 1)) == 0


def test_months_between_rejects_end_before_start() -> None:
    """Counting backwards is a caller mistake, not zero."""
    with pytest.raises(ValueError, match="before start"):
        months_between(date(2025, 6, 2), date(2025, 6, 1))


def test_spans_exactly_three_months() -> None:
    """Records from January 15 to April 15 span three months."""
    assert spans_months(date(2025, 1, 15), date(2025, 4, 15), 3)


def test_does_not_span_three_months_one_day_short() -> None:
    """Records from January 15 to April 14 do not."""
    assert not spans_months(date(2025, 1, 15), date(2025, 4, 14), 3)


def test_spans_months_with_end_before_start_is_false() -> None:
    """A reversed range spans nothing, even zero months."""
    assert not spans_months(date(2025, 1, 15), date(2025, 1, 14), 0)


def test_spans_months_rejects_negative_count() -> None:
    """A negative month count is meaningless."""
    with pytest.raises(ValueError, match="n must not be negative"):
        spans_months(date(2025, 1, 15), date(2025, 4, 15), -1)


@given(dates, dates, steps)
def test_add_months_is_monotone_in_the_date(a: date, b: date, n: int) -> None:
    """A later start never lands earlier."""
    early, late = min(a, b), max(a, b)
    assert add_months(early, n) <= add_months(late, n)


@given(dates, steps, steps)
def test_add_months_is_monotone_in_the_count(d: date, m: int, n: int) -> None:
    """More months never land earlier."""
    assert add_months(d, min(m, n)) <= add_months(d, max(m, n))


@given(dates, st.integers(min_value=0, max_value=600))
def test_months_between_inverts_add_months(d: date, n: int) -> None:
    """Adding n months and counting back gives n."""
    assert months_between(d, add_months(d, n)) == n


@given(dates, dates)
def test_months_between_is_the_largest_whole_count(a: date, b: date) -> None:
    """k months fit, k + 1 do not."""
    start, end = min(a, b), max(a, b)
    k = months_between(start, end)
    assert add_months(start, k) <= end < add_months(start, k + 1)
    assert spans_months(start, end, k)
    assert not spans_months(start, end, k + 1)
