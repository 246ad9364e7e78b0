"""The corrective action board, driven offscreen through the real services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import ActionStatus, RecordKind
from secor_desktop.domain.model import CorrectiveAction
from secor_desktop.gui import editors, notify
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.models.actions_model import (
    COL_DESCRIPTION,
    COL_OWNER,
    COL_SOURCE,
    COL_SOURCE_KIND,
    COL_STATE,
    RECORD_ROLE,
    ActionsModel,
    StateFilter,
)
from secor_desktop.gui.pages.actions import ActionsPage, CloseActionDialog
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from secor_desktop.services.people import PeopleService
from tests.conftest import SmallCompany


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, accents included, as key events (keyClicks is ASCII-only)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def said() -> Iterator[notify.RecordingNotifier]:
    recorder = notify.RecordingNotifier()
    previous = notify.install(recorder)
    yield recorder
    notify.install(previous)


@pytest.fixture
def board(company: SmallCompany, clock: FixedClock) -> dict[str, CorrectiveAction]:
    """One open, one overdue (raised a month ago) and one closed action."""
    actions = company.services.actions
    inspection = company.inspection()
    open_one = actions.raise_action(
        "Move the pallets out of the aisle",
        due_date=date(2026, 11, 9),
        owner_id=company.worker.id,
        source_record_id=inspection.id,
    )
    overdue = actions.raise_action(
        "Replace the frayed lanyard",
        due_date=date(2026, 10, 20),
        owner_id=company.lead.id,
        created_date=date(2026, 10, 1),
    )
    done = actions.raise_action(
        "Tag the extinguisher", due_date=date(2026, 11, 5), owner_id=company.lead.id
    )
    closed = actions.close(done.id, closed_date=date(2026, 11, 2), note="Tagged and initialled.")
    return {"open": open_one, "overdue": overdue, "closed": closed}


@pytest.fixture
def page(qtbot: QtBot, company: SmallCompany, board: dict[str, CorrectiveAction]) -> ActionsPage:
    widget = ActionsPage(company.services, InlineBackground())
    qtbot.addWidget(widget)
    return widget


def shown(page: ActionsPage, column: int = COL_DESCRIPTION) -> list[str]:
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def select(page: ActionsPage, action: CorrectiveAction) -> None:
    page.set_state_filter(StateFilter.ALL)
    page.select_action(action.id)
    assert page.selected_action() is not None


def test_board_shows_open_and_overdue_first_overdue_on_top(page: ActionsPage) -> None:
    """By default the board shows actions still to do, overdue ones first."""
    assert shown(page) == ["Replace the frayed lanyard", "Move the pallets out of the aisle"]
    assert shown(page, COL_STATE) == ["⚠ Overdue 13 days", "Open · 7 days left"]


def test_page_has_a_title_for_the_sidebar(page: ActionsPage) -> None:
    """The page names itself for the main window's sidebar."""
    assert page.title == "Corrective actions"


def test_filter_overdue_only(page: ActionsPage) -> None:
    """'Overdue only' shows the actions past their due date and still open."""
    page.set_state_filter(StateFilter.OVERDUE)
    assert shown(page) == ["Replace the frayed lanyard"]


def test_filter_closed_shows_closure_note_and_date(page: ActionsPage) -> None:
    """'Closed' shows closed actions with their closed date and note."""
    page.set_state_filter(StateFilter.CLOSED)
    assert shown(page) == ["Tag the extinguisher"]
    assert page.proxy.index(0, 7).data() == "2026-11-02"
    assert page.proxy.index(0, 8).data() == "Tagged and initialled."


def test_filter_all_and_count(page: ActionsPage) -> None:
    """'All actions' shows every action; the count says how many of how many."""
    page.set_state_filter(StateFilter.ALL)
    assert len(shown(page)) == 3
    assert page.count.text() == "3 of 3 shown"
    assert page.summary.text() == "2 open, of which 1 overdue · 1 closed"


def test_search_matches_owner_name(page: ActionsPage) -> None:
    """Searching by an owner's name keeps only their actions."""
    page.search.setText("okafor")
    assert shown(page) == ["Move the pallets out of the aisle"]


def test_owner_and_source_are_named(page: ActionsPage) -> None:
    """Each action shows its owner's name and its source record's title and kind."""
    page.set_state_filter(StateFilter.ALL)
    row = shown(page).index("Move the pallets out of the aisle")
    assert page.proxy.index(row, COL_OWNER).data() == "Sam Okafor"
    assert page.proxy.index(row, COL_SOURCE).data() == "Weekly yard inspection"
    assert page.proxy.index(row, COL_SOURCE_KIND).data() == "Inspection"


def test_raise_an_action(page: ActionsPage, company: SmallCompany, services: Services) -> None:
    """Raising an action with owner and due date saves it open, and selects it."""
    dialog = page.raise_action()
    dialog.description.setPlainText("Fix the loose handrail")
    dialog.owner.setCurrentIndex(dialog.owner.findData(company.lead.id))
    dialog.due.setDate(QDate(2026, 11, 20))
    dialog.save()
    saved = [a for a in services.actions.all() if a.description == "Fix the loose handrail"]
    assert len(saved) == 1
    assert (saved[0].owner_id, saved[0].due_date) == (company.lead.id, date(2026, 11, 20))
    assert saved[0].status is ActionStatus.OPEN
    assert page.selected_action() == saved[0]


def test_raise_an_action_from_a_source_record(
    page: ActionsPage, company: SmallCompany, services: Services
) -> None:
    """An action raised with a source record keeps the link to it."""
    record = company.inspection(title="Ladder inspection")
    dialog = page.raise_action()
    dialog.description.setPlainText("Retire the cracked ladder")
    dialog.set_source(record.id)
    dialog.save()
    saved = [a for a in services.actions.all() if a.description == "Retire the cracked ladder"]
    assert saved[0].source_record_id == record.id


