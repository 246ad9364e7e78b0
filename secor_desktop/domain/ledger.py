"""The revision ledger: flags on entries, and checking a chain link by link.

Pure functions over stored revisions so that ``verify``, the evidence pack and the import all
apply exactly the same rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from secor_desktop.domain.canonical import GENESIS, chain_next, sha256_hex
from secor_desktop.domain.model import DEFAULT_LATE_ENTRY_DAYS

FLAG_LATE_ENTRY = "late_entry"  # entered long after the event it describes
FLAG_CLOCK_BACKWARDS = "clock_backwards"  # entered 'before' the previous revision


def revision_flags(
    *,
    first_revision: bool,
    event_date: date | None,
    entered_at: datetime,
    previous_entered_at: datetime | None,
    late_entry_days: int,
) -> tuple[str, ...]:
    """Flags are facts an auditor should see; they never block a save."""
    flags: list[str] = []
    if (
        first_revision
        and event_date is not None
        and (entered_at.date() - event_date).days > late_entry_days
    ):
        flags.append(FLAG_LATE_ENTRY)
    if previous_entered_at is not None and entered_at < previous_entered_at:
        flags.append(FLAG_CLOCK_BACKWARDS)
    return tuple(flags)


@dataclass(frozen=True)
class StoredColumns:
    """The columns kept beside a revision's document, which histories and the pack show.

    Held as the database's text, unparsed, so that even an unreadable value is compared.
    """

    event_date: str | None
    entered_at: str
    reason: str | None
    flags: str


@dataclass(frozen=True)
class StoredRevision:
    """A revision exactly as the database holds it (``columns`` when they were read too)."""

    seq: int
    entity_type: str
    entity_id: str
    revision: int
    document: str
    content_sha256: str
    prev_chain_sha256: str
    chain_sha256: str
    columns: StoredColumns | None = None


@dataclass(frozen=True)
class ChainHead:
    count: int
    sha256: str

    def __str__(self) -> str:
        return f"{self.count} revisions, head {self.sha256}"


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    entity_type: str
    entity_id: str
    message: str


DataSeen = Callable[[StoredRevision, str | None], None]
"""Told each revision and the exact text of its document's data (None when it has none)."""


def check_chain(
    revisions: Iterable[StoredRevision],
    on_data: DataSeen | None = None,
    *,
    documents_read: bool = False,
    data_vouched_for: bool = False,
) -> tuple[ChainHead, list[ChainProblem]]:
    """Recompute every content hash and chain link in order of ``seq``.

    Each link is checked against the stored link before it, so one edit is reported once, at
    the revision where it was made, not again at every later one. The head is the last stored
    link: when no problem is found it is also the recomputed one. When the columns beside the
    documents were read, each is compared with its hashed document, and the flags with those
    recomputed from the hashed dates (``derive_flags``). Each document is parsed once;
    ``on_data`` (``verify``) gets the exact text of its data, to compare with the tables
    without parsing or encoding it again. ``documents_read`` says the caller has already
    parsed every document and found it describes its revision (an import does), and no
    columns were read: then only the hashes and links are left to check.
    ``data_vouched_for`` says the caller will itself make sure each data text is what the
    whole parse would cut out (``verify`` compares most to the tables byte for byte and the
    rest with ``same_split``): then the data is cut out unparsed (``split_envelope``).
    """
    problems: list[ChainProblem] = []
    expected_prev = GENESIS
    count = 0
    previous_seq = 0
    flagger = _Flagger()
    for rev in revisions:
        count += 1

        def report(message: str, rev: StoredRevision = rev) -> None:
            problems.append(ChainProblem(rev.seq, rev.entity_type, rev.entity_id, message))

        flags: tuple[str, ...] = ()
        doc: dict[str, Any] | None = {}
        if not (documents_read and rev.columns is None):
            parsed, data_text = split_document(rev.document, parse_data=not data_vouched_for)
            flags = flagger.flags(parsed)
            if on_data is not None:
                on_data(rev, data_text)
            doc = _describing(rev, parsed)
        if sha256_hex(rev.document.encode("utf-8")) != rev.content_sha256:
            report("its stored content no longer matches the hash recorded when it was saved")
        elif doc is None:
            report("its document does not describe this revision")
        elif rev.columns is not None:
            for message in column_differences(rev.columns, doc, flags):
                report(message)
        if rev.prev_chain_sha256 != expected_prev:
            report("the chain link before it was changed or removed")
        elif chain_next(rev.prev_chain_sha256, rev.content_sha256) != rev.chain_sha256:
            report("its chain hash does not follow from the revisions before it")
        elif rev.seq != previous_seq + 1:
            report(
                f"its number #{rev.seq} does not follow #{previous_seq}: revisions were renumbered"
            )
        expected_prev = rev.chain_sha256
        previous_seq = rev.seq
    return ChainHead(count, expected_prev), problems


_UNREADABLE = object()
"""What ``split_document`` gives for text that is not JSON."""
_HEAD = '{"data":'
_DECODER = json.JSONDecoder()


