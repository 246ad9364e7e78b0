"""The list page of a record kind and its lazily loaded model, on real services."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.gui import editors
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.models.records_model import (
    COL_ACTIONS,
    COL_DATE,
    COL_SIGNERS,
    COL_SITE,
    COL_STATUS,
    COL_TITLE,
    RECORD_ROLE,
    SORT_ROLE,
    RecordsModel,
    load_rows,
)
from secor_desktop.gui.notify import RecordingNotifier
from secor_desktop.gui.pages.record_list import RecordListPage
from secor_desktop.services.facade import Services
from secor_desktop.services.listing import ListingService, RecordQuery, SortKey
from tests.conftest import TODAY, SmallCompany, signature_png
from tests.gui.keys import type_text


def sign(company: SmallCompany, record: Record) -> Record:
    return company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )


def talk(company: SmallCompany, title: str, topic: str = "Ladders") -> Record:
    return company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title=title,
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody(
            topic=topic, presenter_id=company.lead.id, attendee_ids=(company.worker.id,)
        ),
    )


def titles(model: RecordsModel) -> list[str]:
    return [model.record_at(row).title for row in range(model.rowCount())]  # type: ignore[union-attr]


def make_page(qtbot: QtBot, services: Services, kind: RecordKind) -> RecordListPage:
    page = RecordListPage(services, InlineBackground(), kind)
    qtbot.addWidget(page)
    return page


@pytest.fixture
def seven_inspections(company: SmallCompany) -> list[Record]:
    return [company.inspection(f"Inspection {i}", TODAY - timedelta(days=i)) for i in range(7)]


def test_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, company: SmallCompany, seven_inspections: list[Record]
) -> None:
    """The records model keeps Qt's model contract, with lazy loading in play."""
    sign(company, seven_inspections[0])
    model = RecordsModel(ListingService(company.services.ctx), RecordKind.INSPECTION, page_size=3)
    model.set_names({company.site.id: company.site.name}, {})
    model.set_query(RecordQuery())
    qtmodeltester.check(model)


def test_model_loads_only_the_pages_it_shows(
    company: SmallCompany, seven_inspections: list[Record]
) -> None:
    """With pages of 3, all seven rows are there at once, but only the pages shown are read."""
    model = RecordsModel(ListingService(company.services.ctx), RecordKind.INSPECTION, page_size=3)
    model.set_query(RecordQuery())
    assert (model.rowCount(), model.total, list(model.pages)) == (7, 7, [0])
    assert model.index(6, COL_TITLE).data() == "Inspection 6"
    assert sorted(model.pages) == [0, 2]
    assert model.loaded_rows() == 4
    assert not model.canFetchMore()


def test_model_roles_give_native_values_and_the_record(
    company: SmallCompany, seven_inspections: list[Record]
) -> None:
    """SORT_ROLE gives a date and an int; RECORD_ROLE gives the domain record."""
    model = RecordsModel(ListingService(company.services.ctx), RecordKind.INSPECTION)
    model.set_query(RecordQuery())
    first = model.index(0, COL_DATE)
    assert first.data(SORT_ROLE) == TODAY
    assert first.data(RECORD_ROLE) == seven_inspections[0]
    assert model.index(0, COL_SIGNERS).data(SORT_ROLE) == 0


def test_model_sort_is_done_by_the_database(
    company: SmallCompany, seven_inspections: list[Record]
) -> None:
    """Sorting by title ascending covers every record, not only the loaded page."""
    model = RecordsModel(ListingService(company.services.ctx), RecordKind.INSPECTION, page_size=2)
    model.set_query(RecordQuery())
    model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert titles(model) == [f"Inspection {i}" for i in range(7)]
    model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert titles(model) == [f"Inspection {i}" for i in reversed(range(7))]
    assert model.query.sort is SortKey.TITLE


def test_status_badge_has_words_not_only_colour(company: SmallCompany) -> None:
    """A signed record reads 'Signed' and a draft 'Draft', each with a symbol."""
    sign(company, company.inspection("Signed one", TODAY))
    company.inspection("Draft one", TODAY - timedelta(days=1))
    model = RecordsModel(ListingService(company.services.ctx), RecordKind.INSPECTION)
    model.set_query(RecordQuery())
    assert model.index(0, COL_STATUS).data() == "✔ Signed"
    assert model.index(1, COL_STATUS).data() == "✎ Draft"
    assert model.index(0, COL_SIGNERS).data() == "Zoë Tremblay"


def test_page_shows_columns_and_count(qtbot: QtBot, company: SmallCompany) -> None:
    """The page lists the kind's records with their site and counts what it shows."""
    record = company.inspection()
    company.services.actions.raise_action(
        "Clear the aisle", due_date=TODAY, owner_id=company.lead.id, source_record_id=record.id
    )
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    assert page.model.index(0, COL_SITE).data() == "Main yard"
    assert page.model.index(0, COL_ACTIONS).data() == "1"
    assert page.count_label.text() == "Showing 1 of 1 record"


