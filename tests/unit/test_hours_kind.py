"""The hours kind's own rules, the incident's new fields, and the statistics data file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from secor_desktop.domain.bodies import HoursBody, IncidentBody, IncidentClass, IncidentType
from secor_desktop.domain.codec import from_jsonable, to_jsonable
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.record_kinds.hours import HOURS, month_end, month_start
from secor_desktop.domain.statistics_rules import (
    StatisticsRulesError,
    load_statistics_rules,
    load_statistics_rules_text,
)
from secor_desktop.domain.validation import Roster, validate_record
from tests.unit.readiness_kit import LEAD, OWNER

ROSTER = Roster(today=date(2026, 11, 2), workers={w.id: w for w in (OWNER, LEAD)}, sites={})


def problems(body: HoursBody, day: date = date(2026, 3, 31)) -> list[str]:
    return [str(p) for p in validate_record(Record("h", HOURS, "Hours", day, None, body), ROSTER)]


def test_a_month_of_hours_is_accepted() -> None:
    """A month's total with a split that adds up is accepted."""
    body = HoursBody("2026-03", 320, ("own", "lead"), (160, 160))
    assert problems(body) == []


def test_negative_total_names_the_field() -> None:
    """Negative hours are refused naming body.total_hours."""
    assert problems(HoursBody("2026-03", -1)) == [
        "body.total_hours: cannot be negative; enter 0 or more"
    ]


@pytest.mark.parametrize("month", ["2026-3", "March", "2026-13", "2026-00", "0000-05"])
def test_month_not_written_yyyy_mm_is_refused(month: str) -> None:
    """A month not written as YYYY-MM (or no real month) is refused naming body.month."""
    assert problems(HoursBody(month, 10)) == [
        "body.month: write the month as YYYY-MM, e.g. 2026-03"
    ]


def test_event_date_must_be_the_last_of_the_month() -> None:
    """The record's date is the month's last day (the hours are known once it is over)."""
    assert problems(HoursBody("2026-03", 10), date(2026, 3, 1)) == [
        "event_date: must be the month's last day, 2026-03-31"
    ]


def test_split_must_add_up_to_the_total() -> None:
    """Hours by worker that add up to something else are refused naming the total."""
    assert problems(HoursBody("2026-03", 300, ("own", "lead"), (160, 160))) == [
        "body.total_hours: is 300 but the workers' hours add up to 320; make them agree"
    ]


def test_split_needs_one_figure_per_worker() -> None:
    """Two workers and one figure are refused naming body.worker_hours."""
    assert problems(HoursBody("2026-03", 160, ("own", "lead"), (160,))) == [
        "body.worker_hours: give one figure for each worker listed"
    ]


def test_worker_hours_within_a_month() -> None:
    """A worker's hours are refused when negative or more than a month has."""
    assert problems(HoursBody("2026-03", 700, ("own", "lead"), (-44, 744))) == [
        "body.worker_hours[0]: must be from 0 to 744 hours"
    ]
    assert problems(HoursBody("2026-03", 745, ("own",), (745,))) == [
        "body.worker_hours[0]: must be from 0 to 744 hours"
    ]


def test_a_worker_listed_twice_is_refused() -> None:
    """The same worker twice in the split is refused naming the second entry."""
    assert problems(HoursBody("2026-03", 20, ("own", "own"), (10, 10))) == [
        "body.worker_ids[1]: lists this worker twice"
    ]


def test_split_names_roster_workers() -> None:
    """A worker id not on the roster is refused, as for any kind naming workers."""
    assert problems(HoursBody("2026-03", 10, ("ghost",), (10,))) == [
        "body.worker_ids: is not a worker on the roster"
    ]


def test_month_start_and_end() -> None:
    """month_start and month_end read "YYYY-MM" and nothing else; December ends the year."""
    assert month_start("2026-03") == date(2026, 3, 1)
    assert month_start("2026-03-01") is None
    assert month_end("2024-02") == date(2024, 2, 29)
    assert month_end("2026-12") == date(2026, 12, 31)
    assert month_end("2026-13") is None


def _incident(**extra: object) -> Record:
    body = IncidentBody(IncidentType.INJURY, "Cut hand", ("lead",), **extra)  # type: ignore[arg-type]
    return Record("i", RecordKind.INCIDENT, "Cut", date(2026, 3, 2), None, body)


@pytest.mark.parametrize("name", ["days_lost", "days_modified"])
def test_negative_days_are_refused(name: str) -> None:
    """Negative days lost or on modified work are refused naming the field."""
    found = validate_record(_incident(**{name: -1}), ROSTER)
    assert [str(p) for p in found] == [f"body.{name}: cannot be negative; enter 0 or more"]


def test_old_incident_bodies_decode_with_defaults() -> None:
    """An incident saved before classification existed decodes unclassified, with no days."""
    old = {"incident_type": "injury", "description": "Cut", "people_ids": ["lead"]}
    body = from_jsonable(IncidentBody, old)
    assert (body.classification, body.days_lost, body.days_modified) == (None, 0, 0)
    assert to_jsonable(body) == old  # defaults are left out: the old hash is unchanged


def test_classification_is_stored_by_its_key() -> None:
    """A classified incident's JSON names its class by the stored key."""
    body = IncidentBody(IncidentType.INJURY, "Cut", (), classification=IncidentClass.LOST_TIME)
    assert to_jsonable(body)["classification"] == "lost_time"


def test_unreadable_statistics_file_names_itself(tmp_path: Path) -> None:
    """A statistics data file that cannot be read is refused naming the file."""
    with pytest.raises(StatisticsRulesError, match="could not be read"):
        load_statistics_rules(tmp_path / "missing.json")


def test_statistics_file_must_give_a_positive_threshold() -> None:
    """A threshold of 0 person-years is refused naming the entry."""
    text = (
        '{"version": "1", "source": "s", '
        '"hours_per_person_year": {"value": 2000, "source": "s"}, '
        '"rate_base_hours": {"value": 200000, "source": "s"}, '
        '"minimum_person_years": {"value": 0, "source": "s"}}'
    )
    with pytest.raises(StatisticsRulesError, match=r"minimum_person_years\.value"):
        load_statistics_rules_text(text, "test.json")


def test_a_profile_saved_before_hours_existed_takes_monthly() -> None:
    """A company profile naming no hours frequency (saved before the kind) takes its
    declared default, monthly; one that names it keeps its own."""
    from secor_desktop.domain.kinds import Frequency, Province
    from secor_desktop.domain.model import Company

    old = Company(name="Prairie Roofing", province=Province.AB)
    assert HOURS not in old.frequencies
    assert old.frequency_of(HOURS) is Frequency.MONTHLY
    own = Company(name="P", province=Province.AB, frequencies={HOURS: Frequency.QUARTERLY})
    assert own.frequency_of(HOURS) is Frequency.QUARTERLY


def test_a_form_of_every_kind_shows_hours_monthly() -> None:
    """The profile as a form listing every kind shows hours at its declared default, and
    keeps the frequencies the profile names."""
    from secor_desktop.domain.kinds import Frequency, Province, RecordKind
    from secor_desktop.domain.model import Company

    old = Company(name="P", province=Province.AB, frequencies={RecordKind.FLHA: Frequency.WEEKLY})
    every = old.with_every_frequency().frequencies
    assert every[HOURS] is Frequency.MONTHLY and every[RecordKind.FLHA] is Frequency.WEEKLY
    assert set(every) == set(RecordKind)
