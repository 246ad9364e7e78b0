"""The self-evaluation wizard's pages: the audit's details, one page per element, the result."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.frameworks import AuditType, Element, FrameworkPack
from secor_desktop.domain.model import Worker
from secor_desktop.domain.scoring import ElementScore, ScoreReport
from secor_desktop.gui import signals
from secor_desktop.gui.evaluation.question_widget import QuestionWidget
from secor_desktop.gui.evaluation.score_text import (
    AUDIT_TYPE_WORDS,
    TONE_COLOURS,
    Tone,
    Verdict,
    element_title,
    element_verdict,
    mark,
    pass_rule,
    pct_text,
    result_verdict,
)
from secor_desktop.gui.pages._forms import (
    ERROR_COLOUR,
    date_edit,
    from_qdate,
    labelled,
    plain_label,
    with_error,
)

ACTION_DUE_DAYS = 30
NO_OWNER = "— no owner yet —"


def heading(text: str, parent: QWidget, scale: float = 1.3) -> QLabel:
    label = plain_label(text, parent)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def banner(parent: QWidget, name: str) -> QLabel:
    label = plain_label("", parent)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    show_verdict(label, Verdict("", Tone.NEUTRAL))
    return label


def show_verdict(label: QLabel, verdict: Verdict) -> None:
    fill, text = TONE_COLOURS[verdict.tone]
    label.setText(verdict.text)
    label.setStyleSheet(
        f"background: {fill}; color: {text}; padding: 6px; border-radius: 4px;"
        + (" font-weight: bold;" if verdict.tone is Tone.BAD else "")
    )
    label.setVisible(bool(verdict.text))


class DetailsPage(QWidget):
    """When the audit was held, what kind it was, and who held it."""

    changed = Signal()

    def __init__(
        self, pack: FrameworkPack, today: date, audit_type: AuditType, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.date = date_edit("Audit date", today, self)
        self.date_error = QLabel(self)
        self.date_error.setTextFormat(Qt.TextFormat.PlainText)
        self.date_error.setWordWrap(True)
        self.date_error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.date_error.setAccessibleName("Audit date problem")
        self.date_error.hide()
        self.audit_type = QComboBox(self)
        self.audit_type.setAccessibleName("Audit type")
        for kind in AuditType:
            self.audit_type.addItem(AUDIT_TYPE_WORDS[kind], kind.value)
        self.audit_type.setCurrentIndex(self.audit_type.findData(audit_type.value))
        self.held_by = QComboBox(self)
        self.held_by.setAccessibleName("Held by")
        self.held_by.addItem("Internal: our own (trained) internal auditor", False)
        self.held_by.addItem("External: an auditor from outside the company", True)
        self.auditor = QLineEdit(self)
        self.auditor.setAccessibleName("Auditor's name")
        self.auditor.setPlaceholderText("Who held it (optional)")
        self.owner_only = QCheckBox(
            "&Owner-operator only: no workers besides the owner (questions for larger "
            "companies are left out)",
            self,
        )
        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Anything to remember about this audit (optional)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.date.setMaximumWidth(self.date.sizeHint().width() + 40)
        form.addRow(labelled("Audit &date", self.date), with_error(self.date, self.date_error))
        form.addRow(labelled("Audit &type", self.audit_type), self.audit_type)
        form.addRow(labelled("&Held by", self.held_by), self.held_by)
        form.addRow(labelled("Auditor's na&me", self.auditor), self.auditor)
        form.addRow("", self.owner_only)
        form.addRow(labelled("Not&es", self.notes), self.notes)

        cert = pack.thresholds.certification
        maint = pack.thresholds.maintenance
        rules = (
            f"To pass: {pass_rule(cert)}."
            if cert == maint
            else f"To pass a certification audit: {pass_rule(cert)}. "
            f"A maintenance audit: {pass_rule(maint)}."
        )
        intro = plain_label(
            "Answer the questions element by element (the list on the left), as the auditor "
            "would: check the records for documentation questions, ask workers for interview "
            "questions and look at the site for observation questions. The scores update as "
            f"you answer. {rules}\n\nQuestions from {pack.name} (version {pack.version}).",
            self,
        )
        intro.setWordWrap(True)
        self.cycle_hint = plain_label("", self)
        self.cycle_hint.setWordWrap(True)
        self.cycle_hint.setStyleSheet("color: #495057;")
        self.cycle_hint.setAccessibleName("Which audit is due")

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Audit details", self))
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.cycle_hint)
        layout.addStretch(1)
        for signal in (
            self.date.dateChanged,
            self.audit_type.currentIndexChanged,
            self.owner_only.toggled,
        ):
            signal.connect(self._edited)
        self._check_date()

    def _edited(self) -> None:
        self._check_date()
        signals.emit(self.changed)

    def eval_date(self) -> date:
        return from_qdate(self.date.date())

    def date_problem(self) -> str | None:
        day = self.eval_date()
        if day > self.today:
            return (
                f"The audit date {day.isoformat()} is after today ({self.today.isoformat()}): "
                "record an audit once it has been held."
            )
        return None

    def _check_date(self) -> None:
        problem = self.date_problem()
        self.date_error.setText(f"⚠ {problem}" if problem else "")
        self.date_error.setVisible(problem is not None)
        self.date.setAccessibleDescription(problem or "")

    def chosen_type(self) -> AuditType:
        return AuditType(self.audit_type.currentData())

    def external(self) -> bool:
        return bool(self.held_by.currentData())


class ElementPage(QWidget):
    """One element's questions, under a live banner with the element's score."""

    def __init__(self, element: Element, parent: QWidget) -> None:
        super().__init__(parent)
        self.element = element
        self.title = heading(f"{element.code}. {element.name}", self)
        covers = plain_label(f"Covers: {element.covers}", self)
        covers.setWordWrap(True)
        covers.setStyleSheet("color: #495057;")
        self.score = banner(self, f"Element {element.code} score")
        self.questions = [QuestionWidget(q, self) for q in element.questions]
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 6, 0)
        for widget in self.questions:
            widget.setParent(inner)
            column.addWidget(widget)
        column.addStretch(1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(inner)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(covers)
        layout.addWidget(self.score)
        layout.addWidget(self.scroller, 1)

    def counts(self) -> tuple[int, int]:
        """(answered, asked): questions answered, of those that count."""
        asked = [q for q in self.questions if not q.excluded]
        return sum(1 for q in asked if q.answer() is not None), len(asked)

    def show_score(self, score: ElementScore) -> Verdict:
        answered, asked = self.counts()
        verdict = element_verdict(score, answered, asked)
        points = ""
        if answered and score.scored:
            points = f" · {float(score.awarded):.1f} of {score.available} points"
        shown = Verdict(f"Element score: {verdict.text}{points}", verdict.tone)
        show_verdict(self.score, shown)
        return verdict

    def question(self, question_id: str) -> QuestionWidget | None:
        return next((q for q in self.questions if q.question.id == question_id), None)


COL_ELEMENT, COL_POINTS, COL_SCORE, COL_STATUS = range(4)


class ResultPage(QWidget):
    """The result as it stands, what is still unanswered, and the actions to be raised."""

    def __init__(self, workers: list[Worker], today: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.overall = heading("", self, scale=1.2)
        self.overall.setAccessibleName("Overall score")
        self.verdict = banner(self, "Result")
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.verdict.setFont(font)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Element", "Points", "Score", "Status"])
        self.table.setAccessibleName("Element scores")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ELEMENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_POINTS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SCORE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.unanswered = plain_label("", self)
        self.unanswered.setWordWrap(True)
        self.unanswered.setAccessibleName("Unanswered questions")
        self.unanswered.setStyleSheet(f"color: {ERROR_COLOUR};")

        self.actions_note = plain_label("", self)
        self.actions_note.setWordWrap(True)
        self.actions_note.setAccessibleName("Corrective actions to raise")
        self.owner = QComboBox(self)
        self.owner.setAccessibleName("Owner of the new corrective actions")
        self.owner.addItem(NO_OWNER, None)
        owner_index = 0
        for worker in sorted(workers, key=lambda w: w.name.casefold()):
            if worker.active_on(today):
                self.owner.addItem(f"{worker.name} — {worker.role}", worker.id)
                if worker.is_owner and owner_index == 0:
                    owner_index = self.owner.count() - 1
        self.owner.setCurrentIndex(owner_index)
        self.owner.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 30))
        self.due = date_edit("Due date of the new corrective actions", today, self)
        self.due.setDate(self.due.date().addDays(ACTION_DUE_DAYS))
        self.due.setMaximumWidth(self.due.sizeHint().width() + 40)
        form = QFormLayout()
        form.addRow(labelled("Action o&wner", self.owner), self.owner)
        form.addRow(labelled("Actions d&ue", self.due), self.due)
        self.action_form = QWidget(self)
        self.action_form.setLayout(form)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Result", self))
        layout.addWidget(self.overall)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.unanswered)
        layout.addWidget(self.actions_note)
        layout.addWidget(self.action_form)

    def show_report(
        self,
        report: ScoreReport,
        counts: list[tuple[int, int]],
        unanswered: list[str],
        actions: list[str],
    ) -> None:
        total = sum(asked for _, asked in counts)
        answered = sum(done for done, _ in counts)
        self.overall.setText(
            f"Overall{' so far' if unanswered else ''}: {pct_text(report.overall_pct)} "
            f"(pass mark {mark(report.thresholds.overall_pct)}%) · {answered} of {total} "
            "questions answered"
        )
        show_verdict(self.verdict, result_verdict(report, len(unanswered)))
        self.table.setRowCount(len(report.elements))
        for row, (score, (done, asked)) in enumerate(zip(report.elements, counts, strict=True)):
            verdict = element_verdict(score, done, asked)
            points = f"{float(score.awarded):.1f} / {score.available}" if score.scored else "–"
            cells = [element_title(score), points, pct_text(score.pct), verdict.text]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if verdict.tone is Tone.BAD:
                    item.setForeground(QBrush(QColor(TONE_COLOURS[Tone.BAD][1])))
                    item.setBackground(QBrush(QColor(TONE_COLOURS[Tone.BAD][0])))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        if unanswered:
            shown = ", ".join(unanswered[:20]) + (" …" if len(unanswered) > 20 else "")
            self.unanswered.setText(
                f"⚠ Unanswered ({len(unanswered)}): {shown}. Pick an element on the left to "
                "answer them; the evaluation can be saved once every question is answered."
            )
        self.unanswered.setVisible(bool(unanswered))
        if actions:
            self.actions_note.setText(
                f"{len(actions)} “no” answer(s) will become corrective actions when saved: "
                f"{', '.join(actions)}."
            )
        else:
            self.actions_note.setText(
                "No corrective actions will be raised. Tick “Make a corrective action” under a "
                "“no” answer to raise one when the evaluation is saved."
            )
        self.action_form.setEnabled(bool(actions))

    def action_owner(self) -> str | None:
        owner = self.owner.currentData()
        return owner if isinstance(owner, str) else None

    def action_due(self) -> date:
        return from_qdate(self.due.date())
