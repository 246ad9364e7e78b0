"""File > Export evidence pack…: choices, progress, cancel, refusals, and what opens at the end."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.export_dialog import ExportPackDialog
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.services import evidence_pack
from tests.conftest import TODAY, SmallCompany, signature_png


def sign(company: SmallCompany, record: Record) -> Record:
    """Signed records are the pack's evidence (drafts are left out by default)."""
    return company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(1),
    )


@pytest.fixture
def opened() -> list[QUrl]:
    return []


@pytest.fixture
def dialog(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, opened: list[QUrl]
) -> ExportPackDialog:
    for n in range(10):
        sign(company, company.inspection(f"Yard inspection {n}", day=TODAY - timedelta(days=7 * n)))
    sign(company, company.inspection("Spring inspection", day=date(2026, 3, 2)))
    widget = ExportPackDialog(
        company.services,
        InlineBackground(),
        open_url=opened.append,
        settings=QSettings(str(tmp_path / "s.ini")),
    )
    qtbot.addWidget(widget)
    widget.path.setText(str(tmp_path / "out" / "pack.pdf"))
    (tmp_path / "out").mkdir()
    return widget


def text_of(path: Path) -> str:
    return "".join((page.extract_text() or "") for page in PdfReader(path).pages)


def test_export_writes_the_pack_and_opens_it(
    dialog: ExportPackDialog, qtbot: QtBot, tmp_path: Path, opened: list[QUrl]
) -> None:
    """Export writes the chosen period and elements, shows progress, then opens the PDF."""
    dialog.date_from.setDate(QDate(2026, 6, 1))
    dialog.audit_type.setCurrentIndex(dialog.audit_type.findData("maintenance"))
    dialog.none_button.click()
    dialog.elements.item(4).setCheckState(Qt.CheckState.Checked)  # 5. Inspections
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "out" / "pack.pdf"
    assert opened == [QUrl.fromLocalFile(str(out))]
    assert values[-1] == 100 and len(values) > 3
    text = text_of(out)
    # The spring record is outside the period: in no register (findings may still name it).
    flat = "".join(text.split())
    assert "2026-11-02Inspection" in flat and "2026-03-02Inspection" not in flat
    assert "Element 5: Inspections" in text and "Element 2:" not in text
    assert "2026-06-01 to 2026-11-02" in text and "Maintenance" in text
    assert dialog.status.text().startswith(f"Wrote {out}:")
    assert dialog.warnings.isHidden() and not dialog.running


def test_summary_only_turns_photos_off(dialog: ExportPackDialog) -> None:
    """Registers only has no photos to print: the photos box is disabled with it."""
    assert dialog.photos.isEnabled()
    dialog.summary_only.setChecked(True)
    assert not dialog.photos.isEnabled()
    dialog.full.setChecked(True)
    assert dialog.photos.isEnabled()


def test_cancel_stops_the_export_and_writes_nothing(
    dialog: ExportPackDialog, tmp_path: Path, opened: list[QUrl]
) -> None:
    """Cancel during the export stops it: no file, nothing opened, the dialog usable again."""

    def cancel_once_started(share: float, what: str) -> None:
        if share > 0.1:
            dialog.cancel_button.click()

    dialog._bridge.progressed.connect(cancel_once_started)
    dialog.export_button.click()
    assert dialog.status.text() == "Cancelled: no file was written."
    assert not list((tmp_path / "out").iterdir()) and opened == []
    assert not dialog.running and dialog.export_button.isEnabled()
    assert dialog.cancel_button.text() == "Close"


def test_a_period_ending_before_it_starts_is_refused(
    dialog: ExportPackDialog, tmp_path: Path, opened: list[QUrl]
) -> None:
    """From after to: a clear message naming both dates; nothing written or opened."""
    dialog.date_from.setDate(QDate(2026, 11, 5))
    dialog.date_to.setDate(QDate(2026, 11, 2))
    dialog.export_button.click()
    assert dialog.message.text() == (
        "The period starts on 2026-11-05, after it ends on 2026-11-02: set 'Period from' on "
        "or before 'to'."
    )
    assert not dialog.message.isHidden()
    assert not list((tmp_path / "out").iterdir()) and opened == []


def test_no_element_or_no_folder_is_refused(dialog: ExportPackDialog, tmp_path: Path) -> None:
    """Nothing ticked, or a folder that does not exist, is refused with what to do."""
    dialog.none_button.click()
    dialog.export_button.click()
    assert dialog.message.text() == "Tick at least one element to put in the pack."
    dialog.all_button.click()
    dialog.path.setText(str(tmp_path / "missing" / "pack.pdf"))
    dialog.export_button.click()
    assert "does not exist" in dialog.message.text() and str(tmp_path / "missing") in (
        dialog.message.text()
    )