def test_raise_without_description_is_refused_beside_the_field(
    page: ActionsPage, services: Services
) -> None:
    """No description: the error shows under it and nothing is saved."""
    before = services.actions.all()
    dialog = page.raise_action()
    dialog.save()
    assert dialog.errors.message_for("description") == "Action to take is required."
    assert services.actions.all() == before


def test_raise_with_a_source_that_names_no_record_is_refused(
    page: ActionsPage, services: Services
) -> None:
    """Typed text that matches no record is refused beside the source field."""
    before = services.actions.all()
    dialog = page.raise_action()
    dialog.description.setPlainText("Something")
    dialog.source.setEditText("no such record")
    dialog.save()
    assert "Pick a record from the list" in dialog.errors.message_for("source_record_id")
    assert services.actions.all() == before


def test_close_an_action_with_a_note(
    page: ActionsPage, board: dict[str, CorrectiveAction], services: Services
) -> None:
    """Closing with a date and a note marks the action closed."""
    select(page, board["overdue"])
    dialog = page.close_action()
    assert isinstance(dialog, CloseActionDialog)
    dialog.closed.setDate(QDate(2026, 11, 1))
    dialog.note.setPlainText("New lanyard issued; old one cut and binned.")
    dialog.save()
    action = next(a for a in services.actions.all() if a.id == board["overdue"].id)
    assert action.status is ActionStatus.CLOSED
    assert (action.closed_date, action.closure_note) == (
        date(2026, 11, 1),
        "New lanyard issued; old one cut and binned.",
    )


def test_closing_needs_a_note(
    page: ActionsPage, board: dict[str, CorrectiveAction], services: Services
) -> None:
    """Without a note the action stays open and the note field says why."""
    select(page, board["open"])
    dialog = page.close_action()
    assert dialog is not None
    dialog.save()
    assert dialog.errors.message_for("closure_note") == "Say how the action was closed."
    action = next(a for a in services.actions.all() if a.id == board["open"].id)
    assert action.status is ActionStatus.OPEN


def test_closed_action_cannot_be_closed_again(
    page: ActionsPage, board: dict[str, CorrectiveAction]
) -> None:
    """The close button is off for an action already closed."""
    select(page, board["closed"])
    assert not page.close_button.isEnabled()
    assert page.close_action() is None


def test_french_closure_note_is_saved_exactly(
    page: ActionsPage, board: dict[str, CorrectiveAction], services: Services
) -> None:
    """A note typed with é, ç and «» is stored exactly as typed."""
    select(page, board["open"])
    dialog = page.close_action()
    assert dialog is not None
    note = "Palettes déplacées « hors de l'allée », reçu signé par François"
    type_text(dialog.note, note)
    dialog.save()
    action = next(a for a in services.actions.all() if a.id == board["open"].id)
    assert action.closure_note == note


def test_double_click_opens_the_source_record(
    page: ActionsPage,
    board: dict[str, CorrectiveAction],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Double-clicking an action opens its source record in the record editor."""
    opened: list[tuple[RecordKind, str | None]] = []

    def record_open(_parent: object, _services: object, kind: RecordKind, record_id: str) -> bool:
        opened.append((kind, record_id))
        return False

    monkeypatch.setattr(editors, "open_record_editor", record_open)
    select(page, board["open"])
    row = page.table.selectionModel().selectedRows()[0]
    page.table.doubleClicked.emit(row)
    assert opened == [(RecordKind.INSPECTION, board["open"].source_record_id)]


def test_editor_not_yet_built_is_told_not_raised(
    page: ActionsPage,
    board: dict[str, CorrectiveAction],
    said: notify.RecordingNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Until the editors exist, opening a source shows a message instead of failing."""

    def not_built(*_args: object, **_kwargs: object) -> bool:
        raise NotImplementedError("record editors are not built yet")

    monkeypatch.setattr(editors, "open_record_editor", not_built)
    select(page, board["open"])
    assert page.open_source() is False
    assert "not available" in said.texts("warning")[0]


def test_action_without_source_has_no_open_button(
    page: ActionsPage, board: dict[str, CorrectiveAction]
) -> None:
    """An action raised on its own offers no source record to open."""
    select(page, board["overdue"])
    assert not page.source_button.isEnabled()


def test_actions_model_passes_the_model_tester(
    qtmodeltester: object, company: SmallCompany, board: dict[str, CorrectiveAction]
) -> None:
    """The board model keeps Qt's model contract."""
    model = ActionsModel()
    model.set_board(PeopleService(company.services.ctx).action_board())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_record_role_gives_the_domain_action(
    page: ActionsPage, board: dict[str, CorrectiveAction]
) -> None:
    """Through the proxy, the record role returns the frozen CorrectiveAction."""
    assert page.proxy.index(0, COL_DESCRIPTION).data(RECORD_ROLE) == board["overdue"]


def test_page_renders_at_laptop_size(qtbot: QtBot, page: ActionsPage, tmp_path: Path) -> None:
    """At 1366x768 the page paints to a PNG of that size."""
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab()
    assert (image.width(), image.height()) == (1366, 768)
    assert image.save(str(tmp_path / "page-actions.png"))


def test_closing_an_action_tells_the_main_window(
    qtbot: QtBot, page: ActionsPage, board: dict[str, CorrectiveAction]
) -> None:
    """After an action is closed the page emits records_changed so other pages refresh."""
    select(page, board["open"])
    dialog = page.close_action()
    assert dialog is not None
    dialog.note.setPlainText("Done.")
    with qtbot.waitSignal(page.records_changed, timeout=1000):
        dialog.save()
