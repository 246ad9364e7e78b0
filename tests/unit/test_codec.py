"""Decoding JSON into domain types names the path of a bad value."""

from __future__ import annotations

from datetime import date

import pytest

from secor_desktop.domain.bodies import ChecklistItem, ChecklistResult, InspectionBody, TrainingBody
from secor_desktop.domain.codec import DecodeError, from_jsonable, to_jsonable


def test_round_trip_of_a_nested_body() -> None:
    """An inspection with checklist items encodes and decodes to itself."""
    body = InspectionBody(
        "site", "Yard", "w1", (ChecklistItem("Exits clear", ChecklistResult.DEFICIENT, "boxes"),)
    )  # type: ignore[arg-type]
    assert from_jsonable(InspectionBody, to_jsonable(body)).items[0].result is (
        ChecklistResult.DEFICIENT
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"worker_id": "w", "course": "x", "provider": "p", "expiry": "2025-02-30"},
            r"TrainingBody.expiry: '2025-02-30' is not a real date",
        ),
        ({"worker_id": "w", "course": "x"}, r"TrainingBody.provider: missing"),
        (
            {"worker_id": 7, "course": "x", "provider": "p"},
            r"TrainingBody.worker_id: expected text",
        ),
        (
            {"worker_id": "w", "course": "x", "provider": "p", "colour": "red"},
            r"unknown field\(s\) colour",
        ),
    ],
)
def test_bad_values_are_named_by_path(data: dict[str, object], message: str) -> None:
    """Each kind of bad value is reported with the field's path."""
    with pytest.raises(DecodeError, match=message):
        from_jsonable(TrainingBody, data)


def test_enum_error_lists_allowed_values() -> None:
    """An unknown checklist result says which values are allowed."""
    with pytest.raises(DecodeError, match="is not one of ok, deficient, na"):
        from_jsonable(ChecklistItem, {"text": "x", "result": "fine"})


def test_bool_is_not_taken_for_a_number() -> None:
    """JSON true is not accepted where a whole number is expected."""
    from secor_desktop.domain.bodies import DrillBody

    with pytest.raises(DecodeError, match="expected a whole number"):
        from_jsonable(DrillBody, {"scenario": "x", "participant_ids": [], "duration_minutes": True})


def test_dates_encode_as_iso_text() -> None:
    """Dates are written YYYY-MM-DD."""
    assert to_jsonable(date(2024, 2, 29)) == "2024-02-29"
