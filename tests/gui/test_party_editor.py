"""The register entry editor, typed into with key events as a safety lead would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import (
    OrientationBody,
    PartyTicket,
    PartyType,
    WorkplacePartyBody,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.orientation import OrientationForm
from secor_desktop.gui.editors.parties import WorkplacePartyForm
from secor_desktop.gui.widgets.date_field import DateField
from tests.conftest import SmallCompany
from tests.gui.editor_helpers import type_text

PARTY = RecordKind("workplace_party")
SHOTS = Path("/tmp/parties-shots")


def type_date(qtbot: QtBot, field: DateField, text: str) -> None:
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Home)
    qtbot.keyClicks(field.line, text)


def form_of(editor: RecordEditor) -> WorkplacePartyForm:
    form = editor.form
    assert isinstance(form, WorkplacePartyForm)
    return form


def active(qtbot: QtBot, editor: RecordEditor) -> RecordEditor:
    """The editor as the window with the keyboard, as it is for a person."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def keys_into(widget: QWidget, text: str) -> None:
    """Put the keyboard in ``widget`` and type ``text`` where the focus lands."""
    widget.setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Home)
    type_text(focused(), text)


def test_an_entry_typed_with_keys_is_saved_with_its_papers_and_tickets(
    qtbot: QtBot, open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Name, letter, insurance, a ticket added with Enter, then Ctrl+S: all of it is stored."""
    editor = active(qtbot, open_editor(PARTY))
    editor.resize(1326, 708)
    form = form_of(editor)
    keys_into(editor.title, "Framing sub")
    keys_into(form.name, "Acme Framing Ltée")
    form.party_type.setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Down)
    keys_into(form.clearance_number, "C-2231")
    keys_into(form.clearance_issued, "2026-10-01")
    keys_into(form.clearance_expiry, "2026-12-31")
    keys_into(form.insurer, "Prairie Mutual")
    keys_into(form.insurance_expiry, "2027-06-30")
    keys_into(form.tickets.worker, "Jo Roy")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(focused(), "Fall protection")
    keys_into(form.tickets.expiry, "2027-01-15")
    form.tickets.ticket.setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert form.tickets.table.rowCount() == 1
    assert focused() is form.tickets.worker  # ready for the next ticket
    SHOTS.mkdir(exist_ok=True)
    form.tickets.ensurePolished()
    editor.form_scroll.ensureWidgetVisible(form.tickets)
    editor.grab().save(str(SHOTS / "party-editor.png"))
    QTest.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [record] = company.services.records.find(PARTY)
    assert record.title == "Framing sub"
    assert record.body == WorkplacePartyBody(
        name="Acme Framing Ltée",
        party_type=PartyType.SELF_EMPLOYED,
        clearance_number="C-2231",
        clearance_issued=date(2026, 10, 1),
        clearance_expiry=date(2026, 12, 31),
        insurer="Prairie Mutual",
        insurance_expiry=date(2027, 6, 30),
        tickets=(PartyTicket("Jo Roy", "Fall protection", None, date(2027, 1, 15)),),
    )


def test_an_expiry_before_its_issue_is_shown_under_it_and_nothing_is_saved(
    qtbot: QtBot, open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """The insurance expiry typed before its issue date is named under the field."""
    editor = open_editor(PARTY)
    form = form_of(editor)
    qtbot.keyClicks(editor.title, "Supplier")
    qtbot.keyClicks(form.name, "Bolt Supply")
    type_date(qtbot, form.insurance_issued, "2026-10-01")
    type_date(qtbot, form.insurance_expiry, "2026-09-01")
    assert not editor.save()
    assert company.services.records.find(PARTY) == []
    assert editor.registry.message_for("body.insurance_expiry") == (
        "Insurance expires: 2026-09-01 comes before the insurance policy was issued "
        "(2026-10-01); check both dates"
    )


def test_a_missing_name_is_named_and_nothing_is_saved(
    qtbot: QtBot, open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """The party's name is required."""
    editor = open_editor(PARTY)
    qtbot.keyClicks(editor.title, "Someone")
    assert not editor.save()
    assert company.services.records.find(PARTY) == []
    assert editor.registry.message_for("body.name") == "Party name is required"


def test_a_ticket_typed_but_not_added_stops_the_save(
    qtbot: QtBot, open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """A line left below the list would be lost: the editor says to add it first."""
    editor = open_editor(PARTY)
    form = form_of(editor)
    qtbot.keyClicks(editor.title, "Electrician")
    qtbot.keyClicks(form.name, "Solo Electric")
    qtbot.keyClicks(form.tickets.worker, "Li Chen")
    assert not editor.save()
    assert company.services.records.find(PARTY) == []
    assert "Press Add ticket" in editor.registry.message_for("body.tickets")


def test_an_entry_loads_back_for_amending(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Opening a saved entry shows its fields, its tickets and its headcount choice."""
    body = WorkplacePartyBody(
        "Acme Framing",
        PartyType.SUPPLIER,
        clearance_expiry=date(2027, 1, 1),
        counts_toward_headcount=False,
        tickets=(PartyTicket("Jo Roy", "WHMIS", date(2026, 1, 1), date(2029, 1, 1)),),
    )
    saved = company.services.records.create(
        PARTY, title="Acme", event_date=date(2026, 11, 1), site_id=None, body=body
    )
    editor = open_editor(PARTY, saved.id)
    form = form_of(editor)
    assert form.body() == body
    assert form.tickets.table.item(0, 2).text() == "2026-01-01"


def test_an_orientation_names_the_party_its_worker_came_with(
    qtbot: QtBot, open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Typed into the orientation's party field, the name is saved on its body."""
    editor = active(qtbot, open_editor(RecordKind.ORIENTATION))
    form = editor.form
    assert isinstance(form, OrientationForm)
    form.worker.set_worker_id(company.worker.id)
    form.orienter.set_worker_id(company.lead.id)
    keys_into(editor.title, "Framers' site orientation")
    keys_into(form.party, "Acme Framing")
    assert editor.save()
    [record] = company.services.records.find(RecordKind.ORIENTATION)
    assert isinstance(record.body, OrientationBody) and record.body.party == "Acme Framing"
