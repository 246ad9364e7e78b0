"""CLI commands for the auditor's evidence pack: export-pack and verify-pack."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.cli.args import parse_date
from secor_desktop.domain.frameworks import AuditType
from secor_desktop.services.evidence_pack import UnverifiedDatabase
from secor_desktop.services.facade import Services
from secor_desktop.services.pack_verify import verify_pack


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
        "--audit-type",
        choices=[t.value for t in AuditType],
        default=AuditType.CERTIFICATION.value,
        help="the audit the pack is for (default certification); sets the pass marks shown",
    )
    pack.add_argument(
        "--summary-only",
        action="store_true",
        help="registers only: leave out each record printed in full",
    )
    pack.add_argument(
        "--no-photos",
        action="store_true",
        help="list photos by file name and hash instead of printing them (a smaller file)",
    )
    pack.add_argument(
        "--allow-unverified",
        action="store_true",
        help="print even when the database fails verify; every page is then marked "
        "UNVERIFIED and verify-pack refuses the pack",
    )
    pack.add_argument(
        "--include-drafts-and-voids",
        action="store_true",
        help="print drafts and voided records in an appendix (by default they are only counted)",
    )
    pack.add_argument(
        "--append-pdfs",
        action="store_true",
        help="append the PDF documents attached to the printed records (a safety manual, "
        "say) after the integrity appendix, each after a page naming its record and hash",
    )
    check = sub.add_parser(
        "verify-pack",
        help="check every hash in an evidence pack against this data folder's records",
    )
    check.add_argument("pack", type=Path, metavar="PACK.pdf", help="an evidence pack PDF")


def export_pack_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Verify, then write the pack; exit 1, writing nothing, when verify finds problems."""
    try:
        # The company's framework, read in the pack's one unit of work with everything else.
        summary = services.evidence_pack.export(
            args.out,
            period_from=args.date_from,
            period_to=args.date_to,
            element_codes=args.elements,
            summary_only=args.summary_only,
            include_photos=not args.no_photos,
            audit_type=AuditType(args.audit_type),
            allow_unverified=args.allow_unverified,
            include_drafts_and_voids=args.include_drafts_and_voids,
            append_pdfs=args.append_pdfs,
            invariant=False,  # a real export carries its real creation date
        )
    except UnverifiedDatabase as exc:
        out.write(
            "FAILED: the database fails its integrity check, so no pack was written. "
            f"{len(exc.problems)} problem(s):\n"
        )
        for problem in exc.problems:
            out.write(f"  - {problem}\n")
        out.write(
            "Restore the latest backup (or find out who changed these records). To print "
            "anyway, with every page marked UNVERIFIED, add --allow-unverified.\n"
        )
        return 1
    if summary.unverified:
        out.write(
            f"WARNING: the database fails verify ({len(summary.unverified)} problem(s)); "
            "every page of this pack is marked UNVERIFIED:\n"
        )
        for problem in summary.unverified:
            out.write(f"  - {problem}\n")
    out.write(
        f"Wrote {summary.path}: {summary.pages} pages, {summary.records} records, "
        f"{summary.revisions} revisions.\nChain head: {summary.chain_head}\n"
    )
    if summary.appended_pages:
        out.write(
            f"Attached PDF documents: {summary.appended_pages} page(s) appended after the "
            "integrity appendix.\n"
        )
    drafts, voided = summary.left_out
    if drafts or voided:
        where = (
            "printed in their appendix"
            if args.include_drafts_and_voids
            else "left out (--include-drafts-and-voids prints them in an appendix)"
        )
        out.write(f"Drafts and voided records: {drafts} draft(s), {voided} voided, {where}.\n")
    if summary.warnings:
        out.write(f"{len(summary.warnings)} warning(s), also listed in the pack's appendix:\n")
        for warning in summary.warnings:
            out.write(f"  - {warning}\n")
    return 0


def verify_pack_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    report = verify_pack(services.ctx, args.pack)
    out.write(
        f"Pack {report.path} ({report.company}): {report.revisions_checked} revisions of its "
        f"records checked, {report.links_checked} chain links.\nChain head in the pack: "
        f"{report.head}\n"
    )
    if report.ok:
        out.write("OK: the database holds exactly what this pack shows.\n")
        return 0
    out.write(f"FAILED: {len(report.problems)} problem(s):\n")
    for problem in report.problems:
        out.write(f"  - {problem}\n")
    return 1


HANDLERS = {"export-pack": export_pack_command, "verify-pack": verify_pack_command}
