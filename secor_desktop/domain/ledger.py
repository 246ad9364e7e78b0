"""The revision ledger: flags on entries, and checking a chain link by link.

Pure functions over stored revisions so that ``verify``, the evidence pack and the import all
apply exactly the same rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

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
class StoredRevision:
    """A revision exactly as the database holds it."""

    seq: int
    entity_type: str
    entity_id: str
    revision: int
    document: str
    content_sha256: str
    prev_chain_sha256: str
    chain_sha256: str


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


def check_chain(revisions: Iterable[StoredRevision]) -> tuple[ChainHead, list[ChainProblem]]:
    """Recompute every content hash and chain link in order of ``seq``.

    Each link is checked against the stored link before it, so one edit is reported once, at
    the revision where it was made, not again at every later one. The head is the last stored
    link: when no problem is found it is also the recomputed one.
    """
    problems: list[ChainProblem] = []
    expected_prev = GENESIS
    count = 0
    for rev in revisions:
        count += 1

        def report(message: str, rev: StoredRevision = rev) -> None:
            problems.append(ChainProblem(rev.seq, rev.entity_type, rev.entity_id, message))

        if sha256_hex(rev.document.encode("utf-8")) != rev.content_sha256:
            report("its stored content no longer matches the hash recorded when it was saved")
        elif not _describes(rev):
            report("its document does not describe this revision")
        if rev.prev_chain_sha256 != expected_prev:
            report("the chain link before it was changed or removed")
        elif chain_next(rev.prev_chain_sha256, rev.content_sha256) != rev.chain_sha256:
            report("its chain hash does not follow from the revisions before it")
        expected_prev = rev.chain_sha256
    return ChainHead(count, expected_prev), problems


def _describes(rev: StoredRevision) -> bool:
    try:
        doc = json.loads(rev.document)
    except ValueError:
        return False
    return isinstance(doc, dict) and (doc.get("entity"), doc.get("id"), doc.get("revision")) == (
        rev.entity_type,
        rev.entity_id,
        rev.revision,
    )


def derive_flags(documents: Iterable[str]) -> Iterator[tuple[str, ...]]:
    """The flags each revision must carry, recomputed from the hashed documents alone.

    Walks the chain in order (``documents`` are the stored revision texts, oldest first), as
    the save did: the late-entry limit is the company's as saved by the newest company revision
    before (or at) each one; the previous entry time is that of the revision just before it.
    So ``verify`` can compare the stored flags with these, and an import never takes flags as
    given. A document that cannot be read yields no flags (the chain check reports it).
    """
    late_days = DEFAULT_LATE_ENTRY_DAYS
    previous: datetime | None = None
    for text in documents:
        try:
            doc = json.loads(text)
            entered_at = datetime.fromisoformat(doc["entered_at"])
            event_text = doc.get("event_date")
            event_date = date.fromisoformat(event_text) if event_text else None
            revision = int(doc["revision"])
            if doc.get("entity") == "company":
                late_days = int(doc["data"].get("late_entry_days", DEFAULT_LATE_ENTRY_DAYS))
        except (ValueError, KeyError, TypeError, AttributeError):
            yield ()
            continue
        yield revision_flags(
            first_revision=revision == 1,
            event_date=event_date,
            entered_at=entered_at,
            previous_entered_at=previous,
            late_entry_days=late_days,
        )
        previous = entered_at
