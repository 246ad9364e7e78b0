"""CLI commands for backups: backup [DEST], backups (list), restore ARCHIVE.

These run without opening the database (``OFFLINE_HANDLERS`` take a BackupService), so a
database the program refuses as damaged can still be backed up from or restored over.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.cli.args import print_json
from secor_desktop.services.backups import BackupService, describe

OfflineHandler = Callable[[argparse.Namespace, BackupService, TextIO], int]


def add_parsers(sub: Any) -> None:
    make = sub.add_parser(
        "backup", help="make a checked backup archive (database + attached files) now"
    )
    make.add_argument(
        "dest",
        nargs="?",
        type=Path,
        help="a folder or a new .zip file name (default: the backups folder, rotated)",
    )
    listing = sub.add_parser("backups", help="list the backups with date, size and counts")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    restore = sub.add_parser(
        "restore", help="restore a backup archive (the current data is kept aside first)"
    )
    restore.add_argument("archive", type=Path)


def backup_command(args: argparse.Namespace, backups: BackupService, out: TextIO) -> int:
    info = backups.make(args.dest)
    m = info.manifest
    assert m is not None
    out.write(
        f"Backup written: {info.path} ({info.size:,} bytes; {sum(m.record_counts.values())} "
        f"records, {m.revisions} revisions, {m.files} files)\nChain head: {m.chain_head}\n"
    )
    if m.chain_problems:
        out.write(
            f"Note: the record chain had {m.chain_problems} problem(s) when this backup was "
            "made; run 'secor-desktop verify' for details.\n"
        )
    return 0


def backups_command(args: argparse.Namespace, backups: BackupService, out: TextIO) -> int:
    found = backups.list()
    if args.json:
        print_json(
            [
                {
                    "path": str(b.path),
                    "size": b.size,
                    "created_at": b.created_at.isoformat() if b.created_at else None,
                    "record_counts": b.manifest.record_counts if b.manifest else None,
                    "revisions": b.manifest.revisions if b.manifest else None,
                    "files": b.manifest.files if b.manifest else None,
                    "schema_revision": b.manifest.schema_revision if b.manifest else None,
                    "chain_head": b.manifest.chain_head if b.manifest else None,
                    "good": b.good,
                    "problem": b.problem,
                }
                for b in found
            ],
            out,
        )
        return 0
    for b in found:
        out.write(describe(b) + "\n")
    out.write(f"{len(found)} backup(s) in {backups.folder}\n")
    return 0


def restore_command(args: argparse.Namespace, backups: BackupService, out: TextIO) -> int:
    report = backups.restore(args.archive)
    m = report.manifest
    out.write(
        f"Restored {report.archive} (made {m.created_at.isoformat()}, "
        f"{sum(m.record_counts.values())} records, {report.files_added} files added).\n"
    )
    if report.previous is not None:
        out.write(f"The data it replaced is kept at {report.previous}\n")
    v = report.verify
    out.write(f"Chain head: {v.head.sha256} ({v.head.count} revisions)\n")
    if v.ok:
        out.write("OK: every record matches what was saved and signed.\n")
        return 0
    out.write(f"FAILED: {len(v.problems)} problem(s):\n")
    for p in v.problems:
        out.write(f"  - {p}\n")
    return 1


HANDLERS: dict[str, Any] = {}
OFFLINE_HANDLERS: dict[str, OfflineHandler] = {
    "backup": backup_command,
    "backups": backups_command,
    "restore": restore_command,
}
