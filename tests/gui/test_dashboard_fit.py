"""The dashboard on a 1366x768 laptop: every element in view, plain words on a new company,
and a finding that opens its fix by double-click, Enter or its button."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages.actions import ActionsPage
from secor_desktop.gui.pages.dashboard import COL_ELEMENT, DashboardPage
from secor_desktop.services.facade import Services
from tests.conftest import TODAY, SmallCompany

JARGON = ("span rule", "Blocker", "blocker", "(3 | 12)")


@pytest.fixture(params=[(1366, 768), (1280, 720)], ids=["1366x768", "1280x720"])
def window(
    qtbot: QtBot, company: SmallCompany, request: pytest.FixtureRequest
) -> Iterator[MainWindow]:
    """The main window at a laptop's full screen, and at the size it first opens with."""
    window = MainWindow(company.services, InlineBackground())
    qtbot.addWidget(window)
    window.resize(QSize(*request.param))
    window.show()
    qtbot.waitExposed(window)
    window.select_page("Dashboard")
    yield window


def _dashboard(window: MainWindow) -> DashboardPage:
    page = window.current_page()
    assert isinstance(page, DashboardPage)
    return page


def test_all_nine_elements_show_without_scrolling_on_a_laptop(window: MainWindow) -> None:
    """Each element row lies inside the table's visible viewport, inside the window."""
    page = _dashboard(window)
    table = page.elements
    assert table.rowCount() == 9
    viewport = table.viewport()
    visible = QRect(viewport.mapTo(window, viewport.rect().topLeft()), viewport.size())
    assert window.rect().contains(visible)
    for row in range(9):
        rect = table.visualRect(table.model().index(row, COL_ELEMENT))
        assert rect.height() > 0
        assert viewport.rect().contains(rect), f"row {row + 1} is cut off: {rect}"
    assert table.verticalScrollBar().maximum() == 0
    # Nothing below covers the last rows (the details tabs start under the table).
    assert page.tabs.geometry().top() > table.geometry().bottom()
    assert page.tabs.geometry().bottom() <= page.rect().bottom()


def test_a_new_company_reads_in_plain_words(window: MainWindow) -> None:
    """No jargon; the banner says what to do first instead of listing nine elements."""
    page = _dashboard(window)
    shown = [
        page.status_label.text(),
        page.must_fix_label.text(),
        page.audit_label.text(),
        page.earliest_label.text(),
        page.follow_up_label.text(),
    ]
    shown += [page.elements.horizontalHeaderItem(c).text() for c in range(4)]
    for row in range(9):
        shown += [page.elements.item(row, c).text() for c in (0, 1, 3)]
    for text in shown:
        for word in JARGON:
            assert word not in text, (word, text)
    banner = page.status_label.text()
    assert banner.startswith("Today: Not ready (9 of 9 elements need work).")
    assert "Start here: write the health and safety policy statement (element 1)." in banner
    assert "2. " not in banner  # not a list of the elements
    assert page.must_fix_label.text().startswith("Must fix before the audit: ")
    assert "need work" in page.must_fix_label.text()


def test_must_fix_is_split_into_work_and_time(company: SmallCompany, qtbot: QtBot) -> None:
    """A signed inspection turns "none yet" into a span not long enough: time will fix it."""
    services = company.services
    record = company.inspection()
    from tests.conftest import signature_png

    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    page = DashboardPage(services, InlineBackground())
    qtbot.addWidget(page)
    text = page.must_fix_label.text()
    assert "· 1 time will fix (keep recording until your records cover 3 months)" in text
    page.select_element("5")
    assert any(t.startswith("Time will fix: Records span 0 month(s)") for t in _texts(page))


def _texts(page: DashboardPage) -> list[str]:
    listed = page.findings.list
    return [listed.item(i).text() for i in range(listed.count())]


