"""The first-run wizard, driven offscreen on real services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import EmploymentType, Frequency, Province, RecordKind
from secor_desktop.domain.model import Company
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.first_run import FirstRunWizard
from secor_desktop.gui.notify import RecordingNotifier
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany
from tests.gui.keys import type_text


def make_wizard(qtbot: QtBot, services: Services, **kwargs: object) -> FirstRunWizard:
    wizard = FirstRunWizard(services, tasks=InlineBackground(), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    with qtbot.waitExposed(wizard):
        wizard.show()
    return wizard


def fill_company(wizard: FirstRunWizard, name: str = "Prairie Roofing Ltd.") -> None:
    page = wizard.company_page
    page.name.setText(name)
    page.province.setCurrentIndex(page.province.findData(Province.SK))
    page.wcb_account.setText("7741902")
    page.partner.setText("Saskatchewan Construction Safety Association")


def test_pack_chosen_by_keys_shows_its_source(qtbot: QtBot, services: Services) -> None:
    """Typing in the framework list picks Alberta's 10 elements and says where they come from."""
    wizard = make_wizard(qtbot, services)
    page = wizard.company_page
    assert page.framework.currentData() == "secor-9-element"
    assert "seed article" in page.pack_source.text()
    page.framework.setFocus()
    qtbot.keyClicks(page.framework, "Alberta")
    assert page.framework.currentData() == "alberta-2019-10-element"
    assert page.pack_source.text().startswith("10 elements")
    assert "the project's own" not in page.pack_source.text()
    assert "this program's own self-check" in page.pack_source.text()
    assert page.company().framework_id == "alberta-2019-10-element"


def test_company_name_is_required_and_shown_by_the_field(qtbot: QtBot, services: Services) -> None:
    """Next with no name stays on the page and says so under the name field."""
    wizard = make_wizard(qtbot, services)
    wizard.next()
    assert wizard.currentPage() is wizard.company_page
    assert wizard.company_page.errors.message_for("name") == "⚠ Company name is required"


def test_french_company_name_typed_by_keys(qtbot: QtBot, services: Services) -> None:
    """Typing « Toitures Côté & fils » with key events keeps every character."""
    wizard = make_wizard(qtbot, services)
    field = wizard.company_page.name
    field.setFocus()
    type_text(field, "« Toitures Côté & fils », façades")
    assert field.text() == "« Toitures Côté & fils », façades"


def test_full_setup_saves_company_site_and_workers(qtbot: QtBot, services: Services) -> None:
    """Walking through every page saves the company, its first site and its workers."""
    wizard = make_wizard(qtbot, services)
    fill_company(wizard, "Toitures Côté ltée")
    wizard.next()
    program = wizard.program_page
    flha = program.frequencies[RecordKind.FLHA]
    flha.setCurrentIndex(flha.findData(Frequency.WEEKLY))
    program.audit_planned.setChecked(True)
    program.audit_date.setDate(QDate(2027, 3, 15))
    wizard.next()
    wizard.site_page.name.setText("Main yard")
    wizard.site_page.address.setText("12 Industrial Rd, Regina SK")
    wizard.next()
    workers = wizard.workers_page
    workers.cell(0, 0).setText("Dana Kowalski")
    workers.cell(0, 1).setText("Owner")
    workers.cell(0, 2).setCurrentIndex(workers.cell(0, 2).findData(EmploymentType.OWNER_OPERATOR))
    workers.cell(0, 3).setDate(QDate(2015, 4, 1))
    row = workers.add_row("Zoë Tremblay", "Safety lead", EmploymentType.FULL_TIME)
    workers.cell(row, 3).setDate(QDate(2021, 3, 1))
    wizard.accept()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.outcome == "setup"
    company = services.company.get()
    assert company is not None
    assert (company.name, company.province) == ("Toitures Côté ltée", Province.SK)
    assert company.frequencies[RecordKind.FLHA] is Frequency.WEEKLY
    assert company.planned_audit_date == date(2027, 3, 15)
    assert [s.name for s in services.roster.sites()] == ["Main yard"]
    team = {w.name: w for w in services.roster.workers()}
    assert team["Dana Kowalski"].is_owner
    assert team["Zoë Tremblay"].start_date == date(2021, 3, 1)


