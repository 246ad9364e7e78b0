"""The canonical form that is hashed, and the hash chain that links every revision.

Documented in docs/integrity.md so an auditor can recompute it in any language:

* canonical bytes = JSON with keys sorted, no insignificant white space, UTF-8, non-ASCII
  characters written as themselves (not ``\\u`` escapes), no floats;
* a revision document is ``{"format", "entity", "id", "revision", "event_date",
  "entered_at", "reason", "data"}``; its content hash is SHA-256 of its canonical bytes;
* chain hash = SHA-256 of (previous chain hash as 32 raw bytes + content hash as 32 raw bytes),
  starting from 32 zero bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from secor_desktop.domain import codec
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import (
    Attachment,
    Company,
    CorrectiveAction,
    Record,
    Signature,
    Site,
    Worker,
)
from secor_desktop.domain.registry import spec_for, spec_of_body

REVISION_FORMAT = "secor-revision/1"
GENESIS = "0" * 64


def canonical_bytes(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def chain_next(prev_chain: str, content_sha256: str) -> str:
    return hashlib.sha256(bytes.fromhex(prev_chain) + bytes.fromhex(content_sha256)).hexdigest()


# --- entity <-> data -------------------------------------------------------------------

ENTITY_COMPANY = "company"
ENTITY_SITE = "site"
ENTITY_WORKER = "worker"
ENTITY_RECORD = "record"
ENTITY_ACTION = "corrective_action"
ENTITY_EVALUATION = "self_evaluation"
ENTITY_TYPES = (
    ENTITY_COMPANY,
    ENTITY_SITE,
    ENTITY_WORKER,
    ENTITY_RECORD,
    ENTITY_ACTION,
    ENTITY_EVALUATION,
)
COMPANY_ID = "company"

Entity = Company | Site | Worker | Record | CorrectiveAction | SelfEvaluation


def record_content(record: Record) -> dict[str, Any]:
    """What a signature signs: everything but the signatures, the void mark and the hash."""
    return {
        "id": record.id,
        "kind": record.kind.value,
        "title": record.title,
        "event_date": record.event_date.isoformat(),
        "site_id": record.site_id,
        "body": codec.to_jsonable(record.body),
        "attachments": codec.to_jsonable(record.attachments),
    }


def record_content_hash(record: Record) -> str:
    return sha256_hex(canonical_bytes(record_content(record)))


def record_hashes(record: Record) -> tuple[str, str]:
    """The content hash and the sign-in sheet hash (the same for kinds without a sheet)."""
    return _hashes_of(record_content(record), record)


def _hashes_of(content: dict[str, Any], record: Record) -> tuple[str, str]:
    content_sha = sha256_hex(canonical_bytes(content))
    return content_sha, _sheet_hash(content, record) or content_sha


def record_sheet_hash(record: Record) -> str:
    """The sign-in sheet hash alone, for a record loaded with its stored content hash."""
    return _sheet_hash(record_content(record), record) or record.content_sha256


def _sheet_hash(content: dict[str, Any], record: Record) -> str | None:
    """SHA-256 of the content without the body's sign-in lists; None for kinds without any."""
    sheet_fields = spec_of_body(record.body).signing.sheet_fields
    if not sheet_fields:
        return None
    body = {k: v for k, v in content["body"].items() if k not in sheet_fields}
    return sha256_hex(canonical_bytes({**content, "body": body}))


def entity_data(entity: Entity) -> dict[str, Any]:
    """The data part of a revision document for any entity."""
    if isinstance(entity, Record):
        data = record_content(entity)
        data["signatures"] = codec.to_jsonable(entity.signatures)
        data["void_reason"] = entity.void_reason
        data["voided_at"] = entity.voided_at.isoformat() if entity.voided_at else None
        return data
    result: dict[str, Any] = codec.to_jsonable(entity)
    return result


def entity_type_of(entity: Entity) -> str:
    if isinstance(entity, Record):
        return ENTITY_RECORD
    if isinstance(entity, Worker):
        return ENTITY_WORKER
    if isinstance(entity, Site):
        return ENTITY_SITE
    if isinstance(entity, CorrectiveAction):
        return ENTITY_ACTION
    if isinstance(entity, SelfEvaluation):
        return ENTITY_EVALUATION
    return ENTITY_COMPANY


def entity_id_of(entity: Entity) -> str:
    return COMPANY_ID if isinstance(entity, Company) else entity.id


def entity_from_data(entity_type: str, data: dict[str, Any]) -> Entity:
    """Rebuild an entity from revision data (used by import and by history views)."""
    if entity_type == ENTITY_RECORD:
        return record_from_data(data)[0]
    types_: dict[str, type[Company | Site | Worker | CorrectiveAction | SelfEvaluation]] = {
        ENTITY_COMPANY: Company,
        ENTITY_SITE: Site,
        ENTITY_WORKER: Worker,
        ENTITY_ACTION: CorrectiveAction,
        ENTITY_EVALUATION: SelfEvaluation,
    }
    if entity_type not in types_:
        raise codec.DecodeError(f"unknown entity type {entity_type!r}")
    return codec.from_jsonable(types_[entity_type], data, entity_type)


def record_from_data(data: dict[str, Any]) -> tuple[Record, Any]:
    """A record rebuilt from revision data with its hashes, and its body as the JSON values
    that were hashed (what a records row stores): an import encodes each body once."""
    if not isinstance(data, dict):
        raise codec.DecodeError("record: expected an object")
    kind = codec.from_jsonable(RecordKind, data.get("kind"), "record.kind")
    shell_data = {k: v for k, v in data.items() if k not in ("body", "kind")}
    shell = codec.from_jsonable(_RecordShell, shell_data, "record")
    body = codec.from_jsonable(spec_for(kind).body, data.get("body"), "record.body")
    built = Record(
        id=shell.id,
        kind=kind,
        title=shell.title,
        event_date=shell.event_date,
        site_id=shell.site_id,
        body=body,
        attachments=shell.attachments,
        signatures=shell.signatures,
        void_reason=shell.void_reason,
        voided_at=shell.voided_at,
    )
    content = record_content(built)
    content_sha, sheet_sha = _hashes_of(content, built)
    return replace(built, content_sha256=content_sha, sheet_sha256=sheet_sha), content["body"]


def with_content_hash(record: Record) -> Record:
    """Return the record with ``content_sha256`` (and its sheet hash) computed from its content."""
    content_sha, sheet_sha = record_hashes(record)
    return replace(record, content_sha256=content_sha, sheet_sha256=sheet_sha)


@dataclass(frozen=True)
class _RecordShell:
    id: str
    title: str
    event_date: date
    site_id: str | None
    attachments: tuple[Attachment, ...]
    signatures: tuple[Signature, ...]
    void_reason: str | None
    voided_at: datetime | None


# --- revision documents ----------------------------------------------------------------


def revision_document(
    entity_type: str,
    entity_id: str,
    revision: int,
    event_date: date | None,
    entered_at: datetime,
    reason: str | None,
    data: dict[str, Any],
) -> dict[str, Any]:
    return {
        "format": REVISION_FORMAT,
        "entity": entity_type,
        "id": entity_id,
        "revision": revision,
        "event_date": event_date.isoformat() if event_date else None,
        "entered_at": entered_at.isoformat(),
        "reason": reason,
        "data": data,
    }
