"""What the "Health and Safety Program" manual holds: each document in force, as signed.

A document in force is the newest *signed* version of each document record. When a signed
document has since been changed (a new draft, not yet signed again), the manual prints the
version that was signed, found by walking the record's revisions back, and says a newer
draft exists; workers and clients read what the owner approved, never an unsigned edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from secor_desktop.domain.bodies import DocumentBody
from secor_desktop.domain.canonical import ENTITY_RECORD, entity_from_data
from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.kinds import RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.months import add_months
from secor_desktop.export.manual_model import Manual, ManualDocument
from secor_desktop.services.context import ServiceContext

if TYPE_CHECKING:  # the type only: SQLAlchemy is imported at the first query
    from secor_desktop.storage.uow import SqlUnitOfWork

ACK = SignatureMeaning.ACKNOWLEDGED
REVIEW_MONTHS = 12


def review_due_of(record: Record) -> date:
    """The document's own review date, else a year after it was last signed or dated."""
    body = record.body
    if isinstance(body, DocumentBody) and body.review_due is not None:
        return body.review_due
    signed = [s.signed_at.date() for s in record.current_signatures]
    return add_months(max([record.event_date, *signed]), REVIEW_MONTHS)


def last_signed(uow: SqlUnitOfWork, record: Record) -> Record | None:
    """The record as it stood at its newest signed revision (None if never signed)."""
    for info in reversed(uow.revision_infos(ENTITY_RECORD, record.id)):
        text = uow.revision_document(ENTITY_RECORD, record.id, info.revision)
        if text is None:
            continue
        old = entity_from_data(ENTITY_RECORD, json.loads(text)["data"])
        if isinstance(old, Record) and old.status is RecordStatus.SIGNED:
            return old
    return None


def _printed(record: Record, names: dict[str, str], newer_draft: bool) -> ManualDocument:
    body = record.body
    assert isinstance(body, DocumentBody)
    sigs = record.current_signatures
    approval = next(
        (s for s in sigs if s.signer_id == body.owner_id and s.meaning is not ACK),
        next((s for s in sigs if s.meaning is not ACK), None),
    )
    return ManualDocument(
        title=record.title,
        version=body.version,
        text=body.text,
        approved_by=approval.signer_name if approval else "",
        approved_on=approval.signed_at.date() if approval else None,
        review_due=review_due_of(record),
        acknowledged_by=tuple(s.signer_name for s in sigs if s.meaning is ACK),
        covers=tuple(names.get(c, c) for c in body.covers),
        newer_draft=newer_draft,
    )


def build_manual(ctx: ServiceContext, pack: FrameworkPack | None, names: dict[str, str]) -> Manual:
    """Every document in force, ordered as the framework lists what they answer."""
    with ctx.uow() as uow:
        company = uow.get_company()
        return manual_in(
            uow,
            uow.list_records(RecordKind.DOCUMENT),
            company.name if company else "",
            ctx.clock.today(),
            pack,
            names,
        )


def manual_in(
    uow: SqlUnitOfWork,
    records: Iterable[Record],
    company_name: str,
    made_on: date,
    pack: FrameworkPack | None,
    names: dict[str, str],
) -> Manual:
    """The manual of these records (documents among them), read in the caller's unit of
    work: the prequalification pack passes the records it has just verified."""
    order = [d.id for e in pack.elements for d in e.directive_documents] if pack else []
    ranked: list[tuple[int, str, ManualDocument]] = []
    drafts: list[str] = []
    for record in records:
        if record.kind is not RecordKind.DOCUMENT:
            continue
        if record.void_reason is not None or not isinstance(record.body, DocumentBody):
            continue
        newer_draft = record.status is not RecordStatus.SIGNED
        in_force = last_signed(uow, record) if newer_draft else record
        if in_force is None:
            drafts.append(record.title)
            continue
        assert isinstance(in_force.body, DocumentBody)
        covers = in_force.body.covers
        rank = min((order.index(c) for c in covers if c in order), default=len(order))
        ranked.append((rank, in_force.title, _printed(in_force, names, newer_draft)))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return Manual(
        company_name=company_name,
        made_on=made_on,
        documents=tuple(doc for _, _, doc in ranked),
        drafts_left_out=tuple(sorted(drafts)),
    )
