"""Other workplace parties' papers on the Today page, each opening the entry to renew."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import PartyTicket, PartyType, WorkplacePartyBody
from secor_desktop.domain.due import Bucket, Category
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.pages.today import TodayPage
from tests.conftest import TODAY, SmallCompany

PARTY = RecordKind("workplace_party")
SHOTS = Path("/tmp/parties-shots")


@pytest.fixture
def entry_id(company: SmallCompany) -> str:
    body = WorkplacePartyBody(
        "Acme Framing",
        PartyType.SUBCONTRACTOR,
        clearance_expiry=TODAY + timedelta(days=3),
        insurance_expiry=TODAY + timedelta(days=90),
        tickets=(PartyTicket("Jo Roy", "Fall protection", None, TODAY - timedelta(days=1)),),
    )
    saved = company.services.records.create(
        PARTY, title="Acme", event_date=date(2026, 9, 1), site_id=None, body=body
    )
    return saved.id


def test_today_lists_the_partys_papers_in_their_buckets(
    qtbot: QtBot, company: SmallCompany, entry_id: str
) -> None:
    """The expired ticket is overdue, the letter this week, the insurance 90 days out later."""
    page = TodayPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1366, 700)
    parties = [i for i in page.shown_items() if i.category is Category.PARTY]
    assert [(i.bucket, i.what) for i in parties] == [
        (Bucket.OVERDUE, "Renew Jo Roy's Fall protection ticket (Acme Framing)"),
        (Bucket.UPCOMING, "Renew Acme Framing's WCB clearance letter"),
        (Bucket.LATER, "Renew Acme Framing's liability insurance"),
    ]
    rows = [
        page.tree.topLevelItem(g).child(c)
        for g in range(page.tree.topLevelItemCount())
        for c in range(page.tree.topLevelItem(g).childCount())
    ]
    shown = {row.text(1): (row.text(2), row.text(3)) for row in rows}
    assert shown["Renew Acme Framing's WCB clearance letter"] == (
        "Acme Framing",
        "Acme Framing's WCB clearance letter expires on 2026-11-05 (3 days left, expires "
        "within 30 days): ask them for the renewed one.",
    )
    page.show()
    qtbot.waitExposed(page)
    SHOTS.mkdir(exist_ok=True)
    page.grab().save(str(SHOTS / "today.png"))


def test_enter_on_a_party_item_opens_its_entry_to_amend(
    qtbot: QtBot, company: SmallCompany, entry_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on the clearance letter item opens the party's own entry, not a new record."""
    opened: list[tuple[RecordKind, str | None]] = []

    def look(editor: RecordEditor) -> int:
        opened.append((editor.kind, editor.record.id if editor.record else None))
        return 0

    monkeypatch.setattr(RecordEditor, "exec", look)
    page = TodayPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    item = next(i for i in page.shown_items() if "clearance" in i.what)
    page.select(item.key)
    assert page.start_button.text() == "&Open…"
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert opened == [(PARTY, entry_id)]
