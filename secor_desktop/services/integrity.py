"""``verify``: is every stored record still exactly what was saved and signed?

Three checks, each naming what fails: the hash chain link by link; each entity's current
tables against its newest revision; each photo and signature image against its hash.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from secor_desktop.domain.canonical import Entity, canonical_bytes, entity_data
from secor_desktop.domain.ledger import ChainHead, check_chain
from secor_desktop.domain.model import Record
from secor_desktop.services.context import ServiceContext
from secor_desktop.storage.uow import SqlUnitOfWork, current_entities


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


def verify(ctx: ServiceContext, within: SqlUnitOfWork | None = None) -> VerifyReport:
    """Check everything; ``within`` reads inside that unit of work (the evidence pack reads
    what it prints in the same snapshot, so nothing can change between the check and the print).
    """
    problems: list[IntegrityProblem] = []
    opened: AbstractContextManager[SqlUnitOfWork] = (
        nullcontext(within) if within is not None else ctx.uow()
    )
    with opened as uow:
        head, chain_problems = check_chain(uow.stored_revisions())
        latest = uow.latest_documents()
        seen: set[tuple[str, str]] = set()
        blob_refs: dict[str, str] = {}
        count = 0
        labels: dict[tuple[str, str], str] = {}
        for cur in current_entities(uow):
            count += 1
            key = (cur.entity_type, cur.entity_id)
            seen.add(key)
            labels[key] = cur.label

            messages = list(cur.problems)
            doc = latest.get(key)
            if cur.entity is not None and doc is None:
                messages = ["has no saved revision: it was added outside secor-desktop"]
            elif cur.entity is not None and doc is not None:
                diff = _compare(cur.entity, doc)
                if diff:
                    # The field-level difference says it all; hash and status notes follow from it.
                    messages = [diff]
            problems.extend(
                IntegrityProblem(cur.entity_type, cur.entity_id, cur.label, m) for m in messages
            )
            if isinstance(cur.entity, Record):
                for a in cur.entity.attachments:
                    blob_refs.setdefault(a.sha256, f"{cur.label}: attachment {a.filename}")
                for s in cur.entity.signatures:
                    blob_refs.setdefault(
                        s.image_sha256, f"{cur.label}: signature of {s.signer_name}"
                    )
        # The ledger's problems first, each naming the revision and the item it belongs to.
        problems[:0] = [
            IntegrityProblem(
                cp.entity_type,
                cp.entity_id,
                f"revision #{cp.seq} of "
                + labels.get((cp.entity_type, cp.entity_id), cp.entity_type.replace("_", " ")),
                cp.message,
            )
            for cp in chain_problems
        ]
        for key in sorted(set(latest) - seen):
            problems.append(
                IntegrityProblem(
                    key[0], key[1], f"{key[0]} {key[1]}", "was removed from the tables"
                )
            )
    for sha, label in sorted(blob_refs.items(), key=lambda kv: kv[1]):
        trouble = ctx.blobs.check(sha)
        if trouble:
            problems.append(IntegrityProblem("file", sha, label, trouble))
    return VerifyReport(head, count, len(blob_refs), problems)
