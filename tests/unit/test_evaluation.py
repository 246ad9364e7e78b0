"""Stored answers and the answers file: every answer kept as given, every slip named."""

from __future__ import annotations

import json
from datetime import date

import pytest

from secor_desktop.domain.evaluation import (
    AnswerKind,
    AnswersFileError,
    StoredAnswer,
    parse_answers,
)
from secor_desktop.domain.frameworks import AuditType
from secor_desktop.domain.scoring import NA, NO, YES, Answer, Interview, Points
from tests.unit.readiness_kit import pack

PACK = pack()


def parse(doc: object) -> dict[str, StoredAnswer]:
    return parse_answers(json.dumps(doc), "answers.json", PACK).answers


@pytest.mark.parametrize("answer", [YES, NO, NA, Points(6), Interview(7, 10)])
def test_every_answer_is_stored_and_read_back_as_itself(answer: Answer) -> None:
    """Each kind of answer survives being stored: what is scored is what was given."""
    assert StoredAnswer.of(answer).to_answer() == answer


def test_points_answer_keeps_its_points() -> None:
    """A points answer is stored with the points awarded and nothing else."""
    assert StoredAnswer.of(Points(6)) == StoredAnswer(AnswerKind.POINTS, points=6)


def test_answers_file_defaults_to_an_undated_certification() -> None:
    """With only answers given, the file is a certification audit with no date."""
    parsed = parse_answers(json.dumps({"answers": {"A.1": "yes"}}), "answers.json", PACK)
    assert (parsed.audit_type, parsed.eval_date, parsed.owner_operator_only) == (
        AuditType.CERTIFICATION,
        None,
        False,
    )


def test_answers_file_reads_its_date() -> None:
    """A date written YYYY-MM-DD is the evaluation's date."""
    doc = {"date": "2026-11-02", "answers": {}}
    assert parse_answers(json.dumps(doc), "answers.json", PACK).eval_date == date(2026, 11, 2)


def test_impossible_date_is_refused_by_name() -> None:
    """A date that does not exist is refused, naming the entry and the expected form."""
    with pytest.raises(AnswersFileError, match=r"answers\.json: date: '2026-02-30' is not a date"):
        parse({"date": "2026-02-30", "answers": {}})


def test_answers_must_be_an_object() -> None:
    """A list of answers (no question ids) is refused."""
    with pytest.raises(AnswersFileError, match=r"answers: must be an object of question id"):
        parse({"answers": ["yes", "no"]})


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("yes", AnswerKind.YES),
        (" No ", AnswerKind.NO),
        ("NA", AnswerKind.NA),
        ("n/a", AnswerKind.NA),
    ],
)
def test_answer_words_ignore_case_and_spacing(word: str, kind: AnswerKind) -> None:
    """Yes, no and N/A are read whatever their case or surrounding spaces."""
    assert parse({"answers": {"A.1": word}}) == {"A.1": StoredAnswer(kind)}


def test_unknown_answer_word_is_refused_at_its_question() -> None:
    """A word other than yes, no or na is refused, naming the question."""
    with pytest.raises(AnswersFileError, match=r"answers\.A\.1: must be \"yes\", \"no\", \"na\""):
        parse({"answers": {"A.1": "maybe"}})


def test_points_answer_is_read() -> None:
    """{"points": N} awards N points."""
    assert parse({"answers": {"A.1": {"points": 6}}}) == {
        "A.1": StoredAnswer(AnswerKind.POINTS, points=6)
    }


def test_interview_answer_is_read() -> None:
    """{"positive": N, "asked": M} is an interview answer."""
    assert parse({"answers": {"A.1": {"positive": 7, "asked": 10}}}) == {
        "A.1": StoredAnswer(AnswerKind.INTERVIEW, positive=7, asked=10)
    }


@pytest.mark.parametrize("value", [{}, {"positive": 7}, {"asked": 10}])
def test_incomplete_answer_object_is_refused(value: dict[str, int]) -> None:
    """An answer object with neither points nor both interview counts is refused."""
    with pytest.raises(AnswersFileError, match=r"answers\.A\.1: give \{\"points\": N\}"):
        parse({"answers": {"A.1": value}})


def test_compact_or_week_dates_are_refused_in_answers_files() -> None:
    """Only YYYY-MM-DD is a date in an answers file, as the message says."""
    import pytest

    from secor_desktop.domain.evaluation import AnswersFileError, parse_answers
    from secor_desktop.domain.frameworks import load_bundled_pack

    for raw in ("20261102", "2026-W45-1"):
        with pytest.raises(AnswersFileError, match="write it as YYYY-MM-DD"):
            parse_answers(f'{{"date": "{raw}", "answers": {{}}}}', "a.json", load_bundled_pack())
