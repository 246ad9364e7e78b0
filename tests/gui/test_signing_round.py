"""The signing round as people meet it: a sign-in sheet passed around on the laptop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.widgets.signature_pad import SignDialog
from tests.conftest import SmallCompany
from tests.gui.editor_helpers import draw_signature


def talk(company: SmallCompany, attendees: tuple[str, ...]) -> Record:
    return company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Monday toolbox: ladders",
        event_date=company.services.ctx.clock.today(),
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders", company.lead.id, attendees),
    )


def pick(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Choose an entry as a person does from the keyboard: focus, type its first letters."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text)


def open_dialog(qtbot: QtBot, company: SmallCompany, record_id: str) -> SignDialog:
    dialog = SignDialog(None, company.services, company.services.records.get(record_id))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def sign_as(qtbot: QtBot, dialog: SignDialog, name: str) -> None:
    pick(qtbot, dialog.signer, name)
    draw_signature(dialog.pad)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.signed is not None, dialog.error.text()


def test_a_late_attendee_signs_without_the_others_signing_again(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """Presenter and attendee sign; the owner arrives late, is added to the list and signs."""
    record = talk(company, (company.worker.id,))
    sign_as(qtbot, open_dialog(qtbot, company, record.id), "Zo")  # Zoë presents
    sign_as(qtbot, open_dialog(qtbot, company, record.id), "Sam")
    first_two = company.services.records.get(record.id).current_signatures
    assert len(first_two) == 2

    late = open_dialog(qtbot, company, record.id)
    assert late.todo.text() == "Everyone listed on this record has signed."
    pick(qtbot, late.late, "Dana")
    qtbot.mouseClick(late.add_late_button, Qt.MouseButton.LeftButton)
    assert late.signer.currentData() == company.owner.id
    assert late.meaning.currentData() == SignatureMeaning.ATTENDED.value
    draw_signature(late.pad)
    qtbot.mouseClick(late.sign_button, Qt.MouseButton.LeftButton)

    stored = company.services.records.get(record.id)
    assert [s.signer_name for s in stored.current_signatures] == [
        "Zoë Tremblay",
        "Sam Okafor",
        "Dana Kowalski",
    ]
    assert stored.current_signatures[:2] == first_two


def test_a_talk_with_no_attendees_is_refused_before_signing(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """Pressing Sign... on a talk without attendees says what to add; no dialog opens."""
    record = talk(company, ())
    editor = RecordEditor(None, company.services, RecordKind.TOOLBOX_TALK, record.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.sign_button, Qt.MouseButton.LeftButton)
    assert "name at least one attendee before signing" in editor.registry.message_for(
        "body.attendee_ids"
    )
    assert company.services.records.get(record.id).signatures == ()


def test_a_worker_not_on_the_list_cannot_sign_as_attended(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """The owner, not an attendee, is offered only 'reviewed'; attendance is not theirs to sign."""
    record = talk(company, (company.worker.id,))
    dialog = open_dialog(qtbot, company, record.id)
    pick(qtbot, dialog.signer, "Dana")
    offered = [dialog.meaning.itemData(i) for i in range(dialog.meaning.count())]
    assert offered == [SignatureMeaning.REVIEWED.value]
    # Even if the choice were forced, the service refuses it and says why.
    dialog.meaning.addItem("Attended", SignatureMeaning.ATTENDED.value)
    dialog.meaning.setCurrentIndex(dialog.meaning.count() - 1)
    draw_signature(dialog.pad)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.signed is None
    assert "Dana Kowalski is not listed as attendee" in dialog.error.text()


def test_the_laptop_goes_round_in_one_dialog(qtbot: QtBot, company: SmallCompany) -> None:
    """After each signature the next person listed is offered; the last one closes the round."""
    record = talk(company, (company.worker.id,))
    dialog = open_dialog(qtbot, company, record.id)
    assert dialog.signer.currentData() == company.lead.id
    draw_signature(dialog.pad)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.pad.is_empty()
    assert dialog.done_label.text() == "Signed by Zoë Tremblay. Pass the laptop to Sam Okafor."
    assert dialog.signer.currentData() == company.worker.id
    assert dialog.meaning.currentData() == SignatureMeaning.ATTENDED.value
    draw_signature(dialog.pad)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SignDialog.DialogCode.Accepted
    assert len(company.services.records.get(record.id).current_signatures) == 2
