"""The training matrix page, driven offscreen through the real services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record, Worker
from secor_desktop.domain.training import TrainingStatus
from secor_desktop.gui import editors
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.training_matrix import (
    RECORD_ROLE,
    STATUS_COLOURS,
    TrainingMatrixModel,
    TrainingMatrixPage,
)
from secor_desktop.services.people import PeopleService
from tests.conftest import TODAY, SmallCompany


def course(company: SmallCompany, worker: Worker, name: str, expiry: date | None) -> Record:
    return company.services.records.create(
        RecordKind.TRAINING,
        title=f"{name}: {worker.name}",
        event_date=date(2025, 6, 1),
        site_id=None,
        body=TrainingBody(worker.id, name, "Prairie Safety Training", expiry),
    )


def in_days(days: int) -> date:
    return TODAY + timedelta(days=days)


@pytest.fixture
def page(qtbot: QtBot, company: SmallCompany) -> TrainingMatrixPage:
    """Sam: expired yesterday, 30, 60, 90 days left; Zoë: current, no expiry."""
    course(company, company.worker, "Fall protection", in_days(-1))
    course(company, company.worker, "Standard First Aid", in_days(30))
    course(company, company.worker, "WHMIS", in_days(60))
    course(company, company.worker, "Respirator fit test", in_days(90))
    course(company, company.lead, "Fall protection", in_days(400))
    course(company, company.lead, "SECOR internal auditor", None)
    widget = TrainingMatrixPage(company.services, InlineBackground())
    qtbot.addWidget(widget)
    return widget


def cell(page: TrainingMatrixPage, worker: str, course_name: str, role: int) -> object:
    model = page.model
    assert model.matrix is not None
    row = [w.name for w in model.matrix.workers].index(worker)
    column = list(model.matrix.courses).index(course_name)
    return model.index(row, column).data(role)


DISPLAY = Qt.ItemDataRole.DisplayRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole


def test_rows_are_current_workers_and_columns_courses(page: TrainingMatrixPage) -> None:
    """Workers by name down the side, courses alphabetically across the top."""
    assert page.model.matrix is not None
    assert [w.name for w in page.model.matrix.workers] == [
        "Dana Kowalski",
        "Sam Okafor",
        "Zoë Tremblay",
    ]
    assert page.model.matrix.courses == (
        "Fall protection",
        "Respirator fit test",
        "SECOR internal auditor",
        "Standard First Aid",
        "WHMIS",
    )


def test_page_has_a_title_for_the_sidebar(page: TrainingMatrixPage) -> None:
    """The page names itself for the main window's sidebar."""
    assert page.title == "Training matrix"


def test_expired_cell_is_red_and_says_expired(page: TrainingMatrixPage) -> None:
    """Expired yesterday: the expired colour and the word EXPIRED."""
    assert (
        cell(page, "Sam Okafor", "Fall protection", BACKGROUND)
        == STATUS_COLOURS[TrainingStatus.EXPIRED]
    )
    assert cell(page, "Sam Okafor", "Fall protection", DISPLAY) == "EXPIRED\n2026-11-01"


def test_expiring_in_30_days_has_the_30_day_colour(page: TrainingMatrixPage) -> None:
    """Exactly 30 days left: the 30-day colour and the days left in words."""
    assert (
        cell(page, "Sam Okafor", "Standard First Aid", BACKGROUND)
        == STATUS_COLOURS[TrainingStatus.WITHIN_30]
    )
    assert cell(page, "Sam Okafor", "Standard First Aid", DISPLAY) == "2026-12-02\n30 days left"


def test_expiring_in_60_days_has_the_60_day_colour(page: TrainingMatrixPage) -> None:
    """Exactly 60 days left: the 60-day colour."""
    assert cell(page, "Sam Okafor", "WHMIS", BACKGROUND) == STATUS_COLOURS[TrainingStatus.WITHIN_60]
    assert cell(page, "Sam Okafor", "WHMIS", DISPLAY) == "2027-01-01\n60 days left"


def test_expiring_in_90_days_has_the_90_day_colour(page: TrainingMatrixPage) -> None:
    """Exactly 90 days left: the 90-day colour."""
    assert (
        cell(page, "Sam Okafor", "Respirator fit test", BACKGROUND)
        == STATUS_COLOURS[TrainingStatus.WITHIN_90]
    )


