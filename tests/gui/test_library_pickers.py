"""The library pickers, driven with keys: a topic fills the talk; ticked hazards become lines
with their controls; a company topic is added from the picker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import ControlLevel, ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.hazards import FlhaForm, HazardAssessmentForm
from secor_desktop.gui.editors.library_pickers import HazardPicker, OwnTopicDialog, TopicPicker
from secor_desktop.gui.editors.toolbox import ToolboxTalkForm
from tests.conftest import SmallCompany

pytestmark = pytest.mark.usefixtures("answers")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def as_user(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, cls: type[QDialog], steps: Callable[[Any], None]
) -> list[Any]:
    """Run the dialog's ``exec`` as a person at the keyboard would, without a modal loop."""
    opened: list[Any] = []

    def exec_as_user(self: QDialog) -> int:
        opened.append(self)
        self.show()
        self.activateWindow()
        qtbot.waitUntil(self.isActiveWindow)
        steps(self)
        return int(self.result())

    monkeypatch.setattr(cls, "exec", exec_as_user)
    return opened


def type_and_enter(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)
    QTest.keyClick(focused(), Qt.Key.Key_Return)


def test_picking_a_topic_fills_the_topic_and_the_notes(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    open_editor: Callable[..., RecordEditor],
) -> None:
    """Type "heat", Enter: the talk's topic is Heat stress and its points are the notes."""
    editor = open_editor(RecordKind.TOOLBOX_TALK)
    form = editor.form
    assert isinstance(form, ToolboxTalkForm)
    as_user(monkeypatch, qtbot, TopicPicker, lambda picker: type_and_enter(qtbot, "heat stress"))
    QTest.mouseClick(form.pick_button, Qt.MouseButton.LeftButton)
    body = form.body()
    assert isinstance(body, ToolboxTalkBody)
    assert body.topic == "Heat stress"
    assert body.notes.startswith("- Drink water often") and body.notes.count("\n- ") >= 2


def test_a_topic_adds_to_notes_already_typed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, open_editor: Callable[..., RecordEditor]
) -> None:
    """Notes typed first stay, with the points under them."""
    editor = open_editor(RecordKind.TOOLBOX_TALK)
    form = editor.form
    assert isinstance(form, ToolboxTalkForm)
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "Crew asked about ladders")
    as_user(monkeypatch, qtbot, TopicPicker, lambda picker: type_and_enter(qtbot, "ladder"))
    QTest.mouseClick(form.pick_button, Qt.MouseButton.LeftButton)
    assert form.notes.toPlainText().startswith("Crew asked about ladders\n\n- Check the ladder")


def test_esc_in_the_topic_picker_changes_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, open_editor: Callable[..., RecordEditor]
) -> None:
    """Esc closes the picker; the form stays as it was."""
    editor = open_editor(RecordKind.TOOLBOX_TALK)
    form = editor.form
    assert isinstance(form, ToolboxTalkForm)
    as_user(monkeypatch, qtbot, TopicPicker, lambda p: QTest.keyClick(focused(), Qt.Key.Key_Escape))
    assert not form.pick_topic()
    assert form.topic.text() == "" and form.notes.toPlainText() == ""


def test_ticked_hazards_become_lines_with_their_controls(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, open_editor: Callable[..., RecordEditor]
) -> None:
    """Type "silica", Down, Space, Enter: one line with its ratings and its controls."""
    editor = open_editor(RecordKind.FLHA)
    form = editor.form
    assert isinstance(form, FlhaForm)

    def tick_silica(picker: HazardPicker) -> None:
        qtbot.keyClicks(focused(), "silica")
        QTest.keyClick(focused(), Qt.Key.Key_Down)
        assert focused() is picker.tree
        QTest.keyClick(focused(), Qt.Key.Key_Space)
        QTest.keyClick(focused(), Qt.Key.Key_Return)

    as_user(monkeypatch, qtbot, HazardPicker, tick_silica)
    QTest.mouseClick(form.lines.library_button, Qt.MouseButton.LeftButton)
    (line,) = form.lines.items()  # the blank starting line was replaced
    assert line.task == "Digging and installing hardscape"
    assert line.hazard == "Silica dust when cutting pavers"
    assert (line.severity, line.likelihood) == (4, 3)
    assert [c.level for c in line.controls] == [
        ControlLevel.ENGINEERING,
        ControlLevel.ADMINISTRATIVE,
        ControlLevel.PPE,
    ]
    assert editor.is_dirty()


