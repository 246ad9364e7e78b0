"""The Written program page and the document editor, driven by keys and clicks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import DocumentBody, DocumentType
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.gui import notify
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.document import DocumentForm
from secor_desktop.gui.pages.program import COL_STATE, ProgramPage
from secor_desktop.gui.widgets.signature_pad import SignDialog
from tests.conftest import TODAY, SmallCompany
from tests.gui.editor_helpers import draw_signature

PERFORMED = SignatureMeaning.PERFORMED
ACKNOWLEDGED = SignatureMeaning.ACKNOWLEDGED


def make_page(qtbot: QtBot, company: SmallCompany) -> ProgramPage:
    page = ProgramPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitExposed(page):
        page.show()
    return page


def row_of(page: ProgramPage, template_id: str) -> int:
    return [e.template.id for e in page.entries].index(template_id)


def choose(qtbot: QtBot, page: ProgramPage, template_id: str) -> RecordEditor:
    """Walk the list with the arrow keys to the document, then press Enter."""
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Home)
    for _ in range(row_of(page, template_id)):
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.current_entry() is not None
    assert page.current_entry().template.id == template_id  # type: ignore[union-attr]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.editor is not None
    return page.editor


@pytest.fixture
def signers(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> list[str]:
    """Who signs next: the signing dialog is driven by typing the signer's name."""
    queue: list[str] = []

    def run(dialog: SignDialog) -> int:
        dialog.show()
        dialog.signer.setFocus()
        qtbot.keyClicks(dialog.signer, queue.pop(0))
        draw_signature(dialog.pad)
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    monkeypatch.setattr(SignDialog, "exec", run)
    return queue


def test_a_policy_is_chosen_filled_tailored_signed_and_acknowledged(
    qtbot: QtBot, company: SmallCompany, signers: list[str]
) -> None:
    """Enter on the policy opens it prefilled; the blank is filled, a paragraph tailored,
    the owner signs and a worker acknowledges; the page then shows it signed."""
    page = make_page(qtbot, company)
    editor = choose(qtbot, page, "policy")
    form = editor.form
    assert isinstance(form, DocumentForm)
    assert editor.title.text() == "Health and safety policy"
    assert "Prairie Roofing Ltd." in form.text.toPlainText()
    assert "{{policy_posted_at}}" in form.marks.note.text()
    untouched = len(form.marks.untouched)
    assert untouched >= 8 and len(form.text.extraSelections()) >= untouched
    assert "still the starter wording" in form.marks.note.text()

    qtbot.mouseClick(form.marks.next_blank, Qt.MouseButton.LeftButton)
    assert form.text.textCursor().selectedText() == "{{policy_posted_at}}"
    qtbot.keyClicks(form.text, "the shop door")
    # Tailor the first paragraph of "Our commitment" (the fifth line of the text).
    qtbot.keyClick(form.text, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(4):
        qtbot.keyClick(form.text, Qt.Key.Key_Down)
    qtbot.keyClick(form.text, Qt.Key.Key_End)
    qtbot.keyClicks(form.text, " We roof houses in Red Deer.")
    qtbot.waitUntil(lambda: len(form.marks.untouched) == untouched - 1)
    assert form.marks.blanks == ()
    assert "Blanks still to fill" not in form.marks.note.text()

    signers += ["Dana", "Sam"]
    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)  # saves, then signs
    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)  # the worker's turn
    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)

    (stored,) = company.services.records.find(RecordKind.DOCUMENT)
    assert [(s.signer_name, s.meaning) for s in stored.current_signatures] == [
        ("Dana Kowalski", PERFORMED),
        ("Sam Okafor", ACKNOWLEDGED),
    ]
    body = stored.body
    assert isinstance(body, DocumentBody)
    assert "posted at the shop door and" in body.text and "{{" not in body.text
    assert body.covers == ("policy",) and body.template_id == "policy"
    assert page.table.item(row_of(page, "policy"), COL_STATE).text() == "Signed"


def test_signing_with_a_blank_left_is_refused_in_the_editor(
    qtbot: QtBot, company: SmallCompany, signers: list[str]
) -> None:
    """Sign... on a document with a blank left names the blank by the text box."""
    page = make_page(qtbot, company)
    editor = choose(qtbot, page, "swp_ladders")
    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)
    assert "{{power_line_distance}}" in editor.registry.message_for("body.text")
    assert signers == []  # the signing dialog never opened
    (stored,) = company.services.records.find(RecordKind.DOCUMENT)
    assert stored.signatures == ()


def test_enter_on_a_started_document_opens_it(qtbot: QtBot, company: SmallCompany) -> None:
    """A draft shows as such, the button says Open, and Enter opens that record."""
    record = company.services.program.start("company_rules")
    page = make_page(qtbot, company)
    assert page.table.item(row_of(page, "company_rules"), COL_STATE).text() == "Draft"
    editor = choose(qtbot, page, "company_rules")
    assert editor.record is not None and editor.record.id == record.id
    assert page.open_button.text() == "&Open…"


def test_the_manual_is_written_from_the_page(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path, messages: notify.RecordingNotifier
) -> None:
    """Print the program manual writes the PDF and says how many documents it holds."""
    page = make_page(qtbot, company)
    out = tmp_path / "manual"
    assert page.write_manual(out)
    assert (tmp_path / "manual.pdf").read_bytes().startswith(b"%PDF")
    assert messages.texts()[-1] == "Wrote manual.pdf: 0 signed document(s)."


def test_editing_a_document_keeps_what_it_covers(qtbot: QtBot, company: SmallCompany) -> None:
    """Saving a document from the editor keeps its ``covers`` (it used to drop them)."""
    services = company.services
    record = services.records.create(
        RecordKind.DOCUMENT,
        title="Our safe job procedures",
        event_date=TODAY,
        site_id=None,
        body=DocumentBody(
            DocumentType.SAFE_JOB_PROCEDURE,
            "1",
            "Step one.",
            company.owner.id,
            covers=("safe_work_procedures",),
        ),
    )
    editor = RecordEditor(None, services, RecordKind.DOCUMENT, record.id)
    qtbot.addWidget(editor)
    editor.show()
    form = editor.form
    assert isinstance(form, DocumentForm)
    form.text.setFocus()
    qtbot.keyClick(form.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.text, " Step two.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = services.records.get(record.id).body
    assert isinstance(stored, DocumentBody)
    assert stored.text == "Step one. Step two."
    assert stored.covers == ("safe_work_procedures",)


def test_a_broken_company_template_is_named_on_the_page(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """A company's own template file that cannot be read is named, with what to do."""
    folder = company.services.program.company_folder()
    assert folder is not None
    folder.mkdir(parents=True)
    (folder / "our-rules.md").write_text("---\nid: our_rules\n", encoding="utf-8")
    page = make_page(qtbot, company)
    assert page.broken.isVisible()
    assert "our-rules.md: the front matter has no closing '---'" in page.broken.text()
    assert len(page.entries) == 34  # the bundled ones are all still there
