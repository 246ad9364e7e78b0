"""The spreadsheet preview dialog: rows in red with their problem, column choices, Import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from secor_desktop.gui import notify
from secor_desktop.gui.background import Background, InlineBackground
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.sheet_import_dialog import SheetImportDialog
from tests.conftest import SmallCompany
from tests.integration.test_sheets import twelve_workers, write_csv, write_xlsx


class HeldBackground(InlineBackground):
    """Keeps each op until the test runs it: the dialog as it looks while a file is read."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []

    def run(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.held.append((op, on_done))


def open_dialog(
    qtbot: QtBot, company: SmallCompany, path: Path, tasks: Background | None = None
) -> SheetImportDialog:
    dialog = SheetImportDialog(company.services, tasks or InlineBackground(), path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_bad_rows_are_red_with_their_problem_and_import_is_disabled(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """Rows 4 and 9 show their problem in words; the others do not; Import stays off."""
    path = write_xlsx(tmp_path / "crew.xlsx", twelve_workers(bad=True))  # type: ignore[arg-type]
    dialog = open_dialog(qtbot, company, path)
    table = dialog.table
    assert table.rowCount() == 12
    problems = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(12)}
    assert problems["4"] == "start date '2025-02-30' is not a real date."
    assert problems["9"] == "role is required."
    assert [n for n, words in problems.items() if words] == ["4", "9"]
    assert table.item(2, 1).foreground().color().name() == "#b3261e"
    assert not dialog.import_button.isEnabled()
    assert "12 rows: 2 with a problem" in dialog.summary.text()


def test_fixed_sheet_imports_all_twelve_with_a_click(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, messages: notify.RecordingNotifier
) -> None:
    """A clean sheet: Import is on, one click brings all twelve and closes the dialog."""
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=False))
    dialog = open_dialog(qtbot, company, path)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SheetImportDialog.DialogCode.Accepted
    assert len(company.services.roster.workers()) == 15
    assert messages.texts() == ["Imported 12 workers from crew.csv."]


def test_choosing_a_column_by_keyboard_fixes_the_mapping(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """ "Began" is no known header: the user picks it for the start date with the keyboard."""
    path = write_csv(
        tmp_path / "crew.csv", [["Ann Lee", "Roofer", "2025-01-01"]], ["Name", "Job", "Began"]
    )
    dialog = open_dialog(qtbot, company, path)
    assert "No column is chosen for start date" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    combo = dialog.combos["start_date"]
    combo.setFocus()
    qtbot.keyClicks(combo, "B")  # a combo box jumps to the item starting with what is typed
    assert combo.currentText() == "Began"
    assert dialog.import_button.isEnabled()
    assert dialog.summary.text().startswith("1 row ready to import")


def test_switching_to_sites_rereads_the_rows(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """Choosing "Sites" with the keyboard maps the columns for sites instead."""
    path = write_csv(tmp_path / "sites.csv", [["North shop", "1 A St"]], ["Site", "Address"])
    dialog = open_dialog(qtbot, company, path)
    assert not dialog.import_button.isEnabled()  # as workers: no role, no start date
    dialog.target.setFocus()
    qtbot.keyClick(dialog.target, Qt.Key.Key_Down)
    assert set(dialog.combos) == {"name", "address"}
    assert dialog.import_button.isEnabled()


def test_a_non_spreadsheet_is_one_red_sentence(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """A PDF renamed .xlsx: the dialog says so in a sentence and offers nothing to import."""
    path = tmp_path / "crew.xlsx"
    path.write_bytes(b"%PDF-1.7\n")
    dialog = open_dialog(qtbot, company, path)
    assert dialog.summary.text().startswith("crew.xlsx is not an Excel workbook")
    assert dialog.summary.text().endswith("Nothing was imported.")
    assert not dialog.import_button.isEnabled() and dialog.table.rowCount() == 0


def test_file_menu_opens_the_preview_for_the_chosen_file(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Import from a spreadsheet… asks for a file, then previews it."""
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=True))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    seen: list[SheetImportDialog] = []

    def fake_exec(self: SheetImportDialog) -> int:
        seen.append(self)
        return 0

    monkeypatch.setattr(SheetImportDialog, "exec", fake_exec)
    window = MainWindow(
        company.services,
        InlineBackground(),
        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    assert window.import_sheet_action in window.menuBar().actions()[0].menu().actions()
    window.import_sheet_action.trigger()
    (dialog,) = seen
    assert dialog.path == path and dialog.table.rowCount() == 12


def test_a_busy_bar_shows_while_the_file_is_read(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """While a large file is read in the background, a busy bar shows and Import is off."""
    tasks = HeldBackground()
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=False))
    dialog = open_dialog(qtbot, company, path, tasks)
    assert dialog.progress.isVisible() and not dialog.import_button.isEnabled()
    op, done = tasks.held[0]
    done(op())
    assert not dialog.progress.isVisible() and dialog.import_button.isEnabled()


def test_enter_imports_a_clean_sheet(qtbot: QtBot, company: SmallCompany, tmp_path: Path) -> None:
    """With nothing to fix, Enter imports (Import is the default button)."""
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=False))
    dialog = open_dialog(qtbot, company, path)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert len(company.services.roster.workers()) == 15


def test_enter_does_not_import_a_sheet_with_problems(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """With rows to fix, Enter imports nothing."""
    path = write_csv(tmp_path / "crew.csv", twelve_workers(bad=True))
    dialog = open_dialog(qtbot, company, path)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert len(company.services.roster.workers()) == 3
