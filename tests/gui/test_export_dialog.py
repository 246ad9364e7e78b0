"""File > Export evidence pack…: choices, progress, cancel, refusals, and what opens at the end."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QSettings, Qt, QUrl
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.export_dialog import ExportPackDialog
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.services import evidence_pack
from tests.conftest import TODAY, SmallCompany


@pytest.fixture
def opened() -> list[QUrl]:
    return []


@pytest.fixture
def dialog(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, opened: list[QUrl]
) -> ExportPackDialog:
    for n in range(10):
        company.inspection(f"Yard inspection {n}", day=TODAY - timedelta(days=7 * n))
    company.inspection("Spring inspection", day=date(2026, 3, 2))
    widget = ExportPackDialog(
        company.services, open_url=opened.append, settings=QSettings(str(tmp_path / "s.ini"))
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
    company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="안전 talk",
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders", company.lead.id, (company.worker.id,)),
    )
    dialog.export_button.click()
    assert opened and not dialog.warnings.isHidden()
    assert "Record '안전 talk' of 2026-11-02" in dialog.warnings.toPlainText()


def test_main_window_menu_opens_the_dialog(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Export evidence pack… (Ctrl+Shift+E) opens the export dialog."""
    shown: list[ExportPackDialog] = []
    monkeypatch.setattr(ExportPackDialog, "exec", lambda self: shown.append(self) or 0)
    window = MainWindow(company.services)
    qtbot.addWidget(window)
    action = window.export_pack_action
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    assert len(shown) == 1 and shown[0].windowTitle() == "Export evidence pack"
