"""The settings page, driven offscreen through the real services and database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from secor_desktop.domain.kinds import Frequency, Province, RecordKind
from secor_desktop.gui import notify
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.settings import SettingsPage
from tests.conftest import SmallCompany

BUNDLED = Path(__file__).parents[2] / "secor_desktop" / "resources" / "frameworks"


def settings_page(qtbot: QtBot, company: SmallCompany) -> tuple[SettingsPage, list[int]]:
    page = SettingsPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    emitted: list[int] = []
    page.records_changed.connect(lambda: emitted.append(1))
    return page, emitted


def choose(combo: QComboBox, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_page_shows_the_saved_profile(qtbot: QtBot, company: SmallCompany) -> None:
    page, _ = settings_page(qtbot, company)
    assert page.name.text() == "Prairie Roofing Ltd."
    assert page.wcb_account.text() == "1234567"
    assert page.province.currentData() == "AB"
    assert page.framework.currentData() == "secor-9-element"
    assert not page.planned_set.isChecked() and not page.planned_date.isEnabled()
    assert not page.certificate_set.isChecked()
    assert page.late_days.value() == 7
    assert not page.has_unsaved_changes() and not page.save_button.isEnabled()
    assert page.state_label.text() == "All changes saved."


def test_changes_are_saved_and_the_window_told(
    qtbot: QtBot, company: SmallCompany, messages: notify.RecordingNotifier
) -> None:
    """Province, a frequency, the planned audit and certificate dates: saved; signal sent."""
    page, emitted = settings_page(qtbot, company)
    choose(page.province, "BC")
    choose(page.frequencies[RecordKind.INSPECTION], "monthly")
    page.planned_set.setChecked(True)
    page.planned_date.setDate(QDate(2027, 2, 15))
    page.certificate_set.setChecked(True)
    page.certificate_date.setDate(QDate(2025, 12, 10))
    page.late_days.setValue(10)
    assert page.has_unsaved_changes() and page.save_button.isEnabled()
    assert page.state_label.text().startswith("● Unsaved changes")
    assert company.services.company.get().province is Province.AB  # type: ignore[union-attr]

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = company.services.company.get()
    assert saved is not None
    assert saved.province is Province.BC
    assert saved.frequencies[RecordKind.INSPECTION] is Frequency.MONTHLY
    assert saved.frequencies[RecordKind.TOOLBOX_TALK] is Frequency.WEEKLY  # untouched
    assert saved.planned_audit_date == date(2027, 2, 15)
    assert saved.certificate_date == date(2025, 12, 10)
    assert saved.late_entry_days == 10
    assert emitted == [1]
    assert not page.has_unsaved_changes() and not page.save_button.isEnabled()
    assert page.state_label.text().startswith("Saved:")
    assert "Settings saved." in messages.texts("info")
    # The planner can now plan: the cycle starts from the saved date.
    assert company.services.evaluations.cycle().certificate_date == date(2025, 12, 10)

    page.save()  # nothing changed: nothing to tell
    assert emitted == [1]


def test_empty_name_is_refused_and_nothing_saved(qtbot: QtBot, company: SmallCompany) -> None:
    page, emitted = settings_page(qtbot, company)
    before = company.services.company.get()
    page.name.setText("   ")
    choose(page.province, "SK")
    assert page.save() is False
    assert page.error_text("name") == "Company name is required."
    assert page.name.accessibleDescription() == "Company name is required."
    assert page.state_label.text() == "Not saved: check Company name."
    assert company.services.company.get() == before
    assert emitted == []
    assert page.has_unsaved_changes()  # the edits stay for the user to fix

    page.name.setText("Prairie Roofing & Sons Ltd.")
    assert page.save() is True
    assert page.error_text("name") == ""
    assert company.services.company.get().province is Province.SK  # type: ignore[union-attr]


def test_a_future_certificate_date_is_refused_naming_the_field(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """The date box stops at today; the services refuse a later date all the same."""
    page, emitted = settings_page(qtbot, company)
    assert page.certificate_date.maximumDate() == QDate(2026, 11, 2)
    page.certificate_set.setChecked(True)
    page.certificate_date.setMaximumDate(QDate(2030, 1, 1))
    page.certificate_date.setDate(QDate(2027, 1, 4))
    assert page.save() is False
    assert page.error_text("certificate_date") == (
        "Certificate date: 2027-01-04 is in the future; use today or earlier."
    )
    assert company.services.company.get().certificate_date is None  # type: ignore[union-attr]
    assert emitted == []


def test_switching_the_framework_pack(qtbot: QtBot, company: SmallCompany) -> None:
    page, emitted = settings_page(qtbot, company)
    choose(page.framework, "cor-14-element")
    assert "14 elements" in page.pack_details.text()
    assert "readiness and self-evaluations use this pack" in page.pack_details.text()
    assert page.save()
    assert company.services.framework().id == "cor-14-element"
    assert emitted == [1]
    assert "use this pack" not in page.pack_details.text()


def test_alberta_pack_chosen_by_keys_and_saved_by_a_click(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """Typing the pack's name in the list picks it; its source shows; Save keeps every record."""
    company.inspection()
    records = company.services.records.find()
    page, emitted = settings_page(qtbot, company)
    page.framework.setFocus()
    qtbot.keyClicks(page.framework, "Alberta")  # the first pack whose name starts so
    assert page.framework.currentData() == "alberta-2019-10-element"
    qtbot.keyClick(page.framework, Qt.Key.Key_Down)
    assert page.framework.currentData() == "alberta-8-element"
    details = page.pack_details.text()
    assert details.startswith("8 elements")
    assert "Source: Fact: the eight element names" in details
    assert "not the partner's audit instrument" in details
    assert "every record is kept" in details
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert company.services.framework().id == "alberta-8-element"
    assert company.services.records.find() == records
    assert emitted == [1]
    report = company.services.readiness.report(company.services.framework())
    assert [e.name for e in report.elements][-1] == "Program administration"


