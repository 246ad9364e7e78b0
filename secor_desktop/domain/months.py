"""The program's single definition of a month.

A *month* is a calendar month: one month after a date is the same day number in the next
month, clamped to that month's last day when the day does not exist (January 31 + 1 month =
February 28, or February 29 in a leap year). Every rule that speaks in months (3 months of
records, 12-month headcount lookback, certificate anniversaries) goes through this module, so
the whole program agrees on where a month ends.

Because of the clamping, month steps are not additive: January 31 + 1 month + 1 month is
March 28, while January 31 + 2 months is March 31. Always count from the original date.
"""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months", "months_between", "spans_months"]


def add_months(d: date, n: int) -> date:
    """Return the date ``n`` calendar months after ``d`` (before it when ``n`` is negative).

    The day is clamped to the last day of the target month when it does not exist there.
    """
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(f"{d.isoformat()} plus {n} months is outside the calendar")
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last_day))


def months_between(start: date, end: date) -> int:
    """Return the number of whole calendar months from ``start`` to ``end``.

    That is the largest ``k`` with ``add_months(start, k) <= end``; so February 28 2025 is one
    whole month after January 31 2025, and April 14 is not yet three months after January 15.
    """
    if end < start:
        raise ValueError(
            f"end {end.isoformat()} is before start {start.isoformat()}: months_between counts "
            "forwards only"
        )
    k = (end.year - start.year) * 12 + (end.month - start.month)
    # add_months(start, k) lands in end's month; only its (possibly clamped) day can overshoot.
    if add_months(start, k) > end:
        k -= 1
    return k


def spans_months(start: date, end: date, n: int) -> bool:
    """Tell whether ``start`` to ``end`` covers at least ``n`` whole calendar months.

    Used for the record-span rule: records from January 15 to April 15 span three months,
    records from January 15 to April 14 do not.
    """
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    return end >= start and add_months(start, n) <= end
