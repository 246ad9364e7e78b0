"""CLI commands for the company profile: show it, change it."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any, TextIO

from secor_desktop.cli.args import parse_date, print_json
from secor_desktop.domain import codec
from secor_desktop.domain.kinds import Frequency, Province, RecordKind
from secor_desktop.domain.model import Company
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.facade import Services


def _frequency(text: str) -> tuple[RecordKind, Frequency]:
    kind, _, freq = text.partition("=")
    try:
        return RecordKind(kind.strip()), Frequency(freq.strip())
    except ValueError:
        kinds = ", ".join(k.value for k in RecordKind)
        freqs = ", ".join(f.value for f in Frequency)
        raise argparse.ArgumentTypeError(
            f"{text!r}: write KIND=FREQUENCY, KIND one of {kinds}; FREQUENCY one of {freqs}"
        ) from None


def add_parsers(sub: Any) -> None:
    company = sub.add_parser("company", help="show or change the company profile")
    company.add_argument("--json", action="store_true")
    csub = company.add_subparsers(dest="company_command", metavar="ACTION")
    change = csub.add_parser("set", help="change fields of the profile (or create it)")
    change.add_argument("--name")
    change.add_argument("--province", choices=[p.value for p in Province])
    change.add_argument("--wcb-account")
    change.add_argument("--partner", help="certifying partner")
    change.add_argument("--framework", help="framework pack id, e.g. secor-9-element")
    change.add_argument("--planned-audit-date", type=parse_date)
    change.add_argument("--certificate-date", type=parse_date)
    change.add_argument(
        "--frequency",
        type=_frequency,
        action="append",
        default=[],
        metavar="KIND=FREQ",
        help="declared frequency of a record kind, e.g. inspection=weekly (repeatable)",
    )
    add_framework_parser(sub)


def company_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    current = services.company.get()
    if getattr(args, "company_command", None) == "set":
        if current is None:
            if not args.name or not args.province:
                raise NotFoundError("There is no company yet: give at least --name and --province.")
            current = Company(name=args.name, province=Province(args.province))
        changes: dict[str, Any] = {}
        for field, value in (
            ("name", args.name),
            ("province", Province(args.province) if args.province else None),
            ("wcb_account", args.wcb_account),
            ("certifying_partner", args.partner),
            ("framework_id", args.framework),
            ("planned_audit_date", args.planned_audit_date),
            ("certificate_date", args.certificate_date),
        ):
            if value is not None:
                changes[field] = value
        if args.frequency:
            changes["frequencies"] = {**current.frequencies, **dict(args.frequency)}
        current = services.company.save(replace(current, **changes))
    if current is None:
        out.write("No company yet: secor-desktop company set --name NAME --province AB\n")
        return 0
    data = codec.to_jsonable(current) | {
        "frequencies": {
            k.value: v.value for k, v in current.with_every_frequency().frequencies.items()
        }
    }
    if args.json:
        print_json(data, out)
        return 0
    for key, value in data.items():
        if key != "frequencies":
            out.write(f"{key}: {value}\n")
    out.write("declared frequencies:\n")
    for kind, freq in data["frequencies"].items():
        out.write(f"  {kind:<18} {freq}\n")
    return 0


def add_framework_parser(sub: Any) -> None:
    packs = sub.add_parser("frameworks", help="framework packs: bundled and your own")
    packs.add_argument("--json", action="store_true")


def frameworks_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    cat = services.frameworks()
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "version": p.version,
            "partner": p.certifying_partner,
            "elements": len(p.elements),
            "origin": str(p.origin),
            "replaces": p.replaces,
        }
        for p in cat.packs
    ]
    broken = [str(e) for e in cat.broken]
    if args.json:
        print_json({"packs": rows, "broken": broken, "user_dir": str(cat.user_dir)}, out)
        return 0
    for row in rows:
        out.write(
            f"{row['id']:<22} {row['version']:<8} {row['elements']:>2} elements  {row['name']}\n"
        )
    out.write(f"Your own packs go in {cat.user_dir} (one .json file each).\n")
    for problem in broken:
        out.write(f"Could not use: {problem}\n")
    return 0


HANDLERS = {"company": company_command, "frameworks": frameworks_command}
