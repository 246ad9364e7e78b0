"""Decoding JSON into domain types names the path of a bad value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    DrillBody,
    InspectionBody,
    TrainingBody,
)
from secor_desktop.domain.codec import DecodeError, from_jsonable, to_jsonable
from secor_desktop.domain.frameworks import Thresholds
from secor_desktop.domain.kinds import Frequency, Province, RecordKind
from secor_desktop.domain.model import Company, Signature, Site


@dataclass(frozen=True)
class Reading:
    """A dataclass with a field type the codec does not support."""

    value: float


@dataclass(frozen=True)
class Logbook:
    """A dataclass holding one with an unsupported field type."""

    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class Tally:
    """A mapping field, decoded key by key."""

    counts: dict[str, int]


SIGNATURE = {
    "id": "s1",
    "signer_id": "lead",
    "signer_name": "Sam Lead",
    "meaning": "performed",
    "image_sha256": "0" * 64,
    "content_sha256": "0" * 64,
}


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
    with pytest.raises(DecodeError, match="expected a whole number"):
        from_jsonable(DrillBody, {"scenario": "x", "participant_ids": [], "duration_minutes": True})


def test_dates_encode_as_iso_text() -> None:
    """Dates are written YYYY-MM-DD."""
    assert to_jsonable(date(2024, 2, 29)) == "2024-02-29"


def test_decimals_encode_as_exact_text() -> None:
    """Percentages and money are written as exact decimal text, never as floats."""
    assert to_jsonable(Thresholds(Decimal("80"), Decimal("49.5"))) == {
        "overall_pct": "80",
        "element_floor_pct": "49.5",
    }


def test_floats_cannot_be_encoded() -> None:
    """A float has no canonical form, so encoding one is refused."""
    with pytest.raises(TypeError, match="cannot encode float"):
        to_jsonable(0.1)


def test_list_field_refuses_a_single_text() -> None:
    """A list of ids given as one text is refused, not split into letters."""
    with pytest.raises(DecodeError, match=r"DrillBody\.participant_ids: expected a list"):
        from_jsonable(
            DrillBody, {"scenario": "x", "participant_ids": "lead", "duration_minutes": 5}
        )


def test_mapping_field_refuses_a_list() -> None:
    """A mapping (a company's frequencies) given as a list is refused by path."""
    with pytest.raises(DecodeError, match=r"Company\.frequencies: expected an object"):
        from_jsonable(Company, {"name": "x", "province": "AB", "frequencies": []})


def test_nested_object_refuses_plain_text() -> None:
    """A checklist line given as text instead of an object is refused at its index."""
    data = {"inspection_type": "site", "target": "Yard", "inspector_id": "w", "items": ["ok"]}
    with pytest.raises(DecodeError, match=r"InspectionBody\.items\[0\]: expected an object"):
        from_jsonable(InspectionBody, data)


def test_date_time_must_be_text() -> None:
    """A signing time given as a number (epoch seconds) is refused."""
    with pytest.raises(DecodeError, match=r"Signature\.signed_at: expected a date-time string"):
        from_jsonable(Signature, {**SIGNATURE, "signed_at": 1_700_000_000})


def test_date_time_must_be_a_real_date_time() -> None:
    """Text that is not an ISO date-time is refused, quoting it."""
    with pytest.raises(DecodeError, match=r"Signature\.signed_at: 'yesterday' is not a date-time"):
        from_jsonable(Signature, {**SIGNATURE, "signed_at": "yesterday"})


@pytest.mark.parametrize("value", ["20250101", "2025-1-1", 20250101])
def test_dates_must_be_written_yyyy_mm_dd(value: object) -> None:
    """Only YYYY-MM-DD is a date: compact or unpadded forms and numbers are refused."""
    data = {"worker_id": "w", "course": "x", "provider": "p", "expiry": value}
    with pytest.raises(DecodeError, match=r"TrainingBody\.expiry: expected a date as YYYY-MM-DD"):
        from_jsonable(TrainingBody, data)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_flags_must_be_true_or_false(value: object) -> None:
    """A yes/no field takes only JSON true or false."""
    with pytest.raises(DecodeError, match=r"Site\.active: expected true or false"):
        from_jsonable(Site, {"id": "s1", "name": "Yard", "active": value})


def test_unsupported_field_type_is_a_programming_error() -> None:
    """A field type the codec does not know is a TypeError naming the path, not bad data."""
    with pytest.raises(TypeError, match=r"Reading\.value: unsupported type"):
        from_jsonable(Reading, {"value": 1.5})


def test_unsupported_type_is_named_at_its_own_field_when_nested() -> None:
    with pytest.raises(TypeError, match=r"^Reading\.value: unsupported type"):
        from_jsonable(Logbook, {"readings": []})


def test_mapping_values_are_decoded_and_named_by_key() -> None:
    assert from_jsonable(Tally, {"counts": {"a": 1, "b": 2}}) == Tally({"a": 1, "b": 2})
    with pytest.raises(DecodeError, match=r"Tally\.counts\.b: expected a whole number"):
        from_jsonable(Tally, {"counts": {"a": 1, "b": "two"}})


def test_date_time_without_a_time_zone_is_refused() -> None:
    """A stored moment must say its offset; a bare date or naive time is bad data."""
    from datetime import datetime

    for raw in ("2026-11-02", "2026-11-02T10:00:00"):
        with pytest.raises(DecodeError, match="time zone"):
            from_jsonable(datetime, raw)


def test_week_and_compact_dates_are_not_dates() -> None:
    """'2026-W45-1' and '20261102' are refused where a date is expected."""
    for raw in ("2026-W45-1", "20261102"):
        with pytest.raises(DecodeError, match="expected a date as YYYY-MM-DD"):
            from_jsonable(date, raw)


class Code(str):
    """A text type that is not an enumeration."""


def test_text_subclasses_encode_as_themselves() -> None:
    """A str subclass (not an enum) is written as its text, like a plain str."""
    assert to_jsonable(Code("A-7")) == "A-7"
    assert to_jsonable([Code("x"), 3, None, True]) == ["x", 3, None, True]


def test_fields_at_a_default_from_a_factory_are_left_out() -> None:
    """A mapping field left at its factory default is omitted; a changed one is written."""
    company = Company(name="Prairie Roofing Ltd.", province=Province.AB)
    assert "frequencies" not in to_jsonable(company)
    weekly = Company(
        name="Prairie Roofing Ltd.",
        province=Province.AB,
        frequencies={RecordKind.FLHA: Frequency.WEEKLY},
    )
    assert to_jsonable(weekly)["frequencies"] == {"flha": "weekly"}


def test_encoding_the_same_type_twice_gives_the_same_form() -> None:
    """The per-type encoder is worked out once and gives equal output every time."""
    site = Site("s1", "Main yard")
    assert (
        to_jsonable(site)
        == to_jsonable(Site("s1", "Main yard"))
        == {"id": "s1", "name": "Main yard"}
    )


def test_short_texts_share_one_copy_and_long_ones_are_kept_whole() -> None:
    """Decoded records keep one copy of each short repeated text (memory), nothing else."""
    short, long_text = "Fall from the eave", "x" * 5000
    a = from_jsonable(
        Site, json.loads(json.dumps({"id": "s1", "name": short, "address": long_text}))
    )
    b = from_jsonable(
        Site, json.loads(json.dumps({"id": "s2", "name": short, "address": long_text}))
    )
    assert a.name == b.name == short and a.name is b.name
    assert a.address == b.address == long_text
