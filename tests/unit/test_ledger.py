"""The hash chain: recomputed link by link, any edit found at the revision edited."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from secor_desktop.domain.canonical import GENESIS, canonical_bytes, chain_next, sha256_hex
from secor_desktop.domain.ledger import (
    FLAG_CLOCK_BACKWARDS,
    FLAG_LATE_ENTRY,
    StoredColumns,
    StoredRevision,
    check_chain,
    derive_flags,
    revision_flags,
)


def _chain(documents: list[dict[str, object]]) -> list[StoredRevision]:
    out = []
    prev = GENESIS
    for seq, doc in enumerate(documents, start=1):
        full = {"entity": "site", "id": f"s{seq}", "revision": 1, "data": doc}
        text = canonical_bytes(full).decode()
        content = sha256_hex(text.encode())
        link = chain_next(prev, content)
        out.append(StoredRevision(seq, "site", f"s{seq}", 1, text, content, prev, link))
        prev = link
    return out


docs = st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=10)), min_size=1, max_size=8)


@given(docs)
def test_untouched_chain_has_no_problems(documents: list[dict[str, object]]) -> None:
    """A chain built by the rules checks clean, and its head is the last link."""
    chain = _chain(documents)
    head, problems = check_chain(chain)
    assert problems == [] and head.count == len(chain) and head.sha256 == chain[-1].chain_sha256


@given(docs, st.data())
def test_edited_document_is_found_at_its_revision(
    documents: list[dict[str, object]], data: st.DataObject
) -> None:
    """Editing any one stored document is reported at exactly that revision."""
    chain = _chain(documents)
    i = data.draw(st.integers(0, len(chain) - 1))
    doc = json.loads(chain[i].document)
    doc["data"]["tampered"] = "yes"
    chain[i] = replace(chain[i], document=canonical_bytes(doc).decode())
    _, problems = check_chain(chain)
    assert {p.seq for p in problems} == {i + 1}


def test_removed_revision_breaks_the_next_link() -> None:
    """Deleting a revision from the middle is reported at the one after it."""
    chain = _chain([{"a": "1"}, {"b": "2"}, {"c": "3"}])
    del chain[1]
    _, problems = check_chain(chain)
    assert [p.seq for p in problems] == [3]


def test_empty_chain_has_genesis_head() -> None:
    """No revisions: count 0 and the all-zero head."""
    head, problems = check_chain([])
    assert (head.count, head.sha256, problems) == (0, GENESIS, [])


def test_document_describing_another_revision_is_reported() -> None:
    """A valid-hash document that names another entity is reported."""
    (rev,) = _chain([{"a": "1"}])
    moved = replace(rev, entity_id="someone-else")
    _, problems = check_chain([moved])
    assert problems and "does not describe this revision" in problems[0].message


NOON = datetime(2026, 3, 20, 12, tzinfo=UTC)


def test_entry_more_than_seven_days_late_is_flagged() -> None:
    """An entry made 8 days after its event is flagged late."""
    flags = revision_flags(
        first_revision=True,
        event_date=date(2026, 3, 12),
        entered_at=NOON,
        previous_entered_at=None,
        late_entry_days=7,
    )
    assert flags == (FLAG_LATE_ENTRY,)


def test_entry_exactly_seven_days_late_is_not_flagged() -> None:
    """The limit itself is allowed: 7 days later is on time."""
    flags = revision_flags(
        first_revision=True,
        event_date=date(2026, 3, 13),
        entered_at=NOON,
        previous_entered_at=None,
        late_entry_days=7,
    )
    assert flags == ()


def test_amendments_are_not_flagged_late() -> None:
    """A later revision of an old record is an amendment, not a back-dated entry."""
    flags = revision_flags(
        first_revision=False,
        event_date=date(2025, 1, 1),
        entered_at=NOON,
        previous_entered_at=None,
        late_entry_days=7,
    )
    assert flags == ()


def test_clock_going_backwards_is_flagged() -> None:
    """An entry time before the previous revision's is flagged."""
    flags = revision_flags(
        first_revision=True,
        event_date=None,
        entered_at=NOON,
        previous_entered_at=NOON.replace(hour=13),
        late_entry_days=7,
    )
    assert flags == (FLAG_CLOCK_BACKWARDS,)


def test_chain_head_reads_as_count_and_hash() -> None:
    """The head is shown as how many revisions there are and the last link."""
    head, _ = check_chain(_chain([{"a": "1"}, {"b": "2"}]))
    assert str(head) == f"2 revisions, head {head.sha256}"


def test_forged_chain_hash_is_reported_at_its_revision() -> None:
    """A stored chain hash that does not follow from the links before it is reported."""
    chain = _chain([{"a": "1"}, {"b": "2"}])
    chain[-1] = replace(chain[-1], chain_sha256="f" * 64)
    _, problems = check_chain(chain)
    assert [(p.seq, p.message) for p in problems] == [
        (2, "its chain hash does not follow from the revisions before it")
    ]


