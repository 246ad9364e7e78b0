"""What a self-evaluation score says, as words an owner reads (colour is only ever added).

Shared by the wizard (live, while questions are still being answered) and the evaluations
page (saved audits). Percentages come from the engine already rounded down, so a shown
figure never claims a mark that was missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from fractions import Fraction

from secor_desktop.domain.frameworks import AuditType, Technique, Thresholds
from secor_desktop.domain.scoring import ElementScore, ScoreReport, points_needed


class Tone(Enum):
    NEUTRAL = "neutral"
    GOOD = "good"
    BAD = "bad"


# Background and text colours per tone (the words always say the same thing).
TONE_COLOURS = {
    Tone.NEUTRAL: ("#e9ecef", "#212529"),
    Tone.GOOD: ("#d1e7dd", "#0f5132"),
    Tone.BAD: ("#f8d7da", "#842029"),
}
TEXT_COLOURS = {Tone.NEUTRAL: "#212529", Tone.GOOD: "#0f5132", Tone.BAD: "#b3261e"}

TECHNIQUE_WORDS = {
    Technique.DOCUMENTATION: "Documentation: check the records",
    Technique.INTERVIEW: "Interview: ask workers",
    Technique.OBSERVATION: "Observation: look at the work site",
}
AUDIT_TYPE_WORDS = {
    AuditType.CERTIFICATION: "Certification",
    AuditType.MAINTENANCE: "Maintenance",
    AuditType.RECERTIFICATION: "Recertification",
}


@dataclass(frozen=True)
class Verdict:
    text: str
    tone: Tone


def mark(value: Decimal | Fraction) -> str:
    """A pass mark as people write it: 80, not 80.00."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{value.normalize():f}"


def pct_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def element_title(element: ElementScore) -> str:
    return f"{element.code}. {element.name}"


def pass_rule(thresholds: Thresholds) -> str:
    return (
        f"{mark(thresholds.overall_pct)}% overall and at least "
        f"{mark(thresholds.element_floor_pct)}% in every element"
    )


def below_floor(element: ElementScore) -> str:
    """Why a scored element under the floor fails the audit, in words."""
    return (
        f"element {element.code} ({element.name}) is at {pct_text(element.pct)}, under the "
        f"{mark(element.floor_pct)}% floor "
        f"(needs {points_needed(element.points_to_floor)} more point(s))"
    )


def element_verdict(element: ElementScore, answered: int, asked: int) -> Verdict:
    """One element's score while answering: ``answered`` of the ``asked`` questions so far."""
    if asked == 0:
        return Verdict("left out (owner-operator only)", Tone.NEUTRAL)
    if answered == 0:
        return Verdict(f"not started ({asked} questions)", Tone.NEUTRAL)
    done = answered == asked
    progress = "" if done else f" so far ({answered} of {asked} answered)"
    if element.pct is None:
        return Verdict("not scored: every question N/A" + progress, Tone.NEUTRAL)
    if element.meets_floor is False:
        return Verdict(
            f"⚠ {pct_text(element.pct)}{progress}: BELOW THE {mark(element.floor_pct)}% "
            "FLOOR, fails the audit",
            Tone.BAD,
        )
    tick = "✓ " if done else ""
    return Verdict(f"{tick}{pct_text(element.pct)}{progress}", Tone.GOOD if done else Tone.NEUTRAL)


def step_verdict(element: ElementScore, answered: int, asked: int) -> Verdict:
    """The same as ``element_verdict``, short enough for the list of steps."""
    verdict = element_verdict(element, answered, asked)
    if answered and answered < asked and element.pct is None:
        return Verdict(f"all N/A so far ({answered} of {asked} answered)", Tone.NEUTRAL)
    if verdict.tone is not Tone.BAD:
        return verdict
    so_far = "" if answered == asked else f" so far ({answered} of {asked})"
    return Verdict(
        f"⚠ {pct_text(element.pct)}{so_far}: under {mark(element.floor_pct)}%, FAILS", Tone.BAD
    )


def result_verdict(report: ScoreReport, unanswered: int) -> Verdict:
    """The audit's result: PASS or FAIL with its reasons, or how far from finished."""
    rule = pass_rule(report.thresholds)
    if unanswered:
        text = f"Not finished: {unanswered} question(s) still unanswered."
        if report.failing_elements:
            failing = "; ".join(below_floor(e) for e in report.failing_elements)
            return Verdict(f"{text} Already failing: {failing}.", Tone.BAD)
        return Verdict(f"{text} Pass needs {rule}.", Tone.NEUTRAL)
    overall = pct_text(report.overall_pct)
    if report.passed:
        return Verdict(
            f"PASS: {overall} overall, and every element at or above its floor.", Tone.GOOD
        )
    reasons = [below_floor(e) for e in report.failing_elements]
    if not report.meets_overall:
        reasons.append(
            f"overall {overall} is under the {mark(report.thresholds.overall_pct)}% pass mark "
            f"(needs {points_needed(report.points_to_overall)} more point(s))"
        )
    text = "FAIL: " + "; ".join(reasons)
    if report.meets_overall:
        text += (
            f", even though the overall {overall} reaches the "
            f"{mark(report.thresholds.overall_pct)}% pass mark"
        )
    return Verdict(text + ".", Tone.BAD)


def overall_text(report: ScoreReport, unanswered: int) -> str:
    so_far = " so far" if unanswered else ""
    return (
        f"Overall{so_far}: {pct_text(report.overall_pct)} "
        f"(pass mark {mark(report.thresholds.overall_pct)}%)"
    )
