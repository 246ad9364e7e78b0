"""The record editors, driven offscreen through the real services on a real database."""

from __future__ import annotations

import io
import stat
import warnings
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    ControlLevel,
    HazardAssessmentBody,
    InspectionBody,
    ToolboxTalkBody,
)
from secor_desktop.domain.kinds import RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.gui.editors import inspection as inspection_module
from secor_desktop.gui.editors import open_record_editor
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.hazards import FlhaForm, HazardAssessmentForm
from secor_desktop.gui.editors.inspection import InspectionForm
from secor_desktop.gui.editors.toolbox import ToolboxTalkForm
from secor_desktop.gui.editors.training import TrainingForm
from secor_desktop.gui.private_temp import private_temp_dir
from secor_desktop.gui.widgets.signature_pad import SignDialog
from tests.conftest import SmallCompany, signature_png
from tests.gui.conftest import Answers
from tests.gui.editor_helpers import draw_signature, fill, type_text

FRENCH = "Échafaudage « sécurisé » : façade, garçon, élève"


# The boxes answer from ``Answers`` in every test here (fixtures in tests/gui/conftest.py).
pytestmark = pytest.mark.usefixtures("answers")


def sign_with(
    monkeypatch: pytest.MonkeyPatch, signer_id: str, *, draw: bool = True
) -> list[SignDialog]:
    """Make SignDialog.exec pick ``signer_id``, draw on the pad and press Sign."""
    seen: list[SignDialog] = []

    def exec_(self: SignDialog) -> int:
        seen.append(self)
        self.show()
        self.select_signer(signer_id)
        if draw:
            draw_signature(self.pad)
        self.sign_button.click()
        return int(self.result())

    monkeypatch.setattr(SignDialog, "exec", exec_)
    return seen


def png_file(tmp_path: Path, name: str = "site.png", size: tuple[int, int] = (800, 600)) -> Path:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "PNG")
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


# --- creating and editing ----------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RecordKind))
def test_each_kind_is_created_through_its_editor(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, kind: RecordKind
) -> None:
    """Filling a kind's editor and pressing Save stores one draft record of that kind."""
    editor = open_editor(kind)
    fill(editor, company, title=f"New {kind.value}")
    editor.save_button.click()
    records = company.services.records.find(kind)
    assert [r.title for r in records] == [f"New {kind.value}"]
    assert records[0].status is RecordStatus.DRAFT
    assert editor.record is not None and editor.saved_any


