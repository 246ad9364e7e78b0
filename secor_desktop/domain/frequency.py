"""Did the company keep the frequencies it declared? Periods met, and gaps.

Definitions (one place, used by the dashboard, the CLI and the PDF alike):

* **Periods**: daily = working days (Monday to Friday); weekly = ISO weeks (Monday to
  Sunday); monthly = calendar months; quarterly = calendar quarters; yearly = the 12 months
  ending on the as-of date (from the same day a year before, that day included). A period
  counts as *met* when at least one qualifying record of the kind is dated inside it. Periods
  are counted over the window; the period still in progress on the as-of date is counted only
  if it is already met.
* **Gaps**: the **gap limit** is the whole number of days allowed between two consecutive
  qualifying records (or from the last one to the as-of date): daily 4 (a long weekend),
  weekly 10, monthly 45, quarterly 120, yearly 400. "Weekly 10" means at most 10 days from
  one record to the next, not 7 + 10. A stretch of exactly the limit is not a gap; one day
  more is. A gap is measured from the kind's real last record, even when that record is older
  than the window, so a gap that began before the window keeps its real start.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from secor_desktop.domain.kinds import Frequency
from secor_desktop.domain.months import add_months

GAP_LIMIT_DAYS: dict[Frequency, int] = {
    Frequency.DAILY: 4,
    Frequency.WEEKLY: 10,
    Frequency.MONTHLY: 45,
    Frequency.QUARTERLY: 120,
    Frequency.YEARLY: 400,
}


@dataclass(frozen=True)
class Gap:
    """No record from ``after`` (the last record, or the window start) until ``until``."""

    after: date
    until: date
    days: int
    ongoing: bool  # runs up to the as-of date: the program has lapsed for this kind


@dataclass(frozen=True)
class FrequencyResult:
    frequency: Frequency
    periods_met: int
    periods_total: int
    gaps: tuple[Gap, ...]


def period_key(day: date, frequency: Frequency, as_of: date) -> tuple[int, int]:
    """The period a day falls in, as a sortable key."""
    if frequency is Frequency.DAILY:
        return (day.toordinal(), 0)
    if frequency is Frequency.WEEKLY:
        iso = day.isocalendar()
        return (iso.year, iso.week)
    if frequency is Frequency.MONTHLY:
        return (day.year, day.month)
    if frequency is Frequency.QUARTERLY:
        return (day.year, (day.month - 1) // 3)
    # yearly: 12-month blocks counted back from the as-of date
    index = 0
    while day < add_months(as_of, -12 * (index + 1)):
        index += 1
    return (-index, 0)


def _periods(start: date, end: date, frequency: Frequency, as_of: date) -> list[tuple[int, int]]:
    keys: list[tuple[int, int]] = []
    day = start
    while day <= end:
        if frequency is not Frequency.DAILY or day.weekday() < 5:
            key = period_key(day, frequency, as_of)
            if not keys or keys[-1] != key:
                keys.append(key)
        day += timedelta(days=1)
    return keys


def measure(
    dates: Sequence[date], frequency: Frequency, window_start: date, as_of: date
) -> FrequencyResult | None:
    """Periods met and gaps for one kind's qualifying record dates (sorted!) in the window.

    ``dates`` may reach back before ``window_start``: the newest of those is where a gap running
    into the window really began. Returns None for kinds declared 'as needed', which have no
    frequency to keep.
    """
    if frequency is Frequency.AS_NEEDED:
        return None
    first_inside = bisect_left(dates, window_start)
    in_window = dates[first_inside : bisect_right(dates, as_of)]
    met = {period_key(d, frequency, as_of) for d in in_window}
    periods = _periods(window_start, as_of, frequency, as_of)
    current = period_key(as_of, frequency, as_of)
    if periods and periods[-1] == current and current not in met:
        periods.pop()
    limit = GAP_LIMIT_DAYS[frequency]
    gaps: list[Gap] = []
    previous = dates[first_inside - 1] if first_inside else window_start
    for d in in_window:
        if (d - previous).days > limit:
            gaps.append(Gap(previous, d, (d - previous).days, ongoing=False))
        previous = d
    if (as_of - previous).days > limit:
        gaps.append(Gap(previous, as_of, (as_of - previous).days, ongoing=True))
    return FrequencyResult(frequency, len(met & set(periods)), len(periods), tuple(gaps))