def split_document(text: str, *, parse_data: bool = True) -> tuple[Any, str | None]:
    """The document parsed (``json.loads``'s very result, or ``_UNREADABLE``), and the exact
    text of its ``data`` when the document is written as the program writes it, data first.

    Parsed in two parts (the data, then the rest) so the data's text is known without
    encoding it again; any other shape, or a second ``data`` key, is parsed whole. Without
    ``parse_data`` the data is only cut out when it can be (``split_envelope``).
    """
    if not parse_data:
        envelope = split_envelope(text)
        if envelope is not None:
            return envelope
    if text.startswith(_HEAD):
        try:
            data, end = _DECODER.raw_decode(text, len(_HEAD))
            rest = json.loads("{" + text[end + 1 :]) if text[end : end + 1] == "," else None
        except ValueError:
            rest = None
        # An empty rest would be a trailing comma, which json.loads refuses.
        if isinstance(rest, dict) and rest and "data" not in rest:
            rest["data"] = data
            return rest, text[len(_HEAD) : end]
    try:
        return json.loads(text), None
    except ValueError:
        return _UNREADABLE, None


_ENVELOPE = '},"entered_at":'
"""Where the data ends in a document written as the program writes it: ``entered_at`` is the
first key after ``data``. A quote never follows a comma inside a JSON string, so each such
text in a document is structure, and the envelope's own is the last."""


def split_envelope(text: str) -> tuple[dict[str, Any], str] | None:
    """The document's envelope parsed (without ``data``) and its data's text cut out
    unparsed, for a document of the program's shape that is not the company's (whose data
    the flags read); None for any other.

    The data holds nearly all of a document, and a caller that compares the data's text
    byte for byte with text it built (``verify``, with the tables) need not parse it. Whether
    the cut is the one ``split_document`` makes is for the caller to settle: a text equal to
    JSON it wrote is; any other it passes to ``same_split``.
    """
    end = text.rfind(_ENVELOPE) + 1
    if not text.startswith(_HEAD) or end <= len(_HEAD):
        return None
    try:
        rest = json.loads("{" + text[end + 1 :])
    except ValueError:
        return None
    if "data" in rest or rest.get("entity") == "company":  # a dict: its text opens with {
        return None
    return rest, text[len(_HEAD) : end]


def same_split(text: str) -> bool:
    """Whether ``split_envelope`` and the whole parse make the same cut of this document (or
    neither splits it): then the chain check finds the same either way."""
    envelope = split_envelope(text)
    return envelope is None or split_document(text)[1] == envelope[1]


def _describing(rev: StoredRevision, doc: Any) -> dict[str, Any] | None:
    """The revision's document, when it is JSON describing this very revision."""
    if isinstance(doc, dict) and (doc.get("entity"), doc.get("id"), doc.get("revision")) == (
        rev.entity_type,
        rev.entity_id,
        rev.revision,
    ):
        return doc
    return None


def _utc_text(value: object) -> object:
    """An entry time as the column stores it (UTC, ISO 8601); other values as they are."""
    if not isinstance(value, str):
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.astimezone(UTC).isoformat() if moment.tzinfo else value


def _say(value: object) -> str:
    return "nothing" if value is None else f"'{value}'"


def column_differences(
    columns: StoredColumns, doc: dict[str, Any], flags: tuple[str, ...]
) -> list[str]:
    """Each column that differs from what the hashed document says, stored vs hashed."""
    hashed = (
        ("event date", columns.event_date, doc.get("event_date")),
        ("entry time", columns.entered_at, _utc_text(doc.get("entered_at"))),
        ("reason", columns.reason, doc.get("reason")),
    )
    out = [
        f"its {name} column says {_say(stored)} but its hashed document says {_say(value)}"
        for name, stored, value in hashed
        if stored != value
    ]
    derived = ",".join(flags)
    if columns.flags != derived:
        out.append(
            f"its flags column says {_say(columns.flags or None)} but the hashed dates give "
            f"{_say(derived or None)}"
        )
    return out


def derive_flags(documents: Iterable[str]) -> Iterator[tuple[str, ...]]:
    """The flags each revision must carry, recomputed from the hashed documents alone.

    Walks the chain in order (``documents`` are the stored revision texts, oldest first), as
    the save did: the late-entry limit is the company's as saved by the newest company revision
    before (or at) each one; the previous entry time is that of the revision just before it.
    So ``verify`` can compare the stored flags with these, and an import never takes flags as
    given. A document that cannot be read yields no flags (the chain check reports it).
    """
    flagger = _Flagger()
    for text in documents:
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = _UNREADABLE
        yield flagger.flags(parsed)


class _Flagger:
    """``derive_flags`` one parsed document at a time (the chain check parses each once)."""

    def __init__(self) -> None:
        self.late_days = DEFAULT_LATE_ENTRY_DAYS
        self.previous: datetime | None = None

    def flags(self, doc: Any) -> tuple[str, ...]:
        try:
            entered_at = datetime.fromisoformat(doc["entered_at"])
            event_text = doc.get("event_date")
            event_date = date.fromisoformat(event_text) if event_text else None
            revision = int(doc["revision"])
            if doc.get("entity") == "company":
                self.late_days = int(doc["data"].get("late_entry_days", DEFAULT_LATE_ENTRY_DAYS))
        except (ValueError, KeyError, TypeError, AttributeError):
            return ()
        flags = revision_flags(
            first_revision=revision == 1,
            event_date=event_date,
            entered_at=entered_at,
            previous_entered_at=self.previous,
            late_entry_days=self.late_days,
        )
        self.previous = entered_at
        return flags
