"""``secor-desktop statistics``: hours, injury counts and frequency rates by year.

The same table as the Statistics page and the evidence pack (``Services.statistics``).
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from secor_desktop.cli.args import print_json
from secor_desktop.domain.statistics import table_as_json
from secor_desktop.domain.statistics_text import as_text
from secor_desktop.services.facade import Services
from secor_desktop.services.statistics import MAX_YEARS


def _years(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of years") from None
    if not 1 <= value <= MAX_YEARS:
        raise argparse.ArgumentTypeError(f"--years must be from 1 to {MAX_YEARS}")
    return value


def add_parsers(sub: Any) -> None:
    stats = sub.add_parser("statistics", help="hours worked, injuries and frequency rates by year")
    stats.add_argument(
        "--years", type=_years, default=3, help="how many years, ending this year (default 3)"
    )
    stats.add_argument("--json", action="store_true", help="the table as JSON")


def statistics_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    table = services.statistics.table(years=args.years)
    if args.json:
        print_json(table_as_json(table), out)
        return 0
    out.write(f"Injury statistics {table.total.label}\n\n")
    out.write(as_text(table))
    return 0


HANDLERS = {"statistics": statistics_command}
