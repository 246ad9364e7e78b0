"""A restore's closing check shows how far it has got in the Backups window."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.backups_dialog import BackupsDialog
from secor_desktop.services import integrity
from tests.conftest import SmallCompany


def test_the_restore_says_how_far_the_check_has_got(
    qtbot: QtBot, company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the restored records are checked the status reads a growing percentage."""
    company.inspection()
    made = company.services.backups.make()
    dialog = BackupsDialog(company.services.backups, InlineBackground())
    qtbot.addWidget(dialog)
    monkeypatch.setattr(integrity, "PROGRESS_EVERY", 2)
    shown: list[str] = []
    dialog.checking.told.connect(lambda _done, _total: shown.append(dialog.status.text()))
    dialog.restore(made.path)
    assert shown, "the check told the window nothing"
    assert all(text.startswith("Restoring… checking every record: ") for text in shown)
    assert shown[-1].endswith("100%")
    assert "Restored" in dialog.status.text() or "restored" in dialog.status.text()
