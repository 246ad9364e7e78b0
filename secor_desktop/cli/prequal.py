"""CLI command for the prequalification pack: ``prequal OUT.pdf`` (and the folder beside it)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.services.facade import Services
from secor_desktop.services.prequal import UnverifiedDatabase


def add_parsers(sub: Any) -> None:
    pq = sub.add_parser(
        "prequal",
        help="write the prequalification pack (ISNetworld, Avetta, ComplyWorks, "
        "ContractorXchange): one PDF, and the original files in a folder OUT-files beside it",
    )
    pq.add_argument("out", type=Path, metavar="OUT.pdf", help="the PDF file to write")


def prequal_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Exit 0 when written (missing parts are listed, in the pack and here), 1 when the
    database fails its integrity check (nothing written); bad input raises (exit 2)."""
    try:
        summary = services.prequal.export(args.out)
    except UnverifiedDatabase as exc:
        out.write(
            "FAILED: the database fails its integrity check, so no prequalification pack was "
            f"written. {len(exc.problems)} problem(s):\n"
        )
        for problem in exc.problems:
            out.write(f"  - {problem}\n")
        out.write("Restore the latest backup (or find out who changed these records).\n")
        return 1
    out.write(
        f"Wrote {summary.path} ({summary.pages} pages) and {summary.folder} "
        f"({len(summary.files)} file(s)).\n"
    )
    for name in summary.files:
        out.write(f"  {name}\n")
    if summary.missing:
        out.write(f"Not included ({len(summary.missing)}), also listed on the first page:\n")
        for m in summary.missing:
            out.write(f"  - {m.part.number}. {m.part.label}: {m.reason} {m.what_to_do}\n")
    for flag in summary.flags:
        out.write(f"Check: {flag}\n")
    for warning in summary.warnings:
        out.write(f"Warning: {warning}\n")
    return 0


HANDLERS = {"prequal": prequal_command}
