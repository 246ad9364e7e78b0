"""Writing many new rows in one go: a bundle replayed into an empty data folder.

``SqlUnitOfWork.write_current`` and ``insert_revision_verbatim`` write one entity at a time
through the ORM: a read to find the row, a flush, the children read back and replaced. That is
right for a save, and a hundred times too slow for 100,000 records arriving at once into a
database that holds none of them. Here the rows of new records, their attachments and their
signatures, and the revisions, are written with one ``executemany`` per table and batch,
inside the caller's transaction, and the search index is filled by one statement at the end
(``fulltext.deferred_indexing``). The values are those ``mapping`` gives a row (a test keeps
the two equal); nothing is read back, so only use this for rows that do not exist yet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import islice
from typing import Any

from sqlalchemy import Table, insert

from secor_desktop.domain import codec
from secor_desktop.domain.ledger import StoredRevision
from secor_desktop.domain.model import Record, RevisionInfo
from secor_desktop.storage import fulltext, projection
from secor_desktop.storage.rows import AttachmentRow, RecordRow, RevisionRow, SignatureRow
from secor_desktop.storage.server import serialise_appends
from secor_desktop.storage.uow import SqlUnitOfWork

BATCH = 5_000

RECORDS: Table = RecordRow.__table__  # type: ignore[assignment]
ATTACHMENTS: Table = AttachmentRow.__table__  # type: ignore[assignment]
SIGNATURES: Table = SignatureRow.__table__  # type: ignore[assignment]
REVISIONS: Table = RevisionRow.__table__  # type: ignore[assignment]


def record_values(record: Record, body: Any = None) -> dict[str, Any]:
    """The ``records`` row of a record, as ``mapping.record_to_row`` fills it; ``body``, its
    body already encoded as JSON values (an import has them from the hashing), if given."""
    body = codec.to_jsonable(record.body) if body is None else body
    return {
        "id": record.id,
        "kind": record.kind.value,
        "title": record.title,
        "event_date": record.event_date,
        "site_id": record.site_id,
        "body_json": json.dumps(body, sort_keys=True, ensure_ascii=False),
        "status": record.status.value,
        "void_reason": record.void_reason,
        "voided_at": record.voided_at,
        "content_sha256": record.content_sha256,
    }


def attachment_values(record: Record) -> list[dict[str, Any]]:
    """The ``attachments`` rows of a record, as ``mapping.attachment_rows`` makes them."""
    return [
        {
            "record_id": record.id,
            "position": i,
            "sha256": a.sha256,
            "filename": a.filename,
            "media_type": a.media_type,
            "size": a.size,
            "caption": a.caption,
        }
        for i, a in enumerate(record.attachments)
    ]


def signature_values(record: Record) -> list[dict[str, Any]]:
    """The ``signatures`` rows of a record, as ``mapping.signature_row`` makes them."""
    return [
        {
            "id": s.id,
            "record_id": record.id,
            "position": i,
            "signer_id": s.signer_id,
            "signer_name": s.signer_name,
            "meaning": s.meaning.value,
            "signed_at": s.signed_at,
            "image_sha256": s.image_sha256,
            "content_sha256": s.content_sha256,
        }
        for i, s in enumerate(record.signatures)
    ]


def revision_values(info: RevisionInfo, stored: StoredRevision) -> dict[str, Any]:
    """A revision exactly as another database stored it (``insert_revision_verbatim``)."""
    return {
        "entity_type": stored.entity_type,
        "entity_id": stored.entity_id,
        "revision": stored.revision,
        "event_date": info.event_date,
        "entered_at": info.entered_at,
        "reason": info.reason,
        "flags": ",".join(info.flags),
        "document": stored.document,
        "content_sha256": stored.content_sha256,
        "prev_chain_sha256": stored.prev_chain_sha256,
        "chain_sha256": stored.chain_sha256,
    }


def _batches(items: Iterable[Any]) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, BATCH)):
        yield batch


@contextmanager
def bulk_writes(uow: SqlUnitOfWork) -> Iterator[None]:
    """Around bulk inserts of records: the search index is filled once, at the end."""
    uow.session.flush()
    with fulltext.deferred_indexing(uow.session.connection()):
        yield


def insert_records(
    uow: SqlUnitOfWork, records: Iterable[Record], bodies: Mapping[str, Any] | None = None
) -> int:
    """Insert new records with their attachments, signatures and readiness projection
    rows; how many were written. ``bodies``: record id -> its body as JSON values, where
    the caller has them (see ``record_values``)."""
    session = uow.session
    written = 0
    bodies = bodies or {}
    for batch in _batches(records):
        session.execute(insert(RECORDS), [record_values(r, bodies.get(r.id)) for r in batch])
        attachments = [row for r in batch for row in attachment_values(r)]
        if attachments:
            session.execute(insert(ATTACHMENTS), attachments)
        signatures = [row for r in batch for row in signature_values(r)]
        if signatures:
            session.execute(insert(SIGNATURES), signatures)
        projection.insert_new(session, batch)
        written += len(batch)
    return written


def insert_revisions(
    uow: SqlUnitOfWork, revisions: Iterable[tuple[RevisionInfo, StoredRevision]]
) -> int:
    """Append revisions verbatim, in the order given; how many were written."""
    serialise_appends(uow.session)
    written = 0
    for batch in _batches(revisions):
        uow.session.execute(insert(REVISIONS), [revision_values(i, s) for i, s in batch])
        written += len(batch)
    return written
