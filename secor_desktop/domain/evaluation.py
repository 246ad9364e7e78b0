"""Self-evaluations (and internal or external audits) as they are stored and scored.

An evaluation keeps its answers, not its score: the score is recomputed from the answers and
the framework pack, so the dashboard, the CLI and the evidence pack always agree.

The answers file (``secor-desktop score ANSWERS.json``), documented in docs/json-formats.md::

    {"audit_type": "certification", "date": "2026-11-02", "owner_operator_only": false,
     "answers": {"1.1": "yes", "1.2": "no", "3.4": "na",
                 "2.1": {"points": 6}, "4.3": {"positive": 7, "asked": 10}}}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from secor_desktop.domain.codec import is_iso_date_text
from secor_desktop.domain.datafile import DataFileError, JsonField, parse_json
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.frameworks import AuditType, FrameworkPack
from secor_desktop.domain.scoring import (
    NA,
    NO,
    YES,
    Answer,
    Interview,
    No,
    NotApplicable,
    Points,
    Yes,
)


class AnswerKind(StrEnum):
    YES = "yes"
    NO = "no"
    POINTS = "points"
    NA = "na"
    INTERVIEW = "interview"


@dataclass(frozen=True)
class StoredAnswer:
    kind: AnswerKind
    points: int = 0
    positive: int = 0
    asked: int = 0

    def to_answer(self) -> Answer:
        if self.kind is AnswerKind.YES:
            return YES
        if self.kind is AnswerKind.NO:
            return NO
        if self.kind is AnswerKind.NA:
            return NA
        if self.kind is AnswerKind.POINTS:
            return Points(self.points)
        return Interview(self.positive, self.asked)

    @staticmethod
    def of(answer: Answer) -> StoredAnswer:
        if isinstance(answer, Yes):
            return StoredAnswer(AnswerKind.YES)
        if isinstance(answer, No):
            return StoredAnswer(AnswerKind.NO)
        if isinstance(answer, NotApplicable):
            return StoredAnswer(AnswerKind.NA)
        if isinstance(answer, Points):
            return StoredAnswer(AnswerKind.POINTS, points=answer.awarded)
        return StoredAnswer(AnswerKind.INTERVIEW, positive=answer.positive, asked=answer.asked)


@dataclass(frozen=True)
class SelfEvaluation:
    id: str
    eval_date: date
    audit_type: AuditType
    framework_id: str
    framework_version: str
    answers: dict[str, StoredAnswer]
    owner_operator_only: bool = False
    external: bool = False  # held by an external auditor (certification, recertification)
    auditor: str = ""
    notes: str = ""

    def scoring_answers(self) -> dict[str, Answer]:
        return {qid: a.to_answer() for qid, a in self.answers.items()}


class AnswersFileError(DataFileError, UserError):
    """A broken answers file; the message names the file, the entry and the problem.

    Unlike the bundled data files (a broken one is a bug), the answers file is the user's own,
    so it is a refusal to show, not a crash."""


@dataclass(frozen=True)
class AnswersFile:
    audit_type: AuditType
    eval_date: date | None
    owner_operator_only: bool
    answers: dict[str, StoredAnswer]


def parse_answers(text: str, source: str, pack: FrameworkPack) -> AnswersFile:
    """Read an answers file; unknown question ids are refused by name."""
    root = parse_json(text, source, AnswersFileError)
    keys = root.obj(required=("answers",), optional=("audit_type", "date", "owner_operator_only"))
    audit_type = (
        keys["audit_type"].choice(AuditType) if "audit_type" in keys else AuditType.CERTIFICATION
    )
    eval_date = None
    if "date" in keys:
        raw = keys["date"].text()
        try:
            if not is_iso_date_text(raw):
                raise ValueError(raw)
            eval_date = date.fromisoformat(raw)
        except ValueError:
            keys["date"].fail(f"{raw!r} is not a date; write it as YYYY-MM-DD")
    owner_only = keys["owner_operator_only"].flag() if "owner_operator_only" in keys else False
    known = pack.questions()
    answers: dict[str, StoredAnswer] = {}
    node = keys["answers"]
    if not isinstance(node.value, dict):
        node.fail("must be an object of question id to answer")
    for qid, value in node.value.items():
        child = node.child(qid, value)
        if qid not in known:
            child.fail(f"no question {qid!r} in the {pack.id} framework")
        answers[qid] = _answer(child)
    return AnswersFile(audit_type, eval_date, owner_only, answers)


def _answer(node: JsonField) -> StoredAnswer:
    if isinstance(node.value, str):
        word = node.value.strip().casefold()
        simple = {
            "yes": AnswerKind.YES,
            "no": AnswerKind.NO,
            "na": AnswerKind.NA,
            "n/a": AnswerKind.NA,
        }
        if word not in simple:
            node.fail('must be "yes", "no", "na", {"points": N} or {"positive": N, "asked": M}')
        return StoredAnswer(simple[word])
    keys = node.obj(required=(), optional=("points", "positive", "asked"))
    if "points" in keys:
        return StoredAnswer(AnswerKind.POINTS, points=keys["points"].count())
    if "positive" in keys and "asked" in keys:
        return StoredAnswer(
            AnswerKind.INTERVIEW, positive=keys["positive"].count(), asked=keys["asked"].count()
        )
    node.fail('give {"points": N} or {"positive": N, "asked": M}')
