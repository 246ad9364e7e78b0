"""Record activity by week and element: the grid behind the dashboard's activity chart.

A week starts on Monday. A record counts in the week of its event date for every element its
kind is evidence for (from the framework pack), so the grid shows, element by element, the
weeks in which nothing was recorded: the gaps an auditor would ask about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from secor_desktop.domain.kinds import RecordKind

__all__ = ["ActivityGrid", "week_start", "weekly_activity"]


def week_start(d: date) -> date:
    """The Monday of the week holding ``d``."""
    return d - timedelta(days=d.weekday())


@dataclass(frozen=True)
class ActivityGrid:
    weeks: tuple[date, ...]  # the Monday of each week, oldest first
    elements: tuple[str, ...]  # element codes, in the pack's order
    counts: Mapping[str, tuple[int, ...]]  # element code -> records per week

    def count(self, code: str, week: date) -> int:
        return self.counts[code][self.weeks.index(week_start(week))]

    def gaps(self, code: str) -> list[tuple[date, date]]:
        """Runs of weeks with no record for the element: (first Monday, last Sunday)."""
        runs: list[tuple[date, date]] = []
        start: date | None = None
        for week, n in zip(self.weeks, self.counts[code], strict=True):
            if n == 0 and start is None:
                start = week
            elif n and start is not None:
                runs.append((start, week - timedelta(days=1)))
                start = None
        if start is not None:
            runs.append((start, self.weeks[-1] + timedelta(days=6)))
        return runs

    def total(self, code: str) -> int:
        return sum(self.counts[code])


def weekly_activity(
    day_counts: Iterable[tuple[RecordKind, date, int]],
    evidence: Mapping[RecordKind, tuple[str, ...]],
    elements: Iterable[str],
    last_day: date,
    weeks: int,
) -> ActivityGrid:
    """Count records per element per week, for the ``weeks`` weeks ending with ``last_day``.

    ``day_counts`` gives how many records of a kind fall on a day (voided records already left
    out); days outside the window are ignored.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    last_monday = week_start(last_day)
    mondays = tuple(last_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks))
    codes = tuple(elements)
    grid = {code: [0] * weeks for code in codes}
    first = mondays[0]
    for kind, day, n in day_counts:
        if day < first or day > last_day:
            continue
        index = (week_start(day) - first).days // 7
        for code in evidence.get(kind, ()):
            if code in grid:
                grid[code][index] += n
    return ActivityGrid(mondays, codes, {c: tuple(v) for c, v in grid.items()})
