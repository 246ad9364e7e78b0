"""The workers page, driven offscreen through the real services on a temporary database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import OrientationBody, TrainingBody
from secor_desktop.domain.kinds import EmploymentType, RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record, Worker
from secor_desktop.gui import editors, notify
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.models.workers_model import (
    COL_END,
    COL_NAME,
    COL_START,
    RECORD_ROLE,
    WorkersModel,
)
from secor_desktop.gui.pages.workers import EndEmploymentDialog, WorkerDialog, WorkersPage
from secor_desktop.services.facade import Services
from tests.conftest import TODAY, SmallCompany, signature_png


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
def page(qtbot: QtBot, company: SmallCompany) -> WorkersPage:
    widget = WorkersPage(company.services, InlineBackground())
    qtbot.addWidget(widget)
    return widget


def names_shown(page: WorkersPage) -> list[str]:
    return [page.proxy.index(r, COL_NAME).data() for r in range(page.proxy.rowCount())]


def select(page: WorkersPage, worker: Worker) -> None:
    page.select_worker(worker.id)
    assert page.selected_worker() == worker


def orientation(company: SmallCompany, worker: Worker, day: date) -> Record:
    return company.services.records.create(
        RecordKind.ORIENTATION,
        title=f"Orientation: {worker.name}",
        event_date=day,
        site_id=company.site.id,
        body=OrientationBody(worker.id, company.lead.id, True, True, True, True, True, True),
    )


def course(company: SmallCompany, worker: Worker, name: str, expiry: date | None) -> Record:
    return company.services.records.create(
        RecordKind.TRAINING,
        title=f"{name}: {worker.name}",
        event_date=date(2025, 6, 1),
        site_id=None,
        body=TrainingBody(worker.id, name, "St. John Ambulance", expiry),
    )


def test_roster_lists_every_worker_by_name(page: WorkersPage) -> None:
    """The table shows the whole roster, sorted by name."""
    assert names_shown(page) == ["Dana Kowalski", "Sam Okafor", "Zoë Tremblay"]


def test_page_has_a_title_for_the_sidebar(page: WorkersPage) -> None:
    """The page names itself for the main window's sidebar."""
    assert page.title == "Workers"


def test_add_a_worker(page: WorkersPage, services: Services) -> None:
    """Filling the add dialog and saving puts the worker on the roster and selects them."""
    dialog = page.add_worker()
    dialog.name.setText("Ana Reyes")
    dialog.role.setText("Labourer")
    dialog.employment.setCurrentIndex(dialog.employment.findData(EmploymentType.PART_TIME.value))
    dialog.start.setDate(QDate(2026, 5, 4))
    dialog.save()
    saved = [w for w in services.roster.workers() if w.name == "Ana Reyes"]
    assert len(saved) == 1
    assert (saved[0].role, saved[0].employment_type) == ("Labourer", EmploymentType.PART_TIME)
    assert saved[0].start_date == date(2026, 5, 4)
    assert page.selected_worker() == saved[0]


def test_edit_a_worker(page: WorkersPage, company: SmallCompany, services: Services) -> None:
    """Editing changes the worker in place (same id, new role and contact)."""
    select(page, company.worker)
    dialog = page.edit_worker()
    assert isinstance(dialog, WorkerDialog)
    assert dialog.name.text() == "Sam Okafor"
    dialog.role.setText("Lead roofer")
    dialog.contact.setText("403-555-0101")
    dialog.save()
    worker = services.roster.get_worker(company.worker.id)
    assert (worker.role, worker.contact) == ("Lead roofer", "403-555-0101")


def test_missing_name_is_shown_next_to_the_field_and_nothing_saved(
    page: WorkersPage, services: Services
) -> None:
    """Saving without a name shows 'Name is required' under the name; the roster is unchanged."""
    before = services.roster.workers()
    dialog = page.add_worker()
    dialog.role.setText("Labourer")
    dialog.save()
    assert dialog.errors.message_for("name") == "Name is required."
    assert dialog.result() != WorkerDialog.DialogCode.Accepted
    assert services.roster.workers() == before


