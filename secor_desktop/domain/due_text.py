"""The due list in words and as data: the JSON ``due --json`` prints, and the reminder a
desktop notification shows. Pure, so the exact wording is tested once for every front end."""

from __future__ import annotations

from dataclasses import dataclass

from secor_desktop.domain.due import Bucket, DueItem, DueList

# A notification shows a few lines at most: the rest is one click away on the Today page.
REMINDER_LINES = 3


def item_json(item: DueItem) -> dict[str, object]:
    """One item as plain JSON data (what ``due --json`` prints and tests compare)."""
    start = item.start
    return {
        "key": item.key,
        "bucket": item.bucket.value,
        "category": item.category.value,
        "what": item.what,
        "site_id": item.site_id,
        "site": item.site,
        "worker_id": item.worker_id,
        "worker": item.worker,
        "due": item.due.isoformat(),
        "since": item.since.isoformat() if item.since else None,
        "why": item.why,
        "start": {
            "kind": start.kind.value if start.kind else None,
            "title": start.title,
            "site_id": start.site_id,
            "date": start.event_date.isoformat() if start.event_date else None,
            "people": list(start.people),
            "fields": {k: v if isinstance(v, str) else list(v) for k, v in start.fields.items()},
            "action_id": start.action_id,
            "audit_type": start.audit_type.value if start.audit_type else None,
        },
    }


def due_json(due: DueList) -> dict[str, object]:
    return {
        "as_of": due.as_of.isoformat(),
        "days": due.days,
        "horizon": due.horizon.isoformat(),
        "items": [item_json(i) for i in due.items],
    }


@dataclass(frozen=True)
class Reminder:
    title: str
    body: str


def _count(n: int, what: str) -> str:
    return f"{n} {what}"


def _reminder_line(item: DueItem, as_of_label: str) -> str:
    where = item.site or item.worker
    return f"{item.what}{f' ({where})' if where else ''}: {as_of_label}"


def reminder(due: DueList) -> Reminder | None:
    """What a reminder says about ``due``; None when nothing is overdue, due today or due in
    the coming days (warnings further ahead wait on the Today page, they do not ring).

    The title counts what needs doing; the body names the most pressing items, overdue
    first, and says how many more there are.
    """
    pressing = [i for i in due.items if i.bucket is not Bucket.LATER]
    if not pressing:
        return None
    counts = {b: len(due.in_bucket(b)) for b in (Bucket.OVERDUE, Bucket.TODAY, Bucket.UPCOMING)}
    parts = [
        _count(counts[Bucket.OVERDUE], "overdue") if counts[Bucket.OVERDUE] else "",
        _count(counts[Bucket.TODAY], "due today") if counts[Bucket.TODAY] else "",
        _count(counts[Bucket.UPCOMING], f"due in the next {due.days} days")
        if counts[Bucket.UPCOMING]
        else "",
    ]
    title = "Safety program: " + ", ".join(p for p in parts if p)
    lines = []
    for item in pressing[:REMINDER_LINES]:
        if item.bucket is Bucket.OVERDUE:
            when = f"overdue since {item.due.isoformat()}"
        elif item.bucket is Bucket.TODAY:
            when = "today"
        else:
            when = f"by {item.due.strftime('%A')} {item.due.isoformat()}"
        lines.append(_reminder_line(item, when))
    more = len(pressing) - REMINDER_LINES
    if more > 0:
        lines.append(f"and {more} more: open the Today page.")
    return Reminder(title, "\n".join(lines))
