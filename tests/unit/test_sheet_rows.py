"""Spreadsheet rows to workers, sites and training records, each problem in words."""

from __future__ import annotations

from datetime import date

from secor_desktop.domain.bodies import TrainingBody
from secor_desktop.domain.kinds import EmploymentType
from secor_desktop.domain.model import Site, Worker
from secor_desktop.domain.sheet_rows import (
    FORMULA_MARK,
    Table,
    Target,
    check_sites,
    check_training,
    check_workers,
    guess_mapping,
    mapping_problems,
    parse_day,
    parse_employment,
    with_id,
)
from secor_desktop.domain.validation import Roster
from tests.unit import readiness_kit as kit

TODAY = date(2026, 11, 2)
WORKER_HEADERS = ("Full name", "Job title", "Date hired", "Left", "Status", "Phone", "Owner?")


def workers(*rows: tuple[str, ...], headers: tuple[str, ...] = WORKER_HEADERS) -> Table:
    return Table(headers, rows)


def problems_of(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [p for r in rows for p in r.problems]


def test_headers_map_by_synonym_whatever_the_case_and_spacing() -> None:
    """ "Full name", "Job title", "Date hired" … map to their fields; a missing one is None."""
    mapping = guess_mapping(Target.WORKERS, ("FULL  NAME", "job-title", "Date Hired"))
    assert mapping == {
        "name": 0,
        "role": 1,
        "start_date": 2,
        "end_date": None,
        "employment_type": None,
        "contact": None,
        "is_owner": None,
    }


def test_each_column_is_used_once() -> None:
    """ "Name" can be the worker or nothing else: a column is never given to two fields."""
    mapping = guess_mapping(Target.TRAINING, ("Name", "Course", "Date"))
    assert (mapping["worker"], mapping["course"], mapping["date"]) == (0, 1, 2)


def test_mapping_problems_name_missing_fields_and_double_choices() -> None:
    """A required field without a column, and one column chosen twice, are both said."""
    assert mapping_problems(Target.SITES, {"name": None, "address": None}) == [
        "No column is chosen for name; pick the column that holds it."
    ]
    assert mapping_problems(Target.SITES, {"name": 0, "address": 0}) == [
        "The same column is chosen for two fields; choose each column once."
    ]


def test_dates_real_impossible_and_unreadable() -> None:
    """ISO dates (with - / or .) read; 30 February is not real; "next week" is not a date."""
    assert parse_day("2025/3/7") == date(2025, 3, 7)
    assert parse_day("2025-02-30") == "'2025-02-30' is not a real date"
    assert parse_day("next week") == "'next week' is not a date; write it as YYYY-MM-DD"


def test_employment_types_in_everyday_words() -> None:
    """ "Part-time", "FT" and blank read; "contractor" is refused with the choices."""
    assert parse_employment("Part-time") is EmploymentType.PART_TIME
    assert parse_employment("FT") is EmploymentType.FULL_TIME
    assert parse_employment("") is EmploymentType.FULL_TIME
    refused = parse_employment("contractor")
    assert isinstance(refused, str) and refused.startswith("'contractor' is not an employment")


def test_a_good_worker_row_becomes_a_worker() -> None:
    """Every column read: dates, employment type, contact and owner."""
    table = workers(("Dana K", "Owner", "2020-01-06", "", "owner-operator", "555", "yes"))
    (row,) = check_workers(table, guess_mapping(Target.WORKERS, table.headers), [])
    assert row.problems == () and row.number == 2
    assert row.entity == Worker(
        "", "Dana K", "Owner", EmploymentType.OWNER_OPERATOR, date(2020, 1, 6), None, "555", True
    )


def test_worker_row_problems_in_words() -> None:
    """Each bad cell of a row is named: empty name, bad type, owner not yes/no, end before start."""
    table = workers(
        ("", "Roofer", "2025-01-01", "2024-01-01", "contractor", "", "maybe"),
        ("Ann", "Roofer", "", "2024-01-01", "", "", ""),
        ("Bob", "Roofer", "2025-02-30", "", "", "", ""),
    )
    rows = check_workers(table, guess_mapping(Target.WORKERS, table.headers), [])
    assert problems_of(rows) == [
        "Row 2: employment type 'contractor' is not an employment type; write one of "
        "full-time, part-time, seasonal, temporary, owner-operator, family, volunteer.",
        "Row 2: owner 'maybe' should be yes or no.",
        "Row 2: name is required.",
        "Row 2: end date comes before the start date.",
        "Row 3: start date is empty.",
        "Row 4: start date '2025-02-30' is not a real date.",
    ]
    assert all(r.entity is None for r in rows)


def test_short_rows_and_unmapped_fields_read_as_empty() -> None:
    """A row shorter than the header leaves its last fields empty, not an error."""
    table = workers(("Ann", "Roofer", "2025-01-01"))
    (row,) = check_workers(table, guess_mapping(Target.WORKERS, table.headers), [])
    assert row.problems == () and row.entity is not None


def test_a_formula_cell_is_a_problem_naming_the_formula() -> None:
    """A formula is never taken as the value: its row says to type the value itself."""
    table = workers((FORMULA_MARK + "=A1&B1", "Roofer", "2025-01-01"))
    (row,) = check_workers(table, guess_mapping(Target.WORKERS, table.headers), [])
    assert row.problems[0] == "Row 2: name holds a formula (=A1&B1); type the value itself."


def test_duplicates_in_the_sheet_and_on_the_roster() -> None:
    """The same name again in the sheet is a problem; one already on the roster is skipped."""
    table = workers(
        ("Zoë Tremblay", "Lead", "2021-03-01"),
        ("Ann Lee", "Roofer", "2025-01-01"),
        ("ANN  LEE", "Roofer", "2025-01-01"),
    )
    known = [Worker("w1", "zoe\u0308 tremblay", "Lead", EmploymentType.FULL_TIME, TODAY)]
    rows = check_workers(table, guess_mapping(Target.WORKERS, table.headers), known)
    assert [r.note for r in rows] == ["already on record: left as it is", "", ""]
    assert rows[0].entity is None and rows[1].entity is not None
    assert rows[2].problems == ("Row 4: repeats row 3; remove one of them.",)


def test_blank_rows_keep_the_numbering() -> None:
    """Rows are numbered as the spreadsheet numbers them, blank rows counted."""
    table = Table(("Site",), (("Shop",), ("",)), numbers=(2, 5))
    rows = check_sites(table, guess_mapping(Target.SITES, table.headers), [])
    assert [r.number for r in rows] == [2, 5]
    assert rows[1].problems == ("Row 5: name is required.",)


def test_sites_with_an_existing_one_skipped() -> None:
    """A site already on record is skipped; a new one is ready."""
    table = Table(("Site", "Address"), (("Main yard", ""), ("North shop", "1 A St")))
    known = [Site("s1", "MAIN YARD")]
    rows = check_sites(table, guess_mapping(Target.SITES, table.headers), known)
    assert rows[0].note and rows[1].entity == Site("", "North shop", "1 A St")


def roster() -> Roster:
    return Roster(TODAY, {w.id: w for w in kit.WORKERS}, {})


TRAINING_HEADERS = ("Worker", "Course", "Completed", "Provider", "Expires", "Cert no")


def test_a_training_row_names_its_worker_by_name() -> None:
    """ "sam lead" finds Sam Lead on the roster; the record's title is course and name."""
    table = Table(
        TRAINING_HEADERS, (("sam lead", "WHMIS", "2025-04-01", "Red Cross", "2028-04-01", "A1"),)
    )
    (row,) = check_training(table, guess_mapping(Target.TRAINING, table.headers), roster(), [])
    assert row.problems == ()
    record = row.entity
    assert record is not None and record.title == "WHMIS — Sam Lead"
    assert record.body == TrainingBody("lead", "WHMIS", "Red Cross", date(2028, 4, 1), "A1")
    assert with_id(record, "x").id == "x"


def test_training_row_problems_in_words() -> None:
    """Unknown worker, empty worker, missing date, expiry before completion, future date."""
    table = Table(
        TRAINING_HEADERS,
        (
            ("Nobody", "WHMIS", "2025-04-01", "", "", ""),
            ("", "WHMIS", "", "", "", ""),
            ("Sam Lead", "", "2025-04-01", "", "2025-01-01", ""),
            ("Sam Lead", "First aid", "2027-01-01", "", "", ""),
        ),
    )
    rows = check_training(table, guess_mapping(Target.TRAINING, table.headers), roster(), [])
    assert problems_of(rows) == [
        "Row 2: no worker called 'Nobody' is on the roster; import or add the workers first, "
        "or correct the name.",
        "Row 3: date is empty.",
        "Row 3: worker is empty.",
        "Row 4: course is required.",
        "Row 4: expiry must come after the completion date.",
        "Row 5: date 2027-01-01 is in the future; use today or earlier.",
    ]


def test_training_already_on_record_is_skipped() -> None:
    """The same worker, course and date as a stored record: left as it is."""
    stored = kit.training(date(2025, 4, 1), "WHMIS", None)
    table = Table(TRAINING_HEADERS, (("Sam Lead", "whmis", "2025-04-01", "", "", ""),))
    rows = check_training(table, guess_mapping(Target.TRAINING, table.headers), roster(), [stored])
    assert rows[0].note == "already on record: left as it is"


def test_cells_are_stored_as_a_form_stores_them() -> None:
    """Decomposed accents are composed (NFC) and spaces trimmed, in every field."""
    table = workers((" Rene\u0301 Co\u0302te\u0301 ", " Contremai\u0302tre ", "2024-05-06"))
    (row,) = check_workers(table, guess_mapping(Target.WORKERS, table.headers), [])
    assert row.entity is not None
    assert (row.entity.name, row.entity.role) == ("René Côté", "Contremaître")  # type: ignore[union-attr]