def test_end_before_start_is_shown_next_to_the_end_date(
    page: WorkersPage, company: SmallCompany, services: Services
) -> None:
    """An end date before the start date is refused beside the end date field."""
    select(page, company.worker)
    dialog = page.edit_worker()
    assert dialog is not None
    dialog.ended.setChecked(True)
    dialog.end.setDate(QDate(2026, 1, 1))
    dialog.save()
    assert dialog.errors.message_for("end_date") == "End date comes before the start date."
    assert services.roster.get_worker(company.worker.id).end_date is None


def test_duplicate_name_message_reads_as_a_sentence(page: WorkersPage) -> None:
    """A second worker with the same name gets the service's full sentence under the name."""
    dialog = page.add_worker()
    dialog.name.setText("sam okafor")
    dialog.role.setText("Roofer")
    dialog.save()
    assert dialog.errors.message_for("name").startswith("Sam okafor is already on the roster")


def test_french_name_typed_is_saved_exactly(page: WorkersPage, services: Services) -> None:
    """Accents, cedillas and guillemets typed into the name are stored as typed."""
    dialog = page.add_worker()
    type_text(dialog.name, "Élise Françoise «Lulu» Côté")
    type_text(dialog.role, "Opératrice de façonneuse")
    dialog.save()
    names = {w.name: w.role for w in services.roster.workers()}
    assert names["Élise Françoise «Lulu» Côté"] == "Opératrice de façonneuse"


def test_end_employment_sets_the_end_date_and_keeps_the_worker(
    page: WorkersPage, company: SmallCompany, services: Services
) -> None:
    """Ending employment records the last day; the worker stays on the roster."""
    select(page, company.worker)
    dialog = page.end_employment()
    assert isinstance(dialog, EndEmploymentDialog)
    dialog.end.setDate(QDate(2026, 10, 30))
    dialog.save()
    worker = services.roster.get_worker(company.worker.id)
    assert worker.end_date == date(2026, 10, 30)
    assert "Sam Okafor" in names_shown(page)
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(worker.id) or 0, COL_END))
    assert row.data() == "left 2026-10-30"


def test_end_employment_is_offered_only_to_current_workers(
    page: WorkersPage, company: SmallCompany, services: Services
) -> None:
    """A worker who has already left cannot have their employment ended again."""
    services.roster.save_worker(replace(company.worker, end_date=TODAY))
    page.refresh()
    select(page, services.roster.get_worker(company.worker.id))
    assert not page.end_button.isEnabled()
    assert page.end_employment() is None


def test_hide_former_workers(page: WorkersPage, company: SmallCompany, services: Services) -> None:
    """Ticking 'Hide former workers' leaves out those whose employment has ended."""
    services.roster.save_worker(replace(company.worker, end_date=date(2026, 10, 1)))
    page.refresh()
    page.hide_former.setChecked(True)
    assert names_shown(page) == ["Dana Kowalski", "Zoë Tremblay"]
    assert page.count.text() == "3 on the roster · 2 current"


def test_sorting_by_start_date_sorts_dates(page: WorkersPage) -> None:
    """The start date column sorts by date, earliest first."""
    page.table.sortByColumn(COL_START, Qt.SortOrder.AscendingOrder)
    assert names_shown(page) == ["Dana Kowalski", "Zoë Tremblay", "Sam Okafor"]


def test_detail_shows_the_workers_training_with_expiry(
    page: WorkersPage, company: SmallCompany
) -> None:
    """The selected worker's training lists the course, its expiry and a status."""
    course(company, company.worker, "Standard First Aid", date(2026, 11, 20))
    page.refresh()
    select(page, company.worker)
    table = page.detail.training
    assert table.rowCount() == 1
    row = [table.model().index(0, c).data() for c in range(table.columnCount())]
    assert row == ["Standard First Aid", "2025-06-01", "2026-11-20", "Within 30 days"]


