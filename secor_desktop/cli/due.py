"""``secor-desktop due``: what is due today, in the next days and overdue; optionally as an
iCalendar file for a phone. The same list as the Today page."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.cli.args import parse_date, print_json
from secor_desktop.domain.due import DEFAULT_DAYS, Bucket, DueItem
from secor_desktop.domain.due_text import due_json
from secor_desktop.services.facade import Services


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 0 <= value <= 366:
        raise argparse.ArgumentTypeError("--days must be between 0 and 366")
    return value


def add_parsers(sub: Any) -> None:
    due = sub.add_parser("due", help="what is due today, this week and overdue")
    due.add_argument("--as-of", type=parse_date, help="the day to judge (default today)")
    due.add_argument(
        "--days", type=_days, default=DEFAULT_DAYS, help="how many days ahead (default 7)"
    )
    due.add_argument("--json", action="store_true", help="the list as JSON")
    due.add_argument("--ics", type=Path, metavar="FILE", help="also write an iCalendar file")


def _line(item: DueItem) -> str:
    where = ", ".join(x for x in (item.site, item.worker) if x)
    where = f" [{where}]" if where else ""
    return f"  {item.due.isoformat()}  {item.what}{where} — {item.why}\n"


def due_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    due = services.due.due(args.as_of, args.days)
    if args.ics is not None:
        services.due.write_calendar(due, args.ics)
    if args.json:
        print_json(due_json(due), out)
        return 0
    out.write(f"Due on {due.as_of.isoformat()} and the {due.days} days after it\n")
    for bucket in Bucket:
        items = due.in_bucket(bucket)
        if items:
            out.write(f"\n{bucket.label} ({len(items)})\n")
            out.writelines(_line(i) for i in items)
    if not due.items:
        out.write("Nothing is due.\n")
    if args.ics is not None:
        out.write(f"\nCalendar written to {args.ics} ({len(due.items)} events).\n")
    return 0


HANDLERS = {"due": due_command}
