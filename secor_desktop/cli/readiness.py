"""CLI commands for the owner's questions: readiness, eligibility, rebate."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from typing import Any, TextIO

from secor_desktop.cli.args import parse_date, print_json
from secor_desktop.domain import codec
from secor_desktop.domain.kinds import Province
from secor_desktop.domain.readiness_model import ReadinessReport, Severity
from secor_desktop.services.facade import Services


def _money(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").replace("$", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an amount; write it like 15000 or 15000.00"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError("the premium cannot be negative")
    return value


def add_parsers(sub: Any) -> None:
    ready = sub.add_parser("readiness", help="are we ready for the audit, element by element?")
    ready.add_argument("--as-of", type=parse_date, help="the day to judge (default today)")
    ready.add_argument(
        "--audit-date", type=parse_date, help="the audit date (default the planned one)"
    )
    ready.add_argument("--json", action="store_true", help="the full report as JSON")
    elig = sub.add_parser("eligibility", help="peak headcount in the past 12 months vs the limit")
    elig.add_argument("--as-of", type=parse_date)
    elig.add_argument("--json", action="store_true")
    rebate = sub.add_parser("rebate", help="estimate the WCB rebate from a premium")
    rebate.add_argument("--premium", type=_money, required=True, metavar="AMOUNT")
    rebate.add_argument("--province", choices=[p.value for p in Province])
    rebate.add_argument("--option", help="the rule's option, e.g. first_time (see the output)")
    rebate.add_argument("--json", action="store_true")


def readiness_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    report = services.readiness.report(services.framework(), args.as_of, args.audit_date)
    if args.json:
        print_json(codec.to_jsonable(report), out)
        return 0
    _print_report(report, out)
    return 0


def _print_report(report: ReadinessReport, out: TextIO) -> None:
    out.write(f"Readiness on {report.as_of} ({report.framework_id} {report.framework_version})\n")
    out.write(f"Overall: {report.status.label}")
    if report.weakest_elements:
        out.write(f" — weakest element(s): {', '.join(report.weakest_elements)}")
    out.write("\n")
    if report.window_first is not None:
        out.write(
            f"Records count from {report.window_first} to {report.as_of} (the 12 months "
            "judged): the program must be in use now.\n"
        )
    findings = [f for e in report.elements for f in e.findings]
    blockers = sum(1 for f in findings if f.severity is Severity.BLOCKER)
    lapsed = sum(1 for f in findings if f.code == "frequency_lapsed")
    fix = f", once the {blockers} blocker(s) below are fixed" if blockers else ""
    if lapsed:
        fix += (
            f" ({lapsed} lapsed frequency(ies) among them: those dates hold only if the "
            "records resume now; waiting does not fix them)"
        )
    out.write(
        f"Earliest audit: {report.ready_one_year_on} for a one-year certificate, "
        f"{report.ready_three_year_on} for a three-year one{fix}.\n"
    )
    if report.audit_date and report.ready_at_audit_date:
        out.write(
            f"At the planned audit date {report.audit_date}: {report.ready_at_audit_date.label}\n"
        )
    out.write("\n")
    for e in report.elements:
        span = f"{e.span_months} month(s)" if e.first_record else "no records"
        if not e.span_required:
            span += " (no span required: as-needed records)"
        out.write(f"{e.code:>2}. {e.name:<42} {e.status.label:<36} {span}\n")
        for kf in e.frequencies:
            if kf.result is not None and kf.result.periods_total:
                out.write(
                    f"      {kf.kind.label}: {kf.result.periods_met} of "
                    f"{kf.result.periods_total} {kf.result.frequency.value} periods met\n"
                )
        for f in e.findings:
            if f.severity is not Severity.NOTE:
                out.write(f"      [{f.severity.value}] {f.message}\n")
        notes = sum(1 for f in e.findings if f.severity is Severity.NOTE)
        if notes:
            out.write(f"      ({notes} note(s): see --json)\n")
    for f in report.findings:
        out.write(f"  [{f.severity.value}] {f.message}\n")


def eligibility_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    report = services.readiness.eligibility(args.as_of)
    if args.json:
        print_json(codec.to_jsonable(report), out)
        return 0
    limit = report.limit if report.limit is not None else "none"
    out.write(
        f"Peak headcount {report.window_first} to {report.window_last}: "
        f"{report.peak_headcount} (limit {limit}, {report.province.value})\n"
    )
    out.write(report.counting_rule + "\n")
    for r in report.peak_ranges:
        out.write(f"  at the peak from {r.first} to {r.last}\n")
    if report.peak_day is not None:
        names = ", ".join(report.peak_workers)
        out.write(f"Counted on {report.peak_day} ({len(report.peak_workers)}): {names}\n")
    if report.not_counted:
        out.write(f"Not counted (employment type): {', '.join(report.not_counted)}\n")
    out.write(f"{report.message}\nSource: {report.source}\n")
    return 0


def rebate_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    province = Province(args.province) if args.province else None
    estimate = services.readiness.rebate(args.premium, province, args.option)
    if args.json:
        print_json(codec.to_jsonable(estimate), out)
        return 0
    out.write(estimate.caption + "\n")
    for alt in estimate.alternatives:
        out.write(f"  - {alt.option_label or alt.option_id}: {alt.caption}\n")
        out.write(f"    Source: {alt.source}\n")
    out.write(f"Source: {estimate.source}\nThis is an estimate, not a promise of payment.\n")
    return 0


HANDLERS = {
    "readiness": readiness_command,
    "eligibility": eligibility_command,
    "rebate": rebate_command,
}
