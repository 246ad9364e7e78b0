"""The incident editor's statistics fields, chosen and typed with the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import IncidentBody, IncidentClass
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.incident import IncidentForm
from tests.conftest import SmallCompany

pytestmark = pytest.mark.usefixtures("answers")


def test_classification_days_and_claim_are_saved(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """Lost time picked with the arrow keys, 4 days lost and a claim number typed: all stored."""
    editor = open_editor(RecordKind.INCIDENT)
    form = editor.form
    assert isinstance(form, IncidentForm)
    qtbot.keyClicks(editor.title, "Cut hand")
    form.description.setFocus()
    qtbot.keyClicks(form.description, "Cut on sheet metal")
    form.people.set_worker_ids((company.worker.id,))
    form.classification.setFocus()
    for _ in range(4):  # (not classified), first aid, medical aid, modified work, lost time
        QTest.keyClick(form.classification, Qt.Key.Key_Down)
    assert form.classification.currentData() == IncidentClass.LOST_TIME.value
    form.days_lost.setFocus()
    form.days_lost.selectAll()
    qtbot.keyClicks(form.days_lost, "4")
    qtbot.keyClicks(form.claim, "WCB-778812")
    editor.resize(1000, 740)
    qtbot.wait(50)
    editor.grab().save(str(tmp_path / "incident-editor.png"))
    QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    (saved,) = company.services.records.find(RecordKind.INCIDENT)
    assert isinstance(saved.body, IncidentBody)
    body = saved.body
    assert (body.classification, body.days_lost, body.days_modified) == (
        IncidentClass.LOST_TIME,
        4,
        0,
    )
    assert body.wcb_claim_number == "WCB-778812"


def test_an_old_incident_opens_unclassified(
    open_editor: Callable[..., RecordEditor], company: SmallCompany
) -> None:
    """An incident saved without a classification opens with '(not classified yet)'."""
    from datetime import date

    from secor_desktop.domain.bodies import IncidentType

    stored = company.services.records.create(
        RecordKind.INCIDENT,
        title="Old near miss",
        event_date=date(2026, 10, 1),
        site_id=None,
        body=IncidentBody(IncidentType.NEAR_MISS, "Ladder slid", ()),
    )
    editor = open_editor(RecordKind.INCIDENT, stored.id)
    form = editor.form
    assert isinstance(form, IncidentForm)
    assert form.classification.currentText() == "(not classified yet)"
    assert form.body() == stored.body  # unchanged: nothing to save
