"""Repeat a record from the list and from the editor, as a person does it with keys and
clicks: a daily field-level hazard assessment logged by repeating yesterday's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import Control, ControlLevel, FlhaBody, HazardItem
from secor_desktop.domain.kinds import RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.gui import notify
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages.record_list import RecordListPage
from tests.conftest import TODAY, SmallCompany, signature_png
from tests.gui.conftest import Answers

pytestmark = pytest.mark.usefixtures("answers")
YESTERDAY = TODAY - timedelta(days=1)
CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def yesterdays_flha(company: SmallCompany) -> Record:
    """Yesterday's FLHA, signed by both crew members, with a photo."""
    records = company.services.records
    photo = records.attach_file(signature_png(7), "north-slope.png", "North slope")
    record = records.create(
        RecordKind.FLHA,
        title="Daily FLHA - Main yard",
        event_date=YESTERDAY,
        site_id=company.site.id,
        body=FlhaBody(
            "Tear-off, north slope",
            (
                HazardItem(
                    "Tear-off",
                    "Fall from the eave",
                    5,
                    2,
                    (
                        Control(ControlLevel.ENGINEERING, "Guardrail on the eave"),
                        Control(ControlLevel.PPE, "Harness"),
                    ),
                ),
            ),
            (company.lead.id, company.worker.id),
        ),
        attachments=(photo,),
    )
    for seed, worker in enumerate((company.lead, company.worker)):
        record = records.sign(
            record.id,
            signer_id=worker.id,
            meaning=SignatureMeaning.PERFORMED,
            image_png=signature_png(seed),
        )
    return record


class User:
    """Presses keys and clicks, counting each as one user action."""

    def __init__(self) -> None:
        self.actions = 0

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = CTRL) -> None:
        self.actions += 1
        QTest.keyClick(focused(), key, modifier)

    def click_row(self, page: RecordListPage, row: int) -> None:
        self.actions += 1
        rect = page.table.visualRect(page.model.index(row, 1))
        QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.fixture
