"""An inspection's checklist: every item answered on purpose, deficiencies marked and turned into
corrective actions the user is told about."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog

from secor_desktop.domain.bodies import ChecklistResult
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import notify
from secor_desktop.gui.editors import inspection as inspection_module
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.inspection import UNANSWERED, InspectionForm
from tests.conftest import SmallCompany

pytestmark = pytest.mark.usefixtures("answers")


def inspection(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> tuple[RecordEditor, InspectionForm]:
    """A new inspection with everything but the checklist answers filled in."""
    editor = open_editor(RecordKind.INSPECTION)
    form = editor.form
    assert isinstance(form, InspectionForm)
    editor.title.setText("Yard inspection")
    form.target.setText("Main yard")
    form.inspector.set_worker_id(company.lead.id)
    return editor, form


def results(form: InspectionForm) -> list[str]:
    combos = [form.checklist.table.cellWidget(r, 1) for r in range(form.checklist.table.rowCount())]
    return [c.currentText() for c in combos if isinstance(c, QComboBox)]


def test_every_item_starts_unanswered(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """A new inspection's standard list has no answer filled in for the user."""
    _editor, form = inspection(open_editor, company)
    shown = results(form)
    assert len(shown) >= 3 and set(shown) == {UNANSWERED}


def test_unanswered_items_are_refused_by_count_and_number(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """With items 2 and 4 unanswered, Save refuses and names how many and which."""
    editor, form = inspection(open_editor, company)
    rows = form.checklist.table.rowCount()
    for row in range(rows):
        if row not in (1, 3):
            form.checklist.set_result(row, ChecklistResult.OK)
    assert not editor.save()
    message = editor.registry.message_for("body.items")
    assert message == (
        f"2 of {rows} items have no answer yet (items 2 and 4): "
        "choose OK, Deficient or N/A for each."
    )
    assert company.services.records.find() == []


def test_once_every_item_is_answered_it_saves(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Answering every item (N/A counts as an answer) lets the inspection save."""
    editor, form = inspection(open_editor, company)
    for row in range(form.checklist.table.rowCount()):
        form.checklist.set_result(row, ChecklistResult.NA)
    assert editor.save()
    (record,) = company.services.records.find()
    assert record.title == "Yard inspection"


def test_a_deficient_row_is_tinted_and_marked_with_a_sign_and_a_word(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Deficient tints the row, puts a warning icon on the item and reads 'Deficient'."""
    _editor, form = inspection(open_editor, company)
    form.checklist.set_result(1, ChecklistResult.DEFICIENT)
    table = form.checklist.table
    item = table.item(1, 0)
    assert item is not None and not item.icon().isNull()
    assert item.background().color().name() == inspection_module.DEFICIENT_TINT.name()
    assert results(form)[1] == "Deficient"
    ok = table.item(0, 0)
    assert ok is not None and ok.icon().isNull()
    assert ok.background().style() == Qt.BrushStyle.NoBrush


def test_the_user_is_told_which_corrective_actions_were_created(
    open_editor: Callable[..., RecordEditor],
    company: SmallCompany,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After saving a deficiency, a message names the action, its owner and its due date."""
    monkeypatch.setattr(
        inspection_module.ActionOfferDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )
    editor, form = inspection(open_editor, company)
    for row in range(form.checklist.table.rowCount()):
        form.checklist.set_result(row, ChecklistResult.OK)
    form.checklist.set_result(1, ChecklistResult.DEFICIENT)
    assert editor.save()
    item = form.checklist.items()[1].text
    expected = (
        f"1 corrective action created: 'Fix: {item}' (owner: {company.lead.name}, due 2026-11-09)."
    )
    assert expected in editor.general_error.text()
    told = notify.current()
    assert isinstance(told, notify.RecordingNotifier)
    assert any(expected in text for text in told.texts("info"))


def test_declining_the_actions_says_none_was_created(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """'Not now' on the offer leaves a sentence saying no action was created."""
    editor, form = inspection(open_editor, company)
    for row in range(form.checklist.table.rowCount()):
        form.checklist.set_result(row, ChecklistResult.OK)
    form.checklist.set_result(0, ChecklistResult.DEFICIENT)
    assert editor.save()
    assert "No corrective action was created for the deficiency" in editor.general_error.text()
    assert company.services.actions.for_record(editor.record.id if editor.record else "") == []


def test_a_long_list_of_unanswered_items_names_the_first_few(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """With only item 1 answered, the message names items 2 to 6 and counts the rest."""
    editor, form = inspection(open_editor, company)
    rows = form.checklist.table.rowCount()
    form.checklist.set_result(0, ChecklistResult.OK)
    assert not editor.save()
    assert editor.registry.message_for("body.items") == (
        f"{rows - 1} of {rows} items have no answer yet (items 2, 3, 4, 5, 6 and {rows - 6} "
        "more): choose OK, Deficient or N/A for each."
    )


def test_an_untouched_checklist_says_none_is_answered(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """Saving without answering anything says none of the items has an answer."""
    editor, form = inspection(open_editor, company)
    rows = form.checklist.table.rowCount()
    assert not editor.save()
    assert editor.registry.message_for("body.items") == (
        f"None of the {rows} items has an answer yet: choose OK, Deficient or N/A for each."
    )
