"""The eligibility and rebate panel, driven offscreen through the real services."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from secor_desktop.app.main import main
from secor_desktop.domain.eligibility import EligibilityStatus
from secor_desktop.domain.kinds import EmploymentType, Province
from secor_desktop.domain.model import Worker
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.pages.eligibility import (
    ESTIMATE_NOTE,
    EligibilityPage,
    PremiumError,
    parse_premium,
)
from tests.conftest import TODAY, SmallCompany


def hire(company: SmallCompany, n: int, start: date, end: date | None = None) -> None:
    for i in range(n):
        company.services.roster.add_worker(
            Worker(
                "",
                f"Crew {start.isoformat()} {end or 'on'} {i + 1}",
                "Labourer",
                EmploymentType.TEMPORARY,
                start,
                end,
            )
        )


def panel(qtbot: QtBot, company: SmallCompany) -> EligibilityPage:
    page = EligibilityPage(company.services, InlineBackground())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def type_premium(qtbot: QtBot, page: EligibilityPage, text: str) -> None:
    page.premium.clear()
    qtbot.keyClicks(page.premium, text)


def test_peak_dates_and_limit_match_the_service_and_cli(
    qtbot: QtBot, company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """Eight at once from May to September (one crew member left): near Alberta's 10."""
    hire(company, 4, date(2026, 5, 1))
    hire(company, 1, date(2026, 5, 1), end=date(2026, 9, 30))
    expected = company.services.readiness.eligibility()
    folder = str(company.services.locations.data_dir)
    capsys.readouterr()
    assert main(["--data-dir", folder, "eligibility", "--json", "--as-of", TODAY.isoformat()]) == 0
    cli = json.loads(capsys.readouterr().out)
    page = panel(qtbot, company)

    assert page.report == expected
    assert expected.status is EligibilityStatus.NEAR_LIMIT and cli["status"] == "near_limit"
    assert cli["peak_headcount"] == 8 and cli["limit"] == 10
    assert page.peak_label.text() == (
        "Peak headcount, past 12 months: 8 workers of Alberta's limit of 10"
    )
    assert page.status_label.text() == "Near the limit"
    ranges = cli["peak_ranges"]
    assert ranges == [{"first": "2026-05-01", "last": "2026-09-30"}]
    assert page.dates_label.text() == "At the peak: 2026-05-01 to 2026-09-30."
    assert page.window_label.text().startswith(
        f"Counted from {cli['window_first']} to {cli['window_last']}:"
    )
    assert page.message_label.text() == cli["message"]
    assert "close to Alberta's SECOR limit of 10" in page.message_label.text()
    assert page.source_label.text() == f"Source of the limit: {cli['source']}"
    assert "Dana Kowalski" in page.workers_label.text()


def test_within_the_limit_there_is_no_near_limit_warning(
    qtbot: QtBot, company: SmallCompany
) -> None:
    """Three workers, the oldest two since before the window: within the limit, no warning."""
    page = panel(qtbot, company)
    assert page.report is not None and page.report.peak_headcount == 3
    assert page.status_label.text() == "Within the SECOR limit"
    assert "close to" not in page.message_label.text()
    assert page.dates_label.text() == f"At the peak: 2026-04-01 to {TODAY}."


def test_a_new_province_changes_the_limit_on_refresh(qtbot: QtBot, company: SmallCompany) -> None:
    page = panel(qtbot, company)
    profile = company.services.company.get()
    assert profile is not None
    company.services.company.save(replace(profile, province=Province.BC))
    page.refresh()
    assert page.report is not None and page.report.limit == 19
    assert "British Columbia's limit of 19" in page.peak_label.text()


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("abc", "Annual premium: “abc” is not an amount"),
        ("-500", "Annual premium cannot be negative"),
        ("12.345", "Annual premium: write dollars and cents"),
    ],
)
def test_bad_premium_is_refused_naming_the_field(
    qtbot: QtBot, company: SmallCompany, typed: str, says: str
) -> None:
    page = panel(qtbot, company)
    type_premium(qtbot, page, typed)
    page.estimate_button.click()
    assert page.estimate is None
    assert not page.premium_error.isHidden()
    assert says in page.premium_error.text()
    assert page.premium.accessibleDescription().startswith(says.split(":")[0])
    assert "$" not in page.result_label.text()


def test_premium_estimate_is_the_services_with_its_source(
    qtbot: QtBot, company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """$15,000 in Alberta: no single figure, one per rule; picking a rule gives its figure."""
    page = panel(qtbot, company)
    type_premium(qtbot, page, "$15,000")
    assert page.premium_error.isHidden()
    expected = company.services.readiness.rebate(Decimal("15000"))
    assert page.estimate == expected
    folder = str(company.services.locations.data_dir)
    capsys.readouterr()
    assert main(["--data-dir", folder, "rebate", "--premium", "15000", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    amounts = [alt["amount"] for alt in cli["alternatives"]]
    assert amounts == ["750.00", "1500.00", "3000.00"]
    shown = page.alternatives_label.text()
    assert "Holding a certificate: $750.00" in shown
    assert "First-time certificate: $1,500.00" in shown
    assert "Claims performance: up to $3,000.00" in shown
    assert page.result_label.text().startswith("Estimated rebate: $750.00 to up to $3,000.00")
    assert page.rebate_source.text() == f"Source: {cli['source']}"
    assert ESTIMATE_NOTE in page.note_label.text() and page.note_label.isVisible()

    page.option.setCurrentIndex(page.option.findData("first_time"))
    one = company.services.readiness.rebate(Decimal("15000"), None, "first_time")
    assert page.estimate == one and one.amount == Decimal("1500.00")
    assert page.result_label.text() == "Estimated rebate: $1,500.00 (10% of $15,000.00 premium)"
    assert page.rebate_source.text() == f"Source: {one.source}"


def test_premium_parsing_accepts_what_the_cli_accepts() -> None:
    assert parse_premium(" $15,000.50 ") == Decimal("15000.50")
    assert parse_premium("0") == Decimal(0)
    for bad in ("", "NaN", "Infinity", "1e400x"):
        with pytest.raises(PremiumError, match="Annual premium"):
            parse_premium(bad)
