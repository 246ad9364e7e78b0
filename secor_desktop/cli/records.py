"""CLI commands over the record store: demo, records, export, import, verify, info."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any, TextIO

from secor_desktop import __version__
from secor_desktop.cli.args import parse_date, print_json
from secor_desktop.cli.progress import TerminalProgress
from secor_desktop.domain.canonical import entity_data
from secor_desktop.domain.kept_head import KeptHead, KeptHeadError, parse_kept_head
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.services.bundle import ImportRejected, export_bundle, import_bundle
from secor_desktop.services.facade import Services


def add_parsers(sub: Any) -> None:
    demo = sub.add_parser("demo", help="fill an empty data folder with a realistic demo company")
    demo.add_argument("--seed", type=int, default=1, help="same seed, same company (default 1)")
    demo.add_argument(
        "--as-of", type=parse_date, help="last day of the demo records (default today)"
    )

    records = sub.add_parser("records", help="list or show records")
    rsub = records.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    rlist = rsub.add_parser("list", help="list records, oldest first")
    rlist.add_argument("--kind", choices=[k.value for k in RecordKind])
    rlist.add_argument("--json", action="store_true", help="machine-readable output")
    rshow = rsub.add_parser("show", help="show one record in full, with its history")
    rshow.add_argument("id")
    rshow.add_argument("--json", action="store_true")
    rrepeat = rsub.add_parser(
        "repeat",
        help="store a new draft with a record's content, dated today (unsigned, no photos)",
    )
    which = rrepeat.add_mutually_exclusive_group(required=True)
    which.add_argument("id", nargs="?", help="the record to repeat")
    which.add_argument(
        "--last",
        choices=[k.value for k in RecordKind],
        metavar="KIND",
        help="repeat the newest record of this kind (not void)",
    )
    rrepeat.add_argument("--json", action="store_true")

    exp = sub.add_parser("export", help="export everything as a JSON bundle plus CSV files")
    exp.add_argument("dir", type=Path, help="a new or empty folder")
    imp = sub.add_parser("import", help="import a JSON bundle (all or nothing)")
    imp.add_argument("path", type=Path, help="the bundle folder or its bundle.json")

    ver = sub.add_parser("verify", help="check every record against its hashes and signatures")
    ver.add_argument(
        "--expect-head",
        metavar="HASH[:COUNT]",
        type=_kept_head,
        help="also check that the chain passes through a head you kept elsewhere (for example "
        "from a printed pack's cover), after COUNT revisions when given",
    )
    info = sub.add_parser("info", help="paths, schema revision and record counts")
    info.add_argument("--json", action="store_true")


def _kept_head(text: str) -> KeptHead:
    try:
        return parse_kept_head(text)
    except KeptHeadError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def demo_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    from secor_desktop.services.demo import build_demo

    summary = build_demo(services, seed=args.seed, as_of=args.as_of)
    total = sum(summary.records_by_kind.values())
    out.write(
        f"Demo company created: {summary.workers} workers, {summary.sites} sites, "
        f"{total} records from {summary.first_date} to {summary.last_date}, "
        f"{summary.actions} corrective actions.\n"
    )
    return 0


def _record_summary(
    r: Record, sites: dict[str, str], elements: dict[RecordKind, tuple[str, ...]]
) -> dict[str, Any]:
    return {
        "elements": list(elements.get(r.kind, ())),
        "id": r.id,
        "kind": r.kind.value,
        "event_date": r.event_date.isoformat(),
        "title": r.title,
        "site": sites.get(r.site_id or ""),
        "status": r.status.value,
        "signed_by": [s.signer_name for s in r.current_signatures],
        "content_sha256": r.content_sha256,
    }


def records_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    sites = {s.id: s.name for s in services.roster.sites()}
    elements = services.evidence_elements()
    if args.records_command == "list":
        kind = RecordKind(args.kind) if args.kind else None
        rows = [_record_summary(r, sites, elements) for r in services.records.find(kind)]
        if args.json:
            print_json(rows, out)
            return 0
        for row in rows:
            out.write(
                f"{row['event_date']}  {row['kind']:<17} {row['status']:<6}  "
                f"{row['title'][:60]:<60}  {row['id']}\n"
            )
        out.write(f"{len(rows)} record(s)\n")
        return 0
    if args.records_command == "repeat":
        return _repeat(args, services, out, sites, elements)
    record = services.records.get(args.id)
    history = services.records.history(args.id)
    detail = _record_summary(record, sites, elements) | {
        "data": entity_data(record),
        "history": [
            {
                "revision": h.revision,
                "entered_at": h.entered_at.isoformat(),
                "reason": h.reason,
                "flags": list(h.flags),
                "sha256": h.content_sha256,
            }
            for h in history
        ],
    }
    if args.json:
        print_json(detail, out)
        return 0
    out.write(f"{record.kind.label}: {record.title}\n")
    out.write(f"  date {record.event_date}  site {detail['site'] or '-'}  status {record.status}\n")
    for s in record.signatures:
        current = "" if s in record.current_signatures else " (earlier revision)"
        out.write(f"  signed by {s.signer_name} ({s.meaning}) at {s.signed_at}{current}\n")
    out.write(json.dumps(detail["data"]["body"], ensure_ascii=False, indent=2) + "\n")
    for h in detail["history"]:
        why = f" - {h['reason']}" if h["reason"] else ""
        flags = f" [{', '.join(h['flags'])}]" if h["flags"] else ""
        out.write(f"  revision {h['revision']} entered {h['entered_at']}{why}{flags}\n")
    return 0


def _repeat(
    args: argparse.Namespace,
    services: Services,
    out: TextIO,
    sites: dict[str, str],
    elements: dict[RecordKind, tuple[str, ...]],
) -> int:
    source_id = args.id
    if args.last:
        newest = services.records.newest(RecordKind(args.last))
        if newest is None:
            sys.stderr.write(f"There is no {RecordKind(args.last).label.lower()} to repeat.\n")
            return 2
        source_id = newest.id
    draft = services.records.repeat(source_id)
    if args.json:
        print_json(_record_summary(draft, sites, elements) | {"repeat_of": source_id}, out)
        return 0
    out.write(f"New draft {draft.id} ({draft.event_date}): {draft.title}; sign it in the app.\n")
    return 0


def export_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    folder: Path = args.dir
    existed = folder.is_dir()
    was_empty = existed and not any(folder.iterdir())
    try:
        summary = export_bundle(services.ctx, folder)
    except BaseException:
        # A full disk half-way: leave no partial export behind (a folder that held something
        # before was refused before anything was written, and is left alone).
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)
        elif was_empty:
            for entry in list(folder.iterdir()):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        raise
    out.write(
        f"Exported {summary.entities} items, {summary.revisions} revisions and "
        f"{summary.files} files to {summary.folder}\nChain head: {summary.chain_head}\n"
    )
    return 0


def import_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    """Exit 1 when the bundle is refused (problems found in it; nothing was changed)."""
    try:
        report = import_bundle(services.ctx, args.path)
    except ImportRejected as exc:
        sys.stderr.write(f"secor-desktop: {exc}\n")
        return 1
    added = ", ".join(f"{n} {kind}" for kind, n in sorted(report.added.items())) or "nothing new"
    out.write(f"Imported ({report.mode}): {added}; {report.unchanged} already here.\n")
    return 0


def verify_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    report = services.verify(progress=TerminalProgress(sys.stderr, "Checking"))
    out.write(
        f"Checked {report.head.count} revisions, {report.entities_checked} items and "
        f"{report.files_checked} files.\n"
    )
    out.write(f"Chain head: {report.head.sha256} ({report.head.count} revisions)\n")
    if report.ok:
        out.write("OK: every record matches what was saved and signed.\n")
    else:
        out.write(f"FAILED: {len(report.problems)} problem(s):\n")
        for p in report.problems:
            out.write(f"  - {p}\n")
    head_ok = True
    if args.expect_head is not None:
        out.write(f"Kept head: {args.expect_head}\n")
        head = services.check_kept_head(args.expect_head)
        out.write(f"{head}\n")
        head_ok = head.ok
    return 0 if report.ok and head_ok else 1


def info_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    info = services.info()
    loc = info.locations
    data: dict[str, Any] = {
        "data_dir": str(loc.data_dir),
        "database": loc.database_shown,
        "files": str(loc.blobs),
        "log_file": str(loc.log_file),
        "schema_revision": loc.schema_revision,
        "company": info.company_name,
        "records_by_kind": {k.value: info.record_counts.get(k.value, 0) for k in RecordKind},
        "workers": info.workers,
        "sites": info.sites,
        "corrective_actions": info.corrective_actions,
        "revisions": info.revisions,
        "chain_head": info.chain_head,
        "version": __version__,
    }
    if args.json:
        print_json(data, out)
        return 0
    for key, value in data.items():
        if key == "records_by_kind":
            out.write("records:\n")
            for kind, n in value.items():
                out.write(f"  {kind:<18} {n}\n")
        else:
            out.write(f"{key}: {value}\n")
    return 0


HANDLERS = {
    "demo": demo_command,
    "records": records_command,
    "export": export_command,
    "import": import_command,
    "verify": verify_command,
    "info": info_command,
}