def test_document_that_is_not_json_is_reported() -> None:
    """A revision whose document is not JSON at all, even with a matching hash, is reported."""
    text = "not json {"
    content = sha256_hex(text.encode())
    rev = StoredRevision(1, "site", "s1", 1, text, content, GENESIS, chain_next(GENESIS, content))
    _, problems = check_chain([rev])
    assert [p.message for p in problems] == ["its document does not describe this revision"]


def _doc(entity: str, revision: int, entered: str, event: str | None = None, **data: object) -> str:
    return canonical_bytes(
        {
            "entity": entity,
            "id": "x",
            "revision": revision,
            "event_date": event,
            "entered_at": entered,
            "data": data,
        }
    ).decode()


def test_derive_flags_recomputes_late_entry_with_the_limit_then_in_force() -> None:
    """Late entry uses the company's limit as saved before the record, not a later one."""
    docs = [
        _doc("company", 1, "2025-01-01T00:00:00+00:00", late_entry_days=30),
        _doc("record", 1, "2025-03-01T00:00:00+00:00", "2025-02-01"),  # 28 days: in time
        _doc("company", 2, "2025-03-02T00:00:00+00:00", late_entry_days=10),
        _doc("record", 1, "2025-03-03T00:00:00+00:00", "2025-02-01"),  # 30 days: late
        _doc("record", 2, "2025-03-04T00:00:00+00:00", "2025-01-01"),  # amendment: never late
    ]
    assert list(derive_flags(docs)) == [(), (), (), (FLAG_LATE_ENTRY,), ()]


def test_derive_flags_defaults_the_limit_and_finds_a_clock_going_backwards() -> None:
    """Without a company the default limit applies; an earlier entry time than the one before."""
    docs = [
        _doc("record", 1, "2025-03-10T00:00:00+00:00", "2025-03-02"),  # 8 days > 7
        _doc("site", 1, "2025-03-09T00:00:00+00:00"),
        "not json",
    ]
    assert list(derive_flags(docs)) == [(FLAG_LATE_ENTRY,), (FLAG_CLOCK_BACKWARDS,), ()]


def _with_columns(
    entered: str = "2025-03-10T09:00:00+00:00",
    event: str | None = "2025-03-10",
    reason: str | None = "fixed a typo",
    columns: dict[str, str | None] | None = None,
) -> StoredRevision:
    """One record revision whose columns are as saved unless overridden."""
    text = canonical_bytes(
        {
            "entity": "record",
            "id": "r1",
            "revision": 2,
            "event_date": event,
            "entered_at": entered,
            "reason": reason,
            "data": {},
        }
    ).decode()
    content = sha256_hex(text.encode())
    saved = {
        "event_date": event,
        "entered_at": "2025-03-10T09:00:00+00:00",
        "reason": reason,
        "flags": "",
    }
    stored = StoredColumns(**(saved | (columns or {})))  # type: ignore[arg-type]
    link = chain_next(GENESIS, content)
    return StoredRevision(1, "record", "r1", 2, text, content, GENESIS, link, stored)


def test_columns_as_saved_have_no_problems() -> None:
    """Columns equal to the hashed document (entry time in UTC) check clean."""
    _, problems = check_chain([_with_columns(entered="2025-03-10T03:00:00-06:00")])
    assert problems == []


def test_each_edited_column_is_reported_with_stored_and_hashed_values() -> None:
    """An edited event date, entry time, reason or flags column is named, stored vs hashed."""
    rev = _with_columns(
        columns={
            "event_date": "2025-03-01",
            "entered_at": "2025-03-11T09:00:00+00:00",
            "reason": None,
            "flags": "late_entry",
        }
    )
    _, problems = check_chain([rev])
    assert [p.message for p in problems] == [
        "its event date column says '2025-03-01' but its hashed document says '2025-03-10'",
        "its entry time column says '2025-03-11T09:00:00+00:00' but its hashed document says "
        "'2025-03-10T09:00:00+00:00'",
        "its reason column says nothing but its hashed document says 'fixed a typo'",
        "its flags column says 'late_entry' but the hashed dates give nothing",
    ]


def test_unreadable_entry_time_in_the_document_is_compared_as_text() -> None:
    """A hashed entry time that is not a date-time (or has no zone) differs from the column."""
    for entered in ("yesterday", "2025-03-10T09:00:00", 12):
        rev = _with_columns(entered=entered)  # type: ignore[arg-type]
        _, problems = check_chain([rev])
        assert [p.message.split(" column")[0] for p in problems] == ["its entry time"]


def test_renumbered_revision_is_reported_once() -> None:
    """A revision whose number no longer follows the one before it is named."""
    chain = _chain([{"a": "1"}, {"b": "2"}, {"c": "3"}])
    chain[2] = replace(chain[2], seq=1000)
    _, problems = check_chain(chain)
    assert [(p.seq, p.message) for p in problems] == [
        (1000, "its number #1000 does not follow #2: revisions were renumbered")
    ]