def test_default_frequencies_are_offered(qtbot: QtBot, services: Services) -> None:
    """Without changes the declared frequencies are the program defaults."""
    wizard = make_wizard(qtbot, services)
    chosen = wizard.program_page.chosen_frequencies()
    assert chosen[RecordKind.FLHA] is Frequency.DAILY
    assert chosen[RecordKind.INSPECTION] is Frequency.WEEKLY


def test_duplicate_worker_names_are_caught_on_the_page(qtbot: QtBot, services: Services) -> None:
    """Two workers with one name stop the workers page with a message beside the table."""
    wizard = make_wizard(qtbot, services)
    page = wizard.workers_page
    page.cell(0, 0).setText("Sam Okafor")
    page.cell(0, 1).setText("Roofer")
    page.add_row("sam okafor", "Labourer")
    assert not page.validatePage()
    assert "appears twice" in page.errors.message_for("workers")


def test_service_refusal_is_shown_under_the_field(qtbot: QtBot, services: Services) -> None:
    """A problem the services report goes back to its page and shows under its field."""
    wizard = make_wizard(qtbot, services)
    fill_company(wizard)
    for _ in range(3):
        wizard.next()
    wizard.company_page.name.setText("")  # changed behind the page's own check
    wizard.accept()
    assert wizard.currentPage() is wizard.company_page
    assert wizard.company_page.errors.message_for("name") == "⚠ Company name is required"
    assert services.company.get() is None


def test_demo_button_builds_the_demo_and_accepts(qtbot: QtBot, services: Services) -> None:
    """'Open the demo company' runs the builder and closes the wizard as accepted."""
    built: list[Services] = []

    def quick_demo(s: Services) -> None:
        built.append(s)
        s.company.save(Company(name="Aspen Ridge Builders Ltd.", province=Province.AB))

    wizard = make_wizard(qtbot, services, demo_builder=quick_demo)
    wizard.company_page.demo_button.click()
    assert built == [services]
    assert wizard.outcome == "demo"
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_demo_refused_in_a_folder_with_data(
    qtbot: QtBot, company: SmallCompany, messages: RecordingNotifier
) -> None:
    """A data folder that already holds entries is never filled with the demo."""
    built: list[Services] = []
    wizard = make_wizard(qtbot, company.services, demo_builder=built.append)
    wizard.company_page.demo_button.click()
    assert built == []
    assert any("already has data" in t for t in messages.texts("warning"))


def test_every_input_has_an_accessible_name(qtbot: QtBot, services: Services) -> None:
    """Each field of every page, worker cells included, has an accessible name."""
    wizard = make_wizard(qtbot, services)
    wizard.workers_page.add_row()
    inputs = [
        w
        for cls in (QLineEdit, QComboBox, QDateEdit, QPushButton)
        for page in (wizard.company_page, wizard.program_page, wizard.site_page)
        for w in page.findChildren(cls)
        if not isinstance(w.parent(), QComboBox | QDateEdit)
    ]
    inputs += [
        w
        for cls in (QLineEdit, QComboBox, QDateEdit, QPushButton)
        for w in wizard.workers_page.findChildren(cls)
        if not isinstance(w.parent(), QComboBox | QDateEdit)
    ]
    assert inputs
    assert [w for w in inputs if not w.accessibleName()] == []


