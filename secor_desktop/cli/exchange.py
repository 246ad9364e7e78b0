"""``secor-desktop exchange``: records between two laptops, offline, through a file.

Exit codes as everywhere: 0 done; 1 problems found (a refused exchange file, nothing changed;
conflicts listed and waiting to be settled); 2 bad input or cannot run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.cli.args import BadInput
from secor_desktop.services.bundle_check import ImportRejected
from secor_desktop.services.facade import Services


def add_parsers(sub: Any) -> None:
    ex = sub.add_parser("exchange", help="exchange records with another laptop through a file")
    esub = ex.add_subparsers(dest="exchange_command", metavar="ACTION", required=True)
    exp = esub.add_parser("export", help="write what the other laptop has not seen yet")
    exp.add_argument("file", type=Path, help="the exchange file to write (e.g. on a USB stick)")
    exp.add_argument("--for", dest="peer", metavar="LAPTOP", help="the other laptop's name")
    imp = esub.add_parser("import", help="bring in another laptop's exchange file (all or nothing)")
    imp.add_argument("file", type=Path, help="the exchange file the other laptop wrote")
    esub.add_parser("conflicts", help="list items changed on both laptops (exit 1 when any)")
    settle = esub.add_parser("settle", help="settle a conflict by keeping one side")
    settle.add_argument("item", help="the item's id, as listed by 'exchange conflicts'")
    settle.add_argument("--keep", required=True, help="the side to keep: 1, 2 ... as listed")
    settle.add_argument("--reason", required=True, help="why that side is kept")
    dev = esub.add_parser("device", help="show or rename this laptop, as other laptops see it")
    dev.add_argument("--name", help="a new name for this laptop")


def exchange_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    action = args.exchange_command
    if action == "export":
        done = services.exchange.export(args.file, args.peer)
        whom = f" for {done.peer_name}" if done.peer_name else ""
        out.write(f"Wrote {done.revisions} revisions and {done.files} files{whom} to {done.path}\n")
        return 0
    if action == "import":
        return _import(args.file, services, out)
    if action == "conflicts":
        return _conflicts(services, out)
    if action == "settle":
        return _settle(args, services, out)
    if args.name is not None:
        services.exchange.rename_device(args.name)
    device_id, name = services.exchange.device()
    out.write(f"This laptop: {name} (device {device_id})\n")
    for p in services.exchange.peers():
        out.write(
            f"  exchanged with {p.name} (device {p.device_id}), last on "
            f"{p.last_exchange_at:%Y-%m-%d %H:%M} UTC\n"
        )
    return 0


def _import(path: Path, services: Services, out: TextIO) -> int:
    if not path.is_file():
        raise BadInput(f"{path} is not a file: give the exchange file the other laptop wrote.")
    try:
        report = services.exchange.import_file(path)
    except ImportRejected as exc:
        sys.stderr.write(f"secor-desktop: {exc}\n")
        return 1
    added = ", ".join(f"{n} {kind}" for kind, n in sorted(report.added.items())) or "nothing new"
    out.write(
        f"From {report.sender_name}: {added}; {report.already_here} revisions already here.\n"
    )
    if report.conflicts:
        out.write(f"{len(report.conflicts)} item(s) changed on both laptops, now in conflict:\n")
        for label in report.conflicts:
            out.write(f"  - {label}\n")
        out.write("Settle each with: secor-desktop exchange settle ID --keep N --reason TEXT\n")
    return 0


def _conflicts(services: Services, out: TextIO) -> int:
    conflicts = services.exchange.conflicts()
    if not conflicts:
        out.write("No conflicts.\n")
        return 0
    for c in conflicts:
        out.write(f"{c.label} differs in: {', '.join(c.differs) or 'content'}\n")
        for number, side in enumerate(c.sides, start=1):
            out.write(
                f"  {number}. as saved on {side.device_name} at "
                f"{side.entered_at:%Y-%m-%d %H:%M} UTC\n"
            )
    out.write(f"{len(conflicts)} conflict(s).\n")
    return 1


def _settle(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    matches = [c for c in services.exchange.conflicts() if c.entity_id == args.item]
    if not matches:
        raise BadInput(f"{args.item} is not in conflict: see 'secor-desktop exchange conflicts'.")
    c = matches[0]
    services.exchange.settle(c.entity_type, c.entity_id, args.keep, args.reason)
    out.write(f"Settled {c.label}: kept side {args.keep}.\n")
    return 0


HANDLERS = {"exchange": exchange_command}
