"""The reminder a desktop notification shows, and the due list as JSON."""

from __future__ import annotations

from datetime import date

from secor_desktop.domain.due import Bucket, Category, DueItem, DueList, Start
from secor_desktop.domain.due_text import Reminder, reminder

MONDAY = date(2026, 11, 30)


def item(bucket: Bucket, due: date, what: str, site: str = "", worker: str = "") -> DueItem:
    return DueItem(
        key=f"{what}|{due}",
        category=Category.FREQUENCY,
        what=what,
        due=due,
        since=None,
        why="",
        start=Start(),
        site=site,
        worker=worker,
        bucket=bucket,
    )


def listing(*items: DueItem) -> DueList:
    return DueList(MONDAY, 7, items)


def test_nothing_pressing_means_no_reminder() -> None:
    """An empty list, or only warnings further ahead, rings no bell."""
    assert reminder(listing()) is None
    assert reminder(listing(item(Bucket.LATER, date(2027, 1, 5), "Renew First Aid"))) is None


def test_reminder_counts_and_names_the_most_pressing_first() -> None:
    """Title counts each bucket; the body lists overdue, then today, then this week."""
    text = reminder(
        listing(
            item(
                Bucket.OVERDUE, date(2026, 11, 20), "Corrective action: fix the guard", worker="Ana"
            ),
            item(Bucket.TODAY, MONDAY, "Field-level hazard assessment", site="Yard"),
            item(Bucket.UPCOMING, date(2026, 12, 4), "Inspection", site="Yard"),
            item(Bucket.LATER, date(2027, 1, 5), "Renew First Aid", worker="Ana"),
        )
    )
    assert text == Reminder(
        "Safety program: 1 overdue, 1 due today, 1 due in the next 7 days",
        "Corrective action: fix the guard (Ana): overdue since 2026-11-20\n"
        "Field-level hazard assessment (Yard): today\n"
        "Inspection (Yard): by Friday 2026-12-04",
    )


def test_a_long_list_names_three_and_counts_the_rest() -> None:
    """Past three lines the body says how many more wait on the Today page."""
    items = [item(Bucket.TODAY, MONDAY, f"Inspection {n}") for n in range(5)]
    text = reminder(listing(*items))
    assert text is not None
    assert text.title == "Safety program: 5 due today"
    assert text.body.splitlines() == [
        "Inspection 0: today",
        "Inspection 1: today",
        "Inspection 2: today",
        "and 2 more: open the Today page.",
    ]
