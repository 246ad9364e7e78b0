"""One question of a self-evaluation: its text, its technique and the controls to answer it.

Documentation and observation questions are answered Yes, Partly (some of the points), No, or
N/A where the pack allows it; interview questions as how many workers answered well out of
how many were asked. A "no" can be ticked to become a corrective action when the evaluation
is saved. A misfit answer (more answered well than asked) is refused on the spot, in words.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.evaluation import AnswerKind, StoredAnswer
from secor_desktop.domain.frameworks import Question, Technique
from secor_desktop.gui import signals
from secor_desktop.gui.evaluation.score_text import TECHNIQUE_WORDS
from secor_desktop.gui.pages._forms import ERROR_COLOUR, plain_label

MAX_WORKERS = 999
EXCLUDED_TEXT = "Not asked of an owner-operator-only company: it does not count."


class WrappedText(QLabel):
    """Plain wrapped text whose height follows its actual width (a plain QLabel asks for the
    height of a guessed, narrower width, leaving gaps under short questions)."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._width = 0

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.width() > 0:
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._width:
            self._width = event.size().width()
            self.updateGeometry()


def _spin(parent: QWidget, name: str, low: int, high: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setAccessibleName(name)
    spin.setKeyboardTracking(True)
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0000") + 40)
    return spin


class QuestionWidget(QFrame):
    """Answer one question; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.excluded = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"question-{question.id}")
        self.setAccessibleName(f"Question {question.id}")
        interview = question.technique is Technique.INTERVIEW

        heading = plain_label(
            f"{question.id}  ·  {TECHNIQUE_WORDS[question.technique]}  ·  {question.points} points",
            self,
        )
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.text = WrappedText(question.text, self)

        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.yes: QRadioButton | None = None
        self.partly: QRadioButton | None = None
        self.no: QRadioButton | None = None
        self.points: QSpinBox | None = None
        self.positive: QSpinBox | None = None
        self.asked: QSpinBox | None = None
        self.na: QRadioButton | None = None
        self.na_box: QCheckBox | None = None
        row = QHBoxLayout()
        row.setSpacing(14)
        if interview:
            self.positive = _spin(
                self, f"Question {question.id}: workers who answered well", 0, MAX_WORKERS
            )
            self.asked = _spin(self, f"Question {question.id}: workers asked", 0, MAX_WORKERS)
            self.asked.setSpecialValueText("–")
            self.asked.setToolTip("How many workers you asked; leave at – until you have asked.")
            self.positive.setToolTip("How many of the workers asked answered well.")
            row.addWidget(self.positive)
            row.addWidget(plain_label("answered well out of", self))
            row.addWidget(self.asked)
            row.addWidget(plain_label("workers asked", self))
            self.positive.valueChanged.connect(self._edited)
            self.asked.valueChanged.connect(self._edited)
            if question.na_allowed:
                self.na_box = QCheckBox("N/A: does not apply here", self)
                self.na_box.setAccessibleName(f"Question {question.id}: not applicable")
                self.na_box.toggled.connect(self._edited)
                row.addSpacing(12)
                row.addWidget(self.na_box)
        else:
            self.yes = self._radio("Yes", "yes")
            row.addWidget(self.yes)
            if question.points >= 2:
                self.partly = self._radio("Partly:", "partly")
                self.points = _spin(
                    self,
                    f"Question {question.id}: points for a partial answer",
                    1,
                    question.points - 1,
                )
                self.points.setValue(max(1, question.points // 2))
                self.points.setSuffix(f" of {question.points} points")
                self.points.setEnabled(False)
                self.points.valueChanged.connect(self._edited)
                row.addWidget(self.partly)
                row.addWidget(self.points)
            self.no = self._radio("No", "no")
            row.addWidget(self.no)
            if question.na_allowed:
                self.na = self._radio("N/A", "not applicable")
                self.na.setToolTip("Does not apply to this company: its points are left out.")
                row.addWidget(self.na)
            self.group.buttonToggled.connect(self._toggled)
        self.make_action = QCheckBox("Make a corrective action for this “no”", self)
        self.make_action.setAccessibleName(f"Question {question.id}: make a corrective action")
        self.make_action.setToolTip(
            "When the evaluation is saved, a corrective action is raised for this question."
        )
        self.make_action.toggled.connect(self._edited)
        policy = self.make_action.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.make_action.setSizePolicy(policy)
        self.make_action.setVisible(False)
        if not interview:
            row.addSpacing(12)
            row.addWidget(self.make_action)
        row.addStretch(1)

        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.error.setAccessibleName(f"Question {question.id} problem")
        self.error.hide()
        self.note = plain_label(EXCLUDED_TEXT, self)
        self.note.setStyleSheet("color: #495057; font-style: italic;")
        self.note.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.note)

    def _radio(self, text: str, what: str) -> QRadioButton:
        button = QRadioButton(text, self)
        button.setAccessibleName(f"Question {self.question.id}: {what}")
        self.group.addButton(button)
        return button

    # --- state ---------------------------------------------------------------------------

    def _toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        if self.points is not None:
            self.points.setEnabled(self.partly is not None and self.partly.isChecked())
        self._edited()

    def _edited(self) -> None:
        is_no = self.no is not None and self.no.isChecked()
        self.make_action.setVisible(is_no and not self.excluded)
        if self.asked is not None and self.positive is not None:
            na = self.na_box is not None and self.na_box.isChecked()
            self.asked.setEnabled(not na and not self.excluded)
            self.positive.setEnabled(not na and not self.excluded)
        problem = self.problem()
        self.error.setText(f"⚠ {problem}" if problem else "")
        self.error.setVisible(problem is not None)
        self.setAccessibleDescription(problem or "")
        signals.emit(self.changed)

    def set_excluded(self, excluded: bool) -> None:
        """Left out for an owner-operator-only company: shown, greyed, not counted."""
        self.excluded = excluded and self.question.owner_operator_excluded
        for child in self.findChildren(QAbstractButton) + self.findChildren(QSpinBox):
            child.setEnabled(not self.excluded)
        if self.points is not None and not self.excluded:
            self.points.setEnabled(self.partly is not None and self.partly.isChecked())
        self.note.setVisible(self.excluded)
        self._edited()

    def is_started(self) -> bool:
        """Something was entered (so cancelling would lose it)."""
        if self.group.checkedButton() is not None:
            return True
        return bool(
            (self.asked is not None and self.asked.value())
            or (self.positive is not None and self.positive.value())
            or (self.na_box is not None and self.na_box.isChecked())
        )

    def problem(self) -> str | None:
        """Why the answer as entered cannot be scored, naming the question; None when fine."""
        if self.excluded or self.asked is None or self.positive is None:
            return None
        if self.na_box is not None and self.na_box.isChecked():
            return None
        positive, asked = self.positive.value(), self.asked.value()
        qid = self.question.id
        if asked == 0 and positive > 0:
            return f"Question {qid}: say how many workers were asked ({positive} answered well)."
        if positive > asked > 0:
            return (
                f"Question {qid}: {positive} answered well is more than the {asked} asked. "
                f"Answered well must be 0 to {asked}."
            )
        return None

    def answer(self) -> StoredAnswer | None:
        """The answer as the engine stores it; None when unanswered or not valid."""
        if self.excluded or self.problem() is not None:
            return None
        if self.asked is not None and self.positive is not None:
            if self.na_box is not None and self.na_box.isChecked():
                return StoredAnswer(AnswerKind.NA)
            if self.asked.value() == 0:
                return None
            return StoredAnswer(
                AnswerKind.INTERVIEW, positive=self.positive.value(), asked=self.asked.value()
            )
        checked = self.group.checkedButton()
        if checked is None:
            return None
        if checked is self.yes:
            return StoredAnswer(AnswerKind.YES)
        if checked is self.no:
            return StoredAnswer(AnswerKind.NO)
        if checked is self.na:
            return StoredAnswer(AnswerKind.NA)
        assert self.points is not None
        return StoredAnswer(AnswerKind.POINTS, points=self.points.value())

    def wants_action(self) -> bool:
        return self.answer() == StoredAnswer(AnswerKind.NO) and self.make_action.isChecked()

    def focus_chain(self) -> list[QWidget]:
        """This question's inputs in Tab order."""
        inputs: list[QWidget | None] = [
            self.yes, self.partly, self.points, self.no, self.na, self.make_action,
            self.positive, self.asked, self.na_box,
        ]  # fmt: skip
        return [w for w in inputs if w is not None]

    def first_input(self) -> QWidget:
        """Where the keyboard focus goes to answer this question."""
        first = self.positive or self.yes
        assert first is not None
        return first
