"""The headcount panel counts other workplace parties as the province rule says."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import PartyTicket, PartyType, WorkplacePartyBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.eligibility import EligibilityPage
from tests.conftest import SmallCompany


def add_party(company: SmallCompany, name: str, counts: bool | None, *people: str) -> None:
    body = WorkplacePartyBody(
        name,
        PartyType.SUBCONTRACTOR,
        counts_toward_headcount=counts,
        tickets=tuple(PartyTicket(p, "WHMIS") for p in people),
    )
    company.services.records.create(
        RecordKind("workplace_party"),
        title=name,
        event_date=date(2026, 9, 1),
        site_id=None,
        body=body,
    )


def test_the_panel_counts_a_party_and_names_one_that_does_not_count(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """Alberta: the framers' two people raise the peak to 5; the supplier marked out is named."""
    add_party(company, "Acme Framing", None, "Jo Roy", "Al Ng")
    add_party(company, "Bolt Supply", False)
    page = EligibilityPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    assert page.report is not None and page.report.peak_headcount == 5
    assert "Jo Roy (Acme Framing)" in page.workers_label.text()
    assert "Bolt Supply (other workplace party)" in page.not_counted_label.text()
    assert "Other workplace parties: Alberta's 2019 audit tool" in page.who_counts_label.text()
