"""The self-evaluation wizard, driven through its widgets against real services and SQLite."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QMessageBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.evaluation import AnswerKind, StoredAnswer, parse_answers
from secor_desktop.domain.frameworks import AuditType, Technique
from secor_desktop.gui import notify
from secor_desktop.gui.evaluation.question_widget import QuestionWidget
from secor_desktop.gui.evaluation.score_text import TEXT_COLOURS, Tone
from secor_desktop.gui.evaluation_wizard import EvaluationWizard
from secor_desktop.services.facade import Services
from tests.conftest import TODAY, SmallCompany

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "answers-hard-fail.json"


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Closing a wizard with answers asks first; tests (and their teardown) answer Discard."""
    asked: list[str] = []

    def question(_parent: Any, title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        asked.append(f"{title} {text}")
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def example_answers(services: Services) -> dict[str, StoredAnswer]:
    text = EXAMPLE.read_text("utf-8")
    return parse_answers(text, EXAMPLE.name, services.framework()).answers


def make_wizard(qtbot: QtBot, services: Services) -> EvaluationWizard:
    wizard = EvaluationWizard(services)
    qtbot.addWidget(wizard)
    wizard.resize(QSize(1366, 768))
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def type_number(qtbot: QtBot, spin: QSpinBox, value: int) -> None:
    """Replace a spin box's number by typing, as a user does."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    assert spin.value() == value


def answer(qtbot: QtBot, widget: QuestionWidget, given: StoredAnswer) -> None:
    """Answer one question through its controls (the radio buttons and spin boxes)."""
    if given.kind is AnswerKind.INTERVIEW:
        assert widget.asked is not None and widget.positive is not None
        type_number(qtbot, widget.asked, given.asked)
        type_number(qtbot, widget.positive, given.positive)
        return
    if given.kind is AnswerKind.POINTS:
        assert widget.partly is not None and widget.points is not None
        qtbot.mouseClick(widget.partly, Qt.MouseButton.LeftButton)
        type_number(qtbot, widget.points, given.points)
        return
    button = {AnswerKind.YES: widget.yes, AnswerKind.NO: widget.no, AnswerKind.NA: widget.na}[
        given.kind
    ]
    assert button is not None, f"{widget.question.id} offers no {given.kind.value}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.isChecked()


def fill(
    qtbot: QtBot,
    wizard: EvaluationWizard,
    answers: dict[str, StoredAnswer],
    skip: tuple[str, ...] = (),
) -> None:
    """Answer element by element, going to each element's page first."""
    for row, page in enumerate(wizard.element_pages, start=1):
        wizard.go_to(row)
        for widget in page.questions:
            if widget.question.id not in skip:
                answer(qtbot, widget, answers[widget.question.id])


def step_text(wizard: EvaluationWizard, code: str) -> str:
    row = 1 + [p.element.code for p in wizard.element_pages].index(code)
    return wizard.steps.item(row).text()


def test_hard_fail_case_reproduces_the_engine(qtbot: QtBot, company: SmallCompany) -> None:
    """85% overall, element 7 at 45%: FAIL naming element 7, the same as the service's score."""
    services = company.services
    answers = example_answers(services)
    wizard = make_wizard(qtbot, services)
    fill(qtbot, wizard, answers)

    expected = services.evaluations.score(services.framework(), answers, AuditType.CERTIFICATION)
    assert wizard.unanswered() == []
    assert wizard.answers() == answers
    report = wizard.report
    assert report is not None
    assert report.overall_pct == expected.overall_pct == 85.0
    assert [e.code for e in report.failing_elements] == ["7"]
    assert [e.pct for e in report.elements] == [e.pct for e in expected.elements]
    assert report.passed is expected.passed is False

    assert "Overall: 85.0% (pass mark 80%)" in wizard.overall.text()
    verdict = wizard.verdict.text()
    assert verdict.startswith("FAIL: element 7 (Emergency response) is at 45.0%")
    assert "even though the overall 85.0% reaches the 80% pass mark" in verdict
    # Element 7 is flagged in words (not colour alone) in the steps and on its page.
    assert "45.0%: under 50%, FAILS" in step_text(wizard, "7")
    row7 = wizard.steps.item(7)
    assert row7.foreground().color().name() == TEXT_COLOURS[Tone.BAD]
    assert "BELOW THE 50% FLOOR" in wizard.element_pages[6].score.text()
    assert "FAILS" not in step_text(wizard, "6")
    # The result page says the same.
    wizard.go_to(wizard.result_step)
    assert wizard.result_page.verdict.text() == verdict
    assert "BELOW THE 50% FLOOR" in wizard.result_page.table.item(6, 3).text()


def test_a_failing_element_is_flagged_as_soon_as_it_fails(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """Two "no" answers in element 7 flag it before the rest of the evaluation is done."""
    wizard = make_wizard(qtbot, company.services)
    page = wizard.element_pages[6]
    wizard.go_to(7)
    assert "not started" in step_text(wizard, "7")
    answer(qtbot, page.question("7.1") or page.questions[0], StoredAnswer(AnswerKind.YES))
    assert "✓" not in step_text(wizard, "7") and "100.0% so far" in step_text(wizard, "7")
    second = page.question("7.2")
    assert second is not None
    answer(qtbot, second, StoredAnswer(AnswerKind.NO))
    assert "FAILS" not in step_text(wizard, "7")  # 50% is not under the floor
    fourth = page.question("7.4")
    assert fourth is not None
    answer(qtbot, fourth, StoredAnswer(AnswerKind.NO))
    assert "⚠ 33.3% so far (3 of 4): under 50%, FAILS" in step_text(wizard, "7")
    assert "Already failing: element 7 (Emergency response) is at 33.3%" in wizard.verdict.text()


def test_positive_more_than_asked_is_refused_naming_the_question(
    qtbot: QtBot, company: SmallCompany, messages: notify.RecordingNotifier
) -> None:
    services = company.services
    answers = example_answers(services)
    wizard = make_wizard(qtbot, services)
    fill(qtbot, wizard, answers, skip=("7.3",))
    widget = wizard.question("7.3")
    assert widget.asked is not None and widget.positive is not None
    type_number(qtbot, widget.asked, 5)
    type_number(qtbot, widget.positive, 6)
    assert not widget.error.isHidden()
    assert widget.error.text() == (
        "⚠ Question 7.3: 6 answered well is more than the 5 asked. Answered well must be 0 to 5."
    )
    assert widget.answer() is None and "7.3" in wizard.unanswered()

    wizard.go_to(1)
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    (message,) = messages.texts("warning")
    assert message.startswith("Not saved. Question 7.3: 6 answered well is more than")
    assert services.evaluations.all() == []
    assert wizard.isVisible() and wizard.steps.currentRow() == 7

    type_number(qtbot, widget.positive, 4)
    assert widget.error.isHidden() and widget.answer() == answers["7.3"]


def test_na_is_offered_only_where_the_pack_allows_it(qtbot: QtBot, company: SmallCompany) -> None:
    wizard = make_wizard(qtbot, company.services)
    allowed = {q.question.id for q in wizard.questions() if q.question.na_allowed}
    assert allowed == {"1.5", "4.1", "6.2", "6.3", "8.2"}
    for widget in wizard.questions():
        offered = widget.na is not None or widget.na_box is not None
        assert offered is widget.question.na_allowed, widget.question.id
        if widget.question.technique is Technique.INTERVIEW:
            assert widget.yes is None and widget.no is None
    # An N/A takes the question's points out of the element.
    wizard.go_to(1)
    answer(qtbot, wizard.question("1.5"), StoredAnswer(AnswerKind.NA))
    report = wizard.report
    assert report is not None and report.elements[0].not_applicable == ("1.5",)
    assert report.elements[0].available == 0


def test_partly_scores_some_of_the_points(qtbot: QtBot, company: SmallCompany) -> None:
    wizard = make_wizard(qtbot, company.services)
    widget = wizard.question("2.1")
    assert widget.points is not None and not widget.points.isEnabled()
    wizard.go_to(2)
    answer(qtbot, widget, StoredAnswer(AnswerKind.POINTS, points=6))
    assert widget.answer() == StoredAnswer(AnswerKind.POINTS, points=6)
    assert "60.0% so far (1 of 6 answered)" in step_text(wizard, "2")


def test_unanswered_questions_are_named_when_finishing(
    qtbot: QtBot, company: SmallCompany, messages: notify.RecordingNotifier
) -> None:
    services = company.services
    wizard = make_wizard(qtbot, services)
    fill(qtbot, wizard, example_answers(services), skip=("2.3", "5.1"))
    wizard.go_to(0)
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    (message,) = messages.texts("warning")
    assert message == (
        "Not saved: 2 question(s) have no answer yet: 2.3, 5.1. Question 2.3 is shown now."
    )
    assert wizard.steps.currentRow() == 2 and wizard.isVisible()
    assert services.evaluations.all() == []
    assert "Unanswered (2): 2.3, 5.1" in wizard.result_page.unanswered.text()


def test_a_future_date_is_refused_in_words(
    qtbot: QtBot, company: SmallCompany, messages: notify.RecordingNotifier
) -> None:
    services = company.services
    wizard = make_wizard(qtbot, services)
    fill(qtbot, wizard, example_answers(services))
    wizard.go_to(0)
    tomorrow = TODAY + timedelta(days=1)
    wizard.details.date.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    expected = (
        "The audit date 2026-11-03 is after today (2026-11-02): record an audit once it "
        "has been held."
    )
    assert wizard.details.date_error.text() == f"⚠ {expected}"
    assert not wizard.details.date_error.isHidden()
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    assert messages.texts("warning") == [f"Not saved. {expected}"]
    assert services.evaluations.all() == []


def test_cancel_asks_before_discarding_and_saves_nothing(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = company.services
    replies = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def question(_parent: Any, title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        asked.append(f"{title} {text}")
        return replies.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    wizard = make_wizard(qtbot, services)
    fill(qtbot, wizard, example_answers(services))
    wizard.question("7.2").make_action.setChecked(True)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # asked, and "Cancel" keeps the answers
    assert wizard.isVisible() and len(asked) == 1
    assert asked[0].startswith("Discard this self-evaluation? 42 answer(s) will be lost")
    with qtbot.waitSignal(wizard.rejected):
        qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and not wizard.isVisible()
    assert services.evaluations.all() == []
    assert services.people.action_board().actions == ()


def test_cancel_before_any_answer_does_not_ask(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a: pytest.fail("asked")))
    wizard = make_wizard(qtbot, company.services)
    with qtbot.waitSignal(wizard.rejected):
        qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)


def test_enter_never_finishes(qtbot: QtBot, company: SmallCompany) -> None:
    services = company.services
    wizard = make_wizard(qtbot, services)
    fill(qtbot, wizard, example_answers(services))
    wizard.finish_button.setFocus()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(wizard.finish_button, key)
        qtbot.keyClick(wizard.question("9.5").asked or wizard, key)
    assert services.evaluations.all() == [] and wizard.isVisible()
    assert not wizard.finish_button.autoDefault() and not wizard.finish_button.isDefault()
    assert wizard.finish_button.text() == "&Finish and save"


def test_finish_saves_the_audit_of_its_date_and_type_with_ticked_actions(
    qtbot: QtBot, company: SmallCompany, messages: notify.RecordingNotifier
) -> None:
    services = company.services
    answers = example_answers(services)
    wizard = make_wizard(qtbot, services)
    details = wizard.details
    details.date.setDate(QDate(2026, 10, 15))
    details.audit_type.setCurrentIndex(details.audit_type.findData("maintenance"))
    details.held_by.setCurrentIndex(1)
    qtbot.keyClicks(details.auditor, "Pat Auditor")
    fill(qtbot, wizard, answers)
    qtbot.mouseClick(wizard.question("7.2").make_action, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.question("1.3").make_action, Qt.MouseButton.LeftButton)
    assert wizard.action_questions() == ["1.3", "7.2"]
    wizard.go_to(wizard.result_step)
    assert (
        "2 “no” answer(s) will become corrective actions" in wizard.result_page.actions_note.text()
    )
    assert wizard.result_page.action_owner() == company.owner.id  # the owner, by default

    with qtbot.waitSignal(wizard.accepted):
        qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    (saved,) = services.evaluations.all()
    assert (saved.eval_date, saved.audit_type, saved.external, saved.auditor) == (
        date(2026, 10, 15),
        AuditType.MAINTENANCE,
        True,
        "Pat Auditor",
    )
    assert saved.answers == answers
    actions = services.people.action_board().actions
    assert sorted(a.description.split("question ")[1][:3] for a in actions) == ["1.3", "7.2"]
    assert {(a.owner_id, a.due_date) for a in actions} == {
        (company.owner.id, TODAY + timedelta(days=30))
    }
    assert messages.texts("info") == [
        "Saved the maintenance audit of 2026-10-15 (failed). 2 corrective action(s) raised."
    ]


def test_owner_operator_only_leaves_questions_out(qtbot: QtBot, company: SmallCompany) -> None:
    services = company.services
    wizard = make_wizard(qtbot, services)
    assert len(wizard.unanswered()) == 42
    qtbot.mouseClick(wizard.details.owner_only, Qt.MouseButton.LeftButton)
    excluded = {q.question.id for q in wizard.questions() if q.excluded}
    assert excluded == {"1.4", "3.3", "4.1", "4.2", "4.5", "5.4", "9.5"}
    assert len(wizard.unanswered()) == 35
    left_out = wizard.question("1.4")
    assert left_out.positive is not None and not left_out.positive.isEnabled()
    assert not left_out.note.isHidden()
    assert "left out" not in step_text(wizard, "1")  # 4 of its 5 questions still count
    assert "not started (4 questions)" in step_text(wizard, "1")


def test_the_wizard_at_1366x768(qtbot: QtBot, company: SmallCompany) -> None:
    """Element 7 of the hard-fail case; SECOR_GUI_SHOTS=folder keeps the picture."""
    services = company.services
    wizard = make_wizard(qtbot, services)
    fill(qtbot, wizard, example_answers(services))
    wizard.question("7.2").make_action.setChecked(True)
    wizard.go_to(7)
    page = wizard.element_pages[6]
    # Every question of the element is in view without scrolling, and nothing is cut sideways.
    qtbot.waitUntil(lambda: not page.scroller.verticalScrollBar().isVisible(), timeout=1000)
    assert page.scroller.verticalScrollBar().maximum() == 0
    assert page.scroller.horizontalScrollBar().maximum() == 0
    image = wizard.grab()
    assert (image.width(), image.height()) == (1366, 768)
    folder = os.environ.get("SECOR_GUI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(folder) / "self-evaluation.png"))


def tab_order(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab visits from ``start``: shown, enabled and taking Tab focus."""
    found: list[QWidget] = []
    widget = start.nextInFocusChain()
    while len(found) < count and widget is not start:
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        inner = isinstance(widget.parentWidget(), QAbstractSpinBox)  # a spin box's own editor
        if takes_tab and not inner and widget.isVisible() and widget.isEnabled():
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def test_tab_goes_from_the_steps_through_the_questions_to_the_buttons(
    qtbot: QtBot, company: SmallCompany
) -> None:
    wizard = make_wizard(qtbot, company.services)
    assert tab_order(wizard.steps, 3) == [
        wizard.details.date,
        wizard.details.audit_type,
        wizard.details.held_by,
    ]
    wizard.go_to(7)
    first, second = wizard.question("7.1"), wizard.question("7.2")
    expected = [first.yes, first.partly, first.no, second.yes]
    assert tab_order(wizard.steps, 4) == expected
    last = wizard.question("7.4")
    assert last.no is not None
    assert tab_order(last.no, 4) == [
        wizard.back_button,
        wizard.next_button,
        wizard.finish_button,
        wizard.cancel_button,
    ]
    # Alt shortcuts: every button and field label has its own letter.
    texts = [b.text() for b in (wizard.back_button, wizard.next_button, wizard.finish_button)]
    assert texts == ["< &Back", "&Next >", "&Finish and save"]


def test_the_2019_ten_element_pack_is_answered_and_saved_through_the_wizard(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """After a switch the wizard asks the ten elements; other parties N/A; saved with its id."""
    services = company.services
    profile = services.company.get()
    assert profile is not None
    services.company.save(replace(profile, framework_id="alberta-2019-10-element"))
    wizard = make_wizard(qtbot, services)
    assert [p.element.name for p in wizard.element_pages][-2:] == [
        "Health and safety committee or representative",
        "Other workplace parties",
    ]
    answers = {
        q.question.id: StoredAnswer(AnswerKind.INTERVIEW, positive=3, asked=3)
        if q.question.technique is Technique.INTERVIEW
        else StoredAnswer(AnswerKind.YES)
        for q in wizard.questions()
    }
    answers.update({q: StoredAnswer(AnswerKind.NA) for q in answers if q.startswith("10.")})
    fill(qtbot, wizard, answers, skip=("10.6",))
    interview = wizard.question("10.6")  # an interview's N/A is a tick box, not a button
    assert interview.na_box is not None
    qtbot.mouseClick(interview.na_box, Qt.MouseButton.LeftButton)
    report = wizard.report
    assert report is not None and report.passed and report.overall_pct == 100.0
    assert report.elements[-1].pct is None  # all of element 10 not applicable
    assert step_text(wizard, "10").endswith("not scored: every question N/A")
    wizard.go_to(1)
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    (saved,) = services.evaluations.all()
    assert (saved.framework_id, saved.framework_version) == ("alberta-2019-10-element", "2026.1")
