"""``verify``'s check of the readiness projection: each stored row against its record's
newest revision in the chain.

The projection (``domain/projection``) is what readiness reads instead of the records, so a
row edited behind the program's back would change what the dashboard and the pack say without
touching a hashed byte. ``verify`` recomputes every row from the chain and reports a row that
disagrees, is missing, or belongs to no record, naming the record like any other tampering.

A record whose rows match its newest revision to the byte (``verify_records``) is projected
from those rows: they are the revision's data (most without decoding the body at all:
``projection.plain_row``). Any other record is decoded from the newest revision's document.
Only a digest of each expected row is kept while the records are read; a row that disagrees
is worked out again from the chain to say which columns differ.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from secor_desktop.domain import codec
from secor_desktop.domain.canonical import ENTITY_RECORD, entity_from_data, record_sheet_hash
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Attachment, Record, Signature
from secor_desktop.domain.projection import (
    COLUMNS,
    PlainSignature,
    plain_row,
    project,
    projection_row,
    row_differences,
)
from secor_desktop.domain.registry import spec_for
from secor_desktop.storage.verify_rows import AttachmentText, RecordRowText, SignatureText

Row = dict[str, Any]
Stored = tuple[Any, ...]  # a stored row's values in ``COLUMNS`` order
Problem = tuple[str, str, str]  # (record id, label, message)


def _digest(row: Row) -> bytes:
    """The row remembered by a hash of its values (text, numbers and None, as stored)."""
    values = repr(tuple([row[c] for c in COLUMNS]))
    return hashlib.blake2b(values.encode("utf-8"), digest_size=20).digest()


def record_of_rows(
    row: RecordRowText, atts: Sequence[AttachmentText], sigs: Sequence[SignatureText]
) -> Record:
    """The record its plain rows hold (rows already found equal to its newest revision)."""
    kind = RecordKind(row.kind)
    spec = spec_for(kind)
    record = Record(
        id=row.id,
        kind=kind,
        title=row.title,
        event_date=date.fromisoformat(row.event_date),
        site_id=row.site_id,
        body=codec.from_jsonable(spec.body, json.loads(row.body_json), "body"),
        attachments=tuple(
            Attachment(a.sha256, a.filename, a.media_type, a.size, a.caption) for a in sorted(atts)
        ),
        signatures=tuple(
            Signature(
                s.id,
                s.signer_id,
                s.signer_name,
                SignatureMeaning(s.meaning),
                datetime.fromisoformat(s.signed_at),
                s.image_sha256,
                s.content_sha256,
            )
            for s in sorted(sigs)
        ),
        void_reason=row.void_reason,
        voided_at=None if row.voided_at is None else datetime.fromisoformat(row.voided_at),
        content_sha256=row.content_sha256,
        sheet_sha256=row.content_sha256,
    )
    content = row.content_sha256
    if spec.signing.sheet_fields and any(s.content_sha256 != content for s in sigs):
        # Only then can a signature be on the sign-in sheet rather than the whole content.
        record = replace(record, sheet_sha256=record_sheet_hash(record))
    return record


def plain_row_of(row: RecordRowText, body: Any, signatures: list[PlainSignature]) -> Row | None:
    """The expected row from the plain rows without decoding the body, for the records
    ``projection.plain_row`` covers (None for the others: decode those). ``body`` and
    ``signatures`` (in order) are as ``verify_records.check_record`` parsed them."""
    if not isinstance(body, dict):
        return None
    return plain_row(
        row.id,
        RecordKind(row.kind),
        row.title,
        date.fromisoformat(row.event_date),
        row.site_id,
        body,
        signatures,
        row.void_reason,
        row.content_sha256,
    )


def record_of_document(document: str) -> Record | None:
    """The record a revision document holds (None when it cannot be read)."""
    try:
        entity = entity_from_data(ENTITY_RECORD, json.loads(document)["data"])
    except (ValueError, KeyError, TypeError, LookupError):
        return None
    return entity if isinstance(entity, Record) else None


class ProjectionCheck:
    """Expected rows remembered by digest while the records are read, then the stored rows
    compared. ``newest_document`` gives a record's newest revision document (or None)."""

    def __init__(self, newest_document: Callable[[str], str | None]) -> None:
        self.newest_document = newest_document
        self.expected: dict[str, tuple[bytes, str]] = {}  # record id -> (digest, label)
        self.agreed: set[str] = set()  # records whose stored row was found equal beside them

    def expect(self, record: Record | None, label: str, stored: Stored | None = None) -> None:
        if record is not None:
            self.expect_row(record.id, projection_row(project(record)), label, stored)

    def expect_row(
        self, record_id: str, row: Row, label: str, stored: Stored | None = None
    ) -> None:
        """``stored`` is the row read beside the record: when it agrees it is settled here,
        and nothing of it is kept."""
        if stored is not None and tuple([row[c] for c in COLUMNS]) == stored:
            self.agreed.add(record_id)
        else:
            self.expected[record_id] = (_digest(row), label)

    def problems(self, stored: Iterable[Stored]) -> list[Problem]:
        """Rows that differ from the chain, rows of no record, records without a row."""
        out: list[Problem] = []
        seen: set[str] = set()
        agreed = self.agreed
        for values in stored:
            record_id = str(values[0])
            if record_id in agreed:
                continue
            row = dict(zip(COLUMNS, values, strict=True))
            seen.add(record_id)
            found = self.expected.get(record_id)
            if found is None:
                out.append(
                    (
                        record_id,
                        f"readiness projection of record {record_id}",
                        "belongs to no saved record: it was added outside secor-desktop",
                    )
                )
            elif _digest(row) != found[0]:
                out.append((record_id, found[1], self._difference(record_id, row)))
        for record_id in sorted(set(self.expected) - seen):
            out.append(
                (
                    record_id,
                    self.expected[record_id][1],
                    "its readiness projection is missing: it was removed outside secor-desktop",
                )
            )
        return out

    def _difference(self, record_id: str, stored: Row) -> str:
        document = self.newest_document(record_id)
        record = record_of_document(document) if document is not None else None
        changed = (
            ", ".join(row_differences(stored, projection_row(project(record))))
            if record is not None
            else "unknown"
        )
        return (
            "its readiness projection differs from what was saved and signed "
            f"(changed: {changed or 'unknown'})"
        )
