"""File › Exchange with another laptop…: files written and brought in off the GUI thread, and
a conflict settled with the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secor_desktop.gui.background import Background
from secor_desktop.gui.exchange_dialog import ExchangeDialog
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany
from tests.gui.keys import type_text
from tests.integration.test_exchange import both_ways, independent_edits, swap


@pytest.fixture
def laptop_b(
    company: SmallCompany, make_services: Callable[[str], Services], tmp_path: Path
) -> Services:
    """B set up from A's file; then both edited, including the same record."""
    a = company.services
    company.inspection(title="Ladder check")
    b = make_services("laptop-b")
    swap(a, b, tmp_path, "setup")
    independent_edits(company, a, b)
    return b


def open_dialog(qtbot: QtBot, services: Services, tasks: Background) -> ExchangeDialog:
    dialog = ExchangeDialog(services, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.device_label.text() != "This laptop: …", timeout=10_000)
    return dialog


def use_file(qtbot: QtBot, dialog: ExchangeDialog, path: Path, button_name: str) -> None:
    dialog.path_edit.setFocus()
    type_text(dialog.path_edit, str(path))
    button = getattr(dialog, button_name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy.isVisible(), timeout=20_000)


def test_bringing_in_a_file_lists_the_conflict_and_settling_clears_it(
    company: SmallCompany, laptop_b: Services, threads: Background, qtbot: QtBot, tmp_path: Path
) -> None:
    """Import in the background, the one conflict listed, settled with keys: none left."""
    path = tmp_path / "from-a.secor-exchange"
    company.services.exchange.export(path)
    dialog = open_dialog(qtbot, laptop_b, threads)
    assert dialog.conflict_list.item(0).text() == "Nothing is in conflict."
    use_file(qtbot, dialog, path, "import_button")
    assert dialog.status.text().startswith("From ")
    qtbot.waitUntil(lambda: len(dialog.conflicts) == 1, timeout=10_000)
    assert "Ladder check" in dialog.conflict_list.item(0).text()
    assert dialog.side_combo.count() == 2
    dialog.side_combo.setFocus()
    qtbot.keyClick(dialog.side_combo, Qt.Key.Key_Down)
    kept = dialog.side_combo.currentText()
    dialog.reason_edit.setFocus()
    type_text(dialog.reason_edit, "Checked with the foreman")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Settled"), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.conflicts == [], timeout=10_000)
    assert laptop_b.exchange.conflicts() == []
    title = next(r.title for r in laptop_b.records.find() if r.title.startswith("Ladder check"))
    assert title in kept


def test_settling_without_a_reason_is_refused_in_a_sentence(
    company: SmallCompany, laptop_b: Services, threads: Background, qtbot: QtBot, tmp_path: Path
) -> None:
    """Enter with an empty reason: the refusal is shown, the conflict stays."""
    both_ways(company.services, laptop_b, tmp_path, 1)
    dialog = open_dialog(qtbot, laptop_b, threads)
    qtbot.waitUntil(lambda: len(dialog.conflicts) == 1, timeout=10_000)
    dialog.reason_edit.setFocus()
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy.isVisible(), timeout=10_000)
    assert dialog.status.text().startswith("Reason: say why")
    assert len(laptop_b.exchange.conflicts()) == 1


def test_writing_a_file_runs_off_the_gui_thread_and_says_where(
    laptop_b: Services, threads: Background, qtbot: QtBot, tmp_path: Path
) -> None:
    """Write: the file is made and the answer names it."""
    dialog = open_dialog(qtbot, laptop_b, threads)
    path = tmp_path / "for-a.secor-exchange"
    use_file(qtbot, dialog, path, "export_button")
    assert path.is_file()
    assert str(path) in dialog.status.text()
    assert dialog.export_button.isEnabled() and dialog.import_button.isEnabled()


def test_a_broken_file_is_refused_in_words_and_nothing_changes(
    laptop_b: Services, threads: Background, qtbot: QtBot, tmp_path: Path
) -> None:
    """A file that is not an exchange file: its refusal shown, no record added."""
    before = len(laptop_b.records.find())
    path = tmp_path / "broken.secor-exchange"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    dialog = open_dialog(qtbot, laptop_b, threads)
    use_file(qtbot, dialog, path, "import_button")
    assert "was not imported; nothing was changed" in dialog.status.text()
    assert "not a readable zip archive" in dialog.status.text()
    assert len(laptop_b.records.find()) == before


def test_tab_order_follows_the_dialog(
    laptop_b: Services, threads: Background, qtbot: QtBot
) -> None:
    """From the file box, Tab reaches Browse, Write, Bring in, in that order."""
    dialog = open_dialog(qtbot, laptop_b, threads)
    dialog.activateWindow()
    dialog.path_edit.setFocus()
    seen = []
    for _ in range(3):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget().text())
    assert seen == [
        "Br&owse…",
        "&Write a file for the other laptop",
        "Bring &in the other laptop's file",
    ]


def test_a_records_history_says_it_is_in_conflict_and_where_each_version_was_saved(
    company: SmallCompany, laptop_b: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    """After the exchange: the note is shown, and received revisions name the other laptop."""
    from secor_desktop.gui.editors.history import HistoryDialog

    swap(company.services, laptop_b, tmp_path, "again")
    a_name = company.services.exchange.device()[1]
    record = next(r for r in laptop_b.records.find() if r.title.startswith("Ladder check"))
    dialog = HistoryDialog(None, laptop_b, record)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.conflict_note.isVisible()
    assert "Changed on two laptops" in dialog.conflict_note.text()
    saved_on = [dialog.table.item(row, 5).text() for row in range(dialog.table.rowCount())]
    assert saved_on[0].startswith(f"{a_name}, ")  # the record came from A at set-up
    assert "this laptop" in saved_on  # B's own amendment
    assert saved_on[-1].startswith(f"{a_name}, ")  # A's amendment, received last