def test_detail_warns_when_there_is_no_orientation(
    page: WorkersPage, company: SmallCompany
) -> None:
    """A worker with no orientation record gets a clear warning."""
    select(page, company.worker)
    assert "No orientation on record" in page.detail.orientation.text()


def test_detail_shows_the_orientation_date(page: WorkersPage, company: SmallCompany) -> None:
    """A worker's orientation shows with its date."""
    orientation(company, company.worker, date(2026, 4, 1))
    page.refresh()
    select(page, company.worker)
    assert page.detail.orientation.text().startswith("✓ Oriented on 2026-04-01")


def test_detail_counts_the_records_the_worker_signed(
    page: WorkersPage, company: SmallCompany, services: Services
) -> None:
    """Records signed by the worker are counted and the latest listed."""
    for title in ("First inspection", "Second inspection"):
        record = company.inspection(title=title)
        services.records.sign(
            record.id,
            signer_id=company.lead.id,
            meaning=SignatureMeaning.PERFORMED,
            image_png=signature_png(),
        )
    page.refresh()
    select(page, company.lead)
    assert page.detail.signed_count.text() == "Signed 2 records; the latest 2 below."
    titles = {page.detail.signed.model().index(r, 2).data() for r in range(2)}
    assert titles == {"First inspection", "Second inspection"}


def test_double_clicking_a_signed_record_opens_its_editor(
    page: WorkersPage,
    company: SmallCompany,
    services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Opening a signed record calls the record editor with its kind and id."""
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    opened: list[tuple[RecordKind, str | None]] = []

    def record_open(_parent: object, _services: object, kind: RecordKind, record_id: str) -> bool:
        opened.append((kind, record_id))
        return False

    monkeypatch.setattr(editors, "open_record_editor", record_open)
    page.refresh()
    select(page, company.lead)
    page.detail.signed.cellDoubleClicked.emit(0, 1)
    assert opened == [(RecordKind.INSPECTION, record.id)]


def test_editor_not_yet_built_is_told_not_raised(
    page: WorkersPage,
    company: SmallCompany,
    services: Services,
    said: notify.RecordingNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the editor is not available the user gets a message, not a crash."""

    def not_built(*_args: object, **_kwargs: object) -> bool:
        raise NotImplementedError("record editors are not built yet")

    monkeypatch.setattr(editors, "open_record_editor", not_built)
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    page.refresh()
    select(page, company.lead)
    assert page.detail.open_signed(0) is False
    assert "not available" in said.texts("warning")[0]


def test_workers_model_passes_the_model_tester(
    qtmodeltester: object, company: SmallCompany
) -> None:
    """The roster model keeps Qt's model contract."""
    model = WorkersModel(TODAY)
    model.set_workers(company.services.roster.workers(), TODAY)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_record_role_gives_the_domain_worker(page: WorkersPage, company: SmallCompany) -> None:
    """Through the sorting proxy, the record role returns the frozen Worker."""
    index = page.proxy.index(0, COL_NAME)
    assert index.data(RECORD_ROLE) == company.owner


def test_page_renders_at_laptop_size(qtbot: QtBot, page: WorkersPage, tmp_path: Path) -> None:
    """At 1366x768 the page paints to a PNG of that size."""
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab()
    assert (image.width(), image.height()) == (1366, 768)
    assert image.save(str(tmp_path / "page-workers.png"))


def test_saving_a_worker_tells_the_main_window(qtbot: QtBot, page: WorkersPage) -> None:
    """After a worker is saved the page emits records_changed so other pages refresh."""
    dialog = page.add_worker()
    dialog.name.setText("Ana Reyes")
    dialog.role.setText("Labourer")
    with qtbot.waitSignal(page.records_changed, timeout=1000):
        dialog.save()
