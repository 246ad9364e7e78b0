"""CLI command for the auditor's evidence pack: export-pack."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.cli.args import parse_date
from secor_desktop.services.evidence_pack import EvidencePackService
from secor_desktop.services.facade import Services


def _codes(text: str) -> list[str]:
    codes = [c.strip() for c in text.split(",") if c.strip()]
    if not codes:
        raise argparse.ArgumentTypeError("give element codes separated by commas, e.g. 2,5,9")
    return codes


def add_parsers(sub: Any) -> None:
    pack = sub.add_parser(
        "export-pack", help="write the PDF evidence pack for the auditor (default: last 12 months)"
    )
    pack.add_argument("out", type=Path, metavar="OUT.pdf", help="the PDF file to write")
    pack.add_argument("--from", dest="date_from", type=parse_date, help="first day (YYYY-MM-DD)")
    pack.add_argument("--to", dest="date_to", type=parse_date, help="last day (default today)")
    pack.add_argument(
        "--elements", type=_codes, metavar="CODES", help="only these elements, e.g. 2,5,9"
    )
    pack.add_argument(
        "--summary-only",
        action="store_true",
        help="registers only: leave out each record printed in full",
    )


def export_pack_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    summary = EvidencePackService(services.ctx).export(
        args.out,
        services.framework(),
        period_from=args.date_from,
        period_to=args.date_to,
        element_codes=args.elements,
        summary_only=args.summary_only,
    )
    out.write(
        f"Wrote {summary.path}: {summary.pages} pages, {summary.records} records, "
        f"{summary.revisions} revisions.\nChain head: {summary.chain_head}\n"
    )
    return 0


HANDLERS = {"export-pack": export_pack_command}
