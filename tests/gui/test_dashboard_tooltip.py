"""An element with many findings: its tooltip says the first ones and how many more, and the
findings pane lists every one, a chunk per turn of the event loop (the window never stalls)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.dashboard import COL_FINDINGS, TOOLTIP_FINDINGS, DashboardPage
from secor_desktop.gui.widgets import findings_pane
from tests.conftest import TODAY, SmallCompany


def test_a_long_list_of_findings_is_cut_short_in_the_tooltip(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """Forty unsigned inspections: the tooltip shows the first findings and counts the rest."""
    for day in range(40):
        company.inspection(f"Unsigned {day}", TODAY - timedelta(days=day))
    page = DashboardPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    assert page.report is not None
    row, element = max(enumerate(page.report.elements), key=lambda e: len(e[1].findings))
    assert len(element.findings) > TOOLTIP_FINDINGS
    lines = page.elements.item(row, COL_FINDINGS).toolTip().split("\n")
    assert len(lines) == TOOLTIP_FINDINGS + 1
    more = len(element.findings) - TOOLTIP_FINDINGS
    assert lines[-1] == f"… and {more:,} more (listed when you choose the element)"
    page.select_element(element.code)
    assert len(page.finding_messages()) == len(element.findings)


def test_a_long_findings_list_fills_over_turns_of_the_event_loop(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past a chunk the list fills a chunk per turn, ending with every finding, in order."""
    monkeypatch.setattr(findings_pane, "CHUNK", 7)
    for day in range(40):
        company.inspection(f"Unsigned {day}", TODAY - timedelta(days=day))
    page = DashboardPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    assert page.report is not None
    element = max(page.report.elements, key=lambda e: len(e.findings))
    page.select_element(element.code)
    pane = page.findings
    assert pane.list.count() == 7 and not pane.filled()
    qtbot.waitUntil(pane.filled)
    assert page.finding_messages() == [f.message for f in element.findings]
