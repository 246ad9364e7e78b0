"""Self-evaluation scoring, question by question, against a framework pack's pass marks.

A pass needs both the overall mark and the floor in every scored element (85% overall with one
element at 45% fails). Arithmetic is exact (Fraction), because a score of 79.99% must not pass
as 80% through float drift. One rounding rule for display, always against the company: a
percentage is rounded *down* to one decimal (79.99% shows as 79.9%, never as a passing 80.0%),
and points still needed are rounded *up* to two decimals (0.018 shows as 0.02, never as 0.0).
An element whose every question is N/A or excluded is "not scored" (pct None): showing it as
0% or 100% would mislead either way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from secor_desktop.domain.frameworks import (
    AuditType,
    Element,
    FrameworkPack,
    Question,
    Technique,
    Thresholds,
)


class ScoringError(ValueError):
    """An answer that cannot be scored; names the question and the problem."""

    def __init__(self, question_id: str, problem: str) -> None:
        self.question_id = question_id
        self.problem = problem
        super().__init__(f"question {question_id}: {problem}")


@dataclass(frozen=True)
class Yes:
    """Full points (documentation or observation questions)."""


@dataclass(frozen=True)
class No:
    """No points (documentation or observation questions)."""


@dataclass(frozen=True)
class Points:
    """Points awarded directly, from 0 to the question's points."""

    awarded: int


@dataclass(frozen=True)
class NotApplicable:
    """Removes the question's points from the element's available total (where allowed)."""


@dataclass(frozen=True)
class Interview:
    """``positive`` of ``asked`` workers answered well; scores points * positive / asked."""

    positive: int
    asked: int


Answer = Yes | No | Points | NotApplicable | Interview
YES, NO, NA = Yes(), No(), NotApplicable()


def display_pct(value: Fraction | None) -> float | None:
    """A percentage to one decimal place, rounded down (None stays None: "not scored")."""
    return None if value is None else math.floor(value * 10) / 10


def points_needed(value: Fraction) -> Decimal:
    """Points still missing, rounded up to two decimals: a real shortfall never shows as 0."""
    return Decimal(math.ceil(value * 100)) / 100


def _shortfall(pct: Fraction, available: int, awarded: Fraction) -> Fraction:
    return max(Fraction(0), pct / 100 * available - awarded)


@dataclass(frozen=True)
class ElementScore:
    code: str
    name: str
    awarded: Fraction
    available: int
    not_applicable: tuple[str, ...]
    excluded: tuple[str, ...]
    floor_pct: Fraction
    overall_pct: Fraction

    @property
    def scored(self) -> bool:
        return self.available > 0

    @property
    def pct_exact(self) -> Fraction | None:
        return Fraction(100) * self.awarded / self.available if self.scored else None

    @property
    def pct(self) -> float | None:
        return display_pct(self.pct_exact)

    @property
    def meets_floor(self) -> bool | None:
        pct = self.pct_exact
        return None if pct is None else pct >= self.floor_pct

    @property
    def points_to_floor(self) -> Fraction:
        """More points this element needs to reach the floor (0 when it does)."""
        return _shortfall(self.floor_pct, self.available, self.awarded)

    @property
    def points_to_overall(self) -> Fraction:
        """More points this element needs to reach the overall mark on its own."""
        return _shortfall(self.overall_pct, self.available, self.awarded)


@dataclass(frozen=True)
class ScoreReport:
    pack_id: str
    pack_version: str
    audit_type: AuditType
    thresholds: Thresholds
    owner_operator_only: bool
    elements: tuple[ElementScore, ...]

    @property
    def awarded(self) -> Fraction:
        return sum((e.awarded for e in self.elements), Fraction(0))

    @property
    def available(self) -> int:
        return sum(e.available for e in self.elements)

    @property
    def overall_exact(self) -> Fraction | None:
        return Fraction(100) * self.awarded / self.available if self.available else None

    @property
    def overall_pct(self) -> float | None:
        return display_pct(self.overall_exact)

    @property
    def meets_overall(self) -> bool:
        overall = self.overall_exact
        return overall is not None and overall >= Fraction(self.thresholds.overall_pct)

    @property
    def failing_elements(self) -> tuple[ElementScore, ...]:
        """Scored elements under the floor; any one of them fails the audit."""
        return tuple(e for e in self.elements if e.meets_floor is False)

    @property
    def not_scored(self) -> tuple[ElementScore, ...]:
        return tuple(e for e in self.elements if not e.scored)

    @property
    def passed(self) -> bool:
        return self.meets_overall and not self.failing_elements

    @property
    def points_to_overall(self) -> Fraction:
        """More points needed across the audit to reach the overall mark (0 when reached)."""
        return _shortfall(Fraction(self.thresholds.overall_pct), self.available, self.awarded)


