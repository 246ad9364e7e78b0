"""CLI commands for the written program: list the starter documents, start one, print the manual.

``program`` lists each starter document with its state; ``program start ID --set NAME=VALUE``
makes the filled draft document; ``program manual OUT.pdf`` writes the signed documents as
one "Health and Safety Program" PDF.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.cli.args import BadInput, print_json
from secor_desktop.domain.starter import BLANK
from secor_desktop.services.facade import Services


def _assignment(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write NAME=VALUE, e.g. muster_point='the gate on 50 Street'"
        )
    if not BLANK.fullmatch("{{" + name + "}}"):
        raise argparse.ArgumentTypeError(
            f"{name!r} is not a blank's name: use lower case letters, digits and _"
        )
    return name, value


def add_parsers(sub: Any) -> None:
    program = sub.add_parser(
        "program", help="the written program: starter documents, their state, the manual"
    )
    program.add_argument("--json", action="store_true", help="print the list as JSON")
    psub = program.add_subparsers(dest="program_command", metavar="ACTION")
    start = psub.add_parser(
        "start", help="make a draft document from a starter document, its blanks filled"
    )
    start.add_argument("template_id", metavar="ID", help="the starter document's id")
    start.add_argument(
        "--set",
        dest="values",
        type=_assignment,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fill one blank, e.g. --set muster_point='Front gate' (repeatable)",
    )
    manual = psub.add_parser(
        "manual", help="write the signed documents as one Health and Safety Program PDF"
    )
    manual.add_argument("out", type=Path, metavar="OUT.pdf", help="the PDF file to write")


def program_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    action = getattr(args, "program_command", None)
    if action == "start":
        return _start(args, services, out)
    if action == "manual":
        return _manual(args, services, out)
    entries = services.program.status(services.framework())
    if args.json:
        print_json(
            [
                {
                    "id": e.template.id,
                    "title": e.template.title,
                    "version": e.template.version,
                    "covers": list(e.template.covers),
                    "requirement": e.template.requirement,
                    "state": e.state.value,
                    "record_id": e.record_id,
                    "review_due": e.review_due.isoformat() if e.review_due else None,
                }
                for e in entries
            ],
            out,
        )
        return 0
    width = max((len(e.template.id) for e in entries), default=10)
    for e in entries:
        due = f" (review due {e.review_due.isoformat()})" if e.review_due else ""
        out.write(f"{e.template.id:<{width}}  {e.state.value:<11}  {e.template.title}{due}\n")
    for problem in services.program.problems:
        out.write(f"Skipped a broken template: {problem}\n")
    return 0


def _start(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    values: dict[str, str] = {}
    for name, value in args.values:
        if name in values:
            raise BadInput(f"--set {name} is given twice; give each blank once.")
        values[name] = value
    record = services.program.start(args.template_id, values)
    left = services.program.unfilled(record)
    out.write(f"Made the draft '{record.title}' (record {record.id}).\n")
    if left:
        out.write(
            "Still to fill before it can be signed: "
            + ", ".join("{{" + n + "}}" for n in left)
            + ". Fill them in the app (Written program, Open), or make a fresh draft with "
            "--set NAME=VALUE for each.\n"
        )
    return 0


def _manual(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    if args.out.suffix.lower() != ".pdf":
        raise BadInput(f"{args.out} does not end in .pdf; give the manual a .pdf file name.")
    if not args.out.parent.is_dir():
        raise BadInput(f"The folder {args.out.parent} does not exist; create it first.")
    manual = services.program.write_manual(args.out, services.framework())
    out.write(
        f"Wrote {args.out}: {len(manual.documents)} signed document(s)"
        + (f", {len(manual.drafts_left_out)} draft(s) left out" if manual.drafts_left_out else "")
        + ".\n"
    )
    return 0


HANDLERS = {"program": program_command}
