"""The statistics table in words: the grid, the notes and the terminal text."""

from __future__ import annotations

from datetime import date

from secor_desktop.domain.bodies import IncidentBody, IncidentClass, IncidentType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.statistics import statistics_table
from secor_desktop.domain.statistics_text import NOT_SHOWN, as_text, grid, notes
from tests.unit.test_statistics import RULES, hours, scenario


def test_grid_header_is_the_years_then_the_total() -> None:
    """The header names each year, oldest first, then the total."""
    header, _ = grid(statistics_table(scenario(), last_year=2026, years=3, rules=RULES))
    assert header == ["", "2024", "2025", "2026", "2024-2026"]


def test_grid_lines_show_counts_and_dash_missing_rates() -> None:
    """Counts and rates read as the hand-worked figures; the small year's rates are a dash."""
    _, body = grid(statistics_table(scenario(), last_year=2026, years=3, rules=RULES))
    lines = {line[0]: line[1:] for line in body}
    assert lines["Hours worked"] == ["60,000", "96,000", "120,000", "276,000"]
    assert lines["Person-years"] == ["30.00", "48.00", "60.00", "138.00"]
    assert lines["First aid"] == ["1", "0", "1", "2"]
    assert lines["Recordable cases"] == ["0", "1", "1", "2"]
    assert lines["Lost-time frequency (per 200,000 h)"] == [NOT_SHOWN, "2.08", "0.00", "0.72"]
    assert lines["Recordable per 100 person-years"] == [NOT_SHOWN, "2.08", "1.67", "1.45"]


def test_notes_say_why_a_year_has_no_rates_then_define() -> None:
    """Only the small year gets a reason; the definitions follow."""
    found = notes(statistics_table(scenario(), last_year=2026, years=3, rules=RULES))
    assert found[0].startswith("2024: 30.00 person-years is under 40")
    assert not any(n.startswith(("2025:", "2026:", "2024-2026:")) for n in found)
    assert found[1].startswith("Recordable cases:")


def test_text_lines_up_the_columns() -> None:
    """The terminal text right-aligns each figure under its year."""
    table = statistics_table(
        [
            hours(2026, 1, 90_000),
            Record(
                "i",
                RecordKind.INCIDENT,
                "x",
                date(2026, 2, 2),
                None,
                IncidentBody(IncidentType.INJURY, "x", (), classification=IncidentClass.FATALITY),
            ),
        ],
        last_year=2026,
        years=1,
        rules=RULES,
    )
    text = as_text(table).splitlines()
    assert text[0].split() == ["2026", "2026"]
    fatality = next(line for line in text if line.startswith("Fatality"))
    assert fatality.split() == ["Fatality", "1", "1"]
    assert len(fatality) == len(text[0])  # the last figure ends under the header's last
