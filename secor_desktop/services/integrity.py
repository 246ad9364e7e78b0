"""``verify``: is every stored record still exactly what was saved and signed?

Four checks, each naming what fails: the hash chain link by link; each entity's current
tables against its newest revision; each record's readiness projection against the same
revision (``verify_projection``); each photo and signature image against its hash.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from secor_desktop.domain.canonical import ENTITY_RECORD, Entity, canonical_bytes, entity_data
from secor_desktop.domain.ledger import (
    ChainHead,
    ChainProblem,
    StoredRevision,
    check_chain,
    same_split,
)
from secor_desktop.domain.model import Record
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.exchange_verify import link_problems
from secor_desktop.services.gc_pause import collector_paused
from secor_desktop.services.verify_projection import (
    ProjectionCheck,
    plain_row_of,
    record_of_document,
    record_of_rows,
)
from secor_desktop.services.verify_records import check_record, data_digest
from secor_desktop.storage import verify_rows
from secor_desktop.storage.uow import SqlUnitOfWork
from secor_desktop.storage.verify_rows import EntityState


@dataclass(frozen=True)
class IntegrityProblem:
    entity_type: str
    entity_id: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label} [{self.entity_type} {self.entity_id}]: {self.message}"


@dataclass(frozen=True)
class VerifyReport:
    head: ChainHead
    entities_checked: int
    files_checked: int
    problems: list[IntegrityProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _differing_fields(current: dict[str, object], saved: dict[str, object]) -> list[str]:
    keys = sorted(set(current) | set(saved))
    return [k for k in keys if canonical_bytes(current.get(k)) != canonical_bytes(saved.get(k))]


def _compare(entity: Entity, document: str) -> str | None:
    try:
        saved = json.loads(document)["data"]
    except (ValueError, KeyError, TypeError):
        return "its newest revision cannot be read"
    now = entity_data(entity)
    if canonical_bytes(now) == canonical_bytes(saved):
        return None
    fields = ", ".join(_differing_fields(now, saved))
    return f"differs from what was saved and signed (changed: {fields})"


WRONG_ROLE = (
    "its 'entered by' was written around the program (on a server the database role that "
    "saved it is missing; in a file, where none is kept, one was added)"
)

VerifyProgress = Callable[[int, int], None]
"""Told (done, total) every so often: revisions read, then records checked, then files."""
PROGRESS_EVERY = 2_000


class _Latest:
    """The newest revision of each entity, remembered by its number and a digest of its data
    text (not the text: 100,000 records' documents would not fit in memory beside the rest)."""

    def __init__(self, tell: Callable[[], None]) -> None:
        self.newest: dict[tuple[str, str], tuple[int, bytes | None]] = {}
        self.tell = tell
        self.unsettled: list[int] = []  # revisions whose data no record row will vouch for

    def seen(self, rev: StoredRevision, data_text: str | None) -> None:
        key = (rev.entity_type, rev.entity_id)
        before = self.newest.get(key)
        if before is not None:
            self.unsettled.append(before[0])  # superseded: no table holds its data now
        if rev.entity_type != ENTITY_RECORD:
            self.unsettled.append(rev.seq)  # compared with its tables after a parse
        digest = None if data_text is None else data_digest(data_text)
        self.newest[key] = (rev.seq, digest)
        self.tell()


def verify(
    ctx: ServiceContext,
    within: SqlUnitOfWork | None = None,
    progress: VerifyProgress | None = None,
) -> VerifyReport:
    """Check everything; ``within`` reads inside that unit of work (the evidence pack reads
    what it prints in the same snapshot, so nothing can change between the check and the print).

    Each revision is parsed once and each record encoded once (``verify_records``); a record
    that does not match to the byte is read again the old way, so problems read as they
    always have.
    """
    opened: AbstractContextManager[SqlUnitOfWork] = (
        nullcontext(within) if within is not None else ctx.uow()
    )
    with collector_paused(), opened as uow:
        n_revisions, n_records = verify_rows.sizes(uow)
        counter = _Counter(progress, n_revisions + n_records)
        checked = _check(uow, counter, vouch=True)
        if checked is None:  # a document not cut as the program writes it: read each whole
            checked = _check(uow, _Counter(None, 0), vouch=False)
            assert checked is not None
    head, run, problems = checked
    counter.more(len(run.blob_refs))
    for sha, label in sorted(run.blob_refs.items(), key=lambda kv: kv[1]):
        counter.step()
        trouble = ctx.blobs.check(sha)
        if trouble:
            problems.append(IntegrityProblem("file", sha, label, trouble))
    counter.finish()
    return VerifyReport(head, run.checked, len(run.blob_refs), problems)


def _check(
    uow: SqlUnitOfWork, counter: _Counter, *, vouch: bool
) -> tuple[ChainHead, _Pass, list[IntegrityProblem]] | None:
    """The chain, the tables and the projection in one pass. With ``vouch`` the records'
    newest data is cut out of each document unparsed (``ledger.split_envelope``): a record
    whose rows give exactly that text vouches for it, and every other revision's cut is
    checked against a whole parse at the end; None when one differs (then the caller checks
    again without ``vouch``, so every problem reads as it always has)."""
    latest = _Latest(counter.step)
    head, chain_problems = check_chain(
        verify_rows.revisions(uow), latest.seen, data_vouched_for=vouch
    )
    run = _Pass(uow, latest.newest, {(cp.entity_type, cp.entity_id) for cp in chain_problems})
    for cur in verify_rows.other_entities(uow):
        run.note(cur)
    run.check_records(counter)
    if vouch:
        unsettled = latest.unsettled + [
            seq
            for (etype, eid), (seq, _) in latest.newest.items()
            if etype == ENTITY_RECORD and eid not in run.vouched
        ]
        if not all(same_split(doc) for doc in verify_rows.documents_at_each(uow, unsettled)):
            return None
    run.check_projection()
    problems = run.problems(chain_problems)
    for entry, message in link_problems(uow):
        problems.append(
            IntegrityProblem(entry.entity_type, entry.entity_id, "Received revision", message)
        )
    problems += [
        IntegrityProblem(etype, eid, f"revision #{seq}", WRONG_ROLE)
        for seq, etype, eid in verify_rows.revisions_with_a_wrong_entered_by(uow)
    ]
    return head, run, problems


class _Pass:
    """One verify pass over the tables, against the newest hashed revision of each item."""

    def __init__(
        self,
        uow: SqlUnitOfWork,
        newest: dict[tuple[str, str], tuple[int, bytes | None]],
        wanted_labels: set[tuple[str, str]],
    ) -> None:
        self.uow, self.newest, self.wanted_labels = uow, newest, wanted_labels
        self.entity_problems: list[IntegrityProblem] = []
        self.seen: set[tuple[str, str]] = set()
        self.vouched: set[str] = set()  # records whose rows give their newest data to the byte
        self.blob_refs: dict[str, str] = {}
        self.labels: dict[tuple[str, str], str] = {}
        self.checked = 0
        self.projection = ProjectionCheck(self._newest_record_document)
        self.projection_problems: list[IntegrityProblem] = []

    def _newest_record_document(self, record_id: str) -> str | None:
        found = self.newest.get((ENTITY_RECORD, record_id))
        return verify_rows.document_at(self.uow, found[0]) if found else None

    def _expect_from_chain(self, record_id: str, label: str) -> None:
        """The projection a record should have, from its newest revision's document."""
        document = self._newest_record_document(record_id)
        if document is not None:
            self.projection.expect(record_of_document(document), label)

    def note(self, cur: EntityState) -> None:
        """Compare one item read the typed way with its newest revision."""
        self.checked += 1
        key = (cur.entity_type, cur.entity_id)
        self.seen.add(key)
        if key in self.wanted_labels:
            self.labels[key] = cur.label
        messages = list(cur.problems)
        found = self.newest.get(key)
        if cur.entity is not None and found is None:
            messages = ["has no saved revision: it was added outside secor-desktop"]
        elif cur.entity is not None and found is not None:
            diff = _compare(cur.entity, verify_rows.document_at(self.uow, found[0]) or "")
            if diff:
                # The field-level difference says it all; hash and status notes follow.
                messages = [diff]
        self.entity_problems.extend(
            IntegrityProblem(cur.entity_type, cur.entity_id, cur.label, m) for m in messages
        )
        if isinstance(cur.entity, Record):
            for a in cur.entity.attachments:
                self.blob_refs.setdefault(a.sha256, f"{cur.label}: attachment {a.filename}")
            for s in cur.entity.signatures:
                self.blob_refs.setdefault(
                    s.image_sha256, f"{cur.label}: signature of {s.signer_name}"
                )

    def check_records(self, counter: _Counter) -> None:
        """Records from plain rows; one that does not match to the byte is read again."""
        bad_records = verify_rows.unreadable_records(self.uow)
        for record_id, why in bad_records.items():
            self.note(
                EntityState(
                    ENTITY_RECORD,
                    record_id,
                    f"record {record_id}",
                    None,
                    (f"cannot be read: {why}",),
                )
            )
            self._expect_from_chain(record_id, f"record {record_id}")
        for row, atts, sigs, stored in verify_rows.record_rows(self.uow, bad_records):
            counter.step()
            key = (ENTITY_RECORD, row.id)
            found = self.newest.get(key)
            passed = check_record(row, atts, sigs, found[1] if found else None)
            if passed is None:
                state = verify_rows.read_record(self.uow, row.id)
                self.note(state)
                self._expect_from_chain(row.id, state.label)
                continue
            self.checked += 1
            self.seen.add(key)
            self.vouched.add(row.id)
            label, refs = passed.label, passed.refs
            try:  # the rows are the newest revision's data, to the byte
                plain = plain_row_of(row, passed.body, passed.signatures)
                if plain is not None:
                    self.projection.expect_row(row.id, plain, label, stored)
                else:
                    self.projection.expect(record_of_rows(row, atts, sigs), label, stored)
            except (ValueError, TypeError, KeyError, LookupError, AttributeError):
                self._expect_from_chain(row.id, label)
            if key in self.wanted_labels:
                self.labels[key] = label
            for sha, who in refs:
                self.blob_refs.setdefault(sha, who)

    def check_projection(self) -> None:
        """Each stored readiness projection row against its record's newest revision."""
        stored = verify_rows.projection_rows(self.uow)
        self.projection_problems = [
            IntegrityProblem(ENTITY_RECORD, record_id, label, message)
            for record_id, label, message in self.projection.problems(stored)
        ]

    def problems(self, chain_problems: list[ChainProblem]) -> list[IntegrityProblem]:
        """The ledger's problems first, each naming the revision and the item it belongs to."""
        problems = [
            IntegrityProblem(
                cp.entity_type,
                cp.entity_id,
                f"revision #{cp.seq} of "
                + self.labels.get((cp.entity_type, cp.entity_id), cp.entity_type.replace("_", " ")),
                cp.message,
            )
            for cp in chain_problems
        ]
        problems += self.entity_problems
        problems += self.projection_problems
        for key in sorted(set(self.newest) - self.seen):
            problems.append(
                IntegrityProblem(
                    key[0], key[1], f"{key[0]} {key[1]}", "was removed from the tables"
                )
            )
        return problems


class _Counter:
    """Calls ``progress`` every ``PROGRESS_EVERY`` steps, and once at the end."""

    def __init__(self, progress: VerifyProgress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def step(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0:
            self.progress(self.done, self.total)

    def more(self, n: int) -> None:
        self.total += n

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)