def test_count_label_counts_rows_not_yet_loaded(
    qtbot: QtBot, company: SmallCompany, seven_inspections: list[Record]
) -> None:
    """With pages of 3, the label still says 7 of 7: every row is in the table."""
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.model.page_size = 3
    page.apply_filters()
    assert page.model.loaded_rows() == 3
    assert page.count_label.text() == "Showing 7 of 7 records"


def test_status_filter_shows_only_signed(qtbot: QtBot, company: SmallCompany) -> None:
    """Choosing 'Signed' in the status filter leaves the signed record only."""
    sign(company, company.inspection("Signed one"))
    company.inspection("Draft one")
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.status_combo.setCurrentIndex(page.status_combo.findText("Signed"))
    assert titles(page.model) == ["Signed one"]


def test_open_actions_filter(qtbot: QtBot, company: SmallCompany) -> None:
    """'Has open actions' leaves the record an action was raised from."""
    record = company.inspection("Pallets")
    company.inspection("Fine")
    company.services.actions.raise_action(
        "Move pallets", due_date=TODAY, owner_id=company.lead.id, source_record_id=record.id
    )
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.status_combo.setCurrentIndex(page.status_combo.findText("Has open actions"))
    assert titles(page.model) == ["Pallets"]


def test_worker_filter(qtbot: QtBot, company: SmallCompany) -> None:
    """Choosing a worker lists the talks they attended."""
    talk(company, "Sam was there")
    company.inspection()
    page = make_page(qtbot, company.services, RecordKind.TOOLBOX_TALK)
    page.worker_combo.setCurrentIndex(page.worker_combo.findText("Sam Okafor"))
    assert titles(page.model) == ["Sam was there"]


def test_date_filter(qtbot: QtBot, company: SmallCompany, seven_inspections: list[Record]) -> None:
    """From and to dates narrow the list to the days between them."""
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    start = TODAY - timedelta(days=2)
    page.date_from.setDate(QDate(start.year, start.month, start.day))
    page.date_to.setDate(QDate(TODAY.year, TODAY.month, TODAY.day - 1))
    assert titles(page.model) == ["Inspection 1", "Inspection 2"]


def test_reversed_dates_show_a_message_not_a_crash(qtbot: QtBot, company: SmallCompany) -> None:
    """A 'To' date before the 'From' date is explained beside the filters."""
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.date_from.setDate(QDate(2026, 10, 10))
    page.date_to.setDate(QDate(2026, 10, 1))
    assert not page.error_label.isHidden()
    assert "before" in page.error_label.text()


def test_typed_french_search_finds_the_record(qtbot: QtBot, company: SmallCompany) -> None:
    """Typing « échafaudage » (non-ASCII, by key events) finds the French talk."""
    talk(company, "Causerie : « Échafaudage » et façades", topic="Échafaudage")
    talk(company, "Ladders")
    page = make_page(qtbot, company.services, RecordKind.TOOLBOX_TALK)
    page.search_box.setFocus()
    type_text(page.search_box, "« échafaudage »")
    assert page.search_box.text() == "« échafaudage »"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert titles(page.model) == ["Causerie : « Échafaudage » et façades"]


def test_clear_filters_shows_everything_again(qtbot: QtBot, company: SmallCompany) -> None:
    """'Clear filters' resets the search and the combos."""
    company.inspection("One")
    company.inspection("Two")
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.search_box.setText("One")
    page.apply_filters()
    assert page.model.rowCount() == 1
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 2
    assert page.search_box.text() == ""


def test_header_click_sorts(qtbot: QtBot, company: SmallCompany) -> None:
    """Sorting the view by title asks the database for that order."""
    for title in ("Bravo", "alpha", "Charlie"):
        company.inspection(title)
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.sort_by(COL_TITLE, descending=False)
    assert titles(page.model) == ["alpha", "Bravo", "Charlie"]


