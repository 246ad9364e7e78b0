"""``secor-desktop statistics``: the table as text and JSON, and bad input refused."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from secor_desktop.app.main import main
from secor_desktop.domain.bodies import HoursBody, IncidentBody, IncidentClass, IncidentType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.record_kinds.hours import HOURS, month_end
from secor_desktop.services.clock import FixedClock
from tests.conftest import SmallCompany

YEAR = 2026  # the fixed clock's year, and the year the hours below are in


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(company: SmallCompany, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Ten months of 10,000 hours (50 person-years) and one lost-time injury in 2026."""
    records = company.services.records
    for month in range(1, 11):
        records.create(
            HOURS,
            title=f"Hours {YEAR}-{month:02d}",
            event_date=month_end(f"{YEAR}-{month:02d}"),
            site_id=None,
            body=HoursBody(f"{YEAR}-{month:02d}", 10_000),
        )
    records.create(
        RecordKind.INCIDENT,
        title="Fall",
        event_date=date(YEAR, 5, 4),
        site_id=company.site.id,
        body=IncidentBody(
            IncidentType.INJURY,
            "Fell from a ladder",
            (company.lead.id,),
            classification=IncidentClass.LOST_TIME,
            days_lost=7,
        ),
    )
    # The command's "this year" comes from the system clock: pin it to the fixture's day.
    monkeypatch.setattr("secor_desktop.app.bootstrap.SystemClock", lambda: clock)
    return company.services.locations.data_dir


def test_text_table(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """The text table shows the hours, the lost-time case and its rate for this year."""
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "statistics")
    assert code == 0
    lines = {line.split("  ")[0]: line.split() for line in out.splitlines() if "  " in line}
    assert lines["Hours worked"][-2:] == ["100,000", "100,000"]
    assert lines["Lost time"][-2:] == ["1", "1"]
    # 1 x 200,000 / 100,000 = 2.00 (2026); the earlier years have no hours: a dash
    assert lines["Lost-time frequency (per 200,000 h)"][-4:] == ["—", "—", "2.00", "2.00"]
    assert "2024: No hours are recorded" in out


def test_json_table(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """--json --years 1 gives one year with its counts, days lost and rates as text."""
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "statistics", "--years", "1", "--json")
    data = json.loads(out)
    assert code == 0
    (year,) = data["years"]
    assert year["label"] == str(YEAR)
    assert (year["counts"]["lost_time"], year["days_lost"], year["hours"]) == (1, 7, 100_000)
    assert year["person_years"] == "50.00"
    assert year["rates"]["lost_time_frequency"] == "2.00"
    assert data["minimum_person_years"] == 40


@pytest.mark.parametrize("years", ["0", "-2", "three", "51"])
def test_bad_years_exit_2(capsys: pytest.CaptureFixture[str], data_dir: Path, years: str) -> None:
    """--years that is not a whole number from 1 to 50 exits 2 with a sentence naming it."""
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(data_dir), "statistics", "--years", years])
    assert exited.value.code == 2
    assert "--years" in capsys.readouterr().err
