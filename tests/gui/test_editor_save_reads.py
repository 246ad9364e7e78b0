"""An editor's save is one unit of work: no read-back of the record or the roster (issue 18)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.toolbox import ToolboxTalkForm
from tests.conftest import SmallCompany
from tests.gui.editor_helpers import fill, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def active(qtbot: QtBot, editor: RecordEditor) -> RecordEditor:
    """The editor as the window with the keyboard, as it is for a person."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_saving_a_new_record_with_ctrl_s_is_one_unit_of_work(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """A new toolbox talk, its title typed, saved with Ctrl+S: one unit of work."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    fill(editor, company, title="")
    type_text(editor.title, "Ladder talk")
    ctx = company.services.ctx
    before = ctx.units_opened()
    QTest.keyClick(editor.title, Qt.Key.Key_S, CTRL)
    assert ctx.units_opened() - before == 1
    assert editor.record is not None
    stored = company.services.records.get(editor.record.id)
    assert stored.title == "Ladder talk" and isinstance(stored.body, ToolboxTalkBody)
    assert editor.record == stored


def test_saving_an_edited_record_with_ctrl_s_is_one_unit_of_work(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Retyping a saved record's topic and pressing Ctrl+S: one unit of work, a new revision."""
    editor = active(qtbot, open_editor(RecordKind.TOOLBOX_TALK))
    fill(editor, company, title="")
    type_text(editor.title, "Ladder talk")
    QTest.keyClick(editor.title, Qt.Key.Key_S, CTRL)
    assert editor.record is not None
    form = editor.form
    assert isinstance(form, ToolboxTalkForm)
    QTest.keyClick(form.topic, Qt.Key.Key_A, CTRL)
    type_text(form.topic, "Ladders and scaffolds")
    ctx = company.services.ctx
    before = ctx.units_opened()
    QTest.keyClick(form.topic, Qt.Key.Key_S, CTRL)
    assert ctx.units_opened() - before == 1
    assert editor.notice == "Saved."
    stored = company.services.records.get(editor.record.id)
    assert isinstance(stored.body, ToolboxTalkBody)
    assert stored.body.topic == "Ladders and scaffolds"
    assert editor.record == stored  # what the editor shows is what was stored
    assert len(company.services.records.history(stored.id)) == 2
