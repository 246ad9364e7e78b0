"""A new user's first session, start to finish, through the real window and services.

The one journey test of the suite: set up the company in the first-run wizard, log one record
of every kind from its list page with a photo and every signature it needs, then restart the
app on the same data folder and find everything signed, locked and intact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWizard
from pytestqt.qtbot import QtBot

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ChecklistResult
from secor_desktop.domain.completeness import missing_for
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind, RecordStatus
from secor_desktop.domain.model import Record
from secor_desktop.domain.record_kinds.hours import HOURS
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.incident import IncidentForm
from secor_desktop.gui.editors.inspection import ActionOfferDialog, InspectionForm
from secor_desktop.gui.first_run import FirstRunWizard
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.models.records_model import COL_STATUS
from secor_desktop.gui.notify import RecordingNotifier
from secor_desktop.gui.pages.record_list import RecordListPage
from secor_desktop.gui.widgets.signature_pad import SignDialog
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany
from tests.gui.editor_helpers import draw_signature, fill
from tests.gui.keys import type_text

COMPANY_NAME = "Toitures Côté & Frères ltée"

# Who signs each kind so that it counts as audit evidence (the crew of an FLHA, the attendees
# of a talk, both people of an orientation, ...), by their role in the small company.
SIGNERS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.HAZARD_ASSESSMENT: ("lead",),
    RecordKind.FLHA: ("lead", "worker"),
    RecordKind.INSPECTION: ("lead",),
    RecordKind.TOOLBOX_TALK: ("lead", "worker", "owner"),  # the presenter signs too
    RecordKind.TRAINING: ("worker",),
    RecordKind.ORIENTATION: ("worker", "lead"),
    RecordKind.INCIDENT: ("lead",),
    RecordKind.EMERGENCY_PLAN: ("owner",),
    RecordKind.DRILL: ("lead", "worker"),
    RecordKind.DOCUMENT: ("owner",),
    RecordKind.FIRST_AID: ("lead",),
    RecordKind.ADMIN: ("owner",),
    RecordKind("workplace_party"): ("owner",),  # the owner reviews the register entry
}
SIGNERS[HOURS] = ("owner",)  # whoever vouches for the payroll figure
PHOTO_KINDS = {RecordKind.INCIDENT, RecordKind.INSPECTION}


def jpeg_file(tmp_path: Path) -> Path:
    """A small photo as a phone would save it: a JPEG with some detail in it."""
    image = Image.new("RGB", (320, 240), (90, 130, 170))
    for x in range(0, 320, 8):
        for y in range(120, 240):
            image.putpixel((x, y), (160, 110, 60))
    path = tmp_path / "roof-edge.jpg"
    image.save(path, "JPEG", quality=85)
    return path


def set_up_company(qtbot: QtBot, services: Services) -> SmallCompany:
    """Walk the first-run wizard as a new user: company, program defaults, site, workers."""
    wizard = FirstRunWizard(services, tasks=InlineBackground())
    qtbot.addWidget(wizard)
    with qtbot.waitExposed(wizard):
        wizard.show()
    company = wizard.company_page
    company.name.setFocus()
    type_text(company.name, COMPANY_NAME)
    company.province.setCurrentIndex(company.province.findData(Province.AB))
    company.wcb_account.setText("8841207")
    type_text(company.partner, "Alberta Construction Safety Association")
    wizard.next()
    assert wizard.currentPage() is wizard.program_page
    wizard.next()
    type_text(wizard.site_page.name, "Chantier Saint-Albert")
    wizard.site_page.address.setText("12 Perron St, St. Albert AB")
    wizard.next()
    workers = wizard.workers_page
    workers.cell(0, 0).setFocus()
    type_text(workers.cell(0, 0), "Élise Côté")
    workers.cell(0, 1).setText("Owner")
    workers.cell(0, 2).setCurrentIndex(workers.cell(0, 2).findData(EmploymentType.OWNER_OPERATOR))
    workers.cell(0, 3).setDate(QDate(2015, 4, 1))
    lead = workers.add_row("Zoë Tremblay", "Safety lead", EmploymentType.FULL_TIME)
    workers.cell(lead, 3).setDate(QDate(2021, 3, 1))
    crew = workers.add_row("Sam Okafor", "Roofer", EmploymentType.SEASONAL)
    workers.cell(crew, 3).setDate(QDate(2026, 4, 1))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    team = {w.name: w for w in services.roster.workers()}
    (site,) = services.roster.sites()
    return SmallCompany(
        services, team["Élise Côté"], team["Zoë Tremblay"], team["Sam Okafor"], site
    )


class Journey:
    """Stands in for the person at the keyboard whenever a dialog runs modally."""

    def __init__(self, photo: Path) -> None:
        self.team: SmallCompany | None = None  # known once the wizard has set it up
        self.photo = photo
        self.signers: list[str] = []
        self.saved: dict[RecordKind, Record] = {}
        self.opened: list[dict[str, Any]] = []

    def log_record(self, editor: RecordEditor) -> int:
        """Fill the editor, attach a photo, save, and pass the laptop to each signer."""
        assert self.team is not None
        editor.show()
        kind = editor.kind
        fill(editor, self.team, title=f"Premier dossier : {kind.label.lower()}")
        form = editor.form
        if isinstance(form, IncidentForm):
            form.root.setPlainText("Shingle bundles stacked on a slope without a cleat.")
        if isinstance(form, InspectionForm):
            form.checklist.set_result(1, ChecklistResult.DEFICIENT)
        if kind in PHOTO_KINDS:
            editor.photos.add_button.click()  # the file dialog answers with the photo
            assert editor.photos.list.count() == 1
        editor.save_button.click()
        assert editor.record is not None, editor.general_error.text()
        people = {"owner": self.team.owner, "lead": self.team.lead, "worker": self.team.worker}
        for role in SIGNERS[kind]:
            self.signers.append(people[role].id)
            editor.sign_button.click()
        assert editor.record.status is RecordStatus.SIGNED
        self.saved[kind] = editor.record
        editor.close_button.click()
        return int(editor.result())

    def look_at_record(self, editor: RecordEditor) -> int:
        """After the restart: note how the opened record presents itself, then close it."""
        editor.show()
        self.opened.append(
            {
                "read_only": editor.title.isReadOnly(),
                "can_save": editor.save_button.isEnabled(),
                "can_amend": editor.amend_button.isVisible(),
                "banner": editor.banner_text.text() if editor.banner.isVisible() else "",
            }
        )
        editor.close_button.click()
        return int(editor.result())

    def sign(self, dialog: SignDialog) -> int:
        dialog.show()
        dialog.select_signer(self.signers.pop(0))
        draw_signature(dialog.pad)
        dialog.sign_button.click()
        return int(dialog.result())


@pytest.fixture
def journey(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Journey:
    """Modal dialogs are driven by the journey instead of blocking in exec()."""
    photo = jpeg_file(tmp_path)
    trip = Journey(photo)
    monkeypatch.setattr(RecordEditor, "exec", lambda self: trip.log_record(self))
    monkeypatch.setattr(SignDialog, "exec", lambda self: trip.sign(self))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *_a: ([str(photo)], ""))
    )

    def raise_actions(dialog: ActionOfferDialog) -> int:
        dialog.show()
        box = dialog.findChild(QDialogButtonBox)
        (raise_button,) = [b for b in box.buttons() if b.text() == "Raise actions"]
        raise_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ActionOfferDialog, "exec", raise_actions)
    return trip


def open_window(qtbot: QtBot, services: Services, settings_file: Path) -> MainWindow:
    window = MainWindow(
        services, InlineBackground(), QSettings(str(settings_file), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def test_a_new_user_logs_every_kind_and_finds_it_signed_after_a_restart(
    qtbot: QtBot,
    tmp_path: Path,
    clock: FixedClock,
    journey: Journey,
    monkeypatch: pytest.MonkeyPatch,
    messages: RecordingNotifier,
) -> None:
    """Set up, log and sign one record of each kind with photos, restart: all signed, locked."""
    paths = AppPaths(tmp_path / "secor-data")
    settings_file = tmp_path / "window.ini"
    services = open_services(paths, clock)
    assert services.company.get() is None  # a fresh start: the app shows the wizard
    journey.team = set_up_company(qtbot, services)
    assert any("set up with 3 workers and 1 site" in t for t in messages.texts("info"))

    window = open_window(qtbot, services, settings_file)
    for kind in RecordKind:
        window.sidebar.setCurrentRow(window.page_titles().index(kind.label))
        assert isinstance(window.current_page(), RecordListPage)
        window.new_action.trigger()
        assert kind in journey.saved, f"nothing saved for {kind.label}"
    names = {w.id: w.name for w in services.roster.workers()}
    stored = {k: services.records.get(r.id) for k, r in journey.saved.items()}
    assert {k: missing_for(r, names) for k, r in stored.items()} == {k: () for k in RecordKind}
    assert [a.filename for a in stored[RecordKind.INCIDENT].attachments] == ["roof-edge.jpg"]
    assert len(services.actions.for_record(stored[RecordKind.INSPECTION].id)) == 1
    window.close()

    restarted = open_services(paths, clock)  # what the next start of the app opens
    assert restarted.company.get() is not None  # no wizard this time
    monkeypatch.setattr(RecordEditor, "exec", lambda self: journey.look_at_record(self))
    window = open_window(qtbot, restarted, settings_file)
    shown: dict[RecordKind, tuple[str, RecordStatus, str]] = {}
    for kind in RecordKind:
        page = window.select_page(kind.label)
        assert isinstance(page, RecordListPage)
        record = page.model.record_at(0)
        assert record is not None and page.model.rowCount() == 1
        status_text = page.model.index(0, COL_STATUS).data()
        shown[kind] = (record.title, record.status, status_text)
    assert shown == {
        k: (f"Premier dossier : {k.label.lower()}", RecordStatus.SIGNED, "✔ Signed")
        for k in RecordKind
    }

    page = window.select_page(RecordKind.FLHA.label)
    assert isinstance(page, RecordListPage)
    cell = page.table.visualRect(page.model.index(0, 1)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # opens it, as a double-click would
    (opened,) = journey.opened
    assert opened["read_only"] and not opened["can_save"] and opened["can_amend"]
    assert opened["banner"].startswith("Signed by Zoë Tremblay (performed), Sam Okafor")
    assert restarted.verify().ok
    assert restarted.info().company_name == COMPANY_NAME
