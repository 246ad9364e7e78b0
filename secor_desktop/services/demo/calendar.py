"""The demo's calendar: Alberta working days and holidays, local times, the event timeline."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache

from secor_desktop.domain.provinces import easter

SPAN_DAYS = 426  # about 14 months of records before the as-of date
MST_TO_UTC = 7  # the crew keeps Mountain Standard Time; times are stored in UTC


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


@cache
def _days_off(year: int) -> frozenset[date]:
    """Alberta general holidays, Heritage Day, and the Christmas shutdown (Dec 24 to Jan 2)."""
    may24 = date(year, 5, 24)
    days = {
        date(year, 1, 1),
        date(year, 1, 2),
        nth_weekday(year, 2, 0, 3),
        easter(year) - timedelta(days=2),
        may24 - timedelta(days=may24.weekday()),
        date(year, 7, 1),
        nth_weekday(year, 8, 0, 1),
        nth_weekday(year, 9, 0, 1),
        nth_weekday(year, 10, 0, 2),
        date(year, 11, 11),
    }
    days.update(date(year, 12, d) for d in range(24, 32))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _days_off(day.year)


def work_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def work_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def months_between(first: date, last: date) -> Iterator[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def at_local(day: date, hour: int, minute: int = 0) -> datetime:
    """A local (MST) time of day on ``day``, as an aware UTC date-time."""
    return datetime(day.year, day.month, day.day, hour + MST_TO_UTC, minute, tzinfo=UTC)


def plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def season_of(day: date) -> str:
    if day.month in (11, 12, 1, 2, 3):
        return "winter"
    return "summer" if day.month in (6, 7, 8) else "any"


@dataclass(order=True)
class Event:
    when: datetime
    seq: int
    run: Callable[[], object] = field(compare=False)
