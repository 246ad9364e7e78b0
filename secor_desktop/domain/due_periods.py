"""Periods of a declared frequency for the due list: when each starts and the working day
it is due by. Holidays (``days_off``) are not working days, so the record owed the day after a
long weekend is due on the Tuesday, and a weekly one in a week ending on Good Friday by the
Thursday."""

from __future__ import annotations

from datetime import date, timedelta

from secor_desktop.domain.kinds import Frequency
from secor_desktop.domain.months import add_months


def working_day(day: date, days_off: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in days_off


def period_bounds(
    day: date, frequency: Frequency, days_off: frozenset[date] = frozenset()
) -> tuple[date, date]:
    """The first day of the period holding ``day``, and the day it is due by: its last
    working day (not a weekend day, not a holiday in ``days_off``).

    Daily periods are working days only: a day off belongs to the next working day. A period
    with no working day at all (a shutdown week) gives a due day before its start.
    """
    if frequency is Frequency.DAILY:
        while not working_day(day, days_off):
            day += timedelta(days=1)
        return day, day
    if frequency is Frequency.WEEKLY:
        start = day - timedelta(days=day.weekday())
        last = start + timedelta(days=6)
    else:
        months = 1 if frequency is Frequency.MONTHLY else 3
        start = date(day.year, day.month - (day.month - 1) % months, 1)
        last = add_months(start, months) - timedelta(days=1)
    while last >= start and not working_day(last, days_off):
        last -= timedelta(days=1)
    return start, last


def next_period(start: date, frequency: Frequency) -> date:
    if frequency is Frequency.DAILY:
        return start + timedelta(days=1)
    if frequency is Frequency.WEEKLY:
        return start + timedelta(days=7)
    return add_months(start, 1 if frequency is Frequency.MONTHLY else 3)