def test_wizard_pages_render(qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    """Each page paints to a PNG at the wizard's size."""
    wizard = make_wizard(qtbot, services)
    fill_company(wizard)
    for n in range(4):
        assert wizard.grab().save(str(tmp_path / f"wizard-{n}.png"))
        wizard.next()
    assert wizard.currentPage() is wizard.workers_page


def test_a_full_time_owner_can_be_ticked_as_owner(qtbot: QtBot, services: Services) -> None:
    """The Owner box marks the owner whatever their employment type; others are not owners."""
    wizard = make_wizard(qtbot, services)
    page = wizard.workers_page
    page.cell(0, 0).setText("Dana Kowalski")
    page.cell(0, 1).setText("Owner and roofer")
    page.cell(0, 4).setChecked(True)
    page.add_row("Sam Okafor", "Roofer")
    owners = {w.name: w.is_owner for w in page.workers()}
    assert owners == {"Dana Kowalski": True, "Sam Okafor": False}


def test_choosing_owner_operator_ticks_the_owner_box(qtbot: QtBot, services: Services) -> None:
    """Picking the owner-operator employment type ticks Owner for you."""
    wizard = make_wizard(qtbot, services)
    kind = wizard.workers_page.cell(0, 2)
    kind.setCurrentIndex(kind.findData(EmploymentType.OWNER_OPERATOR))
    assert wizard.workers_page.cell(0, 4).isChecked()


def test_a_workers_start_date_starts_empty(qtbot: QtBot, services: Services) -> None:
    """No worker's start date is filled in for the user (not today, not anything)."""
    wizard = make_wizard(qtbot, services)
    page = wizard.workers_page
    page.add_row("Sam Okafor", "Roofer")
    dates = [page.cell(row, 3) for row in range(page.table.rowCount())]
    assert [d.text() for d in dates] == ["--", "--"]  # the empty year-month-day mask
    assert all(d.value() is None for d in dates)
    assert "(required)" in dates[0].line.accessibleName()


def test_a_worker_without_a_start_date_is_refused_and_nothing_saved(
    qtbot: QtBot, services: Services
) -> None:
    """Finishing with a worker's start date empty names the worker and saves nothing."""
    wizard = make_wizard(qtbot, services)
    fill_company(wizard)
    for _ in range(3):
        wizard.next()
    page = wizard.workers_page
    type_text(page.cell(0, 0), "Sam Okafor")
    type_text(page.cell(0, 1), "Roofer")
    wizard.accept()
    assert wizard.result() != QWizard.DialogCode.Accepted
    assert page.errors.message_for("workers").startswith("⚠ Sam Okafor: The start date is required")
    assert services.company.get() is None


def finish_with_one_worker(wizard: FirstRunWizard) -> None:
    """From the company page on to Finish, typing one roofer started 2015-04-01 with keys."""
    for _ in range(3):
        wizard.next()
    page = wizard.workers_page
    type_text(page.cell(0, 0), "Sam Okafor")
    type_text(page.cell(0, 1), "Roofer")
    start = page.cell(0, 3)
    start.line.setFocus()
    start.line.setCursorPosition(0)
    QTest.keyClicks(start.line, "2015-04-01")
    wizard.accept()


def test_a_start_date_typed_with_keys_is_saved(qtbot: QtBot, services: Services) -> None:
    """2015-04-01 typed into the start date is the worker's start date."""
    wizard = make_wizard(qtbot, services)
    fill_company(wizard)
    finish_with_one_worker(wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    (worker,) = services.roster.workers()
    assert worker.start_date == date(2015, 4, 1)


def test_the_closing_message_counts_one_worker_in_the_singular(
    qtbot: QtBot, services: Services, messages: RecordingNotifier
) -> None:
    """A company set up with one worker is told "1 worker", not "1 workers"."""
    wizard = make_wizard(qtbot, services)
    fill_company(wizard, "Prairie Roofing Ltd")
    finish_with_one_worker(wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert messages.texts() == ["Prairie Roofing Ltd is set up with 1 worker and 0 sites."]


def test_the_workers_page_opens_with_the_cursor_in_the_first_name(
    qtbot: QtBot, services: Services
) -> None:
    """Arriving on the workers page, the first letter typed lands in worker 1's name."""
    wizard = make_wizard(qtbot, services)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    fill_company(wizard)
    for _ in range(3):
        wizard.next()
    name = wizard.workers_page.cell(0, 0)
    qtbot.waitUntil(name.hasFocus)


def test_a_message_under_the_company_name_moves_no_field(qtbot: QtBot, services: Services) -> None:
    """The province box stays where it was when 'Company name is required' appears."""
    wizard = make_wizard(qtbot, services)
    page = wizard.company_page
    before = page.province.mapTo(page, page.province.rect().topLeft())
    wizard.next()
    assert page.errors.message_for("name") == "⚠ Company name is required"
    assert page.province.mapTo(page, page.province.rect().topLeft()) == before
