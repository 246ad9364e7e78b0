"""File > Prequalification pack…: typed path, progress, what is missing, refusals, the menu; and
the administration editor's papers (type and expiry) typed as a user would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import AdminBody, AdminType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.background import Background, InlineBackground
from secor_desktop.gui.editors.admin import AdminForm
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.prequal_dialog import PrequalDialog
from tests.conftest import SmallCompany
from tests.integration.prequal_kit import add_letters, add_program, full_company
from tests.integration.test_pack_verify import sql


def make_dialog(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, opened: list[QUrl], tasks: Background
) -> PrequalDialog:
    dialog = PrequalDialog(
        company.services,
        tasks,
        open_url=opened.append,
        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_path(dialog: PrequalDialog, path: Path) -> None:
    """Select what the box holds and type the path over it."""
    QTest.keyClick(dialog.path, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.path, str(path))


def test_make_pack_writes_the_pdf_and_folder_and_lists_what_is_missing(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """Typed path, a click on Make pack: PDF and folder written, missing parts listed, opened."""
    add_letters(company)
    add_program(company)
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, company, tmp_path, opened, InlineBackground())
    out = tmp_path / "client" / "pq.pdf"
    out.parent.mkdir()
    type_path(dialog, out)
    assert dialog.folder_note.text() == "The original files go in the folder pq-files beside it."
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(out))]
    assert values[-1] == 100 and len(values) > 2
    report = dialog.report.toPlainText()
    assert "4-wcb-clearance-2026-10-01-clearance-AB.pdf" in report
    assert "1. SECOR certificate: No SECOR certificate is on file." in report
    assert "5. Liability insurance certificate: No liability insurance" in report
    assert "2 part(s) not included" in dialog.status.text()
    first = PdfReader(out).pages[0].extract_text()
    assert first.count("NOT INCLUDED") == 2
    assert (out.parent / "pq-files").is_dir()


def test_a_missing_folder_is_refused_in_a_sentence_and_nothing_written(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """Enter on a path in a folder that does not exist: the sentence shows; no file appears."""
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, company, tmp_path, opened, InlineBackground())
    type_path(dialog, tmp_path / "nowhere" / "pq.pdf")
    QTest.keyClick(dialog.path, Qt.Key.Key_Return)
    assert dialog.message.isVisible()
    assert dialog.message.text().startswith(f"The folder {tmp_path / 'nowhere'} does not exist")
    assert opened == [] and not (tmp_path / "nowhere").exists()
    assert dialog.make_button.isEnabled()


def test_an_unverified_database_is_refused_with_its_problems(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """A record changed behind the program's back: no pack, the problem listed."""
    full_company(company)
    sql(company, "UPDATE records SET title = 'Forged' WHERE kind = 'admin'")
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, company, tmp_path, opened, InlineBackground())
    type_path(dialog, tmp_path / "pq.pdf")
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert "No pack was written: the integrity check found" in dialog.message.text()
    assert "Forged" in dialog.report.toPlainText()
    assert opened == [] and not (tmp_path / "pq.pdf").exists()


def test_the_pack_is_made_off_the_gui_thread(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, threads: Background
) -> None:
    """With a real worker thread the dialog stays live, then reports the finished pack."""
    full_company(company)
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, company, tmp_path, opened, threads)
    type_path(dialog, tmp_path / "pq.pdf")
    with qtbot.waitSignal(dialog.written, timeout=60_000):
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        assert not dialog.make_button.isEnabled()
        assert dialog.cancel_button.text() == "Cancel"
    assert dialog.progress.value() == 100
    assert dialog.summary is not None and dialog.summary.missing == ()
    assert dialog.cancel_button.text() == "Close"