def test_the_pack_list_offers_all_four_packs_the_generic_one_first(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """The generic nine (default) leads; Alberta's 8 and 10 sit beside the national 14."""
    page, _ = settings_page(qtbot, company)
    texts = [page.framework.itemText(i) for i in range(page.framework.count())]
    assert texts[0].startswith("Generic 9-element list (from the seed article)")
    assert sorted(page.framework.itemData(i) for i in range(len(texts))) == [
        "alberta-2019-10-element",
        "alberta-8-element",
        "cor-14-element",
        "secor-9-element",
    ]


def test_own_and_broken_packs_are_listed(qtbot: QtBot, company: SmallCompany) -> None:
    """A user's pack joins the list; a broken file is named with its problem, not fatal."""
    folder = company.services.ctx.framework_dir
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    doc = json.loads((BUNDLED / "secor-9-element.json").read_text("utf-8"))
    doc["id"], doc["name"] = "my-partner-pack", "My partner's SECOR audit"
    (folder / "mine.json").write_text(json.dumps(doc), "utf-8")
    (folder / "broken.json").write_text('{"id": "half a pack"', "utf-8")
    page, _ = settings_page(qtbot, company)
    index = page.framework.findData("my-partner-pack")
    assert index >= 0
    assert page.framework.itemText(index).endswith("— your own pack")
    assert not page.broken_packs.isHidden()
    assert "broken.json" in page.broken_packs.text()
    choose(page.framework, "my-partner-pack")
    assert page.save()
    assert company.services.framework().name == "My partner's SECOR audit"


def test_revert_restores_the_saved_profile(qtbot: QtBot, company: SmallCompany) -> None:
    page, emitted = settings_page(qtbot, company)
    page.name.setText("Someone Else Inc.")
    choose(page.frequencies[RecordKind.FLHA], "weekly")
    page.planned_set.setChecked(True)
    assert page.revert_button.isEnabled()
    qtbot.mouseClick(page.revert_button, Qt.MouseButton.LeftButton)
    assert page.name.text() == "Prairie Roofing Ltd."
    assert page.frequencies[RecordKind.FLHA].currentData() == "daily"
    assert not page.planned_set.isChecked()
    assert not page.has_unsaved_changes() and not page.revert_button.isEnabled()
    assert emitted == []


def test_refresh_keeps_unsaved_edits_but_follows_saves_elsewhere(
    qtbot: QtBot, company: SmallCompany
) -> None:
    page, _ = settings_page(qtbot, company)
    profile = company.services.company.get()
    assert profile is not None
    company.services.company.save(replace(profile, wcb_account="7654321"))
    page.refresh()
    assert page.wcb_account.text() == "7654321"
    page.partner.setText("Alberta Construction Safety Association")
    page.refresh()
    assert page.partner.text() == "Alberta Construction Safety Association"
    assert page.has_unsaved_changes()


def test_ctrl_s_saves(qtbot: QtBot, company: SmallCompany) -> None:
    """The keyboard way: Ctrl+S anywhere on the page saves."""
    page, emitted = settings_page(qtbot, company)
    with qtbot.waitActive(page):
        page.activateWindow()
    page.wcb_account.setFocus()
    page.wcb_account.setText("1112223")
    qtbot.keyClick(page.wcb_account, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert company.services.company.get().wcb_account == "1112223"  # type: ignore[union-attr]
    assert emitted == [1]
