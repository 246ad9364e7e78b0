"""The "Your path to the audit" page: four steps from the data, each button opening its fix."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.audit_path import StepState
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.background import Background, InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages.audit_path import PAGE_TITLE, AuditPathPage
from secor_desktop.gui.pages.settings import SettingsPage
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.demo import build_demo
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany

NOW = datetime(2026, 11, 2, 17, tzinfo=UTC)


@pytest.fixture
def window(qtbot: QtBot, company: SmallCompany, tmp_path: Path) -> MainWindow:
    window = MainWindow(
        company.services,
        InlineBackground(),
        QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Services:
    services = open_services(AppPaths(tmp_path_factory.mktemp("demo") / "d"), FixedClock(NOW))
    build_demo(services, seed=1)
    return services


def states(page: AuditPathPage) -> list[StepState]:
    return [box.step.state for box in page.boxes]


def test_new_company_has_every_step_to_do(window: MainWindow) -> None:
    """No partner, no auditor training, no signed documents, no audit date: four to-dos."""
    page = window.show_path()
    assert states(page) == [StepState.TO_DO] * 4
    assert [box.state.text() for box in page.boxes] == ["To do"] * 4
    assert "You are on step 1: choose a certifying partner." in page.intro.text()


def test_demo_company_has_partner_and_training_done(qtbot: QtBot, demo: Services) -> None:
    """The demo has its partner and an internal auditor on record; its program is short a
    document and its audit is planned."""
    page = AuditPathPage(demo, InlineBackground())
    qtbot.addWidget(page)
    assert states(page) == [
        StepState.DONE,
        StepState.DONE,
        StepState.TO_DO,
        StepState.IN_PROGRESS,
    ]
    assert page.boxes[1].button is None  # nothing left to do for a step that is done
    assert page.boxes[2].button is not None
    assert page.boxes[2].button.text() == "Write the training needs and plan…"


def test_partner_button_opens_settings(qtbot: QtBot, window: MainWindow) -> None:
    """Step 1's button (the current step's) shows Settings, the partner field ready to type."""
    page = window.show_path()
    button = page.boxes[0].button
    assert (button is not None and button.hasFocus()) or QApplication.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert window.page_titles()[window.sidebar.currentRow()] == "Settings"
    settings = window.current_page()
    assert isinstance(settings, SettingsPage)
    assert settings.focusWidget() is settings.partner  # ready to type the partner's name


def test_audit_button_opens_the_audit_cycle(qtbot: QtBot, window: MainWindow) -> None:
    """Step 4's button shows the Audit cycle page."""
    page = window.show_path()
    button = page.boxes[3].button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.page_titles()[window.sidebar.currentRow()] == "Audit cycle"


def opened_editors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[RecordKind, str, object]]:
    """Editors a click opens (kind, title, body), closed at once instead of shown modally."""
    seen: list[tuple[RecordKind, str, object]] = []

    def fake_exec(self: RecordEditor) -> int:
        seen.append((self.kind, self.title.text(), self.form.body()))
        return 0

    monkeypatch.setattr(RecordEditor, "exec", fake_exec)
    return seen


def test_training_button_opens_internal_auditor_training(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step 2's button opens a new training record with the internal auditor course filled in."""
    seen = opened_editors(monkeypatch)
    page = window.show_path()
    button = page.boxes[1].button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    ((kind, title, body),) = seen
    assert kind is RecordKind.TRAINING and title == "Internal auditor training"
    assert body.course == "Internal auditor training"


def test_program_button_opens_the_first_missing_document(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step 3's button is the dashboard's fix for the first missing document: the policy."""
    seen = opened_editors(monkeypatch)
    page = window.show_path()
    button = page.boxes[2].button
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    ((kind, title, _body),) = seen
    assert kind is RecordKind.DOCUMENT and title == "Health and safety policy statement"


def test_a_draft_auditor_training_is_under_way(
    qtbot: QtBot, window: MainWindow, company: SmallCompany
) -> None:
    """An unsigned internal auditor training record: step 2 is under way, its button opens it."""
    from datetime import date

    from secor_desktop.domain.bodies import TrainingBody

    company.services.records.create(
        RecordKind.TRAINING,
        title="Internal auditor training — Zoë Tremblay",
        event_date=date(2026, 10, 1),
        site_id=None,
        body=TrainingBody(company.lead.id, "Internal auditor training", "ACSA"),
    )
    page = window.show_path()
    assert states(page)[1] is StepState.IN_PROGRESS
    assert page.boxes[1].button is not None
    assert page.boxes[1].button.text() == "Open the training record to sign it…"


def test_wizard_lands_on_the_path_page(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_gui: after a first-run setup, the main window opens on the path page."""
    from PySide6.QtWidgets import QDialog

    from secor_desktop.domain.kinds import Province
    from secor_desktop.domain.model import Company
    from secor_desktop.gui import application, first_run

    class SetUpWizard:
        outcome = "setup"

        def __init__(self, services: Services, *, tasks: Background) -> None:
            self.services = services

        def exec(self) -> int:
            self.services.company.save(Company(name="Prairie Roofing Ltd", province=Province.AB))
            return int(QDialog.DialogCode.Accepted)

        def deleteLater(self) -> None:
            pass

    shown: list[str] = []

    def run_loop() -> int:
        def on_path() -> bool:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
            return (
                bool(windows)
                and windows[0].page_titles()[windows[0].sidebar.currentRow()] == PAGE_TITLE
            )

        qtbot.waitUntil(on_path, timeout=3000)
        shown.append(PAGE_TITLE)
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        # No reminder banner over a company set up a minute ago: the path says what to do.
        assert not window.banner.isVisibleTo(window)
        for widget in QApplication.topLevelWidgets():
            widget.close()
        return 0

    # The application imports the wizard when it needs it (not at start): patch it at home.
    monkeypatch.setattr(first_run, "FirstRunWizard", SetUpWizard)
    app = application.make_app()
    monkeypatch.setattr(app, "exec", run_loop)
    assert application.run_gui(services) == 0
    assert shown == [PAGE_TITLE]


def test_import_button_offers_the_spreadsheet_import(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Import from a spreadsheet…" on the path page asks for the file to bring in."""
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda _parent, title, *_a: (asked.append(title), ("", ""))[1]),
    )
    page = window.show_path()
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert asked == ["Import from a spreadsheet"]