def test_the_four_warning_colours_differ(page: TrainingMatrixPage) -> None:
    """Expired, 30, 60 and 90 days are four distinct colours."""
    statuses = (
        TrainingStatus.EXPIRED,
        TrainingStatus.WITHIN_30,
        TrainingStatus.WITHIN_60,
        TrainingStatus.WITHIN_90,
    )
    assert len({STATUS_COLOURS[s].name() for s in statuses}) == 4


def test_current_cell_shows_its_expiry(page: TrainingMatrixPage) -> None:
    """More than 90 days left: the date, in the current colour."""
    assert cell(page, "Zoë Tremblay", "Fall protection", DISPLAY) == in_days(400).isoformat()
    assert (
        cell(page, "Zoë Tremblay", "Fall protection", BACKGROUND)
        == STATUS_COLOURS[TrainingStatus.CURRENT]
    )


def test_no_expiry_and_never_taken(page: TrainingMatrixPage) -> None:
    """A course without expiry says so; one never taken is blank and uncoloured."""
    assert cell(page, "Zoë Tremblay", "SECOR internal auditor", DISPLAY) == "No expiry"
    assert cell(page, "Dana Kowalski", "WHMIS", DISPLAY) == ""
    assert cell(page, "Dana Kowalski", "WHMIS", BACKGROUND) is None


def test_summary_counts_expired_and_expiring(page: TrainingMatrixPage) -> None:
    """The heading counts expired and expiring certificates."""
    assert page.summary.text() == (
        "As of 2026-11-02: 3 workers, 5 courses · 1 expired · "
        "1 expire within 30 days · 3 within 90 days"
    )


def test_legend_names_every_colour(page: TrainingMatrixPage) -> None:
    """The legend has a labelled swatch for each status."""
    names = {label.accessibleName() for label in page.findChildren(QLabel)}
    assert "Legend: EXPIRED: past its expiry date" in names
    assert "Legend: Within 90 days" in names


def test_former_workers_only_when_asked(page: TrainingMatrixPage, company: SmallCompany) -> None:
    """A worker who has left drops out, and comes back with 'Include former workers'."""
    services = company.services
    services.roster.save_worker(replace(company.worker, end_date=date(2026, 10, 1)))
    page.refresh()
    assert page.model.matrix is not None
    assert "Sam Okafor" not in [w.name for w in page.model.matrix.workers]
    page.include_former.setChecked(True)
    assert "Sam Okafor" in [w.name for w in page.model.matrix.workers]


def test_refresh_shows_new_training(page: TrainingMatrixPage, company: SmallCompany) -> None:
    """A training record saved after opening appears once the page refreshes."""
    course(company, company.owner, "WHMIS", in_days(200))
    page.refresh()
    assert cell(page, "Dana Kowalski", "WHMIS", DISPLAY) == in_days(200).isoformat()


def test_double_click_opens_the_training_record(
    page: TrainingMatrixPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Double-clicking a cell opens that certificate's training record."""
    opened: list[tuple[RecordKind, str | None]] = []

    def record_open(_parent: object, _services: object, kind: RecordKind, record_id: str) -> bool:
        opened.append((kind, record_id))
        return False

    monkeypatch.setattr(editors, "open_record_editor", record_open)
    index = page.model.index(1, 0)
    page.table.doubleClicked.emit(index)
    record = index.data(RECORD_ROLE)
    assert opened == [(RecordKind.TRAINING, record.record_id)]


def test_matrix_model_passes_the_model_tester(
    qtmodeltester: object, page: TrainingMatrixPage, company: SmallCompany
) -> None:
    """The matrix model keeps Qt's model contract."""
    model = TrainingMatrixModel()
    model.set_matrix(PeopleService(company.services.ctx).training_matrix())
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_empty_matrix_explains_itself(qtbot: QtBot, company: SmallCompany) -> None:
    """With no training yet, the page says how to fill it."""
    widget = TrainingMatrixPage(company.services, InlineBackground())
    qtbot.addWidget(widget)
    assert not widget.empty.isHidden()


def test_page_renders_at_laptop_size(
    qtbot: QtBot, page: TrainingMatrixPage, tmp_path: Path
) -> None:
    """At 1366x768 the page paints to a PNG of that size."""
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab()
    assert (image.width(), image.height()) == (1366, 768)
    assert image.save(str(tmp_path / "page-training.png"))
