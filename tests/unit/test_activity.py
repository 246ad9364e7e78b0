from __future__ import annotations

from datetime import date

import pytest

from secor_desktop.domain.activity import week_start, weekly_activity
from secor_desktop.domain.kinds import RecordKind

EVIDENCE = {
    RecordKind.FLHA: ("4",),
    RecordKind.INSPECTION: ("3", "4"),
    RecordKind.TOOLBOX_TALK: ("9",),
}


def test_week_starts_on_monday() -> None:
    assert week_start(date(2026, 11, 26)) == date(2026, 11, 23)  # a Thursday
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # the Sunday


def test_counts_land_in_their_week_for_every_element_of_the_kind() -> None:
    grid = weekly_activity(
        [
            (RecordKind.INSPECTION, date(2026, 11, 24), 2),
            (RecordKind.FLHA, date(2026, 11, 16), 1),
            (RecordKind.FLHA, date(2026, 11, 22), 3),  # the Sunday of the same week
        ],
        EVIDENCE,
        ["3", "4", "9"],
        last_day=date(2026, 11, 26),
        weeks=3,
    )
    assert grid.weeks == (date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23))
    assert grid.counts["4"] == (0, 4, 2)
    assert grid.counts["3"] == (0, 0, 2)
    assert grid.counts["9"] == (0, 0, 0)
    assert grid.count("4", date(2026, 11, 19)) == 4
    assert grid.total("4") == 6


def test_days_outside_the_window_and_unknown_elements_are_ignored() -> None:
    grid = weekly_activity(
        [
            (RecordKind.FLHA, date(2026, 11, 1), 5),  # before the first Monday
            (RecordKind.FLHA, date(2026, 11, 27), 5),  # after the last day
            (RecordKind.TOOLBOX_TALK, date(2026, 11, 24), 1),  # element 9 not asked for
            (RecordKind.TRAINING, date(2026, 11, 24), 1),  # kind counts for nothing
        ],
        EVIDENCE,
        ["4"],
        last_day=date(2026, 11, 26),
        weeks=2,
    )
    assert grid.counts == {"4": (0, 0)}


def test_gaps_are_runs_of_empty_weeks_from_monday_to_sunday() -> None:
    grid = weekly_activity(
        [
            (RecordKind.FLHA, date(2026, 10, 27), 1),  # week of Oct 26
            (RecordKind.FLHA, date(2026, 11, 10), 1),  # week of Nov 9
        ],
        EVIDENCE,
        ["4", "9"],
        last_day=date(2026, 11, 26),
        weeks=6,  # Oct 19 .. Nov 23
    )
    assert grid.gaps("4") == [
        (date(2026, 10, 19), date(2026, 10, 25)),
        (date(2026, 11, 2), date(2026, 11, 8)),
        (date(2026, 11, 16), date(2026, 11, 29)),
    ]
    assert grid.gaps("9") == [(date(2026, 10, 19), date(2026, 11, 29))]


def test_at_least_one_week() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        weekly_activity([], EVIDENCE, ["4"], date(2026, 11, 26), 0)


def test_no_gap_when_every_week_has_a_record() -> None:
    grid = weekly_activity(
        [(RecordKind.FLHA, date(2026, 11, 17), 1), (RecordKind.FLHA, date(2026, 11, 24), 1)],
        EVIDENCE,
        ["4"],
        last_day=date(2026, 11, 26),
        weeks=2,
    )
    assert grid.gaps("4") == []
