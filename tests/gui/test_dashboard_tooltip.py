"""An element with many findings: its tooltip says the first ones and how many more, while
the findings pane lists every one."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.dashboard import COL_FINDINGS, TOOLTIP_FINDINGS, DashboardPage
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