def _close_editor_when_open(seen: list[RecordEditor], focus: list[object] | None = None) -> None:
    """The fix opens its editor modally: look at it, then close it as a user would (Esc)."""

    tries = [100]  # two seconds at most, so a failing test does not poll forever

    def look() -> None:
        editor = QApplication.activeModalWidget()
        if not isinstance(editor, RecordEditor):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, look)
            return
        seen.append(editor)
        if focus is not None:
            focus.append(editor.focusWidget())
        editor.reject()

    QTimer.singleShot(0, look)


def test_enter_on_a_missing_policy_opens_a_new_policy(window: MainWindow, qtbot: QtBot) -> None:
    """Enter on "No signed Health and safety policy statement" opens a new policy."""
    page = _dashboard(window)
    page.select_element("1")
    listed = page.findings.list
    listed.setFocus()
    listed.setCurrentRow(0)
    assert "Health and safety policy statement" in listed.currentItem().text()
    seen: list[RecordEditor] = []
    focus: list[object] = []
    _close_editor_when_open(seen, focus)
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert len(seen) == 1
    assert seen[0].kind is RecordKind.DOCUMENT
    assert seen[0].title.text() == "Health and safety policy statement"
    # Typing starts in the text, at its first blank to fill, not in the filled-in title.
    assert focus == [seen[0].form.text]
    assert seen[0].form.text.textCursor().selectedText().startswith("{{")


def test_double_click_on_a_worker_without_orientation_opens_theirs(
    window: MainWindow, qtbot: QtBot, company: SmallCompany
) -> None:
    page = _dashboard(window)
    page.select_element("4")
    listed = page.findings.list
    item = next(
        listed.item(i)
        for i in range(listed.count())
        if "Sam Okafor has no signed orientation" in listed.item(i).text()
    )
    listed.scrollToItem(item)
    seen: list[RecordEditor] = []
    _close_editor_when_open(seen)
    rect = listed.visualItemRect(item)
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(seen) == 1
    assert seen[0].kind is RecordKind.ORIENTATION
    body = seen[0].form.body()
    assert getattr(body, "worker_id", None) == company.worker.id


def test_the_fix_button_on_an_overdue_action_shows_that_action(
    window: MainWindow, qtbot: QtBot, company: SmallCompany
) -> None:
    """The button beside an overdue action goes to the actions page, that action chosen."""
    from datetime import timedelta

    services: Services = company.services
    record = company.inspection()
    action = services.actions.raise_action(
        "Clear the pallets from the aisle",
        due_date=TODAY - timedelta(days=2),
        owner_id=company.lead.id,
        source_record_id=record.id,
        created_date=TODAY - timedelta(days=10),
    )
    window.refresh_all()
    page = _dashboard(window)
    page.select_element("5")
    listed = page.findings.list
    row = next(i for i in range(listed.count()) if "overdue" in listed.item(i).text())
    listed.setCurrentRow(row)
    assert page.findings.fix_button.text() == "Open the corrective action…"
    assert "Corrective actions: 1 open, 1 of them overdue" in page.follow_up_label.text()
    qtbot.mouseClick(page.findings.fix_button, Qt.MouseButton.LeftButton)
    actions = window.current_page()
    assert isinstance(actions, ActionsPage)
    chosen = actions.selected_action()
    assert chosen is not None and chosen.id == action.id


def test_span_not_long_enough_says_how_long(
    company: SmallCompany, qtbot: QtBot, messages: object
) -> None:
    """A span finding's button explains when the element will be ready and what to keep doing."""
    from tests.conftest import signature_png

    services = company.services
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    page = DashboardPage(services, InlineBackground())
    qtbot.addWidget(page)
    page.select_element("5")
    listed = page.findings.list
    row = next(i for i in range(listed.count()) if "Time will fix" in listed.item(i).text())
    listed.setCurrentRow(row)
    assert "your records cover 0 of the 3 months" in page.findings.detail.text()
    qtbot.mouseClick(page.findings.fix_button, Qt.MouseButton.LeftButton)
    texts = messages.texts()  # type: ignore[attr-defined]
    assert texts and "Keep recording" in texts[-1]