def _awarded(question: Question, answer: Answer) -> Fraction | None:
    """Points for one answer, or None for N/A; raises ScoringError for a misfit answer."""
    interview = question.technique is Technique.INTERVIEW
    match answer:
        case NotApplicable():
            if not question.na_allowed:
                raise ScoringError(question.id, "N/A is not allowed for this question")
            return None
        case Yes() | No() if interview:
            raise ScoringError(
                question.id,
                "is an interview question: give how many workers answered well out of how "
                'many were asked, as {"positive": N, "asked": M}',
            )
        case Yes():
            return Fraction(question.points)
        case No():
            return Fraction(0)
        case Points(awarded=awarded):
            if not 0 <= awarded <= question.points:
                raise ScoringError(
                    question.id, f"awarded {awarded} points; must be 0 to {question.points}"
                )
            return Fraction(awarded)
        case Interview(positive=positive, asked=asked):
            if not interview:
                raise ScoringError(
                    question.id,
                    "is not an interview question: answer yes, no or points, not positive/asked",
                )
            if asked <= 0:
                raise ScoringError(question.id, f"asked must be at least 1, got {asked}")
            if not 0 <= positive <= asked:
                raise ScoringError(
                    question.id, f"positive must be 0 to asked ({asked}), got {positive}"
                )
            return Fraction(question.points * positive, asked)
    raise ScoringError(question.id, f"not an answer: {answer!r}")


def unanswered(
    pack: FrameworkPack, answers: Mapping[str, Answer], *, owner_operator_only: bool = False
) -> tuple[str, ...]:
    """Question ids that still need an answer, in pack order (excluded ones left out)."""
    return tuple(
        q.id
        for e in pack.elements
        for q in e.questions
        if q.id not in answers and not (owner_operator_only and q.owner_operator_excluded)
    )


def _score_element(
    element: Element,
    answers: Mapping[str, Answer],
    owner_operator_only: bool,
    thresholds: Thresholds,
) -> ElementScore:
    awarded, available = Fraction(0), 0
    not_applicable: list[str] = []
    excluded: list[str] = []
    for question in element.questions:
        if owner_operator_only and question.owner_operator_excluded:
            excluded.append(question.id)
            continue
        points = _awarded(question, answers[question.id])
        if points is None:
            not_applicable.append(question.id)
        else:
            awarded += points
            available += question.points
    return ElementScore(
        code=element.code,
        name=element.name,
        awarded=awarded,
        available=available,
        not_applicable=tuple(not_applicable),
        excluded=tuple(excluded),
        floor_pct=Fraction(thresholds.element_floor_pct),
        overall_pct=Fraction(thresholds.overall_pct),
    )


def score_evaluation(
    pack: FrameworkPack,
    answers: Mapping[str, Answer],
    *,
    owner_operator_only: bool = False,
    audit_type: AuditType | str = AuditType.CERTIFICATION,
) -> ScoreReport:
    """Score a complete set of answers against ``pack`` for the given audit type.

    Every question needs an answer except those excluded for an owner-operator-only company
    (answers given for those are ignored). Raises ScoringError for unknown question ids,
    missing answers and answers that do not fit their question.
    """
    kind = AuditType(audit_type)
    known = pack.questions()
    for question_id in answers:
        if question_id not in known:
            raise ScoringError(question_id, f"is not a question of pack {pack.id}")
    missing = unanswered(pack, answers, owner_operator_only=owner_operator_only)
    if missing:
        others = f" ({len(missing) - 1} more also unanswered)" if len(missing) > 1 else ""
        raise ScoringError(missing[0], f"has no answer{others}")
    thresholds = pack.thresholds.for_audit(kind)
    return ScoreReport(
        pack_id=pack.id,
        pack_version=pack.version,
        audit_type=kind,
        thresholds=thresholds,
        owner_operator_only=owner_operator_only,
        elements=tuple(
            _score_element(e, answers, owner_operator_only, thresholds) for e in pack.elements
        ),
    )
