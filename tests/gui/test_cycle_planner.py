"""The cycle planner, driven offscreen through the real services on the fixed test clock."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from secor_desktop.app.main import main
from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.cycle import CycleState, SlotStatus, TrainingStatus
from secor_desktop.domain.evaluation import parse_answers
from secor_desktop.domain.frameworks import AuditType, load_bundled_pack
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.gui import notify
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.cycle_planner import (
    COL_AUDIT,
    COL_DUE,
    COL_HELD,
    COL_OPENS,
    COL_STATUS,
    COL_TARGET,
    CyclePlannerPage,
)
from secor_desktop.gui.widgets.cycle_timeline import STATE_WORDS
from secor_desktop.services.clock import FixedClock
from tests.conftest import TODAY, SmallCompany, signature_png

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "answers-hard-fail.json"


def certify(company: SmallCompany, day: date) -> None:
    services = company.services
    profile = services.company.get()
    assert profile is not None
    services.company.save(replace(profile, certificate_date=day))


def planner(qtbot: QtBot, company: SmallCompany) -> CyclePlannerPage:
    page = CyclePlannerPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def cli_cycle(company: SmallCompany, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    folder = str(company.services.locations.data_dir)
    assert main(["--data-dir", folder, "cycle", "--json", "--as-of", TODAY.isoformat()]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_planner_shows_the_services_and_cli_dates_and_state(
    qtbot: QtBot, company: SmallCompany, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Certified 2025-12-10, today 2026-11-02: year 2's window is open (due soon), dates match."""
    certify(company, date(2025, 12, 10))
    expected = company.services.evaluations.cycle()
    cli = cli_cycle(company, capsys)
    page = planner(qtbot, company)
    assert page.report == expected and page.timeline.report == expected
    assert expected.state is CycleState.DUE_SOON and cli["state"] == "due_soon"
    assert page.state_label.text() == "Today: Due soon"
    assert page.cell(0, COL_HELD) == "2025-12-10"
    assert "expires 2028-12-10" in page.cell(0, COL_STATUS)
    assert page.table.rowCount() == 1 + len(cli["slots"])
    for row, slot in enumerate(cli["slots"], start=1):
        assert page.cell(row, COL_OPENS) == slot["opens"]
        assert page.cell(row, COL_TARGET) == slot["target"]
        assert page.cell(row, COL_DUE) == slot["due"]
        assert page.cell(row, COL_HELD) == (slot["held_on"] or "")
    assert page.cell(1, COL_AUDIT) == "Year 2 maintenance audit"
    assert page.cell(1, COL_STATUS) == "Due soon: submit by 2026-12-31"
    assert page.cell(2, COL_STATUS) == "Upcoming: window opens 2027-10-11"
    assert page.next_label.text() == (
        "Next: Year 2 maintenance audit, submit by 2026-12-31 (59 days left)."
    )
    # The timeline says the same in words, for screen readers and tooltips.
    described = page.timeline.accessibleDescription()
    assert "Today 2026-11-02: Due soon." in described
    assert "Year 3 maintenance audit: Upcoming: window opens 2027-10-11." in described
    assert not page.timeline.grab().isNull()


def test_overdue_then_lapsed_as_the_clock_moves(
    qtbot: QtBot, company: SmallCompany, clock: FixedClock
) -> None:
    """Past the target inside the grace period: overdue; past the last day: lapsed, both
    flagged as putting the rebate at risk, as the service judges them."""
    certify(company, date(2025, 10, 20))
    page = planner(qtbot, company)
    report = company.services.evaluations.cycle()
    assert report.state is CycleState.OVERDUE and page.report == report
    assert page.state_label.text() == f"Today: {STATE_WORDS[CycleState.OVERDUE]}"
    assert "rebate at risk" in page.state_label.text()
    assert page.cell(1, COL_STATUS) == "Overdue: submit by 2026-11-10"
    assert "or the certificate and the rebate may lapse" in page.messages.text()

    clock.set(datetime(2026, 11, 20, 9, tzinfo=UTC))
    page.refresh()
    lapsed = company.services.evaluations.cycle()
    assert lapsed.state is CycleState.LAPSED and page.report == lapsed
    assert page.report.today == date(2026, 11, 20)
    assert page.state_label.text() == "Today: Lapsed — rebate at risk"
    assert page.cell(1, COL_STATUS) == "Missed: none recorded by 2026-11-10"
    assert "have probably lapsed" in page.messages.text()
    assert "Today 2026-11-20: Lapsed — rebate at risk." in page.timeline.accessibleDescription()


def test_a_held_maintenance_audit_is_marked_done(qtbot: QtBot, company: SmallCompany) -> None:
    """An audit saved inside year 2's window fills the slot: held on its date, on track."""
    certify(company, date(2025, 10, 20))
    pack = load_bundled_pack("secor-9-element")
    answers = parse_answers(EXAMPLE.read_text("utf-8"), EXAMPLE.name, pack).answers
    company.services.evaluations.save(pack, answers, AuditType.MAINTENANCE, date(2026, 10, 25))
    page = planner(qtbot, company)
    assert page.report is not None and page.report.slots[0].status is SlotStatus.DONE
    assert page.cell(1, COL_HELD) == "2026-10-25"
    assert page.cell(1, COL_STATUS) == "Done: held 2026-10-25"
    assert page.state_label.text() == "Today: On track"
    assert page.next_label.text().startswith("Next: Year 3 maintenance audit, window opens")


def test_internal_auditor_training_status(qtbot: QtBot, company: SmallCompany) -> None:
    """No course on record: said so; a signed auditor course with no expiry: current."""
    certify(company, date(2025, 12, 10))
    page = planner(qtbot, company)
    assert page.report is not None
    assert page.report.auditor_training is TrainingStatus.MISSING
    assert page.training_state.text() == "None on record"
    assert "No internal auditor training on record" in page.training_note.text()

    record = company.services.records.create(
        RecordKind.TRAINING,
        title="SECOR internal auditor training: Dana",
        event_date=date(2025, 3, 4),
        site_id=None,
        body=TrainingBody(company.owner.id, "SECOR internal auditor training", "ACSA"),
    )
    company.services.records.sign(
        record.id,
        signer_id=company.owner.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    page.refresh()
    assert page.report.auditor_training is TrainingStatus.CURRENT
    assert page.training_state.text() == "Current"


def test_without_a_certificate_date_it_says_to_enter_it_in_settings(
    qtbot: QtBot, company: SmallCompany, messages: notify.RecordingNotifier
) -> None:
    """No certificate date: a prompt naming Settings, no table, and a way there."""
    profile = company.services.company.get()
    assert profile is not None
    company.services.company.save(replace(profile, planned_audit_date=date(2027, 1, 4)))
    page = planner(qtbot, company)
    assert page.report is None and page.timeline.report is None
    prompt = page.timeline.prompt
    assert "No certificate date yet" in prompt and "Settings" in prompt
    assert "planned for 2027-01-04" in prompt
    assert page.timeline.accessibleDescription() == prompt
    assert page.table.isHidden() and not page.settings_button.isHidden()
    assert not page.timeline.grab().isNull()
    page.settings_button.click()  # no main window around it: it says where Settings is
    assert any("Settings" in text for text in messages.texts("info"))
