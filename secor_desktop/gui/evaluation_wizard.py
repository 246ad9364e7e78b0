"""The self-evaluation wizard: the pack's questions element by element, scored as you answer.

Steps on the left (audit details, one step per element, the result), the step's page on the
right, and the overall score with any failing element always in view at the bottom. An
element under the floor is flagged at once, in words, even when the overall is above the
pass mark. Finish saves the answers as the audit of their date and type (through the same
service as ``secor-desktop score --save``) and raises a corrective action for every "no"
ticked for one; nothing is saved on cancel, and answers are never discarded without asking.
Enter never finishes: only the Finish button (or Alt+F) does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.cycle import SlotStatus
from secor_desktop.domain.evaluation import SelfEvaluation, StoredAnswer
from secor_desktop.domain.frameworks import AuditType, FrameworkPack
from secor_desktop.domain.model import CorrectiveAction
from secor_desktop.domain.scoring import ScoreReport
from secor_desktop.domain.validation import ValidationError
from secor_desktop.gui import notify
from secor_desktop.gui.evaluation.pages import (
    DetailsPage,
    ElementPage,
    ResultPage,
    banner,
    show_verdict,
)
from secor_desktop.gui.evaluation.question_widget import QuestionWidget
from secor_desktop.gui.evaluation.score_text import (
    AUDIT_TYPE_WORDS,
    TEXT_COLOURS,
    Tone,
    Verdict,
    overall_text,
    result_verdict,
    step_verdict,
)
from secor_desktop.gui.pages._forms import plain_label
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.facade import Services

DETAILS_STEP = 0


class EvaluationWizard(QDialog):
    """A new self-evaluation (or internal or external audit), saved on Finish."""

    def __init__(
        self, services: Services, parent: QWidget | None = None, pack: FrameworkPack | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.pack = pack or services.framework()
        self.today = services.ctx.clock.today()
        self.report: ScoreReport | None = None
        self.saved: SelfEvaluation | None = None
        self.saved_report: ScoreReport | None = None
        self.raised: list[CorrectiveAction] = []
        self.setWindowTitle("New self-evaluation")
        self.setSizeGripEnabled(True)

        audit_type, hint = self._due_audit()
        self.details = DetailsPage(self.pack, self.today, audit_type, self)
        self.details.cycle_hint.setText(hint)
        self.details.cycle_hint.setVisible(bool(hint))
        self.element_pages = [ElementPage(e, self) for e in self.pack.elements]
        self.result_page = ResultPage(services.roster.workers(), self.today, self)
        self.result_step = len(self.element_pages) + 1

        self.steps = QListWidget(self)
        self.steps.setAccessibleName("Steps")
        self.steps.setWordWrap(True)
        self.steps.setSpacing(2)
        self.steps.setUniformItemSizes(False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.details)
        self.steps.addItem("Audit details")
        for page in self.element_pages:
            self.stack.addWidget(page)
            self.steps.addItem(f"{page.element.code}. {page.element.name}")
        self.stack.addWidget(self.result_page)
        self.steps.addItem("Result and save")
        self.steps.currentRowChanged.connect(self._step_chosen)
        self.steps.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 20))

        self.overall = plain_label("", self)
        self.overall.setAccessibleName("Overall score")
        font = self.overall.font()
        font.setBold(True)
        self.overall.setFont(font)
        self.verdict = banner(self, "Result so far")
        self.back_button = self._button("< &Back", "Previous step", self.back)
        self.next_button = self._button("&Next >", "Next step", self.next)
        self.finish_button = self._button(
            "&Finish and save", "Finish and save the evaluation", self.finish
        )
        self.cancel_button = self._button("Cancel", "Cancel without saving", self.reject)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.steps)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.overall, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.verdict)
        layout.addLayout(buttons)

        self.details.changed.connect(self.recompute)
        self.details.owner_only.toggled.connect(self._owner_only_changed)
        for question in self.questions():
            question.changed.connect(self.recompute)
        # Tab: the steps, the shown page's inputs (hidden pages are skipped), then the buttons.
        order: list[QWidget] = [self.steps, self.details.date, self.details.audit_type]
        order += [self.details.held_by, self.details.auditor, self.details.owner_only]
        order += [self.details.notes]
        order += [w for question in self.questions() for w in question.focus_chain()]
        order += [self.result_page.owner, self.result_page.due]
        order += [self.back_button, self.next_button, self.finish_button, self.cancel_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.steps.setCurrentRow(DETAILS_STEP)
        self.recompute()

    def sizeHint(self) -> QSize:
        return QSize(1240, 700)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setAutoDefault(False)
        button.setDefault(False)
        button.clicked.connect(slot)
        return button

    def _due_audit(self) -> tuple[AuditType, str]:
        """The audit the certificate cycle expects next, and a line saying so."""
        try:
            cycle = self.services.evaluations.cycle(self.today)
        except NotFoundError:
            return AuditType.CERTIFICATION, (
                "No certificate date is set in the company profile, so this is taken as a "
                "certification audit (change it above if not)."
            )
        slot = cycle.next_slot
        if slot is None:
            return AuditType.RECERTIFICATION, "Every audit of this certificate is recorded."
        when = f"{slot.opens.isoformat()} to {slot.due.isoformat()}"
        state = {
            SlotStatus.UPCOMING: "its window opens",
            SlotStatus.DUE_SOON: "due now",
            SlotStatus.OVERDUE: "overdue",
            SlotStatus.MISSED: "missed",
        }.get(slot.status, "")
        return slot.audit_type, (
            f"Next in the certificate cycle: the {slot.label.lower()} ({state}; accepted "
            f"{when}), so the audit type is set to "
            f"{AUDIT_TYPE_WORDS[slot.audit_type].lower()}."
        )

    # --- answers and scores --------------------------------------------------------------

    def questions(self) -> list[QuestionWidget]:
        return [q for page in self.element_pages for q in page.questions]

    def question(self, question_id: str) -> QuestionWidget:
        for question in self.questions():
            if question.question.id == question_id:
                return question
        raise KeyError(question_id)

    def answers(self) -> dict[str, StoredAnswer]:
        """The answers given so far that can be scored (unanswered and misfit ones left out)."""
        found = {}
        for question in self.questions():
            answer = question.answer()
            if answer is not None:
                found[question.question.id] = answer
        return found

    def unanswered(self) -> list[str]:
        """Questions that count and have no usable answer, in pack order."""
        return [q.question.id for q in self.questions() if not q.excluded and q.answer() is None]

    def problems(self) -> list[str]:
        return [p for q in self.questions() if (p := q.problem()) is not None]

    def action_questions(self) -> list[str]:
        return [q.question.id for q in self.questions() if q.wants_action()]

    def is_started(self) -> bool:
        return any(q.is_started() for q in self.questions())

    def _owner_only_changed(self, checked: bool) -> None:
        for question in self.questions():
            question.set_excluded(checked)

    def recompute(self) -> None:
        """Score what is answered; every label, step and banner follows."""
        try:
            report = self.services.evaluations.score_so_far(
                self.pack,
                self.answers(),
                self.details.chosen_type(),
                self.details.owner_only.isChecked(),
            )
        except ValidationError as exc:  # the widgets refuse misfits, so this is a safety net
            show_verdict(self.verdict, Verdict(f"⚠ {exc}", Tone.BAD))
            return
        self.report = report
        unanswered = self.unanswered()
        counts = []
        for row, (page, score) in enumerate(
            zip(self.element_pages, report.elements, strict=True), start=1
        ):
            page.show_score(score)
            counts.append(page.counts())
            verdict = step_verdict(score, *counts[-1])
            item = self.steps.item(row)
            item.setText(f"{page.element.code}. {page.element.name}\n      {verdict.text}")
            item.setForeground(QBrush(QColor(TEXT_COLOURS[verdict.tone])))
            font = item.font()
            font.setBold(verdict.tone is Tone.BAD)
            item.setFont(font)
            item.setToolTip(verdict.text)
        answered = sum(done for done, _ in counts)
        total = sum(asked for _, asked in counts)
        self.overall.setText(
            f"{overall_text(report, len(unanswered))} · {answered} of {total} answered"
        )
        show_verdict(self.verdict, result_verdict(report, len(unanswered)))
        result = self.steps.item(self.result_step)
        result.setText("Result and save" + ("" if unanswered else "  ✓ all answered"))
        self.result_page.show_report(report, counts, unanswered, self.action_questions())

    # --- moving between steps ------------------------------------------------------------

    def _step_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.result_step)

    def go_to(self, row: int) -> None:
        self.steps.setCurrentRow(row)
        page = self.stack.currentWidget()
        if isinstance(page, ElementPage) and page.questions:
            page.scroller.verticalScrollBar().setValue(0)
            page.questions[0].first_input().setFocus()

    def back(self) -> None:
        self.go_to(max(0, self.steps.currentRow() - 1))

    def next(self) -> None:
        self.go_to(min(self.result_step, self.steps.currentRow() + 1))

    def show_question(self, question_id: str) -> None:
        """Open the question's element and put the focus on it."""
        for row, page in enumerate(self.element_pages, start=1):
            question = page.question(question_id)
            if question is not None:
                self.steps.setCurrentRow(row)
                page.scroller.ensureWidgetVisible(question)
                question.first_input().setFocus()
                return

    # --- finishing -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter never finishes or closes the wizard (Escape still cancels, after asking)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _refuse(self, text: str, question_id: str | None = None) -> bool:
        notify.warning(text, self)
        if question_id is not None:
            self.show_question(question_id)
        return False

    def finish(self) -> bool:
        """Save as the audit of its date and type; False (with a message) when it cannot be."""
        problems = self.problems()
        if problems:
            first = next(q for q in self.questions() if q.problem() is not None)
            return self._refuse("Not saved. " + " ".join(problems), first.question.id)
        date_problem = self.details.date_problem()
        if date_problem:
            self.go_to(DETAILS_STEP)
            self.details.date.setFocus()
            return self._refuse(f"Not saved. {date_problem}")
        missing = self.unanswered()
        if missing:
            shown = ", ".join(missing[:12]) + (" …" if len(missing) > 12 else "")
            return self._refuse(
                f"Not saved: {len(missing)} question(s) have no answer yet: {shown}. "
                f"Question {missing[0]} is shown now.",
                missing[0],
            )
        wanted = self.action_questions()
        try:
            evaluation, report = self.services.evaluations.save(
                self.pack,
                self.answers(),
                self.details.chosen_type(),
                self.details.eval_date(),
                owner_operator_only=self.details.owner_only.isChecked(),
                external=self.details.external(),
                auditor=self.details.auditor.text(),
                notes=self.details.notes.toPlainText(),
            )
        except ValidationError as exc:
            return self._refuse(f"Not saved: {exc}")
        self.saved, self.saved_report = evaluation, report
        if wanted:
            try:
                self.raised = self.services.evaluations.actions_from_no(
                    evaluation.id,
                    self.pack,
                    owner_id=self.result_page.action_owner(),
                    due_date=self.result_page.action_due(),
                    questions=wanted,
                )
            except (ValidationError, NotFoundError) as exc:
                notify.warning(
                    "The evaluation is saved, but its corrective actions could not be raised: "
                    f"{exc} Raise them on the Corrective actions page.",
                    self,
                )
        outcome = "passed" if report.passed else "failed"
        actions = f" {len(self.raised)} corrective action(s) raised." if self.raised else ""
        notify.info(
            f"Saved the {evaluation.audit_type.value} audit of "
            f"{evaluation.eval_date.isoformat()} ({outcome}).{actions}",
            self,
        )
        self.accept()
        return True

    def reject(self) -> None:
        """Cancel: nothing is saved, and answers are never dropped without asking."""
        if self.saved is None and self.is_started():
            answer = QMessageBox.question(
                self,
                "Discard this self-evaluation?",
                f"{len(self.answers())} answer(s) will be lost: nothing has been saved yet.",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