def test_the_hazard_picker_filters_by_trade_and_adds_several(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, open_editor: Callable[..., RecordEditor]
) -> None:
    """Trade "Roofing" chosen with the keyboard, two hazards ticked: two lines added."""
    editor = open_editor(RecordKind.HAZARD_ASSESSMENT)
    form = editor.form
    assert isinstance(form, HazardAssessmentForm)

    def pick_roofing(picker: HazardPicker) -> None:
        picker.trade.setFocus()
        qtbot.keyClicks(picker.trade, "Roofing")  # a combo box selects what is typed
        assert {
            picker.tree.topLevelItem(i).text(0) for i in range(picker.tree.topLevelItemCount())
        } == {
            "Tear-off and re-roofing (Roofing)",
            "Loading materials onto the roof (Roofing)",
        }
        picker.tree.setFocus()
        QTest.keyClick(picker.tree, Qt.Key.Key_Space)
        QTest.keyClick(picker.tree, Qt.Key.Key_Down)
        QTest.keyClick(picker.tree, Qt.Key.Key_Space)
        assert picker.add_button.text() == "&Add 2 ticked hazards"
        QTest.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)

    as_user(monkeypatch, qtbot, HazardPicker, pick_roofing)
    assert form.pick_hazards()
    hazards = [h.hazard for h in form.lines.items()]
    assert hazards == ["Fall from the roof edge", "Falling debris onto people below"]


def test_a_company_topic_is_added_from_the_picker(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    company: SmallCompany,
    open_editor: Callable[..., RecordEditor],
) -> None:
    """Add a topic of our own: typed title and three points; it is kept and can be chosen."""
    editor = open_editor(RecordKind.TOOLBOX_TALK)
    form = editor.form
    assert isinstance(form, ToolboxTalkForm)

    def write_own(dialog: OwnTopicDialog) -> None:
        type_and_enter(qtbot, "Our yard rules")  # Enter moves to the points
        assert focused() is dialog.points
        for point in ("Walk on the marked paths", "Park facing out", "Sign in at the office"):
            type_and_enter(qtbot, point)
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def add_then_use(picker: TopicPicker) -> None:
        as_user(monkeypatch, qtbot, OwnTopicDialog, write_own)
        QTest.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
        current = picker.current_topic()
        assert current is not None and current.own and current.title == "Our yard rules"
        picker.list.setFocus()
        QTest.keyClick(picker.list, Qt.Key.Key_Return)

    as_user(monkeypatch, qtbot, TopicPicker, add_then_use)
    assert form.pick_topic()
    assert form.topic.text() == "Our yard rules"
    assert form.notes.toPlainText() == (
        "- Walk on the marked paths\n- Park facing out\n- Sign in at the office"
    )
    titles = [t.title for t in company.services.library.load().topics if t.own]
    assert titles == ["Our yard rules"]


def test_a_company_topic_with_two_points_is_refused_in_words(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """Two points: the dialog says how many are needed and stays open."""
    dialog = OwnTopicDialog(company.services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title, "Short one")
    dialog.points.setFocus()
    qtbot.keyClicks(dialog.points, "one")
    QTest.keyClick(dialog.points, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.points, "two")
    assert not dialog.save()
    assert "write 3 to 5 talking points, one per line (there are 2)" in dialog.error.text()
