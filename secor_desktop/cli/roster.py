"""CLI commands to set a company up by script: add a worker, add a site, import a spreadsheet.

``import-sheet`` exits 2 when the file is refused (the rows and their problems are listed on
stderr, nothing is written) and 0 when every row was imported or, with ``--dry-run``, would be.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.cli.args import parse_date
from secor_desktop.domain.kinds import EmploymentType
from secor_desktop.domain.model import Worker
from secor_desktop.domain.sheet_rows import Target
from secor_desktop.services.facade import Services


def add_parsers(sub: Any) -> None:
    worker = sub.add_parser("add-worker", help="add a worker to the roster")
    worker.add_argument("name")
    worker.add_argument("--role", required=True, help="e.g. Roofer, Foreman, Owner")
    worker.add_argument("--start-date", type=parse_date, required=True, metavar="YYYY-MM-DD")
    worker.add_argument("--end-date", type=parse_date, metavar="YYYY-MM-DD")
    worker.add_argument(
        "--type",
        dest="employment_type",
        choices=[t.value for t in EmploymentType],
        default=EmploymentType.FULL_TIME.value,
    )
    worker.add_argument("--contact", default="", help="phone or email")
    worker.add_argument("--owner", action="store_true", help="this worker is an owner")

    site = sub.add_parser("add-site", help="add a work site")
    site.add_argument("name")
    site.add_argument("--address", default="")

    sheet = sub.add_parser(
        "import-sheet",
        help="import workers, sites or training records from a .csv or .xlsx (all or nothing)",
    )
    sheet.add_argument("what", choices=[t.value for t in Target])
    sheet.add_argument("file", type=Path)
    sheet.add_argument("--sheet", help="the worksheet to read (default: the first)")
    sheet.add_argument(
        "--dry-run", action="store_true", help="check every row and say what would be imported"
    )


def add_worker_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    worker = services.roster.add_worker(
        Worker(
            id="",
            name=args.name,
            role=args.role,
            employment_type=EmploymentType(args.employment_type),
            start_date=args.start_date,
            end_date=args.end_date,
            contact=args.contact,
            is_owner=args.owner,
        )
    )
    out.write(f"Added {worker.name} ({worker.role}) to the roster: {worker.id}\n")
    return 0


def add_site_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    site = services.roster.add_site(args.name, args.address)
    out.write(f"Added the site {site.name}: {site.id}\n")
    return 0


def import_sheet_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    target = Target(args.what)
    preview = services.sheets.preview(target, args.file, sheet=args.sheet)
    if preview.problems:
        sys.stderr.write(
            f"secor-desktop: {args.file.name}: nothing was imported; "
            f"{len(preview.problems)} problem(s) to fix first:\n"
        )
        for problem in preview.problems:
            sys.stderr.write(f"  {problem}\n")
        return 2
    for row in preview.skipped:
        out.write(f"Row {row.number}: {row.note}.\n")
    if args.dry_run:
        out.write(
            f"Dry run: {len(preview.to_import)} {target.value} row(s) would be imported, "
            f"{len(preview.skipped)} skipped; nothing was written.\n"
        )
        return 0
    result = services.sheets.import_sheet(
        target, args.file, sheet=args.sheet, mapping=preview.mapping
    )
    drafts = " as drafts to check and sign" if target is Target.TRAINING else ""
    out.write(
        f"Imported {result.imported} {target.value} row(s){drafts}; "
        f"{result.skipped} already on record.\n"
    )
    return 0


HANDLERS = {
    "add-worker": add_worker_command,
    "add-site": add_site_command,
    "import-sheet": import_sheet_command,
}
