"""The due list as an iCalendar file a phone's calendar imports (offline reminders).

One all-day event per item, on its due date. Each event's UID is derived from the item's
identity (``DueItem.key``: kind, site or worker, due date, or the action's id), so importing a
newer file updates the events already there instead of adding copies. The file is written to
a temporary name and renamed, so an interrupted export never leaves half a calendar.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from secor_desktop.domain.due import DueItem, DueList

PRODID = "-//secor-desktop//due list//EN"
UID_DOMAIN = "secor-desktop.local"


def event_uid(item: DueItem) -> str:
    """Stable across exports: the same item always gets the same UID."""
    digest = hashlib.sha256(item.key.encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _summary(item: DueItem) -> str:
    where = item.site or item.worker
    return f"{item.what} — {where}" if where else item.what


def due_calendar(due: DueList, stamp: datetime) -> Calendar:
    """``stamp`` (UTC, aware) is the DTSTAMP: when the file was made."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "SECOR: what is due")
    for item in due.items:
        event = Event()
        event.add("uid", event_uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        event.add("summary", _summary(item))
        event.add("description", f"{item.bucket.label}. {item.why}")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal


def write_ics(due: DueList, path: Path, stamp: datetime) -> None:
    """Write the calendar file atomically (temporary file in the same folder, then rename)."""
    data = due_calendar(due, stamp).to_ical()
    folder = path.parent
    handle, temp = tempfile.mkstemp(prefix=".due-", suffix=".ics.tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