def test_hazard_lines_are_saved_with_their_rating_and_controls(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """A hazard line keeps its task, ratings and controls by level of the hierarchy."""
    editor = open_editor(RecordKind.HAZARD_ASSESSMENT)
    fill(editor, company)
    editor.save()
    body = company.services.records.find(RecordKind.HAZARD_ASSESSMENT)[0].body
    assert isinstance(body, HazardAssessmentBody)
    (line,) = body.hazards
    assert (line.task, line.severity, line.likelihood, line.risk) == (
        "Loading shingles onto the roof",
        5,
        2,
        10,
    )
    assert [(c.level, c.description) for c in line.controls] == [
        (ControlLevel.ENGINEERING, "Guardrail on the eave"),
        (ControlLevel.PPE, "Harness"),
        (ControlLevel.PPE, "Hard hat"),
    ]


def test_risk_is_computed_as_the_ratings_change(open_editor: Callable[..., RecordEditor]) -> None:
    """Severity 4 x likelihood 4 shows a risk of 16, high, in the line and the table."""
    editor = open_editor(RecordKind.FLHA)
    form = editor.form
    assert isinstance(form, FlhaForm)
    lines = form.lines
    lines.severity.setValue(4)
    lines.likelihood.setValue(4)
    assert lines.risk.text() == "Risk 16 of 25: high"
    assert lines.table.item(0, 4).text() == "16 (high)"


def test_an_existing_record_is_edited_and_saved_as_a_new_revision(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Changing a draft inspection's target saves it and adds a revision."""
    record = company.inspection()
    editor = open_editor(RecordKind.INSPECTION, record.id)
    form = editor.form
    assert isinstance(form, InspectionForm)
    assert form.target.text() == "Main yard"
    form.target.setText("Back lot")
    assert editor.save()
    saved = company.services.records.get(record.id)
    assert isinstance(saved.body, InspectionBody) and saved.body.target == "Back lot"
    assert len(company.services.records.history(record.id)) == 2


def test_french_text_typed_into_fields_is_saved_exactly(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Accented letters and guillemets typed as key events are stored as typed."""
    editor = open_editor(RecordKind.TOOLBOX_TALK)
    fill(editor, company, title="")
    form = editor.form
    assert isinstance(form, ToolboxTalkForm)
    type_text(editor.title, FRENCH)
    type_text(form.notes, "Ça va très bien, «merci».")
    assert editor.save()
    record = company.services.records.find(RecordKind.TOOLBOX_TALK)[0]
    assert record.title == FRENCH
    assert isinstance(record.body, ToolboxTalkBody)
    assert record.body.notes == "Ça va très bien, «merci»."


# --- validation ----------------------------------------------------------------------------


def test_a_missing_title_is_shown_under_the_title_and_nothing_is_saved(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """An empty title shows 'Title is required' under it, and the typed rest stays."""
    editor = open_editor(RecordKind.INSPECTION)
    fill(editor, company, title="   ")
    assert not editor.save()
    assert company.services.records.find(RecordKind.INSPECTION) == []
    assert editor.registry.message_for("title") == "Title is required"
    assert editor.title.accessibleDescription() == "Title is required"
    form = editor.form
    assert isinstance(form, InspectionForm)
    assert form.target.text() == "Main yard"


def test_a_hazard_line_problem_names_the_line(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """A hazard line without a task is reported under the lines as 'line 1: task'."""
    editor = open_editor(RecordKind.HAZARD_ASSESSMENT)
    fill(editor, company)
    form = editor.form
    assert isinstance(form, HazardAssessmentForm)
    form.lines.task.setText("")
    assert not editor.save()
    assert "Tasks and hazards, line 1: task step is required" in editor.registry.message_for(
        "body.hazards"
    )


def test_an_unpicked_worker_asks_for_a_choice(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """An inspection without an inspector says to choose someone, next to the picker."""
    editor = open_editor(RecordKind.INSPECTION)
    fill(editor, company)
    form = editor.form
    assert isinstance(form, InspectionForm)
    form.inspector.set_worker_id("")
    assert not editor.save()
    assert "choose someone" in editor.registry.message_for("body.inspector_id")


def test_the_summary_names_the_one_field_to_fix_once(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, qtbot: QtBot
) -> None:
    """A talk saved with Ctrl+S and no presenter says 'Presenter: choose …' at the top,
    not 'Presenter: Presenter: choose …'."""
    editor = open_editor(RecordKind.TOOLBOX_TALK)
    editor.activateWindow()  # the window with the keyboard, as it is for a person
    qtbot.waitUntil(editor.isActiveWindow)
    type_text(editor.title, "Ladder footing on frost")
    QTest.keyClick(editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert company.services.records.find(RecordKind.TOOLBOX_TALK) == []
    under = editor.registry.message_for("body.presenter_id")
    assert under.startswith("Presenter: choose someone")
    assert editor.general_error.text() == f"Not saved yet. {under}"


def test_a_fixed_problem_clears_its_message_as_the_user_types(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """After a refused save, typing a title removes the message under it."""
    editor = open_editor(RecordKind.ADMIN)
    fill(editor, company, title="")
    editor.save()
    type_text(editor.title, "Review")
    assert editor.registry.message_for("title") == ""


def test_a_training_expiry_before_completion_is_refused(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """An expiry date before the completion date is shown under Expiry."""
    editor = open_editor(RecordKind.TRAINING)
    fill(editor, company)
    form = editor.form
    assert isinstance(form, TrainingForm)
    form.expiry.set_value(date(2020, 1, 1))
    assert not editor.save()
    assert (
        editor.registry.message_for("body.expiry") == "Expiry must come after the completion date"
    )


# --- unsaved changes -----------------------------------------------------------------------


def test_closing_with_changes_and_cancel_keeps_the_editor_open(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, answers: Answers
) -> None:
    """Cancel on the unsaved-changes question keeps the editor and its text."""
    editor = open_editor(RecordKind.ADMIN)
    fill(editor, company, title="Minutes")
    answers.question = QMessageBox.StandardButton.Cancel
    editor.close()
    assert editor.isVisible() and editor.title.text() == "Minutes"
    assert answers.asked == ["Unsaved changes"]


def test_closing_with_changes_and_save_saves(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, answers: Answers
) -> None:
    """Save on the unsaved-changes question saves the record, then closes."""
    editor = open_editor(RecordKind.ADMIN)
    fill(editor, company, title="Minutes")
    answers.question = QMessageBox.StandardButton.Save
    editor.close()
    assert not editor.isVisible()
    assert [r.title for r in company.services.records.find(RecordKind.ADMIN)] == ["Minutes"]


def test_closing_with_changes_and_discard_saves_nothing(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, answers: Answers
) -> None:
    """Discard closes the editor and stores nothing."""
    editor = open_editor(RecordKind.ADMIN)
    fill(editor, company, title="Minutes")
    answers.question = QMessageBox.StandardButton.Discard
    editor.close()
    assert not editor.isVisible()
    assert company.services.records.find(RecordKind.ADMIN) == []


def test_closing_without_changes_does_not_ask(
    open_editor: Callable[..., RecordEditor], answers: Answers
) -> None:
    """An untouched editor closes at once."""
    editor = open_editor(RecordKind.DRILL)
    editor.close()
    assert not editor.isVisible() and answers.asked == []


def test_a_draft_is_kept_and_offered_when_the_editor_opens_again(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, answers: Answers
) -> None:
    """Unsaved text written to the draft file comes back when the user restores it."""
    editor = open_editor(RecordKind.ADMIN)
    fill(editor, company, title="Brouillon « à garder »")
    editor.write_draft()
    assert editor.draft_file.exists()
    answers.question = QMessageBox.StandardButton.Yes
    again = open_editor(RecordKind.ADMIN)
    assert again.title.text() == "Brouillon « à garder »"
    assert "Unsaved draft" in answers.asked


def test_the_draft_is_removed_once_saved(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Saving deletes the draft file of the new record."""
    editor = open_editor(RecordKind.ADMIN)
    fill(editor, company)
    editor.write_draft()
    draft = editor.draft_file
    editor.save()
    assert not draft.exists()


# --- signatures, amending, voiding ---------------------------------------------------------


def test_signing_locks_the_record_and_the_form(
    open_editor: Callable[..., RecordEditor],
    company: SmallCompany,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a signature the form is read-only with a 'Signed by' banner."""
    record = company.inspection()
    editor = open_editor(RecordKind.INSPECTION, record.id)
    sign_with(monkeypatch, company.lead.id)
    assert editor.sign()
    signed = company.services.records.get(record.id)
    assert signed.status is RecordStatus.SIGNED
    assert signed.signatures[0].meaning is SignatureMeaning.PERFORMED
    assert editor.title.isReadOnly() and not editor.save_button.isEnabled()
    assert editor.banner_text.text().startswith("Signed by Zoë Tremblay (performed)")


def test_signing_a_new_record_saves_it_first(
    open_editor: Callable[..., RecordEditor],
    company: SmallCompany,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sign on an unsaved toolbox talk saves it, then signs it as 'attended'."""
    editor = open_editor(RecordKind.TOOLBOX_TALK)
    fill(editor, company)
    sign_with(monkeypatch, company.worker.id)
    assert editor.sign()
    (record,) = company.services.records.find(RecordKind.TOOLBOX_TALK)
    assert [(s.signer_name, s.meaning) for s in record.signatures] == [
        ("Sam Okafor", SignatureMeaning.ATTENDED)
    ]


def test_amending_a_signed_record_needs_a_reason_and_keeps_it(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, answers: Answers
) -> None:
    """Amend with a reason unlocks the form; the saved change carries the reason."""
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    editor = open_editor(RecordKind.INSPECTION, record.id)
    answers.reason = ("Wrong target written on site", True)
    editor.amend_button.click()
    assert not editor.title.isReadOnly()
    form = editor.form
    assert isinstance(form, InspectionForm)
    form.target.setText("Back lot")
    assert editor.save()
    history = company.services.records.history(record.id)
    assert history[-1].reason == "Wrong target written on site"
    assert company.services.records.get(record.id).status is RecordStatus.DRAFT


def test_a_signed_records_pickers_are_legible_but_do_not_change(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, qtbot: QtBot
) -> None:
    """Pickers of a signed record are not greyed out, yet keys do not change them."""
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    editor = open_editor(RecordKind.INSPECTION, record.id)
    form = editor.form
    assert isinstance(form, InspectionForm)
    assert form.inspector.isEnabled()
    qtbot.keyClick(form.inspector, Qt.Key.Key_Down)
    assert form.inspector.worker_id() == company.lead.id


def test_a_signed_records_dates_stay_legible_and_unchanged(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, qtbot: QtBot
) -> None:
    """A signed training record's expiry is not greyed out, typing does not change it, and
    no 'fill in the fields' hint is shown over the signed record."""
    editor = open_editor(RecordKind.TRAINING)
    fill(editor, company)
    form = editor.form
    assert isinstance(form, TrainingForm)
    form.expiry.set_value(date(2029, 11, 2))
    assert editor.save() and editor.record is not None
    company.services.records.sign(
        editor.record.id,
        signer_id=company.worker.id,
        meaning=SignatureMeaning.ATTENDED,
        image_png=signature_png(),
    )
    signed = open_editor(RecordKind.TRAINING, editor.record.id)
    expiry = signed.form.expiry  # type: ignore[attr-defined]
    assert expiry.edit.line.isEnabled() and expiry.edit.line.isReadOnly()
    qtbot.keyClicks(expiry.edit.line, "2030")
    assert expiry.value() == date(2029, 11, 2)
    assert signed.general_error.text() == ""


def test_amending_without_a_reason_keeps_the_record_locked(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, answers: Answers
) -> None:
    """An empty reason leaves the signed record read-only."""
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    editor = open_editor(RecordKind.INSPECTION, record.id)
    answers.reason = ("   ", True)
    editor.amend()
    assert editor.title.isReadOnly()
    assert "reason" in editor.general_error.text()


def test_voiding_asks_a_reason_and_locks_the_record(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, answers: Answers
) -> None:
    """Void with a reason marks the record void and the editor read-only."""
    record = company.inspection()
    editor = open_editor(RecordKind.INSPECTION, record.id)
    answers.reason = ("Entered twice by mistake", True)
    editor.void_button.click()
    voided = company.services.records.get(record.id)
    assert voided.status is RecordStatus.VOID
    assert voided.void_reason == "Entered twice by mistake"
    assert editor.title.isReadOnly() and not editor.sign_button.isEnabled()
    assert editor.banner_text.text().startswith("Void: Entered twice by mistake")


def test_history_lists_revisions_with_reasons_and_flags_in_words(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, answers: Answers
) -> None:
    """History shows each revision; a late entry is flagged in words."""
    record = company.inspection(day=date(2026, 10, 1))
    company.services.records.void(record.id, "Duplicate")
    editor = open_editor(RecordKind.INSPECTION, record.id)
    dialog = editor.history_dialog()
    assert dialog is not None
    table = dialog.table
    assert table.rowCount() == 2
    assert table.item(0, 4).text().startswith("Entered late")
    assert table.item(1, 3).text() == "Duplicate"


# --- inspections ---------------------------------------------------------------------------


def test_a_deficient_item_becomes_a_corrective_action(
    open_editor: Callable[..., RecordEditor],
    company: SmallCompany,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Saving with a deficient item offers an action, raised with owner and due date."""
    monkeypatch.setattr(
        inspection_module.ActionOfferDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    editor = open_editor(RecordKind.INSPECTION)
    fill(editor, company)
    form = editor.form
    assert isinstance(form, InspectionForm)
    form.checklist.set_result(1, ChecklistResult.DEFICIENT)
    assert editor.save()
    assert editor.record is not None
    (action,) = company.services.actions.for_record(editor.record.id)
    assert action.owner_id == company.lead.id
    assert action.due_date == company.services.ctx.clock.today() + timedelta(days=7)
    assert "Walkways and work areas clear" in action.description


def test_the_user_can_make_their_own_standard_checklist(
    open_editor: Callable[..., RecordEditor],
) -> None:
    """An item added and saved as the standard list appears in the next new inspection."""
    editor = open_editor(RecordKind.INSPECTION)
    form = editor.form
    assert isinstance(form, InspectionForm)
    form.checklist.add_item(ChecklistItem("Gate locked", ChecklistResult.OK), focus=False)
    form.save_standard_list()
    again = open_editor(RecordKind.INSPECTION)
    again_form = again.form
    assert isinstance(again_form, InspectionForm)
    assert again_form.checklist.texts()[-1] == "Gate locked"


# --- photos --------------------------------------------------------------------------------


def test_a_photo_is_attached_shown_and_saved(
    open_editor: Callable[..., RecordEditor], company: SmallCompany, tmp_path: Path
) -> None:
    """An added photo shows as a thumbnail and is saved with the record."""
    editor = open_editor(RecordKind.INCIDENT)
    fill(editor, company)
    editor.photos.add_files([png_file(tmp_path)])
    assert editor.photos.list.count() == 1
    assert editor.save()
    record = company.services.records.find(RecordKind.INCIDENT)[0]
    assert [a.filename for a in record.attachments] == ["site.jpg"]  # photos become JPEG


def test_the_photos_tab_counts_what_is_attached(
    open_editor: Callable[..., RecordEditor], tmp_path: Path
) -> None:
    """The tab reads 'Photos and files (1)' once a photo is added, so it is not missed."""
    editor = open_editor(RecordKind.FLHA)
    assert editor.tabs.tabText(1) == "Photos and files"
    editor.photos.add_files([png_file(tmp_path)])
    assert editor.tabs.tabText(1) == "Photos and files (1)"


def test_a_large_photo_is_downscaled(
    open_editor: Callable[..., RecordEditor], tmp_path: Path
) -> None:
    """A 4000-pixel-wide photo is stored at most 2048 pixels wide."""
    editor = open_editor(RecordKind.INCIDENT)
    editor.photos.add_files([png_file(tmp_path, "big.png", (4000, 1000))])
    (attachment,) = editor.photos.attachments()
    stored = Image.open(io.BytesIO(editor.services.records.blob(attachment.sha256)))
    assert stored.width == 2048


def test_a_file_that_is_not_an_image_is_named_in_the_message(
    open_editor: Callable[..., RecordEditor], tmp_path: Path
) -> None:
    """A damaged 'photo' is refused with its file name, and nothing is attached."""
    bad = tmp_path / "notes.jpg"
    bad.write_bytes(b"this is not a picture")
    editor = open_editor(RecordKind.INCIDENT)
    editor.photos.add_files([bad])
    assert editor.photos.attachments() == ()
    assert editor.photos.error.text().startswith("notes.jpg ")


def test_opening_a_photo_hands_the_original_to_the_system_viewer(
    open_editor: Callable[..., RecordEditor], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open original writes the stored bytes to a temporary file and opens that file."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    editor = open_editor(RecordKind.INCIDENT)
    editor.photos.add_files([png_file(tmp_path)])
    editor.photos.list.setCurrentRow(0)
    path = editor.photos.open_selected()
    assert path is not None and path.read_bytes()[:2] == b"\xff\xd8"  # the stored JPEG
    assert opened == [QUrl.fromLocalFile(str(path))]
    # Opened from the app's private folder (0700, removed at quit), as a 0600 file.
    assert path.parent == private_temp_dir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_image_files_dropped_on_the_photos_are_attached(
    open_editor: Callable[..., RecordEditor], tmp_path: Path
) -> None:
    """Dropping an image file (and a program) attaches only the image."""
    text = tmp_path / "setup.exe"
    text.write_bytes(b"MZ not a photo")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png_file(tmp_path))), QUrl.fromLocalFile(str(text))])
    editor = open_editor(RecordKind.INSPECTION)
    viewport = editor.photos.list.viewport()  # where a real drag arrives
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():
        # PySide marks the QPoint constructor deprecated; Qt has no other for this event.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, left, none)
    assert QApplication.sendEvent(viewport, enter) and enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, left, none)
    QApplication.sendEvent(viewport, drop)
    assert [a.filename for a in editor.photos.attachments()] == ["site.jpg"]
    assert editor.photos.open_button.isEnabled()


def test_a_signed_record_accepts_no_new_photos(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """While signed, Add photos is off and drops are refused; Open stays available."""
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    editor = open_editor(RecordKind.INSPECTION, record.id)
    assert not editor.photos.add_button.isEnabled()
    assert not editor.photos.list.accepting


# --- accessibility and layout --------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RecordKind))
def test_every_input_has_an_accessible_name(
    open_editor: Callable[..., RecordEditor], kind: RecordKind
) -> None:
    """Screen readers can name every input of every editor."""
    editor = open_editor(kind)
    inputs = (
        QLineEdit,
        QPlainTextEdit,
        QComboBox,
        QSpinBox,
        QDateEdit,
        QCheckBox,
        QListWidget,
        QTableWidget,
    )
    unnamed = [
        type(w).__name__
        for kind_of_input in inputs
        for w in editor.findChildren(kind_of_input)
        if not w.accessibleName() and not isinstance(w.parent(), QComboBox | QDateEdit | QSpinBox)
    ]
    assert unnamed == []


def next_tab_stop(widget: QWidget) -> QWidget:
    """The next widget Tab reaches (skipping the line edits inside pickers, and a compound
    input that hands its focus on to a proxy, such as the date field to its text box)."""
    following = widget.nextInFocusChain()
    while (
        not following.focusPolicy() & Qt.FocusPolicy.TabFocus
        or isinstance(following.parent(), QComboBox | QDateEdit | QSpinBox)
        or following.focusProxy() is not None
    ):
        following = following.nextInFocusChain()
    return following


def test_tab_order_starts_with_title_date_and_site(
    open_editor: Callable[..., RecordEditor],
) -> None:
    """Tab goes from the title to the date, then the site, then the kind's first field."""
    editor = open_editor(RecordKind.TOOLBOX_TALK)
    form = editor.form
    assert isinstance(form, ToolboxTalkForm)
    chain: list[QWidget] = [editor.title]
    while len(chain) < 4:
        chain.append(next_tab_stop(chain[-1]))
    assert chain == [editor.title, editor.event_date.line, editor.site, form.topic]


@pytest.mark.parametrize("kind", list(RecordKind))
def test_each_editor_renders_at_laptop_size(
    open_editor: Callable[..., RecordEditor], kind: RecordKind, tmp_path: Path, qtbot: QtBot
) -> None:
    """Every editor paints within a 1366x768 screen, to a PNG."""
    editor = open_editor(kind)
    qtbot.waitExposed(editor)
    assert editor.width() <= 1366 and editor.height() <= 768 - 60
    image = editor.grab()
    assert image.save(str(tmp_path / f"editor-{kind.value}.png"))


def test_the_banner_names_crew_still_to_sign(
    open_editor: Callable[..., RecordEditor],
    company: SmallCompany,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After the first crew member signs an FLHA, the banner names who is still to sign."""
    editor = open_editor(RecordKind.FLHA)
    fill(editor, company)
    dialogs = sign_with(monkeypatch, company.lead.id)
    assert editor.sign()
    assert editor.record is not None
    assert [s.signer_id for s in editor.record.current_signatures] == [company.lead.id]
    assert dialogs[0].signer.currentData() == company.worker.id  # offered next
    assert "Still to sign: Sam Okafor." in editor.banner_text.text()
    assert editor.banner_text.text().endswith(
        "Someone arrived late? Press Sign... to add them to the list."
    )


def test_open_record_editor_reports_whether_something_was_saved(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """The modal entry point returns True after a save and False after a plain close."""
    parent = QWidget()
    qtbot.addWidget(parent)

    def exec_saving(self: RecordEditor) -> int:
        fill(self, company)
        self.save()
        return 0

    monkeypatch.setattr(RecordEditor, "exec", exec_saving)
    assert open_record_editor(parent, company.services, RecordKind.ADMIN)
    monkeypatch.setattr(RecordEditor, "exec", lambda self: 0)
    assert not open_record_editor(parent, company.services, RecordKind.ADMIN)


def test_a_new_document_starts_with_no_particular_site(
    open_editor: Callable[..., RecordEditor],
) -> None:
    """A policy is company-wide: the only site is offered for field records, not documents."""
    assert open_editor(RecordKind.DOCUMENT).site.currentData() == ""
    assert open_editor(RecordKind.INSPECTION).site.currentIndex() == 1
