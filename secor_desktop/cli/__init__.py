"""The command line: the same services as the GUI, no Qt.

Each module registers its commands (``add_parsers``) and their handlers (``HANDLERS``), so
a new group of commands is one new module plus one line here.
Exit codes: 0 done (a report answers the question, whatever the answer), 1 a check found
problems (verify, restore's check, verify-pack), 2 bad input, a refused action or cannot run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TextIO

from secor_desktop import __version__
from secor_desktop.cli import (
    backup,
    company,
    due,
    evaluations,
    exchange,
    pack,
    prequal,
    program,
    readiness,
    records,
    roster,
)
from secor_desktop.cli import statistics as statistics_cli
from secor_desktop.cli.args import BadInput
from secor_desktop.services.backups import BackupService
from secor_desktop.services.facade import Services

Handler = Callable[[argparse.Namespace, Services, TextIO], int]
GROUPS = [records, company, roster, readiness, due, evaluations, backup, pack, program, prequal]
GROUPS += [statistics_cli]
GROUPS += [exchange]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="secor-desktop",
        description="SECOR safety-program records, readiness and evidence packs, offline. "
        "With no command, the desktop window opens.",
    )
    parser.add_argument("--version", action="version", version=f"secor-desktop {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder to use (default: $SECOR_DESKTOP_DATA_DIR, else your user data folder)",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="an office database on a PostgreSQL server, postgresql://USER@HOST/DATABASE, "
        "instead of the file in the data folder (default: $SECOR_DESKTOP_DATABASE_URL); the "
        "password comes from the system keyring or ~/.pgpass, never from this URL",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.add_parsers(sub)
    return parser


def run(args: argparse.Namespace, services: Services, out: TextIO | None = None) -> int:
    handlers: dict[str, Handler] = {}
    for group in GROUPS:
        handlers.update(group.HANDLERS)
    refuse_future_as_of(args, services.ctx.clock.today())
    return handlers[args.command](args, services, out or sys.stdout)


def refuse_future_as_of(args: argparse.Namespace, today: date) -> None:
    """Every command's ``--as-of`` is a day already lived: a future one would judge nothing."""
    as_of = getattr(args, "as_of", None)
    if as_of is not None and as_of > today:
        raise BadInput(
            f"--as-of {as_of.isoformat()} is after today ({today.isoformat()}): give today "
            "or an earlier date"
        )


def offline_commands() -> set[str]:
    """Commands that run without opening the database (backup and restore)."""
    return {name for group in GROUPS for name in getattr(group, "OFFLINE_HANDLERS", {})}


def run_offline(args: argparse.Namespace, backups: BackupService, out: TextIO | None = None) -> int:
    for group in GROUPS:
        handler = getattr(group, "OFFLINE_HANDLERS", {}).get(args.command)
        if handler is not None:
            return int(handler(args, backups, out or sys.stdout))
    raise KeyError(args.command)