def window(qtbot: QtBot, company: SmallCompany, tmp_path: Path) -> Iterator[MainWindow]:
    window = MainWindow(
        company.services,
        InlineBackground(),
        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    yield window


@pytest.fixture
def in_editor(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> Callable[[Callable[[RecordEditor], None]], list[RecordEditor]]:
    """What the user does once the (modal) editor is open, and the editors opened."""
    opened: list[RecordEditor] = []

    def plan(steps: Callable[[RecordEditor], None]) -> list[RecordEditor]:
        def exec_as_user(self: RecordEditor) -> int:
            opened.append(self)
            self.show()
            self.activateWindow()
            qtbot.waitUntil(self.isActiveWindow)
            steps(self)
            return 0

        monkeypatch.setattr(RecordEditor, "exec", exec_as_user)
        return opened

    return plan


def flha_page(window: MainWindow) -> RecordListPage:
    page = window.select_page(RecordKind.FLHA.label)
    assert isinstance(page, RecordListPage)
    return page


def test_a_daily_flha_is_logged_by_repeating_yesterdays_in_three_actions(
    window: MainWindow,
    company: SmallCompany,
    in_editor: Callable[[Callable[[RecordEditor], None]], list[RecordEditor]],
) -> None:
    """Click yesterday's row, Ctrl+R, Ctrl+S: today's draft holds yesterday's task, hazards,
    controls, crew and site, dated today, unsigned, without the photo."""
    old = yesterdays_flha(company)
    page = flha_page(window)
    user = User()
    opened = in_editor(lambda editor: user.key(Qt.Key.Key_S))  # checked it: Ctrl+S

    user.click_row(page, 0)
    user.key(Qt.Key.Key_R)

    assert user.actions == 3 <= 6
    (editor,) = opened
    assert editor.record is not None and editor.record.id != old.id
    new = company.services.records.get(editor.record.id)
    assert (new.kind, new.title, new.site_id) == (old.kind, old.title, old.site_id)
    assert isinstance(new.body, FlhaBody) and isinstance(old.body, FlhaBody)
    assert (new.body.task, new.body.hazards) == (old.body.task, old.body.hazards)
    assert sorted(new.body.crew_ids) == sorted(old.body.crew_ids)  # the roster's order
    assert new.event_date == TODAY
    assert new.status is RecordStatus.DRAFT and new.signatures == () and new.attachments == ()
    assert company.services.records.get(old.id).status is RecordStatus.SIGNED
    assert page.model.total == 2  # the list shows the new draft too


def test_ctrl_r_with_nothing_selected_repeats_the_newest(
    window: MainWindow,
    company: SmallCompany,
    in_editor: Callable[[Callable[[RecordEditor], None]], list[RecordEditor]],
) -> None:
    """On a list with no row selected, Ctrl+R copies the kind's newest record."""
    old = yesterdays_flha(company)
    assert isinstance(old.body, FlhaBody)
    company.services.records.create(
        RecordKind.FLHA,
        title="Older FLHA",
        event_date=YESTERDAY - timedelta(days=5),
        site_id=None,
        body=FlhaBody("Older task", old.body.hazards, (company.lead.id,)),
    )
    page = flha_page(window)
    page.table.clearSelection()
    seen: list[str] = []
    in_editor(lambda editor: seen.append(editor.form.task.text()))
    page.search_box.setFocus()
    User().key(Qt.Key.Key_R)
    assert isinstance(old.body, FlhaBody) and seen == [old.body.task]


def test_closing_a_repeat_unsaved_stores_nothing(
    window: MainWindow,
    company: SmallCompany,
    answers: Answers,
    in_editor: Callable[[Callable[[RecordEditor], None]], list[RecordEditor]],
) -> None:
    """Ctrl+R then Esc (and Discard): no new record, and the editor asked first."""
    yesterdays_flha(company)
    page = flha_page(window)
    in_editor(lambda editor: User().key(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    page.repeat_last()
    assert answers.asked == ["Unsaved changes"]
    assert len(company.services.records.find(RecordKind.FLHA)) == 1


def test_repeat_in_the_editor_turns_it_into_a_copy(
    qtbot: QtBot, company: SmallCompany, open_editor: Callable[..., RecordEditor]
) -> None:
    """The editor's Repeat button shows a new, unsaved record with the content, dated today."""
    old = yesterdays_flha(company)
    editor = open_editor(RecordKind.FLHA, old.id)
    assert not editor.save_button.isEnabled()  # signed: read-only
    QTest.mouseClick(editor.repeat_button, Qt.MouseButton.LeftButton)
    assert editor.record is None and editor.save_button.isEnabled()
    assert editor.event_date.value() == TODAY and editor.photos.attachments() == ()
    body = editor.form.body()
    assert isinstance(body, FlhaBody) and isinstance(old.body, FlhaBody)
    assert (body.task, body.hazards, set(body.crew_ids)) == (
        old.body.task,
        old.body.hazards,
        set(old.body.crew_ids),
    )
    assert editor.is_dirty()
    assert "dated today" in editor.general_error.text()
    assert editor.save()
    assert editor.record is not None and editor.record.id != old.id


def test_the_list_context_menu_offers_repeat(
    window: MainWindow,
    company: SmallCompany,
    in_editor: Callable[[Callable[[RecordEditor], None]], list[RecordEditor]],
) -> None:
    """A row's right-click menu offers Open and Repeat; Repeat opens a copy of that row."""
    old = yesterdays_flha(company)
    page = flha_page(window)
    menu = page.record_menu(old)
    assert [a.text() for a in menu.actions()] == ["&Open", "&Repeat (new record dated today)"]
    opened = in_editor(lambda editor: None)
    menu.actions()[1].trigger()
    (editor,) = opened
    assert editor.record is None and editor.form.task.text() == "Tear-off, north slope"


def test_repeat_last_on_an_empty_list_says_so(
    window: MainWindow, company: SmallCompany, answers: Answers
) -> None:
    """Nothing of the kind yet: a sentence, no editor."""
    page = window.select_page(RecordKind.DRILL.label)
    assert isinstance(page, RecordListPage)
    page.repeat_last()
    recorder = notify.current()
    assert isinstance(recorder, notify.RecordingNotifier)
    assert any("no emergency drill to repeat" in m for m in recorder.texts())


def test_ctrl_r_joins_ctrl_f_and_ctrl_l_without_taking_them(window: MainWindow) -> None:
    """Edit > Repeat record is Ctrl+R; Find stays Ctrl+F, Filter Ctrl+L, New Ctrl+N."""
    shortcuts = {
        a.shortcut().toString()
        for a in (window.repeat_action, window.find_action, window.filter_action)
    }
    assert shortcuts == {"Ctrl+R", "Ctrl+F", "Ctrl+L"}
    assert window.new_action.shortcut().toString() == "Ctrl+N"


def test_ctrl_r_off_a_record_list_says_where_it_works(window: MainWindow) -> None:
    """On the dashboard Ctrl+R opens nothing and the status bar says why."""
    window.select_page("Dashboard")
    window.sidebar.setFocus()
    User().key(Qt.Key.Key_R)
    assert "Open a list of records to repeat one" in window.statusBar().currentMessage()


def test_ctrl_r_in_the_editor_repeats_the_record_shown(
    qtbot: QtBot, company: SmallCompany, open_editor: Callable[..., RecordEditor]
) -> None:
    """Ctrl+R pressed in an open record's editor turns it into today's unsaved copy."""
    old = yesterdays_flha(company)
    editor = open_editor(RecordKind.FLHA, old.id)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.title.setFocus()
    User().key(Qt.Key.Key_R)
    assert editor.record is None and editor.event_date.value() == TODAY
    assert editor.heading.text().endswith("new")
