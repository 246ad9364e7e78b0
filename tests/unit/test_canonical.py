"""The canonical form and its hash: stable, complete, and reversible."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from secor_desktop.domain import codec
from secor_desktop.domain.bodies import DrillBody
from secor_desktop.domain.canonical import (
    ENTITY_RECORD,
    canonical_bytes,
    entity_data,
    entity_from_data,
    record_content_hash,
    sha256_hex,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import spec_for
from tests.unit.strategies import records


def test_canonical_bytes_sort_keys_and_keep_accents() -> None:
    """Keys are sorted, no spaces, and 'é' is written as UTF-8, not as an escape."""
    assert canonical_bytes({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


def test_known_hash_of_a_known_document() -> None:
    """The hash of a fixed document never changes between versions."""
    assert sha256_hex(canonical_bytes({"a": 1})) == (
        "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862"
    )


@given(records())
def test_record_data_round_trips(record: Record) -> None:
    """A record rebuilt from its canonical data is the same record."""
    assert entity_from_data(ENTITY_RECORD, entity_data(record)) == record


@given(records(), st.data())
def test_any_changed_body_field_changes_the_hash(record: Record, data: st.DataObject) -> None:
    """Changing any one field of a record's body gives a different content hash."""
    fields = dataclasses.fields(record.body)  # type: ignore[arg-type]
    field = data.draw(st.sampled_from(fields))
    hints = codec._hints(spec_for(record.kind).body)
    new_value = data.draw(st.from_type(hints[field.name]))
    assume(new_value != getattr(record.body, field.name))
    body = dataclasses.replace(record.body, **{field.name: new_value})  # type: ignore[type-var]
    changed = dataclasses.replace(record, body=body)
    assert record_content_hash(changed) != record.content_sha256


@given(records(), st.data())
def test_any_changed_common_field_changes_the_hash(record: Record, data: st.DataObject) -> None:
    """Changing the title, date, site or attachments gives a different content hash."""
    name = data.draw(st.sampled_from(["title", "event_date", "site_id", "id"]))
    strategies = {
        "event_date": st.dates(),
        "site_id": st.none() | st.text(max_size=20),
        "title": st.text(max_size=20),
        "id": st.text(max_size=20),
    }
    new_value = data.draw(strategies[name])
    assume(new_value != getattr(record, name))
    assert record_content_hash(dataclasses.replace(record, **{name: new_value})) != (
        record.content_sha256
    )


def test_void_mark_is_outside_the_signed_content() -> None:
    """A void mark leaves the signed content hash alone but changes the revision data."""
    r = Record(
        "r1",
        RecordKind.DRILL,
        "Fire drill",
        date(2026, 5, 4),
        None,
        DrillBody("Fire in the shop", ("w1",), 12),
    )
    voided = dataclasses.replace(r, void_reason="duplicate")
    assert record_content_hash(r) == record_content_hash(voided)
    assert canonical_bytes(entity_data(r)) != canonical_bytes(entity_data(voided))


def test_record_data_must_be_an_object() -> None:
    """Record data that is not an object is refused as bad data, not a crash."""
    with pytest.raises(codec.DecodeError, match="record: expected an object"):
        entity_from_data(ENTITY_RECORD, ["r1", "drill"])  # type: ignore[arg-type]


def test_unknown_entity_type_is_refused() -> None:
    """Revision data for an entity type the program does not have is refused by name."""
    with pytest.raises(codec.DecodeError, match="unknown entity type 'vehicle'"):
        entity_from_data("vehicle", {"id": "v1"})