def test_a_failed_export_leaves_no_file(
    dialog: ExportPackDialog,
    tmp_path: Path,
    opened: list[QUrl],
    crashes: list[BaseException],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A failure while laying out reaches the crash report; no file is left behind."""

    def broken_render(*args: object, **kwargs: object) -> object:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(evidence_pack, "render_pack", broken_render)
    dialog.export_button.click()
    assert [str(e) for e in crashes] == ["disk on fire"]
    assert dialog.status.text() == "The export failed: no file was written."
    assert not list((tmp_path / "out").iterdir()) and opened == []
    assert dialog.export_button.isEnabled()


def test_warnings_are_shown(
    dialog: ExportPackDialog, company: SmallCompany, tmp_path: Path, opened: list[QUrl]
) -> None:
    """Text the fonts cannot show is listed in the dialog after the export, naming the record."""
    talk = company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="ሰላም talk",
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders", company.lead.id, (company.worker.id,)),
    )
    sign(company, talk)
    dialog.export_button.click()
    assert opened and not dialog.warnings.isHidden()
    assert "Record 'ሰላም talk' of 2026-11-02" in dialog.warnings.toPlainText()


def test_main_window_menu_opens_the_dialog(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Export evidence pack… (Ctrl+Shift+E) opens the export dialog."""
    shown: list[ExportPackDialog] = []
    monkeypatch.setattr(ExportPackDialog, "exec", lambda self: shown.append(self) or 0)
    window = MainWindow(company.services, InlineBackground())
    qtbot.addWidget(window)
    action = window.export_pack_action
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    assert len(shown) == 1 and shown[0].windowTitle() == "Export evidence pack"


def tamper_title(company: SmallCompany, title: str) -> None:
    """Change a record's title with the sqlite3 module, behind the program's back."""
    with sqlite3.connect(company.services.locations.database) as conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'"):
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("UPDATE records SET title = 'Forged title' WHERE title = ?", (title,))


def test_a_tampered_database_is_refused_as_a_message(
    dialog: ExportPackDialog,
    company: SmallCompany,
    tmp_path: Path,
    opened: list[QUrl],
    crashes: list[BaseException],
) -> None:
    """When the integrity check fails, the dialog says so and lists the record; no crash
    dialog, no file, nothing opened."""
    tamper_title(company, "Yard inspection 3")
    qtbot_click(dialog.export_button)
    assert crashes == [] and opened == []
    assert not list((tmp_path / "out").iterdir())
    assert not dialog.message.isHidden()
    assert dialog.message.text().startswith("No pack was written: the integrity check found 1")
    listed = dialog.warnings.toPlainText()
    assert not dialog.warnings.isHidden() and "Yard inspection 3" in listed
    assert "changed: title" in listed and dialog.export_button.isEnabled()


def test_ticking_unverified_prints_a_marked_pack(
    dialog: ExportPackDialog,
    company: SmallCompany,
    qtbot: QtBot,
    tmp_path: Path,
    opened: list[QUrl],
) -> None:
    """Ticking the UNVERIFIED box shows its warning; the pack is then written with every page
    marked UNVERIFIED and the problems listed in the dialog."""
    tamper_title(company, "Yard inspection 3")
    assert dialog.unverified_warning.isHidden()
    qtbot.mouseClick(dialog.allow_unverified, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert dialog.allow_unverified.isChecked() and not dialog.unverified_warning.isHidden()
    qtbot_click(dialog.export_button)
    out = tmp_path / "out" / "pack.pdf"
    assert opened == [QUrl.fromLocalFile(str(out))]
    pages = [page.extract_text() or "" for page in PdfReader(out).pages]
    assert all("UNVERIFIED" in text for text in pages)
    assert dialog.warnings.toPlainText().startswith("UNVERIFIED: the integrity check found 1")


def test_the_drafts_box_prints_drafts_in_their_appendix(
    dialog: ExportPackDialog, company: SmallCompany, qtbot: QtBot, tmp_path: Path
) -> None:
    """A draft is left out and counted unless the drafts box is ticked; then it prints in the
    appendix of drafts and voided records."""
    company.inspection("Half-typed draft")
    out = tmp_path / "out" / "pack.pdf"
    qtbot_click(dialog.export_button)
    assert "Half-typed draft" not in text_of(out)
    assert "1 draft(s), 0 voided, left out" in dialog.status.text()
    qtbot.mouseClick(dialog.drafts, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert dialog.drafts.isChecked()
    qtbot_click(dialog.export_button)
    text = text_of(out)
    assert "Half-typed draft" in text[text.index("Appendix: drafts and voided records") :]


def qtbot_click(button: QPushButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_export_counts_the_records_it_checks(
    dialog: ExportPackDialog, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the pack's check runs, the status counts what is checked, up to the total."""
    from secor_desktop.services import integrity

    monkeypatch.setattr(integrity, "PROGRESS_EVERY", 1)
    said: list[str] = []
    dialog._bridge.progressed.connect(lambda _share, what: said.append(what))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    counts = [w for w in said if w.startswith("Checking the records (")]
    assert len(counts) > 3
    done, total = counts[-1].removeprefix("Checking the records (").rstrip(")").split(" of ")
    assert done == total
