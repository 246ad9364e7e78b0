"""Alberta's two element lists as packs: the published names, our own questions, and scoring."""

from __future__ import annotations

from decimal import Decimal

import pytest

from secor_desktop.domain.frameworks import (
    AuditType,
    FrameworkPack,
    Technique,
    load_bundled_pack,
)
from secor_desktop.domain.kinds import Province
from secor_desktop.domain.scoring import NA, NO, YES, Answer, Interview, score_evaluation

ALBERTA = ["alberta-8-element", "alberta-2019-10-element"]


def answers(pack: FrameworkPack, **by_element: Answer) -> dict[str, Answer]:
    """Every question answered in full (interviews 4 of 4), or as given for an element code
    (``e7=NO`` answers every question of element 7 with NO; interviews then 0 of 4)."""
    out: dict[str, Answer] = {}
    for element in pack.elements:
        given = by_element.get(f"e{element.code}")
        for q in element.questions:
            if q.technique is Technique.INTERVIEW:
                out[q.id] = given if given is NA else Interview(0 if given is NO else 4, 4)
            else:
                out[q.id] = given if given is not None else YES
    return out


ALBERTA_EIGHT = [
    "Management leadership and commitment",
    "Hazard identification and assessment",
    "Hazard control",
    "Qualifications, orientation and training",
    "Inspections",
    "Emergency response",
    "Investigation",
    "Program administration",
]


def test_alberta_8_element_pack_lists_the_published_eight() -> None:
    """Alberta Partnerships' eight elements, in the published order."""
    pack = load_bundled_pack("alberta-8-element")
    assert [e.name for e in pack.elements] == ALBERTA_EIGHT
    assert [e.code for e in pack.elements] == [str(n) for n in range(1, 9)]


def test_alberta_2019_pack_adds_committee_and_other_parties() -> None:
    """The 2019 tool's ten: the eight, then the committee or representative and other parties."""
    pack = load_bundled_pack("alberta-2019-10-element")
    assert [e.name for e in pack.elements] == [
        *ALBERTA_EIGHT,
        "Health and safety committee or representative",
        "Other workplace parties",
    ]
    committee = pack.element("9")
    assert [d.id for d in committee.directive_documents] == ["committee_terms"]


@pytest.mark.parametrize("pack_id", ["alberta-8-element", "alberta-2019-10-element"])
def test_alberta_packs_pass_at_80_overall_and_50_per_element(pack_id: str) -> None:
    """The same pass marks as the other packs, for every audit type; Alberta only."""
    pack = load_bundled_pack(pack_id)
    assert pack.provinces == (Province.AB,)
    for audit in AuditType:
        marks = pack.thresholds.for_audit(audit)
        assert (marks.overall_pct, marks.element_floor_pct) == (Decimal(80), Decimal(50))


@pytest.mark.parametrize("pack_id", ["alberta-8-element", "alberta-2019-10-element"])
def test_alberta_packs_use_all_three_techniques_in_small_elements(pack_id: str) -> None:
    """Each element has 3 to 7 questions worth 5 or 10 points; D, I and O all appear."""
    pack = load_bundled_pack(pack_id)
    for element in pack.elements:
        assert 3 <= len(element.questions) <= 7, element.name
        assert {q.points for q in element.questions} <= {5, 10}, element.name
        assert element.covers
    assert {q.technique for e in pack.elements for q in e.questions} == set(Technique)


@pytest.mark.parametrize(
    "pack_id",
    ["secor-9-element", "cor-14-element", "alberta-8-element", "alberta-2019-10-element"],
)
def test_pack_source_says_questions_are_the_programs_own(pack_id: str) -> None:
    """Each pack says which part is fact and that no partner's instrument is copied."""
    source = load_bundled_pack(pack_id).source
    assert "own" in source and "instrument" in source


@pytest.mark.parametrize("pack_id", ALBERTA)
def test_full_marks_pass_at_one_hundred_percent(pack_id: str) -> None:
    """Every question met scores 100% overall and in each element."""
    pack = load_bundled_pack(pack_id)
    report = score_evaluation(pack, answers(pack))
    assert report.passed and report.overall_pct == 100.0
    assert [e.pct for e in report.elements] == [100.0] * len(pack.elements)


def test_one_empty_element_fails_the_8_element_list_despite_a_high_overall() -> None:
    """Investigation at 0% leaves 325 of 365 points (89%) overall, yet the floor fails it."""
    pack = load_bundled_pack("alberta-8-element")
    report = score_evaluation(pack, answers(pack, e7=NO))
    assert report.overall_pct == pytest.approx(89.0, abs=0.1)
    assert not report.passed
    assert [e.code for e in report.failing_elements] == ["7"]


def test_a_company_with_no_other_parties_answers_that_element_not_applicable() -> None:
    """Every question of 'Other workplace parties' allows N/A; the rest still decide."""
    pack = load_bundled_pack("alberta-2019-10-element")
    report = score_evaluation(pack, answers(pack, e10=NA))
    parties = report.elements[-1]
    assert parties.pct is None
    assert report.passed and report.overall_pct == 100.0
