"""The sites dialog: a site's last day typed in closes it for what is due; bad dates refused."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secor_desktop.gui.sites_dialog import SitesDialog
from tests.conftest import SmallCompany


@pytest.fixture
def dialog(qtbot: QtBot, company: SmallCompany) -> SitesDialog:
    dialog = SitesDialog(company.services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_date(qtbot: QtBot, dialog: SitesDialog, box_name: str, text: str) -> None:
    box = getattr(dialog, f"{box_name}_set")
    edit = getattr(dialog, f"{box_name}_date")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # from the tick box on to its date, as a person would
    assert edit.hasFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    qtbot.keyClicks(edit, text)


def test_a_last_day_closes_the_site_for_what_is_due(
    qtbot: QtBot, dialog: SitesDialog, company: SmallCompany
) -> None:
    """Ticking 'Work ends on', typing a past day and saving: nothing is due there any more."""
    services = company.services
    assert any(i.site == "Main yard" for i in services.due.due().items)
    type_date(qtbot, dialog, "to", "2026-10-30")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    (site,) = services.roster.sites()
    assert site.active_to == date(2026, 10, 30) and site.active
    assert not any(i.site == "Main yard" for i in services.due.due().items)
    assert dialog.list.currentItem().text() == "Main yard (not in use)"


def test_a_last_day_before_the_first_is_refused(
    qtbot: QtBot, dialog: SitesDialog, company: SmallCompany
) -> None:
    """The refusal names the field; nothing is saved."""
    type_date(qtbot, dialog, "from", "2026-10-30")
    type_date(qtbot, dialog, "to", "2026-10-01")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Last day is before the first day at the site."
    assert company.services.roster.sites()[0].active_from is None


def test_a_new_site_is_added(qtbot: QtBot, dialog: SitesDialog, company: SmallCompany) -> None:
    """New site, type a name, Enter: the site is on the list and in the roster."""
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.name, "Gasoline Alley")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert [s.name for s in company.services.roster.sites()] == ["Gasoline Alley", "Main yard"]
    assert dialog.list.currentItem().text() == "Gasoline Alley"
