"""Which backups to keep, like Anki's: the most recent ones, then thinner and thinner.

A pure function of the backups' times and now, so the policy is tested without files.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RotationPolicy:
    recent: int = 10  # the newest N, whatever their age
    daily_days: int = 7  # then the newest of each day for a week
    weekly_days: int = 31  # the newest of each week for a month
    monthly_days: int = 365  # the newest of each month for a year


def _day(t: datetime) -> Hashable:
    return t.date()


def _week(t: datetime) -> Hashable:
    year, week, _ = t.isocalendar()
    return (year, week)


def _month(t: datetime) -> Hashable:
    return (t.year, t.month)


def backups_to_keep(
    created: Iterable[datetime], now: datetime, policy: RotationPolicy | None = None
) -> set[datetime]:
    """The creation times, among ``created``, whose backups are kept; the rest may go.

    The newest backup is always kept, however old it is.
    """
    policy = policy or RotationPolicy()
    newest_first = sorted(set(created), reverse=True)
    keep = set(newest_first[: max(policy.recent, 1)])
    buckets: list[tuple[int, Callable[[datetime], Hashable]]] = [
        (policy.daily_days, _day),
        (policy.weekly_days, _week),
        (policy.monthly_days, _month),
    ]
    for horizon_days, bucket in buckets:
        horizon = now - timedelta(days=horizon_days)
        seen: set[Hashable] = set()
        for t in newest_first:
            if t < horizon:
                break
            key = bucket(t)
            if key not in seen:
                seen.add(key)
                keep.add(t)
    return keep