def test_enter_opens_the_editor_for_the_current_record(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on a row opens that record in its editor; a save refreshes the page."""
    record = company.inspection()
    opened: list[tuple[RecordKind, str | None]] = []

    def fake_editor(parent: object, services: Services, kind: RecordKind, rid: str | None) -> bool:
        opened.append((kind, rid))
        return True

    monkeypatch.setattr(editors, "open_record_editor", fake_editor)
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    with qtbot.waitExposed(page):
        page.show()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, COL_TITLE))
    with qtbot.waitSignal(page.records_changed):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [(RecordKind.INSPECTION, record.id)]


def test_new_button_opens_an_empty_editor(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'New record' opens the editor of this kind with no record id."""
    opened: list[tuple[RecordKind, str | None]] = []

    def fake_editor(parent: object, services: Services, kind: RecordKind, rid: str | None) -> bool:
        opened.append((kind, rid))
        return False

    monkeypatch.setattr(editors, "open_record_editor", fake_editor)
    page = make_page(qtbot, company.services, RecordKind.DRILL)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert opened == [(RecordKind.DRILL, None)]


def test_missing_editor_is_told_not_crashed(
    qtbot: QtBot,
    company: SmallCompany,
    monkeypatch: pytest.MonkeyPatch,
    messages: RecordingNotifier,
) -> None:
    """An editor that is not built yet gives a plain message."""

    def not_built(*args: object) -> bool:
        raise NotImplementedError

    monkeypatch.setattr(editors, "open_record_editor", not_built)
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.new_record()
    assert any("not in this version" in t for t in messages.texts("info"))


def test_every_input_has_an_accessible_name(qtbot: QtBot, company: SmallCompany) -> None:
    """Screen readers can name every field, button and the table."""
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    inputs = page.findChildren(QLineEdit) + page.findChildren(QComboBox)
    inputs += page.findChildren(QDateEdit) + page.findChildren(QPushButton)
    inputs += page.findChildren(QTableView)
    named = [
        w for w in inputs if w.accessibleName() or isinstance(w.parent(), QDateEdit | QComboBox)
    ]
    assert len(named) == len(inputs)


def test_tab_order_follows_the_filters(qtbot: QtBot, company: SmallCompany) -> None:
    """Tab goes search, from, to, site, worker, status, clear, table."""
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    expected = [
        page.date_from,
        page.date_to,
        page.site_combo,
        page.worker_combo,
        page.status_combo,
        page.clear_button,
        page.table,
    ]
    widget = page.search_box
    order = []
    for _ in expected:
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.parent() in expected:
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == expected


def test_list_page_renders_at_laptop_size(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """At 1366x768 the page paints to a PNG with its rows visible."""
    for i in range(30):
        company.inspection(f"Inspection {i}", date(2026, 10, 1) + timedelta(days=i))
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.resize(1366, 768)
    with qtbot.waitExposed(page):
        page.show()
    image = page.grab()
    assert (image.width(), image.height()) == (1366, 768)
    assert image.save(str(tmp_path / "inspections.png"))


def test_scrolling_to_the_end_loads_the_last_page_only(qtbot: QtBot, company: SmallCompany) -> None:
    """Ctrl+End shows the oldest record after loading the pages on screen, not those between."""
    for i in range(40):
        company.inspection(f"Inspection {i}", TODAY - timedelta(days=i))
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.resize(1100, 420)
    page.model.page_size = 4
    page.apply_filters()
    with qtbot.waitExposed(page):
        page.show()
    qtbot.waitUntil(lambda: page.model.index(1, COL_TITLE).data() == "Inspection 1")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, COL_TITLE))
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.index(39, COL_TITLE).data() == "Inspection 39")
    assert page.table.currentIndex().row() == 39
    shown = page.table.rowAt(page.table.viewport().height() - 1) + 1 - page.table.rowAt(0)
    assert shown < 20  # the test needs pages off screen at both ends
    assert 5 not in page.model.pages  # rows 20-23 were never on screen, never loaded
    assert page.model.loaded_rows() < 40


def test_rows_on_their_way_say_loading(
    qtbot: QtBot, company: SmallCompany, seven_inspections: list[Record]
) -> None:
    """A row whose page is being fetched reads 'Loading…', then its record."""
    page = make_page(qtbot, company.services, RecordKind.INSPECTION)
    page.model.page_size = 3
    page.apply_filters()
    assert page.model.index(4, COL_TITLE).data() == "Loading…"
    assert page.model.index(4, COL_TITLE).data(RECORD_ROLE) is None
    qtbot.waitUntil(lambda: page.model.index(4, COL_TITLE).data() == "Inspection 4")


def test_a_page_from_before_a_new_search_is_dropped(
    qtbot: QtBot, company: SmallCompany, seven_inspections: list[Record]
) -> None:
    """Rows loaded for the old filters never land in the list of the new ones."""
    model = RecordsModel(ListingService(company.services.ctx), RecordKind.INSPECTION, page_size=3)
    asked: list[tuple[RecordQuery, int, int]] = []
    model.page_loader = lambda query, generation, number, size, total: asked.append(
        (query, generation, number)
    )
    model.set_query(RecordQuery())
    assert model.index(5, COL_TITLE).data() == "Loading…"
    qtbot.waitUntil(lambda: bool(asked))
    query, generation, number = asked[0]
    model.set_query(RecordQuery(text="Inspection 1"))  # a search, while page 1 is on its way
    model.add_rows(load_rows(model.listing, query, generation, number, 3, 7))
    assert model.rowCount() == 1 and list(model.pages) == [0]
    assert titles(model) == ["Inspection 1"]


def test_memory_holds_a_bounded_number_of_pages(
    company: SmallCompany, seven_inspections: list[Record]
) -> None:
    """With room for two pages of two, reading all seven rows keeps only the last two pages."""
    model = RecordsModel(
        ListingService(company.services.ctx), RecordKind.INSPECTION, page_size=2, max_pages=2
    )
    model.set_query(RecordQuery())
    assert titles(model) == [f"Inspection {i}" for i in range(7)]
    assert list(model.pages) == [2, 3] and model.loaded_rows() == 3
    assert model.row_of(seven_inspections[6].id) == 6
    assert model.row_of(seven_inspections[0].id) == -1  # its page was let go
    assert model.index(0, COL_TITLE).data() == "Inspection 0"  # and comes back when shown
