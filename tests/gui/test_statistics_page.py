"""The Statistics page: the table and chart by year, loaded off the GUI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import HoursBody, IncidentBody, IncidentClass, IncidentType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.record_kinds.hours import HOURS, month_end
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages.statistics import StatisticsPage
from tests.conftest import SmallCompany


def fill(company: SmallCompany) -> None:
    """2026: ten months of 10,000 hours and one lost-time injury with 6 days lost."""
    for month in range(1, 11):
        company.services.records.create(
            HOURS,
            title=f"Hours 2026-{month:02d}",
            event_date=month_end(f"2026-{month:02d}"),
            site_id=None,
            body=HoursBody(f"2026-{month:02d}", 10_000),
        )
    company.services.records.create(
        RecordKind.INCIDENT,
        title="Fall",
        event_date=date(2026, 5, 4),
        site_id=company.site.id,
        body=IncidentBody(
            IncidentType.INJURY,
            "Slipped",
            (company.lead.id,),
            classification=IncidentClass.LOST_TIME,
            days_lost=6,
        ),
    )


def cell(page: StatisticsPage, measure: str, column: int) -> str:
    model = page.model
    row = next(
        r
        for r in range(model.rowCount())
        if model.headerData(r, Qt.Orientation.Vertical) == measure
    )
    return str(model.index(row, column).data())


def test_page_shows_the_table_loaded_off_the_gui_thread(
    qtbot: QtBot, company: SmallCompany, threads: Background, tmp_path: Path
) -> None:
    """Loaded on a worker thread, the page shows hours, the lost-time case and its rate."""
    fill(company)
    page = StatisticsPage(company.services, threads)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["2024", "2025", "2026", "2024-2026"]
    assert cell(page, "Hours worked", 2) == "100,000"
    assert cell(page, "Lost time", 2) == "1"
    assert cell(page, "Lost-time frequency (per 200,000 h)", 2) == "2.00"  # 1 x 200,000 / 100,000
    assert cell(page, "Lost-time frequency (per 200,000 h)", 0) == "—"
    assert "2024: No hours are recorded" in page.notes.text()
    assert "1 recordable case(s), 1 lost-time, 6 day(s) lost" in page.summary.text()
    assert "2026: 1 recordable, 0 first aid, 100,000 hours" in page.chart.accessibleDescription()
    qtbot.wait(100)  # let the layout settle before the picture is taken
    page.grab().save(str(tmp_path / "statistics-page.png"))


def test_years_typed_reload_the_table(
    qtbot: QtBot, company: SmallCompany, threads: Background
) -> None:
    """Typing 1 into the years box (keys, then Enter) shows one year and its total."""
    fill(company)
    page = StatisticsPage(company.services, threads)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.columnCount() == 4, timeout=10_000)
    page.years.setFocus()
    page.years.selectAll()
    QTest.keyClicks(page.years, "1")
    QTest.keyClick(page.years, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.columnCount() == 2, timeout=10_000)
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == [
        "2026",
        "2026",
    ]
