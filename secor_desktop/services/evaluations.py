"""Self-evaluations: score answers, keep them as the audit of their date, follow the cycle."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.completeness import missing_for
from secor_desktop.domain.cycle import CycleReport, assess_cycle
from secor_desktop.domain.evaluation import AnswerKind, SelfEvaluation, StoredAnswer
from secor_desktop.domain.frameworks import AuditType, FrameworkPack
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Company, CorrectiveAction, Record
from secor_desktop.domain.scoring import ScoreReport, ScoringError, score_evaluation, unanswered
from secor_desktop.domain.validation import FieldProblem, ValidationError, check_not_future
from secor_desktop.services.actions import ActionService
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import NotFoundError, Refused

INTERNAL_AUDITOR_COURSE = "auditor"  # a training course whose name contains this word


@dataclass(frozen=True)
class TrendPoint:
    eval_date: date
    audit_type: AuditType
    external: bool
    overall_pct: float | None
    passed: bool


@dataclass(frozen=True)
class ScoredEvaluation:
    """A saved evaluation with its score; ``report`` is None when it was made against another
    framework pack than the one it is scored with now (it cannot be scored by this one)."""

    evaluation: SelfEvaluation
    report: ScoreReport | None


class EvaluationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def score(
        self,
        pack: FrameworkPack,
        answers: dict[str, StoredAnswer],
        audit_type: AuditType,
        owner_operator_only: bool = False,
    ) -> ScoreReport:
        """Score without saving; bad answers raise ValidationError naming the question."""
        try:
            missing = unanswered(
                pack,
                {q: a.to_answer() for q, a in answers.items()},
                owner_operator_only=owner_operator_only,
            )
            if missing:
                raise ScoringError(missing[0], f"is not answered ({len(missing)} unanswered)")
            return score_evaluation(
                pack,
                {q: a.to_answer() for q, a in answers.items()},
                owner_operator_only=owner_operator_only,
                audit_type=audit_type,
            )
        except ScoringError as exc:
            raise ValidationError(
                [FieldProblem(f"answers.{exc.question_id}", exc.problem)]
            ) from exc

    def score_so_far(
        self,
        pack: FrameworkPack,
        answers: dict[str, StoredAnswer],
        audit_type: AuditType,
        owner_operator_only: bool = False,
    ) -> ScoreReport:
        """The score of the answered questions only, for an evaluation being filled in.

        Unanswered questions count neither for nor against (an element with none answered is
        "not scored"), so an element already under the floor shows at once. Same arithmetic as
        ``score``; a misfit answer raises ValidationError naming the question.
        """
        answered = tuple(
            replace(e, questions=tuple(q for q in e.questions if q.id in answers))
            for e in pack.elements
        )
        try:
            return score_evaluation(
                replace(pack, elements=answered),
                {q: a.to_answer() for q, a in answers.items()},
                owner_operator_only=owner_operator_only,
                audit_type=audit_type,
            )
        except ScoringError as exc:
            raise ValidationError(
                [FieldProblem(f"answers.{exc.question_id}", exc.problem)]
            ) from exc

    def save(
        self,
        pack: FrameworkPack,
        answers: dict[str, StoredAnswer],
        audit_type: AuditType,
        eval_date: date,
        *,
        owner_operator_only: bool = False,
        external: bool = False,
        auditor: str = "",
        notes: str = "",
    ) -> tuple[SelfEvaluation, ScoreReport]:
        """Score, then keep the answers as the audit of ``eval_date``."""
        report = self.score(pack, answers, audit_type, owner_operator_only)
        problems: list[FieldProblem] = []
        check_not_future(problems, "date", eval_date, self.ctx.clock.today())
        if problems:
            raise ValidationError(problems)
        evaluation = SelfEvaluation(
            id=self.ctx.new_id(),
            eval_date=eval_date,
            audit_type=audit_type,
            framework_id=pack.id,
            framework_version=pack.version,
            answers=dict(answers),
            owner_operator_only=owner_operator_only,
            external=external,
            auditor=auditor.strip(),
            notes=notes.strip(),
        )
        with self.ctx.uow() as uow:
            uow.save(evaluation, entered_at=self.ctx.now(), reason=None)
            uow.commit()
        return evaluation, report

    def all(self) -> list[SelfEvaluation]:
        with self.ctx.uow() as uow:
            return uow.list_evaluations()

    def trend(self, pack: FrameworkPack) -> list[TrendPoint]:
        """One point per saved evaluation of this framework, oldest first."""
        return trend_of(pack, self.all())

    def history(self, pack: FrameworkPack) -> list[ScoredEvaluation]:
        """Every saved evaluation, oldest first, scored against ``pack`` where it was made
        with it."""
        return history_of(pack, self.all())

    def actions_from_no(
        self,
        evaluation_id: str,
        pack: FrameworkPack,
        *,
        owner_id: str | None,
        due_date: date,
        questions: Collection[str] | None = None,
    ) -> list[CorrectiveAction]:
        """A corrective action for every "no" answer of a saved evaluation (or only for those
        of ``questions``, when given)."""
        with self.ctx.uow() as uow:
            ev = uow.get_evaluation(evaluation_id)
        if ev is None:
            raise NotFoundError(f"No evaluation has the id {evaluation_id!r}.")
        if ev.framework_id != pack.id:
            # Question ids repeat between packs ("1.1"): another pack's would name the wrong one.
            raise Refused(
                f"The evaluation of {ev.eval_date} was made with the {ev.framework_id} pack, "
                f"not {pack.id}: choose that pack in Settings to raise its actions."
            )
        pack_questions = pack.questions()
        actions = ActionService(self.ctx)
        raised = []
        for qid, answer in sorted(ev.answers.items()):
            if questions is not None and qid not in questions:
                continue
            if answer.kind is AnswerKind.NO and qid in pack_questions:
                element, question = pack_questions[qid]
                raised.append(
                    actions.raise_action(
                        f"Self-evaluation {ev.eval_date}, {element.code}. {element.name}, "
                        f"question {qid}: {question.text}",
                        due_date=due_date,
                        owner_id=owner_id,
                    )
                )
        return raised

    def cycle(self, today: date | None = None) -> CycleReport:
        with self.ctx.uow() as uow:
            company = uow.get_company()
            evaluations = uow.list_evaluations()
            workers = {w.id: w.name for w in uow.list_workers()}
            training = uow.list_records(RecordKind.TRAINING)
        return cycle_of(company, evaluations, workers, training, today or self.ctx.clock.today())


def cycle_of(
    company: Company | None,
    evaluations: list[SelfEvaluation],
    workers: dict[str, str],
    training: list[Record],
    today: date,
) -> CycleReport:
    """The certificate cycle from what was read (``workers``: id to name); refused when no
    certificate date is set."""
    if company is None or company.certificate_date is None:
        raise NotFoundError(
            "No certificate date is set: the cycle starts when the company is certified. "
            "Set the certificate date in the company profile."
        )
    expiries: list[date] = []
    for record in training:
        body = record.body
        if (
            isinstance(body, TrainingBody)
            and INTERNAL_AUDITOR_COURSE in body.course.casefold()
            and not missing_for(record, workers)
        ):
            expiries.append(body.expiry or date.max)
    return assess_cycle(
        company.certificate_date,
        [(e.eval_date, e.audit_type) for e in evaluations],
        today,
        max(expiries) if expiries else None,
    )


def trend_of(pack: FrameworkPack, evaluations: list[SelfEvaluation]) -> list[TrendPoint]:
    """One point per evaluation of this framework, oldest first."""
    points = []
    for ev in evaluations:
        if ev.framework_id != pack.id:
            continue
        report = score_evaluation(
            pack,
            ev.scoring_answers(),
            owner_operator_only=ev.owner_operator_only,
            audit_type=ev.audit_type,
        )
        points.append(
            TrendPoint(ev.eval_date, ev.audit_type, ev.external, report.overall_pct, report.passed)
        )
    return points


def history_of(pack: FrameworkPack, evaluations: list[SelfEvaluation]) -> list[ScoredEvaluation]:
    """Every evaluation, oldest first, scored against ``pack`` where it was made with it."""
    scored = []
    for ev in evaluations:
        report = None
        if ev.framework_id == pack.id:
            report = score_evaluation(
                pack,
                ev.scoring_answers(),
                owner_operator_only=ev.owner_operator_only,
                audit_type=ev.audit_type,
            )
        scored.append(ScoredEvaluation(ev, report))
    return scored
