"""Each revision document is parsed once, in two parts when it is written data first."""

from __future__ import annotations

import json

import pytest

from secor_desktop.domain.canonical import GENESIS, canonical_bytes, chain_next, sha256_hex
from secor_desktop.domain.ledger import (
    StoredRevision,
    check_chain,
    same_split,
    split_document,
    split_envelope,
)

DOC = canonical_bytes(
    {"data": {"name": "Yard", "n": [1, {"a": None}]}, "entity": "site", "id": "s1", "revision": 1}
).decode()


def _revision(document: str) -> StoredRevision:
    content = sha256_hex(document.encode())
    link = chain_next(GENESIS, content)
    return StoredRevision(1, "site", "s1", 1, document, content, GENESIS, link)


def test_a_canonical_document_gives_its_data_text_exactly() -> None:
    """The data's text is the slice of the document that json.loads reads as its data."""
    parsed, data_text = split_document(DOC)
    assert parsed == json.loads(DOC)
    assert data_text == '{"n":[1,{"a":null}],"name":"Yard"}'


@pytest.mark.parametrize(
    "text",
    [
        '{"data": {"a": 1}, "id": "s1"}',  # white space after the key: parsed whole
        '{"data":{"a":1} ,"id":"s1"}',  # white space before the comma
        '{"data":{"a":1},"data":{"a":2}}',  # a second data key: json.loads keeps the last
        '{"data":{"a":1},}',  # a trailing comma, which json.loads refuses
        '{"data":{"a":1}}',  # nothing after the data
        '{"data":{"a":',  # cut short
        '{"id":"s1","data":{}}',  # data not first
    ],
)
def test_any_other_shape_is_parsed_whole_with_no_data_text(text: str) -> None:
    """Whatever the shape, the parse is json.loads's own; only the canonical shape is split."""
    parsed, data_text = split_document(text)
    assert data_text is None
    try:
        expected = json.loads(text)
    except ValueError:
        expected = None
    if expected is None:
        assert not isinstance(parsed, dict)
    else:
        assert parsed == expected


def test_the_chain_check_hands_each_data_text_on() -> None:
    """``on_data`` is told every revision with its data text (None when it has none)."""
    told: list[tuple[int, str | None]] = []
    head, problems = check_chain(
        [_revision(DOC), _revision("not json")], lambda rev, text: told.append((rev.seq, text))
    )
    assert told == [(1, '{"n":[1,{"a":null}],"name":"Yard"}'), (1, None)]
    assert head.count == 2
    assert "does not describe" in problems[0].message


def test_documents_already_read_are_not_parsed_again() -> None:
    """An import that has read every document asks only for hashes and links."""
    head, problems = check_chain([_revision("not json")], documents_read=True)
    assert problems == []
    assert head.count == 1


RECORD_DOC = canonical_bytes(
    {
        "data": {"title": 'Yard "A"', "n": [{"entered_at": 1}]},
        "entered_at": "2026-11-02T17:00:00+00:00",
        "entity": "record",
        "id": "r1",
        "reason": "typo, fixed",
        "revision": 2,
    }
).decode()


def test_the_envelope_is_cut_from_the_data_without_parsing_it() -> None:
    """The data's text and the rest parsed are what the whole parse gives, data aside."""
    rest, data_text = split_envelope(RECORD_DOC) or ({}, "")
    parsed, whole_text = split_document(RECORD_DOC)
    assert data_text == whole_text == '{"n":[{"entered_at":1}],"title":"Yard \\"A\\""}'
    assert rest == {k: v for k, v in parsed.items() if k != "data"}
    assert split_document(RECORD_DOC, parse_data=False) == (rest, data_text)
    assert same_split(RECORD_DOC)


@pytest.mark.parametrize(
    "text",
    [
        DOC,  # no entry time after the data
        RECORD_DOC.replace('"entity":"record"', '"entity":"company"'),  # the flags read its data
        RECORD_DOC.replace('"reason":"typo, fixed"', '"reason":'),  # the rest is not JSON
        RECORD_DOC.replace('"reason":', '"data":1,"reason":'),  # a second data key
        RECORD_DOC.replace('{"data":', '{ "data":'),  # not the program's shape
        '},"entered_at":"x"}',  # the marker at the very start
    ],
)
def test_any_other_document_is_not_cut(text: str) -> None:
    """A document the envelope cannot be cut from is left to the whole parse."""
    assert split_envelope(text) is None
    assert split_document(text, parse_data=False) == split_document(text)
    assert same_split(text)


def test_a_cut_that_is_not_the_whole_parses_is_told() -> None:
    """Data followed by more than one value before the entry time is cut elsewhere."""
    forged = RECORD_DOC.replace('"entered_at":"2026', '"x":{"y":1},"entered_at":"2026', 1)
    assert split_envelope(forged) is not None
    assert not same_split(forged)


def test_the_chain_check_can_leave_the_data_unparsed() -> None:
    """With the data vouched for, each data text is handed on all the same."""
    rev = StoredRevision(
        1, "record", "r1", 2, RECORD_DOC, sha256_hex(RECORD_DOC.encode()), GENESIS, ""
    )
    rev = StoredRevision(*[*vars(rev).values()][:7], chain_next(GENESIS, rev.content_sha256))
    told: list[str | None] = []
    head, problems = check_chain([rev], lambda r, t: told.append(t), data_vouched_for=True)
    assert told == ['{"n":[{"entered_at":1}],"title":"Yard \\"A\\""}']
    assert problems == [] and head.count == 1
