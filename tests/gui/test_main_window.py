"""The first main window, driven offscreen on real services."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.main_window import MainWindow
from tests.conftest import SmallCompany


def test_window_shows_company_and_counts_by_kind(qtbot: QtBot, company: SmallCompany) -> None:
    """The heading names the company and the table counts its records by kind."""
    company.inspection()
    window = MainWindow(company.services)
    qtbot.addWidget(window)
    assert window.heading.text() == "Prairie Roofing Ltd."
    row = list(RecordKind).index(RecordKind.INSPECTION)
    assert window.table.item(row, 0).text() == "Inspection"
    assert window.table.item(row, 1).text() == "1"


def test_window_refreshes_after_a_save(qtbot: QtBot, company: SmallCompany) -> None:
    """A record saved after opening shows once the window refreshes."""
    window = MainWindow(company.services)
    qtbot.addWidget(window)
    company.inspection()
    company.inspection(title="Second inspection")
    window.refresh()
    row = list(RecordKind).index(RecordKind.INSPECTION)
    assert window.table.item(row, 1).text() == "2"


def test_window_renders_at_laptop_size(qtbot: QtBot, company: SmallCompany, tmp_path: Path) -> None:
    """At 1366x768 the window paints to a PNG of that size."""
    window = MainWindow(company.services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    image = window.grab()
    assert (image.width(), image.height()) == (1366, 768)
    assert image.save(str(tmp_path / "main.png"))
