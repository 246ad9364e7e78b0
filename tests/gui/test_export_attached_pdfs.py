"""A safety lead attaches the company's PDF manual to a record and appends it to the pack."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QRect, QSettings, Qt, QUrl
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.export_dialog import ExportPackDialog
from tests.conftest import SmallCompany, signature_png
from tests.gui.editor_helpers import fill
from tests.gui.test_attachments import choose_in_dialog
from tests.integration.test_pack_attached_files import encrypted_pdf, manual_pdf, signed_with

MANUAL = manual_pdf("Prairie Roofing safety manual", "Section 2: fall protection")


def attach_and_sign(
    open_editor: Callable[..., RecordEditor],
    company: SmallCompany,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    manual: Path,
) -> None:
    """Attach the manual on the Photos and files tab (Add…), save, then sign the record."""
    choose_in_dialog(monkeypatch, manual)
    editor = open_editor(RecordKind.INSPECTION)
    fill(editor, company, "")
    qtbot.keyClicks(editor.title, "Yard inspection with manual")
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert editor.tabs.currentIndex() == 1
    qtbot.mouseClick(editor.photos.add_button, Qt.MouseButton.LeftButton)
    assert editor.photos.list.count() == 1
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    (record,) = company.services.records.find(RecordKind.INSPECTION)
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(1),
    )


def export(qtbot: QtBot, company: SmallCompany, tmp_path: Path, append: bool) -> Path:
    """Export through the dialog, ticking the append box by a click when ``append``."""
    opened: list[QUrl] = []
    dialog = ExportPackDialog(
        company.services,
        InlineBackground(),
        open_url=opened.append,
        settings=QSettings(str(tmp_path / "s.ini")),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / ("with.pdf" if append else "without.pdf")
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(out))
    box = dialog.append_pdfs
    assert not box.isChecked()
    if append:
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().bottomLeft() / 2)
        assert box.isChecked()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert opened == [QUrl.fromLocalFile(str(out))]
    if append:
        assert "Attached PDF documents: 2 page(s) appended" in dialog.status.text()
    return out


def test_an_attached_pdf_is_listed_and_appended_to_the_pack(
    open_editor: Callable[..., RecordEditor],
    company: SmallCompany,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The record lists the PDF with its hash; with the box ticked its pages end the pack,
    and without it they are not there."""
    manual = tmp_path / "Safety manual.pdf"
    manual.write_bytes(MANUAL)
    attach_and_sign(open_editor, company, qtbot, monkeypatch, manual)
    sha = hashlib.sha256(MANUAL).hexdigest()

    pages = [
        p.extract_text() or "" for p in PdfReader(export(qtbot, company, tmp_path, True)).pages
    ]
    flat = "".join("".join(pages).split())
    assert "Safetymanual.pdfPDFdocument" in flat and sha[:16] in flat and sha in flat
    assert pages[-2].strip() == "Prairie Roofing safety manual"
    assert pages[-1].strip() == "Section 2: fall protection"
    assert "Yard inspection with manual" in pages[-3] and sha in "".join(pages[-3].split())

    without = [
        p.extract_text() or "" for p in PdfReader(export(qtbot, company, tmp_path, False)).pages
    ]
    assert len(without) == len(pages) - 4  # the list page, the separator and two pages
    assert not any("Prairie Roofing safety manual" in text for text in without)


def test_registers_only_disables_appending(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """A registers-only pack prints no record in full, so it appends no PDF: the box greys out."""
    dialog = ExportPackDialog(
        company.services, InlineBackground(), settings=QSettings(str(tmp_path / "s.ini"))
    )
    qtbot.addWidget(dialog)
    assert dialog.append_pdfs.isEnabled()
    dialog.summary_only.setChecked(True)
    assert not dialog.append_pdfs.isEnabled()


def overlapping(dialog: ExportPackDialog) -> list[str]:
    """Pairs of visible controls drawn over each other, by accessible name or text."""
    widgets = [w for w in dialog._inputs if w.isVisible()]
    rects = [(w, QRect(w.mapTo(dialog, QPoint(0, 0)), w.size())) for w in widgets]
    return [
        f"{a.accessibleName() or a.objectName() or type(a).__name__} / "
        f"{b.accessibleName() or type(b).__name__}"
        for i, (a, ra) in enumerate(rects)
        for b, rb in rects[i + 1 :]
        if ra.intersects(rb)
    ]


def test_the_dialog_fits_a_laptop_screen_before_and_after_warnings(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """At 1366x768 no control covers another, also once an export has listed a warning."""
    signed = signed_with(company, "Yard inspection", ("Locked.pdf", encrypted_pdf()))
    assert signed.attachments
    opened: list[QUrl] = []
    dialog = ExportPackDialog(
        company.services,
        InlineBackground(),
        open_url=opened.append,
        settings=QSettings(str(tmp_path / "s.ini")),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert overlapping(dialog) == [] and dialog.height() <= 700
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(tmp_path / "pack.pdf"))
    box = dialog.append_pdfs
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().bottomLeft() / 2)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert "Locked.pdf is not appended: it is encrypted" in dialog.warnings.toPlainText()
    qtbot.wait(20)
    assert overlapping(dialog) == [] and dialog.height() <= 740
