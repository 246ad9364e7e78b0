"""Attaching documents through a record's "Photos and files" box, as a safety lead would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.base import RecordEditor
from tests.conftest import SmallCompany
from tests.gui.editor_helpers import fill

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def choose_in_dialog(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> list[str]:
    """The operating system's file dialog answers with ``paths``; returns its filter."""
    filters: list[str] = []

    def answer(
        _parent: object, _title: str, _folder: str, file_filter: str
    ) -> tuple[list[str], str]:
        filters.append(file_filter)
        return [str(p) for p in paths], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(answer))
    return filters


def test_a_pdf_is_attached_listed_and_saved(
    open_editor: Callable[..., RecordEditor],
    company: SmallCompany,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Clicking Add and choosing a PDF lists it by name with a file icon; Save keeps it."""
    manual = tmp_path / "Fall protection plan.pdf"
    manual.write_bytes(PDF)
    filters = choose_in_dialog(monkeypatch, manual)
    editor = open_editor(RecordKind.INCIDENT)
    fill(editor, company)
    qtbot.mouseClick(editor.photos.add_button, Qt.MouseButton.LeftButton)
    assert "*.pdf" in filters[0] and "*.docx" in filters[0]
    item = editor.photos.list.item(0)
    assert editor.photos.list.count() == 1 and item.text() == "Fall protec\u2026.pdf"
    assert item.toolTip().startswith("Fall protection plan.pdf, 1 KB")
    assert not item.icon().isNull()
    assert not editor.photos.error.isVisible()
    editor.save_button.click()
    (record,) = company.services.records.find(RecordKind.INCIDENT)
    (attachment,) = record.attachments
    assert (attachment.filename, attachment.media_type) == (manual.name, "application/pdf")
    assert company.services.records.blob(attachment.sha256) == PDF


def test_an_attached_pdf_opens_in_the_system_viewer(
    open_editor: Callable[..., RecordEditor],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Open hands the stored PDF, byte for byte and under its own name, to the viewer."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    manual = tmp_path / "Manual.pdf"
    manual.write_bytes(PDF)
    choose_in_dialog(monkeypatch, manual)
    editor = open_editor(RecordKind.INCIDENT)
    qtbot.mouseClick(editor.photos.add_button, Qt.MouseButton.LeftButton)
    editor.photos.list.setCurrentRow(0)
    qtbot.mouseClick(editor.photos.open_button, Qt.MouseButton.LeftButton)
    (url,) = opened
    path = Path(url.toLocalFile())
    assert path.name.endswith("-Manual.pdf") and path.read_bytes() == PDF


def test_a_program_is_refused_naming_the_file(
    open_editor: Callable[..., RecordEditor],
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file of another kind is refused with a sentence naming it; nothing is attached."""
    tool = tmp_path / "setup.exe"
    tool.write_bytes(b"MZ\x90\x00")
    choose_in_dialog(monkeypatch, tool)
    editor = open_editor(RecordKind.INCIDENT)
    qtbot.mouseClick(editor.photos.add_button, Qt.MouseButton.LeftButton)
    assert editor.photos.attachments() == ()
    assert not editor.photos.error.isHidden()  # shown in the Photos and files tab
    assert editor.photos.error.text().startswith("setup.exe cannot be attached; attach a photo")