def test_the_file_menu_opens_the_dialog(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A click on File, then R (the item's mnemonic), opens the dialog."""
    shown: list[PrequalDialog] = []
    monkeypatch.setattr(PrequalDialog, "exec", lambda self: shown.append(self) or 0)
    window = MainWindow(
        company.services,
        InlineBackground(),
        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    bar = window.menuBar()
    file_menu = bar.actions()[0].menu()
    assert "P&requalification pack…" in [a.text() for a in file_menu.actions()]
    file_title = bar.actionGeometry(bar.actions()[0]).center()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, file_title)
    qtbot.waitUntil(file_menu.isVisible)
    QTest.keyClick(file_menu, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert shown[0].windowTitle() == "Prequalification pack"


def test_a_clearance_letter_is_typed_with_its_expiry(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, qtbot: QtBot
) -> None:
    """Type chosen by keyboard, expiry ticked and typed: the letter is saved with its expiry."""
    editor = open_editor(RecordKind.ADMIN)
    form = editor.form
    assert isinstance(form, AdminForm)
    QTest.keyClicks(editor.title, "WCB clearance")
    form.admin_type.setFocus()
    QTest.keyClicks(form.admin_type, "W")
    assert form.admin_type.currentData() == AdminType.WCB_CLEARANCE.value
    QTest.keyClicks(form.summary, "Letter 88213")
    qtbot.mouseClick(form.expiry.tick, Qt.MouseButton.LeftButton)
    QTest.keyClick(form.expiry.edit.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(form.expiry.edit.line, "2027-01-31")
    assert editor.save()
    saved = company.services.records.find(RecordKind.ADMIN)
    assert len(saved) == 1
    body = saved[0].body
    assert isinstance(body, AdminBody)
    assert body.admin_type is AdminType.WCB_CLEARANCE and body.expiry == date(2027, 1, 31)


def test_an_expiry_before_the_issue_date_is_refused_under_expiry(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """An expiry typed before the record's date is refused, the sentence under Expiry."""
    editor = open_editor(RecordKind.ADMIN)
    form = editor.form
    assert isinstance(form, AdminForm)
    QTest.keyClicks(editor.title, "Insurance")
    QTest.keyClicks(form.summary, "Liability")
    QTest.mouseClick(form.expiry.tick, Qt.MouseButton.LeftButton)
    QTest.keyClick(form.expiry.edit.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(form.expiry.edit.line, "2020-01-01")
    assert not editor.save()
    assert editor.registry.message_for("body.expiry").startswith(
        "Expiry is 2020-01-01, before the date issued"
    )
    assert company.services.records.find(RecordKind.ADMIN) == []


def test_after_a_refusal_enter_again_makes_the_pack(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, threads: Background
) -> None:
    """Enter on a missing folder is refused with the keyboard left on the path; once the
    folder exists, Enter again makes the pack (it does not press Close)."""
    full_company(company)
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, company, tmp_path, opened, threads)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    out = tmp_path / "later" / "pq.pdf"
    type_path(dialog, out)
    QTest.keyClick(dialog.path, Qt.Key.Key_Return)
    assert dialog.message.isVisible() and dialog.isVisible()
    assert dialog.focusWidget() is dialog.path
    out.parent.mkdir()
    with qtbot.waitSignal(dialog.written, timeout=60_000):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert out.is_file() and opened == [QUrl.fromLocalFile(str(out))]
    assert not dialog.message.isVisible()


def test_cancel_while_it_runs_writes_nothing(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """Cancel clicked once the work has started: it stops, says so, and writes nothing."""
    full_company(company)
    opened: list[QUrl] = []
    dialog = make_dialog(qtbot, company, tmp_path, opened, InlineBackground())
    type_path(dialog, tmp_path / "pq.pdf")

    def click_cancel(_value: int) -> None:
        if dialog.running and dialog.cancel_button.isEnabled():
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    dialog.progress.valueChanged.connect(click_cancel)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Cancelled: nothing was written."
    assert dialog.isVisible() and opened == []
    assert not (tmp_path / "pq.pdf").exists()
    assert not (tmp_path / "pq-files").exists()
