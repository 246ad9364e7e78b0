"""Finding things: Ctrl+F searches every record from anywhere, F1 shows the user guide.

(What follows the first-run wizard, the path to the audit, is tested in test_audit_path.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import editors
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.help import GuideWindow, guide_text
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.search_dialog import SearchDialog
from secor_desktop.services.facade import Services
from tests.conftest import TODAY, SmallCompany

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(qtbot: QtBot, company: SmallCompany, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(company.services, InlineBackground(), settings)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _talk(services: Services, company: SmallCompany) -> str:
    return services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Monday toolbox - ladder safety",
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders: three points of contact", company.lead.id, ()),
    ).id


def _search_window() -> SearchDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, SearchDialog)]
    assert found and found[0].isVisible()
    return found[0]


def test_ctrl_f_from_a_list_searches_every_kind_and_enter_opens_the_record(
    qtbot: QtBot, window: MainWindow, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+F on the workers page, type "ladder": records of two kinds; Enter opens one."""
    services = company.services
    talk_id = _talk(services, company)
    company.inspection(title="Ladder and scaffold inspection")
    company.inspection(title="Fire extinguisher check")
    window.select_page("Workers")
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = _search_window()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.box, timeout=2000)
    qtbot.keyClicks(dialog.box, "ladder")
    dialog.search()  # what the typing pause does
    assert sorted(dialog.result_titles()) == [
        "Ladder and scaffold inspection",
        "Monday toolbox - ladder safety",
    ]
    assert dialog.summary.text() == "2 records match."
    opened: list[tuple[RecordKind, str | None]] = []
    monkeypatch.setattr(
        editors,
        "open_record_editor",
        lambda _p, _s, kind, rid=None: opened.append((kind, rid)) or False,
    )
    row = dialog.result_titles().index("Monday toolbox - ladder safety")
    dialog.results.selectRow(row)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    assert opened == [(RecordKind.TOOLBOX_TALK, talk_id)]


def test_enter_in_the_box_opens_the_first_result(
    qtbot: QtBot, window: MainWindow, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Type and press Enter at once: the search runs and the newest match opens."""
    record = company.inspection(title="Forklift pre-use check")
    dialog = window.show_search()
    opened: list[str | None] = []
    monkeypatch.setattr(
        editors, "open_record_editor", lambda _p, _s, _k, rid=None: opened.append(rid) or False
    )
    qtbot.keyClicks(dialog.box, "forklift")
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert opened == [record.id]


def test_nothing_found_says_so(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.show_search()
    qtbot.keyClicks(dialog.box, "zeppelin")
    dialog.search()
    assert dialog.results.rowCount() == 0
    assert dialog.summary.text() == "No record mentions “zeppelin”."


def test_f1_shows_the_user_guide(qtbot: QtBot, window: MainWindow) -> None:
    """F1 opens the guide, with its sections on the first week, signing and backups."""
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F1)
    guides = [w for w in QApplication.topLevelWidgets() if isinstance(w, GuideWindow)]
    assert guides and guides[0].isVisible()
    headings = guides[0].headings()
    for section in ("Your first week", "Signing", "The dashboard", "The evidence pack"):
        assert section in headings
    assert "Backups" in headings


def test_the_guide_ships_with_the_package_as_written_in_docs() -> None:
    """The installed copy is docs/guide.md, word for word."""
    assert guide_text() == (REPO / "docs" / "guide.md").read_text(encoding="utf-8")
