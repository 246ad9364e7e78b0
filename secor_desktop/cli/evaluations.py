"""CLI commands for self-evaluations and the three-year cycle: score, evaluations, cycle."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from secor_desktop.cli.args import BadInput, parse_date, print_json
from secor_desktop.domain import codec
from secor_desktop.domain.evaluation import parse_answers
from secor_desktop.domain.scoring import ScoreReport, points_needed
from secor_desktop.services.evaluations import TrendPoint
from secor_desktop.services.facade import Services


def add_parsers(sub: Any) -> None:
    score = sub.add_parser("score", help="score a self-evaluation from an answers file")
    score.add_argument("answers", type=Path, help="answers JSON (see docs/json-formats.md)")
    score.add_argument("--save", action="store_true", help="keep it as the audit of its date")
    score.add_argument("--external", action="store_true", help="held by an external auditor")
    score.add_argument("--auditor", default="", help="who held it")
    score.add_argument("--json", action="store_true")
    evals = sub.add_parser("evaluations", help="saved evaluations and the score trend")
    evals.add_argument("--json", action="store_true")
    cycle = sub.add_parser("cycle", help="the three-year certificate cycle and what is due")
    cycle.add_argument("--as-of", type=parse_date)
    cycle.add_argument("--json", action="store_true")


def score_view(report: ScoreReport) -> dict[str, Any]:
    """The documented JSON form of a score (docs/json-formats.md)."""
    return {
        "framework_id": report.pack_id,
        "framework_version": report.pack_version,
        "audit_type": report.audit_type.value,
        "overall_pct": report.overall_pct,
        "overall_threshold_pct": str(report.thresholds.overall_pct),
        "element_floor_pct": str(report.thresholds.element_floor_pct),
        "passed": report.passed,
        "failing_elements": [e.code for e in report.failing_elements],
        "not_scored": [e.code for e in report.not_scored],
        "points_to_overall": float(points_needed(report.points_to_overall)),
        "elements": [
            {
                "code": e.code,
                "name": e.name,
                "awarded": float(round(e.awarded, 2)),
                "available": e.available,
                "pct": e.pct,
                "meets_floor": e.meets_floor,
                "points_to_floor": float(points_needed(e.points_to_floor)),
                "not_applicable": list(e.not_applicable),
                "excluded": list(e.excluded),
            }
            for e in report.elements
        ],
    }


def trend_view(point: TrendPoint) -> dict[str, Any]:
    """The documented JSON form of one saved evaluation (docs/json-formats.md)."""
    view: dict[str, Any] = {
        "eval_date": point.eval_date.isoformat(),
        "audit_type": point.audit_type.value,
        "overall_pct": point.overall_pct,
        "passed": point.passed,
    }
    if point.external:
        view["external"] = True
    return view


def score_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    pack = services.framework()
    try:
        text = args.answers.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{args.answers} cannot be read: {exc}") from None
    answers = parse_answers(text, str(args.answers), pack)
    if args.save:
        eval_date = answers.eval_date or services.ctx.clock.today()
        _, report = services.evaluations.save(
            pack,
            answers.answers,
            answers.audit_type,
            eval_date,
            owner_operator_only=answers.owner_operator_only,
            external=args.external,
            auditor=args.auditor,
        )
    else:
        report = services.evaluations.score(
            pack, answers.answers, answers.audit_type, answers.owner_operator_only
        )
    view = score_view(report)
    if args.json:
        print_json(view, out)
        return 0
    for e in report.elements:
        pct = "not scored (every question N/A)" if e.pct is None else f"{e.pct:.1f}%"
        flag = "  BELOW THE FLOOR" if e.meets_floor is False else ""
        out.write(f"{e.code:>2}. {e.name:<42} {pct}{flag}\n")
    overall = "-" if report.overall_pct is None else f"{report.overall_pct:.1f}%"
    out.write(
        f"Overall: {overall} (pass: {report.thresholds.overall_pct}% overall and "
        f"{report.thresholds.element_floor_pct}% in every element)\n"
    )
    if report.passed:
        out.write("PASS\n")
    else:
        reasons = [
            f"element {e.code} ({e.name}) is at {e.pct:.1f}%, needs "
            f"{points_needed(e.points_to_floor)} more point(s)"
            for e in report.failing_elements
            if e.pct is not None
        ]
        if not report.meets_overall:
            reasons.append(f"overall needs {points_needed(report.points_to_overall)} more point(s)")
        out.write("FAIL: " + "; ".join(reasons) + "\n")
    if args.save:
        out.write("Saved as the audit of its date.\n")
    return 0


def evaluations_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    pack = services.framework()
    points = services.evaluations.trend(pack)
    if args.json:
        print_json([trend_view(p) for p in points], out)
        return 0
    others = sorted({e.framework_id for e in services.evaluations.all()} - {pack.id})
    if not points:
        out.write(f"No saved evaluations with the {pack.id} pack yet ")
        out.write("(secor-desktop score ANSWERS.json --save).\n")
    for p in points:
        pct = "-" if p.overall_pct is None else f"{p.overall_pct:.1f}%"
        who = "external" if p.external else "internal"
        out.write(
            f"{p.eval_date}  {p.audit_type.value:<15} {who:<8} {pct:>7}  "
            f"{'pass' if p.passed else 'fail'}\n"
        )
    if others:
        out.write(
            f"Evaluations made with another pack ({', '.join(others)}) are kept but not "
            f"scored with {pack.id}: choose that pack to see them.\n"
        )
    return 0


def cycle_command(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    report = services.evaluations.cycle(args.as_of)
    if args.json:
        data = codec.to_jsonable(report)
        data["rebate_at_risk"] = report.rebate_at_risk
        print_json(data, out)
        return 0
    out.write(
        f"Certificate {report.certificate_date} to {report.expiry}: {report.state.value}"
        f"{' (rebate at risk)' if report.rebate_at_risk else ''}\n"
    )
    for slot in report.slots:
        held = f", held {slot.held_on}" if slot.held_on else ""
        out.write(
            f"  {slot.label}: window {slot.opens} to {slot.due} "
            f"(target {slot.target}) — {slot.status.value}{held}\n"
        )
    out.write(f"Internal auditor training: {report.auditor_training.value}\n")
    for message in report.messages:
        out.write(f"  {message}\n")
    return 0


HANDLERS = {
    "score": score_command,
    "evaluations": evaluations_command,
    "cycle": cycle_command,
}
