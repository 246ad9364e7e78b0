"""Each revision document is parsed once, in two parts when it is written data first."""

from __future__ import annotations

import json

import pytest

from secor_desktop.domain.canonical import GENESIS, canonical_bytes, chain_next, sha256_hex
from secor_desktop.domain.ledger import StoredRevision, check_chain, split_document

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
