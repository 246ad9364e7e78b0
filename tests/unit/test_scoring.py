"""Self-evaluation scoring: exact arithmetic, the element floor, N/A and interviews."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secor_desktop.domain.frameworks import FrameworkPack, load_bundled_pack, load_pack_text
from secor_desktop.domain.scoring import (
    NA,
    NO,
    YES,
    Answer,
    Interview,
    Points,
    ScoringError,
    display_pct,
    points_needed,
    score_evaluation,
    unanswered,
)

# (id, points, technique, na_allowed, owner_operator_excluded)
QuestionSpec = tuple[str, int, str, bool, bool]


def make_pack(
    elements: Mapping[str, list[QuestionSpec]], maintenance_pct: int = 80
) -> FrameworkPack:
    """A pack with the given questions per element code, 80/50 for certification."""
    data: dict[str, Any] = {
        "id": "test",
        "name": "Test",
        "version": "1",
        "certifying_partner": "Test",
        "provinces": ["AB"],
        "source": "test",
        "thresholds": {
            "certification": {"overall_pct": 80, "element_floor_pct": 50},
            "maintenance": {"overall_pct": maintenance_pct, "element_floor_pct": 50},
        },
        "record_span": {"one_year_months": 3, "three_year_months": 12},
        "elements": [
            {
                "code": code,
                "name": f"Element {code}",
                "covers": "Test.",
                "evidence_kinds": ["document"],
                "questions": [
                    {
                        "id": qid,
                        "text": "Q?",
                        "points": points,
                        "technique": technique,
                        "na_allowed": na,
                        "owner_operator_excluded": excluded,
                    }
                    for qid, points, technique, na, excluded in questions
                ],
            }
            for code, questions in elements.items()
        ],
    }
    return load_pack_text(json.dumps(data), "test.json")


TWO = make_pack(
    {
        "A": [("A1", 50, "D", False, False), ("A2", 50, "D", False, False)],
        "B": [("B1", 10, "D", True, False), ("B2", 10, "O", True, True)],
        "C": [("C1", 80, "I", True, False)],
    },
    maintenance_pct=60,
)


def test_85_overall_with_one_element_at_45_fails_and_names_it() -> None:
    """Both marks must hold: 170/200 overall is not enough when B sits at 9/20."""
    report = score_evaluation(
        TWO,
        {"A1": YES, "A2": Points(31), "B1": Points(9), "B2": NO, "C1": Interview(10, 10)},
    )
    assert report.overall_pct == 85.0
    assert report.meets_overall
    assert not report.passed
    [failing] = report.failing_elements
    assert (failing.code, failing.name, failing.pct) == ("B", "Element B", 45.0)
    assert failing.points_to_floor == 1
    assert report.points_to_overall == 0


def test_element_with_every_question_na_is_not_scored() -> None:
    """No available points means 'not scored': neither 0% nor 100%, and no failure."""
    report = score_evaluation(TWO, {"A1": YES, "A2": YES, "B1": NA, "B2": NA, "C1": NA})
    element_b = report.elements[1]
    assert not element_b.scored
    assert (element_b.pct, element_b.pct_exact, element_b.meets_floor) == (None, None, None)
    assert element_b.not_applicable == ("B1", "B2")
    assert [e.code for e in report.not_scored] == ["B", "C"]
    assert report.passed


def test_nothing_scored_at_all_cannot_pass() -> None:
    """With every question N/A there is no overall score, so no pass."""
    pack = make_pack({"A": [("A1", 10, "D", True, False)]})
    report = score_evaluation(pack, {"A1": NA})
    assert report.overall_pct is None
    assert not report.passed


def test_exactly_80_overall_and_50_in_an_element_passes() -> None:
    """The marks are inclusive."""
    pack = make_pack({"A": [("A1", 10, "D", False, False)], "B": [("B1", 40, "D", False, False)]})
    report = score_evaluation(pack, {"A1": Points(5), "B1": Points(35)})
    assert report.overall_exact == 80
    assert report.elements[0].pct_exact == 50
    assert report.passed


def test_79_99_percent_fails_without_float_drift() -> None:
    """7,999 of 10,000 workers positive is 79.99%: shown as 79.9, and a fail."""
    pack = make_pack({"A": [("A1", 100, "I", False, False)]})
    report = score_evaluation(pack, {"A1": Interview(positive=7999, asked=10000)})
    assert report.overall_pct == 79.9
    assert not report.passed
    assert report.points_to_overall == Fraction(1, 100)


def test_interview_scores_share_of_positive_answers() -> None:
    """7 of 10 positive on a 10-point question earns 7 points."""
    pack = make_pack({"A": [("A1", 10, "I", False, False)]})
    assert score_evaluation(pack, {"A1": Interview(7, 10)}).awarded == 7


def test_interview_fractions_stay_exact() -> None:
    """1 of 3 positive on 10 points is exactly 10/3 points."""
    pack = make_pack({"A": [("A1", 10, "I", False, False)]})
    assert score_evaluation(pack, {"A1": Interview(1, 3)}).awarded == Fraction(10, 3)


def test_owner_operator_only_company_drops_excluded_questions() -> None:
    """B2 leaves the available total and needs no answer."""
    report = score_evaluation(
        TWO, {"A1": YES, "A2": YES, "B1": YES, "C1": Interview(8, 10)}, owner_operator_only=True
    )
    element_b = report.elements[1]
    assert (element_b.available, element_b.excluded) == (10, ("B2",))
    assert report.owner_operator_only


def test_answers_for_excluded_questions_are_ignored() -> None:
    """An answer left over from before the company became owner-operator only does no harm."""
    answers: dict[str, Answer] = {"A1": YES, "A2": YES, "B1": YES, "B2": NO, "C1": NA}
    report = score_evaluation(TWO, answers, owner_operator_only=True)
    assert report.elements[1].pct == 100.0


def test_maintenance_audit_uses_the_maintenance_mark() -> None:
    """70% passes a maintenance audit held to 60%, but not certification at 80%."""
    answers: dict[str, Answer] = {
        "A1": YES,
        "A2": Points(20),
        "B1": Points(6),
        "B2": Points(6),
        "C1": Interview(7, 10),
    }
    assert score_evaluation(TWO, answers, audit_type="maintenance").passed
    assert not score_evaluation(TWO, answers, audit_type="certification").passed


def test_failing_element_reports_points_to_floor_and_to_overall() -> None:
    """A at 30/100 needs 20 more for the 50% floor and 50 more for 80%."""
    report = score_evaluation(
        TWO, {"A1": Points(30), "A2": NO, "B1": YES, "B2": YES, "C1": Interview(1, 1)}
    )
    element_a = report.elements[0]
    assert (element_a.points_to_floor, element_a.points_to_overall) == (Fraction(20), Fraction(50))
    assert report.points_to_overall == Fraction(80, 100) * 200 - 130


def test_bundled_pack_all_yes_scores_100() -> None:
    """Every D/O question Yes and every interview fully positive passes at 100%."""
    pack = load_bundled_pack()
    answers: dict[str, Answer] = {
        qid: Interview(5, 5) if question.technique == "I" else YES
        for qid, (_, question) in pack.questions().items()
    }
    report = score_evaluation(pack, answers)
    assert report.overall_pct == 100.0 and report.passed


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"ZZ": YES}, "question ZZ: is not a question of pack test"),
        ({"C1": Interview(11, 10)}, "question C1: positive must be 0 to asked (10), got 11"),
        ({"C1": Interview(-1, 10)}, "question C1: positive must be 0 to asked (10), got -1"),
        ({"C1": Interview(0, 0)}, "question C1: asked must be at least 1, got 0"),
        ({"A1": NA}, "question A1: N/A is not allowed for this question"),
        ({"C1": YES}, "question C1: is an interview question"),
        ({"A1": Interview(1, 2)}, "question A1: is not an interview question"),
        ({"A1": Points(51)}, "question A1: awarded 51 points; must be 0 to 50"),
        ({"A1": Points(-1)}, "question A1: awarded -1 points; must be 0 to 50"),
        ({"A1": "yes"}, "question A1: not an answer: 'yes'"),
    ],
)
def test_invalid_answer_names_question_and_problem(answers: dict[str, Any], message: str) -> None:
    """Each misfit answer is reported against its question."""
    full: dict[str, Any] = {"A1": YES, "A2": YES, "B1": YES, "B2": YES, "C1": Interview(1, 1)}
    with pytest.raises(ScoringError) as info:
        score_evaluation(TWO, {**full, **answers})
    assert str(info.value).startswith(message)


def test_missing_answers_name_the_first_and_count_the_rest() -> None:
    """Scoring an incomplete evaluation is refused, pointing at what is left."""
    with pytest.raises(
        ScoringError, match=r"question B1: has no answer \(2 more also unanswered\)"
    ):
        score_evaluation(TWO, {"A1": YES, "A2": YES})


def test_single_missing_answer_is_named_alone() -> None:
    """One gap, one name."""
    with pytest.raises(ScoringError) as info:
        score_evaluation(TWO, {"A1": YES, "A2": YES, "B1": YES, "B2": YES})
    assert (info.value.question_id, info.value.problem) == ("C1", "has no answer")
    assert isinstance(info.value, ValueError)


def test_unanswered_lists_gaps_in_pack_order_without_excluded() -> None:
    """The UI can show what remains before scoring."""
    assert unanswered(TWO, {"A2": YES}) == ("A1", "B1", "B2", "C1")
    assert unanswered(TWO, {"A2": YES}, owner_operator_only=True) == ("A1", "B1", "C1")


def test_unknown_audit_type_is_rejected() -> None:
    """Only certification, maintenance and recertification exist."""
    with pytest.raises(ValueError, match="'annual'"):
        score_evaluation(TWO, {}, audit_type="annual")


def test_display_rounds_down_to_one_decimal() -> None:
    """Two thirds shows as 66.6, so a shown figure never overstates the score."""
    assert display_pct(Fraction(200, 3)) == 66.6
    assert display_pct(Fraction(80)) == 80.0
    assert display_pct(None) is None


# Properties over a fixed pack whose D questions all allow N/A.
PROP = make_pack(
    {
        "A": [
            ("A1", 10, "D", True, False),
            ("A2", 5, "D", True, False),
            ("A3", 3, "D", True, False),
        ],
        "B": [("B1", 7, "D", True, False), ("B2", 20, "D", True, False)],
    }
)
POINTS = {q.id: q.points for e in PROP.elements for q in e.questions}


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for qid, points in POINTS.items():
        kind = draw(st.sampled_from(["yes", "no", "na", "points"]))
        if kind == "points":
            answers[qid] = Points(draw(st.integers(min_value=0, max_value=points)))
        else:
            fixed: dict[str, Answer] = {"yes": YES, "no": NO, "na": NA}
            answers[qid] = fixed[kind]
    return answers


@given(answer_sets(), st.sampled_from(sorted(POINTS)))
def test_na_never_lowers_an_element_compared_with_no(
    answers: dict[str, Answer], question_id: str
) -> None:
    """Marking a question N/A instead of No never lowers its element's percentage."""
    element = 0 if question_id.startswith("A") else 1
    with_no = score_evaluation(PROP, {**answers, question_id: NO}).elements[element]
    with_na = score_evaluation(PROP, {**answers, question_id: NA}).elements[element]
    assert with_no.pct_exact is not None
    assert with_na.pct_exact is None or with_na.pct_exact >= with_no.pct_exact


@given(answer_sets(), st.sampled_from(sorted(POINTS)), st.integers(min_value=1, max_value=20))
def test_a_higher_score_never_turns_a_pass_into_a_fail(
    answers: dict[str, Answer], question_id: str, extra: int
) -> None:
    """Raising one answer's points keeps a pass a pass."""
    before = answers.get(question_id)
    low = before.awarded if isinstance(before, Points) else 0
    low = min(low, POINTS[question_id] - 1)
    high = min(POINTS[question_id], low + extra)
    lower = score_evaluation(PROP, {**answers, question_id: Points(low)})
    higher = score_evaluation(PROP, {**answers, question_id: Points(high)})
    assert higher.awarded >= lower.awarded
    if lower.passed:
        assert higher.passed


def test_points_needed_round_up_to_two_decimals() -> None:
    """A shortfall of 0.001 points shows as 0.01, 0.03 as 0.03, none as 0.00."""
    assert points_needed(Fraction(1, 1000)) == Decimal("0.01")
    assert points_needed(Fraction(3, 100)) == Decimal("0.03")
    assert points_needed(Fraction(0)) == Decimal("0")
