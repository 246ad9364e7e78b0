"""The signature pad and the signing dialog, drawn on with simulated mouse and pen input."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.gui.widgets.signature_pad import (
    EXPORT_HEIGHT,
    EXPORT_WIDTH,
    SignaturePad,
    SignDialog,
    default_meaning,
)
from tests.conftest import SmallCompany
from tests.gui.editor_helpers import draw_signature


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(600, 200)
    widget.show()
    return widget


@pytest.fixture
def dialog(qtbot: QtBot, company: SmallCompany) -> SignDialog:
    record = company.inspection()
    widget = SignDialog(None, company.services, record)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_new_pad_is_empty(pad: SignaturePad) -> None:
    """Nothing drawn yet means nothing to sign with."""
    assert pad.is_empty()


def test_drawing_with_the_mouse_leaves_a_stroke(pad: SignaturePad) -> None:
    """Press, move and release draws a stroke on the pad."""
    draw_signature(pad)
    assert not pad.is_empty()


def test_clear_removes_the_drawing(pad: SignaturePad) -> None:
    """Clear empties the pad so the signer can redo it."""
    draw_signature(pad)
    pad.clear()
    assert pad.is_empty()


def test_the_export_is_a_png_of_dark_ink_on_white(pad: SignaturePad) -> None:
    """The PNG is 600x200, white in the corner, with dark ink where the stroke went."""
    draw_signature(pad)
    data = pad.png()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data)).convert("L")
    assert image.size == (EXPORT_WIDTH, EXPORT_HEIGHT)
    assert image.getpixel((0, 0)) == 255
    assert image.getextrema()[0] < 100


def test_a_pen_draws_through_tablet_events(pad: SignaturePad) -> None:
    """Stylus press, move and release (tablet events) draw like the mouse does."""
    device = QPointingDevice.primaryPointingDevice()
    for kind, x in (
        (QTabletEvent.Type.TabletPress, 20),
        (QTabletEvent.Type.TabletMove, 80),
        (QTabletEvent.Type.TabletMove, 140),
        (QTabletEvent.Type.TabletRelease, 160),
    ):
        point = QPointF(x, 60)
        event = QTabletEvent(
            kind,
            device,
            point,
            pad.mapToGlobal(point),
            0.5,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad, event)
    assert not pad.is_empty()


@pytest.mark.parametrize(
    ("kind", "meaning"),
    [
        (RecordKind.TOOLBOX_TALK, SignatureMeaning.ATTENDED),
        (RecordKind.DRILL, SignatureMeaning.ATTENDED),
        (RecordKind.DOCUMENT, SignatureMeaning.ACKNOWLEDGED),
        (RecordKind.INSPECTION, SignatureMeaning.PERFORMED),
    ],
)
def test_the_default_meaning_fits_the_kind(kind: RecordKind, meaning: SignatureMeaning) -> None:
    """Talks and drills are attended, documents acknowledged, the rest performed."""
    assert default_meaning(kind) is meaning


def test_signing_records_the_signer_meaning_and_image(
    dialog: SignDialog, company: SmallCompany
) -> None:
    """Picking a name, drawing and pressing Sign stores the signature on the record."""
    dialog.select_signer(company.lead.id)
    draw_signature(dialog.pad)
    dialog.sign_button.click()
    assert dialog.signed is not None
    record = company.services.records.get(dialog.record.id)
    assert record.status is RecordStatus.SIGNED
    (signature,) = record.signatures
    assert (signature.signer_name, signature.meaning) == (
        "Zoë Tremblay",
        SignatureMeaning.PERFORMED,
    )
    assert company.services.records.blob(signature.image_sha256).startswith(b"\x89PNG")


def test_signing_without_drawing_is_refused(dialog: SignDialog, company: SmallCompany) -> None:
    """An empty pad asks the signer to draw first and signs nothing."""
    dialog.select_signer(company.lead.id)
    dialog.sign_button.click()
    assert dialog.signed is None
    assert dialog.error.text() == "Draw your signature in the box first."
    assert company.services.records.get(dialog.record.id).signatures == ()


def test_signing_without_a_name_is_refused(dialog: SignDialog, company: SmallCompany) -> None:
    """No signer picked: the dialog asks for a name and signs nothing."""
    assert dialog.signer.currentData() == company.lead.id  # the inspector is offered first
    dialog.signer.setFocus()
    QTest.keyClick(dialog.signer, Qt.Key.Key_Home)  # back to "Choose your name..."
    draw_signature(dialog.pad)
    dialog.sign_button.click()
    assert dialog.signed is None
    assert dialog.error.text() == "Pick your name from the list first."


def test_the_same_signer_cannot_sign_twice_with_the_same_meaning(
    dialog: SignDialog, company: SmallCompany, qtbot: QtBot
) -> None:
    """A second identical signature is refused with the service's words."""
    dialog.select_signer(company.lead.id)
    draw_signature(dialog.pad)
    dialog.sign_button.click()
    again = SignDialog(None, company.services, company.services.records.get(dialog.record.id))
    qtbot.addWidget(again)
    again.show()
    again.select_signer(company.lead.id)
    draw_signature(again.pad)
    again.sign_button.click()
    assert again.signed is None
    assert "already signed" in again.error.text()


def test_only_active_workers_are_offered_as_signers(dialog: SignDialog) -> None:
    """Who is still to sign comes first, in their role; then the roster's other active workers."""
    names = [dialog.signer.itemText(i) for i in range(dialog.signer.count())]
    assert names == [
        "Choose your name...",
        "Zoë Tremblay (inspector)",
        "Dana Kowalski (Owner)",
        "Sam Okafor (Roofer)",
    ]
    assert dialog.todo.text() == "Still to sign: Zoë Tremblay (inspector)."[:-1]


def test_the_drawing_point_is_under_the_pointer(pad: SignaturePad) -> None:
    """A stroke drawn across the middle shows ink in the middle of the export."""

    QTest.mousePress(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(250, 100)
    )
    QTest.mouseMove(pad, QPoint(350, 100))
    QTest.mouseRelease(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(350, 100)
    )
    image = Image.open(io.BytesIO(pad.png())).convert("L")
    assert image.getpixel((300, 100)) < 128


def test_the_next_crew_member_is_offered_first(qtbot: QtBot, company: SmallCompany) -> None:
    """For a toolbox talk, the first attendee who has not signed is already picked."""
    record = company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Ladders",
        event_date=company.services.ctx.clock.today(),
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders", company.lead.id, (company.worker.id, company.owner.id)),
    )
    dialog = SignDialog(None, company.services, record)
    qtbot.addWidget(dialog)
    assert dialog.signer.currentData() == company.lead.id  # the presenter signs first
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=dialog.pad.png(),
    )
    after = SignDialog(None, company.services, company.services.records.get(record.id))
    qtbot.addWidget(after)
    assert after.signer.currentData() == company.worker.id
