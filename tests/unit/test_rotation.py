"""Backup rotation: recent ones, then one a day, a week, a month (like Anki)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from secor_desktop.storage.rotation import RotationPolicy, backups_to_keep

NOW = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)


def test_the_ten_most_recent_are_kept() -> None:
    """Twelve backups taken a minute apart: the ten newest stay, plus the day's newest."""
    times = [NOW - timedelta(minutes=m) for m in range(12)]
    assert backups_to_keep(times, NOW) == set(times[:10])


def test_one_per_day_is_kept_for_a_week() -> None:
    """Beyond the recent ones, the newest backup of each of the last seven days stays."""
    times = [NOW - timedelta(hours=h) for h in range(0, 24 * 10, 6)]
    kept = backups_to_keep(times, NOW, RotationPolicy(recent=1))
    days = {t.date() for t in kept if NOW - t <= timedelta(days=7)}
    assert len(days) == 8  # today and each of the seven days before, down to the horizon
    assert all(max(t for t in times if t.date() == d) in kept for d in days)


def test_one_per_week_is_kept_for_a_month() -> None:
    """Daily backups over five weeks keep one per ISO week beyond the first week."""
    times = [NOW - timedelta(days=d) for d in range(35)]
    kept = backups_to_keep(times, NOW, RotationPolicy(recent=1, daily_days=0))
    weeks = {t.isocalendar()[:2] for t in times if NOW - t <= timedelta(days=31)}
    assert {t.isocalendar()[:2] for t in kept} >= weeks
    assert len(kept) <= len(weeks) + 2


def test_one_per_month_is_kept_for_a_year() -> None:
    """Weekly backups over two years keep one per month for the last year only."""
    times = [NOW - timedelta(weeks=w) for w in range(104)]
    kept = backups_to_keep(times, NOW, RotationPolicy(recent=1, daily_days=0, weekly_days=0))
    assert len(kept) in (12, 13)
    assert min(kept) >= NOW - timedelta(days=365)


def test_the_newest_backup_is_kept_however_old() -> None:
    """A single backup from three years ago is not rotated away."""
    old = NOW - timedelta(days=3 * 365)
    assert backups_to_keep([old], NOW, RotationPolicy(recent=0)) == {old}


def test_no_backups_keeps_nothing() -> None:
    """An empty folder gives an empty set."""
    assert backups_to_keep([], NOW) == set()
